"""Access matrix over the URLconf (convention 13, issue 10).

Every URL that names an object of a kecamatan is requested, GET and POST, by the anonymous visitor
and by the operator, camat, inspektorat and admin of pemda Jombang, against three kecamatan:

* own: Perak, the kecamatan of the operator and the camat (pemda Jombang);
* other: Ploso, another kecamatan of the same pemda;
* foreign: Kalaena, a kecamatan of another pemda (Luwu Timur).

The expected status of every (URL, role, scope) is written out in the GET and POST tables below.
They come from the roles (docs/security.md, docs/workflow.md, docs/budgets.md), not from the views:

* the operator enters the data of his kecamatan (Renstra, PK, realisations, evidence, narratives,
  realisasi anggaran, tindak lanjut of the SAKIP recommendations) and submits the report;
* the camat reads everything of his kecamatan and approves, returns and reopens its reports;
* the inspektorat reads every kecamatan of its pemda, reviews the LKjIP and records the SAKIP
  evaluation; it never enters realisations or plans;
* the admin reads every kecamatan of its pemda and imports its DPA (master data is in Django admin).

Seeing is decided first (``for_user``): outside it, 404. Then the right to write (``editable_by``,
the role a service checks): seen but not allowed, 403. A view that only accepts GET answers 405 to
POST and vice versa; role-gated views (audit trail, pemda pages) refuse the role before the method.
Every response is also searched for the other kecamatan's data (markers, names, figures; zips and
workbooks unpacked): tests/access_objects.py plants them. A URL missing from the tables fails the walk.
Every refused POST (403, 404, 405, 302!, and the anonymous visitor's redirect to the login page) must
also leave the database as it was: the rows of every table of the project's apps, history tables
included, are fingerprinted before and after (tests/db_state.py).

Legend: 200 page, 302 redirect after the action (or to the page that shows it), 302! redirect with an
error message and nothing changed, 403 forbidden, 404 not found (out of scope), 405 method not allowed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from apps.budgets.selectors import grid_stamp
from apps.reports.models import RenderJob, Report, Status
from tests.access_objects import Kec, build_world, evidence_pdf
from tests.db_state import changed, db_state, tracked_models
from tests.test_url_access import ALL_URLS, PUBLIC

ROLES = ("operator", "camat", "inspektorat", "admin")
SCOPES = ("own", "other", "foreign")
OUTSIDERS = ["other_operator", "foreign_inspektorat", "foreign_admin", "no_role"]
# URLs without an object of a kecamatan: the user's own pages or templates.
# Outcomes of a refused request: nothing may change in the database.
REFUSED = {"403", "404", "405", "302!"}
NOT_OBJECT = {
    "home", "accounts:password_change", "accounts:logout", "accounts:notifications", "organisations:list", "budgets:dpa_template",
    "media_logo",  # kecamatan logos (not secret; login required): tests/test_media.py
}  # fmt: skip


def _u(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs=kwargs)


def _job(k: Kec, requester: Any) -> RenderJob:
    """A finished draft PDF of the kecamatan's report, requested by ``requester``."""
    job = RenderJob.objects.create(report=k.report, requested_by=requester, state=RenderJob.State.DONE, filename="draf.pdf")
    job.file.save("draf.pdf", ContentFile(evidence_pdf(k.marker)))
    return job


@dataclass(frozen=True)
class Target:
    """How to request one row: the URL for kecamatan ``k`` and acting user ``u``, what a POST sends
    (valid data where the view has a simple form, so that the allowed role's write succeeds), the
    report status set before a workflow action, and whether the page is about a whole pemda."""

    url: Callable[[Kec, Any], str]
    data: Callable[[Kec], dict[str, Any]] = field(default=lambda k: {})
    report_status: str | None = None
    pemda_level: bool = False


def _transition(action: str, status: str) -> Target:
    return Target(lambda k, u: _u("reports:transition", pk=k.report.pk, action=action), lambda k: {"reason": "Alasan uji"}, status)


