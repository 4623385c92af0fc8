"""Staff tables (issue 17): counts by sex and % ketersediaan SDM (calculations), and the validation of the
new inputs (structural officials by eselon, ABK per sasaran)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps import calculations as calc
from apps.organisations.models import StaffEselonCount
from apps.planning.models import Sasaran


def test_ketersediaan_sdm_is_tersedia_over_abk():
    assert calc.ketersediaan_sdm(18, 20).value == Decimal(90)  # seed 002 Tabel 3.12, F17
    assert round(calc.ketersediaan_sdm(22, 30).value, 2) == Decimal("73.33")
    assert calc.ketersediaan_sdm(None, 20).value is None
    assert calc.ketersediaan_sdm(4, 0).value is None  # refused at entry; blank, never a division by zero


def test_counts_by_sex_and_group():
    cells = [calc.SexCount(1, 0), calc.SexCount(4, 2), calc.SexCount(0, 1)]
    assert calc.sex_total(cells) == calc.SexCount(5, 3)
    assert calc.sex_total(cells).total == 8
    groups = calc.group_by_sex(cells, lambda c: "L" if c.male else "P")
    assert groups == {"L": calc.SexCount(5, 2), "P": calc.SexCount(0, 1)}


def test_an_eselon_row_of_nobody_is_refused():
    row = StaffEselonCount(eselon="IV/a", male=0, female=0)
    with pytest.raises(ValidationError) as exc:
        row.clean()
    assert "keduanya nol" in str(exc.value)


def test_abk_and_ketersediaan_go_together():
    with pytest.raises(ValidationError) as exc:
        Sasaran(abk=20, sdm_tersedia=None).clean()
    assert "bersama-sama" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        Sasaran(abk=0, sdm_tersedia=0).clean()
    assert "lebih dari nol" in str(exc.value)
    Sasaran(abk=None, sdm_tersedia=None).clean()
    Sasaran(abk=20, sdm_tersedia=18).clean()
