"""BAB III resources and kegiatan (issue 19, part E), from data entered through the app's screens (the demo
fixtures are typed by build_demo; the rest here through the kabupaten admin's composition screen):

* kegiatan and sub kegiatan performance joined with the budget of the same code (seed 001 Tabel 3.7);
* staff per unit and desa/kelurahan (ASN / non-ASN by sex; seed 002 Tabel 1.1 and 2.2), pendidikan per unit with
  shares, formasi against terisi with the gap;
* the explanation "Kecamatan bukan perangkat daerah pengampu SPM" instead of a table of "tidak tersedia".

Each table is present with data in the HTML, the JSON and the XLSX; the entry screen refuses bad rows with an
Indonesian message and changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import User
from apps.organisations.models import Organisation, StaffComposition, StaffPost, StaffUnitCount, Unit
from apps.reports.fidelity import tables_of

D = Decimal


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return Organisation.objects.get(slug="perak-jombang")


def _login(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def _download(client, org, year: int, fmt: str):
    response = client.get(reverse("reports:period_download", args=[org.pk, year, "annual", fmt]))
    assert response.status_code == 200, response.status_code
    return response


def _json_tables(client, org, year: int) -> dict:
    return tables_of(_download(client, org, year, "json").json())


def _xlsx_text(client, org, year: int) -> str:
    wb = load_workbook(io.BytesIO(_download(client, org, year, "xlsx").content))
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)


def _html(client, org, year: int) -> str:
    response = client.get(reverse("reports:view", args=[org.pk, year, "annual"]))
    assert response.status_code == 200
    return response.content.decode()


def _value(cell: dict) -> Decimal | None:
    return D(cell["value"]) if cell.get("value") is not None else None


def _row(table: dict, first: str) -> list[dict]:
    return next(r for r in table["rows"] if r[0].get("text") == first or r[0].get("value") == first)


def test_kegiatan_performance_beside_its_budget_reads_the_one_budget_tree(client, demo):
    tables = _json_tables(_login(client, "operator.perak"), demo, 2024)
    kegiatan, subs, budget = tables["kinerja-anggaran-kegiatan"], tables["kinerja-anggaran-sub-kegiatan"], tables["anggaran"]
    assert [c["label"] for c in kegiatan["columns"]][-3:] == ["Pagu (Rp)", "Realisasi anggaran (Rp)", "Serapan"]
    for table in (kegiatan, subs):
        assert table["rows"]
        for row in table["rows"]:
            code = row[0].get("text")
            if not code or "value" not in row[7]:
                continue
            dpa = _row(budget, code)  # the DPA tree's row of the same code: the same figures, not computed again
            assert (_value(row[7]), _value(row[8]), _value(row[9])) == (_value(dpa[2]), _value(dpa[3]), _value(dpa[4]))
    gaji = _row(subs, "7.01.01.2.02.0001")
    assert (_value(gaji[4]), _value(gaji[5]), _value(gaji[6])) == (D(19), D(19), D(100))  # seed 002: 19 orang/bulan
    assert _value(gaji[7]) == D("2454028896.00")


def test_staff_per_unit_of_seed_002_in_html_json_and_xlsx(client, demo):
    _login(client, "operator.perak")
    t = _json_tables(client, demo, 2024)["sdm-unit"]
    assert len(t["rows"]) == 8
    trantib = _row(t, "Seksi Ketentraman dan Ketertiban Umum")
    assert [_value(c) for c in trantib[1:]] == [3, 0, 0, 0, 3, 0, 3]
    assert [c.get("value") for c in t["footer"][1:]] == ["12", "6", "0", "0", "12", "6", "18"]  # 12 L, 6 P (NIP)
    assert "Jumlah Pegawai per Unit Kerja dan Desa/Kelurahan" in _html(client, demo, 2024)
    assert "Jumlah Pegawai per Unit Kerja dan Desa/Kelurahan" in _xlsx_text(client, demo, 2024)


def _composition_post(comp: StaffComposition, unit_rows: list[dict], post_rows: list[dict]) -> dict:
    post: dict = {"organisation": comp.organisation_id, "as_of": comp.as_of.isoformat(), "source": comp.source, "_save": "Simpan"}
    inlines = {
        "counts": [{"id": c.pk, "composition": comp.pk, "golongan": c.golongan, "pendidikan": c.pendidikan, "jabatan": c.jabatan,
                    "male": c.male, "female": c.female} for c in comp.counts.order_by("pk")],
        "eselon_counts": [{"id": c.pk, "composition": comp.pk, "eselon": c.eselon, "pendidikan": c.pendidikan, "male": c.male,
                           "female": c.female} for c in comp.eselon_counts.order_by("pk")],
        "unit_counts": [{"id": c.pk, "composition": comp.pk, "unit": c.unit_id or "", "desa": c.desa_id or "", "status": c.status,
                         "pendidikan": c.pendidikan, "male": c.male, "female": c.female} for c in comp.unit_counts.order_by("pk")],
        "posts": [],
    }  # fmt: skip
    for prefix, initial in inlines.items():
        rows = initial + (unit_rows if prefix == "unit_counts" else post_rows if prefix == "posts" else [])
        post |= {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(initial), f"{prefix}-MIN_NUM_FORMS": 0,
                 f"{prefix}-MAX_NUM_FORMS": 1000}  # fmt: skip
        for n, row in enumerate(rows):
            post |= {f"{prefix}-{n}-{k}": v for k, v in row.items()}
    return post


def _save(client, comp: StaffComposition, unit_rows: list[dict], post_rows: list[dict]):
    return client.post(
        reverse("admin:organisations_staffcomposition_change", args=[comp.pk]), _composition_post(comp, unit_rows, post_rows)
    )


def test_pendidikan_per_unit_and_formasi_entered_by_the_admin(client, demo):
    _login(client, "admin.jombang")
    comp = StaffComposition.objects.get(organisation=demo)
    umum = Unit.objects.get(organisation=demo, name="Sub Bagian Umum dan Kepegawaian")
    trantib = Unit.objects.get(organisation=demo, name="Seksi Ketentraman dan Ketertiban Umum")
    desa = demo.desa_set.order_by("name").first()
    rows = [
        {"unit": umum.pk, "desa": "", "status": "asn", "pendidikan": "s1", "male": 1, "female": 1},
        {"unit": umum.pk, "desa": "", "status": "asn", "pendidikan": "slta", "male": 1, "female": 0},
        {"unit": umum.pk, "desa": "", "status": "non_asn", "pendidikan": "slta", "male": 0, "female": 1},
        {"unit": "", "desa": desa.pk, "status": "non_asn", "pendidikan": "", "male": 2, "female": 0},
    ]
    posts = [{"unit": trantib.pk, "jabatan": "Kepala Seksi Ketentraman dan Ketertiban Umum", "formasi": 1, "terisi": 0},
             {"unit": umum.pk, "jabatan": "Pengadministrasi Perkantoran", "formasi": 3, "terisi": 2}]  # fmt: skip
    response = _save(client, comp, rows, posts)
    assert response.status_code == 302, response.context_data.get("errors") if hasattr(response, "context_data") else response
    _login(client, "operator.perak")
    tables = _json_tables(client, demo, 2024)
    education = tables["sdm-pendidikan-unit"]
    s1 = next(r for r in education["rows"] if r[0].get("text") == umum.name)
    assert s1[1]["text"] == "S1" and _value(s1[4]) == 2 and round(_value(s1[5]), 2) == D("50.00")  # 2 of the 4 counted
    slta = education["rows"][1]
    assert slta[1]["text"] == "SMA/SLTA" and _value(slta[4]) == 2 and round(_value(slta[5]), 2) == D("50.00")
    formasi = tables["formasi-jabatan"]
    kasi = formasi["rows"][0]
    assert (_value(kasi[3]), _value(kasi[4]), _value(kasi[5])) == (1, 0, 1)
    assert [c.get("value") for c in formasi["footer"][3:]] == ["4", "2", "2"]
    unit = tables["sdm-unit"]
    assert [_value(c) for c in _row(unit, str(desa))[1:]] == [0, 0, 2, 0, 2, 0, 2]
    html, xlsx = _html(client, demo, 2024), _xlsx_text(client, demo, 2024)
    for title in ("Pegawai per Unit Kerja Menurut Pendidikan", "Formasi dan Pengisian Jabatan"):
        assert title in html and title in xlsx


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"unit": "both", "desa": "first", "status": "asn", "pendidikan": "", "male": 1, "female": 0}, "tidak keduanya"),
        ({"unit": "", "desa": "", "status": "asn", "pendidikan": "", "male": 1, "female": 0}, "tidak keduanya"),
        ({"unit": "other", "desa": "", "status": "asn", "pendidikan": "", "male": 1, "female": 0}, "organisasi komposisi"),
        ({"unit": "both", "desa": "", "status": "asn", "pendidikan": "", "male": 0, "female": 0}, "keduanya nol"),
    ],
)
def test_the_staff_screen_refuses_a_bad_unit_row_and_changes_nothing(client, demo, row, message):
    _login(client, "admin.jombang")
    comp = StaffComposition.objects.get(organisation=demo)
    unit = Unit.objects.filter(organisation=demo).first()
    other = Unit.objects.exclude(organisation=demo).filter(organisation__pemda=demo.pemda).first()
    row = dict(row, unit={"both": unit.pk, "other": other.pk if other else 0}.get(row["unit"], row["unit"]))
    row["desa"] = demo.desa_set.first().pk if row["desa"] == "first" else row["desa"]
    before = (StaffUnitCount.objects.count(), StaffPost.objects.count())
    response = _save(client, comp, [row], [])
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body or (row["unit"] == 0 and "Pilih pilihan yang valid" in body)
    assert (StaffUnitCount.objects.count(), StaffPost.objects.count()) == before


def test_a_post_with_a_negative_formasi_is_refused(client, demo):
    _login(client, "admin.jombang")
    comp = StaffComposition.objects.get(organisation=demo)
    response = _save(client, comp, [], [{"unit": "", "jabatan": "Kasi", "formasi": -1, "terisi": 0}])
    assert response.status_code == 200 and StaffPost.objects.count() == 0


def test_not_an_spm_holder_explains_instead_of_a_table_of_tidak_tersedia(client, db):
    call_command("load_demo")
    klakah = Organisation.objects.get(slug="klakah-lumajang")
    assert not klakah.spm_holder  # the admin's checkbox, unticked for every demo kecamatan
    _login(client, "operator.klakah")
    html = _html(client, klakah, 2023)
    assert "bukan perangkat daerah pengampu Standar Pelayanan Minimal" in html
    assert "pembanding" not in _json_tables(client, klakah, 2023)  # no figure entered: no table of "tidak tersedia"
    assert "pembanding-pd" in _json_tables(client, klakah, 2023)  # the peers it does compare with stay
    klakah.spm_holder = True
    klakah.save(update_fields=["spm_holder"])  # as the admin's form saves it (a bulk update would bypass the page's cache)
    assert "pembanding" in _json_tables(client, klakah, 2023)
    assert "bukan perangkat daerah pengampu" not in _html(client, klakah, 2023)


def test_the_admin_sees_the_spm_checkbox(client, demo):
    _login(client, "admin.jombang")
    body = client.get(reverse("admin:organisations_organisation_change", args=[demo.pk])).content.decode()
    assert 'name="spm_holder"' in body
