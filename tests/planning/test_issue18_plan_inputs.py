"""Issue 18 inputs on the Renstra forms: penanggung jawab of programs, kegiatan and sub kegiatan, the target awal
(kondisi awal) of an indicator, and program indicators reported as a capaian with a support flag. Each is
validated in Indonesian, nothing is saved on error, another kecamatan's operator is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.planning.models import Indicator, IndicatorTarget, Kegiatan, Program, SubKegiatan
from tests.factories import SubKegiatanFactory


def _indicator_post(**overrides):
    data = {
        "name": "Indeks Kepuasan Masyarakat", "code": "IKM", "satuan": "indeks", "direction": "higher", "lower_formula": "2t_minus_r",
        "aggregation": "average", "precision": 2, "weight": "1", "order": 1, "target_2024": "94", "target_2025": "", "target_2026": "",
        "end_target": "89", "baseline_value": "89,85", "baseline_year": 2023,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_penanggung_jawab_is_entered_on_the_program_kegiatan_and_sub_kegiatan_forms(client, plan, world):
    client.force_login(world.operator)
    sub = SubKegiatanFactory(kegiatan=plan.kegiatan, code="7.01.01.2.01.0001")
    text = "Seksi  Pemerintahan;   Kelurahan Perak"
    for kind, node, data in (
        ("program", plan.program, {"order": 1, "code": plan.program.code, "name": plan.program.name, "sasaran": [plan.sasaran.pk]}),
        ("kegiatan", plan.kegiatan, {"program": plan.program.pk, "order": 1, "code": plan.kegiatan.code, "name": plan.kegiatan.name}),
        ("sub-kegiatan", sub, {"kegiatan": plan.kegiatan.pk, "order": 1, "code": sub.code, "name": sub.name}),
    ):
        response = client.post(reverse("planning:node_update", args=[kind, node.pk]), {**data, "penanggung_jawab": text})
        assert response.status_code == 302, kind
    expected = "Seksi Pemerintahan; Kelurahan Perak"  # spaces collapsed
    assert Program.objects.get(pk=plan.program.pk).penanggung_jawab == expected
    assert Kegiatan.objects.get(pk=plan.kegiatan.pk).penanggung_jawab == expected
    assert SubKegiatan.objects.get(pk=sub.pk).penanggung_jawab == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [("123 / 456", "Penanggung jawab berupa nama unit"), ("x" * 301, "Penanggung jawab paling panjang 300 karakter")],
)
def test_bad_penanggung_jawab_is_refused_and_nothing_saved(client, plan, world, value, message):
    client.force_login(world.operator)
    data = {"program": plan.program.pk, "order": 1, "code": plan.kegiatan.code, "name": "Nama baru", "penanggung_jawab": value}
    response = client.post(reverse("planning:node_update", args=["kegiatan", plan.kegiatan.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    stored = Kegiatan.objects.get(pk=plan.kegiatan.pk)
    assert (stored.name, stored.penanggung_jawab) == (plan.kegiatan.name, "")


def test_operator_of_another_kecamatan_cannot_set_a_penanggung_jawab(client, plan, world):
    client.force_login(world.other_operator)
    data = {"program": plan.program.pk, "order": 1, "code": plan.kegiatan.code, "name": plan.kegiatan.name, "penanggung_jawab": "Seksi"}
    response = client.post(reverse("planning:node_update", args=["kegiatan", plan.kegiatan.pk]), data)
    assert response.status_code in (403, 404)
    assert Kegiatan.objects.get(pk=plan.kegiatan.pk).penanggung_jawab == ""


def test_target_awal_is_stored(client, plan, world):
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=sasaran&parent={plan.sasaran.pk}"
    assert client.post(url, _indicator_post()).status_code == 302
    ind = Indicator.objects.get(code="IKM")
    assert (ind.baseline_year, ind.baseline_value) == (2023, Decimal("89.85"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"baseline_year": ""}, "Isi tahun kondisi awal / target awal bersama nilainya."),
        ({"baseline_value": ""}, "Isi nilai kondisi awal / target awal untuk tahun itu"),
        ({"baseline_year": 2025}, "Tahun kondisi awal harus sebelum atau sama dengan tahun awal Renstra (2024)."),
        ({"baseline_value": "8,9,85"}, "bukan angka"),
        ({"support": "menunjang"}, "hanya untuk indikator program"),
        ({"measurement": "capaian"}, "Capaian yang dimasukkan langsung hanya untuk indikator program."),
    ],
)
def test_bad_target_awal_or_flag_is_refused_and_nothing_saved(client, plan, world, overrides, message):
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=sasaran&parent={plan.sasaran.pk}"
    before = (Indicator.objects.count(), IndicatorTarget.objects.count())
    response = client.post(url, _indicator_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Indicator.objects.count(), IndicatorTarget.objects.count()) == before


def _program_capaian_post(**overrides):
    data = _indicator_post(
        name="Persentase capaian kinerja program", code="", satuan="%", aggregation="latest", measurement="capaian",
        support="menunjang", target_2024="100", baseline_value="", baseline_year="", end_target="100",
    )  # fmt: skip
    data.update(overrides)
    return data


def test_program_indicator_reported_as_capaian_with_its_support_flag(client, plan, world):
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=program&parent={plan.program.pk}"
    assert client.post(url, _program_capaian_post()).status_code == 302
    ind = Indicator.objects.get(name="Persentase capaian kinerja program")
    assert (ind.measurement, ind.support, ind.get_support_display()) == ("capaian", "menunjang", "Menunjang sasaran")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"target_2024": "90"}, "bertarget 100 (%); target tahun 2024: isi 100 atau kosongkan."),
        ({"satuan": "laporan"}, "bersatuan «%»"),
        ({"support": "kadang"}, "kadang"),
    ],
)
def test_bad_program_capaian_is_refused_and_nothing_saved(client, plan, world, overrides, message):
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=program&parent={plan.program.pk}"
    before = (Indicator.objects.count(), IndicatorTarget.objects.count())
    response = client.post(url, _program_capaian_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Indicator.objects.count(), IndicatorTarget.objects.count()) == before
