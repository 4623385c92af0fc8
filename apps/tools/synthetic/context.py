"""What every step of the synthetic kabupaten shares: its shape, the run (seeded generators, the row
counts, the rows later steps look up) and the small arithmetic of the draws."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.core.management.base import CommandError
from django.db import models

from apps.organisations.models import Organisation, Pemda

HUNDRED = Decimal(100)
ZERO = Decimal(0)

# One kecamatan's plan while it is being written: "org", "rng" (the kecamatan's own generator), then
# "renstra", "tujuan", "sasaran", "programs", "kegiatan", "sub_kegiatan", "specs" (each indicator with
# its drawn target), "agreement" and "program_budget" as the steps add them.
Plan = dict[str, Any]
ModelT = TypeVar("ModelT", bound=models.Model)


@dataclass(frozen=True)
class Shape:
    """How big each kecamatan's plan is (the defaults are issue 9's)."""

    iku: int = 8
    programs: int = 6
    kegiatan: int = 15
    sub_kegiatan: int = 40

    def validate(self) -> None:
        if self.iku < 1 or self.programs < 1:
            raise CommandError("Paling sedikit 1 IKU dan 1 program.")
        if not (self.programs <= self.kegiatan <= self.sub_kegiatan):
            raise CommandError("Harus program <= kegiatan <= sub kegiatan.")
        if self.programs > 99 or self.kegiatan > 99 * self.programs:
            raise CommandError("Terlalu banyak program/kegiatan untuk kode nomenklatur.")


@dataclass
class Summary:
    pemda: Pemda
    organisations: list[Organisation]
    counts: dict[str, int] = field(default_factory=dict)
    usernames: dict[str, list[str]] = field(default_factory=dict)
    budgets_app: bool = False


class Run:
    """One generation: its arguments, the kabupaten-wide generator, the rows written per model label,
    and the rows later steps need (each kecamatan's units, its operator)."""

    def __init__(self, *, kecamatan: int, year: int, seed: int, pemda_code: str, shape: Shape, password: str) -> None:
        self.n, self.year, self.seed, self.code, self.shape, self.password = kecamatan, year, seed, pemda_code, shape, password
        self.rng = random.Random(f"lkjip-{seed}-{pemda_code}")
        self.counts: dict[str, int] = {}
        self.units: dict[int, list[Any]] = {}
        self.operators: dict[int, Any] = {}

    def bulk(self, model: type[ModelT], rows: list[ModelT]) -> list[ModelT]:
        created: list[ModelT] = model.objects.bulk_create(rows, batch_size=2000)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def org_rng(self, org_index: int) -> random.Random:
        """A fresh generator of the ``org_index``-th kecamatan: each step that draws per kecamatan starts one."""
        return random.Random(f"lkjip-{self.seed}-{self.code}-{org_index}")


def share(plans: list[Plan], key: str, rows: list[Any], per_plan: int) -> None:
    """Hand ``rows`` (written plan by plan, ``per_plan`` each) back to their plans as ``p[key]``."""
    for i, p in enumerate(plans):
        p[key] = rows[i * per_plan : (i + 1) * per_plan]


def split(total: int, parts: int) -> list[int]:
    """``total`` items over ``parts`` groups as evenly as possible, larger groups first."""
    q, r = divmod(total, parts)
    return [q + (1 if i < r else 0) for i in range(parts)]


def hundredths(value: int) -> Decimal:
    return Decimal(value) / HUNDRED


def money_split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """``total`` rupiah over ``parts`` lines in multiples of Rp 1.000, summing exactly to ``total``."""
    weights = [rng.randint(5, 15) for _ in range(parts)]
    thousands = int(total / 1000)
    shares = [thousands * w // sum(weights) for w in weights]
    shares[-1] += thousands - sum(shares)
    return [Decimal(s * 1000) for s in shares]
