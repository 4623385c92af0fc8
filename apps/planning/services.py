"""Writes of the Renstra (convention 2): keyword-only, full_clean before save, atomic."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Model, ProtectedError, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from apps.core import locks
from apps.organisations.models import Organisation

from .models import (
    ASPECT_WEIGHT_POSITIVE,
    ASPECT_WEIGHT_SUM,
    CAPAIAN_TARGET,
    DISCONTINUED_TARGET,
    RANGE_MIN_ABOVE_MAX,
    AspectScale,
    Indicator,
    IndicatorAspect,
    IndicatorTarget,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    StrategiKebijakan,
    SubKegiatan,
    Tujuan,
)

ASPECTS_NOT_ASPECT_INDEX = _("Ubah cara pengukuran indikator menjadi «Indeks beraspek» terlebih dahulu.")
ASPECTS_EMPTY = _("Isi sedikitnya satu aspek.")
ASPECTS_DUPLICATE = _("Nama aspek «%(name)s» tercantum lebih dari sekali.")
ASPECTS_SCORED = _(
    "Skor aspek sudah diisi (tahun %(years)s): skala, bobot, perhitungan dan jumlah aspek tidak dapat diubah lagi; "
    "nama aspek dan arti tingkat skor tetap dapat diubah."
)
NODE_IN_USE = _("Data ini sudah dipakai di Perjanjian Kinerja atau realisasi sehingga tidak dapat dihapus.")


def is_frozen(exc: ValidationError) -> bool:
    """Whether ``exc`` is the freeze's refusal (code ``frozen``, apps.core.locks)."""
    return locks.is_frozen(exc)


def assert_renstra_editable(*, renstra: Renstra) -> None:
    """Refuse (ValidationError, code ``frozen``) when a submitted or approved report reads this Renstra
    through the PK of its year; a Renstra perubahan (renstra_revise) stays possible. The organisation's
    report rows are locked first, so a submission cannot slip in between this check and the write."""
    # The frozen period is the reports app's concept, asked through apps.core.locks (its model signal guards too).
    locks.lock_reports(organisation_id=renstra.organisation_id)
    locks.assert_renstra_editable(renstra.pk)


def _assert_target_years_editable(*, indicator: Indicator, years: list[int]) -> None:
    for year in sorted(years):
        locks.assert_editable(indicator.renstra.organisation_id, year, 1)


def _definition_changed(indicator: Indicator) -> bool:
    stored = Indicator.objects.filter(pk=indicator.pk).values().first()
    if stored is None:
        return True
    fields = [f.attname for f in Indicator._meta.concrete_fields if f.attname not in ("created_at", "updated_at")]
    return any(getattr(indicator, f) != stored[f] for f in fields)


@transaction.atomic
def renstra_create(*, organisation: Organisation, renstra: Renstra) -> Renstra:
    """A new Renstra version; when it is active, the other versions of the same period stop being active."""
    renstra.organisation = organisation
    renstra.full_clean()
    renstra.save()
    if renstra.is_active:
        Renstra.objects.filter(organisation=organisation, start_year=renstra.start_year, end_year=renstra.end_year).exclude(
            pk=renstra.pk
        ).update(is_active=False)
    return renstra


@transaction.atomic
def plan_node_save(*, node: Model, sasaran: Any = None) -> Model:
    """Save a tujuan, sasaran, program, kegiatan or sub kegiatan; a program's sasaran are set too.
    Refused while a frozen report reads the Renstra."""
    assert_renstra_editable(renstra=node.renstra)
    node.full_clean()
    node.save()
    if isinstance(node, Program) and sasaran is not None:
        node.sasaran.set(sasaran)
    return node


@transaction.atomic
def plan_node_delete(*, node: Model) -> None:
    assert_renstra_editable(renstra=node.renstra)
    try:
        node.delete()
    except ProtectedError:
        raise ValidationError(NODE_IN_USE) from None