TARGETS: dict[str, Target] = {
    "organisations:detail": Target(lambda k, u: _u("organisations:detail", pk=k.org.pk)),
    "organisations:audit": Target(lambda k, u: _u("organisations:audit", pk=k.org.pk)),
    "planning:renstra_list": Target(lambda k, u: _u("planning:renstra_list", org_pk=k.org.pk)),
    "planning:renstra_create": Target(
        lambda k, u: _u("planning:renstra_create", org_pk=k.org.pk),
        lambda k: {"start_year": 2027, "end_year": 2031, "version_kind": "murni", "version_number": 0},
    ),
    "planning:renstra_detail": Target(lambda k, u: _u("planning:renstra_detail", pk=k.renstra.pk)),
    "planning:renstra_revise": Target(lambda k, u: _u("planning:renstra_revise", pk=k.renstra.pk), lambda k: {"legal_basis": "Perbup uji"}),
    "planning:node_create": Target(
        lambda k, u: _u("planning:node_create", renstra_pk=k.renstra.pk, kind="sasaran"),
        lambda k: {"tujuan": k.tujuan.pk, "order": 2, "code": "1.2", "text": "Sasaran baru"},
    ),
    "planning:indicator_create": Target(
        lambda k, u: _u("planning:indicator_create", renstra_pk=k.renstra.pk) + f"?level=sasaran&parent={k.sasaran.pk}"
    ),
    "planning:indicator_update": Target(lambda k, u: _u("planning:indicator_update", pk=k.akip.pk)),
    "planning:indicator_aspects": Target(
        lambda k, u: _u("planning:indicator_aspects", pk=k.ipp.pk),
        lambda k: {"score_min": "0", "score_max": "5", "weight_basis": "100", "aspects": "Kebijakan ; 70\nInovasi ; 30"},
    ),
    "planning:node_update": Target(
        lambda k, u: _u("planning:node_update", kind="tujuan", pk=k.tujuan.pk), lambda k: {"order": 1, "code": "1", "text": "Tujuan baru"}
    ),
    "agreements:list": Target(lambda k, u: _u("agreements:list", org_pk=k.org.pk)),
    "agreements:detail": Target(lambda k, u: _u("agreements:detail", pk=k.agreement.pk)),
    "agreements:print": Target(lambda k, u: _u("agreements:print", pk=k.agreement.pk)),
    "realisations:current": Target(lambda k, u: _u("realisations:current", org_pk=k.org.pk)),
    "realisations:grid": Target(lambda k, u: _u("realisations:grid", org_pk=k.org.pk, year=2024, quarter=4)),
    "realisations:consistency": Target(lambda k, u: _u("realisations:consistency", org_pk=k.org.pk, year=2024, quarter=4)),
    "realisations:edit": Target(
        lambda k, u: _u("realisations:edit", indicator_pk=k.akip.pk, year=2024, quarter=4),
        lambda k: {"value": "80", "revision": k.realisation.revision},
    ),
    "realisations:evidence_add": Target(
        lambda k, u: _u("realisations:evidence_add", indicator_pk=k.akip.pk, year=2024, quarter=4),
        lambda k: {"kind": "tautan", "description": "Tautan baru", "url": "https://example.go.id/baru"},
    ),
    "realisations:comparison": Target(
        lambda k, u: _u("realisations:comparison", indicator_pk=k.akip.pk, year=2024, quarter=4),
        lambda k: {"pembanding-level": "nasional", "pembanding-value": "70", "pembanding-source": "BPS"},
    ),
    "realisations:history": Target(
        lambda k, u: _u("realisations:history", indicator_pk=k.akip.pk), lambda k: {"year": "2022", "target": "71"}
    ),
    "realisations:service_scores": Target(
        lambda k, u: _u("realisations:service_scores", indicator_pk=k.akip.pk, year=2024), lambda k: {"name": "KTP", "value": "98,35"}
    ),
    "realisations:aspect_scores": Target(
        lambda k, u: _u("realisations:aspect_scores", indicator_pk=k.ipp.pk, year=2024),
        lambda k: {f"aspect_{a.pk}": "3" for a in k.ipp.aspects.all()},
    ),
    "realisations:evidence_delete": Target(lambda k, u: _u("realisations:evidence_delete", pk=k.link.pk)),
    "realisations:evidence_download": Target(lambda k, u: _u("realisations:evidence_download", pk=k.document.pk)),
    "reports:index": Target(lambda k, u: _u("reports:index", org_pk=k.org.pk)),
    "reports:view": Target(lambda k, u: _u("reports:view", org_pk=k.org.pk, year=2024, period="annual")),
    "reports:download json": Target(lambda k, u: _u("reports:download", pk=k.report.pk, fmt="json")),
    "reports:download xlsx": Target(lambda k, u: _u("reports:download", pk=k.report.pk, fmt="xlsx")),
    "reports:download html": Target(lambda k, u: _u("reports:download", pk=k.report.pk, fmt="html")),
    "reports:download pdf": Target(lambda k, u: _u("reports:download", pk=k.report.pk, fmt="pdf")),
    "reports:narrative": Target(
        lambda k, u: _u("reports:narrative", pk=k.report.pk, key="kesimpulan"), lambda k: {"text": "Narasi baru", "revision": 0}
    ),
    # The same by period, for a report without a row yet (TW IV 2024 has none): reading creates none.
    "reports:period_download json": Target(lambda k, u: _u("reports:period_download", org_pk=k.org.pk, year=2024, period="tw4", fmt="json")),
    "reports:period_download xlsx": Target(lambda k, u: _u("reports:period_download", org_pk=k.org.pk, year=2024, period="tw4", fmt="xlsx")),
    "reports:period_download html": Target(lambda k, u: _u("reports:period_download", org_pk=k.org.pk, year=2024, period="tw4", fmt="html")),
    "reports:period_download pdf": Target(lambda k, u: _u("reports:period_download", org_pk=k.org.pk, year=2024, period="tw4", fmt="pdf")),
    "reports:period_narrative": Target(
        lambda k, u: _u("reports:period_narrative", org_pk=k.org.pk, year=2024, period="tw4", key="kesimpulan"),
        lambda k: {"text": "Narasi baru", "revision": 0},
    ),
    "reports:period_submit": Target(lambda k, u: _u("reports:period_submit", org_pk=k.org.pk, year=2024, period="tw4")),
    # The date and place the LKjIP 2024 is signed: an input of the report (refused while it is frozen).
    "reports:period_date": Target(
        lambda k, u: _u("reports:period_date", org_pk=k.org.pk, year=2024, period="annual"),
        lambda k: {"report_date": "2025-01-15", "report_place": "Perak"},
    ),
    "reports:transition ajukan": _transition("ajukan", Status.DRAFT),
    "reports:transition kembalikan": _transition("kembalikan", Status.SUBMITTED),
    "reports:transition setujui": _transition("setujui", Status.SUBMITTED),
    "reports:transition buka-kembali": _transition("buka-kembali", Status.APPROVED),
    "reports:transition catatan-reviu": _transition("catatan-reviu", Status.APPROVED),
    "reports:transition kembalikan-reviu": _transition("kembalikan-reviu", Status.APPROVED),
    "reports:transition telah-direviu": _transition("telah-direviu", Status.APPROVED),
    "reports:changes": Target(lambda k, u: _u("reports:changes", pk=k.report.pk)),
    # The approval in progress (issue 21), polled by the page: none here, so 204 with HX-Refresh in scope.
    "reports:approval_status": Target(lambda k, u: _u("reports:approval_status", pk=k.report.pk), report_status=Status.SUBMITTED),
    "reports:transition ulangi-persetujuan": _transition("ulangi-persetujuan", Status.SUBMITTED),
    "reports:transition batalkan-persetujuan": _transition("batalkan-persetujuan", Status.SUBMITTED),
    "reports:evidence_bundle": Target(lambda k, u: _u("reports:evidence_bundle", pk=k.report.pk)),
    "reports:render_job": Target(lambda k, u: _u("reports:render_job", pk=_job(k, u).pk)),
    "reports:render_job unduh": Target(lambda k, u: _u("reports:render_job", pk=_job(k, u).pk) + "?unduh=1"),
    "reports:render_job of-another-user": Target(lambda k, u: _u("reports:render_job", pk=_job(k, k.requester).pk)),
    "reports:pemda": Target(lambda k, u: _u("reports:pemda", pemda_pk=k.org.pemda_id, year=2024), pemda_level=True),
    "reports:pemda_zip": Target(lambda k, u: _u("reports:pemda_zip", pemda_pk=k.org.pemda_id, year=2024), pemda_level=True),
    "reports:evaluation": Target(
        lambda k, u: _u("reports:evaluation", org_pk=k.org.pk, year=2024),
        lambda k: {"lhe_number": "LHE baru", "perencanaan": "25", "pengukuran": "20", "pelaporan": "10", "evaluasi_internal": "15"},
    ),
    "reports:evaluation tindak-lanjut": Target(
        lambda k, u: _u("reports:evaluation", org_pk=k.org.pk, year=2024),
        lambda k: {"recommendation": k.recommendation.pk, f"r{k.recommendation.pk}-rencana_aksi": "Rencana", f"r{k.recommendation.pk}-state": "proses"},
    ),
    "reports:sarpras": Target(lambda k, u: _u("reports:sarpras", org_pk=k.org.pk, year=2024), lambda k: {"items": "Lap Top; 9; 10"}),
    "reports:penghargaan": Target(
        lambda k, u: _u("reports:penghargaan", org_pk=k.org.pk, year=2024), lambda k: {"items": "Juara I Inovasi; Bupati; Kabupaten/Kota; 17-08-2024"}
    ),
    "reports:rb_evaluation": Target(
        lambda k, u: _u("reports:rb_evaluation", org_pk=k.org.pk, year=2024), lambda k: {"components": "Komponen; 100; 70", "indeks": ""}
    ),
    "budgets:current": Target(lambda k, u: _u("budgets:current", org_pk=k.org.pk)),
    "budgets:dpa": Target(lambda k, u: _u("budgets:dpa", org_pk=k.org.pk, year=2024)),
    "budgets:dpa_import": Target(lambda k, u: _u("budgets:dpa_import", org_pk=k.org.pk, year=2024)),
    "budgets:kas_import": Target(lambda k, u: _u("budgets:kas_import", org_pk=k.org.pk, year=2024)),
    "budgets:grid": Target(
        lambda k, u: _u("budgets:grid", org_pk=k.org.pk, year=2024, quarter=4),
        lambda k: {"stamp": grid_stamp(organisation=k.org, year=2024), f"r{k.line.pk}": "2.000.000"},
    ),
    "budgets:realisasi_import": Target(lambda k, u: _u("budgets:realisasi_import", org_pk=k.org.pk, year=2024)),
    "budgets:realisasi_template": Target(lambda k, u: _u("budgets:realisasi_template", org_pk=k.org.pk, year=2024)),
    "budgets:pendapatan": Target(lambda k, u: _u("budgets:pendapatan", org_pk=k.org.pk, year=2024)),
    "budgets:dokumen_anggaran": Target(
        lambda k, u: _u("budgets:dokumen_anggaran", org_pk=k.org.pk, year=2024, kind="realisasi"), lambda k: {"akun_5_1_02": "1.000"}
    ),
    "budgets:dokumen_anggaran dpa": Target(
        lambda k, u: _u("budgets:dokumen_anggaran", org_pk=k.org.pk, year=2024, kind="murni"), lambda k: {"program_count": "1"}
    ),
    "budgets:version": Target(lambda k, u: _u("budgets:version", pk=k.version.pk)),
    "budgets:dpa_preview": Target(lambda k, u: _u("budgets:dpa_preview", pk=k.upload.pk)),
}  # fmt: skip

