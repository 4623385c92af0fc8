"""The per-role home page: what each of the user's roles should see first (reads scoped to the user)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from apps.accounts.models import Role, User
from apps.core.periods import Quarter, lkjip_due, reporting_quarter
from apps.organisations.models import Organisation
from apps.performance.selectors import realisation_grid

from .models import Period, Report, Status


@dataclass
class HomeSection:
    role: str
    role_label: str
    title: str
    quarter: Quarter | None = None
    organisations: list[Organisation] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    lkjip_year: int | None = None
    lkjip_due: dt.date | None = None


def home_sections(user: User, today: dt.date) -> list[HomeSection]:
    """What each of the user's roles should see first (a fixed number of queries)."""
    quarter = reporting_quarter(today)
    sections: list[HomeSection] = []
    memberships = user.active_memberships()
    visible = list(Organisation.objects.for_user(user).select_related("pemda"))
    by_pemda: dict[int, list[Organisation]] = {}
    for org in visible:
        by_pemda.setdefault(org.pemda_id, []).append(org)
    for role in Role:
        mine = [m for m in memberships if m.role == role]
        if not mine:
            continue
        if role in Role.organisation_bound():
            orgs = [m.organisation for m in mine if m.organisation is not None]
        else:
            orgs = [o for m in mine for o in by_pemda.get(m.pemda_id, [])]
        items: list[dict[str, Any]] = []
        if role == Role.OPERATOR:
            for org in orgs:
                grid = realisation_grid(organisation=org, year=quarter.year, quarter=quarter.number)
                items.append(
                    {"organisation": org, "has_pk": grid.agreement is not None, "complete": grid.complete_count, "total": len(grid.rows),
                     "incomplete": [r for r in grid.rows if r.missing]}
                )  # fmt: skip
        if role == Role.CAMAT:
            items = [
                {"report": r} for r in Report.objects.filter(organisation__in=orgs, status=Status.SUBMITTED).select_related("organisation")
            ]
        if role == Role.INSPEKTORAT:
            items = [
                {"report": r}
                for r in Report.objects.filter(organisation__in=orgs, status=Status.APPROVED, period=Period.ANNUAL).select_related(
                    "organisation"
                )
            ]
        titles = {
            Role.OPERATOR: _("Yang harus diisi triwulan ini"),
            Role.CAMAT: _("Menunggu persetujuan Anda"),
            Role.INSPEKTORAT: _("Kecamatan di wilayah Anda"),
            Role.ADMIN: _("Data induk pemda"),
        }
        sections.append(
            HomeSection(
                role=role.value,
                role_label=str(role.label),
                title=titles[role],
                quarter=quarter,
                organisations=orgs,
                items=items,
                lkjip_year=today.year - 1,
                lkjip_due=lkjip_due(today.year - 1),
            )
        )
    return sections
