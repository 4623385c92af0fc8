"""Seed 002's evaluations and inventory in the LKjIP (issue 17): the SAKIP evaluation scored per component by
LKE and evaluasi lapangan (Tabel 1.3), the RB evaluation (Tabel 1.4) and the efisiensi of sarana dan prasarana
(Tabel 3.1.2). Figures from the seed notes 002 (§4.1, §4.19, §5.3.2, §5.3.3, §5.3.10)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps import calculations as calc
from apps.reports.evaluation import nilai_akip
from apps.reports.models import SakipEvaluation

from .test_summary_tables import _q, _tables, year  # noqa: F401 - the fixture is used by name

D = Decimal

LKE = {
    "perencanaan_lke": "25,53", "perencanaan_lapangan": "21,95", "pengukuran_lke": "21,40", "pengukuran_lapangan": "13,75",
    "pelaporan_lke": "11,79", "pelaporan_lapangan": "7,17", "evaluasi_internal_lke": "19,09",
}  # fmt: skip


def _post(**kw: str) -> dict[str, str]:
    data = {"lhe_number": "X.700/559/415.15/2024", "lhe_date": "2024-08-16", "recommendations": "Perbaiki cascading"}
    data.update(kw)
    return data


def test_blended_score_is_the_rule_of_the_lhe():
    assert calc.blended_score(D("11.79"), D("7.17"), weight=D(15)).value == D("10.87")  # 10,866 half up
    assert calc.blended_score(D("25.53"), D("21.95"), weight=D(30)).value == D("24.81")
    assert calc.blended_score(D("19.09"), None, weight=D(25)).value == D("19.09")  # no field score: the LKE
    assert calc.blended_score(None, None, weight=D(25)).is_blank
    with pytest.raises(calc.CalculationError):
        calc.blended_score(D("31"), None, weight=D(30))
    assert calc.score_total([D("21.95"), D("13.75"), D("7.17"), None]).value == D("42.87")
    assert calc.score_total([None]).is_blank


def test_the_inspektorat_enters_lke_and_lapangan_and_the_nilai_is_blended(client, world):
    client.force_login(world.inspektorat)
    response = client.post(reverse("reports:evaluation", args=[world.own.pk, 2024]), _post(**LKE))
    assert response.status_code == 302
    ev = SakipEvaluation.objects.get()
    assert ev.scores() == {"perencanaan": D("24.81"), "pengukuran": D("19.87"), "pelaporan": D("10.87"), "evaluasi_internal": D("19.09")}
    assert nilai_akip(ev).value == D("74.64")
    assert ev.perencanaan is None  # nothing derived is stored


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**LKE, "perencanaan": "24,81"}, "kosongkan nilai bila LKE diisi"),
        ({**LKE, "evaluasi_internal_lapangan": "10"} | {"evaluasi_internal_lke": ""}, "hanya diisi bersama nilai LKE"),
        ({**LKE, "pelaporan_lapangan": "16"}, "antara 0 dan 15"),
        ({k: v for k, v in LKE.items() if not k.startswith("pelaporan")}, "Isi keempat komponen"),
    ],
)
def test_bad_lke_input_is_refused_and_changes_nothing(client, world, data, message):
    client.force_login(world.inspektorat)
    response = client.post(reverse("reports:evaluation", args=[world.own.pk, 2024]), _post(**data))
    assert response.status_code == 200 and message in response.content.decode()
    assert not SakipEvaluation.objects.exists()


def test_nilai_sakip_table_with_lke_and_lapangan(client, year):  # noqa: F811
    world = year.world
    client.force_login(world.inspektorat)
    client.post(reverse("reports:evaluation", args=[world.own.pk, 2024]), _post(**LKE))
    t = _tables(world)["nilai-sakip"]
    assert [c.label for c in t.columns] == ["Komponen", "Bobot", "LKE", "Evaluasi lapangan", "Nilai", "Capaian bobot", "Predikat"]
    assert [(_q(r[2]), _q(r[3]), _q(r[4]), _q(r[5])) for r in t.rows] == [
        (D("25.53"), D("21.95"), D("24.81"), D("82.70")),
        (D("21.40"), D("13.75"), D("19.87"), D("66.23")),
        (D("11.79"), D("7.17"), D("10.87"), D("72.47")),
        (D("19.09"), None, D("19.09"), D("76.36")),
    ]
    assert [t.footer[0].value, *(_q(c) for c in t.footer[2:5]), t.footer[6].value] == [
        "Jumlah", D("77.81"), D("42.87"), D("74.64"), "BB (Sangat Baik)"
    ]  # fmt: skip


# --- sarana dan prasarana (Tabel 3.1.2) ---------------------------------------------------------------

SARPRAS = "Filing Cabinet Besi; 3; 7\nA.C. Split; 10; 12\nSepeda Motor; 30; 30\nMaket & Foto Dokumen Lain-lain; 1;"


def test_stock_ratio_and_totals():
    assert _q(calc.stock_ratio(3, 7).value) == D("0.43")
    assert _q(calc.stock_ratio(1, 8).value) == D("0.13")  # 0,125 half up
    assert calc.stock_ratio(1, None).is_blank and calc.stock_ratio(1, 0).is_blank
    hasil, standar, ratio = calc.stock_totals([(3, 7), (10, 12), (30, 30), (1, None)])
    assert (hasil.value, standar.value, _q(ratio.value)) == (D(44), D(49), D("0.90"))  # ratio of the totals, 44 / 49


def test_the_operator_enters_sarpras_and_the_report_shows_the_efisiensi(client, year):  # noqa: F811
    world = year.world
    client.force_login(world.operator)
    url = reverse("reports:sarpras", args=[world.own.pk, 2024])
    assert client.post(url, {"items": SARPRAS}).status_code == 302
    page = client.get(url).content.decode()
    assert "0,43" in page
    # The number column is headed "No" (nomor urut): Django's own Indonesian catalogue would turn a bare "No" into "Tidak".
    assert "<th>No</th>" in page and "<th>Tidak</th>" not in page
    t = _tables(world)["efisiensi-sarpras"]
    assert [c.label for c in t.columns] == ["No", "Uraian", "Hasil rekon", "Standar kebutuhan", "Tingkat efisiensi"]
    assert [(r[1].value, _q(r[4])) for r in t.rows] == [
        ("Filing Cabinet Besi", D("0.43")), ("A.C. Split", D("0.83")), ("Sepeda Motor", D("1.00")),
        ("Maket & Foto Dokumen Lain-lain", None),
    ]  # fmt: skip
    assert (t.footer[1].value, _q(t.footer[2], 0), _q(t.footer[3], 0), _q(t.footer[4])) == ("Jumlah", D(44), D(49), D("0.90"))
    # saving again replaces the list
    assert client.post(url, {"items": "Lap Top; 9; 10"}).status_code == 302
    assert [r[1].value for r in _tables(world)["efisiensi-sarpras"].rows] == ["Lap Top"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Lap Top; sembilan; 10", "hasil rekon harus bilangan bulat"),
        ("Lap Top; 9; -1", "standar kebutuhan harus bilangan bulat"),
        ("Lap Top", "tulis «uraian; hasil rekon; standar kebutuhan»"),
        ("; 9; 10", "uraian kosong"),
        ("Lap Top; 9; 10\nlap top; 1; 1", "sudah ada di baris 1"),
    ],
)
def test_bad_sarpras_lines_are_refused_and_change_nothing(client, world, text, message):
    from apps.reports.models import SarprasItem

    client.force_login(world.operator)
    url = reverse("reports:sarpras", args=[world.own.pk, 2024])
    client.post(url, {"items": "Printer; 15; 18"})
    response = client.post(url, {"items": text})
    assert response.status_code == 200 and message in response.content.decode()
    assert list(SarprasItem.objects.values_list("uraian", flat=True)) == ["Printer"]


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_the_new_tables_render_in_every_format(client, year, fmt):  # noqa: F811
    from apps.reports import services
    from apps.reports.renderers import RENDERERS

    world = year.world
    client.force_login(world.operator)
    client.post(reverse("reports:sarpras", args=[world.own.pk, 2024]), {"items": SARPRAS})
    client.force_login(world.inspektorat)
    client.post(reverse("reports:evaluation", args=[world.own.pk, 2024]), _post(**LKE))
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    _name, _ctype, payload = RENDERERS[fmt](services.report_document(report=report))
    if fmt != "xlsx":
        text = payload.decode()
        assert "Efisiensi Sarana dan Prasarana" in text and "Filing Cabinet Besi" in text and "Evaluasi lapangan" in text
    else:
        assert payload[:2] == b"PK"
