"""Evidence is downloaded and zipped under a name whose extension is the type detected from the
content at upload, never the uploader's (issue 15, finding 6): a PDF/HTML polyglot uploaded as
``.html`` is a ``.pdf``; zip members are named quarter / indicator / original name, without the
storage path."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.realisations.evidence import EXTENSIONS, download_name, sniff_bytes
from apps.realisations.models import Evidence, Realisation
from apps.realisations.services import evidence_add
from apps.reports.models import Report

POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def _add(realisation, user, name: str, content: bytes, description: str = "Bukti") -> Evidence:
    upload = SimpleUploadedFile(name, content, content_type="text/html")
    return evidence_add(realisation=realisation, user=user, kind="dokumen", description=description, upload=upload)


@pytest.fixture
def akip_tw4(plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"))


@pytest.mark.parametrize(
    ("original", "content_type", "expected"),
    [
        ("laporan.html", "application/pdf", "laporan.pdf"),
        ("foto.pdf", "image/jpeg", "foto.jpg"),
        ("bukti.pdf.html", "application/pdf", "bukti.pdf.pdf"),
        ("scan", "image/png", "scan.png"),
        (".htaccess", "application/pdf", "htaccess.pdf"),
        ("", "application/pdf", "berkas.pdf"),
        ('lap\u202eoran"; x=y\r\n.svg', "application/pdf", "lap_oran_ x_y.pdf"),
        ("..\\..\\etc\\passwd.html", "application/pdf", "passwd.pdf"),
        ("data.xlsx", "application/octet-stream", "data.bin"),
    ],
)
def test_download_name_takes_the_extension_of_the_detected_type(original, content_type, expected):
    assert download_name(original, content_type) == expected


def test_extensions_are_those_sniff_decides():
    for content in (POLYGLOT, JPEG, PNG, _docx()):
        sniffed = sniff_bytes(content)
        assert EXTENSIONS[sniffed.content_type] == sniffed.extension


def test_polyglot_uploaded_as_html_downloads_as_pdf(client, world, akip_tw4):
    evidence = _add(akip_tw4, world.operator, "laporan.html", POLYGLOT)
    client.force_login(world.operator)
    response = client.get(reverse("realisations:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="laporan.pdf"'
    assert b"".join(response.streaming_content) == POLYGLOT


def test_evidence_zip_members_are_quarter_indicator_original_name(client, world, plan, akip_tw4):
    first = _add(akip_tw4, world.operator, "lhe.html", POLYGLOT, "LHE 1")
    second = _add(akip_tw4, world.operator, "LHE.html", POLYGLOT + b"x", "LHE 2")
    photo = _add(akip_tw4, world.operator, "foto kegiatan.pdf", JPEG, "Foto")
    tw2 = Realisation.objects.create(indicator=plan.laporan, year=2024, quarter=2, value=Decimal(3))
    docx = _add(tw2, world.operator, "notulen", _docx(), "Notulen")
    report = Report.objects.create(organisation=world.own, year=2024, period="annual")
    client.force_login(world.operator)
    response = client.get(reverse("reports:evidence_bundle", args=[report.pk]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        names = zf.namelist()
        members = {n: zf.read(n) for n in names}
    iku = "TW4/nilai-evaluasi-akip"
    assert sorted(names) == sorted(
        ["indeks.tsv", f"{iku}/lhe.pdf", f"{iku}/LHE-2.pdf", f"{iku}/foto kegiatan.jpg", "TW2/jumlah-laporan-kinerja/notulen.docx"]
    )
    assert members[f"{iku}/lhe.pdf"] == POLYGLOT and members[f"{iku}/LHE-2.pdf"] == POLYGLOT + b"x"
    assert members[f"{iku}/foto kegiatan.jpg"] == JPEG
    for e in (first, second, photo, docx):
        stored = e.file.name
        assert not any(stored in n or stored.rsplit("/", 1)[-1] in n or "evidence/" in n for n in names), stored
    index = members["indeks.tsv"].decode()
    assert f"Nilai evaluasi AKIP\t4\tLHE 2\t{iku}/LHE-2.pdf\t{second.sha256}" in index
