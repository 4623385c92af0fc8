"""Table layouts of BAB III and the lampiran (PermenPANRB 53/2014; docs/reports.md, "Outline"): what
the organisation achieved. Every figure in them is read from the figures selector through
:class:`Figures`; each function lays out one table, the chapters number and place them (sections.py)."""

from __future__ import annotations

from typing import Any

from apps import calculations as calc
from apps.budgets.codes import try_normalise
from apps.core.numbers import format_decimal_id
from apps.core.periods import QUARTERS, ROMAN
from apps.planning.models import Indicator

from ..document import Cell, Column, Table
from ..inputs import ReportInputs
from .cells import date_text, efficiency_cells, efficiency_columns, efficiency_note, fig, num, predikat_cell
from .report_figures import Figures

# The target vs realisasi tables of BAB III A.1, one per PK level: (key, title, label of the parent column, landscape,
# label of the average row).
CAPAIAN_TABLES = {
    "sasaran": ("capaian-iku", "Capaian Indikator Kinerja Sasaran", "Sasaran", False, "Rata-rata capaian indikator sasaran"),
    "program": ("capaian-program", "Capaian Indikator Program", "Program", True, "Rata-rata capaian indikator program"),
}


def capaian_table(f: Figures, level: str, period_label: str) -> Table:
    """Target, realisasi, capaian and predikat of the PK indicators of one level (sasaran or program), with the
    average row "Rata-rata" (capaian and its predikat; figures.compute: unclamped unless the scale clamps averages)."""
    key, title, parent_label, landscape, average_label = CAPAIAN_TABLES[level]
    t = Table(
        key,
        f"{title} {period_label}",
        [
            Column("No", "int"),
            Column(parent_label),
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", "number"),
            Column("Realisasi", "number"),
            Column("Capaian", "percent"),
            Column("Predikat"),
            *([Column(BASELINE_LABEL, "number")] if level == "sasaran" else [Column(SUPPORT_LABEL)]),
        ],
        landscape=landscape,
    )
    for n, item in enumerate(f.capaian_items(level), start=1):
        ind = item.indicator
        cap = f.capaian(item)
        t.add(
            n,
            f.parent_text(ind) if level == "sasaran" else f.program_name(ind.program_id),
            ind.name,
            ind.satuan,
            num(f.target(item), ind.precision),
            num(f.realised(ind), ind.precision),
            fig(cap, "capaian", f.d.convention),
            predikat_cell(f.predikat(cap), f.d.scale),
            baseline_cell(ind) if level == "sasaran" else Cell(ind.get_support_display() if ind.support else ""),
        )
    if t.rows:
        mean = f.org.sasaran_indicators_capaian if level == "sasaran" else f.org.program_indicators_capaian
        t.footer = [
            Cell(""),
            Cell(average_label, bold=True),
            *[Cell("") for _ in range(4)],
            fig(mean, "capaian", f.d.convention, bold=True),
            predikat_cell(f.predikat(mean) if mean is not None else None, f.d.scale, bold=True),
            Cell(""),
        ]
    if level == "program" and any(item.indicator.measurement == Indicator.Measurement.CAPAIAN for item in f.capaian_items(level)):
        t.note = "Indikator program yang dilaporkan sebagai capaian: realisasi = capaian (%) terhadap target 100 %."
    return with_excluded(t, f)


# Issue 18: the baseline each indicator's realisation is compared with, and a program's support of its sasaran.
BASELINE_LABEL = "Kondisi awal / target awal"
SUPPORT_LABEL = "Menunjang sasaran"


def baseline_cell(ind: Indicator) -> Cell:
    """The indicator's kondisi awal / target awal (Indicator.baseline_value, entered on the indicator form) at its places."""
    return num(ind.baseline_value, ind.precision)


def capaian_chart_rows(f: Figures) -> list[tuple[str, Any]]:
    """The bars of the capaian chart: the rows of the capaian tables, sasaran then program."""
    return [(item.indicator.name, f.capaian(item).value) for level in CAPAIAN_TABLES for item in f.items(level)]


