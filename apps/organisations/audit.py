"""Audit history of a kecamatan's data (django-simple-history), newest first, for the camat and Inspektorat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps

#: (model label, lookup from the historical row to the organisation, label, related rows to join, subject)
AUDITED: list[tuple[str, str, str, list[str], Any]] = [
    (
        "realisations.Realisation",
        "indicator__organisation",
        "Realisasi",
        ["indicator"],
        lambda r: f"{r.indicator.name} {r.year} TW {r.quarter}",
    ),
    ("realisations.Evidence", "realisation__indicator__organisation", "Bukti dukung", [], lambda r: r.description),
    ("planning.Indicator", "organisation", "Indikator", [], lambda r: r.name),
    ("planning.IndicatorTarget", "indicator__organisation", "Target Renstra", ["indicator"], lambda r: f"{r.indicator.name} {r.year}"),
    ("agreements.PKItem", "agreement__organisation", "Butir PK", ["indicator"], lambda r: r.indicator.name),
    ("agreements.PKProgramBudget", "agreement__organisation", "Anggaran PK", ["program"], lambda r: r.program.name),
    ("reports.NarrativeSection", "report__organisation", "Narasi", [], lambda r: r.get_key_display()),
    ("reports.Report", "organisation", "Laporan", [], lambda r: f"{r.get_period_display()} {r.year}"),
    ("organisations.Organisation", "id", "Organisasi", [], lambda r: r.name),
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
    """The latest changes across the audited models: two queries per model (the window of recent
    records, then the versions just before them, for the before/after of each change)."""
    rows: list[AuditRow] = []
    for label, lookup, kind, related, subject in AUDITED:
        history = apps.get_model(label).history
        records = list(
            history.filter(**{lookup: organisation.pk}).select_related("history_user", *related).order_by("-history_date")[:limit]
        )
        changed = [r for r in records if r.history_type == "~"]
        previous: dict[int, Any] = {}
        if changed:
            ids = {r.id for r in changed}
            earlier = history.filter(id__in=ids, history_date__lt=max(r.history_date for r in changed)).order_by("id", "history_date")
            by_object: dict[Any, list[Any]] = {}
            for h in [*earlier, *records]:
                by_object.setdefault(h.id, []).append(h)
            for versions in by_object.values():
                versions.sort(key=lambda h: (h.history_date, h.history_id))
                for before, after in zip(versions, versions[1:], strict=False):
                    previous.setdefault(after.history_id, before)
        for rec in records:
            changes: list[tuple[str, str, str]] = []
            prev = previous.get(rec.history_id)
            if rec.history_type == "~" and prev is not None:
                for c in rec.diff_against(prev, foreign_keys_are_objs=False).changes:
                    if c.field not in ("updated_at", "revision"):
                        changes.append((c.field, str(c.old)[:120], str(c.new)[:120]))
            rows.append(
                AuditRow(
                    rec.history_date,
                    rec.history_user,
                    kind,
                    ACTIONS.get(rec.history_type, rec.history_type),
                    str(subject(rec))[:150],
                    changes,
                )
            )
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows[:limit]
