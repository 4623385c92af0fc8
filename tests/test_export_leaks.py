"""Exports of one kecamatan hold none of another kecamatan's data (issue 10).

Each kecamatan's data carries its own marker, name and figures (tests/access_objects.py); the
annual LKjIP of all three is approved (so the stored PDF, XLSX and JSON exist). Every download is
unpacked (zips and workbooks member by member, PDFs read back with pdftotext) and searched: it must
hold its own kecamatan's marker and nothing of the others.
"""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.reports import workflow
from apps.reports.models import Report, ReportSnapshot, Status
from tests.access_objects import build_world
from tests.factories import UserFactory, member
from tests.test_access_matrix import body, readable

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is installed by .ci/run")


@pytest.fixture
def approved(world, settings, tmp_path):
    """The three kecamatan with their annual LKjIP 2024 submitted by the operator and approved by the camat."""
    kecs = build_world(world, settings, tmp_path)
    people = {
        "own": (world.operator, world.camat),
        "other": (world.other_operator, UserFactory(username="camat_ploso")),
        "foreign": (UserFactory(username="operator_kalaena"), UserFactory(username="camat_kalaena")),
    }
    for scope, (operator, camat) in people.items():
        org = kecs[scope].org
        if scope != "own":
            member(camat, Role.CAMAT, organisation=org)
        if scope == "foreign":
            member(operator, Role.OPERATOR, organisation=org)
        workflow.report_submit(report=kecs[scope].report, user=operator)
        workflow.report_approve(report=kecs[scope].report, user=camat)
    assert ReportSnapshot.objects.count() == 3
    return kecs


def _others(kecs, scope):
    return [n for s, k in kecs.items() if s != scope for n in k.needles]


def _check(text: str, kecs, scope: str, what: str) -> None:
    assert kecs[scope].marker.lower() in text, f"{what}: its own data is missing, the search would prove nothing"
    found = [n for n in _others(kecs, scope) if n.lower() in text]
    assert found == [], f"{what} holds another kecamatan's data: {found}"


def test_exports_hold_only_their_kecamatan(client, world, approved):
    """One test (the three approvals render three PDFs): the pemda zips, then every download of Perak
    by each role of its pemda."""
    client.force_login(world.inspektorat)
    response = client.get(reverse("reports:pemda_zip", args=[world.pemda.pk, 2024]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    assert sorted(members) == ["LKjIP-2024-perak-v1.pdf", "LKjIP-2024-ploso-v1.pdf"]
    _check(readable(members["LKjIP-2024-perak-v1.pdf"]), approved, "own", "Perak's PDF in the zip of pemda Jombang")
    _check(readable(members["LKjIP-2024-ploso-v1.pdf"]), approved, "other", "Ploso's PDF in the zip of pemda Jombang")
    client.force_login(world.foreign_inspektorat)
    response = client.get(reverse("reports:pemda_zip", args=[world.other_pemda.pk, 2024]))
    _check(readable(response.content), approved, "foreign", "the zip of pemda Luwu Timur")

    # Approved LKjIP (the stored PDF, XLSX and JSON), a draft report (JSON, XLSX, HTML), the evidence
    # zip, an evidence file, the realisasi workbook and the printed PK of Perak, for each role.
    own = approved["own"]
    draft = Report.objects.create(organisation=own.org, year=2024, period="tw4")
    urls = {
        **{f"approved {fmt}": reverse("reports:download", args=[own.report.pk, fmt]) for fmt in ("pdf", "xlsx", "json")},
        **{f"draft {fmt}": reverse("reports:download", args=[draft.pk, fmt]) for fmt in ("json", "xlsx", "html")},
        "evidence zip": reverse("reports:evidence_bundle", args=[own.report.pk]),
        "evidence file": reverse("realisations:evidence_download", args=[own.document.pk]),
        "realisasi workbook": reverse("budgets:realisasi_template", args=[own.org.pk, 2024]),
        "PK print": reverse("agreements:print", args=[own.agreement.pk]),
    }
    for persona in ("operator", "camat", "inspektorat", "admin"):
        client.force_login(getattr(world, persona))
        for what, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200, f"{persona}: {what}"
            _check(readable(body(response)), approved, "own", f"{persona}: {what}")

    # The draft PDF, rendered through the job the download starts.
    client.force_login(world.operator)
    response = client.get(reverse("reports:download", args=[draft.pk, "pdf"]))
    response = client.get(response["Location"] + "?unduh=1")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    _check(readable(body(response)), approved, "own", "the draft PDF")
    assert Report.objects.get(pk=own.report.pk).status == Status.APPROVED
