"""Tables of issue 17's "previous years, component indicators" area that BAB III adds beside the
capaian tables: the component indicators of a composite IKU (seed 002: IKM and IPP of IKPP). Figures
are read from the figures selector through :class:`Figures` (components: figures.compute, "unlisted")."""

from __future__ import annotations

from typing import Any

from apps import calculations as calc
from apps.calculations.bridge import plain
from apps.core.numbers import format_number_id

from ..document import Cell, Column, Table
from .cells import fig, num
from .report_figures import Figures


def component_tables(f: Figures, period_label: str) -> list[Table]:
    """``capaian-komponen``: target, realisasi and capaian of each component of the PK's composite
    indicators, measured against the PK's target when the PK lists it, else the Renstra's. None (an
    empty list) without a composite."""
    rows = [(item, c) for item in f.d.items for c in f.org.components(item)]
    if not rows:
        return []
    t = Table(
        "capaian-komponen",
        f"Capaian Indikator Komponen {period_label}",
        [
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", "number"),
            Column("Realisasi", "number"),
            Column("Capaian", "percent"),
            Column("Komponen dari"),
        ],
    )
    for item, c in rows:
        ind = c.indicator
        t.add(
            ind.name,
            ind.satuan,
            num(c.target, ind.precision),
            num(c.realised, ind.precision),
            fig(c.capaian, "capaian", f.d.convention),
            item.indicator.name,
        )
    return [t]


def service_score_tables(f: Figures, period_label: str) -> list[Table]:
    """``ikm-layanan`` (seed 002 §4.6, L776-L784): an indicator's value per jenis layanan of the year (entered in
    its "nilai per jenis layanan" page) and the row "<code> unit layanan", their unweighted mean (F14: 93,53),
    one table per indicator that has them."""
    by_indicator: dict[int, list[Any]] = {}
    for s in f.d.service_scores:
        by_indicator.setdefault(s.indicator_id, []).append(s)
    out = []
    for rows in by_indicator.values():
        ind = rows[0].indicator
        label = ind.code or "Nilai"
        t = Table(
            "ikm-layanan" if not out else f"ikm-layanan-{ind.pk}",
            f"{ind.name} per Jenis Layanan {period_label}",
            [Column("Jenis layanan"), Column(label, "number")],
            note=f"{label} unit layanan = rata-rata nilai seluruh jenis layanan (tanpa bobot).",
        )
        for s in rows:
            t.add(s.name, fig(s.value, "indeks", f.d.convention))
        mean = calc.rollup([s.value for s in rows], percent=False)
        t.footer = [Cell(f"{label} unit layanan", bold=True), fig(mean, "indeks", f.d.convention, bold=True)]
        out.append(t)
    return out


def aspect_tables(f: Figures, period_label: str) -> list[Table]:
    """``aspek-<code>`` (issue 18): the aspect table of each "indeks beraspek" indicator with scores in the year
    or the year before, printed beside the IKU it explains: per aspect its bobot and, per year, skor and nilai
    (skor x bobot), the summed nilai, the perhitungan aspek percentage if any and the index, which is the
    indicator's realisation of TW IV (calc.aspect_index, the one computation; apps.realisations.services)."""
    d = f.d
    by_indicator: dict[int, list[Any]] = {}
    for a in d.aspects:
        by_indicator.setdefault(a.indicator_id, []).append(a)
    scores = {(s.aspect_id, s.year): s.score for s in d.aspect_scores}
    index_rule = d.convention.rule("indeks")  # the index and its nilai print by the pemda's rounding (0,255 → 0,25 cut)
    out = []
    for aspects in by_indicator.values():
        ind = aspects[0].indicator
        scale = getattr(ind, "aspect_scale", None)
        years = [y for y in (d.year - 1, d.year) if any((a.pk, y) in scores for a in aspects)]
        if scale is None or d.year not in years and d.year - 1 not in years:
            continue
        results = {
            y: calc.aspect_index(
                [calc.AspectInput(a.name, a.weight, scores.get((a.pk, y))) for a in aspects],
                weight_total=scale.weight_total,
                score_range=(scale.score_min, scale.score_max),
                factor_percent=scale.factor_percent,
                places=ind.precision,
                rounding=index_rule.rounding,
            )
            for y in years
        }
        columns = [Column("No"), Column("Aspek"), Column("Bobot", "number")]
        for y in years:
            columns += [Column(f"Skor {y}", "number"), Column(f"Nilai {y}", "number")]
        notes = [f"Nilai = skor x bobot{' / 100' if scale.weight_total == 100 else ''}; {ind.code or 'indeks'} = jumlah nilai"]
        if scale.factor_percent is not None:
            notes[0] += f" x {format_number_id(plain(scale.factor_percent))} %"
        notes[0] += f". Skala skor {format_number_id(plain(scale.score_min))} s/d {format_number_id(plain(scale.score_max))}."
        notes += [line.strip() for line in scale.levels.splitlines() if line.strip()]
        t = Table(f"aspek-{ind.code or ind.pk}", f"Aspek {ind.name} {period_label}", columns, note=" ".join(notes))
        p = ind.precision
        for number, a in enumerate(aspects, start=1):
            cells: list[Any] = [str(number), a.name, num(a.weight, 2)]
            for y in years:
                row = results[y].rows[number - 1]
                cells += [num(row.score, 2), Cell(row.nilai, kind="number", places=p, rounding=index_rule.rounding)]
            t.add(*cells)
        if scale.factor_percent is not None:
            total: list[Any] = ["", "Jumlah nilai aspek", num(scale.weight_total, 2)]
            for y in years:
                total += ["", Cell(results[y].total, kind="number", places=p, rounding=index_rule.rounding)]
            t.add(*total, bold=True)
        footer = [Cell(""), Cell(ind.name, bold=True), Cell(None)]
        for y in years:
            footer += [Cell(None), Cell(results[y].index, kind="number", places=p, rounding=index_rule.rounding, bold=True)]
        t.footer = footer
        out.append(t)
    return out
