"""Document assembly: the chapters of the annual LKjIP (docs/domain.md section 7, PermenPANRB 53/2014) and
of the quarterly report (seed 004's "s/d Triwulan n" shape), with their tables (plan_tables.py,
result_tables.py, summary_tables.py), charts (apps.reports.charts) and narratives (the stored text, else the draft of
narrative.py), numbered per chapter in the order they are added (document.Numbering)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apps import calculations as calc
from apps.core.periods import ROMAN
from apps.organisations.validators import format_nip

from .. import charts
from ..document import Document, Figure, Narrative, Numbering, Paragraph, Section, Signature, Table
from ..inputs import ReportInputs
from ..models import Period
from . import (
    annex_tables,
    budget_tables,
    history_tables,
    kegiatan_tables,
    plan_tables,
    profile_tables,
    resource_tables,
    result_tables,
    summary_tables,
)
from .cells import date_text
from .narrative import Drafts, analysis_blocks
from .report_figures import Figures

NarrativeOf = Callable[[str], Narrative]


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
        place=data.place or org.place,
        date_text=date_text(data.day),  # the date the report is signed (services.report_date_place), not the render date
        logo_paths=[image.name for image in (org.pemda.logo, org.logo) if image],  # the pemda's lambang, the kecamatan's logo
    )
    numbering = Numbering()
    signature = _signature(data)
    drafts = Drafts(f)

    def narrative(key: str) -> Narrative:
        stored = data.narratives.get(key, "").strip()
        return Narrative(key=key, text=stored or drafts.get(key), is_draft=not stored)

    doc.sections.append(Section("kata-pengantar", "", "Kata Pengantar", 1, [narrative("kata_pengantar"), signature], page_break=True))
    if annual:
        doc.sections.append(
            Section("ikhtisar", "", "Ikhtisar Eksekutif", 1, [narrative("ikhtisar"), annex_tables.ikhtisar_table(f)], page_break=True)
        )
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
                Section(
                    "kesimpulan", "A.", "Kesimpulan", 2, [narrative("kesimpulan"), numbering.table("4", annex_tables.penutup_table(f))]
                ),
                Section("saran", "B.", "Saran", 2, [narrative("saran"), signature]),
            ],
        )
    )
    if annual:
        doc.sections.append(_lampiran(f, numbering))
    profile_tables.fill_sistematika(doc, "LKjIP" if annual else "laporan ini")
    _assert_unique_anchors(doc)
    return doc


def _assert_unique_anchors(doc: Document) -> None:
    """Every section, table and figure has its own anchor: a TOC entry links to exactly one place (two sections
    keyed ``renstra`` sent BAB III's entry to BAB II's page)."""
    anchors = [s.anchor for s in doc.walk()] + [f"tabel-{t.key}" for t in doc.tables] + [f"gambar-{g.key}" for g in doc.figures]
    twice = sorted({a for a in anchors if anchors.count(a) > 1})
    assert not twice, f"anchors used twice in the report: {twice}"


def _signature(data: ReportInputs) -> Signature:
    a = data.camat
    if a is None:
        return Signature(
            place=data.place or data.organisation.place,
            date_text=date_text(data.day),
            title="Camat",
            name="(pejabat belum tercatat)",
            pangkat="",
            nip="",
        )
    return Signature(
        place=data.place or data.organisation.place,
        date_text=date_text(data.day),
        title=a.signature_title.upper(),
        name=a.official.name,
        pangkat=a.official.pangkat_display,
        nip=format_nip(a.official.nip) if a.official.nip else "",
    )


def _bab1(f: Figures, numbering: Numbering, narrative: NarrativeOf, annual: bool) -> Section:
    d = f.d
    chart = profile_tables.org_chart_figure(f, numbering)
    children = [
        Section("latar-belakang", "", "Latar Belakang", 2, [narrative("latar_belakang")]),
        Section(
            "struktur-organisasi",
            "",
            "Struktur Organisasi, Tugas dan Fungsi",
            2,
            [
                Paragraph(d.organisation.legal_basis or "Dasar hukum susunan organisasi belum diisi."),
                numbering.table("1", plan_tables.units_table(f)),
                *([chart] if chart is not None else []),
                *profile_tables.tugas_fungsi_blocks(f, numbering),
            ],
        ),
    ]
    staff = plan_tables.staff_table(f)
    if staff is not None:
        more = (plan_tables.staff_summary_table(f), plan_tables.staff_golongan_table(f), plan_tables.staff_eselon_table(f))
        tables = [numbering.table("1", t) for t in (staff, *more) if t is not None]
        children.append(Section("sdm", "", "Sumber Daya Aparatur", 2, tables))
    if annual:
        aspek = profile_tables.aspek_strategis_blocks(f)
        if aspek:
            children.append(Section("aspek-strategis", "", "Aspek Strategis", 2, aspek))
        layanan = profile_tables.layanan_table(f)
        if layanan is not None:
            children.append(Section("layanan", "", "Kegiatan dan Layanan Produk", 2, [numbering.table("1", layanan)]))
        children.append(Section("isu-strategis", "", "Isu Strategis", 2, [narrative("isu_strategis")]))
        children.append(Section("sistematika", "", "Sistematika Penyajian", 2))  # filled once the document is complete
    return Section("bab-1", "BAB I", "Pendahuluan", 1, children=profile_tables.letter(children), page_break=True)


def _bab2(f: Figures, numbering: Numbering, annual: bool) -> Section:
    d = f.d
    children = []
    # the quarterly report prints the Renstra's tujuan, sasaran and IKU too (seed 004 Tabel 2.1, 2.2)
    renstra = [numbering.table("2", plan_tables.tujuan_sasaran_table(f)), profile_tables.iku_basis_paragraph(f)]
    renstra += [numbering.table("2", t) for t in (plan_tables.iku_table(f), profile_tables.strategi_table(f)) if t is not None]
    children.append(Section("renstra", "A.", "Rencana Strategis", 2, renstra))
    if annual:
        renja = [numbering.table("2", plan_tables.renja_table(f))]
        children.append(Section("renja", "B.", f"Rencana Kinerja Tahun {d.year}", 2, renja, landscape=True))
    if d.agreement is None:
        blocks: list[Any] = [Paragraph(f"Perjanjian Kinerja tahun {d.year} belum dibuat.")]
    else:
        signed = date_text(d.agreement.signing_date) if d.agreement.signing_date else "(tanggal belum diisi)"
        blocks = [
            Paragraph(f"{d.agreement} ditandatangani pada {signed}."),
            numbering.table("2", plan_tables.pk_sasaran_table(f)),
            numbering.table("2", plan_tables.pk_program_table(f)),
        ]
        blocks.extend(budget_tables.pk_change_blocks(f, numbering))
    blocks.extend(budget_tables.dokumen_anggaran_blocks(f, numbering))
    children.append(Section("pk", "C." if annual else "B.", "Perjanjian Kinerja", 2, blocks))
    return Section("bab-2", "BAB II", "Perencanaan Kinerja", 1, children=children, page_break=True)


def _bab3(f: Figures, numbering: Numbering, narrative: NarrativeOf, annual: bool) -> Section:
    d = f.d
    s_label = f"s/d TW {ROMAN[d.upto]}" if not annual else str(d.year)
    children: list[Section] = []
    # 1. Target vs realisasi
    blocks1: list[Any] = [
        numbering.table("3", result_tables.capaian_table(f, "sasaran", s_label)),
        *[numbering.table("3", t) for t in history_tables.aspect_tables(f, s_label)],
        numbering.table("3", result_tables.sasaran_table(f, s_label)),
        *[numbering.table("3", t) for t in [result_tables.klasifikasi_table(f, s_label)] if t is not None],
        numbering.table("3", result_tables.capaian_table(f, "program", s_label)),
        *[numbering.table("3", t) for t in history_tables.component_tables(f, s_label)],
        *[numbering.table("3", t) for t in history_tables.service_score_tables(f, s_label)],
    ]
    chart_rows = result_tables.capaian_chart_rows(f)
    if chart_rows:
        blocks1.append(
            numbering.figure(
                "3", Figure("grafik-capaian", f"Capaian Indikator Kinerja {s_label}", charts.capaian_chart(chart_rows, *_capaian_rule(f)))
            )
        )
    blocks1 += kegiatan_tables.blocks(f, numbering, s_label)
    if not annual and d.upto < 4:  # issue 19: useful when only annual targets exist (projection, early warning)
        blocks1.append(numbering.table("3", annex_tables.tw_monitoring_table(f, s_label)))
    children.append(Section("target-realisasi", "1.", f"Perbandingan Target dan Realisasi Kinerja {s_label}", 3, blocks1))

    # the quarterly report compares with the previous year too (seed 004 Tabel 3.1: 2022 against s/d TW IV 2023)
    children.append(
        Section(
            "tahun-sebelumnya",
            "2.",
            "Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya",
            3,
            [numbering.table("3", result_tables.previous_years_table(f))],
        )
    )
    if annual:
        children.append(
            Section(
                "target-akhir-renstra",
                "3.",
                "Perbandingan Realisasi dengan Target Akhir Renstra",
                3,
                [numbering.table("3", result_tables.progress_table(f))],
            )
        )
        children.append(
            Section(
                "nasional",
                "4.",
                "Perbandingan dengan Standar Nasional, Provinsi dan Kabupaten",
                3,
                [
                    *resource_tables.spm_blocks(f),
                    *([numbering.table("3", result_tables.comparisons_table(f))] if resource_tables.shows_comparisons(f) else []),
                    *[numbering.table("3", t) for t in [result_tables.peer_comparisons_table(f)] if t is not None],
                ],
            )
        )
    children.append(
        Section(
            "analisis",
            "5." if annual else "3.",
            "Analisis Penyebab Keberhasilan/Kegagalan dan Solusi",
            3,
            [narrative("analisis"), *analysis_blocks(f)],
        )
    )
    children.append(Section("efisiensi", "6." if annual else "4.", "Efisiensi Penggunaan Sumber Daya", 3,
                            _efficiency_blocks(f, numbering) + resource_tables.staff_blocks(f, numbering)))  # fmt: skip
    children.append(
        Section(
            "program-pendukung",
            "7." if annual else "5.",
            "Program dan Kegiatan Pendukung Sasaran",
            3,
            [numbering.table("3", result_tables.support_table(f))],
        )
    )
    sec_a = Section("capaian-kinerja", "A.", "Capaian Kinerja Organisasi", 2, children=children)
    sec_b = Section("realisasi-anggaran", "B.", "Realisasi Anggaran", 2, _budget_blocks(f, numbering), landscape=True)
    sections = [sec_a, sec_b]
    if annual:
        sections.append(Section("tindak-lanjut", "C.", "Tindak Lanjut Hasil Evaluasi", 2, _follow_up_blocks(f, numbering)))
    return Section("bab-3", "BAB III", "Akuntabilitas Kinerja", 1, children=sections, page_break=True)


def _efficiency_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    """Efisiensi per sasaran and per program, the allocation of the pagu per sasaran, and the efisiensi of sarana
    dan prasarana (entered apart from the budget: shown without a DPA too)."""
    sarpras = summary_tables.efisiensi_sarpras_table(f)
    table = result_tables.efficiency_table(f)
    sdm = summary_tables.efisiensi_sdm_table(f)
    if table is None:
        blocks: list[Any] = [Paragraph("Data DPA dan realisasi anggaran belum diimpor, sehingga efisiensi belum dapat dihitung.")]
        return blocks + [numbering.table("3", t) for t in (sdm, sarpras) if t is not None]
    tables = [table, summary_tables.efisiensi_program_table(f), summary_tables.alokasi_sasaran_table(f), sdm, sarpras]
    return [numbering.table("3", t) for t in tables if t is not None]


def _budget_table(f: Figures) -> Any:
    """The budget table in the layout of the pemda's report convention (issue 18): grouped by sasaran with
    subtotals when it says so (budget_tables.budget_table_by_sasaran), else (or with nothing to group) the
    program tree."""
    if f.d.convention.budget_layout == calc.LAYOUT_SASARAN:
        table = budget_tables.budget_table_for(f, "sasaran")
        if table is not None:
            return table
    return result_tables.budget_table(f)


def _capaian_rule(f: Figures) -> tuple[int, str]:
    rule = f.d.convention.rule("capaian")
    return rule.places, rule.rounding


def _budget_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    table = _budget_table(f)
    if table is None:
        return [Paragraph("Data DPA dan realisasi anggaran belum diimpor."), *budget_tables.lra_blocks(f, numbering)]
    blocks: list[Any] = [Paragraph(Drafts(f).budget_sentence()), numbering.table("3", table)]
    blocks.extend(resource_tables.kinerja_anggaran_blocks(f, numbering, f"s/d TW {ROMAN[f.d.upto]} Tahun {f.d.year}"))
    if f.d.convention.state_efisiensi_anggaran:
        blocks.append(numbering.table("3", result_tables.efisiensi_anggaran_table(f)))
    blocks.extend(budget_tables.lra_blocks(f, numbering))
    blocks.extend(budget_tables.kas_blocks(f, numbering))
    blocks.extend(budget_tables.pad_blocks(f, numbering))
    if f.d.budget_quarters:
        rows = [(f"TW {ROMAN[q]}", v.get("plan"), v.get("realisasi")) for q, v in sorted(f.d.budget_quarters.items())]
        blocks.append(
            numbering.figure(
                "3", Figure("grafik-serapan", "Rencana dan Realisasi Anggaran per Triwulan (kumulatif)", charts.serapan_chart(rows))
            )
        )
    return blocks


def _follow_up_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    """The nilai of the year's SAKIP evaluation and the year's Indeks RB, then the follow-up of the SAKIP
    evaluation's recommendations."""
    blocks: list[Any] = []
    nilai = summary_tables.nilai_sakip_table(f)
    if nilai is not None:
        blocks.append(numbering.table("3", nilai))
    rb = summary_tables.nilai_rb_table(f)
    if rb is not None:
        blocks.append(numbering.table("3", rb))
    table = result_tables.follow_up_table(f)
    if table is None:
        blocks.append(Paragraph("Belum ada rekomendasi evaluasi SAKIP yang dicatat untuk ditindaklanjuti."))
    else:
        blocks.append(numbering.table("3", table))
    return blocks


