"""Journey 1: the operator of Kecamatan Perak enters a TW IV realisation, adds evidence and submits the LKjIP."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from apps.realisations.models import Realisation
from apps.reports.models import Report, Status

from .helpers import alert, expect, login, row, status_badge, step

INDICATOR = "Persentase rata-rata capaian kinerja aparatur"  # demo: target 100 %, TW IV realisation 100, no faktor yet
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n"
)


def test_operator_enters_a_realisation_adds_evidence_and_submits(demo, live_server, page, tmp_path: Path):
    base = live_server.url
    indicator = demo.indicator(INDICATOR)

    login(page, base, "operator.perak")
    expect(page.get_by_role("heading", name="Yang harus diisi triwulan ini")).to_be_visible()
    expect(page.locator("section[data-role=operator]")).to_contain_text("Kecamatan Perak")
    step(page, "home")

    page.goto(f"{base}/kinerja/kecamatan/{demo.perak.pk}/realisasi/2024/tw4/")
    expect(page.get_by_role("heading", name="Realisasi s/d Triwulan IV 2024")).to_be_visible()
    line = row(page, INDICATOR)
    expect(line).to_contain_text("100,00 %")  # the demo's realisation equals the target
    step(page, "grid-before")
    line.get_by_role("link", name="Isi").click()

    expect(page.get_by_role("heading", name=INDICATOR)).to_be_visible()
    value = page.get_by_label("Realisasi triwulan ini")
    expect(value).to_have_value("100")
    save = page.get_by_role("button", name="Simpan realisasi")

    # Not a number: the Indonesian parser's message, nothing stored.
    for typed in ("7,5,3", "abc"):
        value.fill(typed)
        save.click()
        expect(page.get_by_text(f"«{typed}» bukan angka yang sah")).to_be_visible()
        expect(alert(page, "Tidak ada yang disimpan.")).to_be_visible()
        step(page, f"invalid-{typed}")
    assert Realisation.objects.get(indicator=indicator, year=2024, quarter=4).value == Decimal("100")
    expect(row(page, "Realisasi triwulan")).to_contain_text("100,00")

    # Below target: faktor penghambat and solusi become required.
    page.get_by_label("Realisasi triwulan ini").fill("87,5")
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Capaian di bawah target: isi faktor penghambat.")).to_be_visible()
    expect(page.get_by_text("Capaian di bawah target: isi solusi / upaya.")).to_be_visible()
    expect(page.get_by_label("Realisasi triwulan ini")).to_have_value("87,5")  # what was typed is kept
    assert Realisation.objects.get(indicator=indicator, year=2024, quarter=4).value == Decimal("100")
    step(page, "faktor-required")

    page.get_by_label("Faktor penghambat").fill("Dua pegawai pensiun pada Oktober 2024 dan belum ada pengganti.")
    page.get_by_label("Solusi / upaya").fill("Mengusulkan formasi pengganti ke BKPSDM pada Januari 2025.")
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(alert(page, f"Realisasi {INDICATOR} TW 4 disimpan.")).to_be_visible()
    expect(row(page, "Realisasi triwulan")).to_contain_text("87,50")
    expect(row(page, "Capaian")).to_contain_text("87,50 %")
    step(page, "saved")

    # Evidence: a small PDF, judged by its content.
    pdf = tmp_path / "sk-tim-sakip-2024.pdf"
    pdf.write_bytes(TINY_PDF)
    page.get_by_label("Jenis").select_option(label="Dokumen (SK, laporan, notulen)")
    page.get_by_label("Keterangan").fill("SK Tim SAKIP Kecamatan Perak 2024")
    page.get_by_label("Berkas (PDF, JPG, PNG, DOCX, XLSX; maks. 10 MB)").set_input_files(str(pdf))
    page.get_by_role("button", name="Tambah bukti").click()
    expect(alert(page, "Bukti dukung ditambahkan.")).to_be_visible()
    expect(page.get_by_role("link", name="SK Tim SAKIP Kecamatan Perak 2024")).to_be_visible()
    expect(page.get_by_text("(sk-tim-sakip-2024.pdf,")).to_be_visible()
    step(page, "evidence")

    # Back on the grid: the new figure, its capaian in Indonesian format, the row complete.
    page.get_by_role("link", name="Realisasi TW 4 2024").click()
    line = row(page, INDICATOR)
    expect(line).to_contain_text("87,50")
    expect(line.locator("td").nth(9)).to_have_text("87,50 %")
    expect(line).to_contain_text("lengkap")
    expect(line).to_have_class(re.compile(r"\btable-warning\b"))
    step(page, "grid-after")

    # The annual LKjIP: submit to the camat.
    page.goto(f"{base}/laporan/kecamatan/{demo.perak.pk}/2024/annual/")
    expect(status_badge(page)).to_have_text("Draf")
    page.get_by_role("button", name="Ajukan ke camat").click()
    refused = alert(page, "Laporan belum dapat diajukan")
    expect(alert(page, "Status laporan: Diajukan.").or_(refused)).to_be_visible()
    assert not refused.count(), f"submission refused by the consistency check: {refused.inner_text()}"
    expect(status_badge(page)).to_have_text("Diajukan")
    expect(page.get_by_role("button", name="Ajukan ke camat")).to_have_count(0)
    step(page, "submitted")
    assert Report.objects.get(organisation=demo.perak, year=2024, period="annual").status == Status.SUBMITTED
