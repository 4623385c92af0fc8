"""Journey 3: the pemda admin imports Perak's DPA 2024 through the preview; a non-spreadsheet is refused."""

from __future__ import annotations

from pathlib import Path

from apps.budgets.models import DpaUpload, DpaVersion

from .helpers import alert, expect, login, row, step

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROGRAM = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
NOT_SPREADSHEET = "Berkas ini bukan lembar kerja Excel (.xlsx)."


def _pergeseran(source: Path, target: Path) -> None:
    """Seed 002's DPA with Rp 1.000.000 shifted between two sub kegiatan of one kegiatan (a DPA pergeseran)."""
    import openpyxl

    wb = openpyxl.load_workbook(source)
    ws = wb.active
    for (code,) in ws.iter_rows(min_col=1, max_col=1):
        if code.value == "7.01.01.2.06.0002":
            ws.cell(row=code.row, column=4).value = 20_236_500  # was 19.236.500
        if code.value == "7.01.01.2.06.0004":
            ws.cell(row=code.row, column=4).value = 47_400_000  # was 48.400.000
    wb.save(target)


def test_admin_imports_a_dpa_through_the_preview(demo, live_server, page, tmp_path: Path):
    base = live_server.url
    login(page, base, "admin.jombang")
    admin = page.locator("section[data-role=admin]")
    expect(admin.get_by_role("heading", name="Data induk pemda")).to_be_visible()
    step(page, "home")

    # From the kecamatan's tabs to its budget: the demo already holds seed 002's DPA murni.
    admin.get_by_role("link", name="Kecamatan Perak").click()
    page.locator("ul.nav-tabs").get_by_role("link", name="Anggaran").click()
    expect(page.get_by_role("heading", name="Anggaran (DPA) tahun 2024")).to_be_visible()
    expect(page.get_by_text("Berlaku: DPA murni (pokok) 2024 (versi 1)")).to_be_visible()
    expect(page.get_by_text("Rp 3.180.247.616").first).to_be_visible()
    step(page, "dpa-before")

    # The same file again: recognised by its SHA-256, nothing created.
    page.get_by_role("link", name="Impor DPA/DPPA").click()
    expect(page.get_by_role("heading", name="Impor DPA/DPPA tahun 2024")).to_be_visible()
    page.get_by_label("Berkas DPA/DPPA (.xlsx)").set_input_files(str(FIXTURES / "dpa_seed002_layout_a.xlsx"))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(alert(page, "Berkas ini sama persis (SHA-256 sama) dengan berkas DPA murni (pokok) 2024 (versi 1)")).to_be_visible()
    expect(alert(page, "Tidak ada yang dibuat.")).to_be_visible()
    step(page, "same-file")
    assert DpaVersion.objects.filter(organisation=demo.perak, year=2024).count() == 1

    # A DPA pergeseran: upload, preview (tree with totals, differences), nothing stored until confirmed.
    shifted = tmp_path / "DPA Pergeseran Perak 2024.xlsx"
    _pergeseran(FIXTURES / "dpa_seed002_layout_a.xlsx", shifted)
    page.get_by_role("link", name="Impor DPA/DPPA").click()
    page.get_by_label("Berkas DPA/DPPA (.xlsx)").set_input_files(str(shifted))
    page.get_by_label("Jenis").select_option(label="DPA pergeseran")
    page.get_by_label("Nomor DPA").fill("DPA-P/1.01/2024")
    page.get_by_label("Tanggal DPA").fill("2024-07-01")
    page.get_by_role("button", name="Periksa berkas").click()

    expect(page.get_by_role("heading", name="Pratinjau DPA pergeseran tahun 2024")).to_be_visible()
    expect(page.get_by_text("Semua baris valid. Belum ada yang disimpan.")).to_be_visible()
    expect(page.get_by_role("heading", name="Perbedaan dengan DPA murni (pokok) 2024 (versi 1)")).to_be_visible()
    expect(page.get_by_text("0 ditambah, 0 dihapus, 2 berubah, 21 tetap.")).to_be_visible()
    changed = row(page.locator("table.dpa-diff"), "7.01.01.2.06.0002")
    expect(changed).to_contain_text("Rp 19.236.500")
    expect(changed).to_contain_text("Rp 20.236.500")
    expect(changed).to_contain_text("Rp 1.000.000")
    tree = page.locator("table.preview-tree")
    expect(row(tree, PROGRAM)).to_contain_text("Rp 3.025.434.166")
    expect(row(tree, "7.01.01.2.06.0004")).to_contain_text("Rp 47.400.000")
    expect(tree.locator("tfoot")).to_contain_text("Jumlah")
    expect(tree.locator("tfoot")).to_contain_text("Rp 3.180.247.616")
    tree.locator("tfoot").scroll_into_view_if_needed()
    step(page, "preview")
    assert DpaVersion.objects.filter(organisation=demo.perak, year=2024).count() == 1

    page.get_by_role("button", name="Terapkan sebagai versi baru").click()
    expect(alert(page, "DPA pergeseran 2024 (versi 2) no. DPA-P/1.01/2024 disimpan: 23 sub kegiatan.")).to_be_visible()
    expect(page.get_by_role("heading", name="DPA pergeseran 2024 (versi 2) no. DPA-P/1.01/2024")).to_be_visible()
    expect(page.get_by_role("heading", name="Perubahan dari DPA murni (pokok) 2024 (versi 1)")).to_be_visible()
    step(page, "version")

    page.get_by_role("link", name="Anggaran 2024").click()
    expect(page.get_by_text("Berlaku: DPA pergeseran 2024 (versi 2)")).to_be_visible()
    expect(row(page, "DPA pergeseran (versi 2)")).to_contain_text("berlaku")
    expect(row(page, "DPA pergeseran (versi 2)")).to_contain_text("DPA-P/1.01/2024")
    step(page, "dpa-after")

    # A PDF renamed .xlsx: refused by its content, in Indonesian, and nothing stored.
    fake = tmp_path / "DPA Perak 2024.xlsx"
    fake.write_bytes(b"%PDF-1.4\n% a scanned DPA, not a spreadsheet\n%%EOF\n")
    page.get_by_role("link", name="Impor DPA/DPPA").click()
    page.get_by_label("Berkas DPA/DPPA (.xlsx)").set_input_files(str(fake))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(alert(page, "Berkas ditolak: 1 masalah. Tidak ada yang disimpan.")).to_be_visible()
    expect(page.locator("table.import-issues")).to_contain_text(NOT_SPREADSHEET)
    expect(page.get_by_text("1 masalah; tidak ada yang disimpan.")).to_be_visible()
    step(page, "rejected")
    assert DpaVersion.objects.filter(organisation=demo.perak, year=2024).count() == 2
    assert DpaUpload.objects.filter(organisation=demo.perak).count() == 1  # only the confirmed pergeseran