def _lampiran(f: Figures, numbering: Numbering) -> Section:
    return Section(
        "lampiran",
        "",
        "Lampiran",
        1,
        [
            Paragraph(
                "Indikator Kinerja Utama: lihat BAB II A. Rencana aksi, Perjanjian Kinerja, penghargaan dan pernyataan reviu menyusul."
            ),
            numbering.table("L", result_tables.measurement_table(f)),
            numbering.table("L", result_tables.calculation_table(f)),
            Paragraph(
                "Konvensi penyajian: angka dihitung dengan presisi penuh dan dibulatkan sekali saat dicetak, menurut "
                f"konvensi penyajian «{f.d.convention.name}» yang ditetapkan pemda."
            ),
            numbering.table("L", result_tables.convention_table(f)),
            *profile_tables.pohon_kinerja_figures(f, numbering),
        ],
        page_break=True,
        landscape=True,
        children=_annexes(f, numbering),
    )


def _annexes(f: Figures, numbering: Numbering) -> list[Section]:
    """Issue 19's lampiran: the rencana aksi per triwulan, the signed PK, the penghargaan, the Pernyataan Telah Direviu."""
    return [
        Section(
            "lampiran-rencana-aksi",
            "",
            "Rencana Aksi dan Realisasinya",
            2,
            [numbering.table("L", annex_tables.rencana_aksi_table(f))],
            landscape=True,
        ),
        Section("lampiran-pk", "", "Perjanjian Kinerja", 2, annex_tables.pk_form_blocks(f), page_break=True),
        Section(
            "lampiran-penghargaan",
            "",
            "Penghargaan",
            2,
            [numbering.table("L", t) if isinstance(t, Table) else t for t in annex_tables.penghargaan_blocks(f)],
            page_break=True,
        ),
        Section("lampiran-reviu", "", "Pernyataan Telah Direviu", 2, annex_tables.reviu_blocks(f), page_break=True),
    ]
