"""Builds the report Document from ReportInputs: every figure comes from the calculation module.

Annual LKjIP outline: DOMAIN.md section 7 (PermenPANRB 53/2014). Quarterly report: seed
004's "s/d Triwulan n" shape. Narratives are the stored text or, when none is stored yet,
a draft generated from the figures below (marked as a draft on screen).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import formats

from apps import calculations as calc
from apps.calculations import bridge
from apps.core.numbers import format_decimal_id, format_percent, format_rupiah
from apps.core.periods import QUARTERS, ROMAN
from apps.organisations.validators import format_nip
from apps.planning.models import Indicator

from . import charts, figures
from .document import (
    BulletList,
    Cell,
    Column,
    Document,
    Figure,
    Narrative,
    Numbering,
    Paragraph,
    Section,
    Signature,
    Table,
)
from .inputs import ReportInputs
from .models import Period


class Figures:
    """The document's view of the figures of its organisation-period (apps.reports.figures, where each
    figure is defined), with the values of the two previous years that only the report shows."""

    def __init__(self, data: ReportInputs) -> None:
        self.d = data
        self.org = figures.compute(data)
        self.values = {
            y: bridge.quarter_values(data.measured, data.realisations.get(y, {})) for y in (data.year - 2, data.year - 1, data.year)
        }
        self.sasaran_by_pk = {s.pk: s for s in data.sasaran}
        self.program_by_pk = {p.pk: p for p in data.programs}

    def realised(self, ind: Indicator, year: int | None = None, upto: int | None = None) -> calc.Result:
        year = year or self.d.year
        return bridge.aggregate(ind, self.values[year][ind.pk], upto or (self.d.upto if year == self.d.year else 4))

    def figure(self, item: Any, upto: int | None = None) -> figures.IndicatorFigure:
        """The PK item's figure s/d the report's quarter (or s/d ``upto``, by the same rule)."""
        if upto is None or upto == self.d.upto:
            return self.org.of(item)
        return bridge.indicator_figure(item, self.values[self.d.year][item.indicator_id], upto, self.d.scale)

    def target(self, item: Any, upto: int | None = None) -> Decimal | None:
        return self.figure(item, upto).target

    def capaian(self, item: Any, upto: int | None = None) -> calc.Result:
        return self.figure(item, upto).capaian

    def predikat(self, result: calc.Result) -> calc.Band | None:
        return bridge.predikat(self.d.scale, result)

    def realisation_row(self, ind: Indicator, quarter: int | None = None) -> Any:
        return self.d.realisations.get(self.d.year, {}).get(ind.pk, {}).get(quarter or self.d.upto)

    def items(self, level: str) -> list[Any]:
        return [i for i in self.d.items if i.indicator.level == level]

    def sasaran_rollup(self) -> list[tuple[Any, calc.Result, list[Any]]]:
        """Capaian per sasaran (figures.compute): the (weighted) mean of its PK indicators."""
        return [(s.sasaran, s.capaian, [f.item for f in s.indicators]) for s in self.org.sasaran]

    def organisation_rollup(self) -> calc.Result:
        return self.org.capaian

    def iku_items(self) -> list[Any]:
        return [i for i in self.d.items if i.indicator.is_iku] or self.items("sasaran")

    def budget_total(self) -> calc.BudgetNode | None:
        return self.org.budget

    def pk_budget_total(self) -> calc.Result:
        return _sum(list(self.d.budgets.values()))


def _sum(values: list[Decimal | None]) -> calc.Result:
    node = calc.BudgetNode(
        code="",
        name="",
        level=calc.BudgetLevel.ORGANISASI,
        children=tuple(calc.BudgetNode(code=str(n), name="", level=calc.BudgetLevel.PROGRAM, pagu=v) for n, v in enumerate(values)),
    )
    total = node.total_pagu()
    return calc.Result.of(total, "jumlah anggaran program") if total is not None else calc.Result.blank(calc.Reason.NO_VALUES)


def _num(value: Any, places: int = 2, kind: str = "number") -> Cell:
    return Cell(value, places=places, kind=kind)


def _pct(value: Any) -> Cell:
    return Cell(value, places=2, kind="percent")


def _predikat_cell(band: calc.Band | None) -> Cell:
    return Cell(f"{band.code} ({band.label})" if band and band.code else (band.label if band else "-"), colour=band.colour if band else "")


def _date_text(day: Any) -> str:
    return formats.date_format(day, "j F Y")


def build_document(data: ReportInputs, period: str) -> Document:
    f = Figures(data)
    org = data.organisation
    annual = period == Period.ANNUAL
    if annual:
        title = f"Laporan Kinerja Instansi Pemerintah (LKjIP) {org.display_name} Tahun {data.year}"
        period_label = f"Tahun {data.year}"
    else:
        title = f"Laporan Evaluasi Kinerja {org.display_name} s/d Triwulan {ROMAN[data.upto]} Tahun {data.year}"
        period_label = f"s/d Triwulan {ROMAN[data.upto]} Tahun {data.year}"
    doc = Document(
        title=title,
        cover_title="Laporan Kinerja Instansi Pemerintah (LKjIP)"
        if annual
        else f"Laporan Evaluasi Kinerja s/d Triwulan {ROMAN[data.upto]}",
        organisation=org.display_name,
        pemda=str(org.pemda),
        year=data.year,
        period=period,
        period_label=period_label,
        place=org.place,
        date_text=_date_text(data.day),
        logo_path=org.logo.path if org.logo else (org.pemda.logo.path if org.pemda.logo else ""),  # the kecamatan's, else the pemda's
    )
    numbering = Numbering()
    signature = _signature(data)
    drafts = Drafts(f)

    def narrative(key: str) -> Narrative:
        stored = data.narratives.get(key, "").strip()
        return Narrative(key=key, text=stored or drafts.get(key), is_draft=not stored)

    front = [
        Section("kata-pengantar", "", "Kata Pengantar", 1, [narrative("kata_pengantar"), signature], page_break=True),
    ]
    if annual:
        front.append(Section("ikhtisar", "", "Ikhtisar Eksekutif", 1, [narrative("ikhtisar")], page_break=True))
    doc.sections.extend(front)
    doc.sections.append(_bab1(f, numbering, narrative, annual))
    doc.sections.append(_bab2(f, numbering, annual))
    doc.sections.append(_bab3(f, numbering, narrative, annual))
    doc.sections.append(
        Section(
            "bab-4",
            "BAB IV",
            "Penutup",
            1,
            page_break=True,
            children=[
                Section("kesimpulan", "A.", "Kesimpulan", 2, [narrative("kesimpulan")]),
                Section("saran", "B.", "Saran", 2, [narrative("saran"), signature]),
            ],
        )
    )
    if annual:
        doc.sections.append(_lampiran(f, numbering))
    return doc


def _signature(data: ReportInputs) -> Signature:
    a = data.camat
    if a is None:
        return Signature(
            place=data.organisation.place,
            date_text=_date_text(data.day),
            title="Camat",
            name="(pejabat belum tercatat)",
            pangkat="",
            nip="",
        )
    return Signature(
        place=data.organisation.place,
        date_text=_date_text(data.day),
        title=a.signature_title.upper(),
        name=a.official.name,
        pangkat=a.official.pangkat_display,
        nip=format_nip(a.official.nip) if a.official.nip else "",
    )


def _bab1(f: Figures, numbering: Numbering, narrative: Any, annual: bool) -> Section:
    d = f.d
    units = Table(
        "struktur",
        "Unit Kerja " + d.organisation.display_name,
        [Column("No", "int"), Column("Unit kerja"), Column("Jenis"), Column("Di bawah")],
    )
    by_pk = {u.pk: u for u in d.units}
    for n, u in enumerate(d.units, start=1):
        parent = by_pk.get(u.parent_id)
        units.add(n, u.name, u.get_kind_display(), parent.name if parent else "-")
    children = [
        Section("latar-belakang", "A.", "Latar Belakang", 2, [narrative("latar_belakang")]),
        Section(
            "struktur-organisasi",
            "B.",
            "Struktur Organisasi, Tugas dan Fungsi",
            2,
            [
                Paragraph(d.organisation.legal_basis or "Dasar hukum susunan organisasi belum diisi."),
                numbering.table("1", units),
                *([BulletList([f"{u.name}: {u.duties}" for u in d.units if u.duties])] if any(u.duties for u in d.units) else []),
            ],
        ),
    ]
    if d.staff is not None:
        staff = Table(
            "sdm",
            "Komposisi Pegawai " + d.organisation.display_name,
            [
                Column("Golongan"),
                Column("Pendidikan"),
                Column("Jenis jabatan"),
                Column("L", "int"),
                Column("P", "int"),
                Column("Jumlah", "int"),
            ],
            subtitle="per " + _date_text(d.staff.as_of),
            note=("Sumber: " + d.staff.source) if d.staff.source else "",
        )
        male = female = 0
        for c in d.staff.counts.all():
            staff.add(
                c.get_golongan_display() or "-",
                c.get_pendidikan_display() or "-",
                c.get_jabatan_display() or "-",
                c.male,
                c.female,
                c.male + c.female,
            )
            male, female = male + c.male, female + c.female
        staff.footer = [
            Cell("Jumlah", bold=True),
            Cell(""),
            Cell(""),
            Cell(male, kind="int", bold=True),
            Cell(female, kind="int", bold=True),
            Cell(male + female, kind="int", bold=True),
        ]
        children.append(Section("sdm", "C.", "Sumber Daya Aparatur", 2, [numbering.table("1", staff)]))
    if annual:
        children.append(Section("isu-strategis", "D." if d.staff else "C.", "Isu Strategis", 2, [narrative("isu_strategis")]))
    return Section("bab-1", "BAB I", "Pendahuluan", 1, children=children, page_break=True)


def _bab2(f: Figures, numbering: Numbering, annual: bool) -> Section:
    d = f.d
    children = []
    if annual:
        ts = Table(
            "tujuan-sasaran",
            "Tujuan, Sasaran dan Indikator Kinerja",
            [
                Column("Tujuan"),
                Column("Sasaran"),
                Column("Indikator"),
                Column("Satuan"),
                Column("Target " + str(d.year), "number"),
                Column("Target akhir periode", "number"),
            ],
        )
        for t in d.tujuan:
            for s in [s for s in d.sasaran if s.tujuan_id == t.pk]:
                for ind in [i for i in d.indicators if i.level == "sasaran" and i.sasaran_id == s.pk]:
                    tgt = d.targets.get((ind.pk, d.year))
                    ts.add(
                        t.text,
                        s.text,
                        ind.name,
                        ind.satuan,
                        _num(tgt.value if tgt else None, ind.precision),
                        _num(ind.end_target, ind.precision),
                    )
        iku = Table(
            "iku",
            "Indikator Kinerja Utama",
            [Column("No", "int"), Column("Sasaran"), Column("IKU"), Column("Formulasi"), Column("Sumber data"), Column("Penanggung jawab")],
            landscape=True,
        )
        for n, ind in enumerate([i for i in d.indicators if i.is_iku], start=1):
            s = f.sasaran_by_pk.get(ind.sasaran_id)
            iku.add(
                n,
                s.text if s else "-",
                ind.name,
                ind.formula_text or ind.composite_expression or "-",
                ind.data_source or "-",
                ind.responsible_unit.name if ind.responsible_unit else "-",
            )
        children.append(Section("renstra", "A.", "Rencana Strategis", 2, [numbering.table("2", ts), numbering.table("2", iku)]))
        renja = _renja_table(f)
        children.append(Section("renja", "B.", f"Rencana Kinerja Tahun {d.year}", 2, [numbering.table("2", renja)], landscape=True))
    pk_a, pk_b = _pk_tables(f)
    if d.agreement is None:
        blocks: list[Any] = [Paragraph(f"Perjanjian Kinerja tahun {d.year} belum dibuat.")]
    else:
        blocks = [
            Paragraph(
                f"{d.agreement} ditandatangani pada {_date_text(d.agreement.signing_date) if d.agreement.signing_date else '(tanggal belum diisi)'}."
            ),
            numbering.table("2", pk_a),
            numbering.table("2", pk_b),
        ]
    children.append(Section("pk", "C." if annual else "A.", "Perjanjian Kinerja", 2, blocks))
    return Section("bab-2", "BAB II", "Perencanaan Kinerja", 1, children=children, page_break=True)


def _renja_table(f: Figures) -> Table:
    d = f.d
    t = Table(
        "renja",
        f"Program, Kegiatan, Sub Kegiatan dan Indikator Tahun {d.year}",
        [Column("Kode"), Column("Program / kegiatan / sub kegiatan"), Column("Indikator"), Column("Satuan"), Column("Target", "number")],
        landscape=True,
    )
    inds: dict[tuple[str, int], list[Indicator]] = {}
    for ind in d.indicators:
        if ind.level in ("program", "kegiatan", "sub_kegiatan"):
            inds.setdefault((ind.level, getattr(ind, f"{ind.level}_id")), []).append(ind)

    def rows(level: str, node: Any, indent: int) -> None:
        mine = inds.get((level, node.pk), [])
        name = node.name
        if not mine:
            t.add(Cell(node.code), name, "-", "", Cell(None), indent=indent, bold=level == "program")
        for n, ind in enumerate(mine):
            tgt = d.targets.get((ind.pk, d.year))
            t.add(
                Cell(node.code if n == 0 else ""),
                name if n == 0 else "",
                ind.name,
                ind.satuan,
                _num(tgt.value if tgt else None, ind.precision),
                indent=indent,
                bold=level == "program",
            )

    for p in sorted(d.programs, key=lambda p: (p.order, p.code)):
        rows("program", p, 0)
        for k in sorted([k for k in d.kegiatan if k.program_id == p.pk], key=lambda k: (k.order, k.code)):
            rows("kegiatan", k, 1)
            for sk in sorted([s for s in d.sub_kegiatan if s.kegiatan_id == k.pk], key=lambda s: (s.order, s.code)):
                rows("sub_kegiatan", sk, 2)
    return t


def _pk_tables(f: Figures) -> tuple[Table, Table]:
    d = f.d
    a = Table(
        "pk-sasaran",
        f"Perjanjian Kinerja Tahun {d.year}: Sasaran Strategis dan Indikator",
        [Column("No", "int"), Column("Sasaran strategis"), Column("Indikator kinerja"), Column("Satuan"), Column("Target", "number")],
    )
    for n, item in enumerate(f.items("sasaran"), start=1):
        s = f.sasaran_by_pk.get(item.indicator.sasaran_id)
        a.add(n, s.text if s else "-", item.indicator.name, item.indicator.satuan, _num(item.annual_target, item.indicator.precision))
    b = Table(
        "pk-program",
        f"Perjanjian Kinerja Tahun {d.year}: Program, Target Triwulan dan Anggaran",
        [
            Column("No", "int"),
            Column("Program"),
            Column("Indikator program"),
            Column("Target", "number"),
            *[Column(f"TW {ROMAN[q]}") for q in QUARTERS],
            Column("Anggaran (Rp)", "rupiah"),
        ],
        landscape=True,
        note="Target triwulan kumulatif (s/d triwulan); «%» berarti persen dari target tahunan.",
    )
    seen: set[int] = set()
    for n, item in enumerate(f.items("program"), start=1):
        p = f.program_by_pk.get(item.indicator.program_id)
        tw = [
            Cell(format_decimal_id(v, 2) + (" %" if item.quarter_mode == "percent" else "") if v is not None else "-")
            for v in item.quarter_targets()
        ]
        amount = d.budgets.get(p.pk) if p and p.pk not in seen else None
        if p:
            seen.add(p.pk)
        b.add(
            n, p.name if p else "-", item.indicator.name, _num(item.annual_target, item.indicator.precision), *tw, _num(amount, 0, "rupiah")
        )
    total = f.pk_budget_total()
    b.footer = [Cell("Jumlah", bold=True), *[Cell("") for _ in range(7)], Cell(total, places=0, kind="rupiah", bold=True)]
    return a, b


def _bab3(f: Figures, numbering: Numbering, narrative: Any, annual: bool) -> Section:
    d = f.d
    upto = d.upto
    s_label = f"s/d TW {ROMAN[upto]}" if not annual else str(d.year)
    children: list[Section] = []
    # 1. Target vs realisasi
    t1 = Table(
        "capaian-iku",
        f"Capaian Indikator Kinerja Sasaran {s_label}",
        [
            Column("No", "int"),
            Column("Sasaran"),
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", "number"),
            Column("Realisasi", "number"),
            Column("Capaian", "percent"),
            Column("Predikat"),
        ],
    )
    chart_rows = []
    for n, item in enumerate(f.items("sasaran"), start=1):
        ind = item.indicator
        s = f.sasaran_by_pk.get(ind.sasaran_id)
        cap = f.capaian(item)
        t1.add(
            n,
            s.text if s else "-",
            ind.name,
            ind.satuan,
            _num(f.target(item), ind.precision),
            _num(f.realised(ind), ind.precision),
            _pct(cap),
            _predikat_cell(f.predikat(cap)),
        )
        chart_rows.append((ind.name, cap.value))
    t2 = Table(
        "capaian-sasaran",
        f"Capaian Sasaran Strategis {s_label}",
        [Column("No", "int"), Column("Sasaran strategis"), Column("Capaian", "percent"), Column("Predikat")],
        note=_clamp_note(d),
    )
    for n, (s, result, _items) in enumerate(f.sasaran_rollup(), start=1):
        t2.add(n, s.text, _pct(result), _predikat_cell(f.predikat(result)))
    org_result = f.organisation_rollup()
    t2.footer = [
        Cell(""),
        Cell("Rata-rata capaian sasaran", bold=True),
        Cell(org_result, kind="percent", places=2, bold=True),
        _predikat_cell(f.predikat(org_result)),
    ]
    t3 = Table(
        "capaian-program",
        f"Capaian Indikator Program {s_label}",
        [
            Column("No", "int"),
            Column("Program"),
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", "number"),
            Column("Realisasi", "number"),
            Column("Capaian", "percent"),
            Column("Predikat"),
        ],
        landscape=True,
    )
    for n, item in enumerate(f.items("program"), start=1):
        ind = item.indicator
        p = f.program_by_pk.get(ind.program_id)
        cap = f.capaian(item)
        t3.add(
            n,
            p.name if p else "-",
            ind.name,
            ind.satuan,
            _num(f.target(item), ind.precision),
            _num(f.realised(ind), ind.precision),
            _pct(cap),
            _predikat_cell(f.predikat(cap)),
        )
        chart_rows.append((ind.name, cap.value))
    blocks1: list[Any] = [numbering.table("3", t1), numbering.table("3", t2), numbering.table("3", t3)]
    if chart_rows:
        blocks1.append(
            numbering.figure("3", Figure("grafik-capaian", f"Capaian Indikator Kinerja {s_label}", charts.capaian_chart(chart_rows)))
        )
    children.append(Section("target-realisasi", "1.", f"Perbandingan Target dan Realisasi Kinerja {s_label}", 3, blocks1))

    if annual:
        children.append(
            Section(
                "tahun-sebelumnya",
                "2.",
                "Perbandingan Realisasi dengan Dua Tahun Sebelumnya",
                3,
                [numbering.table("3", _previous_years(f))],
            )
        )
        children.append(
            Section("renstra", "3.", "Perbandingan Realisasi dengan Target Akhir Renstra", 3, [numbering.table("3", _progress(f))])
        )
        children.append(
            Section(
                "nasional", "4.", "Perbandingan dengan Standar Nasional, Provinsi dan Kabupaten", 3, [numbering.table("3", _comparisons(f))]
            )
        )
    children.append(
        Section(
            "analisis",
            "5." if annual else "2.",
            "Analisis Penyebab Keberhasilan/Kegagalan dan Solusi",
            3,
            [narrative("analisis"), *_analysis_blocks(f)],
        )
    )
    children.append(Section("efisiensi", "6." if annual else "3.", "Efisiensi Penggunaan Sumber Daya", 3, _efficiency_blocks(f, numbering)))
    children.append(
        Section(
            "program-pendukung", "7." if annual else "4.", "Program dan Kegiatan Pendukung Sasaran", 3, [numbering.table("3", _support(f))]
        )
    )
    sec_a = Section("capaian-kinerja", "A.", "Capaian Kinerja Organisasi", 2, children=children)
    sec_b = Section("realisasi-anggaran", "B.", "Realisasi Anggaran", 2, _budget_blocks(f, numbering), landscape=True)
    sections = [sec_a, sec_b]
    if annual:
        sections.append(
            Section(
                "tindak-lanjut",
                "C.",
                "Tindak Lanjut Hasil Evaluasi",
                2,
                _follow_up_blocks(f, numbering),
            )
        )
    return Section("bab-3", "BAB III", "Akuntabilitas Kinerja", 1, children=sections, page_break=True)


def _follow_up_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    recs = f.d.recommendations
    if not recs:
        return [Paragraph("Belum ada rekomendasi evaluasi SAKIP yang dicatat untuk ditindaklanjuti.")]
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
        note=f"LHE {ev.lhe_number or '-'}" + (f", {_date_text(ev.lhe_date)}" if ev.lhe_date else ""),
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
    return [numbering.table("3", t)]


def _clamp_note(d: ReportInputs) -> str:
    if d.scale and d.scale.clamp:
        low, high = d.scale.clamp
        return f"Sebelum dirata-rata dan diberi predikat, capaian dibatasi {format_decimal_id(low, 0)}–{format_decimal_id(high, 0)} % ({d.scale.name})."
    return "Capaian dirata-rata apa adanya (tanpa pembatasan)."


def _previous_years(f: Figures) -> Table:
    d = f.d
    y = d.year
    t = Table(
        "tahun-sebelumnya",
        f"Perbandingan Realisasi Kinerja Tahun {y} dengan Dua Tahun Sebelumnya",
        [
            Column("Indikator"),
            Column("Satuan"),
            Column(f"Realisasi {y - 2}", "number"),
            Column(f"Realisasi {y - 1}", "number"),
            Column(f"Realisasi {y}", "number"),
            Column(f"Capaian {y}", "percent"),
        ],
    )
    for item in f.d.items:
        ind = item.indicator
        t.add(
            ind.name,
            ind.satuan,
            _num(f.realised(ind, y - 2), ind.precision),
            _num(f.realised(ind, y - 1), ind.precision),
            _num(f.realised(ind), ind.precision),
            _pct(f.capaian(item)),
        )
    return t


def _progress(f: Figures) -> Table:
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
        ],
    )
    for item in d.items:
        ind = item.indicator
        realised = f.realised(ind)
        progress = bridge.capaian(ind, ind.end_target, ind.end_target_max, realised.value)
        t.add(ind.name, ind.satuan, _num(ind.end_target, ind.precision), _num(realised, ind.precision), _pct(progress))
    return t


def _comparisons(f: Figures) -> Table:
    d = f.d
    t = Table(
        "pembanding",
        f"Perbandingan Realisasi Kinerja Tahun {d.year} dengan Kabupaten, Provinsi dan Nasional",
        [Column("Indikator"), Column("Realisasi", "number"), Column("Kabupaten/Kota"), Column("Provinsi"), Column("Nasional")],
    )
    for item in d.items:
        ind = item.indicator
        figures = {c.level: c for c in d.comparisons.get(ind.pk, [])}

        def cell(level: str, figures: dict[str, Any] = figures, ind: Indicator = ind) -> Cell:
            c = figures.get(level)
            if c is None:
                return Cell("tidak tersedia")
            return Cell("tidak tersedia") if c.not_available else _num(c.value, ind.precision)

        t.add(ind.name, _num(f.realised(ind), ind.precision), cell("kabupaten"), cell("provinsi"), cell("nasional"))
    t.note = "«tidak tersedia»: data pembanding tidak ada atau belum dimasukkan."
    return t


def _analysis_blocks(f: Figures) -> list[Any]:
    blocks: list[Any] = []
    for item in f.d.items:
        r = f.realisation_row(item.indicator)
        if r is None or not (r.faktor_pendukung or r.faktor_penghambat or r.solusi):
            continue
        cap = f.capaian(item)
        lines = [f"Capaian {format_percent(cap.value) if cap.value is not None else '-'} ({cap.derivation})."]
        if r.faktor_pendukung:
            lines.append("Faktor pendukung: " + r.faktor_pendukung)
        if r.faktor_penghambat:
            lines.append("Faktor penghambat: " + r.faktor_penghambat)
        if r.solusi:
            lines.append("Solusi: " + r.solusi)
        blocks.append(Paragraph(item.indicator.name))
        blocks.append(BulletList(lines))
    return blocks


def _efficiency_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    org = f.org
    if org.budget is None:
        return [Paragraph("Data DPA dan realisasi anggaran belum diimpor, sehingga efisiensi belum dapat dihitung.")]
    t = Table(
        "efisiensi",
        "Efisiensi Penggunaan Anggaran per Sasaran",
        [
            Column("Sasaran"),
            Column("Capaian kinerja", "percent"),
            Column("Pagu (Rp)", "rupiah"),
            Column("Realisasi (Rp)", "rupiah"),
            Column("Serapan", "percent"),
            Column("Efisiensi (selisih, poin)", "number"),
            Column("Efisiensi (rasio)", "percent"),
        ],
        note="Efisiensi selisih = capaian − serapan (poin persen); efisiensi rasio = capaian / serapan × 100. "
        "Baris organisasi: rata-rata capaian sasaran dan serapan seluruh anggaran.",
        landscape=True,
    )
    for s in org.sasaran:
        node = s.budget
        t.add(
            s.sasaran.text,
            _pct(s.capaian),
            _num(node.total_pagu() if node else None, 0, "rupiah"),
            _num(node.total_realisasi() if node else None, 0, "rupiah"),
            _pct(s.serapan),
            _num(s.efisiensi_selisih),
            _pct(s.efisiensi_rasio),
        )
    t.footer = [
        Cell("Organisasi", bold=True),
        Cell(org.capaian, kind="percent", places=2, bold=True),
        Cell(org.budget.total_pagu(), kind="rupiah", places=0, bold=True),
        Cell(org.budget.total_realisasi(), kind="rupiah", places=0, bold=True),
        Cell(org.serapan, kind="percent", places=2, bold=True),
        Cell(org.efisiensi_selisih, kind="number", places=2, bold=True),
        Cell(org.efisiensi_rasio, kind="percent", places=2, bold=True),
    ]
    return [numbering.table("3", t)]


def _support(f: Figures) -> Table:
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
            t.add(s.text, p.name, "; ".join(kegiatan) or "-", _num(d.budgets.get(p.pk), 0, "rupiah"))
    return t


def _budget_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    d = f.d
    total = f.budget_total()
    if total is None:
        return [Paragraph("Data DPA dan realisasi anggaran belum diimpor.")]
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
        ],
        landscape=True,
    )
    for depth, node in total.walk():
        if node is total and len(d.budget_trees) > 1:
            continue
        t.add(
            Cell(node.code),
            node.name,
            _num(node.total_pagu(), 0, "rupiah"),
            _num(node.total_realisasi(), 0, "rupiah"),
            _pct(node.serapan()),
            _num(node.sisa(), 0, "rupiah"),
            indent=depth,
            bold=node.level in (calc.BudgetLevel.PROGRAM, calc.BudgetLevel.ORGANISASI),
        )
    t.footer = [
        Cell(""),
        Cell("Jumlah", bold=True),
        _num(total.total_pagu(), 0, "rupiah"),
        _num(total.total_realisasi(), 0, "rupiah"),
        _pct(f.org.serapan),
        _num(total.sisa(), 0, "rupiah"),
    ]
    blocks: list[Any] = [Paragraph(Drafts(f).budget_sentence()), numbering.table("3", t)]
    if d.budget_quarters:
        rows = [(f"TW {ROMAN[q]}", v.get("plan"), v.get("realisasi")) for q, v in sorted(d.budget_quarters.items())]
        blocks.append(
            numbering.figure(
                "3", Figure("grafik-serapan", "Rencana dan Realisasi Anggaran per Triwulan (kumulatif)", charts.serapan_chart(rows))
            )
        )
    return blocks


def _lampiran(f: Figures, numbering: Numbering) -> Section:
    d = f.d
    t = Table(
        "pengukuran",
        f"Pengukuran Kinerja Tahun {d.year}",
        [
            Column("Indikator"),
            Column("Satuan"),
            Column("Target"),
            *[Column(f"TW {ROMAN[q]}") for q in QUARTERS],
            Column("Realisasi", "number"),
            Column("Capaian", "percent"),
        ],
        landscape=True,
    )
    for item in d.items:
        ind = item.indicator
        per_q = [Cell(format_decimal_id(f.values[d.year][ind.pk][q - 1], ind.precision)) for q in QUARTERS]
        t.add(
            ind.name,
            ind.satuan,
            _num(item.annual_target, ind.precision),
            *per_q,
            _num(f.realised(ind, upto=4), ind.precision),
            _pct(f.capaian(item, 4)),
        )
    t.note = "Kolom TW I-IV: realisasi per triwulan sebagaimana dimasukkan; realisasi tahunan mengikuti aturan agregasi indikator."
    return Section(
        "lampiran",
        "",
        "Lampiran",
        1,
        [
            Paragraph("Lampiran 1: Perjanjian Kinerja (lihat BAB II C). Lampiran 2: Indikator Kinerja Utama (lihat BAB II A)."),
            numbering.table("L", t),
        ],
        page_break=True,
        landscape=True,
    )


class Drafts:
    """Draft narratives quoting computed figures (the operator edits them; the figures stay computed)."""

    def __init__(self, f: Figures) -> None:
        self.f = f

    def get(self, key: str) -> str:
        method = getattr(self, key, None)
        return method() if method else ""

    def kata_pengantar(self) -> str:
        d = self.f.d
        org = d.organisation.display_name
        kind = "Laporan Kinerja Instansi Pemerintah (LKjIP)" if d.upto == 4 else f"Laporan Evaluasi Kinerja s/d Triwulan {ROMAN[d.upto]}"
        return (
            f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya {kind} {org} Tahun {d.year}.\n\n"
            f"Laporan ini disusun berdasarkan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
            f"Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014, sebagai wujud pertanggungjawaban {org} atas pelaksanaan "
            f"Perjanjian Kinerja Tahun {d.year} kepada {d.organisation.pemda.head_title} {d.organisation.pemda.name}.\n\n"
            "Kami menyampaikan terima kasih kepada semua pihak yang telah membantu penyusunan laporan ini."
        )

    def ikhtisar(self) -> str:
        f = self.f
        d = f.d
        org = d.organisation.display_name
        iku = f.iku_items()
        parts = [
            f"Pada tahun {d.year} {org} menetapkan {len(f.sasaran_rollup())} sasaran strategis yang diukur dengan {len(iku)} indikator kinerja utama (IKU)."
        ]
        for item in iku:
            cap = f.capaian(item)
            band = f.predikat(cap)
            predikat = f", predikat {band.label}" if band else ""
            parts.append(
                f"{item.indicator.name}: realisasi {format_decimal_id(f.realised(item.indicator).value, item.indicator.precision)} {item.indicator.satuan} "
                f"dari target {format_decimal_id(f.target(item), item.indicator.precision)} (capaian {format_percent(cap.value)}{predikat})."
            )
        org_cap = f.organisation_rollup()
        if org_cap.value is not None:
            parts.append(f"Rata-rata capaian sasaran {format_percent(org_cap.value)}.")
        parts.append(self.budget_sentence())
        return "\n\n".join(parts)

    def budget_sentence(self) -> str:
        total = self.f.budget_total()
        if total is None:
            pk_total = self.f.pk_budget_total()
            if pk_total.value is None:
                return "Data anggaran belum tersedia."
            return f"Anggaran program dalam Perjanjian Kinerja sebesar {format_rupiah(pk_total.value)}; realisasi anggaran belum diimpor."
        return (
            f"Realisasi anggaran {format_rupiah(total.total_realisasi())} dari pagu {format_rupiah(total.total_pagu())} "
            f"(serapan {format_percent(self.f.org.serapan.value)})."
        )

    def latar_belakang(self) -> str:
        d = self.f.d
        return (
            "Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) mewajibkan setiap perangkat daerah merencanakan, mengukur dan "
            "melaporkan kinerjanya. Laporan Kinerja menyajikan capaian kinerja atas Perjanjian Kinerja yang telah ditetapkan, "
            f"perbandingannya dengan target, tahun-tahun sebelumnya dan target jangka menengah, serta analisis penyebab keberhasilan "
            f"dan kegagalannya.\n\n{d.organisation.display_name} adalah perangkat daerah {d.organisation.pemda} yang dipimpin oleh Camat "
            "dan bertanggung jawab kepada Bupati melalui Sekretaris Daerah."
        )

    def isu_strategis(self) -> str:
        below = [i for i in self.f.d.items if (c := self.f.capaian(i)).value is not None and c.value < 100]
        if not below:
            return "Seluruh indikator Perjanjian Kinerja mencapai target; isu strategis dituliskan oleh perangkat daerah."
        return (
            "Indikator yang belum mencapai target: "
            + "; ".join(f"{i.indicator.name} ({format_percent(self.f.capaian(i).value)})" for i in below)
            + "."
        )

    def analisis(self) -> str:
        f = self.f
        met = [i for i in f.d.items if (c := f.capaian(i)).value is not None and c.value >= 100]
        below = [i for i in f.d.items if (c := f.capaian(i)).value is not None and c.value < 100]
        blank = [i for i in f.d.items if f.capaian(i).value is None]
        text = f"Dari {len(f.d.items)} indikator Perjanjian Kinerja, {len(met)} mencapai atau melampaui target dan {len(below)} belum mencapai target."
        if blank:
            text += f" {len(blank)} indikator belum dapat diukur (realisasi atau target belum ada)."
        return text

    def kesimpulan(self) -> str:
        f = self.f
        org = f.organisation_rollup()
        band = f.predikat(org)
        text = self.analisis()
        if org.value is not None:
            text += f" Rata-rata capaian sasaran {format_percent(org.value)}" + (f" dengan predikat {band.label}." if band else ".")
        return text + " " + self.budget_sentence()

    def saran(self) -> str:
        solutions = []
        for item in self.f.d.items:
            r = self.f.realisation_row(item.indicator)
            if r is not None and r.solusi:
                solutions.append(f"{item.indicator.name}: {r.solusi}")
        return "\n".join(solutions) if solutions else "Mempertahankan capaian kinerja dan menindaklanjuti hasil evaluasi."