# fmt: off
# Each cell: own other foreign. Pemda pages (reports:pemda, reports:pemda_zip) take the pemda of the
# kecamatan: own and other are pemda Jombang, foreign is pemda Luwu Timur.
GET = {
    # url                                  operator       camat          inspektorat    admin
    "organisations:detail":               ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # The audit trail is for those who check (camat, inspektorat, admin), not for the operator.
    "organisations:audit":                ("403 403 403", "200 404 404", "200 200 404", "200 200 404"),
    "planning:renstra_list":              ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # Renstra, its tree and its indicators are the kecamatan's plan: the operator writes them; the
    # admin's master data (officials, positions, scales) is elsewhere, so the admin reads only.
    "planning:renstra_create":            ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:renstra_detail":            ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "planning:renstra_revise":            ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "planning:node_create":               ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:indicator_create":          ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:indicator_update":          ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:node_update":               ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    # The aspects of an indeks beraspek: read by every role of the organisation, entered by the operator.
    "planning:indicator_aspects":         ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "agreements:list":                    ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "agreements:detail":                  ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "agreements:print":                   ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # The current quarter redirects to its grid.
    "realisations:current":               ("302 404 404", "302 404 404", "302 302 404", "302 302 404"),
    "realisations:grid":                  ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "realisations:consistency":           ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # One realisation with its evidence: everyone who sees the kecamatan reads it; only the operator gets the form.
    "realisations:edit":                  ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "realisations:evidence_add":          ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "realisations:comparison":            ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "realisations:history":               ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # The values per jenis layanan (IKM per layanan): read like the riwayat, entered by the operator.
    "realisations:service_scores":        ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # The skor per aspect of an indeks beraspek: read like the riwayat, entered by the operator.
    "realisations:aspect_scores":         ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "realisations:evidence_delete":       ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "realisations:evidence_download":     ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:index":                      ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:view":                       ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:download json":              ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:download xlsx":              ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:download html":              ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # A draft PDF is rendered as a job; the download redirects to the job's page.
    "reports:download pdf":               ("302 404 404", "302 404 404", "302 302 404", "302 302 404"),
    "reports:narrative":                  ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "reports:period_download json":       ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:period_download xlsx":       ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:period_download html":       ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # No row, no PDF job (a job belongs to a report row): back to the page with a message.
    "reports:period_download pdf":        ("302 404 404", "302 404 404", "302 302 404", "302 302 404"),
    "reports:period_narrative":           ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "reports:period_submit":              ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:period_date":                ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:transition ajukan":          ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:transition kembalikan":      ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:transition setujui":         ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:transition buka-kembali":    ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:transition catatan-reviu":   ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:transition kembalikan-reviu": ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:transition telah-direviu":   ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:changes":                    ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:approval_status":            ("204 404 404", "204 404 404", "204 204 404", "204 204 404"),
    "reports:transition ulangi-persetujuan": ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:transition batalkan-persetujuan": ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:evidence_bundle":            ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # A PDF job, requested by the user himself (page and download) ...
    "reports:render_job":                 ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:render_job unduh":           ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # ... or by someone else: a job is private to whoever asked for it (the others download the report).
    "reports:render_job of-another-user": ("404 404 404", "404 404 404", "404 404 404", "404 404 404"),
    # The pemda overview and the zip of all approved LKjIP: only the pemda-wide roles, only their pemda.
    "reports:pemda":                      ("403 403 403", "403 403 403", "200 200 404", "200 200 404"),
    "reports:pemda_zip":                  ("403 403 403", "403 403 403", "200 200 404", "200 200 404"),
    "reports:evaluation":                 ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "reports:evaluation tindak-lanjut":   ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # Sarana dan prasarana (efisiensi sarpras): read by whoever sees the kecamatan, entered by its operator.
    "reports:sarpras":                    ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # Penghargaan (lampiran): read by whoever sees the kecamatan, entered by its operator.
    "reports:penghargaan":                ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # The RB evaluation: read by whoever sees the kecamatan, recorded by the inspektorat of the pemda.
    "reports:rb_evaluation":              ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "budgets:current":                    ("302 404 404", "302 404 404", "302 302 404", "302 302 404"),
    "budgets:dpa":                        ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # The DPA is the pemda's document: its admin imports it, for every kecamatan of the pemda.
    "budgets:dpa_import":                 ("403 404 404", "403 404 404", "403 403 404", "200 200 404"),
    # The anggaran kas document belongs with the DPA: the same admin imports it (issue 20).
    "budgets:kas_import":                 ("403 404 404", "403 404 404", "403 403 404", "200 200 404"),
    "budgets:grid":                       ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # Realisasi anggaran is what the kecamatan spent: its operator enters and imports it.
    "budgets:realisasi_import":           ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "budgets:realisasi_template":         ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # Pendapatan daerah: read by whoever sees the kecamatan, entered by its operator.
    "budgets:pendapatan":                 ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # Belanja per kode akun of a budget document: read by whoever sees the kecamatan; the realisasi and the
    # Renja entered by its operator, the DPA and DPPA by the pemda admin (who imports the DPA).
    "budgets:dokumen_anggaran":           ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "budgets:dokumen_anggaran dpa":       ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    "budgets:version":                    ("200 404 404", "200 404 404", "200 200 404", "200 200 404"),
    # A pending DPA upload belongs to the admin who uploaded it (the admin of the pemda in these rows):
    # nobody else, not even the inspektorat who reads the DPA once imported, sees the unconfirmed file.
    "budgets:dpa_preview":                ("404 404 404", "404 404 404", "404 404 404", "200 200 404"),
}

