"""The summary tables and the lampiran of issue 19: the ringkasan of the ikhtisar eksekutif and of BAB IV, the rencana
aksi per triwulan with its realisation, the PK form as its print view renders it, the penghargaan, the Pernyataan Telah
Direviu, and the quarterly report's monitoring table (target s/d TW n, else capaian against the annual target with the
year-end projection and its early warning).

Every figure is read from the one figures path (:class:`Figures`, apps.reports.figures and the calculation module's
bridge) and printed by the pemda's convention (``cells.fig``); nothing here computes a figure a second time."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from apps import calculations as calc
from apps.calculations import bridge
from apps.core.periods import QUARTERS, ROMAN
from apps.organisations.validators import format_nip

from ..document import Cell, Column, Paragraph, PKForm, Signature, Table
from .cells import date_text, fig, num, predikat_cell
from .report_figures import Figures
from .result_tables import clamp_note, with_excluded


def ikhtisar_table(f: Figures) -> Table:
    """Ringkasan capaian for the ikhtisar eksekutif: per sasaran its PK indicators with target, realisasi, capaian and
    predikat (figures.compute, the same figures as Tabel capaian IKU), the sasaran's serapan on its first row, and the
    organisation's mean capaian, predikat and serapan in the footer. Unnumbered, as the seeds print it."""
    conv = f.d.convention
    t = Table(
        "ringkasan-eksekutif",
        f"Ringkasan Capaian Kinerja dan Serapan Anggaran Tahun {f.d.year}",
        [Column("No", "int"), Column("Sasaran"), Column("Indikator"), Column("Target", "number"), Column("Realisasi", "number"),
         Column("Capaian", "percent"), Column("Predikat"), Column("Serapan anggaran", "percent")],
        note=f"Serapan anggaran: program yang mendukung sasaran (realisasi / pagu × 100). {clamp_note(f.d)}",
    )  # fmt: skip
    n = 0
    for s in f.org.sasaran:
        for i, x in enumerate(s.indicators):
            n += 1
            ind = x.indicator
            t.add(
                n,
                s.sasaran.text if i == 0 else "",
                ind.name,
                num(x.target, ind.precision),
                num(x.realised, ind.precision),
                fig(x.capaian, "capaian", conv),
                predikat_cell(f.predikat(x.capaian), f.d.scale),
                fig(s.serapan, "serapan", conv) if i == 0 else Cell(""),
            )
    t.footer = [
        Cell(""),
        Cell("Capaian kinerja organisasi", bold=True),
        *[Cell("") for _ in range(3)],
        fig(f.org.capaian, "capaian", conv, bold=True),
        predikat_cell(f.predikat(f.org.capaian), f.d.scale, bold=True),
        fig(f.org.serapan, "serapan", conv, bold=True),
    ]
    return with_excluded(t, f)


def penutup_table(f: Figures) -> Table:
    """The same figures condensed per sasaran as real LKjIPs print in their Penutup: capaian and predikat of the
    sasaran, pagu, realisasi and serapan of the programs serving it, and the organisation's row."""
    conv = f.d.convention
    t = Table(
        "ringkasan-penutup",
        f"Ringkasan Capaian Sasaran dan Realisasi Anggaran Tahun {f.d.year}",
        [Column("Sasaran"), Column("Capaian", "percent"), Column("Predikat"), Column("Pagu (Rp)", "rupiah"),
         Column("Realisasi (Rp)", "rupiah"), Column("Serapan", "percent")],
    )  # fmt: skip

    def money(node: calc.BudgetNode | None) -> list[Cell]:
        return [fig(node.total_pagu() if node else None, "rupiah", conv), fig(node.total_realisasi() if node else None, "rupiah", conv)]

    for s in f.org.sasaran:
        t.add(s.sasaran.text, fig(s.capaian, "capaian", conv), predikat_cell(s.predikat, f.d.scale), *money(s.budget),
              fig(s.serapan, "serapan", conv))  # fmt: skip
    t.footer = [
        Cell("Organisasi", bold=True),
        fig(f.org.capaian, "capaian", conv, bold=True),
        predikat_cell(f.org.predikat, f.d.scale, bold=True),
        *[Cell(c.value, places=c.places, kind=c.kind, rounding=c.rounding, bold=True) for c in money(f.org.budget)],
        fig(f.org.serapan, "serapan", conv, bold=True),
    ]
    return with_excluded(t, f)