@transaction.atomic
def indicator_save(*, indicator: Indicator, targets: dict[int, tuple[Decimal | None, Decimal | None]]) -> Indicator:
    """Save the definition and the yearly Renstra targets (a blank year has no target row).

    Only what changed is written, all or nothing: the definition is Renstra-wide (refused while a frozen
    report reads the Renstra), a target belongs to its year (refused while a report of that year is
    frozen), so the targets of an open year can still be set when the Renstra is in use."""
    indicator.organisation = indicator.renstra.organisation
    if indicator.pk is None or _definition_changed(indicator):
        assert_renstra_editable(renstra=indicator.renstra)
        changed = True
    else:
        locks.lock_reports(organisation_id=indicator.organisation_id)
        changed = False
    stored = {t.year: t for t in IndicatorTarget.objects.filter(indicator=indicator)} if indicator.pk else {}
    writes: dict[int, tuple[Decimal | None, Decimal | None]] = {}
    for year, (value, value_max) in targets.items():
        if value is not None and value_max is not None and value > value_max:
            raise ValidationError(RANGE_MIN_ABOVE_MAX)
        if (value is not None or value_max is not None) and not indicator.measured_in(year):
            raise ValidationError({f"target_{year}": DISCONTINUED_TARGET % {"last": indicator.discontinued_after, "year": year}})
        if indicator.measurement == Indicator.Measurement.CAPAIAN and value is not None and value != 100:
            raise ValidationError({f"target_{year}": CAPAIAN_TARGET % {"year": year}})
        old = stored.get(year)
        current = (old.value, old.value_max) if old else (None, None)
        if current != (value, value_max):
            writes[year] = (value, value_max)
    _assert_target_years_editable(indicator=indicator, years=list(writes))
    if changed:
        indicator.full_clean()
        indicator.save()
    for year, (value, value_max) in writes.items():
        if value is None and value_max is None:
            IndicatorTarget.objects.filter(indicator=indicator, year=year).delete()
        else:
            IndicatorTarget.objects.update_or_create(indicator=indicator, year=year, defaults={"value": value, "value_max": value_max})
    return indicator


@transaction.atomic
def renstra_revise(*, renstra: Renstra, legal_basis: str = "") -> Renstra:
    """Start a Renstra perubahan: a deep copy of the tree, its indicators and targets, as the new active version."""
    nodes: dict[tuple[str, int], Model] = {}
    last = Renstra.objects.filter(organisation=renstra.organisation, start_year=renstra.start_year, end_year=renstra.end_year)
    number = max(r.version_number for r in last) + 1
    new = Renstra.objects.get(pk=renstra.pk)
    new.pk = None
    new.version_kind = Renstra.VersionKind.PERUBAHAN
    new.version_number = number
    new.legal_basis = legal_basis
    new.is_active = True
    renstra_create(organisation=renstra.organisation, renstra=new)

    def clone(obj: Model, **changes: Any) -> Model:
        old_pk = obj.pk
        obj.pk = None
        obj.id = None  # type: ignore[attr-defined]
        obj._state.adding = True
        for k, v in changes.items():
            setattr(obj, k, v)
        obj.save()
        nodes[(type(obj).__name__, old_pk)] = obj
        return obj

    for t in Tujuan.objects.filter(renstra=renstra):
        clone(t, renstra=new)
    for s in Sasaran.objects.filter(renstra=renstra):
        clone(s, renstra=new, tujuan=nodes[("Tujuan", s.tujuan_id)])
    for st in StrategiKebijakan.objects.filter(renstra=renstra):
        clone(st, renstra=new, sasaran=nodes[("Sasaran", st.sasaran_id)] if st.sasaran_id else None)
    for p in Program.objects.filter(renstra=renstra).prefetch_related("sasaran"):
        old_sasaran = [s.pk for s in p.sasaran.all()]
        clone(p, renstra=new)
        p.sasaran.set([nodes[("Sasaran", pk)] for pk in old_sasaran])
    for k in Kegiatan.objects.filter(renstra=renstra):
        clone(k, renstra=new, program=nodes[("Program", k.program_id)])
    for sk in SubKegiatan.objects.filter(renstra=renstra):
        clone(sk, renstra=new, kegiatan=nodes[("Kegiatan", sk.kegiatan_id)])
    parents = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "SubKegiatan"}
    for ind in Indicator.objects.filter(renstra=renstra).prefetch_related("targets", "aspects").select_related("aspect_scale"):
        targets = list(ind.targets.all())
        aspects = list(ind.aspects.all())
        scale = getattr(ind, "aspect_scale", None)
        parent_id = getattr(ind, f"{ind.level}_id")
        clone(ind, renstra=new, **{ind.level: nodes[(parents[ind.level], parent_id)]})
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(indicator=ind, year=t.year, value=t.value, value_max=t.value_max) for t in targets
        )
        if scale is not None:
            clone(scale, indicator=ind)
        IndicatorAspect.objects.bulk_create(IndicatorAspect(indicator=ind, name=a.name, weight=a.weight, order=a.order) for a in aspects)
    return new