def sasaran_table(f: Figures, period_label: str) -> Table:
    t = Table(
        "capaian-sasaran",
        f"Capaian Sasaran Strategis {period_label}",
        [Column("No", "int"), Column("Sasaran strategis"), Column("Capaian", "percent"), Column("Predikat")],
        note=clamp_note(f.d),
    )
    for n, (s, result, _items) in enumerate(f.sasaran_rollup(), start=1):
        t.add(n, s.text, fig(result, "capaian", f.d.convention), predikat_cell(f.predikat(result), f.d.scale))
    org_result = f.organisation_rollup()
    t.footer = [
        Cell(""),
        Cell("Rata-rata capaian sasaran", bold=True),
        fig(org_result, "capaian", f.d.convention, bold=True),
        predikat_cell(f.predikat(org_result), f.d.scale, bold=True),
    ]
    return with_excluded(t, f)


KLASIFIKASI_ROWS = (
    ("melebihi", "Melebihi/melampaui target"),
    ("sesuai", "Sesuai target"),
    ("tidak", "Tidak mencapai target"),
)


def klasifikasi_table(f: Figures, period_label: str) -> Table | None:
    """How many sasaran strategis exceed, meet or miss their target (figures.compute, ``klasifikasi``; seed 002
    Tabel 3.2 classifies them, Q23: the count, where the document prints the average). None without a measured
    sasaran."""
    k = f.org.klasifikasi
    if k is None or not f.org.sasaran:
        return None
    t = Table(
        "klasifikasi-sasaran",
        f"Klasifikasi Capaian Sasaran Strategis {period_label}",
        [Column("Kategori"), Column("Jumlah sasaran", "int")],
        note="Capaian sasaran dibandingkan dengan 100 % sebagaimana dicetak (2 desimal).",
    )
    for attr, label in KLASIFIKASI_ROWS:
        t.add(label, getattr(k, attr))
    if k.unmeasured:
        t.add("Belum dapat diukur", k.unmeasured)
    return t


def excluded_note(f: Figures) -> str:
    """The footnote of a table that averages, naming each indicator whose realisation is "belum tersedia" or
    "tidak dapat diukur" and why: it is blank and left out of the average (figures.OrganisationFigures.in_state)."""
    names = [f"«{x.indicator.name}» ({x.realised.reason})" for x in f.org.in_state]
    return f"Tidak dihitung dalam rata-rata: {'; '.join(names)}." if names else ""


def with_excluded(t: Table, f: Figures) -> Table:
    """``t`` with :func:`excluded_note` added to its note (unchanged when no indicator is in a state)."""
    note = excluded_note(f)
    if note:
        t.note = f"{t.note} {note}".strip()
    return t


def clamp_note(d: ReportInputs) -> str:
    if d.scale and d.scale.clamp:
        low, high = d.scale.clamp
        return f"Sebelum dirata-rata dan diberi predikat, capaian dibatasi {format_decimal_id(low, 0)}–{format_decimal_id(high, 0)} % ({d.scale.name})."
    return "Capaian dirata-rata apa adanya (tanpa pembatasan)."


def previous_years_table(f: Figures) -> Table:
    """Target, realisasi and capaian of each earlier year (Pemda.previous_years of them: the history entered
    in the indicators' riwayat form or the Renstra's targets) beside the year's, per reported indicator; an
    indicator discontinued before the year (Indicator.discontinued_after; seed 002 Tabel 3.4's three former
    sasaran II indicators, Q27) shows its earlier years only, marked as such."""
    y = f.d.year
    earlier = f.years[:-1]
    count = {1: "Satu", 2: "Dua", 3: "Tiga", 4: "Empat", 5: "Lima", 6: "Enam"}.get(len(earlier), str(len(earlier)))
    columns = [Column("Indikator"), Column("Satuan")]
    for year in f.years:
        columns += [Column(f"Target {year}", "number"), Column(f"Realisasi {year}", "number"), Column(f"Capaian {year}", "percent")]
    t = Table("tahun-sebelumnya", f"Perbandingan Realisasi Kinerja Tahun {y} dengan {count} Tahun Sebelumnya", columns, landscape=True)
    for item in f.history_items():
        ind = item.indicator
        name = ind.name if ind.measured_in(y) else f"{ind.name} (tidak diukur lagi sesudah {ind.discontinued_after})"
        cells: list[Any] = [name, ind.satuan]
        for year in earlier:
            target, _max = f.year_target(ind, year)
            cells += [
                num(target, ind.precision),
                num(f.realised(ind, year), ind.precision),
                fig(f.year_capaian(ind, year), "capaian", f.d.convention),
            ]
        cells += [num(f.target(item), ind.precision), num(f.realised(ind), ind.precision), fig(f.capaian(item), "capaian", f.d.convention)]
        t.add(*cells)
    return t


