"""Issue 18 in the report: the budget table grouped by sasaran (sasaran > IKU > program > kegiatan > sub kegiatan,
subtotals that are sums of the DPA lines), the penanggung jawab column of the budget and kegiatan tables, the
"Kondisi awal / target awal" column of Tabel 3.1 and of the Renstra-end comparison, and the support flag of a
program indicator; every column in HTML, JSON and XLSX."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from apps.reports.builder import Figures
from apps.reports.builder.budget_tables import budget_table, budget_table_by_sasaran, budget_table_for
from apps.reports.inputs import report_inputs
from apps.reports.renderers import RENDERERS
from apps.reports.services import report_document
from tests.factories import (
    DpaLineFactory,
    DpaVersionFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    KegiatanFactory,
    ProgramFactory,
    RealisasiAnggaranFactory,
    ReportFactory,
    SasaranFactory,
    SubKegiatanFactory,
)

D = Decimal


@pytest.fixture
def grouped(plan, world):
    """Sasaran 1.1 funded by program 7.01.01 (two sub kegiatan); sasaran 1.2 by two programs (7.01.02, 7.01.03);
    program 7.01.09 serves no sasaran. Penanggung jawab typed on the plan nodes, a target awal on the IKU."""
    r = plan.renstra
    s2 = SasaranFactory(tujuan=plan.tujuan, code="1.2", text="Meningkatnya kualitas layanan publik")
    ikm = IndicatorFactory(parent=s2, name="Indeks Kepuasan Masyarakat", satuan="indeks", is_iku=True)
    IndicatorTargetFactory(indicator=ikm, year=2024, value=D("90"))
    p2 = ProgramFactory(renstra=r, code="7.01.02", name="Program Penyelenggaraan Pemerintahan", sasaran=[s2])
    ProgramFactory(renstra=r, code="7.01.03", name="Program Ketentraman", sasaran=[s2])
    ProgramFactory(renstra=r, code="7.01.09", name="Program Lain")
    plan.program.penanggung_jawab = "Sekretariat Kecamatan"
    plan.program.save(update_fields=["penanggung_jawab"])
    plan.kegiatan.penanggung_jawab = "Subbag Perencanaan; Kelurahan Perak"
    plan.kegiatan.save(update_fields=["penanggung_jawab"])
    k2 = KegiatanFactory(program=p2, code="7.01.02.2.01", name="Kegiatan Pemerintahan", penanggung_jawab="Seksi Pemerintahan")
    SubKegiatanFactory(kegiatan=k2, code="7.01.02.2.01.0001", name="Sub Pemerintahan", penanggung_jawab="Desa Sumberagung")
    plan.akip.baseline_year, plan.akip.baseline_value = 2023, D("72.61")
    plan.akip.save(update_fields=["baseline_year", "baseline_value"])
    from apps.agreements.services import pk_create_from_renstra

    plan.agreement.delete()
    pk_create_from_renstra(organisation=world.own, year=2024)
    dpa = DpaVersionFactory(organisation=world.own, year=2024)
    lines = {
        "7.01.01.2.01.0001": (D(1_000_000), D(900_000)),
        "7.01.01.2.01.0002": (D(2_000_000), D(1_500_000)),
        "7.01.02.2.01.0001": (D(3_000_000), D(3_000_000)),
        "7.01.03.2.01.0001": (D(4_000_000), D(2_000_000)),
        "7.01.09.2.01.0001": (D(500_000), D(100_000)),
    }
    for code, (pagu, realisasi) in lines.items():
        DpaLineFactory(version=dpa, code=code, name=f"Sub {code}", pagu=pagu)
        RealisasiAnggaranFactory(organisation=world.own, year=2024, code=code, quarter=4, amount=realisasi)
    return lines


def _figures(world) -> Figures:
    return Figures(report_inputs(organisation=world.own, year=2024, upto=4, day=dt.date(2025, 1, 15)))


def _row(table, words: str):
    for row in table.rows:
        if any(isinstance(c.value, str) and words in c.value for c in row):
            return row
    raise AssertionError(f"no row {words}")


def _code_row(table, code: str):
    return next(row for row in table.rows if row[0].value == code)


def test_subtotals_per_sasaran_add_up_from_the_dpa_lines(grouped, world):
    t = budget_table_by_sasaran(_figures(world))
    assert t is not None and t.key == "anggaran-sasaran"
    labels = [c.label for c in t.columns]
    assert labels == ["Kode", "Sasaran / IKU / program / kegiatan / sub kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan",
                      "Sisa (Rp)", "Penanggung jawab"]  # fmt: skip
    s1 = _row(t, "Sasaran: Meningkatnya akuntabilitas")
    s2 = _row(t, "Sasaran: Meningkatnya kualitas layanan")
    assert (s1[2].number, s1[3].number) == (D(3_000_000), D(2_400_000))  # 1.000.000 + 2.000.000; 900.000 + 1.500.000
    assert (s2[2].number, s2[3].number, s2[5].number) == (D(7_000_000), D(5_000_000), D(2_000_000))  # two programs
    assert s2[4].number is not None and round(s2[4].number, 4) == D("71.4286")
    rest = _row(t, "Program yang tidak terkait sasaran")
    assert rest[2].number == D(500_000)
    total = t.footer
    assert total[1].value == "Jumlah" and (total[2].number, total[3].number) == (D(10_500_000), D(7_500_000))
    assert total[2].number == s1[2].number + s2[2].number + rest[2].number
    # the hierarchy: the IKU under its sasaran, then the programs with their kegiatan and sub kegiatan
    texts = [next((c.value for c in row[1:2]), "") for row in t.rows]
    assert texts.index("IKU: Indeks Kepuasan Masyarakat") == texts.index("Sasaran: Meningkatnya kualitas layanan publik") + 1
    assert _row(t, "Sub 7.01.02.2.01.0001")[6].value == "Desa Sumberagung"
    assert _code_row(t, "7.01.01")[6].value == "Sekretariat Kecamatan"
    assert _code_row(t, "7.01.01.2.01")[6].value == "Subbag Perencanaan; Kelurahan Perak"


def test_a_program_serving_two_sasaran_is_listed_under_each_and_counted_once(grouped, plan, world):
    from apps.planning.models import Program

    Program.objects.get(code="7.01.02").sasaran.add(plan.sasaran)
    t = budget_table_by_sasaran(_figures(world))
    assert _row(t, "Sasaran: Meningkatnya akuntabilitas")[2].number == D(6_000_000)
    assert t.footer[2].number == D(10_500_000)  # the DPA total, each line once
    assert "lebih dari satu sasaran" in t.note


def test_budget_table_for_selects_the_layout(grouped, world):
    f = _figures(world)
    assert budget_table_for(f).key == budget_table(f).key == "anggaran"
    assert budget_table_for(f, "program").key == "anggaran"
    assert budget_table_for(f, "sasaran").key == "anggaran-sasaran"
    assert budget_table_for(f, "").key == "anggaran"


def test_nothing_before_the_dpa_is_imported(plan, world):
    f = _figures(world)
    assert budget_table_by_sasaran(f) is None and budget_table_for(f, "sasaran") is None


def _document(world):
    """The annual report of a pemda whose report convention asks for the budget grouped by sasaran."""
    from apps.performance.models import ReportConvention

    convention, _created = ReportConvention.objects.get_or_create(pemda=world.pemda)
    convention.budget_layout = "sasaran"
    convention.save()
    report = ReportFactory(organisation=world.own, year=2024, period="annual")
    return report_document(report=report, day=dt.date(2025, 1, 15))


def test_the_pemda_convention_chooses_the_budget_table(grouped, world):
    report = ReportFactory(organisation=world.own, year=2024, period="annual")
    keys = {t.key for t in report_document(report=report).tables}
    assert "anggaran" in keys and "anggaran-sasaran" not in keys  # the neutral convention: the program tree
    report.delete()
    keys = {t.key for t in _document(world).tables}
    assert "anggaran-sasaran" in keys and "anggaran" not in keys


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_every_new_column_is_rendered(grouped, world, fmt):
    _name, _ctype, payload = RENDERERS[fmt](_document(world))
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(payload))
        text = "\n".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    elif fmt == "json":
        data = json.loads(payload)
        text = json.dumps(data, ensure_ascii=False)
        assert '"anggaran-sasaran"' in text
    else:
        text = payload.decode()
    for expected in (
        "Kondisi awal / target awal", "Penanggung jawab", "Menunjang sasaran", "Sekretariat Kecamatan",
        "Subbag Perencanaan; Kelurahan Perak", "Sasaran: Meningkatnya kualitas layanan publik", "IKU: Indeks Kepuasan Masyarakat",
    ):  # fmt: skip
        assert expected in text, (fmt, expected)


def test_target_awal_and_support_flag_in_the_tables(grouped, plan, world):
    plan.laporan.support = "menunjang"
    plan.laporan.save(update_fields=["support"])
    tables = {t.key: t for t in report_document(report=ReportFactory(organisation=world.own, year=2024, period="annual")).tables}
    iku = tables["capaian-iku"]
    assert iku.columns[-1].label == "Kondisi awal / target awal"
    assert _row(iku, "Nilai evaluasi AKIP")[-1].number == D("72.61")
    progress = tables["tingkat-kemajuan"]
    assert progress.columns[-1].label == "Kondisi awal / target awal"
    assert _row(progress, "Nilai evaluasi AKIP")[-1].number == D("72.61")
    program = tables["capaian-program"]
    assert program.columns[-1].label == "Menunjang sasaran"
    assert _row(program, "Jumlah laporan kinerja")[-1].value == "Menunjang sasaran"
    anggaran = tables["anggaran"]
    assert anggaran.columns[-1].label == "Penanggung jawab"
    assert _code_row(anggaran, "7.01.01")[-1].value == "Sekretariat Kecamatan"
