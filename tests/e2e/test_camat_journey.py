"""Journey 2: the camat returns, approves, reopens and approves again; the operator resubmits in between."""

from __future__ import annotations

from apps.reports import services, workflow
from apps.reports.models import Report, ReportSnapshot, Status

from .conftest import SLOW_TIMEOUT_MS
from .helpers import alert, expect, login, row, status_badge, step

AKIP = "Nilai evaluasi AKIP Kec. Perak"  # IKU; demo: TW IV 74,64 against a target of 73


def _submitted_report(demo) -> Report:
    """The operator's submission (journey 1 does it in the browser)."""
    report = services.report_get_or_create(organisation=demo.perak, year=2024, period="annual")
    return workflow.report_submit(report=report, user=demo.operator)


def _approve(page) -> None:
    """Click «Setujui» and accept the browser's confirmation; approval renders and stores the PDF (slow)."""
    asked: list[str] = []

    def accept(dialog) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.get_by_role("button", name="Setujui").click(timeout=SLOW_TIMEOUT_MS)  # the click waits for the POST's response
    expect(status_badge(page)).to_have_text("Disetujui", timeout=SLOW_TIMEOUT_MS)
    assert asked == ["Setujui dan kunci laporan ini?"]  # static/js/app.js asks before locking the report


def test_camat_returns_approves_reopens_and_approves_again(demo, live_server, new_page):
    base = live_server.url
    report = _submitted_report(demo)
    report_url = f"{base}{report.get_absolute_url()}"
    camat, operator = new_page("camat"), new_page("operator")

    # The camat finds the submitted report on the home page.
    login(camat, base, "camat.perak")
    waiting = camat.locator("section[data-role=camat]")
    expect(waiting.get_by_role("heading", name="Menunggu persetujuan Anda")).to_be_visible()
    expect(waiting).to_contain_text("LKjIP tahunan 2024 - Kecamatan Perak")
    step(camat, "home")
    waiting.get_by_role("link", name="Periksa").click()
    expect(camat).to_have_url(report_url)
    expect(status_badge(camat)).to_have_text("Diajukan")

    # Returning needs a reason: the browser will not send the form without one ...
    reason = camat.get_by_placeholder("Alasan pengembalian (wajib)")
    camat.get_by_role("button", name="Kembalikan", exact=True).click()
    assert reason.evaluate("el => el.validity.valueMissing") is True
    expect(camat.get_by_role("alert")).to_have_count(0)
    expect(status_badge(camat)).to_have_text("Diajukan")
    # ... and the server refuses an empty one too (a browser that ignores «required»).
    reason.evaluate("el => el.removeAttribute('required')")
    camat.get_by_role("button", name="Kembalikan", exact=True).click()
    expect(alert(camat, "Alasan wajib diisi.")).to_be_visible()
    expect(status_badge(camat)).to_have_text("Diajukan")
    step(camat, "reason-required")

    camat.get_by_placeholder("Alasan pengembalian (wajib)").fill("Lengkapi bukti dukung IKU sebelum disetujui.")
    camat.get_by_role("button", name="Kembalikan", exact=True).click()
    expect(alert(camat, "Status laporan: Dikembalikan.")).to_be_visible()
    expect(status_badge(camat)).to_have_text("Dikembalikan")
    step(camat, "returned")

    # The operator sees why and resubmits.
    login(operator, base, "operator.perak")
    operator.goto(report_url)
    expect(status_badge(operator)).to_have_text("Dikembalikan")
    operator.get_by_text("Riwayat status dan catatan reviu").click()
    expect(operator.get_by_text("(Lengkapi bukti dukung IKU sebelum disetujui.)")).to_be_visible()
    operator.get_by_role("button", name="Ajukan ke camat").click()
    expect(alert(operator, "Status laporan: Diajukan.")).to_be_visible()
    step(operator, "resubmitted")

    # The camat approves: version 1 is frozen.
    camat.goto(report_url)
    expect(status_badge(camat)).to_have_text("Diajukan")
    _approve(camat)
    expect(alert(camat, "Status laporan: Disetujui.")).to_be_visible()
    expect(camat.get_by_text("Versi disetujui 1:")).to_be_visible()
    step(camat, "approved-v1")

    # Reopening needs a reason as well.
    camat.get_by_placeholder("Alasan membuka kembali (wajib)").fill("Nilai AKIP final dari LHE 2024 sudah terbit.")
    camat.get_by_role("button", name="Buka kembali").click()
    expect(alert(camat, "Status laporan: Draf.")).to_be_visible()
    expect(status_badge(camat)).to_have_text("Draf")
    step(camat, "reopened")

    # The operator corrects a realisation and resubmits.
    indicator = demo.indicator(AKIP)
    operator.goto(f"{base}/kinerja/indikator/{indicator.pk}/realisasi/2024/tw4/")
    expect(operator.get_by_label("Realisasi triwulan ini")).to_have_value("74,64")
    operator.get_by_label("Realisasi triwulan ini").fill("75,25")
    operator.get_by_role("button", name="Simpan realisasi").click()
    expect(alert(operator, f"Realisasi {AKIP} TW 4 disimpan.")).to_be_visible()
    expect(row(operator, "Realisasi triwulan")).to_contain_text("75,25")
    expect(row(operator, "Capaian")).to_contain_text("103,08 %")  # 75,25 / 73
    operator.goto(report_url)
    operator.get_by_role("button", name="Ajukan ke camat").click()
    expect(status_badge(operator)).to_have_text("Diajukan")
    step(operator, "corrected-and-resubmitted")

    # The camat sees what changed since version 1, then approves version 2.
    camat.goto(report_url)
    expect(status_badge(camat)).to_have_text("Diajukan")
    camat.get_by_role("link", name="Perubahan sejak versi disetujui").click()
    expect(camat.get_by_role("heading", name="Perubahan sejak versi yang disetujui")).to_be_visible()
    expect(camat.get_by_text("Dibandingkan dengan versi 1")).to_be_visible()
    tw4 = row(camat, "Tabel L.1", AKIP, "TW IV")
    expect(tw4).to_have_count(1)
    expect(tw4.locator("td").nth(3)).to_have_text("74,64")  # Sebelum
    expect(tw4.locator("td").nth(4)).to_have_text("75,25")  # Sesudah
    step(camat, "changes")

    camat.get_by_role("link", name="LKjIP tahunan 2024 - Kecamatan Perak").click()
    _approve(camat)
    expect(camat.get_by_text("Versi disetujui 2:")).to_be_visible()
    step(camat, "approved-v2")
    assert list(ReportSnapshot.objects.filter(report=report).values_list("version", flat=True).order_by("version")) == [1, 2]
    assert Report.objects.get(pk=report.pk).status == Status.APPROVED