def test_admin_is_stopped_by_the_wrong_file_and_confirms_written_totals(demo, live_server, page, tmp_path: Path):
    """Issue 20 in the browser: Kalaena's DPPA uploaded for Perak is refused naming the other pemda, kecamatan and
    year; Perak's DPA as printed (two written totals that are not sums) previews with both figures and a required
    tick, and once ticked becomes the version in force with the disagreement recorded."""
    base = live_server.url
    login(page, base, "admin.jombang")
    page.goto(f"{base}/anggaran/kecamatan/{demo.perak.pk}/2024/impor-dpa/")
    page.get_by_label("Berkas DPA/DPPA (.xlsx)").set_input_files(str(FIXTURES / "dpa_seed004_layout_b.xlsx"))
    page.get_by_role("button", name="Periksa berkas").click()
    issues = page.locator("table.import-issues")
    expect(issues).to_contain_text("Kabupaten Luwu Timur, bukan Kabupaten Jombang")
    expect(issues).to_contain_text("Kecamatan Kalaena, bukan Kecamatan Perak")
    expect(issues).to_contain_text("tahun 2023, bukan tahun 2024")
    step(page, "wrong-file")

    page.get_by_label("Berkas DPA/DPPA (.xlsx)").set_input_files(str(FIXTURES / "dpa_seed002_as_printed.xlsx"))
    page.get_by_label("Jenis").select_option(label="DPPA (perubahan)")
    page.get_by_role("button", name="Periksa berkas").click()
    cautions = page.locator("#cautions")
    expect(cautions).to_contain_text("tertulis Rp 3.025.434.166")
    expect(cautions).to_contain_text("jumlah hasil hitung")
    step(page, "written-totals")
    page.get_by_role("button", name="Terapkan sebagai versi baru").click()  # the tick is required: the browser stops here
    assert DpaVersion.objects.filter(organisation=demo.perak, year=2024).count() == 1
    page.get_by_label("Saya sudah memeriksa peringatan di atas dan tetap menerapkan berkas ini.").check()
    page.get_by_role("button", name="Terapkan sebagai versi baru").click()
    expect(page.get_by_text("Jumlah tertulis di berkas yang berbeda dari jumlah rinciannya")).to_be_visible()
    expect(page.get_by_text("Rp 73.791.200").first).to_be_visible()
    step(page, "version-with-note")
    assert DpaVersion.objects.filter(organisation=demo.perak, year=2024).count() == 2


