"""Reads of the PK for its pages and its printed document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from apps.organisations.models import Appointment, Position
from apps.organisations.selectors import signatory_at
from apps.planning.models import Program

from .models import PerjanjianKinerja, PKItem


def pk_list(*, organisation: Any, user: Any) -> QuerySet[PerjanjianKinerja]:
    return PerjanjianKinerja.objects.for_user(user).filter(organisation=organisation).select_related("renstra")


def latest_pk(*, organisation: Any, year: int) -> PerjanjianKinerja | None:
    """The PK in force for a year: its highest version."""
    return PerjanjianKinerja.objects.filter(organisation=organisation, year=year).order_by("-version_number").first()


@dataclass
class PKDocument:
    agreement: PerjanjianKinerja
    sasaran_items: list[PKItem]
    program_items: list[PKItem]
    other_items: list[PKItem]
    programs: list[Program]
    budgets: dict[int, Any]
    first_party: Appointment | None
    second_party: Appointment | None


def pk_document(*, agreement: PerjanjianKinerja) -> PKDocument:
    """Items grouped as printed (sasaran, then program), budgets by program and both signatories at the signing date."""
    items = list(agreement.items.select_related("indicator", "indicator__sasaran", "indicator__program").order_by("order", "pk"))
    budgets = {b.program_id: b.amount for b in agreement.program_budgets.all()}
    programs = list(Program.objects.filter(renstra=agreement.renstra).order_by("order", "code"))
    day = agreement.signing_date
    first = second = None
    if day is not None:
        first = signatory_at(organisation=agreement.organisation, kind=Position.Kind.CAMAT, day=day)
        second = signatory_at(organisation=agreement.organisation, kind=Position.Kind.KEPALA_DAERAH, day=day)
    return PKDocument(
        agreement=agreement,
        sasaran_items=[i for i in items if i.indicator.level == "sasaran"],
        program_items=[i for i in items if i.indicator.level == "program"],
        other_items=[i for i in items if i.indicator.level not in ("sasaran", "program")],
        programs=programs,
        budgets=budgets,
        first_party=first,
        second_party=second,
    )


@dataclass
class PKBefore:
    """The PK version a perubahan replaced: its annual targets per indicator and budgets per program."""

    agreement: PerjanjianKinerja
    targets: dict[int, Any]  # indicator pk -> annual target
    budgets: dict[int, Any]  # program pk -> amount


def version_before(agreement: PerjanjianKinerja) -> PKBefore | None:
    """The version of the same organisation-year just below ``agreement`` (the murni for the first
    perubahan), with its targets and budgets; None for a murni (2 queries + 1)."""
    if not agreement.version_number:
        return None
    before = (
        PerjanjianKinerja.objects.filter(
            organisation=agreement.organisation_id, year=agreement.year, version_number__lt=agreement.version_number
        )
        .order_by("-version_number")
        .first()
    )
    if before is None:
        return None
    targets = dict(before.items.values_list("indicator_id", "annual_target"))
    budgets = dict(before.program_budgets.values_list("program_id", "amount"))
    return PKBefore(agreement=before, targets=targets, budgets=budgets)
