"""Issue 19, part D: the ringkasan tables (ikhtisar eksekutif, BAB IV), the lampiran (rencana aksi per triwulan, the
signed PK, penghargaan, Pernyataan Telah Direviu) and the quarterly report's monitoring table, each present with data
for a report built from entered data, in HTML, JSON, XLSX (and the PDF text for the PK and the reviu statement); the
penghargaan screen refusing bad input in Indonesian and changing nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.budgets.models import RealisasiAnggaran
from apps.calculations import bridge
from apps.organisations.models import Position
from apps.performance.selectors import realisation_grid
from apps.reports import services, workflow
from apps.reports.models import Penghargaan, Report
from apps.reports.renderers import document_dict, render_html, render_pdf, render_xlsx
from tests.factories import AppointmentFactory, OfficialFactory, PositionFactory, RealisationFactory

CAMAT_NIP = "197503121998031004"
BUPATI = "H. MUNDJIDAH WAHAB"
INSPEKTUR_NIP = "196811021994031007"


def _table(doc, key):
    return next(t for t in doc.tables if t.key == key)


def _json_table(payload, key):
    def walk(sections):
        for s in sections:
            for b in s["blocks"]:
                if b["type"] == "table" and b["key"] == key:
                    return b
                if b["type"] == "pk_form" and b["table"]["key"] == key:
                    return b
            found = walk(s["sections"])
            if found:
                return found
        return None

    return walk(payload["sections"])


def _sheet_text(xlsx: bytes) -> str:
    wb = load_workbook(io.BytesIO(xlsx))
    return "\n".join(" | ".join("" if v is None else str(v) for v in row) for ws in wb.worksheets for row in ws.iter_rows(values_only=True))


def _pdf_text(pdf: bytes) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "r.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


@pytest.fixture
def signed(ready, world, plan):
    """``ready`` with the PK signed on 2 January 2024 by the camat and the bupati, and two penghargaan of 2024."""
    camat = PositionFactory(organisation=world.own, kind=Position.Kind.CAMAT, title="Camat Perak")
    AppointmentFactory(position=camat, official=OfficialFactory(pemda=world.pemda, name="DRS. CAMAT PERAK", nip=CAMAT_NIP))
    bupati = PositionFactory(organisation=None, pemda=world.pemda, kind=Position.Kind.KEPALA_DAERAH, title="Bupati Jombang")
    AppointmentFactory(position=bupati, official=OfficialFactory(pemda=world.pemda, name=BUPATI, nip=""))
    plan.agreement.signing_date = dt.date(2024, 1, 2)
    plan.agreement.save(update_fields=["signing_date"])
    Penghargaan.objects.create(organisation=world.own, year=2024, number=1, name="Juara I Lomba Inovasi Pelayanan Publik",
                               giver="Bupati Jombang", level="kabupaten", date=dt.date(2024, 8, 17))  # fmt: skip
    Penghargaan.objects.create(organisation=world.own, year=2024, number=2, name="Kecamatan Sadar Arsip", giver="ANRI", level="nasional")
    RealisasiAnggaran.objects.create(organisation=world.own, year=2024, code="7.01.01.2.01.0001", quarter=4, amount=Decimal(45_000_000))
    return ready


def test_summary_tables_and_lampiran_from_the_one_figures_path(signed, world):
    doc = services.report_document(report=signed.report)
    iku = _table(doc, "capaian-iku")
    ringkasan = _table(doc, "ringkasan-eksekutif")
    # the same cells as Tabel capaian IKU: target, realisasi, capaian (value and derivation) and predikat
    row, same = ringkasan.rows[0], iku.rows[0]
    assert row[2].value == same[2].value == "Nilai evaluasi AKIP"
    assert (row[3].number, row[4].number) == (Decimal(73), Decimal("84.24"))
    assert (row[5].number, row[5].derivation, row[5].places) == (same[6].number, same[6].derivation, same[6].places)
    assert row[6].value == same[7].value
    assert row[7].number == Decimal(90)  # the sasaran's serapan: 45 of the 50 million of its program's DPA
    assert ringkasan.footer[5].number == _table(doc, "capaian-sasaran").footer[2].number

    penutup = _table(doc, "ringkasan-penutup")
    assert penutup.number.startswith("Tabel 4.")
    assert penutup.rows[0][1].number == _table(doc, "capaian-sasaran").rows[0][2].number
    assert penutup.rows[0][3].number == Decimal(50_000_000)  # pagu of the program serving the sasaran
    efisiensi = _table(doc, "efisiensi")
    assert penutup.footer[5].number == efisiensi.footer[4].number  # serapan of the organisation, as BAB III prints it

    aksi = _table(doc, "rencana-aksi")
    laporan = next(r for r in aksi.rows if r[1].value == "Jumlah laporan kinerja")
    assert [laporan[4 + 3 * i].number for i in range(4)] == [Decimal(3), Decimal(6), Decimal(9), Decimal(12)]  # TW targets of the PK
    assert [laporan[5 + 3 * i].number for i in range(4)] == [Decimal(3), Decimal(6), Decimal(9), Decimal(12)]  # cumulative
    assert laporan[6].number == Decimal(100)
    akip = next(r for r in aksi.rows if r[1].value == "Nilai evaluasi AKIP")
    assert akip[4].number is None and akip[13].number == Decimal(73)  # no TW target: the annual one at TW IV

    pk = _table(doc, "pk-form")
    assert [r[2].value for r in pk.rows][:1] == ["Nilai evaluasi AKIP"]
    assert "DRS. CAMAT PERAK" in pk.note and "NIP 19750312 199803 1 004" in pk.note and BUPATI in pk.note
    penghargaan = _table(doc, "penghargaan")
    assert [r[1].value for r in penghargaan.rows] == ["Juara I Lomba Inovasi Pelayanan Publik", "Kecamatan Sadar Arsip"]
    assert penghargaan.rows[0][4].value == "17 Agustus 2024" and penghargaan.rows[1][3].value == "Nasional"
    # no review yet: the page says so, no blank form
    reviu = next(s for s in doc.walk() if s.anchor == "lampiran-reviu")
    assert "belum direviu" in reviu.blocks[0].text and len(reviu.blocks) == 1

    html = render_html(doc)[2].decode()
    for text in ("Ringkasan Capaian Kinerja dan Serapan Anggaran", "Ringkasan Capaian Sasaran dan Realisasi Anggaran",
                 "Rencana Aksi dan Realisasi per Triwulan", "Pihak Pertama", "DRS. CAMAT PERAK", "NIP. 19750312 199803 1 004",
                 BUPATI, "Juara I Lomba Inovasi Pelayanan Publik", "Pernyataan Telah Direviu", "belum direviu"):  # fmt: skip
        assert text in html, text
    payload = document_dict(doc)
    assert _json_table(payload, "ringkasan-eksekutif")["rows"][0][5]["value"] == str(row[5].number)
    assert _json_table(payload, "rencana-aksi")["rows"]
    form = _json_table(payload, "pk-form")
    assert form["first_party"]["name"] == "DRS. CAMAT PERAK" and form["first_party"]["nip"] == "19750312 199803 1 004"
    assert form["second_party"]["name"] == BUPATI
    assert _json_table(payload, "penghargaan")["rows"][1][2]["text"] == "ANRI"
    sheets = _sheet_text(render_xlsx(doc)[2])
    for text in ("Ringkasan Capaian Kinerja", "Ringkasan Capaian Sasaran", "Rencana Aksi dan Realisasi", "Perjanjian Kinerja Tahun 2024",
                 "Kecamatan Sadar Arsip"):  # fmt: skip
        assert text in sheets, text
    wb = load_workbook(io.BytesIO(render_xlsx(doc)[2]))
    ws = next(ws for ws in wb.worksheets if str(ws["A1"].value).endswith("Rencana Aksi dan Realisasi per Triwulan Tahun 2024"))
    numbers = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, int | float | Decimal)]
    assert 12 in numbers  # every figure a number

    text = _pdf_text(render_pdf(doc)[2])
    assert "PERJANJIAN KINERJA TAHUN 2024" in text
    assert "DRS. CAMAT PERAK" in text and "NIP. 19750312 199803 1 004" in text and BUPATI in text
    assert "Pernyataan Telah Direviu" in text and "belum direviu" in text


def test_the_pernyataan_telah_direviu_comes_from_the_inspektorat_review(signed, world):
    inspektur = PositionFactory(organisation=None, pemda=world.pemda, kind=Position.Kind.INSPEKTUR, title="Inspektur Kabupaten Jombang")
    AppointmentFactory(position=inspektur, official=OfficialFactory(pemda=world.pemda, name="DR. INSPEKTUR JOMBANG", nip=INSPEKTUR_NIP))
    workflow.report_submit(report=signed.report, user=world.operator)
    workflow.report_approve(report=signed.report, user=world.camat)
    workflow.review_complete(report=Report.objects.get(pk=signed.report.pk), user=world.inspektorat, notes="Telah sesuai pedoman.")
    doc = services.report_document(report=Report.objects.get(pk=signed.report.pk))
    t = _table(doc, "pernyataan-reviu")
    values = {r[0].value: r[1].value for r in t.rows}
    assert values["Inspektur"] == "DR. INSPEKTUR JOMBANG" and values["NIP"] == "19681102 199403 1 007"
    assert values["Catatan reviu"] == "Telah sesuai pedoman."
    assert values["Direviu oleh"] and values["Tanggal reviu"]
    html = render_html(doc)[2].decode()
    assert "Kami telah mereviu Laporan Kinerja Instansi Pemerintah (LKjIP)" in html and "DR. INSPEKTUR JOMBANG" in html
    assert _json_table(document_dict(doc), "pernyataan-reviu")["rows"][4][1]["text"] == "19681102 199403 1 007"
    assert "DR. INSPEKTUR JOMBANG" in _sheet_text(render_xlsx(doc)[2])
    text = _pdf_text(render_pdf(doc)[2])
    assert "Kami telah mereviu" in text and "DR. INSPEKTUR JOMBANG" in text and "NIP. 19681102 199403 1 007" in text


def test_the_quarterly_report_monitors_against_the_tw_target_or_the_annual_one_with_projection(ready, world, plan):
    RealisationFactory(indicator=plan.akip, year=2024, quarter=1, value=Decimal(70))  # AKIP: annual target only (73)
    report = Report(organisation=world.own, year=2024, period="tw2")
    doc = services.report_document(report=report)
    t = _table(doc, "pemantauan-tw")
    rows = {r[1].value: r for r in t.rows}
    laporan, akip = rows["Jumlah laporan kinerja"], rows["Nilai evaluasi AKIP"]
    assert (laporan[4].number, laporan[5].number, laporan[6].number, laporan[7].value) == (
        Decimal(6),
        Decimal(6),
        Decimal(100),
        "target s/d TW II",
    )
    assert laporan[8].number == Decimal(12) and laporan[10].value == "Tidak"  # 6 / 2 × 4 = 12 of 12
    assert akip[4].number is None and akip[7].value == "target tahunan"
    assert akip[6].number == bridge.capaian(plan.akip, Decimal(73), None, Decimal(70)).value
    # the projection and early warning are the realisation grid's
    grid = next(r for r in realisation_grid(organisation=world.own, year=2024, quarter=2).rows if r.indicator == plan.akip)
    assert akip[8].number == grid.projection.value.value and akip[9].number == grid.projection.capaian.value
    assert akip[10].value == "Ya" and grid.projection.early_warning
    assert "terhadap target tahunan" in t.note and "peringatan dini" in t.note
    assert "Pemantauan Capaian dan Proyeksi Akhir Tahun" in render_html(doc)[2].decode()
    assert _json_table(document_dict(doc), "pemantauan-tw")["rows"][0]
    assert "target tahunan" in _sheet_text(render_xlsx(doc)[2])


def test_the_penghargaan_screen_saves_and_refuses_bad_input_in_indonesian(client, world):
    url = reverse("reports:penghargaan", args=[world.own.pk, 2024])
    client.force_login(world.operator)
    response = client.post(url, {"items": "Juara I Inovasi; Bupati Jombang; Kabupaten/Kota; 17-08-2024\nSadar Arsip; ANRI; nasional"})
    assert response.status_code == 302
    assert list(Penghargaan.objects.filter(organisation=world.own).values_list("name", "level", "date")) == [
        ("Juara I Inovasi", "kabupaten", dt.date(2024, 8, 17)),
        ("Sadar Arsip", "nasional", None),
    ]
    for bad, message in (
        ("Juara; Bupati; RT; 01-01-2024", "tingkat «RT» tidak dikenal"),
        ("Juara; Bupati; Provinsi; 01-01-2023", "tidak berada di tahun 2024"),
        ("Juara; Bupati; Provinsi; 31-02-2024", "tidak dapat dibaca"),
        ("Juara; ; Provinsi", "pemberi kosong"),
        ("hanya nama", "tulis «nama penghargaan; pemberi; tingkat; tanggal»"),
    ):
        response = client.post(url, {"items": bad})
        assert response.status_code == 422
        assert message in response.content.decode(), bad
        assert Penghargaan.objects.filter(organisation=world.own).count() == 2  # nothing changed
    client.force_login(world.camat)
    assert client.get(url).status_code == 200
    assert client.post(url, {"items": "Lain; Bupati; Provinsi"}).status_code == 403
    assert Penghargaan.objects.filter(organisation=world.own).count() == 2
