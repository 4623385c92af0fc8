"""Access matrix of a frozen period (issue 15, finding 2): every write URL of the URLconf, POSTed by
the operator of the kecamatan while its LKjIP 2024 is diajukan and while it is disetujui.

The write URLs are the rows of tests/test_access_matrix.py whose POST the operator may make in his own
kecamatan (anything but 403, 404, 405 there): a URL added to that matrix and missing here fails.

Each row says what the frozen period answers, with data that would write if the period were open:

* ``302!`` / ``200!`` / ``409!`` / ``422!``: refused with the lock message ("dikunci"), as a redirect with
  an error message, or the form shown again with it; never a 500; no row of any frozen table changes;
* ``302``: allowed, because it writes nothing the frozen report reads (the reason is written beside it);
* ``302?``: refused with another message (the workflow's own rule); nothing of the period changes.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from apps.reports import workflow
from tests.access_objects import SUB_KEGIATAN, Kec, build
from tests.budgets.workbooks import xlsx
from tests.reports.test_freeze_routes import _indicator_data, fingerprint
from tests.test_access_matrix import POST, ROLES, TARGETS, Target, body

LOCK = "dikunci"


def _indicator_create(k: Kec) -> dict[str, Any]:
    return {"name": "Indikator baru", "satuan": "%", "direction": "higher", "lower_formula": "2t_minus_r", "aggregation": "latest",
            "precision": "2", "order": "3", "target_2024": "10"}  # fmt: skip


def _realisasi_file(k: Kec) -> dict[str, Any]:
    return {"file": SimpleUploadedFile("r.xlsx", xlsx([["Kode Sub Kegiatan", "Realisasi s/d TW IV"], [SUB_KEGIATAN, 2_000_000]]))}


# label -> (expected, data that would write; None: the access matrix's data). Why, for the allowed ones.
# fmt: off
FROZEN_POST: dict[str, tuple[str, Any]] = {
    # A new Renstra of another period and a Renstra perubahan are new rows the frozen report does not read.
    "planning:renstra_create":             ("302", None),
    "planning:renstra_revise":             ("302", None),
    "planning:node_create":                ("302!", None),
    "planning:indicator_create":           ("302!", _indicator_create),
    "planning:indicator_update":           ("302!", lambda k: _indicator_data(k.akip, name="Nama baru", target_2024="80")),
    "planning:node_update":                ("302!", None),
    # The aspects of an indicator of the frozen Renstra: the form comes back with the lock message, nothing written.
    "planning:indicator_aspects":          ("422!", None),
    # A PK of 2025: another year.
    "agreements:list":                     ("302", lambda k: {"year": 2025}),
    # A PK perubahan of 2024 is a new version: the frozen report keeps reading the PK pinned at its submission.
    "agreements:detail":                   ("302", lambda k: {"revise": "1"}),
    # An indicator added to the pinned PK would change what the frozen report shows.
    "agreements:detail add-item":          ("302!", lambda k: {"add_item": "1", "indicator": k.laporan_indicator.pk}),
    "realisations:edit":                   ("200!", None),
    "realisations:evidence_add":           ("302!", None),
    "realisations:evidence_add empty-quarter": ("302!", None),
    "realisations:comparison":             ("302!", None),
    # The riwayat of 2022: the frozen LKjIP 2024 compares it (Pemda.previous_years).
    "realisations:history":                ("200!", None),
    "realisations:evidence_delete":        ("302!", None),
    # A value per jenis layanan of the frozen year: the form comes back with the lock message, nothing written.
    "realisations:service_scores":         ("422!", None),
    # A skor of the frozen year: the form comes back with the lock message, nothing written.
    "realisations:aspect_scores":          ("422!", None),
    # The narrative page shows the form again with the refusal (reports/views.py, another engineer's).
    "reports:narrative":                   ("200!|302!|409!", None),
    # The TW IV report is another report, a draft: its narrative and its submission are its own (it is
    # frozen once submitted; the annual report does not show its narratives).
    "reports:period_narrative":            ("302", None),
    "reports:period_submit":               ("302", None),
    # The date and place of the frozen LKjIP 2024: refused with the lock message, nothing written.
    "reports:period_date":                 ("302!", None),
    # Workflow actions are the workflow's: from a frozen state the operator's are refused by state or role.
    "reports:transition ajukan":           ("302?", None),
    "reports:transition kembalikan":       ("302?", None),
    "reports:transition setujui":          ("302?", None),
    "reports:transition buka-kembali":     ("302?", None),
    "reports:transition catatan-reviu":    ("302?", None),
    "reports:transition kembalikan-reviu": ("302?", None),
    "reports:transition telah-direviu":    ("302?", None),
    # Retry or cancel an approval whose documents failed (issue 21): no approval is in progress here, refused.
    "reports:transition ulangi-persetujuan":   ("302?", None),
    "reports:transition batalkan-persetujuan": ("302?", None),
    # Tindak lanjut of the year's SAKIP recommendations: refused while the LKjIP awaits the camat; after
    # approval the kecamatan goes on answering (the approved document keeps its snapshot).
    "reports:evaluation tindak-lanjut":    ("submitted:302! approved:302", None),
    # Sarana dan prasarana of a frozen year: the form comes back with the lock message, nothing written.
    "reports:sarpras":                     ("422!", None),
    # Penghargaan of a frozen year: the form comes back with the lock message, nothing written.
    "reports:penghargaan":                 ("422!", None),
    "budgets:grid":                        ("409!", None),
    "budgets:realisasi_import":            ("422!", _realisasi_file),
    # PAD realised in a frozen triwulan: the form comes back with the lock message, nothing written.
    "budgets:pendapatan":                  ("422!", lambda k: {"quarter": "4", "name": "Retribusi", "target": "1.000", "realisasi": "900"}),
    # Realisasi per kode akun (the LRA) of the frozen year: the form comes back with the lock message.
    "budgets:dokumen_anggaran":            ("422!", None),
}
# fmt: on

EXTRA_TARGETS = {
    "agreements:detail add-item": TARGETS["agreements:detail"],
    # Evidence for a quarter without a realisation row (the row is created first).
    "realisations:evidence_add empty-quarter": Target(
        lambda k, u: reverse("realisations:evidence_add", args=[k.akip.pk, 2024, 2]), TARGETS["realisations:evidence_add"].data
    ),
}


def _write_urls() -> set[str]:
    op = ROLES.index("operator")
    return {label for label, row in POST.items() if row[op].split()[0].rstrip("!") not in ("403", "404", "405")}


def test_every_write_url_is_in_the_frozen_table():
    labels = {label for label in FROZEN_POST if label not in EXTRA_TARGETS}
    assert sorted(_write_urls() - labels) == [], "add these write URLs to FROZEN_POST"
    assert sorted(labels - _write_urls()) == [], "not write URLs of the operator (any more)"


def _state() -> dict[str, Any]:
    """The frozen tables (tests/reports/test_freeze_routes.py) and the reports with their workflow events."""
    from apps.reports.models import Report, ReportEvent

    return {**fingerprint(), "reports": list(Report.objects.order_by("pk").values()), "events": ReportEvent.objects.count()}


def _outcome(response: Any) -> tuple[str, list[str], str]:
    storage = getattr(response.wsgi_request, "_messages", None)
    errors = [str(m) for m in getattr(storage, "_queued_messages", []) if m.level == message_levels.ERROR]
    text = body(response).decode(errors="replace")
    code = str(response.status_code)
    if errors or (response.status_code != 302 and LOCK in text):
        code += "?" if not any(LOCK in m for m in errors + [text]) else "!"
    return code, errors, text


@pytest.fixture
def own(world, settings, tmp_path) -> Kec:
    settings.MEDIA_ROOT = tmp_path
    k = build("own", world.own, operator=world.operator, admin=world.admin)
    k.objects["laporan_indicator"] = k.renstra.indicators.create(
        organisation=world.own, level="sasaran", sasaran=k.sasaran, name="Indikator di luar PK", satuan="%"
    )
    return k


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_the_operator_cannot_write_a_frozen_period_by_any_url(world, own, state):
    workflow.report_submit(report=own.report, user=world.operator)
    if state == "approved":
        with mock.patch("apps.reports.workflow.pdf_from_html", lambda html: b"%PDF-1.4\n%%EOF\n"):
            workflow.report_approve(report=own.report, user=world.camat)
    client = Client(raise_request_exception=False)
    client.force_login(world.operator)
    wrong = []
    for label, (expected, data) in FROZEN_POST.items():
        if ":" in expected:  # per state
            expected = dict(cell.split(":") for cell in expected.split())[state]
        target = EXTRA_TARGETS.get(label) or TARGETS[label]
        with transaction.atomic():
            before = _state()
            url = target.url(own, world.operator)
            response = client.post(url, data(own) if data else target.data(own))
            got, errors, text = _outcome(response)
            changed = [m for m, rows in _state().items() if rows != before[m]]
            transaction.set_rollback(True)
        if got not in expected.split("|"):
            wrong.append(f"{label} {url}: expected {expected}, got {got} {errors or text[-200:]}")
        elif expected != "302" and changed:
            wrong.append(f"{label}: refused but changed {changed}")
        elif expected == "302" and not changed:
            wrong.append(f"{label}: allowed but wrote nothing")
    assert wrong == [], "\n".join(wrong)
