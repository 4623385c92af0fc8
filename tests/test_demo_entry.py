"""Each of the four seeds, entered through the browser forms, gives the seed's recomputed figures.

This is the proof that an operator can enter a whole year of plan, PK and realisations in the
browser: apps.tools.demo_entry posts every form a person would post, as the kecamatan's operator,
and apps.tools.demo_seeds imports the budget through the budget services (for seeds 001 and 003
from workbooks written from the data module).

The four seeds are entered once, as `manage.py build_demo` enters them (one database, in the order
of SEEDS, after a flush so the sequences restart as on a new database); the tests are parametrised
by seed. The same build proves that the committed fixtures are what build_demo writes
(test_committed_fixture_is_what_build_demo_writes): one build for both keeps CI fast.
tests/test_demo_fixture.py checks that the committed fixtures load.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from apps.agreements.models import PerjanjianKinerja, PKProgramBudget
from apps.budgets.models import DpaLine, DpaVersion, RealisasiAnggaran
from apps.core.numbers import quantize
from apps.organisations.models import Organisation
from apps.performance.selectors import consistency_findings, realisation_grid
from apps.planning.models import ComparisonFigure, Indicator, Kegiatan, Program, SubKegiatan
from apps.realisations.models import Realisation
from apps.tools.demo_seeds import SEEDS, Seed, budget_lines, build, fixture_text


def _nodes(data):
    programs = data.PROGRAMS
    kegiatan = [k for p in programs for k in p.get("kegiatan", [])]
    subs = [sk for k in kegiatan for sk in k.get("sub_kegiatan", [])]
    return programs, kegiatan, subs


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)
        build()
        yield
        call_command("flush", "--noinput", verbosity=0)


@pytest.fixture(params=sorted(SEEDS, key=lambda s: s.number), ids=lambda s: f"{s.number}-{s.slug}")
def entered(request, built) -> tuple[Seed, Organisation]:
    return request.param, Organisation.objects.get(slug=request.param.slug)


@pytest.mark.django_db
def test_committed_fixture_is_what_build_demo_writes(entered):
    """When this fails: `DATABASE_URL=sqlite:////tmp/x.sqlite3 manage.py migrate && ... build_demo`, and commit."""
    seed, _org = entered
    assert fixture_text(seed) == seed.fixture.read_text(encoding="utf-8"), f"{seed.fixture.name} is stale: run manage.py build_demo"


@pytest.mark.django_db
def test_the_whole_plan_was_entered(entered):
    seed, org = entered
    data = seed.data()
    programs, kegiatan, subs = _nodes(data)
    assert Program.objects.filter(renstra__organisation=org).count() == len(programs)
    assert Kegiatan.objects.filter(renstra__organisation=org).count() == len(kegiatan)
    assert SubKegiatan.objects.filter(renstra__organisation=org).count() == len(subs)
    versions = list(PerjanjianKinerja.objects.filter(organisation=org).order_by("version_number"))
    budgets = sum(b.amount for b in PKProgramBudget.objects.filter(agreement=versions[-1]))  # the PK in force
    assert budgets == sum(data.PK["program_budgets"].values())
    if hasattr(data, "PK_MURNI"):  # the PK murni entered first, then revised through the PK page
        assert [v.version_kind for v in versions] == ["murni", "perubahan"]
        assert sum(b.amount for b in PKProgramBudget.objects.filter(agreement=versions[0])) == data.PK_MURNI["total_budget"]
    else:
        assert len(versions) == 1
    peers = getattr(data, "PEER_COMPARISONS", [])  # other kecamatan, level "pd" (seed 003 Tabel 3.4)
    assert ComparisonFigure.objects.filter(indicator__organisation=org).exclude(level="pd").count() == len(data.COMPARISONS)
    assert sorted(ComparisonFigure.objects.filter(indicator__organisation=org, level="pd").values_list("peer", "value")) == sorted(
        (p["peer"], p["value"]) for p in peers
    )
    counted = [i for i in _all_indicators(data) if i.get("counts")]  # the operands typed with the last quarter (seed 003 L4)
    for spec in counted:
        r = Realisation.objects.filter(indicator__organisation=org, indicator__name=spec["name"], numerator__isnull=False).get()
        assert (r.numerator, r.denominator) == (spec["counts"]["numerator"], spec["counts"]["denominator"])


@pytest.mark.django_db
def test_no_computed_figure_was_typed(entered):
    """Composites and roll-ups (seed 004's programme and kegiatan indicators) have no typed value."""
    seed, org = entered
    for ind in Indicator.objects.filter(organisation=org):
        spec_realisations = _spec(seed.data(), ind.name).get(f"realisations_{seed.year}") or {}
        if ind.is_composite or _spec(seed.data(), ind.name).get("rollup"):
            assert not ind.realisations.exclude(value=None).exists(), ind.name
        else:
            typed = {r.quarter for r in ind.realisations.filter(year=seed.year).exclude(value=None)}
            assert typed == {q for q, v in spec_realisations.items() if v and v.get("value") is not None}, ind.name


@pytest.mark.django_db
def test_history_years_were_entered(entered):
    """Realisations of earlier years (``history``) are typed at TW IV through the realisation form."""
    seed, org = entered
    data = seed.data()
    for ind in Indicator.objects.filter(organisation=org):
        history = {y: v for y, v in (_spec(data, ind.name).get("history") or {}).items() if v is not None and y < seed.year}
        stored = {r.year: r.value for r in Realisation.objects.filter(indicator=ind, year__lt=seed.year)}
        assert stored == ({} if ind.is_composite else history), ind.name


@pytest.mark.django_db
def test_discontinued_indicators_were_entered(entered):
    """Seed 002's three sasaran II indicators of 2023 (``DISCONTINUED_INDICATORS``, Q27): discontinued after 2023, no
    Renstra target, their 2023 target and realisasi through the riwayat form, never in the PK."""
    seed, org = entered
    specs = getattr(seed.data(), "DISCONTINUED_INDICATORS", [])
    stored = Indicator.objects.filter(organisation=org, discontinued_after__isnull=False)
    assert sorted(i.name for i in stored) == sorted(d["name"] for d in specs)
    for ind in stored:
        spec = _spec(seed.data(), ind.name)
        assert ind.discontinued_after == spec["discontinued_after"] and ind.sasaran.code == spec["sasaran"]
        assert {t.year: t.value for t in ind.targets.all()} == spec["history_targets"]
        assert not ind.pk_items.exists()


@pytest.mark.django_db
def test_budget_was_imported_through_the_services(entered):
    seed, org = entered
    version = DpaVersion.objects.filter(organisation=org, year=seed.year).latest("sequence")
    lines = DpaLine.objects.filter(version=version)
    realised = RealisasiAnggaran.objects.filter(organisation=org, year=seed.year, quarter=4)
    if not seed.dpa_workbook:
        expected = budget_lines(seed.data())
        assert {line.code: line.pagu for line in lines} == {b.code: b.pagu for b in expected}
        assert {r.code: r.amount for r in realised} == {b.code: b.realisasi for b in expected if b.realisasi is not None}
        assert version.source_name.endswith(".xlsx") and version.layout == "A"
    assert set(lines.filter(sub_kegiatan=None).values_list("code", flat=True)) == UNPLANNED_LINES.get(seed.number, set())


# DPA lines without a plan node. Seed 003: the #15 placeholder (decision 17). Seed 002: the sample workbook gives
# P5's sub kegiatan national codes 7.01.05.2.01.0001/0002 where the plan has the local codes "3.1.1"/"3.1.2" (perak
# decision 6), and a reconstructed PHBN/PHBA line (0003) that has no plan node.
UNPLANNED_LINES = {"002": {"7.01.05.2.01.0001", "7.01.05.2.01.0002", "7.01.05.2.01.0003"}, "003": {"7.01.01.2.08.9999"}}


# Errors the seeds are known to leave: seed 004's Nilai Lakip has no realisation anywhere (⚠30), and its
# programme and kegiatan indicators are roll-ups of capaian that the app cannot compute yet (decision 7).
KNOWN_EMPTY = {"004": {"LAKIP"}}


@pytest.mark.django_db
def test_entered_year_is_consistent(entered):
    seed, org = entered
    errors = [f for f in consistency_findings(organisation=org, year=seed.year, upto=4) if f.severity.name == "ERROR"]
    data = seed.data()
    allowed = KNOWN_EMPTY.get(seed.number, set())
    unexpected = [
        f for f in errors
        if not (f.code == "REALISASI_KOSONG" and (f.subject.split()[0] in allowed or _spec(data, f.subject.split(" ", 1)[1]).get("rollup")))
    ]  # fmt: skip
    assert unexpected == []


# Figures of the seed notes (recomputed values), per seed: (indicator, realisasi s/d TW IV, capaian).
FIGURES = {
    "001": [("Indeks Kepuasan Masyarakat Kecamatan Aluh Aluh", "84.24", "115.40")],  # notes 001 §4.1: 84,24 / 73
    "002": [
        ("Nilai evaluasi AKIP Kec. Perak", "74.64", "102.25"),  # 74,64 / 73 (seed notes 002 5.3.1, defect Q16)
        ("Indeks Kualitas Pelayanan Publik (IKPP) Kecamatan Perak", "8.13", "104.23"),  # 8,13 / 7,8 (5.3.1)
    ],
    "003": [("Persentase hasil fasilitasi dan koordinasi", "95.23", "100.00")],  # notes 003 §4.1 (#3, #5)
    "004": [("Indeks Kepuasan Masyarakat (IKM)", "92.79", "106.66")],  # notes 004 §4.11: 92,79 / 87
}


@pytest.mark.django_db
def test_iku_figures_equal_the_recomputed_seed(entered):
    seed, org = entered
    grid = realisation_grid(organisation=org, year=seed.year, quarter=4)
    for name, realisasi, capaian in FIGURES[seed.number]:
        row = next(r for r in grid.rows if r.indicator.name.startswith(name))
        assert quantize(row.cumulative.value, 2) == Decimal(realisasi), name
        assert quantize(row.capaian.value, 2) == Decimal(capaian), name


def _all_indicators(data) -> list[dict]:
    def walk(nodes):
        for node in nodes:
            yield from node.get("indicators", [])
            for key in ("sasaran", "kegiatan", "sub_kegiatan"):
                yield from walk(node.get(key, []))

    return [*walk(data.TUJUAN), *walk(data.PROGRAMS)]


def _spec(data, name: str) -> dict:
    def walk(nodes):
        for node in nodes:
            for ind in node.get("indicators", []):
                if ind["name"] == name:
                    return ind
            for key in ("sasaran", "kegiatan", "sub_kegiatan"):
                found = walk(node.get(key, []))
                if found:
                    return found
        return None

    discontinued = [d for d in getattr(data, "DISCONTINUED_INDICATORS", []) if d["name"] == name]
    return walk(data.TUJUAN) or walk(data.PROGRAMS) or (discontinued[0] if discontinued else {})


@pytest.mark.django_db
def test_sakip_evaluations_were_entered_by_the_inspektorat(entered):
    """Seed 002: the LHE 2024 and 2023 (four components each) and the tindak lanjut of the four recommendations;
    the nilai is the sum the app computes (74,64 and 72,61, seed notes 002 §5.3.2). Seed 001 prints its nilai only
    (70,88 in the LHE of 2022 with ten recommendations and their tindak lanjut; 51,27 the year before): the form
    takes the nilai alone."""
    from apps.reports.evaluation import nilai
    from apps.reports.models import SakipEvaluation

    seed, org = entered
    evaluations = {e.year: e for e in SakipEvaluation.objects.filter(organisation=org)}
    if seed.number == "001":
        assert {year: (e.total, e.scores()["perencanaan"]) for year, e in evaluations.items()} == {
            2022: (Decimal("70.88"), None),
            2021: (Decimal("51.27"), None),
        }
        assert quantize(nilai(evaluations[2022])[0].value, 2) == Decimal("70.88")
        assert [r.follow_up.state for r in evaluations[2022].recommendations.order_by("number")] == ["selesai"] * 10
        return
    if seed.number != "002":
        assert evaluations == {}
        return
    assert quantize(nilai(evaluations[2024])[0].value, 2) == Decimal("74.64")
    assert quantize(nilai(evaluations[2023])[0].value, 2) == Decimal("72.61")
    assert [r.follow_up.state for r in evaluations[2024].recommendations.order_by("number")] == ["selesai"] * 4