def rencana_aksi_table(f: Figures) -> Table:
    """Rencana aksi per triwulan and its realisation: per PK indicator the cumulative target of each quarter from the
    PK (PKItem tw1..tw4, blank when not set: the annual target applies at TW IV), the realisation s/d that quarter
    by the indicator's aggregation rule and the capaian s/d that quarter (Figures.figure, the one rule)."""
    d, conv = f.d, f.d.convention
    columns = [Column("No", "int"), Column("Indikator"), Column("Satuan"), Column("Target tahunan", "number")]
    for q in QUARTERS:
        columns += [Column(f"Target TW {ROMAN[q]}", "number"), Column(f"Realisasi TW {ROMAN[q]}", "number"),
                    Column(f"Capaian TW {ROMAN[q]}", "percent")]  # fmt: skip
    t = Table(
        "rencana-aksi",
        f"Rencana Aksi dan Realisasi per Triwulan Tahun {d.year}",
        columns,
        note="Target per triwulan: target kumulatif rencana aksi dalam PK; kosong bila PK tidak merinci target triwulan "
        "(target tahunan berlaku di TW IV). Realisasi dan capaian s/d triwulan menurut aturan agregasi indikator.",
        landscape=True,
    )
    for n, item in enumerate(d.items, start=1):
        ind = item.indicator
        cells: list[Any] = [n, ind.name, ind.satuan, num(item.annual_target, ind.precision)]
        for q in QUARTERS:
            x = f.figure(item, q)
            cells += [num(x.target, ind.precision), num(x.realised, ind.precision), fig(x.capaian, "capaian", conv)]
        t.add(*cells)
    return t


def pk_form_blocks(f: Figures) -> list[Any]:
    """The signed PK as its print view renders it (agreements/_pk_form.html, shared with PKPrintView), and its
    sasaran, indicators and targets as a table for the XLSX and JSON."""
    doc = f.d.pk_document
    if doc is None:
        return [Paragraph(f"Perjanjian Kinerja tahun {f.d.year} belum dibuat.")]
    t = Table("pk-form", f"Perjanjian Kinerja Tahun {f.d.year}", [Column("No", "int"), Column("Sasaran strategis"),
              Column("Indikator kinerja"), Column("Target", "number"), Column("Satuan")], note=pk_parties_note(f))  # fmt: skip
    for n, i in enumerate(doc.sasaran_items + doc.program_items, start=1):
        parent = i.indicator.sasaran.text if i.indicator.sasaran_id else f.program_name(i.indicator.program_id)
        t.add(n, parent, i.indicator.name, num(i.annual_target, i.indicator.precision), i.indicator.satuan)
    return [PKForm(pk=doc, table=t, date_text=date_text(doc.agreement.signing_date) if doc.agreement.signing_date else "")]


def _party(appointment: Any) -> str:
    if appointment is None:
        return "(belum tercatat)"
    nip = f", NIP {format_nip(appointment.official.nip)}" if appointment.official.nip else ""
    return f"{appointment.official.name}{nip} ({appointment.signature_title})"


def pk_parties_note(f: Figures) -> str:
    doc = f.d.pk_document
    if doc is None:
        return ""
    return f"Pihak pertama: {_party(doc.first_party)}. Pihak kedua: {_party(doc.second_party)}."


def penghargaan_blocks(f: Figures) -> list[Any]:
    """The awards of the year as entered (apps.reports.penghargaan), or a sentence when none is recorded."""
    rows = f.d.penghargaan
    if not rows:
        return [Paragraph(f"Tidak ada penghargaan yang dicatat untuk tahun {f.d.year}.")]
    t = Table("penghargaan", f"Penghargaan yang Diterima Tahun {f.d.year}",
              [Column("No", "int"), Column("Nama penghargaan"), Column("Pemberi"), Column("Tingkat"), Column("Tanggal")])  # fmt: skip
    for r in rows:
        t.add(r.number, r.name, r.giver, r.get_level_display(), date_text(r.date) if r.date else "-")
    return [t]


REVIU_TEXT = (
    "Kami telah mereviu Laporan Kinerja Instansi Pemerintah (LKjIP) {org} Tahun {year} sesuai Pedoman Reviu atas Laporan "
    "Kinerja. Substansi informasi yang dimuat dalam LKjIP menjadi tanggung jawab manajemen {org}. Reviu bertujuan untuk "
    "memberikan keyakinan terbatas bahwa laporan kinerja telah disajikan secara akurat, andal dan valid. Berdasarkan "
    "reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini keandalan informasi yang "
    "disajikan di dalam laporan kinerja ini."
)