@transaction.atomic
def indicator_aspects_set(
    *,
    indicator: Indicator,
    score_min: Decimal,
    score_max: Decimal,
    weight_basis: str,
    factor_percent: Decimal | None,
    levels: str,
    aspects: list[tuple[str, Decimal]],
) -> AspectScale:
    """The aspects (name, bobot, in order) and the scoring scale of an "indeks beraspek" indicator (issue 18),
    all or nothing: each bobot positive and together equal to the basis (100 % or 1), the scale's minimum not
    above its maximum, the perhitungan aspek percentage positive. Refused while a frozen report reads the
    Renstra; once scores are entered (realisations.AspectScore) only the names and the levels' meaning may
    change, so a stored realisation never disagrees with its aspects."""
    if not indicator.is_aspect_index:
        raise ValidationError(ASPECTS_NOT_ASPECT_INDEX)
    assert_renstra_editable(renstra=indicator.renstra)
    if not aspects:
        raise ValidationError({"aspects": ASPECTS_EMPTY})
    names = [" ".join(name.split()) for name, _w in aspects]
    for name in names:
        if names.count(name) > 1:
            raise ValidationError({"aspects": ASPECTS_DUPLICATE % {"name": name}})
    weights = [w for _n, w in aspects]
    if any(w is None or w <= 0 for w in weights):
        raise ValidationError({"aspects": ASPECT_WEIGHT_POSITIVE})
    scale = AspectScale.objects.filter(indicator=indicator).first() or AspectScale(indicator=indicator)
    old = (scale.score_min, scale.score_max, scale.weight_basis, scale.factor_percent) if scale.pk else None
    scale.score_min, scale.score_max, scale.weight_basis = score_min, score_max, weight_basis
    scale.factor_percent, scale.levels = factor_percent, levels.strip()
    scale.full_clean()
    total = sum(weights, Decimal(0))
    if total != scale.weight_total:
        raise ValidationError({"aspects": ASPECT_WEIGHT_SUM % {"total": scale.weight_basis, "sum": total.normalize()}})
    existing = list(IndicatorAspect.objects.filter(indicator=indicator).order_by("order", "pk"))
    years = sorted({y for a in existing for y in a.scores.values_list("year", flat=True)})  # type: ignore[attr-defined]
    if years:
        same = old == (score_min, score_max, weight_basis, factor_percent) and [a.weight for a in existing] == weights
        if not same:
            raise ValidationError(ASPECTS_SCORED % {"years": ", ".join(str(y) for y in years)})
    scale.save()
    IndicatorAspect.objects.filter(pk__in=[a.pk for a in existing[len(aspects) :]]).delete()
    # Names move by position: a temporary name first, so a swap of two names meets no unique constraint.
    IndicatorAspect.objects.filter(pk__in=[a.pk for a in existing[: len(aspects)]]).update(name=Concat(Value("~"), Cast("pk", CharField())))
    for i, (name, weight) in enumerate(zip(names, weights, strict=True)):
        aspect = existing[i] if i < len(existing) else IndicatorAspect(indicator=indicator)
        aspect.name, aspect.weight, aspect.order = name, weight, i
        aspect.full_clean()
        aspect.save()
    return scale