def progress_table(f: Figures) -> Table:
    """Realisation against the Renstra's end target per PK indicator, with the mean of the IKU (seed 002 Tabel 3.5
    "Rata-rata tingkat kemajuan")."""
    d = f.d
    t = Table(
        "tingkat-kemajuan",
        "Perbandingan Realisasi Kinerja dengan Target Akhir Periode Renstra",
        [
            Column("Indikator"),
            Column("Satuan"),
            Column("Target akhir periode", "number"),
            Column(f"Realisasi {d.year}", "number"),
            Column("Tingkat kemajuan", "percent"),
            Column(BASELINE_LABEL, "number"),
        ],
    )
    for item in f.reported_items():
        ind = item.indicator
        t.add(
            ind.name,
            ind.satuan,
            num(ind.end_target, ind.precision),
            num(f.realised(ind), ind.precision),
            fig(f.org.progress_of(item), "tingkat_kemajuan", f.d.convention),
            baseline_cell(ind),
        )
    if t.rows:
        t.footer = [
            Cell("Rata-rata tingkat kemajuan IKU", bold=True),
            *[Cell("") for _ in range(3)],
            fig(f.org.iku_progress, "tingkat_kemajuan", f.d.convention, bold=True),
            Cell(""),
        ]
    return with_excluded(t, f)


COMPARISON_LEVELS = ("kabupaten", "provinsi", "nasional")


def comparisons_table(f: Figures) -> Table:
    """The realisation against the kabupaten's, the province's and the national figure, and the gap to each
    (realisasi minus the comparison figure, at the indicator's precision; seed 002 §4.12: 74,64 − 64,23 = 10,41)."""
    d = f.d
    t = Table(
        "pembanding",
        f"Perbandingan Realisasi Kinerja Tahun {d.year} dengan Kabupaten, Provinsi dan Nasional",
        [
            Column("Indikator"),
            Column("Realisasi", "number"),
            Column("Kabupaten/Kota"),
            Column("Provinsi"),
            Column("Nasional"),
            *[Column(f"Selisih {level}", "number") for level in COMPARISON_LEVELS],
        ],
        landscape=True,
    )
    for item in d.items:
        ind = item.indicator
        by_level = {c.level: c for c in d.comparisons.get(ind.pk, [])}
        t.add(
            ind.name,
            num(f.realised(ind), ind.precision),
            *[_comparison_cell(by_level.get(level), ind) for level in COMPARISON_LEVELS],
            *[num(f.comparison_gap(ind, by_level.get(level)), ind.precision) for level in COMPARISON_LEVELS],
        )
    t.note = "«tidak tersedia»: data pembanding tidak ada atau belum dimasukkan. Selisih = realisasi − angka pembanding."
    return t