POST = {
    # url                                  operator       camat          inspektorat    admin
    "organisations:detail":               ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "organisations:audit":                ("403 403 403", "405 405 405", "405 405 405", "405 405 405"),
    "planning:renstra_list":              ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "planning:renstra_create":            ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:renstra_detail":            ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "planning:renstra_revise":            ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:node_create":               ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    # An empty form: shown again with its errors to the operator (200), refused to the others.
    "planning:indicator_create":          ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:indicator_update":          ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:node_update":               ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "planning:indicator_aspects":         ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "agreements:list":                    ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "agreements:detail":                  ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "agreements:print":                   ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "realisations:current":               ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "realisations:grid":                  ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "realisations:consistency":           ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    # The inspektorat never edits realisations, nor does the camat or the admin.
    "realisations:edit":                  ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "realisations:evidence_add":          ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "realisations:comparison":            ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "realisations:history":               ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "realisations:service_scores":        ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "realisations:aspect_scores":         ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "realisations:evidence_delete":       ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "realisations:evidence_download":     ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:index":                      ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:view":                       ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:download json":              ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:download xlsx":              ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:download html":              ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:download pdf":               ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:narrative":                  ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "reports:period_download json":       ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:period_download xlsx":       ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:period_download html":       ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:period_download pdf":        ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    # Saving a narrative creates the report row (the operator's write).
    "reports:period_narrative":           ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    # The submission creates the row with it; refused (role, or the consistency check) it leaves none.
    "reports:period_submit":              ("302 404 404", "302! 404 404", "302! 302! 404", "302! 302! 404"),
    # The operator's input of the report, as a narrative.
    "reports:period_date":                ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    # Workflow actions, each from the state it starts from. The view checks only the scope (404) and
    # lets the service check the role: a role that may not act is sent back to the report page with
    # the refusal as a message (302!) and nothing changes, the same answer as for a wrong state, so
    # that e.g. the operator who is also camat sees why he cannot approve his own submission.
    "reports:transition ajukan":          ("302 404 404", "302! 404 404", "302! 302! 404", "302! 302! 404"),
    "reports:transition kembalikan":      ("302! 404 404", "302 404 404", "302! 302! 404", "302! 302! 404"),
    "reports:transition setujui":         ("302! 404 404", "302 404 404", "302! 302! 404", "302! 302! 404"),
    "reports:transition buka-kembali":    ("302! 404 404", "302 404 404", "302! 302! 404", "302! 302! 404"),
    "reports:transition catatan-reviu":   ("302! 404 404", "302! 404 404", "302 302 404", "302! 302! 404"),
    "reports:transition kembalikan-reviu": ("302! 404 404", "302! 404 404", "302 302 404", "302! 302! 404"),
    "reports:transition telah-direviu":   ("302! 404 404", "302! 404 404", "302 302 404", "302! 302! 404"),
    "reports:changes":                    ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:approval_status":            ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    # Retry or cancel an approval whose documents failed: the camat's; here none is open, so he is told so.
    "reports:transition ulangi-persetujuan": ("302! 404 404", "302! 404 404", "302! 302! 404", "302! 302! 404"),
    "reports:transition batalkan-persetujuan": ("302! 404 404", "302! 404 404", "302! 302! 404", "302! 302! 404"),
    "reports:evidence_bundle":            ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:render_job":                 ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:render_job unduh":           ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:render_job of-another-user": ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "reports:pemda":                      ("403 403 403", "403 403 403", "405 405 405", "405 405 405"),
    "reports:pemda_zip":                  ("403 403 403", "403 403 403", "405 405 405", "405 405 405"),
    # The SAKIP evaluation is recorded by the inspektorat of the pemda ...
    "reports:evaluation":                 ("403 404 404", "403 404 404", "302 302 404", "403 403 404"),
    # ... and each recommendation is answered by the kecamatan's operator.
    "reports:evaluation tindak-lanjut":   ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "reports:sarpras":                    ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "reports:penghargaan":                ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "reports:rb_evaluation":              ("403 404 404", "403 404 404", "302 302 404", "403 403 404"),
    "budgets:current":                    ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    "budgets:dpa":                        ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    # An empty upload form: shown again with its errors to the admin.
    "budgets:dpa_import":                 ("403 404 404", "403 404 404", "403 403 404", "200 200 404"),
    "budgets:kas_import":                 ("403 404 404", "403 404 404", "403 403 404", "200 200 404"),
    "budgets:grid":                       ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "budgets:realisasi_import":           ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "budgets:realisasi_template":         ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    # An empty pendapatan form: shown again with its errors to the operator.
    "budgets:pendapatan":                 ("200 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "budgets:dokumen_anggaran":           ("302 404 404", "403 404 404", "403 403 404", "403 403 404"),
    "budgets:dokumen_anggaran dpa":       ("403 404 404", "403 404 404", "403 403 404", "302 302 404"),
    "budgets:version":                    ("405 405 405", "405 405 405", "405 405 405", "405 405 405"),
    # Confirming the pending upload creates the new DPA version.
    "budgets:dpa_preview":                ("404 404 404", "404 404 404", "404 404 404", "302 302 404"),
}
# fmt: on


def test_every_url_is_in_the_matrix():
    names = {n for n, _ in ALL_URLS} - PUBLIC - NOT_OBJECT
    covered = {label.split()[0] for label in TARGETS}
    assert sorted(names - covered) == [], "add these URLs to TARGETS, GET and POST"
    assert sorted(covered - names) == [], "these URLs no longer exist"
    assert set(GET) == set(TARGETS) == set(POST)
    for table in (GET, POST):
        for label, row in table.items():
            assert len(row) == len(ROLES) and all(len(cell.split()) == len(SCOPES) for cell in row), label


# --- Requests -------------------------------------------------------------------------------------


def _pdf_text(raw: bytes) -> str:
    if shutil.which("pdftotext") is None:
        return ""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(raw)
        fh.flush()
        done = subprocess.run(["pdftotext", fh.name, "-"], capture_output=True, check=False)
    return done.stdout.decode("utf-8", errors="replace")


def readable(raw: bytes) -> str:
    """The text in a response body, lower-cased: zips (and XLSX workbooks) unpacked member by member,
    PDFs read back with pdftotext when it is installed (and their raw bytes)."""
    if raw.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            return "\n".join(f"{name.lower()}\n{readable(zf.read(name))}" for name in zf.namelist())
    text = raw.decode("utf-8", errors="replace")
    if raw.startswith(b"%PDF-"):
        text += "\n" + _pdf_text(raw)
    return text.lower()


def body(response: Any) -> bytes:
    # The test client closes the response (a streamed one once consumed); closing it again here
    # would fire request_finished and close the connection inside the test's transaction.
    return b"".join(response.streaming_content) if response.streaming else response.content


def outcome(response: Any) -> str:
    """The status as written in the tables: 302! is a redirect that carries an error message."""
    code = str(response.status_code)
    storage = getattr(response.wsgi_request, "_messages", None)
    if response.status_code == 302 and storage is not None and any(m.level == messages.ERROR for m in storage._queued_messages):
        code += "!"
    return code


def leaks(text: str, kecs: dict[str, Kec], scope: str, *, allowed: bool, pemda_level: bool) -> list[str]:
    """Needles of kecamatan the response is not about (all of them for a refusal)."""
    if not allowed:
        visible: set[str] = set()
    elif pemda_level:
        visible = {s for s, k in kecs.items() if k.org.pemda_id == kecs[scope].org.pemda_id}
    else:
        visible = {scope}
    return [n for s, k in kecs.items() if s not in visible for n in k.needles if n.lower() in text]


def request(client: Any, method: str, label: str, k: Kec, user: Any, *, unchanged: list[str] | None = None) -> tuple[str, Any, str]:
    """One request, rolled back afterwards so that every cell starts from the same data. With
    ``unchanged`` (a list), the tables are fingerprinted just before and after the request (inside the
    rollback) and the tables that differ are appended to it."""
    target = TARGETS[label]
    with transaction.atomic():
        if target.report_status:
            Report.objects.filter(pk=k.report.pk).update(status=target.report_status, submitted_by=None)
        url = target.url(k, user)
        before = db_state(TRACKED) if unchanged is not None else None
        response = client.get(url) if method == "GET" else client.post(url, target.data(k))
        text = readable(body(response))
        if before is not None:
            unchanged += changed(before, db_state(TRACKED))
        transaction.set_rollback(True)
    return url, response, text


TRACKED = tracked_models()


@pytest.fixture
def kecs(world, settings, tmp_path) -> dict[str, Kec]:
    kecs = build_world(world, settings, tmp_path)
    for k in kecs.values():
        k.objects["requester"] = world.no_role  # someone else who asked for a PDF
    return kecs


@pytest.mark.parametrize("role", ROLES)
def test_matrix(client, world, kecs, role):
    user = getattr(world, role)
    client.force_login(user)
    wrong, leaked, written, requests, checked = [], [], [], 0, 0
    for table, method in ((GET, "GET"), (POST, "POST")):
        for label, row in table.items():
            expected = dict(zip(SCOPES, row[ROLES.index(role)].split(), strict=True))
            for scope in SCOPES:
                refused = method == "POST" and expected[scope] in REFUSED
                tables: list[str] | None = [] if refused else None
                url, response, text = request(client, method, label, kecs[scope], user, unchanged=tables)
                requests += 1
                checked += refused
                got = outcome(response)
                if got != expected[scope]:
                    wrong.append(f"{method} {label} [{scope}] {url}: expected {expected[scope]}, got {got}")
                found = leaks(text, kecs, scope, allowed=got[0] in "23", pemda_level=TARGETS[label].pemda_level)
                if found:
                    leaked.append(f"{method} {label} [{scope}] {url} ({got}): {found}")
                if tables:
                    written.append(f"POST {label} [{scope}] {url} ({got}) changed {tables}")
    assert wrong == [] and leaked == [] and written == []
    assert requests == 2 * len(TARGETS) * len(SCOPES)
    assert checked == sum(cell in REFUSED for row in POST.values() for cell in row[ROLES.index(role)].split())


def test_anonymous_is_sent_to_the_login_page(client, world, kecs):
    login = reverse(django_settings.LOGIN_URL)
    wrong = []
    for method in ("GET", "POST"):
        for label in TARGETS:
            for scope in SCOPES:
                tables: list[str] | None = [] if method == "POST" else None
                url, response, text = request(client, method, label, kecs[scope], world.no_role, unchanged=tables)
                if (
                    response.status_code != 302
                    or not response["Location"].startswith(login)
                    or leaks(text, kecs, scope, allowed=False, pemda_level=False)
                    or tables
                ):
                    wrong.append(f"{method} {label} [{scope}] {url}: {response.status_code} {response.get('Location')} changed {tables}")
    assert wrong == []


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_get_nothing(client, world, kecs, persona):
    """The operator of another kecamatan, the inspektorat and admin of another pemda and a user
    without a role, against the own kecamatan: 403, 404 or 405, none of its data, and no POST changes
    the database."""
    user = getattr(world, persona)
    client.force_login(user)
    wrong = []
    for method in ("GET", "POST"):
        for label in TARGETS:
            tables: list[str] | None = [] if method == "POST" else None
            url, response, text = request(client, method, label, kecs["own"], user, unchanged=tables)
            if response.status_code not in (403, 404, 405) or leaks(text, kecs, "own", allowed=False, pemda_level=False) or tables:
                wrong.append(f"{method} {label} {url}: {response.status_code} changed {tables}")
    assert wrong == []
