"""The files the report pages offer for download, built here rather than in the views: an approved
version's stored outputs, the zip of a pemda's approved LKjIP PDFs and the zip of a report's evidence.

Each returns ``(filename, content_type, bytes)``, like the renderers (apps.reports.renderers); the views
only turn that into an attachment. Approved bytes are the stored ones (docs/workflow.md): a download of an
approved version is identical whatever changed since.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.utils.text import slugify

from apps.core.spreadsheets import tsv_line
from apps.realisations.evidence import zip_member_name

from .models import Report, ReportSnapshot
from .pemda import approved_snapshots
from .renderers import XLSX
from .selectors import report_evidence
from .snapshot import snapshot_download_html

ZIP = "application/zip"
Output = tuple[str, str, bytes]


def stored_output(snapshot: ReportSnapshot, fmt: str) -> Output:
    """The approved version's bytes: identical on every download, whatever changed since."""
    base = f"{slugify(snapshot.document['title'])[:110]}-v{snapshot.version}"
    if fmt == "pdf":
        with snapshot.pdf.open("rb") as fh:
            return f"{base}.pdf", "application/pdf", fh.read()
    if fmt == "xlsx":
        return f"{base}.xlsx", XLSX, bytes(snapshot.xlsx)
    if fmt == "html":
        return f"{base}.html", "text/html; charset=utf-8", snapshot_download_html(snapshot).encode("utf-8")
    payload = {**snapshot.document, "approved": {"version": snapshot.version, "sha256_pdf": snapshot.sha256, "token": str(snapshot.token)}}
    return f"{base}.json", "application/json", json.dumps(payload, ensure_ascii=False, indent=1).encode()


def pemda_lkjip_zip(*, pemda: Any, year: int) -> Output:
    """The approved LKjIP PDFs of the pemda's kecamatan for a year, in one zip (the stored bytes): the
    version in force of each report (approved or reviewed, its latest version), never a withdrawn one."""
    snapshots = approved_snapshots(pemda=pemda, year=year)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for s in snapshots:
            with s.pdf.open("rb") as fh:
                zf.writestr(f"LKjIP-{year}-{slugify(s.report.organisation.name)}-v{s.version}.pdf", fh.read())
        if not snapshots:
            zf.writestr("BACA.txt", "Belum ada LKjIP yang disetujui untuk tahun ini.\n")
    return f"LKjIP-{year}-{slugify(pemda.name)}.zip", ZIP, buf.getvalue()


def evidence_zip(report: Report) -> Output:
    """One zip of all evidence of a report, indexed by indicator and quarter (indeks.tsv)."""
    buf = io.BytesIO()
    index = ["indikator\ttriwulan\tketerangan\tberkas/tautan\tsha256"]
    folders: dict[int, str] = {}  # indicator -> folder, distinct per indicator
    taken: set[str] = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for e in report_evidence(report):
            indicator = e.realisation.indicator
            if indicator.pk not in folders:
                slug = slugify(indicator.name)[:60].strip("-") or "indikator"
                folders[indicator.pk] = slug if slug not in folders.values() else f"{slug}-{indicator.pk}"
            if e.file:
                # quarter / indicator / original name with the detected type's extension; never the storage path
                folder = f"TW{e.realisation.quarter}/{folders[indicator.pk]}"
                name = zip_member_name(taken, folder, e.original_name, e.content_type)
                with e.file.open("rb") as fh:
                    zf.writestr(name, fh.read())
                index.append(tsv_line([indicator.name, e.realisation.quarter, e.description, name, e.sha256]))
            else:
                index.append(tsv_line([indicator.name, e.realisation.quarter, e.description, e.url, ""]))
        zf.writestr("indeks.tsv", "\n".join(index) + "\n")
    return f"bukti-{slugify(str(report))[:80]}.zip", ZIP, buf.getvalue()
