"""Issue 18, the rest of "every renderer applies the same convention": the budget tables (Rupiah, serapan, sisa),
the sentences of the narrative drafts, the aspect index (recorded and printed by the pemda's rounding for
indices), and a frozen report printed by the convention it was submitted under, whatever the pemda edits after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from apps import calculations as calc
from apps.core.numbers import HALF_UP, TRUNCATE, quantize, quantize_truncate
from apps.performance.models import ReportConvention
from apps.planning.models import Indicator, IndicatorAspect
from apps.realisations.models import Realisation
from apps.reports import services as report_services
from apps.reports import workflow
from apps.reports.builder.narrative import Drafts
from apps.reports.builder.report_figures import Figures
from apps.reports.inputs import report_inputs
from apps.reports.renderers import render_html
from tests.factories import RealisasiAnggaranFactory

D = Decimal


def _tables(report):
    return {t.key: t for t in report_services.report_document(report=report).tables}


def _figures(report):
    return Figures(report_inputs(organisation=report.organisation, year=report.year, upto=4, day=dt.date(2025, 1, 31), report=report))


def _conv(world, **kw):
    rules = {"name": "Konvensi potong", "capaian_places": 1, "capaian_rounding": TRUNCATE, "serapan_places": 1,
             "serapan_rounding": TRUNCATE, "efisiensi_anggaran_places": 1, "efisiensi_anggaran_rounding": TRUNCATE,
             "state_efisiensi_anggaran": True}  # fmt: skip
    return ReportConvention.objects.create(pemda=world.pemda, **{**rules, **kw})


# ---------------------------------------------------------------- budget tables and sentences


@pytest.fixture
def spent(ready, world):
    """``ready`` with realisasi 47.123.456,70 of the pagu 50.000.000: serapan 94,246934 %, sisa 5,753066 %."""
    RealisasiAnggaranFactory(organisation=world.own, year=2024, code="7.01.01.2.01.0001", quarter=4, amount=D("47123456.70"))
    return ready


def test_the_budget_tables_follow_the_convention(spent, world):
    _conv(world, rupiah_places=2, rupiah_rounding=TRUNCATE)
    tables = _tables(spent.report)
    anggaran = tables["anggaran"]
    money = [c for row in [*anggaran.rows, anggaran.footer] for c in row if getattr(c, "kind", None) in ("rupiah", "percent")]
    assert money and all(c.rounding == TRUNCATE for c in money), [(c.kind, c.places, c.rounding) for c in money]
    serapan = [c for c in money if c.kind == "percent"]
    assert {c.places for c in serapan} == {1} and quantize_truncate(serapan[-1].number, 1) == D("94.2")
    assert {c.places for c in money if c.kind == "rupiah"} == {2}
    kas = tables["anggaran-kas"]
    footer = [c for c in kas.footer if getattr(c, "kind", None) == "percent"]
    # realisasi / anggaran kas (serapan rule), selisih % and sisa % (the efisiensi-anggaran rule): all one decimal, cut
    assert [(c.places, c.rounding) for c in footer] == [(1, TRUNCATE)] * 3
    _name, _ctype, html = render_html(report_services.report_document(report=spent.report))
    page = html.decode()
    assert "47.123.456,70" in page and ">94,2 %<" in page and ">94,25 %<" not in page  # (a title keeps the exact working)


def test_the_sentences_print_as_the_tables(spent, world):
    _conv(world)
    f = _figures(spent.report)
    sentence = Drafts(f).budget_sentence()
    # serapan 94,2469 cut to 94,2; efisiensi anggaran 100 − 94,2469 = 5,7530... cut to 5,7 (half up would give 5,8)
    assert "(serapan 94,2 %)" in sentence and "Efisiensi anggaran 5,7 % (100 − serapan)." in sentence, sentence
    ikhtisar = Drafts(f).ikhtisar()
    assert "(capaian 115,3 %" in ikhtisar, ikhtisar  # 84,24 / 73 × 100 = 115,397: cut, half up gives 115,4
    ReportConvention.objects.filter(pemda=world.pemda).update(capaian_rounding=HALF_UP, state_efisiensi_anggaran=False)
    f = _figures(spent.report)
    assert "(capaian 115,4 %" in Drafts(f).ikhtisar() and "Efisiensi anggaran" not in Drafts(f).budget_sentence()


# ---------------------------------------------------------------- a frozen report keeps its convention


def _capaian_places(report):
    table = _tables(report)["capaian-sasaran"]
    return {(c.places, c.rounding) for row in table.rows for c in row if c.number is not None and c.kind == "percent"}


def test_a_frozen_report_prints_by_the_convention_it_was_submitted_under(ready, world):
    convention = _conv(world)
    workflow.report_submit(report=ready.report, user=world.operator)
    ready.report.refresh_from_db()
    assert ready.report.convention_pinned["rules"]["capaian"] == {"places": 1, "rounding": TRUNCATE}
    convention.capaian_places, convention.capaian_rounding = 3, HALF_UP
    convention.full_clean()
    convention.save()
    assert _capaian_places(ready.report) == {(1, TRUNCATE)}  # the camat approves what was submitted
    workflow.report_approve(report=ready.report, user=world.camat)
    ready.report.refresh_from_db()
    assert _capaian_places(ready.report) == {(1, TRUNCATE)}
    workflow.report_reopen(report=ready.report, user=world.camat, reason="Konvensi kabupaten berubah")
    ready.report.refresh_from_db()
    assert ready.report.convention_pinned is None
    assert _capaian_places(ready.report) == {(3, HALF_UP)}  # back to the kecamatan: the convention in force


def test_a_report_frozen_before_pinning_reads_the_convention_in_force(ready, world):
    _conv(world)
    workflow.report_submit(report=ready.report, user=world.operator)
    type(ready.report).objects.filter(pk=ready.report.pk).update(convention_pinned=None)
    ready.report.refresh_from_db()
    assert _capaian_places(ready.report) == {(1, TRUNCATE)}


@given(
    st.fixed_dictionaries({kind: st.tuples(st.integers(0, 6), st.sampled_from([HALF_UP, TRUNCATE])) for kind in calc.FIGURE_KINDS}),
    st.sampled_from(calc.EFISIENSI_FORMS), st.booleans(), st.booleans(), st.sampled_from(calc.BUDGET_LAYOUTS),
)  # fmt: skip
def test_a_pinned_convention_comes_back_unchanged(rules, forms, from_displayed, state, layout):
    conv = calc.Convention(
        name="Uji", rules={k: calc.FigureRule(p, r) for k, (p, r) in rules.items()}, efisiensi_forms=forms,
        efisiensi_from_displayed=from_displayed, state_efisiensi_anggaran=state, budget_layout=layout,
    )  # fmt: skip
    assert calc.Convention.from_dict(conv.to_dict()) == conv


def test_a_damaged_pinned_convention_is_refused():
    with pytest.raises(ValueError):
        calc.Convention.from_dict({"rules": {"capaian": {"places": 1, "rounding": "banker"}}})


# ---------------------------------------------------------------- the aspect index by the pemda's rounding


@pytest.fixture
def index(plan):
    plan.akip.measurement = Indicator.Measurement.ASPECTS
    plan.akip.code = "IPP"
    plan.akip.precision = 2
    plan.akip.save(update_fields=["measurement", "code", "precision"])
    return plan.akip


def _enter(client, world, ind, scores):
    client.force_login(world.operator)
    form = {"score_min": "0", "score_max": "1", "weight_basis": "100", "factor_percent": "",
            "aspects": "Kebijakan ; 50\nInovasi ; 50", "levels": ""}  # fmt: skip
    assert client.post(reverse("planning:indicator_aspects", args=[ind.pk]), form).status_code == 302
    a, b = IndicatorAspect.objects.filter(indicator=ind).order_by("order")
    url = reverse("realisations:aspect_scores", args=[ind.pk, 2024])
    assert client.post(url, {f"aspect_{a.pk}": scores[0], f"aspect_{b.pk}": scores[1]}).status_code == 302
    return url


@pytest.mark.parametrize(("rounding", "recorded", "shown"), [(TRUNCATE, D("0.25"), "0,25"), (HALF_UP, D("0.26"), "0,26")])
def test_the_aspect_index_is_recorded_and_printed_by_the_pemda_rounding(client, index, world, rounding, recorded, shown):
    """Skor 0,25 and 0,26, bobot 50/50: the index is 0,255; a truncating pemda records and prints 0,25."""
    _conv(world, indeks_rounding=rounding)
    url = _enter(client, world, index, ("0,25", "0,26"))
    assert Realisation.objects.get(indicator=index, year=2024, quarter=4).value == recorded
    page = client.get(url).content.decode()
    assert f"= {shown}" in page  # the derivation on the scores page
    report = report_services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    table = _tables(report)["aspek-IPP"]
    index_cell = table.footer[-1]
    assert (index_cell.rounding, index_cell.value.value) == (rounding, D("0.255"))
    _name, _ctype, html = render_html(report_services.report_document(report=report))
    assert f">{shown}<" in html.decode().replace(" ", "")


@given(
    st.lists(st.decimals(min_value=0, max_value=1, places=3), min_size=1, max_size=6),
    st.integers(0, 4),
)
def test_a_cut_index_never_exceeds_the_rounded_one(scores, places):
    n = len(scores)
    weights = [D(100) / n] * (n - 1)
    weights.append(D(100) - sum(weights, D(0)))
    result = calc.aspect_index(
        [calc.AspectInput(f"A{i}", w, s) for i, (w, s) in enumerate(zip(weights, scores, strict=True))],
        weight_total=D(100), score_range=(D(0), D(1)),
    )  # fmt: skip
    cut, rounded = result.printed(places, TRUNCATE), result.printed(places, HALF_UP)
    step = D(1).scaleb(-places)
    assert cut <= rounded <= cut + step
    assert cut == quantize_truncate(result.index.value, places) and rounded == quantize(result.index.value, places)
