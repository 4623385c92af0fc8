"""Journey 4: the Inspektorat sees every kecamatan of the pemda, downloads and verifies the approved PDF, reviews it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from apps.reports import services, workflow
from apps.reports.models import Report, ReviewNote, Status

from .helpers import alert, expect, login, row, status_badge, step


def test_inspektorat_verifies_the_approved_pdf_and_declares_it_reviewed(demo, live_server, page, tmp_path: Path):
    base = live_server.url
    # The kecamatan's part, through the services: the operator submits, the camat approves (PDF + SHA-256 stored).
    report = services.report_get_or_create(organisation=demo.perak, year=2024, period="annual")
    workflow.report_submit(report=report, user=demo.operator)
    workflow.report_approve(report=report, user=demo.camat)
    snapshot = workflow.latest_snapshot(report)

    login(page, base, "inspektorat.jombang")
    expect(page.get_by_role("heading", name="Kecamatan di wilayah Anda")).to_be_visible()
    expect(page.get_by_text("Menunggu reviu: LKjIP tahunan 2024 - Kecamatan Perak")).to_be_visible()
    step(page, "home")

    # Every kecamatan of Jombang with its LKjIP status and capaian.
    page.goto(f"{base}/laporan/pemda/{demo.pemda.pk}/2024/")
    expect(page.get_by_role("heading", name="Kinerja kecamatan Kabupaten Jombang tahun 2024")).to_be_visible()
    perak, ploso = row(page, "Kecamatan Perak"), row(page, "Kecamatan Ploso")
    expect(perak.locator("td").nth(1)).to_have_text("Disetujui")
    expect(perak.locator("td").nth(3)).to_have_text(
        "103,24 %"
    )  # mean of the sasaran, unclamped (seed notes 002 section 4.8); the predikat is of the clamped value
    expect(perak.locator("td").nth(4)).to_contain_text("Sangat Memuaskan")
    expect(perak.locator("td").nth(5)).to_have_text("94,19 %")  # serapan anggaran s/d TW IV (seed 002 DPA and realisasi)
    expect(ploso.locator("td").nth(1)).to_have_text("belum dibuat")
    expect(ploso.locator("td").nth(3)).to_have_text("-")
    expect(ploso.locator("td").nth(5)).to_have_text("-")
    expect(ploso.get_by_role("link", name="PDF")).to_have_count(0)
    step(page, "pemda")

    # The PDF link gives the approved bytes; their SHA-256 is the one the verification page confirms.
    with page.expect_download() as info:
        perak.get_by_role("link", name="PDF").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    pdf = saved.read_bytes()
    assert pdf.startswith(b"%PDF"), pdf[:20]
    sha = hashlib.sha256(pdf).hexdigest()
    assert saved.name.endswith("-v1.pdf")

    perak.get_by_role("link", name="Buka").click()
    expect(status_badge(page)).to_have_text("Disetujui")
    expect(page.get_by_text("Versi disetujui 1:")).to_be_visible()
    page.locator("#alur").get_by_role("link", name="verifikasi").click()
    expect(page.get_by_role("heading", name="Verifikasi laporan yang disetujui")).to_be_visible()
    verified = page.locator("[data-verified='1']")
    expect(verified).to_contain_text("Dokumen asli.")
    expect(verified).to_contain_text("LKjIP tahunan 2024 - Kecamatan Perak, versi 1")
    expect(verified.locator("code")).to_have_text(sha)
    step(page, "verified-by-token")
    # Anyone holding the file can check its fingerprint.
    page.get_by_placeholder("SHA-256 berkas PDF (sha256sum laporan.pdf)").fill(sha)
    page.get_by_role("button", name="Periksa").click()
    expect(page.locator("[data-verified='1'] code")).to_have_text(sha)
    assert sha == snapshot.sha256

    # The review: a note, then the statement.
    page.goto(f"{base}{report.get_absolute_url()}")
    note = "Tabel 3.1 sesuai LHE AKIP 2024; lampirkan SK Tim SAKIP pada tahun berikutnya."
    page.get_by_placeholder("Catatan reviu").fill(note)
    page.get_by_role("button", name="Tambah catatan").click()
    expect(alert(page, "Status laporan: Disetujui.")).to_be_visible()
    page.get_by_text("Riwayat status dan catatan reviu").click()
    expect(page.get_by_text(note)).to_be_visible()
    step(page, "note")

    page.get_by_role("button", name="Nyatakan telah direviu").click()
    expect(alert(page, "Status laporan: Telah direviu.")).to_be_visible()
    expect(status_badge(page)).to_have_text("Telah direviu")
    expect(page.get_by_text("Pernyataan Telah Direviu: LKjIP Kecamatan Perak tahun 2024 telah direviu oleh Inspektorat.")).to_be_visible()
    expect(page.get_by_role("button", name="Nyatakan telah direviu")).to_have_count(0)
    step(page, "reviewed")
    assert Report.objects.get(pk=report.pk).status == Status.REVIEWED
    assert ReviewNote.objects.filter(report=report, author=demo.inspektorat, text=note).exists()

    page.goto(f"{base}/laporan/pemda/{demo.pemda.pk}/2024/")
    expect(row(page, "Kecamatan Perak").locator("td").nth(1)).to_have_text("Telah direviu")