def peer_comparisons_table(f: Figures) -> Table | None:
    """The realisation against other perangkat daerah of the kabupaten (seed 003 Tabel 3.4: Klakah against
    Kedungjajang and Ranuyoso), one column per peer in the order first entered, then the gap to each
    (realisasi minus the peer's value, from unrounded operands); the IKU the PK does not list (the tujuan's IKM)
    included. None when no peer figure is entered."""
    d = f.d
    rows = [(item, {c.peer: c for c in d.comparisons.get(item.indicator_id, []) if c.level == "pd"}) for item in f.measured_items()]
    rows = [(item, peers) for item, peers in rows if peers]
    if not rows:
        return None
    names = list(dict.fromkeys(c.peer for c in sorted((c for _i, p in rows for c in p.values()), key=lambda c: c.pk)))
    t = Table(
        "pembanding-pd",
        f"Perbandingan Realisasi Kinerja Tahun {d.year} dengan Perangkat Daerah Lain",
        [
            Column("Indikator"),
            Column("Realisasi", "number"),
            *[Column(name) for name in names],
            *[Column(f"Selisih {name}", "number") for name in names],
        ],
        landscape=True,
    )
    for item, peers in rows:
        ind = item.indicator
        t.add(
            ind.name,
            num(f.realised(ind), ind.precision),
            *[_comparison_cell(peers.get(name), ind) for name in names],
            *[num(f.comparison_gap(ind, peers.get(name)), ind.precision) for name in names],
        )
    t.note = "Selisih = realisasi − nilai perangkat daerah pembanding."
    return t


def _comparison_cell(figure: Any, ind: Indicator) -> Cell:
    if figure is None or figure.not_available:
        return Cell("tidak tersedia")
    return num(figure.value, ind.precision)


