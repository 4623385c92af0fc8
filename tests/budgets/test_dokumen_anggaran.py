"""Budget documents as belanja per kode akun (budgets.services.dokumen_anggaran_save and its page):
validation with Indonesian messages that changes nothing, who enters what, the period lock."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.budgets import services
from apps.budgets.models import BelanjaAkun, DokumenAnggaran
from apps.reports.models import Report, Status
from tests import factories as f
from tests.budgets.workbooks import layout_a


def _save(world, kind="realisasi", year=2024, **kwargs):
    return services.dokumen_anggaran_save(organisation=world.own, year=year, kind=kind, user=world.operator, **kwargs)


def _refused(world, message: str, **kwargs) -> None:
    with pytest.raises(ValidationError) as exc:
        _save(world, **kwargs)
    assert any(message in m for m in exc.value.messages), exc.value.messages
    assert not BelanjaAkun.objects.exists()


def test_saves_the_amounts_and_replaces_them(world):
    doc = _save(world, amounts={"5.1.01": Decimal(100), "5.1.02": Decimal(50)})
    assert {a.akun: a.amount for a in doc.akun.all()} == {"5.1.01": Decimal(100), "5.1.02": Decimal(50)}
    _save(world, amounts={"5.1.01": Decimal(120), "5.1.02": None})  # a blank amount removes its kode akun
    assert {a.akun: a.amount for a in doc.akun.all()} == {"5.1.01": Decimal(120)}
    assert _save(world, amounts={}) is None and not DokumenAnggaran.objects.exists()  # nothing stated: removed


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amounts": {"5.9.99": Decimal(1)}}, "bukan kode akun belanja yang dikenal"),
        ({"amounts": {"5.1.01": Decimal(-1)}}, "tidak boleh negatif"),
        ({"amounts": {"5.1": Decimal(10), "5.1.01": Decimal(5)}}, "Kode akun 5.1 dan rinciannya 5.1.01 diisi bersamaan"),
        ({"amounts": {"5.1": Decimal(10)}, "program_count": 2}, "tidak diisi untuk realisasi anggaran"),
        ({"kind": "renja", "amounts": {}, "program_count": 6, "kegiatan_count": 5}, "Jumlah kegiatan (5) tidak boleh lebih kecil"),
    ],
)
def test_bad_input_is_refused_in_indonesian_and_nothing_is_written(world, kwargs, message):
    _refused(world, message, **kwargs)
    assert not DokumenAnggaran.objects.exists()


def test_unknown_document_kind(world):
    with pytest.raises(ValidationError, match="Jenis dokumen anggaran tidak dikenal"):
        _save(world, kind="apbd", amounts={})


def test_a_dpa_summary_must_equal_the_pagu_of_the_imported_version_of_its_kind(world):
    data = layout_a([["7.01.01.2.01.0001", "Sub 1", "APBD", 1_000_000]])
    services.dpa_import(organisation=world.own, year=2024, data=data, source_name="dpa.xlsx", kind="murni")
    with pytest.raises(ValidationError, match="tidak sama dengan pagu"):
        _save(world, kind="murni", amounts={"5.1.02": Decimal(1)})
    assert not DokumenAnggaran.objects.exists()
    _save(world, kind="murni", amounts={"5.1.02": Decimal(900_000), "5.2": Decimal(100_000)})  # = the pagu
    _save(world, kind="perubahan", amounts={"5.1.02": Decimal(1)})  # no DPPA imported: nothing to compare with


def test_realisasi_above_the_anggaran_in_force_is_refused(world):
    _save(world, kind="perubahan", amounts={"5.1.01": Decimal(100), "5.2": Decimal(10)})
    with pytest.raises(ValidationError, match="Realisasi 5.1.01 .* melebihi anggaran 5.1.01"):
        _save(world, amounts={"5.1.01": Decimal(101)})
    with pytest.raises(ValidationError, match="Realisasi 5 .* melebihi anggaran 5 "):
        _save(world, amounts={"5": Decimal(111)})  # against the DPPA's belanja daerah (100 + 10)
    assert not DokumenAnggaran.objects.filter(kind="realisasi").exists()
    _save(world, amounts={"5.1.01": Decimal(100), "5.2": Decimal(10)})


def test_a_frozen_period_refuses_the_realisasi_of_its_year(world):
    f.RenstraFactory(organisation=world.own, start_year=2024, end_year=2026)
    Report.objects.create(organisation=world.own, year=2024, period="annual", status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        _save(world, amounts={"5.1.01": Decimal(1)})
    assert "dikunci" in " ".join(exc.value.messages)
    assert not DokumenAnggaran.objects.exists()


def test_page_who_enters_what(client, world):
    realisasi = reverse("budgets:dokumen_anggaran", args=[world.own.pk, 2024, "realisasi"])
    dpa = reverse("budgets:dokumen_anggaran", args=[world.own.pk, 2024, "perubahan"])
    client.force_login(world.admin)
    assert client.post(realisasi, {"akun_5_1_01": "1.000"}).status_code == 403  # the operator's
    assert client.post(dpa, {"akun_5_1_01": "2.500.000", "akun_5_2": "500.000"}).status_code == 302
    client.force_login(world.operator)
    assert client.post(dpa, {"akun_5_1_01": "1"}).status_code == 403  # the admin's
    bad = client.post(realisasi, {"akun_5_1_01": "3.000.000"})  # above the DPPA's 2.500.000
    assert bad.status_code == 422 and "Tidak ada yang disimpan" in bad.content.decode()
    assert client.post(realisasi, {"akun_5_1_01": "abc"}).status_code == 200
    assert client.post(realisasi, {"akun_5_1_01": "2.000.000"}).status_code == 302
    page = client.get(dpa).content.decode()
    assert "2.500.000" in page and "5.1.01" in page
    assert client.get(reverse("budgets:dokumen_anggaran", args=[world.own.pk, 2024, "lain"])).status_code == 404
