"""The approved LKjIP in a browser: the page shows the approved version (a banner, the changes link),
not the data changed since, on a desktop and a phone; two browsers saving one narrative: the second
gets the conflict and the first text stays."""

from __future__ import annotations

import re

from apps.reports import services, workflow
from apps.reports.models import NarrativeSection, Report

from .helpers import alert, expect, login, status_badge, step

BANNER = "[data-snapshot-banner]"


def _approved(demo) -> Report:
    report = services.report_get_or_create(organisation=demo.perak, year=2024, period="annual")
    workflow.report_submit(report=report, user=demo.operator)
    return workflow.report_approve(report=report, user=demo.camat)


def test_the_approved_page_shows_the_approved_version_on_desktop_and_phone(demo, live_server, new_page):
    base = live_server.url
    report = _approved(demo)
    demo.perak.name = "Perak Baru"  # the kabupaten admin renames the kecamatan after approval
    demo.perak.save()
    page = new_page("inspektorat")
    login(page, base, "inspektorat.jombang")
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{base}{report.get_absolute_url()}")
        expect(status_badge(page)).to_have_text("Disetujui")
        banner = page.locator(BANNER)
        expect(banner).to_be_visible()
        expect(banner).to_contain_text(re.compile(r"Versi disetujui ke-1, disetujui oleh .+ pada .+; data dapat berubah setelahnya\."))
        expect(page.locator(".report .cover-org")).to_have_text("KECAMATAN PERAK")
        banner.scroll_into_view_if_needed()
        box = banner.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box  # no overflow on the phone
        step(page, f"approved-{width}")
    page.locator(BANNER).get_by_role("link", name="Lihat perubahan sejak versi ini").click()
    expect(page).to_have_url(f"{base}/laporan/{report.pk}/perubahan/")
    step(page, "changes")


def test_two_browsers_save_one_narrative_the_second_is_told_and_the_first_text_stays(demo, live_server, new_page):
    base = live_server.url
    url = f"{base}/laporan/kecamatan/{demo.perak.pk}/2024/annual/narasi/kesimpulan/"
    first, second = new_page("first"), new_page("second")
    for page in (first, second):
        login(page, base, "operator.perak")
        page.goto(url)
        expect(page.get_by_role("heading", name="Kesimpulan")).to_be_visible()
    first.get_by_label("Teks").fill("Kesimpulan dari peramban pertama.")
    first.get_by_role("button", name="Simpan narasi").click()
    expect(alert(first, "Narasi disimpan.")).to_be_visible()

    second.get_by_label("Teks").fill("Kesimpulan dari peramban kedua.")
    with second.expect_response(lambda r: r.request.method == "POST") as answer:
        second.get_by_role("button", name="Simpan narasi").click()
    assert answer.value.status == 409
    expect(alert(second, re.compile(r"Narasi ini sudah diubah oleh .+ pada .+"))).to_be_visible()
    expect(second.get_by_label("Teks", exact=True)).to_have_value("Kesimpulan dari peramban pertama.")
    expect(second.get_by_label("Teks Anda (tidak disimpan)")).to_have_value("Kesimpulan dari peramban kedua.")
    step(second, "conflict")
    stored = NarrativeSection.objects.get(report__organisation=demo.perak, report__year=2024, report__period="annual", key="kesimpulan")
    assert (stored.text, stored.revision) == ("Kesimpulan dari peramban pertama.", 1)
