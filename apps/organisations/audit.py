"""Audit history of a kecamatan's data (django-simple-history), newest first, for the camat and Inspektorat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps

#: (model label, lookup from the historical row to the organisation, label)
AUDITED = [
    ("realisations.Realisation", "indicator__organisation", "Realisasi"),
    ("realisations.Evidence", "realisation__indicator__organisation", "Bukti dukung"),
    ("planning.Indicator", "organisation", "Indikator"),
    ("planning.IndicatorTarget", "indicator__organisation", "Target Renstra"),
    ("agreements.PKItem", "agreement__organisation", "Butir PK"),
    ("agreements.PKProgramBudget", "agreement__organisation", "Anggaran PK"),
    ("reports.NarrativeSection", "report__organisation", "Narasi"),
    ("reports.Report", "organisation", "Laporan"),
    ("organisations.Organisation", "id", "Organisasi"),
]


@dataclass
class AuditRow:
    when: Any
    who: Any
    kind: str
    action: str
    subject: str
    changes: list[tuple[str, str, str]]


ACTIONS = {"+": "dibuat", "~": "diubah", "-": "dihapus"}


def audit_trail(*, organisation: Any, limit: int = 100) -> list[AuditRow]:
    """The latest changes across the audited models (one query per model plus one for the previous versions)."""
    rows: list[AuditRow] = []
    for label, lookup, kind in AUDITED:
        history = apps.get_model(label).history
        field = lookup.replace("__", "__") if lookup != "id" else "id"
        records = list(history.filter(**{field: organisation.pk}).select_related("history_user").order_by("-history_date")[:limit])
        for rec in records:
            changes: list[tuple[str, str, str]] = []
            if rec.history_type == "~":
                prev = rec.prev_record
                if prev is not None:
                    for c in rec.diff_against(prev).changes:
                        if c.field in ("updated_at", "revision"):
                            continue
                        changes.append((c.field, str(c.old)[:120], str(c.new)[:120]))
            rows.append(
                AuditRow(
                    rec.history_date,
                    rec.history_user,
                    kind,
                    ACTIONS.get(rec.history_type, rec.history_type),
                    str(rec.instance)[:150],
                    changes,
                )
            )
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows[:limit]
