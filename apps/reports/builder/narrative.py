"""Generated narrative drafts: the text a narrative shows until the operator saves one (docs/reports.md,
"Narratives"), quoting the computed figures; and the analysis paragraphs of BAB III A.5 from the
faktor pendukung/penghambat and solusi entered with the realisations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps import calculations as calc
from apps.core.numbers import format_decimal_id, format_percent, format_rupiah
from apps.core.periods import ROMAN

from ..document import BulletList, Paragraph
from .report_figures import Figures


class Drafts:
    """Draft narratives quoting computed figures (the operator edits them; the figures stay computed)."""

    def __init__(self, f: Figures) -> None:
        self.f = f

    def figure(self, value: Decimal | None, kind: str) -> str:
        """A figure of ``kind`` (capaian, serapan, rupiah, ...) in a sentence as the pemda's report convention
        prints it in the tables (its places and rounding mode; issue 18)."""
        rule = self.f.d.convention.rule(kind)
        if kind == "rupiah":
            return format_rupiah(value, rule.places, rounding=rule.rounding)
        return format_percent(value, rule.places, rounding=rule.rounding)

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
            if calc.is_state(cap):  # "belum tersedia" / "tidak dapat diukur": the state and its reason (issue 18)
                parts.append(f"{item.indicator.name}: realisasi {cap.reason}; tidak dihitung dalam rata-rata.")
                continue
            band = f.predikat(cap)
            predikat = f", predikat {calc.predikat_text(band, f.display)}" if band else ""
            parts.append(
                f"{item.indicator.name}: realisasi {format_decimal_id(f.realised(item.indicator).value, item.indicator.precision)} {item.indicator.satuan} "
                f"dari target {format_decimal_id(f.target(item), item.indicator.precision)} (capaian {self.figure(cap.value, 'capaian')}{predikat})."
            )
        org_cap = f.organisation_rollup()
        if org_cap.value is not None:
            parts.append(f"Rata-rata capaian sasaran {self.figure(org_cap.value, 'capaian')}.")
        parts.append(self.budget_sentence())
        return "\n\n".join(parts)

    def budget_sentence(self) -> str:
        total = self.f.budget_total()
        if total is None:
            pk_total = self.f.pk_budget_total()
            if pk_total.value is None:
                return "Data anggaran belum tersedia."
            return f"Anggaran program dalam Perjanjian Kinerja sebesar {self.figure(pk_total.value, 'rupiah')}; realisasi anggaran belum diimpor."
        serapan = self.f.org.serapan
        text = (
            f"Realisasi anggaran {self.figure(total.total_realisasi(), 'rupiah')} dari pagu {self.figure(total.total_pagu(), 'rupiah')} "
            f"(serapan {self.figure(serapan.value, 'serapan')})."
        )
        convention = self.f.d.convention
        if convention.state_efisiensi_anggaran and serapan.value is not None:  # issue 18: the unspent share, where the pemda states it
            places = convention.rule("efisiensi_anggaran").places
            efisiensi = calc.efisiensi_anggaran(serapan, places=places)
            text += f" Efisiensi anggaran {self.figure(efisiensi.value, 'efisiensi_anggaran')} (100 − serapan)."
        return text

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
            + "; ".join(f"{i.indicator.name} ({self.figure(self.f.capaian(i).value, 'capaian')})" for i in below)
            + "."
        )

    def analisis(self) -> str:
        f = self.f
        met = [i for i in f.d.items if (c := f.capaian(i)).value is not None and c.value >= 100]
        below = [i for i in f.d.items if (c := f.capaian(i)).value is not None and c.value < 100]
        blank = [i for i in f.d.items if f.capaian(i).value is None]
        text = f"Dari {len(f.d.items)} indikator Perjanjian Kinerja, {len(met)} mencapai atau melampaui target dan {len(below)} belum mencapai target."
        pending = [i for i in blank if calc.is_state(f.capaian(i))]
        if len(blank) > len(pending):
            text += f" {len(blank) - len(pending)} indikator belum dapat diukur (realisasi atau target belum ada)."
        for i in pending:  # issue 18: "belum tersedia" / "tidak dapat diukur", with its reason
            text += f" Realisasi «{i.indicator.name}» {f.capaian(i).reason}; tidak dihitung dalam rata-rata."
        return text

    def kesimpulan(self) -> str:
        f = self.f
        org = f.organisation_rollup()
        band = f.predikat(org)
        text = self.analisis()
        if org.value is not None:
            text += f" Rata-rata capaian sasaran {self.figure(org.value, 'capaian')}" + (
                f" dengan predikat {calc.predikat_text(band, f.display)}." if band else "."
            )
        return text + " " + self.budget_sentence()

    def saran(self) -> str:
        solutions = []
        for item in self.f.d.items:
            r = self.f.realisation_row(item.indicator)
            if r is not None and r.solusi:
                solutions.append(f"{item.indicator.name}: {r.solusi}")
        return "\n".join(solutions) if solutions else "Mempertahankan capaian kinerja dan menindaklanjuti hasil evaluasi."


def analysis_blocks(f: Figures) -> list[Any]:
    """Per indicator with entered factors: its capaian, then the faktor pendukung/penghambat and solusi."""
    blocks: list[Any] = []
    for item in f.d.items:
        r = f.realisation_row(item.indicator)
        if r is None or not (r.faktor_pendukung or r.faktor_penghambat or r.solusi):
            continue
        cap = f.capaian(item)
        lines = [f"Capaian {Drafts(f).figure(cap.value, 'capaian')} ({cap.derivation})."]
        if r.faktor_pendukung:
            lines.append("Faktor pendukung: " + r.faktor_pendukung)
        if r.faktor_penghambat:
            lines.append("Faktor penghambat: " + r.faktor_penghambat)
        if r.solusi:
            lines.append("Solusi: " + r.solusi)
        blocks.append(Paragraph(item.indicator.name))
        blocks.append(BulletList(lines))
    return blocks
