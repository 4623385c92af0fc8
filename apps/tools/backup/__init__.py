"""Organisation-year backup: one JSON document holding everything a kecamatan entered for one year,
and its restore, all-or-nothing.

The document (format ``lkjip-org-year``, version 1, described in docs/operations.md) holds:

* the plan the year uses: every Renstra of the organisation whose period covers the year (or that a
  PK of the year refers to) with its whole tree (tujuan, sasaran, program, kegiatan, sub kegiatan,
  indicators and their yearly targets);
* the year itself: comparison figures, Perjanjian Kinerja with items and program budgets,
  realisations with evidence (files embedded, base64 with SHA-256), DPA versions and lines,
  realisasi anggaran, staff compositions dated in the year, reports with narratives, events,
  approved snapshots (PDF, XLSX and data), reviu notes, the SAKIP evaluation, recommendations and
  tindak lanjut.

Database ids never appear. Each object has a ``ref`` (its position in its model's list, ordered by
id); a foreign key inside the document is written ``"app.model:ref"``; outside it, by natural key:
the organisation as ``"@organisation"``, users by ``{"user": username}``, units by
``{"unit": name}``. So a document restores into another database, and exporting again after a
restore gives the same document (only ``exported_at`` differs): the round trip is tested.

Not included: master data (pemda, organisation, units, desa, positions, officials, users, predikat
scales), transient rows (pending uploads, render jobs) and the audit history, which pg_dump keeps
(docs/operations.md). A restore writes one audit entry per restored row ("Dipulihkan dari cadangan").

The modules: ``document`` (format, errors, JSON in and out), ``parts`` (what is backed up, in order,
and the natural keys of the plan), ``dump`` (export) and ``restore``.
"""

from apps.tools.backup.document import FORMAT, FORMAT_VERSION, BackupError, dumps, loads
from apps.tools.backup.dump import export_org_year
from apps.tools.backup.parts import PARTS, Part
from apps.tools.backup.restore import RestoreResult, restore_org_year, year_data_exists

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "PARTS",
    "BackupError",
    "Part",
    "RestoreResult",
    "dumps",
    "export_org_year",
    "loads",
    "restore_org_year",
    "year_data_exists",
]
