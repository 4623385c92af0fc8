"""Summary tables of BAB III from figures the app already holds (issue 17): efisiensi per program, the
allocation of the pagu per sasaran, the nilai of the year's SAKIP evaluation and the Indeks RB. Every figure in them is
computed by the figures selector (apps.reports.figures) or the calculation module; each function lays out
one table, the chapters number and place them (sections.py). docs/reports.md, "Outline"."""

from __future__ import annotations

from decimal import Decimal

from apps import calculations as calc
from apps.core.numbers import format_decimal_id
from apps.performance.scales_catalogue import AKIP_COMPONENTS

from ..document import Cell, Column, Table
from ..evaluation import nilai_akip
from ..rb import rb_figures
from .cells import date_text, efficiency_cells, efficiency_columns, efficiency_note, fig, num, pct, predikat_cell
from .report_figures import Figures
from .result_tables import with_excluded


def efisiensi_program_table(f: Figures) -> Table | None:
    """Efisiensi per program (figures.compute): a program's capaian is the mean of its PK program indicators'
    capaian (seeds 001-003), its serapan that of its DPA program. A program with several indicators is followed
    by one row per indicator against the program's serapan (seed 003 Tabel 3.6). The row "Jumlah" is the
    organisation's, as in the table per sasaran. None before the DPA is imported."""
    org, conv = f.org, f.d.convention
    if org.budget is None:
        return None
    t = Table(
        "efisiensi-program",
        "Efisiensi Penggunaan Anggaran per Program",
        [Column("Program"), Column("Indikator program"), *efficiency_columns(conv)],
        note=f"Capaian program = rata-rata capaian indikator programnya dalam PK. {efficiency_note(conv)} Program dengan "
        "beberapa indikator diikuti satu baris per indikator terhadap serapan programnya. Baris Jumlah: rata-rata capaian "
        "sasaran dan serapan seluruh anggaran.",
        landscape=True,
    )
    for p in org.programs:
        node = p.budget
        n = len(p.indicators)
        indicator = p.indicators[0].indicator.name if n == 1 else (f"Rata-rata {n} indikator" if n else "-")
        t.add(
            p.name,
            indicator,
            *efficiency_cells(
                conv,
                p.capaian,
                node.total_pagu() if node else None,
                node.total_realisasi() if node else None,
                p.serapan,
                p.efisiensi_selisih,
                p.efisiensi_rasio,
            ),
            bold=n > 1,
            level="Program",
        )
        if n > 1:
            for figure, (selisih, rasio) in zip(p.indicators, p.indicator_efisiensi, strict=True):
                t.add(
                    p.name,
                    figure.indicator.name,
                    *efficiency_cells(conv, figure.capaian, Cell(""), Cell(""), p.serapan, selisih, rasio),
                    indent=1,
                    level="Indikator",
                )
    t.footer = [
        Cell("Jumlah", bold=True),
        Cell(""),
        *efficiency_cells(
            conv,
            org.capaian,
            org.budget.total_pagu(),
            org.budget.total_realisasi(),
            org.serapan,
            org.efisiensi_selisih,
            org.efisiensi_rasio,
            bold=True,
        ),
    ]
    return with_excluded(t, f)


def alokasi_sasaran_table(f: Figures) -> Table | None:
    """The pagu of the programs serving each sasaran and its share of the organisation's pagu (seed 002 Tabel 3.8
    "Alokasi Per Sasaran Pembangunan"), with the programs serving none of them when there are any; None before
    the DPA is imported."""
    org = f.org
    if org.budget is None or not org.sasaran:
        return None
    t = Table(
        "alokasi-sasaran",
        "Alokasi Anggaran per Sasaran",
        [Column("Sasaran"), Column("Pagu (Rp)", "rupiah"), Column("Alokasi (%)", "percent")],
        note="Alokasi = pagu program yang mendukung sasaran / pagu seluruh anggaran × 100.",
    )
    for s in org.sasaran:
        t.add(s.sasaran.text, num(s.budget.total_pagu() if s.budget else None, 0, "rupiah"), pct(s.alokasi))
    if org.unallocated is not None:
        t.add("Program yang tidak terkait sasaran", num(org.unallocated.total_pagu(), 0, "rupiah"), pct(org.unallocated_share))
    total = org.budget.total_pagu()
    t.footer = [
        Cell("Jumlah", bold=True),
        Cell(total, kind="rupiah", places=0, bold=True),
        Cell(calc.percentage(total, total), kind="percent", places=2, bold=True),
    ]
    return t


