"""Writes of the Perjanjian Kinerja (convention 2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.core import locks
from apps.organisations.models import Organisation
from apps.planning.models import RANGE_MIN_ABOVE_MAX, Indicator, IndicatorTarget, Level, Renstra

from .models import PerjanjianKinerja, PKItem, PKProgramBudget

TW_NOT_CUMULATIVE = _(
    "Target s/d TW %(q)s (%(v)s) lebih kecil dari target s/d TW %(p)s (%(pv)s): target triwulan indikator kumulatif tidak boleh turun."
)
TW_PERCENT_RANGE = _("Target triwulan dalam persen harus antara 0 dan 100.")
PK_EXISTS = _("PK tahun %(y)s versi ini sudah ada.")
PK_DISCONTINUED = _("Indikator ini dihentikan setelah tahun %(last)s: tidak dapat masuk PK tahun %(year)s.")
NO_ACTIVE_RENSTRA = _("Tidak ada Renstra berlaku yang mencakup tahun %(y)s.")

# Which indicators a new PK starts with: the sasaran-level indicators (IKU first) and the program indicators.
PK_LEVELS = [Level.SASARAN, Level.PROGRAM]


def _validate_item(item: PKItem) -> None:
    errors: dict[str, list[str]] = {}
    ind = item.indicator
    if ind.direction == Indicator.Direction.RANGE:
        if item.annual_target is not None and item.annual_target_max is not None and item.annual_target > item.annual_target_max:
            errors.setdefault("annual_target_max", []).append(str(RANGE_MIN_ABOVE_MAX))
    elif item.annual_target_max is not None:
        errors.setdefault("annual_target_max", []).append(str(_("Target maks hanya untuk indikator dengan target rentang.")))
    values = item.quarter_targets()
    if item.quarter_mode == PKItem.QuarterMode.PERCENT:
        for q, v in enumerate(values, start=1):
            if v is not None and not (Decimal(0) <= v <= Decimal(100)):
                errors.setdefault(f"tw{q}", []).append(str(TW_PERCENT_RANGE))
    cumulative = ind.aggregation == Indicator.Aggregation.CUMULATIVE_SUM or item.quarter_mode == PKItem.QuarterMode.PERCENT
    if cumulative:
        previous: tuple[int, Decimal] | None = None
        for q, v in enumerate(values, start=1):
            if v is None:
                continue
            if previous is not None and v < previous[1]:
                errors.setdefault(f"tw{q}", []).append(
                    str(TW_NOT_CUMULATIVE % {"q": q, "v": v.normalize(), "p": previous[0], "pv": previous[1].normalize()})
                )
            previous = (q, v)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pk_create_from_renstra(
    *, organisation: Organisation, year: int, signing_date: dt.date | None = None, renstra: Renstra | None = None
) -> PerjanjianKinerja:
    """A new PK murni for ``year`` whose items start from the Renstra targets of that year."""
    if renstra is None:
        renstra = Renstra.objects.filter(organisation=organisation, is_active=True, start_year__lte=year, end_year__gte=year).first()
    if renstra is None:
        raise ValidationError(NO_ACTIVE_RENSTRA % {"y": year})
    if PerjanjianKinerja.objects.filter(organisation=organisation, year=year, version_number=0).exists():
        raise ValidationError(PK_EXISTS % {"y": year})
    pk = PerjanjianKinerja(
        organisation=organisation, renstra=renstra, year=year, signing_date=signing_date, signing_place=organisation.place
    )
    pk.full_clean()
    pk.save()
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(indicator__renstra=renstra, year=year)}
    indicators = (
        Indicator.objects.filter(renstra=renstra, level__in=PK_LEVELS)
        .exclude(discontinued_after__lt=year)  # discontinued before the year: no longer measured (Indicator.discontinued_after)
        .order_by("-level", "-is_iku", "order", "pk")
    )
    items = []
    for order, ind in enumerate(sorted(indicators, key=lambda i: (PK_LEVELS.index(i.level), not i.is_iku, i.order, i.pk))):
        t = targets.get(ind.pk)
        items.append(
            PKItem(
                agreement=pk,
                indicator=ind,
                annual_target=t.value if t else None,
                annual_target_max=t.value_max if t else None,
                tw4=t.value if t and ind.aggregation == Indicator.Aggregation.CUMULATIVE_SUM else None,
                order=order,
            )
        )
    PKItem.objects.bulk_create(items)
    return pk


@transaction.atomic
def pk_revise(*, agreement: PerjanjianKinerja, signing_date: dt.date | None = None) -> PerjanjianKinerja:
    """A PK perubahan: a copy of ``agreement`` (items and budgets) as the next version."""
    last = PerjanjianKinerja.objects.filter(organisation=agreement.organisation, year=agreement.year).order_by("-version_number").first()
    assert last is not None
    new = PerjanjianKinerja(
        organisation=agreement.organisation,
        renstra=agreement.renstra,
        year=agreement.year,
        version_kind=PerjanjianKinerja.VersionKind.PERUBAHAN,
        version_number=last.version_number + 1,
        signing_date=signing_date,
        signing_place=agreement.signing_place,
    )
    new.full_clean()
    new.save()
    items = list(agreement.items.all())
    for item in items:
        item.pk = None
        item.agreement = new
    PKItem.objects.bulk_create(items)
    budgets = list(agreement.program_budgets.all())
    for b in budgets:
        b.pk = None
        b.agreement = new
    PKProgramBudget.objects.bulk_create(budgets)
    return new


@transaction.atomic
def pk_item_add(*, agreement: PerjanjianKinerja, indicator: Indicator) -> PKItem:
    """Add ``indicator`` (of the PK's Renstra) as the last item of ``agreement``, targets blank. A PK
    version read by a submitted or approved report refuses it, after the organisation-year's report rows
    are locked so that a submission cannot slip between the check and the write (as ``pk_update``); an
    indicator discontinued before the PK's year (Indicator.discontinued_after) is refused."""
    if not indicator.measured_in(agreement.year):
        raise ValidationError({"indicator": PK_DISCONTINUED % {"last": indicator.discontinued_after, "year": agreement.year}})
    locks.lock_reports(organisation_id=agreement.organisation_id, year=agreement.year)
    locks.assert_pk_editable(agreement)
    return PKItem.objects.create(agreement=agreement, indicator=indicator, order=agreement.items.count())


@transaction.atomic
def pk_update(
    *, agreement: PerjanjianKinerja, items: list[PKItem], budgets: dict[int, Decimal | None], deleted: list[PKItem] | None = None
) -> PerjanjianKinerja:
    """Delete ``deleted``, save the header, every item and the program budgets, or nothing (errors name the row).

    A PK version read by a submitted or approved report is refused first (apps.core.locks), after
    the organisation-year's report rows are locked, so a submission cannot slip between the check and the write."""
    locks.lock_reports(organisation_id=agreement.organisation_id, year=agreement.year)
    locks.assert_pk_editable(agreement)
    for item in deleted or []:
        item.delete()
    agreement.full_clean()
    agreement.save()
    errors: dict[str, list[str]] = {}
    for item in items:
        try:
            _validate_item(item)
            item.full_clean()
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                errors.setdefault(f"{item.pk}:{field}", []).extend(msgs)
    if errors:
        raise ValidationError(errors)
    for item in items:
        item.save()
    for program_id, amount in budgets.items():
        if amount is None:
            PKProgramBudget.objects.filter(agreement=agreement, program_id=program_id).delete()
        elif amount < 0:
            raise ValidationError(_("Anggaran tidak boleh negatif."))
        else:
            PKProgramBudget.objects.update_or_create(agreement=agreement, program_id=program_id, defaults={"amount": amount})
    return agreement
