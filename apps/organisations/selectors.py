"""Reads of organisational data, scoped to the user, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import Appointment, Organisation, Position, StaffComposition


def organisation_list(*, user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.for_user(user).select_related("pemda")


def holder_at(appointments: list[Appointment], day: dt.date) -> Appointment | None:
    """The appointment that signs on ``day``: covering the day, strongest status first, latest start first."""
    covering = [a for a in appointments if a.covers(day)]
    if not covering:
        return None
    covering.sort(key=lambda a: (Appointment.PRECEDENCE[Appointment.Status(a.status)], -a.start_date.toordinal()))
    return covering[0]


def position_holder_at(*, position: Position, day: dt.date) -> Appointment | None:
    return holder_at(list(position.appointments.select_related("official", "position")), day)


def signatory_at(*, organisation: Organisation, kind: str, day: dt.date) -> Appointment | None:
    """The holder of the organisation's (or its pemda's) post of ``kind`` on ``day``: camat, kepala daerah."""
    positions = Position.objects.filter(kind=kind).filter(pemda=organisation.pemda_id)
    if kind != Position.Kind.KEPALA_DAERAH:
        positions = positions.filter(organisation=organisation)
    appointments = list(Appointment.objects.filter(position__in=positions).select_related("official", "position"))
    return holder_at(appointments, day)


@dataclass
class PositionRow:
    position: Position
    holder: Appointment | None
    history: list[Appointment]


@dataclass
class OrganisationProfile:
    organisation: Organisation
    units: list[Any]
    desa: list[Any]
    positions: list[PositionRow]
    staff: StaffComposition | None
    staff_totals: dict[str, int]


def organisation_profile(*, organisation: Organisation, day: dt.date) -> OrganisationProfile:
    """Everything BAB I needs about the organisation, in six queries whatever its size."""
    positions = list(
        organisation.positions.select_related("unit").prefetch_related(
            Prefetch("appointments", queryset=Appointment.objects.select_related("official").order_by("-start_date"))
        )
    )
    rows = []
    for p in positions:
        history = list(p.appointments.all())
        for a in history:
            a.position = p  # avoid a query per row for signature_title
        rows.append(PositionRow(position=p, holder=holder_at(history, day), history=history))
    staff = organisation.staff_compositions.prefetch_related("counts").first()
    totals = {"male": 0, "female": 0, "total": 0}
    if staff is not None:
        for c in staff.counts.all():
            totals["male"] += c.male
            totals["female"] += c.female
        totals["total"] = totals["male"] + totals["female"]
    return OrganisationProfile(
        organisation=organisation,
        units=list(organisation.units.select_related("parent")),
        desa=list(organisation.desa_set.all()),
        positions=rows,
        staff=staff,
        staff_totals=totals,
    )
