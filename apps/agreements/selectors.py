"""Reads of the PK for its pages and its printed document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from apps.organisations.models import Appointment, Position
from apps.organisations.selectors import holder_at, signatory_at
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


def pk_document(
    *,
    agreement: PerjanjianKinerja,
    items: list[PKItem] | None = None,
    budgets: dict[int, Any] | None = None,
    programs: list[Program] | None = None,
    camat_appointments: list[Appointment] | None = None,
) -> PKDocument:
    """Items grouped as printed (sasaran, then program), budgets by program and both signatories at the signing date.
    A caller that has fetched the items (indicator, sasaran and program joined, in the PK's order), the budgets, the
    programs or the camat's appointments already (the LKjIP's lampiran, apps.reports.inputs) passes them, and they are
    not fetched again."""
    if items is None:
        items = list(agreement.items.select_related("indicator", "indicator__sasaran", "indicator__program").order_by("order", "pk"))
    if budgets is None:
        budgets = {b.program_id: b.amount for b in agreement.program_budgets.all()}
    if programs is None:
        programs = list(Program.objects.filter(renstra=agreement.renstra).order_by("order", "code"))
    day = agreement.signing_date
    first = second = None
    if day is not None:
        if camat_appointments is not None:  # the camat's appointments, fetched with their official and position
            first = holder_at(camat_appointments, day)
        else:
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
