"""Staff counts (sumber daya aparatur, BAB I of the LKjIP) and the ketersediaan SDM against the analisis
beban kerja (BAB III, seed 002 Tabel 3.12).

A staff table counts people by sex (L, P) in groups (golongan, jenis jabatan, eselon, pendidikan); every
total is a sum of entered cells, never typed. Pure: plain values in, plain values out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar

from .capaian import percentage
from .results import Reason, Result

K = TypeVar("K", bound=Hashable)


class SexCounted(Protocol):
    @property
    def male(self) -> int: ...

    @property
    def female(self) -> int: ...


T_cell = TypeVar("T_cell", bound=SexCounted)


@dataclass(frozen=True)
class SexCount:
    """People counted by sex: laki-laki, perempuan and their sum."""

    male: int = 0
    female: int = 0

    @property
    def total(self) -> int:
        return self.male + self.female

    def __add__(self, other: SexCount) -> SexCount:
        return SexCount(self.male + other.male, self.female + other.female)


def sex_total(cells: Iterable[SexCounted]) -> SexCount:
    """The sum of the cells' L and P."""
    total = SexCount()
    for c in cells:
        total = total + SexCount(c.male, c.female)
    return total


def group_by_sex(cells: Iterable[T_cell], key: Callable[[T_cell], K]) -> dict[K, SexCount]:
    """The cells summed per group (``key`` of each cell), in the order the groups first occur."""
    groups: dict[K, SexCount] = {}
    for c in cells:
        k = key(c)
        groups[k] = groups.get(k, SexCount()) + SexCount(c.male, c.female)
    return groups


def ketersediaan_sdm(tersedia: int | None, abk: int | None) -> Result:
    """% ketersediaan SDM = ketersediaan / kebutuhan menurut ABK x 100 (seed 002 Tabel 3.12, F17:
    18 / 20 = 90,00 %). Blank when either is not entered; an ABK of zero is refused at entry."""
    return percentage(
        None if tersedia is None else Decimal(tersedia),
        None if abk is None else Decimal(abk),
        missing_numerator=Reason.MISSING_VALUE,
        missing_denominator=Reason.MISSING_VALUE,
    )
