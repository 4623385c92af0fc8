"""SAKIP evaluation (Inspektorat) and tindak lanjut (kecamatan): services and the figures they show."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps import calculations as calc
from apps.accounts.models import Membership, Role
from apps.accounts.notifications import notify
from apps.performance.scales_catalogue import AKIP_COMPONENT_WEIGHTS
from apps.performance.selectors import scale_for

from .models import FollowUp, Recommendation, SakipEvaluation

SCORE_RANGE = _("Nilai komponen %(c)s harus antara 0 dan %(w)s.")
TOTAL_RANGE = _("Nilai AKIP harus antara 0 dan %(w)s.")


def nilai(evaluation: SakipEvaluation) -> tuple[calc.Result, calc.Band | None]:
    """Nilai AKIP (sum of components, or the LHE's nilai when it states none) and its predikat on the pemda's AKIP scale."""
    result = nilai_akip(evaluation)
    scale = scale_for(pemda=evaluation.organisation.pemda, use="akip")
    return result, (calc.categorise(scale, result, places=2) if scale else None)


def nilai_akip(evaluation: SakipEvaluation) -> calc.Result:
    """Nilai AKIP of an evaluation: the sum of its four components, or the total of an LHE that states none (seed 001)."""
    return calc.akip_score(evaluation.scores(), AKIP_COMPONENT_WEIGHTS, total=evaluation.total)


@transaction.atomic
def evaluation_save(*, organisation: Any, year: int, user: Any, fields: dict[str, Any], recommendations: list[str]) -> SakipEvaluation:
    """Record (or correct) the evaluation of ``year`` and replace its recommendations; existing tindak lanjut of a
    recommendation whose text is unchanged are kept."""
    if not user.has_role(Role.INSPEKTORAT, organisation):
        raise PermissionDenied
    for code, weight in AKIP_COMPONENT_WEIGHTS.items():
        for key in (code, f"{code}_lke", f"{code}_lapangan"):
            value = fields.get(key)
            if value is not None and not (0 <= value <= weight):
                raise ValidationError({key: SCORE_RANGE % {"c": code, "w": weight}})
    top = sum(AKIP_COMPONENT_WEIGHTS.values())
    if fields.get("total") is not None and not (0 <= fields["total"] <= top):
        raise ValidationError({"total": TOTAL_RANGE % {"w": top}})
    evaluation, _created = SakipEvaluation.objects.get_or_create(organisation=organisation, year=year)
    for k, v in fields.items():
        setattr(evaluation, k, v)
    evaluation.evaluator = user
    evaluation.full_clean()
    evaluation.save()
    old = {r.text: r for r in evaluation.recommendations.all()}
    keep = []
    for n, text in enumerate([t.strip() for t in recommendations if t.strip()], start=1):
        rec = old.pop(text, None) or Recommendation(evaluation=evaluation, text=text, number=n)
        rec.number = n
        rec.save()
        keep.append(rec.pk)
    Recommendation.objects.filter(evaluation=evaluation).exclude(pk__in=keep).delete()
    operators = [
        m.user
        for m in Membership.objects.filter(organisation=organisation, role__in=[Role.OPERATOR, Role.CAMAT], is_active=True).select_related(
            "user"
        )
    ]
    notify(operators, f"Hasil evaluasi SAKIP {year} {organisation} dicatat Inspektorat; isi tindak lanjut setiap rekomendasi.")
    return evaluation


@transaction.atomic
def follow_up_save(*, recommendation: Recommendation, user: Any, data: dict[str, Any]) -> FollowUp:
    if not user.has_role(Role.OPERATOR, recommendation.evaluation.organisation):
        raise PermissionDenied
    obj, _created = FollowUp.objects.get_or_create(recommendation=recommendation)
    for k in ("rencana_aksi", "hasil", "waktu", "penanggung_jawab", "state"):
        setattr(obj, k, data.get(k, getattr(obj, k)))
    obj.updated_by = user
    obj.full_clean()
    obj.save()
    return obj
