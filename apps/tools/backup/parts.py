"""What a backup holds, in order (parents before children): one ``Part`` per model with the
selector that finds the organisation-year's rows, the fields that are written, and the natural keys
that match plan rows already in the database on ``--replace``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from apps.agreements.models import PerjanjianKinerja
from apps.planning.models import Renstra

Selector = Callable[[Any, int, dict[str, list[int]]], "dict[str, Any] | models.QuerySet[Any]"]


@dataclass(frozen=True)
class Part:
    label: str  # "app_label.modelname"
    select: Selector  # filters (or a queryset) given the organisation, the year and the ids already chosen
    plan: bool = False  # part of the Renstra tree (matched by natural key on --replace)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


def _renstra(org: Any, year: int, ids: dict[str, list[int]]) -> models.QuerySet[Any]:
    used = PerjanjianKinerja.objects.filter(organisation=org, year=year).values("renstra_id")
    return Renstra.objects.filter(Q(organisation=org, start_year__lte=year, end_year__gte=year) | Q(pk__in=used))


def _children(parent: str, lookup: str) -> Selector:
    return lambda org, year, ids: {lookup: ids[parent]}


def _in_plan(lookup: str = "renstra__in") -> Selector:
    return _children("planning.renstra", lookup)


def _org_year(lookup: str = "organisation", year_field: str = "year") -> Selector:
    return lambda org, year, ids: {lookup: org, year_field: year}


PARTS: list[Part] = [
    Part("planning.renstra", _renstra, plan=True),
    Part("planning.tujuan", _in_plan(), plan=True),
    Part("planning.sasaran", _in_plan(), plan=True),
    Part("planning.strategikebijakan", _in_plan(), plan=True),  # strategi and arah kebijakan (BAB II A), by sasaran
    Part("planning.program", _in_plan(), plan=True),
    Part("planning.kegiatan", _in_plan(), plan=True),
    Part("planning.subkegiatan", _in_plan(), plan=True),
    Part("planning.indicator", _in_plan(), plan=True),
    Part("planning.indicatortarget", _children("planning.indicator", "indicator__in"), plan=True),
    Part("planning.aspectscale", _children("planning.indicator", "indicator__in"), plan=True),
    Part("planning.indicatoraspect", _children("planning.indicator", "indicator__in"), plan=True),
    Part("planning.comparisonfigure", _org_year("indicator__organisation")),
    Part("organisations.staffcomposition", _org_year(year_field="as_of__year")),
    Part("organisations.staffcount", _children("organisations.staffcomposition", "composition__in")),
    Part("organisations.staffeseloncount", _children("organisations.staffcomposition", "composition__in")),
    Part("organisations.staffunitcount", _children("organisations.staffcomposition", "composition__in")),
    Part("organisations.staffpost", _children("organisations.staffcomposition", "composition__in")),
    Part("agreements.perjanjiankinerja", _org_year()),
    Part("agreements.pkitem", _children("agreements.perjanjiankinerja", "agreement__in")),
    Part("agreements.pkprogrambudget", _children("agreements.perjanjiankinerja", "agreement__in")),
    Part("realisations.realisation", _org_year("indicator__organisation")),
    Part("realisations.evidence", _children("realisations.realisation", "realisation__in")),
    Part("realisations.servicescore", _org_year("indicator__organisation")),
    Part("realisations.aspectscore", _org_year("aspect__indicator__organisation")),
    Part("budgets.dpaversion", _org_year()),
    Part("budgets.dpaline", _children("budgets.dpaversion", "version__in")),
    Part("budgets.dpalineakun", _children("budgets.dpaline", "line__in")),
    Part("budgets.realisasianggaran", _org_year()),
    Part("budgets.pendapatan", _org_year()),
    Part("budgets.dokumenanggaran", _org_year()),
    Part("budgets.belanjaakun", _children("budgets.dokumenanggaran", "dokumen__in")),
    Part("reports.report", _org_year()),
    Part("reports.narrativesection", _children("reports.report", "report__in")),
    Part("reports.reportevent", _children("reports.report", "report__in")),
    Part("reports.reportsnapshot", _children("reports.report", "report__in")),
    Part("reports.reviewnote", _children("reports.report", "report__in")),
    Part("reports.sakipevaluation", _org_year()),
    Part("reports.recommendation", _children("reports.sakipevaluation", "evaluation__in")),
    Part("reports.followup", _children("reports.recommendation", "recommendation__in")),
    Part("reports.sarprasitem", _org_year()),
    Part("reports.penghargaan", _org_year()),
    Part("reports.rbevaluation", _org_year()),
    Part("reports.rbcomponent", _children("reports.rbevaluation", "evaluation__in")),
]
LABELS = {p.label for p in PARTS}


def queryset(part: Part, org: Any, year: int, ids: dict[str, list[int]]) -> models.QuerySet[Any]:
    result = part.select(org, year, ids)
    if isinstance(result, dict):
        return part.model._default_manager.filter(**result)
    return result


def concrete_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def m2m_fields(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    return [f for f in model._meta.many_to_many if f.related_model._meta.label_lower in LABELS]


def _code_or_text(values: dict[str, Any]) -> tuple[str, str]:
    code = values.get("code") or ""
    if code:
        return ("code", str(code))
    return ("text", str(values.get("text") or values.get("name") or values.get("strategi") or ""))


#: The plan rows that hang on an indicator, and what identifies one besides its indicator.
INDICATOR_CHILD_KEYS: dict[str, tuple[str, ...]] = {
    "planning.indicatortarget": ("year",),
    "planning.aspectscale": (),
    "planning.indicatoraspect": ("name",),
}


def natural_key(label: str, values: dict[str, Any], instances: dict[str, dict[int, Any]]) -> Any:
    if label == "planning.renstra":
        return (values.get("start_year"), values.get("end_year"), values.get("version_number"))
    if label in INDICATOR_CHILD_KEYS:
        indicator = values.get("indicator", "")
        _l, _s, ref = str(indicator).partition(":")
        obj = instances.get("planning.indicator", {}).get(int(ref)) if ref.isdigit() else None
        return (obj.pk if obj else None, *(values.get(f) for f in INDICATOR_CHILD_KEYS[label]))
    renstra = values.get("renstra", "")
    _l, _s, ref = str(renstra).partition(":")
    obj = instances.get("planning.renstra", {}).get(int(ref)) if ref.isdigit() else None
    extra = (values.get("level"),) if label == "planning.indicator" else ()
    return (obj.pk if obj else None, *extra, *_code_or_text(values))


def natural_key_of(label: str, obj: Any) -> Any:
    if label == "planning.renstra":
        return (obj.start_year, obj.end_year, obj.version_number)
    if label in INDICATOR_CHILD_KEYS:
        return (obj.indicator_id, *(getattr(obj, f) for f in INDICATOR_CHILD_KEYS[label]))
    extra = (obj.level,) if label == "planning.indicator" else ()
    return (
        obj.renstra_id,
        *extra,
        *_code_or_text(
            {
                "code": obj.code,
                "text": getattr(obj, "text", None),
                "name": getattr(obj, "name", None),
                "strategi": getattr(obj, "strategi", None),
            }
        ),
    )