def test_admin_loads_peraks_budget_from_the_sipd_shaped_files(demo, live_server, page):
    """Issue 20 in the browser: Perak's budget from SIPD's shapes. The anggaran kas document gives the DPA murni
    (a summary without kas) its cash plan as a new version; the flat rekap pagu (per sub kegiatan x kode akun, Bulan
    1-12) previews in the SIPD layout with its akun detail and becomes a pergeseran with the same total; the realisasi
    by kode rekening (TW IV from its title) gives seed 002's serapan
    when the operator imports it."""
    base = live_server.url
    login(page, base, "admin.jombang")
    page.goto(f"{base}/anggaran/kecamatan/{demo.perak.pk}/2024/impor-anggaran-kas/")
    page.get_by_label("Dokumen anggaran kas (.xlsx)").set_input_files(str(FIXTURES / "anggaran_kas_seed002.xlsx"))
    page.get_by_role("button", name="Impor").click()
    expect(alert(page, "Anggaran kas disimpan sebagai")).to_be_visible()
    step(page, "kas-version")
    kas = DpaVersion.objects.get(organisation=demo.perak, year=2024, sequence=2)
    assert kas.layout == "KAS" and all(ln.kas_tw4 == ln.pagu for ln in kas.lines.all())

    page.goto(f"{base}/anggaran/kecamatan/{demo.perak.pk}/2024/impor-dpa/")
    page.get_by_label("Berkas DPA/DPPA (.xlsx)").set_input_files(str(FIXTURES / "sipd_rekap_seed002.xlsx"))
    page.get_by_label("Jenis").select_option(label="DPA pergeseran")
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_text("tata letak SIPD").first).to_be_visible()
    expect(page.get_by_text("Belanja Tunjangan Keluarga PNS").first).to_be_visible()
    tree = page.locator("table.preview-tree")
    expect(tree.locator("tfoot")).to_contain_text("Rp 3.180.247.616")
    expect(row(tree, PROGRAM)).to_contain_text("Rp 3.025.434.166")
    step(page, "sipd-preview")
    assert DpaVersion.objects.filter(organisation=demo.perak, year=2024).count() == 2
    page.get_by_role("button", name="Terapkan sebagai versi baru").click()
    expect(alert(page, "DPA pergeseran 2024 (versi 3)")).to_be_visible()
    version = DpaVersion.objects.get(organisation=demo.perak, year=2024, sequence=3)
    assert version.layout == "SIPD" and sum(ln.pagu for ln in version.lines.all()) == 3180247616

    # Realisasi anggaran is the operator's to enter (the admin is refused with the 403 page that says so).
    page.context.clear_cookies()
    login(page, base, "operator.perak")
    page.goto(f"{base}/anggaran/kecamatan/{demo.perak.pk}/2024/realisasi/impor/")
    page.get_by_label("Berkas realisasi (.xlsx)").set_input_files(str(FIXTURES / "realisasi_rekening_seed002.xlsx"))
    page.get_by_role("button", name="Impor").click()
    expect(alert(page, "Realisasi anggaran diimpor")).to_be_visible()
    foot = page.locator("table tfoot").first
    expect(foot).to_contain_text("Rp 2.995.404.515")
    expect(foot).to_contain_text("94,19")
    step(page, "realisasi-grid")
