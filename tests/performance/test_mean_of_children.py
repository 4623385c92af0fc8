"""The roll-up measurement "rata-rata capaian indikator di bawahnya" (calc.mean_of_children, seed 004
§4.9: a kegiatan's realisation is the mean of its sub kegiatan capaian, a program's of its kegiatan)."""

from __future__ import annotations

from decimal import Decimal

from apps import calculations as calc

D = Decimal


def test_mean_of_exact_children_with_derivation():
    # Seed 004 K1.2: sub kegiatan 16/17 (94,1176... %) and 18/18 (100 %) -> 97,06, never averaged rounded.
    first = calc.capaian(D(16), D(17))
    result = calc.mean_of_children([first, calc.capaian(D(18), D(18))], of="sub kegiatan")
    assert result.value is not None and abs(result.value - (D(16) / D(17) * 100 + 100) / 2) < D("1e-20")
    assert result.rounded(2) == D("97.06")
    assert result.derivation.startswith("rata-rata capaian 2 sub kegiatan: (94,12 + 100,00) / 2 = 97,06")


def test_blank_child_is_left_out_and_counted():
    result = calc.mean_of_children([D(90), calc.Result.blank(calc.Reason.MISSING_REALISATION)], of="kegiatan")
    assert result.value == D(90)
    assert "1 nilai kosong tidak dihitung" in result.derivation


def test_no_children_or_no_values_is_blank_never_zero():
    assert calc.mean_of_children([], of="kegiatan").value is None
    assert "tidak ada indikator kegiatan" in calc.mean_of_children([], of="kegiatan").derivation
    blank = calc.mean_of_children([None, None], of="sub kegiatan")
    assert blank.value is None and blank.derivation.startswith("rata-rata capaian 2 sub kegiatan")


def test_unclamped_unless_asked():
    assert calc.mean_of_children([D(140), D(100)], of="sub kegiatan").value == D(120)
    assert calc.mean_of_children([D(140), D(100)], of="sub kegiatan", clamp=(D(0), D(100))).value == D(100)


def test_consistency_does_not_call_a_rollup_without_realisation():
    def codes(computed: bool) -> set[str]:
        ind = calc.IndicatorYear(code="K1", name="Persentase capaian kegiatan", target=D(100), computed=computed)
        return {f.code for f in calc.check_consistency(calc.OrgYearInput(organisation="x", year=2023, indicators=(ind,)))}

    assert "REALISASI_KOSONG" in codes(False)
    assert "REALISASI_KOSONG" not in codes(True)