def efisiensi_sdm_table(f: Figures) -> Table | None:
    """Ketersediaan SDM per sasaran against the analisis beban kerja (seed 002 Tabel 3.12): the staff each sasaran
    needs (ABK) and has, and % ketersediaan = ketersediaan / ABK x 100 (calc.ketersediaan_sdm); the row "Jumlah"
    sums both and divides the sums (22 / 30 = 73,33 %). None when no sasaran has its ABK entered."""
    rows = [s for s in f.d.sasaran if s.abk is not None]
    if not rows:
        return None
    t = Table(
        "efisiensi-sdm",
        "Ketersediaan Sumber Daya Manusia terhadap Analisis Beban Kerja",
        [Column("Sasaran"), Column("Kebutuhan SDM (ABK)", "int"), Column("Ketersediaan SDM", "int"), Column("% ketersediaan", "percent")],
        note="% ketersediaan = ketersediaan SDM / kebutuhan SDM menurut analisis beban kerja (ABK) × 100.",
    )
    for s in rows:
        t.add(s.text, Cell(s.abk, kind="int"), Cell(s.sdm_tersedia, kind="int"), pct(calc.ketersediaan_sdm(s.sdm_tersedia, s.abk)))
    abk = sum(s.abk for s in rows)
    tersedia = sum(s.sdm_tersedia or 0 for s in rows)
    t.footer = [
        Cell("Jumlah", bold=True),
        Cell(abk, kind="int", bold=True),
        Cell(tersedia, kind="int", bold=True),
        Cell(calc.ketersediaan_sdm(tersedia, abk), kind="percent", places=2, bold=True),
    ]
    return t


def nilai_sakip_table(f: Figures) -> Table | None:
    """The year's SAKIP evaluation (LHE): the four components of PermenPANRB 88/2021 with their bobot, nilai and
    nilai / bobot x 100, and the row "Jumlah" with the nilai AKIP and its predikat on the pemda's AKIP scale (seed
    002 Tabel 1.3: 74,64, "BB (Sangat Baik)"). An LHE that scores each component by LKE and evaluasi lapangan
    (seed 002) adds those two columns, each with its sum on the row "Jumlah" (77,81 and 42,87). An LHE that states
    only its nilai (seed 001: 70,88, "BB") has the row "Jumlah" alone. None when no evaluation is recorded."""
    ev = f.d.evaluation
    if ev is None:
        return None
    scores = ev.scores()
    total = nilai_akip(ev)
    scale = f.d.akip_scale
    band = calc.categorise(scale, total, places=2) if scale is not None else None
    split = ev.has_lke()
    lke, lapangan = ev.lke_scores(), ev.lapangan_scores()
    extra = [Column("LKE", "number"), Column("Evaluasi lapangan", "number")] if split else []
    note = (f"LHE {ev.lhe_number}. " if ev.lhe_number else "") + "Capaian bobot = nilai / bobot × 100."
    if split:
        note += (
            f" Nilai = {format_decimal_id(calc.LKE_SHARE, 1)} × LKE + {format_decimal_id(calc.LAPANGAN_SHARE, 1)} × evaluasi "
            "lapangan (tanpa evaluasi lapangan: nilai = LKE), dibulatkan 2 desimal."
        )
    t = Table(
        "nilai-sakip",
        f"Hasil Evaluasi SAKIP Tahun {ev.year}",
        [Column("Komponen"), Column("Bobot", "number"), *extra, Column("Nilai", "number"), Column("Capaian bobot", "percent"),
         Column("Predikat")],
        note=note,
    )  # fmt: skip
    if any(v is not None for v in scores.values()):
        for c in AKIP_COMPONENTS:
            value = scores[c.code]
            split_cells = [num(lke[c.code]), num(lapangan[c.code])] if split else []
            t.add(c.label, num(c.weight), *split_cells, num(value), pct(calc.percentage(value, c.weight)), Cell(""))
    weight = sum((c.weight for c in AKIP_COMPONENTS), Decimal(0))
    split_total = (
        [Cell(calc.score_total(list(lke.values())), kind="number", places=2, bold=True),
         Cell(calc.score_total(list(lapangan.values())), kind="number", places=2, bold=True)]
        if split else []
    )  # fmt: skip
    t.footer = [
        Cell("Jumlah", bold=True),
        Cell(weight, kind="number", places=2, bold=True),
        *split_total,
        fig(total, "indeks", f.d.convention, bold=True),
        Cell(calc.percentage(total.value, weight), kind="percent", places=2, bold=True),
        predikat_cell(band, scale, bold=True),
    ]
    return t


