"""Realisasi anggaran: the quarterly grid (the kecamatan's operator edits, others read) and the .xlsx import."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.budgets import services
from apps.budgets.models import RealisasiAnggaran
from apps.budgets.selectors import budget_overview, grid_stamp
from apps.core.numbers import quantize

from .conftest import counts, import_fixture
from .workbooks import fixture_for, small_dpa, xlsx

S1, S2 = "7.01.01.2.01.0001", "7.01.01.2.01.0002"


@pytest.fixture
def dpa(world):
    return services.dpa_import(organisation=world.own, year=2024, data=small_dpa(1_000_000, 500_000), source_name="dpa.xlsx").version


def _grid(version):
    return {line.code: f"r{line.pk}" for line in version.lines.all()}


def _post(client, world, dpa, quarter=2, **values):
    names = _grid(dpa)
    data = {"stamp": grid_stamp(organisation=world.own, year=2024)}
    data.update({names[code]: value for code, value in values.items()})
    return client.post(reverse("budgets:grid", args=[world.own.pk, 2024, quarter]), data)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("operator", 302), ("camat", 403), ("inspektorat", 403), ("admin", 403), ("other_operator", 404), ("foreign_admin", 404)],
)
def test_who_may_save_the_grid(client, world, dpa, persona, expected):
    client.force_login(getattr(world, persona))
    response = _post(client, world, dpa, **{S1: "250.000"})
    assert response.status_code == expected
    assert RealisasiAnggaran.objects.exists() == (expected == 302)


@pytest.mark.parametrize(("persona", "inputs"), [("operator", True), ("camat", False), ("inspektorat", False), ("admin", False)])
def test_the_grid_is_read_only_except_for_the_operator(client, world, dpa, persona, inputs):
    client.force_login(getattr(world, persona))
    body = client.get(reverse("budgets:grid", args=[world.own.pk, 2024, 2])).content.decode()
    assert ('name="r' in body) == inputs and ("Simpan realisasi" in body) == inputs


def test_operator_enters_cumulative_realisasi_and_sees_serapan(client, world, dpa):
    client.force_login(world.operator)
    response = _post(client, world, dpa, quarter=2, **{S1: "250.000", S2: ""})
    assert response.status_code == 302
    r = RealisasiAnggaran.objects.get()
    assert (r.code, r.quarter, r.amount, r.updated_by, r.source) == (S1, 2, Decimal(250000), world.operator, "isian langsung")
    assert not RealisasiAnggaran.objects.filter(code=S2).exists()  # blank stays blank: not stored as 0
    body = client.get(reverse("budgets:grid", args=[world.own.pk, 2024, 2])).content.decode()
    assert "25,00 %" in body  # 250.000 / 1.000.000, sub kegiatan
    assert "16,67 %" in body  # 250.000 / 1.500.000, kegiatan, program and total (S2 not reported)
    o = budget_overview(organisation=world.own, year=2024, quarter=2)
    assert o.total.realisasi == Decimal(250000) and quantize(o.total.serapan.value, 2) == Decimal("16.67")
    assert o.reported == 1


def test_zero_is_a_value_and_clearing_keeps_the_history(client, world, dpa):
    client.force_login(world.operator)
    _post(client, world, dpa, **{S1: "0"})
    assert RealisasiAnggaran.objects.get().amount == Decimal(0)
    _post(client, world, dpa, **{S1: ""})
    r = RealisasiAnggaran.objects.get()
    assert r.amount is None and r.history.count() == 2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.000.001", "melebihi pagu"),
        ("-5", "Tidak boleh kurang dari 0"),
        ("seratus", "bukan angka yang sah"),
        ("1,234", "Paling banyak 2 angka"),
    ],
)
def test_invalid_grid_values_save_nothing(client, world, dpa, value, message):
    client.force_login(world.operator)
    response = _post(client, world, dpa, **{S1: "100", S2: value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not RealisasiAnggaran.objects.exists()


def test_cumulative_realisasi_may_not_decrease(client, world, dpa):
    client.force_login(world.operator)
    _post(client, world, dpa, quarter=2, **{S1: "400.000"})
    response = _post(client, world, dpa, quarter=3, **{S1: "300.000"})
    assert response.status_code == 422 and "tidak boleh turun" in response.content.decode()
    assert RealisasiAnggaran.objects.count() == 1


def test_a_stale_grid_is_refused(client, world, dpa):
    client.force_login(world.operator)
    stamp = grid_stamp(organisation=world.own, year=2024)
    _post(client, world, dpa, **{S1: "100"})
    names = _grid(dpa)
    response = client.post(reverse("budgets:grid", args=[world.own.pk, 2024, 2]), {"stamp": stamp, names[S1]: "200"})
    assert response.status_code == 409 and "sudah diubah" in response.content.decode()
    assert RealisasiAnggaran.objects.get().amount == Decimal(100)


def test_grid_without_a_dpa_says_so(client, world):
    client.force_login(world.operator)
    body = client.get(reverse("budgets:grid", args=[world.own.pk, 2024, 1])).content.decode()
    assert "Belum ada DPA tahun 2024" in body


def test_bad_quarter_is_404(client, world, dpa):
    client.force_login(world.operator)
    assert client.get(reverse("budgets:grid", args=[world.own.pk, 2024, 5])).status_code == 404
    assert client.get(reverse("budgets:dpa", args=[world.own.pk, 2024]) + "?tw=9").status_code == 404


# ---------------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------------


def _import(client, org, data, year=2024):
    return client.post(reverse("budgets:realisasi_import", args=[org.pk, year]), {"file": SimpleUploadedFile("r.xlsx", data)})


@pytest.mark.parametrize(
    ("persona", "expected"), [("operator", 302), ("camat", 403), ("admin", 403), ("inspektorat", 403), ("other_operator", 404)]
)
def test_who_may_import_realisasi(client, world, dpa, persona, expected):
    client.force_login(getattr(world, persona))
    response = _import(client, world.own, xlsx([["Kode Sub Kegiatan", "Realisasi s/d TW I"], [S1, 10]]))
    assert response.status_code == expected
    assert RealisasiAnggaran.objects.exists() == (expected == 302)


def test_realisasi_import_writes_all_quarters(client, world, dpa):
    client.force_login(world.operator)
    rows = [["Kode Sub Kegiatan", "TW I", "TW II", "TW III", "TW IV"], [S1, 100, 200, 300, 400], [S2, "1.000", None, None, None]]
    response = _import(client, world.own, xlsx(rows))
    assert response.status_code == 302 and response["Location"] == reverse("budgets:grid", args=[world.own.pk, 2024, 4])
    values = dict(RealisasiAnggaran.objects.filter(code=S1).values_list("quarter", "amount"))
    assert values == {1: Decimal(100), 2: Decimal(300), 3: Decimal(600), 4: Decimal(1000)}  # per quarter, stored cumulative
    assert RealisasiAnggaran.objects.get(code=S2).amount == Decimal(1000)
    assert RealisasiAnggaran.objects.first().source.startswith("impor r.xlsx (SHA-256 ")


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([[S1, 2_000_000]], "melebihi pagu"),
        ([["7.01.01.2.01.0009", 1]], "tidak ada dalam DPA yang berlaku"),
        ([[S1, 1], [S1, 2]], "ganda"),
        ([[S1, "lima"]], "bukan angka yang sah"),
        ([[S1, -1]], "tidak boleh negatif"),
    ],
)
def test_a_failed_realisasi_import_writes_nothing(client, world, dpa, rows, message):
    client.force_login(world.operator)
    _import(client, world.own, xlsx([["Kode Sub Kegiatan", "Realisasi s/d TW II"], [S2, 5]]))
    before = counts()
    response = _import(client, world.own, xlsx([["Kode Sub Kegiatan", "Realisasi s/d TW I"], [S2, 1], *rows]))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert counts() == before


def test_import_checks_the_order_with_stored_quarters(world, dpa):
    services.realisasi_import(
        organisation=world.own, year=2024, data=xlsx([["Kode", "Realisasi s/d TW III"], [S1, 500]]), source_name="a.xlsx", user=None
    )
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.realisasi_import(
            organisation=world.own, year=2024, data=xlsx([["Kode", "Realisasi s/d TW IV"], [S1, 400]]), source_name="b.xlsx", user=None
        )
    issue = exc.value.issues[0]
    assert issue.row == 2 and issue.column.startswith("B ") and "tidak boleh turun" in issue.message


def test_realisasi_import_without_a_dpa_is_refused(world):
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.realisasi_import(
            organisation=world.own, year=2024, data=xlsx([["Kode", "TW I"], [S1, 1]]), source_name="r.xlsx", user=None
        )
    assert "Belum ada DPA tahun 2024" in exc.value.issues[0].message


def test_realisasi_template_round_trips(client, world):
    import_fixture(world.own, 2023, "dpa_seed004_layout_b.xlsx")
    services.realisasi_import(
        organisation=world.own, year=2023, data=fixture_for("realisasi_seed004.xlsx", world.own, 2023), source_name="r.xlsx", user=None
    )
    client.force_login(world.camat)
    response = client.get(reverse("budgets:realisasi_template", args=[world.own.pk, 2023]))
    assert response.status_code == 200
    import io

    ws = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 33 and rows[0][0] == "7.01.01.2.01.0001" and rows[0][6] == 12681580  # s/d TW IV
    # Importing it back changes nothing.
    result = services.realisasi_import(organisation=world.own, year=2023, data=response.content, source_name="t.xlsx", user=None)
    assert result.changed == 0 and result.unchanged == 33
