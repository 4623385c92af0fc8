"""Issue 18, realisation states: a realisation is a value, "belum tersedia" (with a reason, the expected source
and date) or "tidak dapat diukur" (with a reason); a warning in the consistency check, printed with its reason
where the figure would be, excluded from the averages with a footnote."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from apps import calculations as calc
from apps.agreements.models import PKItem
from apps.performance.selectors import realisation_grid
from apps.planning.models import Indicator
from apps.realisations import services
from apps.realisations.models import Realisation
from apps.realisations.selectors import realisation_detail
from apps.reports import services as report_services
from apps.reports import workflow
from apps.reports.models import Status
from apps.reports.renderers import RENDERERS
from tests.factories import IndicatorFactory, IndicatorTargetFactory

REASON = "Survei IKM dilaksanakan oleh Bagian Organisasi, hasil belum terbit"
SHOWN = "belum tersedia: " + REASON + " (sumber: Bagian Organisasi Setda; perkiraan 31 Maret 2025)"

# ---------------------------------------------------------------- the pure module

_STATES = [calc.RealisationState.NOT_YET_AVAILABLE, calc.RealisationState.NOT_MEASURABLE]
_CAPAIAN = st.decimals(min_value=0, max_value=250, places=4)


@given(st.lists(st.one_of(_CAPAIAN, st.sampled_from(_STATES)), min_size=1, max_size=12))
def test_a_state_never_moves_an_average(items):
    """Property: the mean of capaian where some are in a state equals the mean of the valued ones alone
    (a blank when none is valued), and the derivation counts each state as left out."""
    figures = [calc.StateNote(i, reason="belum terbit").result() if isinstance(i, calc.RealisationState) else i for i in items]
    valued = [i for i in items if not isinstance(i, calc.RealisationState)]
    mean = calc.rollup(figures)
    assert mean.value == (calc.rollup(valued).value if valued else None)
    if valued:
        assert abs(mean.value - sum(valued, Decimal(0)) / len(valued)) < Decimal("1e-20")


@given(st.dictionaries(st.integers(1, 4), st.one_of(_CAPAIAN, st.sampled_from(_STATES))), st.integers(1, 4))
def test_the_latest_entry_up_to_the_quarter_decides(entries, upto):
    """Property: s/d TW n the figure is a state exactly when the latest quarter with an entry up to n holds a
    state rather than a value."""
    values = {q: v for q, v in entries.items() if not isinstance(v, calc.RealisationState)}
    states = {q: calc.StateNote(v, reason="x") for q, v in entries.items() if isinstance(v, calc.RealisationState)}
    latest = max((q for q in entries if q <= upto), default=None)
    result = calc.state_result(states, values, upto)
    if latest is None or latest in values:
        assert result is None
    else:
        assert result is not None and calc.is_state(result) and result.code == entries[latest].reason


def test_state_result_is_blank_with_the_reason():
    note = calc.StateNote(calc.RealisationState.NOT_YET_AVAILABLE, REASON, "Bagian Organisasi Setda", dt.date(2025, 3, 31))
    result = calc.state_result({4: note}, {1: Decimal(80), 4: None}, 4)
    assert result is not None and result.value is None and result.code is calc.Reason.NOT_YET_AVAILABLE
    assert result.reason == SHOWN and calc.is_state(result)
    assert calc.state_result({4: note}, {4: None}, 3) is None  # the state of TW IV says nothing of s/d TW III
    assert calc.state_result({2: note}, {2: None, 3: Decimal(1)}, 4) is None  # a later value decides
    cannot = calc.StateNote(calc.RealisationState.NOT_MEASURABLE, "Kegiatan tidak dilaksanakan")
    assert calc.state_result({4: cannot}, {}, 4).reason == "tidak dapat diukur: Kegiatan tidak dilaksanakan"


def _indicator_year(**kw):
    return calc.IndicatorYear(code="IKM", name="Indeks Kepuasan Masyarakat", target=Decimal(80), pk_target=Decimal(80), **kw)


def test_consistency_warns_for_a_state_and_errs_for_a_blank():
    note = calc.StateNote(calc.RealisationState.NOT_YET_AVAILABLE, REASON)
    stated = calc.check_consistency(calc.OrgYearInput("Perak", 2024, indicators=(_indicator_year(states={4: note}),)))
    assert [(f.code, f.severity) for f in stated] == [("REALISASI_BELUM_TERSEDIA", calc.Severity.WARNING)]
    assert REASON in stated[0].message
    cannot = calc.StateNote(calc.RealisationState.NOT_MEASURABLE, "x")
    stated = calc.check_consistency(calc.OrgYearInput("Perak", 2024, indicators=(_indicator_year(states={4: cannot}),)))
    assert [(f.code, f.severity) for f in stated] == [("REALISASI_TIDAK_DAPAT_DIUKUR", calc.Severity.WARNING)]
    blank = calc.check_consistency(calc.OrgYearInput("Perak", 2024, indicators=(_indicator_year(),)))
    assert [(f.code, f.severity) for f in blank] == [("REALISASI_KOSONG", calc.Severity.ERROR)]


# ---------------------------------------------------------------- the service and the form


def _save(plan, world, **kw):
    args = {"indicator": plan.akip, "year": 2024, "quarter": 4, "revision": 0, "user": world.operator, "value": None}
    return services.realisation_save(**{**args, **kw})


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"state": "belum_tersedia"}, "state_reason", "Isi alasan"),
        ({"state": "tidak_dapat_diukur", "state_reason": "   "}, "state_reason", "Isi alasan"),
        ({"state": "belum_tersedia", "state_reason": "x", "value": Decimal(80)}, "value", "tidak boleh berisi nilai"),
        ({"state": "tidak_dapat_diukur", "state_reason": "x", "expected_date": dt.date(2025, 1, 1)}, "expected_source", "hanya diisi"),
        ({"state_reason": "x", "value": Decimal(80)}, "state_reason", "Alasan hanya diisi"),
        ({"state": "entah", "state_reason": "x"}, "state", "tidak dikenal"),
    ],
)
def test_bad_states_are_refused_and_nothing_saved(plan, world, kw, field, message):
    with pytest.raises(ValidationError) as exc:
        _save(plan, world, **kw)
    assert field in exc.value.message_dict and message in " ".join(exc.value.message_dict[field])
    assert not Realisation.objects.filter(indicator=plan.akip).exists()


def test_a_value_replaces_the_state(plan, world):
    r = _save(plan, world, state="belum_tersedia", state_reason=REASON, expected_source="BPS", expected_date=dt.date(2025, 3, 31))
    assert (r.state, r.value, r.state_note.detail) == ("belum_tersedia", None, REASON + " (sumber: BPS; perkiraan 31 Maret 2025)")
    r = _save(plan, world, revision=r.revision, value=Decimal("84.24"))
    assert (r.state, r.state_reason, r.expected_source, r.expected_date, r.value) == ("", "", "", None, Decimal("84.24"))


def test_the_form(plan, world, client):
    client.force_login(world.operator)
    url = reverse("realisations:edit", args=[plan.akip.pk, 2024, 4])
    base = {"value": "", "revision": 0, "state": "belum_tersedia", "state_reason": REASON, "expected_source": "Bagian Organisasi Setda"}
    bad = client.post(url, {**base, "expected_date": "31 Maret 2025"})
    assert bad.status_code == 200 and "Tanggal tidak dikenali" in bad.content.decode()
    bad = client.post(url, {**base, "state_reason": ""})
    assert "Isi alasan" in bad.content.decode()
    bad = client.post(url, {**base, "value": "80"})
    assert "tidak boleh berisi nilai" in bad.content.decode()
    assert not Realisation.objects.filter(indicator=plan.akip).exists()
    ok = client.post(url, {**base, "expected_date": "2025-03-31"})
    assert ok.status_code == 302
    r = Realisation.objects.get(indicator=plan.akip, year=2024, quarter=4)
    assert (r.state, r.state_reason, r.expected_date) == ("belum_tersedia", REASON, dt.date(2025, 3, 31))
    page = client.get(url).content.decode()
    assert "Belum tersedia" in page and REASON in page


# ---------------------------------------------------------------- the report


@pytest.fixture
def pending(ready, world):
    """``ready`` with two more sasaran-level IKU in the PK: a percentage at 90 of 100 and the IKM, "belum tersedia"."""
    sasaran, agreement = ready.plan.sasaran, ready.plan.agreement
    layanan = IndicatorFactory(parent=sasaran, name="Persentase layanan tepat waktu", satuan="%", is_iku=True,
                               aggregation=Indicator.Aggregation.LATEST)  # fmt: skip
    ikm = IndicatorFactory(parent=sasaran, name="Indeks Kepuasan Masyarakat", satuan="nilai", is_iku=True,
                           aggregation=Indicator.Aggregation.LATEST)  # fmt: skip
    for ind, target in ((layanan, 100), (ikm, 80)):
        IndicatorTargetFactory(indicator=ind, year=2024, value=Decimal(target))
        PKItem.objects.create(agreement=agreement, indicator=ind, annual_target=Decimal(target), order=10 + ind.pk)
    services.realisation_save(indicator=layanan, year=2024, quarter=4, revision=0, user=world.operator, value=Decimal(90),
                              faktor_penghambat="Antrean", solusi="Loket tambahan")  # fmt: skip
    services.realisation_save(
        indicator=ikm, year=2024, quarter=4, revision=0, user=world.operator, value=None, state="belum_tersedia",
        state_reason=REASON, expected_source="Bagian Organisasi Setda", expected_date=dt.date(2025, 3, 31),
    )  # fmt: skip
    return ready


def _tables(report):
    return {t.key: t for t in report_services.report_document(report=report).tables}


def test_the_averages_exclude_it(pending):
    tables = _tables(pending.report)
    iku = tables["capaian-iku"]
    row = next(r for r in iku.rows if r[2].value == "Indeks Kepuasan Masyarakat")
    assert row[5].state == SHOWN and row[6].state == SHOWN and row[5].number is None
    # (84,24 / 73 × 100 + 90 / 100 × 100) / 2 = (115,3973 + 90) / 2 = 102,70: the IKM is not averaged
    assert iku.footer[6].number.quantize(Decimal("0.01")) == Decimal("102.70")
    sasaran = tables["capaian-sasaran"]
    assert sasaran.rows[0][2].number.quantize(Decimal("0.01")) == Decimal("102.70")
    assert sasaran.footer[2].number.quantize(Decimal("0.01")) == Decimal("102.70")
    for key in ("capaian-iku", "capaian-sasaran"):
        assert f"Tidak dihitung dalam rata-rata: «Indeks Kepuasan Masyarakat» ({SHOWN})." in tables[key].note


def test_it_can_be_submitted_and_approved(pending, world):
    workflow.report_submit(report=pending.report, user=world.operator)
    workflow.report_approve(report=pending.report, user=world.camat)
    pending.report.refresh_from_db()
    assert pending.report.status == Status.APPROVED


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_every_format_shows_the_reason(pending, fmt):
    _name, _ctype, payload = RENDERERS[fmt](report_services.report_document(report=pending.report))
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(payload))
        texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
        assert SHOWN in texts
    elif fmt == "json":
        cells = [c for t in _json_tables(json.loads(payload)) for row in t["rows"] for c in row]
        stated = [c for c in cells if c.get("state")]
        assert stated and all(c == {"value": None, "reason": SHOWN, "state": "belum_tersedia", **_kind(c)} for c in stated)
    else:
        assert SHOWN in payload.decode()


def _kind(cell):
    return {k: cell[k] for k in ("kind", "places") if k in cell}


def _json_tables(node):
    if isinstance(node, dict):
        if node.get("type") == "table":
            yield node
        for v in node.values():
            yield from _json_tables(v)
    elif isinstance(node, list):
        for v in node:
            yield from _json_tables(v)


def test_a_state_needs_no_analysis_of_an_earlier_value(plan, world):
    """TW III 60 of 73 is below target, but TW IV "belum tersedia" has no capaian: its reason stands for the analysis."""
    _save(plan, world, quarter=3, value=Decimal(60), faktor_penghambat="x", solusi="y")
    r = _save(plan, world, state="tidak_dapat_diukur", state_reason="LHE belum terbit")
    assert r.state == "tidak_dapat_diukur"
    detail = realisation_detail(indicator=plan.akip, year=2024, quarter=4)
    assert detail.capaian.reason == "tidak dapat diukur: LHE belum terbit" and not detail.below_target


def test_the_grid_shows_the_state_and_does_not_ask_for_a_value(plan, world, client):
    _save(plan, world, state="belum_tersedia", state_reason=REASON)
    client.force_login(world.operator)
    page = client.get(reverse("realisations:grid", args=[world.own.pk, 2024, 4])).content.decode()
    assert "Belum tersedia" in page and "belum tersedia: " + REASON in page
    row = next(r for r in realisation_grid(organisation=world.own, year=2024, quarter=4).rows if r.indicator == plan.akip)
    assert row.state == "Belum tersedia" and not row.missing
