"""The kegiatan and sub kegiatan tables of BAB III (capaian-kegiatan, capaian-sub-kegiatan) and the roll-up
measurement "rata-rata capaian indikator di bawahnya" (Indicator.measurement), end to end: indicators
and realisations as entered -> the exported report's cells (seed 004 §4.9: a kegiatan's realisation is
the mean of its sub kegiatan capaian, a program's the mean of its kegiatan capaian)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.agreements.models import PKItem
from apps.core.numbers import format_decimal_id
from apps.planning.models import Indicator
from apps.reports.fidelity import tables_of
from tests.factories import IndicatorFactory, IndicatorTargetFactory, RealisationFactory, SubKegiatanFactory

D = Decimal


def _rows(tables: dict, key: str) -> dict[str, dict[str, dict]]:
    """Row by indicator name: column label -> the cell as exported (value, places, derivation)."""
    table = tables[key]
    labels = [c["label"] for c in table["columns"]]
    return {row[2]["text"]: dict(zip(labels, row, strict=True)) for row in table["rows"]}


def shown(cell: dict) -> str:
    """The cell as the report prints it (its value rounded half up to its places), or its text."""
    if "text" in cell:
        return cell["text"]
    return format_decimal_id(D(cell["value"]), cell["places"]) if cell.get("value") is not None else "-"


@pytest.fixture
def rolled(plan, world, client):
    """Kegiatan 7.01.01.2.01 with two sub kegiatan (16 of 17, 18 of 18), its indicator and a program
    indicator in the PK both set to "rata-rata capaian indikator di bawahnya" through the indicator form."""
    k = plan.kegiatan
    s1 = SubKegiatanFactory(kegiatan=k, code="7.01.01.2.01.0001", name="Penyediaan Gaji dan Tunjangan ASN", order=1)
    s2 = SubKegiatanFactory(kegiatan=k, code="7.01.01.2.01.0002", name="Penyediaan Administrasi Pelaksanaan Tugas ASN", order=2)
    for sub, target, value in ((s1, 17, 16), (s2, 18, 18)):
        ind = IndicatorFactory(parent=sub, name=f"Jumlah ASN {sub.order}", satuan="orang", aggregation="latest", precision=0)
        IndicatorTargetFactory(indicator=ind, year=2024, value=D(target))
        RealisationFactory(indicator=ind, year=2024, quarter=4, value=D(value))
    keg = IndicatorFactory(parent=k, name="Persentase capaian kinerja kegiatan perencanaan", satuan="%")
    IndicatorTargetFactory(indicator=keg, year=2024, value=D(100))
    prog = IndicatorFactory(parent=plan.program, name="Persentase capaian kinerja program penunjang", satuan="%")
    IndicatorTargetFactory(indicator=prog, year=2024, value=D(100))
    PKItem.objects.create(agreement=plan.agreement, indicator=prog, annual_target=D(100), order=9)
    client.force_login(world.operator)
    for ind in (keg, prog):
        edit = client.get(reverse("planning:indicator_update", args=[ind.pk]))
        form = edit.context["form"]
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        data.update(measurement="children_mean", is_iku="", responsible_unit="")
        response = client.post(reverse("planning:indicator_update", args=[ind.pk]), data)
        assert response.status_code == 302, getattr(response, "context", {}) and response.context["form"].errors
        ind.refresh_from_db()
        assert ind.measurement == Indicator.Measurement.CHILDREN_MEAN
    return keg, prog


def _export(client, world) -> dict:
    response = client.get(reverse("reports:period_download", args=[world.own.pk, 2024, "annual", "json"]))
    assert response.status_code == 200
    return tables_of(response.json())


def test_sub_kegiatan_and_rolled_up_kegiatan_cells(rolled, client, world):
    tables = _export(client, world)
    subs = _rows(tables, "capaian-sub-kegiatan")
    first = subs["Jumlah ASN 1"]
    assert (shown(first["Kode"]), shown(first["Target"]), shown(first["Realisasi"]), shown(first["Capaian"])) == (
        "7.01.01.2.01.0001",
        "17",
        "16",
        "94,12",
    )
    kegiatan = _rows(tables, "capaian-kegiatan")["Persentase capaian kinerja kegiatan perencanaan"]
    assert (shown(kegiatan["Target"]), shown(kegiatan["Realisasi"]), shown(kegiatan["Capaian"])) == ("100,00", "97,06", "97,06")
    assert "rata-rata capaian 2 sub kegiatan: (94,12 + 100,00) / 2" in kegiatan["Capaian"]["derivation"]


def test_program_in_the_pk_rolls_up_its_kegiatan(rolled, client, world):
    program = _rows(_export(client, world), "capaian-program")["Persentase capaian kinerja program penunjang"]
    assert (shown(program["Realisasi"]), shown(program["Capaian"])) == ("97,06", "97,06")
    assert "rata-rata capaian 1 kegiatan" in program["Capaian"]["derivation"]


def test_the_check_does_not_ask_a_rollup_for_its_realisation(rolled, world):
    from apps.performance.selectors import consistency_findings

    _keg, prog = rolled
    subjects = {f.subject for f in consistency_findings(organisation=world.own, year=2024) if f.code == "REALISASI_KOSONG"}
    assert not any(prog.name in s for s in subjects)
