"""Four quarters of realisations per indicator (with link evidence for the PK indicators), two earlier
years' TW IV values of the sasaran indicators, and a kabupaten comparison figure per IKU."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from apps.core.numbers import quantize
from apps.planning.models import ComparisonFigure, Indicator
from apps.realisations.models import Evidence, Realisation
from apps.tools.synthetic.context import HUNDRED, ZERO, Plan, Run


def _quarters(ind: Indicator, annual: Decimal) -> list[Decimal]:
    """Per-quarter values whose aggregate s/d TW IV is ``annual``; latest values climb towards it."""
    if ind.aggregation == Indicator.Aggregation.CUMULATIVE_SUM:
        first = [quantize(annual * w / HUNDRED, ind.precision) for w in (20, 25, 25)]
        return [*first, annual - sum(first, ZERO)]
    return [quantize(annual * pct / HUNDRED, ind.precision) for pct in (70, 80, 90)] + [annual]


def realisations(run: Run, plans: list[Plan]) -> None:
    year = run.year
    rows: list[Realisation] = []
    evidence_for: list[tuple[Realisation, dict[str, Any]]] = []
    comparisons = []
    for p in plans:
        rng, operator, slug = p["rng"], run.operators[p["org"].pk], p["org"].slug
        for spec in p["specs"]:
            ind, target = spec["indicator"], spec["target"]
            if spec.get("composite"):
                continue
            factor = Decimal(rng.randint(85, 112))
            if ind.direction == Indicator.Direction.LOWER_BETTER:
                factor = Decimal(200) - factor  # lower is better: 88-115 % of the target
            annual = quantize(target * factor / HUNDRED, ind.precision)
            if ind.satuan == "%":
                annual = min(annual, HUNDRED)
            below = (annual < target) if ind.direction == Indicator.Direction.HIGHER_BETTER else (annual > target)
            explained = not below or rng.randint(1, 10) > 1  # one shortfall in ten is left unexplained
            for q, value in enumerate(_quarters(ind, annual), start=1):
                r = Realisation(
                    indicator=ind,
                    year=year,
                    quarter=q,
                    value=value,
                    revision=1,
                    updated_by=operator,
                    source_document=f"Laporan Triwulan {q} Tahun {year} Kecamatan {p['org'].name}",
                    source_date=dt.date(year, 3 * q, 28),
                    source_issuer=f"Kecamatan {p['org'].name}",
                    faktor_pendukung="" if below else "Dukungan aparatur desa dan partisipasi masyarakat",
                    faktor_penghambat="Keterbatasan anggaran dan sumber daya manusia" if below and explained else "",
                    solusi="Optimalisasi koordinasi lintas sektor dan pendampingan desa" if below and explained else "",
                )
                rows.append(r)
                if spec.get("in_pk"):
                    evidence_for.append((r, {"slug": slug, "code": ind.code or f"i{ind.order}", "q": q}))
            if ind.level == "sasaran":
                for back in (1, 2):
                    old = quantize(target * Decimal(rng.randint(85, 105)) / HUNDRED, ind.precision)
                    rows.append(Realisation(indicator=ind, year=year - back, quarter=4, value=old, revision=1, updated_by=operator))
                if ind.is_iku:
                    kab = quantize(target * Decimal(rng.randint(90, 105)) / HUNDRED, ind.precision)
                    comparisons.append(
                        ComparisonFigure(
                            indicator=ind, year=year, level=ComparisonFigure.Level.KABUPATEN, value=kab, source="BPS Kabupaten Sintetis"
                        )
                    )
    run.bulk(Realisation, rows)
    run.bulk(
        Evidence,
        [
            Evidence(
                realisation=r,
                kind=Evidence.Kind.LINK,
                description=f"Laporan triwulan {e['q']}",
                url=f"https://dokumen.example.go.id/{e['slug']}/{year}/tw{e['q']}/{e['code']}",
                uploaded_by=r.updated_by,
            )
            for r, e in evidence_for
        ],
    )
    run.bulk(ComparisonFigure, comparisons)