def test_changes_page_shows_figures_in_indonesian_format(demo, live_server, page, monkeypatch):
    """Tabel 3.1 «Capaian» before/after should read like the report itself, by the kabupaten's report convention
    (Jombang prints capaian at 1 decimal, issue 18): 74,64 / 73 = 102,2 % -> 75,25 / 73 = 103,1 %."""
    monkeypatch.setattr(workflow, "pdf_from_html", lambda html: b"%PDF-1.4\n%stub for a fast approval\n%%EOF\n")
    from decimal import Decimal

    from apps.realisations import services as realisations

    report = _submitted_report(demo)
    workflow.report_approve(report=report, user=demo.camat)
    workflow.report_reopen(report=report, user=demo.camat, reason="koreksi")
    indicator = demo.indicator(AKIP)
    current = indicator.realisations.get(year=2024, quarter=4)
    realisations.realisation_save(
        indicator=indicator, year=2024, quarter=4, revision=current.revision, user=demo.operator, value=Decimal("75.25"),
        faktor_penghambat=current.faktor_penghambat, solusi=current.solusi,
    )  # fmt: skip

    login(page, live_server.url, "camat.perak")
    page.goto(f"{live_server.url}/laporan/{report.pk}/perubahan/")
    capaian = row(page, "Tabel 3.1", AKIP).filter(has=page.get_by_role("cell", name="Capaian", exact=True))
    expect(capaian).to_have_count(1)
    step(page, "changes")
    expect(capaian.locator("td").nth(3)).to_have_text("102,2 %", timeout=2_000)
    expect(capaian.locator("td").nth(4)).to_have_text("103,1 %", timeout=2_000)


def test_the_camat_does_not_wait_for_the_pdf_and_sees_a_failed_one_retried(demo, live_server, page, settings, monkeypatch):
    """Issue 21 in the browser: with the jobs on a queue (as on a server), «Setujui» returns at once with the
    approval in progress; the page polls and shows the approved version once the worker is done. A render that
    fails is shown with its reason and «Coba buat lagi», which queues it again."""
    from apps.core import jobs

    settings.JOBS_MODE = "rq"
    queued: list[tuple] = []
    monkeypatch.setattr(jobs, "_rq_enqueue", lambda func, *args: queued.append((func, args)))
    monkeypatch.setattr(workflow, "pdf_from_html", lambda html: (_ for _ in ()).throw(RuntimeError("font tidak ditemukan")))
    report = _submitted_report(demo)
    login(page, live_server.url, "camat.perak")
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    _click_approve(page)
    expect(page.get_by_text("Persetujuan dicatat.")).to_be_visible()
    expect(page.locator("#persetujuan")).to_contain_text("sedang dibuat")
    expect(status_badge(page)).to_have_text("Diajukan")
    expect(page.get_by_role("button", name="Setujui")).to_have_count(0)
    step(page, "approval-queued")

    assert len(queued) == 1
    func, args = queued.pop()
    func(*args)  # the worker: the render fails
    expect(page.locator("#persetujuan")).to_contain_text("dokumennya tidak dapat dibuat")
    expect(page.locator("#persetujuan")).to_contain_text("font tidak ditemukan")
    step(page, "approval-failed")

    monkeypatch.setattr(workflow, "pdf_from_html", lambda html: b"%PDF-1.4\n%stub for a fast approval\n%%EOF\n")
    page.get_by_role("button", name="Coba buat lagi").click()
    expect(page.locator("#persetujuan")).to_contain_text("sedang dibuat")
    assert len(queued) == 1
    func, args = queued.pop()
    func(*args)  # the worker again: done; the polling page reloads itself
    expect(status_badge(page)).to_have_text("Disetujui", timeout=SLOW_TIMEOUT_MS)
    expect(page.get_by_text("Versi disetujui 1:")).to_be_visible()
    step(page, "approval-done")
    assert Report.objects.get(pk=report.pk).status == Status.APPROVED


def _click_approve(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Setujui").click()
