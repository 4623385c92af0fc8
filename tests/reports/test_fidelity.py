"""The fidelity comparer (apps/reports/fidelity.py) and `manage.py fidelity` (issue 17)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from apps.realisations.models import Realisation
from apps.reports import fidelity
from apps.reports.models import Report

DOC = {
    "sections": [
        {
            "blocks": [
                {
                    "type": "table",
                    "key": "capaian-iku",
                    "columns": [{"label": "Indikator"}, {"label": "Capaian"}, {"label": "Predikat"}],
                    "rows": [
                        [{"text": "Nilai evaluasi AKIP"}, {"value": "102.2465", "kind": "percent"}, {"text": "Sangat Baik"}],
                        [{"text": "Indeks Kepuasan Masyarakat"}, {"value": "99.505", "kind": "percent"}, {"text": "Baik"}],
                        [{"text": "Jumlah laporan"}, {"value": None, "reason": "belum ada"}, {"text": ""}],
                    ],
                    "footer": [{"text": "Rata-rata"}, {"value": "100.87575", "kind": "percent"}, {"text": ""}],
                }
            ],
            "sections": [
                {"blocks": [{"type": "table", "key": "efisiensi", "columns": [{"label": "Sasaran"}], "rows": []}], "sections": []}
            ],
        }
    ]
}


def figure(**kw: object) -> dict:
    base = {"id": "x", "table": "capaian-iku", "row": "AKIP", "column": "Capaian", "value": "102,25", "places": 2}
    return {**base, **kw}


def score_of(*items: dict) -> fidelity.Score:
    _header, figures = fidelity.parse_expected({"format": fidelity.FORMAT, "figures": [dict(i, id=f"f{n}") for n, i in enumerate(items)]})
    return fidelity.compare(DOC, figures)


def test_a_figure_is_compared_at_the_printed_precision_rounding_half_up():
    score = score_of(figure(), figure(value="102,2", places=1), figure(value="102", places=0), figure(row="Kepuasan", value="99,51"))
    assert [o.status for o in score.outcomes] == [fidelity.MATCHED] * 4
    assert (score.matched, score.compared, score.percent) == (4, 4, Decimal("100.00"))


def test_a_different_value_is_a_miss_that_shows_what_the_app_prints():
    (outcome,) = score_of(figure(value="102,24")).outcomes
    assert (outcome.status, outcome.actual) == (fidelity.DIFFERENT, "102,25")


def test_text_figures_compare_without_case_or_spacing():
    score = score_of(figure(column="Predikat", value="sangat  baik", places=None), figure(column="Predikat", value="Baik", places=None))
    assert [o.status for o in score.outcomes] == [fidelity.MATCHED, fidelity.DIFFERENT]


def test_a_number_compared_as_a_text_figure_is_read_as_the_report_prints_it():
    """Seed 003 L4/S1/hasil "95,23" (no places: the kabupaten truncates, so the figure is compared as printed):
    a number cell shows at its own places, with the decimal comma."""
    doc = {"sections": [{"blocks": [{"type": "table", "key": "penghitungan", "columns": [{"label": "Indikator"}, {"label": "Hasil"}],
            "rows": [[{"text": "fasilitasi"}, {"value": "95.2300", "kind": "number", "places": 2}]]}], "sections": []}]}  # fmt: skip
    _header, figures = fidelity.parse_expected(
        {
            "format": fidelity.FORMAT,
            "figures": [{"id": "h", "table": "penghitungan", "row": "fasilitasi", "column": "Hasil", "value": "95,23"}],
        }
    )
    assert [o.status for o in fidelity.compare(doc, figures).outcomes] == [fidelity.MATCHED]


def test_the_footer_row_is_found_by_its_label():
    assert score_of(figure(row="Rata-rata", value="100,88")).outcomes[0].matched


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"table": "efisiensi-program"}, fidelity.NO_TABLE),
        ({"column": "Serapan"}, fidelity.NO_COLUMN),
        ({"row": "Tidak ada baris ini"}, fidelity.NO_ROW),
        ({"row": "Jumlah laporan"}, fidelity.EMPTY),
        ({"row": "AKIP", "row_n": 2}, fidelity.AMBIGUOUS),
        ({"table": "efisiensi", "column": "Sasaran"}, fidelity.NO_ROW),
    ],
)
def test_what_the_app_does_not_produce_is_a_miss_never_left_out(change, status):
    score = score_of(figure(**change))
    assert (score.outcomes[0].status, score.matched, score.compared) == (status, 0, 1)


def test_several_row_words_must_all_appear():
    assert score_of(figure(row=["Nilai", "AKIP"])).outcomes[0].matched
    assert score_of(figure(row=["Nilai", "Kepuasan"])).outcomes[0].status == fidelity.NO_ROW


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "lain", "figures": [figure()]}, "lkjip-expected/1"),
        ({"format": fidelity.FORMAT, "figures": []}, "figures"),
        ({"format": fidelity.FORMAT, "figures": [figure(), figure()]}, "ganda"),
        ({"format": fidelity.FORMAT, "figures": [figure(value="1.2.3,4,5")]}, "bukan angka"),
        ({"format": fidelity.FORMAT, "figures": [figure(places=9)]}, "places"),
        ({"format": fidelity.FORMAT, "figures": [figure(row_n=0)]}, "row_n"),
        ({"format": fidelity.FORMAT, "figures": [{"id": "a", "table": "t"}]}, "wajib"),
    ],
)
def test_a_malformed_expected_file_is_refused_in_indonesian(data, message):
    with pytest.raises(fidelity.ExpectedFileError, match=message):
        fidelity.parse_expected(data)


def test_the_command_compares_the_exported_report_and_writes_nothing(plan, tmp_path, capsys):
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("74.64"))
    expected = tmp_path / "perak.json"
    expected.write_text(
        json.dumps(
            {
                "format": fidelity.FORMAT,
                "period": "annual",
                "figures": [
                    {
                        "id": "akip",
                        "table": "capaian-iku",
                        "row": "Nilai evaluasi AKIP",
                        "column": "Capaian",
                        "value": "102,25",
                        "places": 2,
                    },
                    {"id": "akip-realisasi", "table": "capaian-iku", "row": "AKIP", "column": "Realisasi", "value": "74,64", "places": 2},
                    {"id": "salah", "table": "capaian-iku", "row": "AKIP", "column": "Target", "value": "75,00", "places": 2},
                ],
            }
        ),
        encoding="utf-8",
    )
    call_command("fidelity", "perak-uji", "2024", "--expected", str(expected))
    out = capsys.readouterr().out
    assert "Cocok 2 dari 3 (66,67 %)" in out
    assert "XX  salah" in out and "(aplikasi: 73,00)" in out
    assert not Report.objects.exists()  # reading never creates a report row
    with pytest.raises(CommandError, match="di bawah 100 %"):
        call_command("fidelity", "perak-uji", "2024", "--expected", str(expected), "--min", "100")


def test_the_command_refuses_an_unknown_kecamatan_or_file(world, tmp_path):
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("fidelity", "perak-uji", "2024", "--expected", str(tmp_path / "tidak-ada.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="bukan JSON"):
        call_command("fidelity", "perak-uji", "2024", "--expected", str(bad))
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"format": fidelity.FORMAT, "figures": [figure()]}), encoding="utf-8")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("fidelity", "tidak-ada", "2024", "--expected", str(good))