def nilai_rb_table(f: Figures) -> Table | None:
    """The year's Reformasi Birokrasi evaluation (seed 002 Tabel 1.4): each component with its bobot and nilai
    (a group's nilai is the sum of its children's, apps.reports.rb.rb_figures), then the row "Indeks Reformasi
    Birokrasi" with the index and its predikat on the pemda's RB scale. The index is the one the evaluation letter
    states when the Inspektorat entered it (seed 002: 74,90), else the sum of the components; the note says when
    the two differ (seed 002: the printed components add to 74,89, seed notes 002 Q11). None when no RB
    evaluation is recorded."""
    ev = f.d.rb_evaluation
    if ev is None:
        return None
    figures = rb_figures(ev, f.d.rb_components)
    scale = f.d.rb_scale
    band = calc.categorise(scale, figures.indeks, places=2) if scale is not None else None
    letter = ", ".join(x for x in (ev.letter_number, date_text(ev.letter_date) if ev.letter_date else "") if x)
    notes = ["Nilai komponen utama = jumlah nilai rinciannya."] if any(r.child for r in figures.rows) else []
    if figures.entered:
        notes.append(f"Indeks RB sebagaimana surat hasil evaluasi{f' ({letter})' if letter else ''}.")
        computed = figures.computed.value
        if computed is not None and figures.indeks.value is not None and computed != figures.indeks.value:
            notes.append(
                f"Jumlah nilai komponen yang tercantum {format_decimal_id(computed, 2)}, berbeda dari indeks dalam surat "
                f"({format_decimal_id(figures.indeks.value, 2)}): selisih pembulatan nilai komponen."
            )
    elif letter:
        notes.append(f"Surat hasil evaluasi: {letter}. Indeks RB = jumlah nilai komponen utama.")
    t = Table(
        "nilai-rb",
        f"Hasil Evaluasi Reformasi Birokrasi Tahun {ev.year}",
        [Column("Komponen"), Column("Bobot (%)", "number"), Column("Nilai", "number"), Column("Predikat")],
        note=" ".join(notes),
    )
    number = 0
    for row in figures.rows:
        if row.child:
            t.add(row.name, num(row.bobot), num(row.nilai), Cell(""), indent=1, level="Sub komponen")
        else:
            number += 1
            t.add(f"{number}. {row.name}", num(row.bobot), num(row.nilai), Cell(""), bold=True, level="Komponen")
    t.footer = [
        Cell("Indeks Reformasi Birokrasi", bold=True),
        Cell(figures.bobot if figures.rows else None, kind="number", places=2, bold=True),
        fig(figures.indeks, "indeks", f.d.convention, bold=True),
        predikat_cell(band, scale, bold=True),
    ]
    return t


def efisiensi_sarpras_table(f: Figures) -> Table | None:
    """Efisiensi sarana dan prasarana (seed 002 "Tabel. 3.1.2"): per item the hasil rekon BMD against the standar
    kebutuhan and their ratio (calc.stock_ratio; a ratio, not a percentage), and the row "Jumlah" with the ratio
    of the totals (340 / 359 = 0,95). None when no item is entered for the year."""
    items = f.d.sarpras
    if not items:
        return None
    t = Table(
        "efisiensi-sarpras",
        "Efisiensi Sarana dan Prasarana",
        [Column("No", "number"), Column("Uraian"), Column("Hasil rekon", "number"), Column("Standar kebutuhan", "number"),
         Column("Tingkat efisiensi", "number")],
        note="Tingkat efisiensi = hasil rekon / standar kebutuhan (rasio). Baris Jumlah: jumlah hasil rekon / jumlah "
        "standar kebutuhan.",
    )  # fmt: skip
    for item in items:
        t.add(num(item.number, 0), item.uraian, num(item.hasil, 0), num(item.standar, 0), num(calc.stock_ratio(item.hasil, item.standar)))
    hasil, standar, ratio = calc.stock_totals([(i.hasil, i.standar) for i in items])
    t.footer = [
        Cell(""),
        Cell("Jumlah", bold=True),
        Cell(hasil, kind="number", places=0, bold=True),
        Cell(standar, kind="number", places=0, bold=True),
        Cell(ratio, kind="number", places=2, bold=True),
    ]
    return t
