"""The DPA feeds the pre-submission consistency check (calc.check_consistency) through selectors.consistency_budget."""

from __future__ import annotations

from decimal import Decimal

from apps import calculations as calc
from apps.budgets.selectors import consistency_budget

from .conftest import import_fixture, import_realisasi


def test_program_totals_reach_the_consistency_check(world):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    import_realisasi(world.own, 2024, "realisasi_seed002.xlsx")
    budget = consistency_budget(organisation=world.own, year=2024, upto=4)
    assert [n.code for n in budget] == ["7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.05", "7.01.06"]
    assert budget[0].total_pagu() == Decimal("3025434166") and budget[0].total_realisasi() == Decimal("2841094465")
    # A PK budget for P1 equal to the DPA gives no finding; one that differs asks for a PK perubahan.
    data = calc.OrgYearInput(
        organisation="Perak", year=2024, budget=budget,
        pk_budgets=(calc.PkBudget(program_code="7.01.01", name="P1", amount=Decimal("3025434166")),),
    )  # fmt: skip
    assert [f.code for f in calc.check_consistency(data) if f.code.startswith(("ANGGARAN", "PK_", "REALISASI_MELEBIHI"))] == []
    data = calc.OrgYearInput(
        organisation="Perak", year=2024, budget=budget, pk_budgets=(calc.PkBudget(program_code="7.01.01", name="P1", amount=Decimal(1)),)
    )
    assert [f.code for f in calc.check_consistency(data)] == ["PK_ANGGARAN_BEDA_DPA"]


def test_no_dpa_gives_an_empty_budget(world):
    assert consistency_budget(organisation=world.own, year=2024) == ()