def reviu_blocks(f: Figures) -> list[Any]:
    """The Pernyataan Telah Direviu from the Inspektorat's review in the app (the report's "telah direviu" event):
    the statement, the review's date and reviewer, signed by the Inspektur on that day; without a review, a sentence
    that says so instead of a blank form."""
    d = f.d
    review = d.review
    if review is None:
        return [Paragraph(f"LKjIP tahun {d.year} belum direviu oleh Inspektorat {d.organisation.pemda}; pernyataan telah "
                          "direviu dicantumkan setelah reviu selesai dicatat dalam aplikasi.")]  # fmt: skip
    day = timezone.localdate(review.created_at)
    reviewer = review.actor.get_full_name() or review.actor.username
    a = d.inspektur
    t = Table("pernyataan-reviu", "Pernyataan Telah Direviu", [Column("Uraian"), Column("Keterangan")])
    t.add("Laporan", f"LKjIP {d.organisation.display_name} Tahun {d.year}")
    t.add("Tanggal reviu", date_text(day))
    t.add("Direviu oleh", reviewer)
    t.add("Inspektur", a.official.name if a else "(pejabat belum tercatat)")
    t.add("NIP", format_nip(a.official.nip) if a and a.official.nip else "-")
    if review.reason:
        t.add("Catatan reviu", review.reason)
    blocks: list[Any] = [Paragraph(REVIU_TEXT.format(org=d.organisation.display_name, year=d.year))]
    if review.reason:
        blocks.append(Paragraph(f"Catatan: {review.reason}"))
    blocks.append(t)
    blocks.append(
        Signature(
            place=d.organisation.pemda.name,
            date_text=date_text(day),
            title=(a.signature_title if a else f"Inspektur {d.organisation.pemda}").upper(),
            name=a.official.name if a else "(pejabat belum tercatat)",
            pangkat=a.official.pangkat_display if a else "",
            nip=format_nip(a.official.nip) if a and a.official.nip else "",
        )
    )
    return blocks


def tw_monitoring_table(f: Figures, period_label: str) -> Table:
    """The quarterly report's monitoring table, useful when only annual targets exist: per PK indicator the target
    s/d TW n from the PK's quarterly targets and the capaian against it (Figures.figure); where the PK sets no
    quarterly target, the capaian against the annual target (bridge.capaian), stated as such; for both the year-end
    projection and its early warning (bridge.projection, the realisation grid's)."""
    d, conv = f.d, f.d.convention
    t = Table(
        "pemantauan-tw",
        f"Pemantauan Capaian dan Proyeksi Akhir Tahun {period_label}",
        [Column("No", "int"), Column("Indikator"), Column("Satuan"), Column("Target tahunan", "number"),
         Column(f"Target s/d TW {ROMAN[d.upto]}", "number"), Column(f"Realisasi s/d TW {ROMAN[d.upto]}", "number"),
         Column("Capaian", "percent"), Column("Capaian diukur terhadap"), Column("Proyeksi akhir tahun", "number"),
         Column("Proyeksi capaian", "percent"), Column("Peringatan dini")],
        note=f"Capaian diukur terhadap target s/d TW {ROMAN[d.upto]} bila PK merinci target triwulan (rencana aksi); bila "
        "tidak, terhadap target tahunan, sehingga belum mencerminkan jalur triwulan. Proyeksi akhir tahun menurut aturan "
        "agregasi indikator (jumlah kumulatif: realisasi / banyaknya triwulan terisi × 4; selain itu nilai terakhir, "
        "rata-rata atau maksimum); peringatan dini bila proyeksi capaian di bawah 100 %.",
        landscape=True,
    )  # fmt: skip
    for n, item in enumerate(d.items, start=1):
        ind = item.indicator
        x = f.figure(item)
        if x.target is not None or calc.is_state(x.realised):
            capaian, basis = x.capaian, f"target s/d TW {ROMAN[d.upto]}"
        else:
            capaian, basis = bridge.capaian(ind, item.annual_target, item.annual_target_max, x.realised.value), "target tahunan"
        p = bridge.projection(item, f.values[d.year][ind.pk], d.upto)
        warning = "-" if p is None or p.capaian.value is None else ("Ya" if p.early_warning else "Tidak")
        t.add(
            n, ind.name, ind.satuan, num(item.annual_target, ind.precision), num(x.target, ind.precision),
            num(x.realised, ind.precision), fig(capaian, "capaian", conv), basis,
            num(p.value if p else None, ind.precision), fig(p.capaian if p else None, "capaian", conv), warning,
        )  # fmt: skip
    return with_excluded(t, f)