def efficiency_table(f: Figures) -> Table | None:
    """Efisiensi per sasaran and of the organisation (figures.compute); None before the DPA is imported."""
    org, conv = f.org, f.d.convention
    if org.budget is None:
        return None
    t = Table(
        "efisiensi",
        "Efisiensi Penggunaan Anggaran per Sasaran",
        [Column("Sasaran"), *efficiency_columns(conv)],
        note=f"{efficiency_note(conv)} Baris Jumlah: rata-rata capaian sasaran dan serapan seluruh anggaran.",
        landscape=True,
    )
    for s in org.sasaran:
        node = s.budget
        t.add(
            s.sasaran.text,
            *efficiency_cells(
                conv,
                s.capaian,
                node.total_pagu() if node else None,
                node.total_realisasi() if node else None,
                s.serapan,
                s.efisiensi_selisih,
                s.efisiensi_rasio,
            ),
        )
    t.footer = [
        Cell("Jumlah", bold=True),
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


def support_table(f: Figures) -> Table:
    d = f.d
    t = Table(
        "pendukung",
        "Program dan Kegiatan Pendukung Sasaran",
        [Column("Sasaran"), Column("Program"), Column("Kegiatan"), Column("Anggaran PK (Rp)", "rupiah")],
        landscape=True,
    )
    served = {(program, sasaran) for program, _code, sasaran in d.program_links}
    for s in d.sasaran:
        programs = [p for p in d.programs if (p.pk, s.pk) in served]
        for p in programs:
            kegiatan = [k.name for k in d.kegiatan if k.program_id == p.pk]
            t.add(s.text, p.name, "; ".join(kegiatan) or "-", num(d.budgets.get(p.pk), 0, "rupiah"))
    return t


PENANGGUNG_JAWAB = "Penanggung jawab"


def _code(code: str) -> str:
    return try_normalise(code) or code


def penanggung_jawab(f: Figures) -> dict[tuple[calc.BudgetLevel, str], str]:
    """The penanggung jawab entered on the program, kegiatan and sub kegiatan forms (issue 18), by the level
    and the canonical code of the node (the DPA's codes are compared with the Renstra's in one form)."""
    d = f.d
    out: dict[tuple[calc.BudgetLevel, str], str] = {}
    for level, nodes in (
        (calc.BudgetLevel.PROGRAM, d.programs),
        (calc.BudgetLevel.KEGIATAN, d.kegiatan),
        (calc.BudgetLevel.SUB_KEGIATAN, d.sub_kegiatan),
    ):
        for node in nodes:
            if node.code and node.penanggung_jawab:
                out[(level, _code(node.code))] = node.penanggung_jawab
    return out


def level_name(level: calc.BudgetLevel) -> str:
    """A budget tree level as a table's "Tingkat" column prints it: "Program", "Sub kegiatan"."""
    return level.value.capitalize()


def penanggung_jawab_cell(names: dict[tuple[calc.BudgetLevel, str], str], node: calc.BudgetNode) -> Cell:
    return Cell(names.get((node.level, _code(node.code)), "") if node.code else "")


def budget_table(f: Figures) -> Table | None:
    """The DPA tree the period reads with pagu, realisasi, serapan and sisa; None before it is imported."""
    d = f.d
    total = f.budget_total()
    if total is None:
        return None
    t = Table(
        "anggaran",
        f"Realisasi Anggaran s/d Triwulan {ROMAN[d.upto]} Tahun {d.year}",
        [
            Column("Kode"),
            Column("Program / kegiatan / sub kegiatan"),
            Column("Pagu (Rp)", "rupiah"),
            Column("Realisasi (Rp)", "rupiah"),
            Column("Serapan", "percent"),
            Column("Sisa (Rp)", "rupiah"),
            Column(PENANGGUNG_JAWAB),
        ],
        landscape=True,
    )
    names = penanggung_jawab(f)
    for depth, node in total.walk():
        if node is total and len(d.budget_trees) > 1:
            continue
        t.add(
            Cell(node.code),
            node.name,
            fig(node.total_pagu(), "rupiah", d.convention),
            fig(node.total_realisasi(), "rupiah", d.convention),
            fig(node.serapan(), "serapan", d.convention),
            fig(node.sisa(), "rupiah", d.convention),
            penanggung_jawab_cell(names, node),
            indent=depth,
            bold=node.level in (calc.BudgetLevel.PROGRAM, calc.BudgetLevel.ORGANISASI),
            level=level_name(node.level),
        )
    t.footer = [
        Cell(""),
        Cell("Jumlah", bold=True),
        fig(total.total_pagu(), "rupiah", d.convention),
        fig(total.total_realisasi(), "rupiah", d.convention),
        fig(f.org.serapan, "serapan", d.convention),
        fig(total.sisa(), "rupiah", d.convention),
        Cell(""),
    ]
    return t


def follow_up_table(f: Figures) -> Table | None:
    """The follow-up of the recommendations of the year's SAKIP evaluation; None when none is recorded."""
    recs = f.d.recommendations
    if not recs:
        return None
    ev = recs[0].evaluation
    t = Table(
        "tindak-lanjut",
        f"Matriks Tindak Lanjut Hasil Evaluasi SAKIP Tahun {f.d.year}",
        [
            Column("No", "int"),
            Column("Rekomendasi"),
            Column("Rencana aksi"),
            Column("Hasil"),
            Column("Waktu"),
            Column("PJ"),
            Column("Status"),
        ],
        landscape=True,
        note=f"LHE {ev.lhe_number or '-'}" + (f", {date_text(ev.lhe_date)}" if ev.lhe_date else ""),
    )
    for r in recs:
        fu = getattr(r, "follow_up", None)
        state = fu.get_state_display() if fu else "Belum ditindaklanjuti"
        t.add(
            r.number,
            r.text,
            fu.rencana_aksi if fu else "-",
            fu.hasil if fu else "-",
            fu.waktu if fu else "-",
            fu.penanggung_jawab if fu else "-",
            state,
        )
    return t


def measurement_table(f: Figures) -> Table:
    """The lampiran's pengukuran kinerja: every PK indicator and every IKU the PK does not list (seed 003's
    tujuan-level IKM) quarter by quarter, s/d TW IV."""
    d = f.d
    t = Table(
        "pengukuran",
        f"Pengukuran Kinerja Tahun {d.year}",
        [
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", "number"),
            *[Column(f"TW {ROMAN[q]}", "number") for q in QUARTERS],
            Column("Realisasi", "number"),
            Column("Capaian", "percent"),
        ],
        landscape=True,
    )
    for item in f.measured_items():
        ind = item.indicator
        per_q = [num(f.values[d.year][ind.pk][q - 1], ind.precision) for q in QUARTERS]  # numbers in XLSX and JSON (issue 19)
        t.add(
            ind.name,
            ind.satuan,
            num(item.annual_target, ind.precision),
            *per_q,
            num(f.realised(ind, upto=4), ind.precision),
            fig(f.capaian(item, 4), "capaian", f.d.convention),
        )
    t.note = "Kolom TW I-IV: realisasi per triwulan sebagaimana dimasukkan; realisasi tahunan mengikuti aturan agregasi indikator."
    return t


def calculation_table(f: Figures) -> Table:
    """The lampiran's penghitungan (seed 003 L4 "Evaluasi Kinerja dan Penghitungan"): per IKU (the tujuan's
    included) its formula and the pembilang and penyebut behind its realisation s/d TW IV (calc.operands:
    an averaged indicator's sum of quarters over their number, a ratio's operands as entered with the
    realisation), then the hasil, the realisation the report measures."""
    d = f.d
    t = Table(
        "penghitungan",
        f"Penghitungan Realisasi Indikator Kinerja Utama Tahun {d.year}",
        [Column("Indikator"), Column("Formulasi"), Column("Pembilang", "number"), Column("Penyebut", "number"), Column("Hasil", "number")],
        landscape=True,
    )
    items = [i for i in f.measured_items() if i.indicator.is_iku] or [i for i in f.measured_items() if i.indicator.level == "sasaran"]
    for item in items:
        ind = item.indicator
        numerator, denominator = f.operands(ind)
        t.add(
            ind.name,
            ind.formula_text or "-",
            num(numerator, _places(numerator, ind.precision)),
            num(denominator, _places(denominator, ind.precision)),
            num(f.realised(ind, upto=4), ind.precision),
        )
    t.note = "Pembilang dan penyebut: jumlah dan banyaknya triwulan untuk indikator rata-rata; selain itu sebagaimana diisi bersama realisasinya."
    return t


def _places(result: calc.Result, places: int) -> int:
    """A whole operand (a count: 40 of 42) prints without decimals, any other at the indicator's precision."""
    value = result.value
    return 0 if value is not None and value == value.to_integral_value() else places


def efisiensi_anggaran_table(f: Figures) -> Table:
    """The efisiensi anggaran (100 − serapan, the unspent share of the pagu), when the pemda's report convention
    states it (issue 18)."""
    conv = f.d.convention
    t = Table(
        "efisiensi-anggaran",
        "Efisiensi Anggaran",
        [Column("Uraian"), Column("Serapan", "percent"), Column("Efisiensi anggaran", "percent")],
        note="Efisiensi anggaran = 100 − serapan: bagian pagu yang tidak terserap.",
    )
    serapan = f.org.serapan
    rule = conv.rule("efisiensi_anggaran")
    t.add("Jumlah", fig(serapan, "serapan", conv), fig(calc.efisiensi_anggaran(serapan, places=rule.places), "efisiensi_anggaran", conv))
    return t


def convention_table(f: Figures) -> Table:
    """The report's notes: the rules of the pemda's report convention this report was printed by (issue 18)."""
    conv, scale = f.d.convention, f.d.scale
    t = Table("konvensi-penyajian", "Konvensi Penyajian Angka", [Column("Aturan"), Column("Ketentuan")])
    for kind, label in calc.FIGURE_KINDS.items():
        t.add(label, conv.rule(kind).text)
    forms = {"selisih": "selisih (capaian − serapan)", "rasio": "rasio (capaian / serapan × 100)", "both": "selisih dan rasio"}
    t.add("Bentuk efisiensi yang dicetak", forms[conv.efisiensi_forms])
    t.add(
        "Efisiensi dihitung dari",
        "capaian dan serapan seperti dicetak" if conv.efisiensi_from_displayed else "nilai penuh capaian dan serapan",
    )
    t.add("Efisiensi anggaran (100 − serapan)", "dinyatakan" if conv.state_efisiensi_anggaran else "tidak dinyatakan")
    clamp = scale is not None and scale.clamp is not None and scale.clamp_averages
    t.add("Rata-rata capaian", "dibatasi sebelum dirata-rata (skala predikat)" if clamp else "dari nilai apa adanya")
    layouts = {calc.LAYOUT_PROGRAM_TREE: "pohon program > kegiatan > sub kegiatan", calc.LAYOUT_SASARAN: "dikelompokkan per sasaran"}
    t.add("Susunan tabel anggaran", layouts[conv.budget_layout])
    return t
