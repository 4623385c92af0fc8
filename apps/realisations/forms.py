from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.calculations.bridge import plain
from apps.core.forms import IndonesianDecimalField
from apps.core.numbers import format_number_id
from apps.planning.models import PEER_ONLY_FOR_PD, PEER_REQUIRED, ComparisonFigure

from .evidence import MAX_EVIDENCE_BYTES
from .models import Evidence, Realisation


class RealisationForm(forms.Form):
    value = IndonesianDecimalField(
        label=_("Realisasi triwulan ini"), help_text=_("Format Indonesia, mis. 1.234,5. Kosongkan bila belum ada (kosong bukan nol).")
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    source_document = forms.CharField(label=_("Nomor dokumen sumber"), max_length=200, required=False)
    source_date = forms.DateField(
        label=_("Tanggal dokumen"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    source_issuer = forms.CharField(label=_("Penerbit dokumen"), max_length=200, required=False)
    numerator = IndonesianDecimalField(
        label=_("Pembilang"),
        help_text=_("Untuk indikator rasio: angka di atas garis rumus, mis. 40 (fasilitasi yang ditindaklanjuti). Boleh kosong."),
    )
    denominator = IndonesianDecimalField(
        label=_("Penyebut"), help_text=_("Angka di bawah garis rumus, mis. 42 (seluruh fasilitasi). Diisi bersama pembilang.")
    )
    state = forms.ChoiceField(
        label=_("Keadaan realisasi"), choices=Realisation.State.choices, required=False,
        help_text=_("«Belum tersedia»: diukur pihak lain atau survei belum selesai. «Tidak dapat diukur»: isi alasannya. "
                    "Keduanya tanpa nilai; laporan tetap dapat diajukan dan indikator ini tidak dihitung dalam rata-rata."),
    )  # fmt: skip
    state_reason = forms.CharField(
        label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila realisasi belum tersedia atau tidak dapat diukur; dicetak di laporan menggantikan angkanya."),
    )  # fmt: skip
    expected_source = forms.CharField(
        label=_("Sumber yang ditunggu"), max_length=200, required=False, help_text=_("mis. Survei IKM oleh BPS Kabupaten")
    )
    expected_date = forms.DateField(
        label=_("Perkiraan tanggal tersedia"), required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak dikenali: tulis dengan format tttt-bb-hh, mis. 2025-03-31.")},
    )  # fmt: skip
    faktor_pendukung = forms.CharField(label=_("Faktor pendukung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    faktor_penghambat = forms.CharField(label=_("Faktor penghambat"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    solusi = forms.CharField(label=_("Solusi / upaya"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, places: int = 4, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].places = places  # type: ignore[attr-defined]

    @classmethod
    def of(cls, realisation: Realisation | None, *, places: int) -> RealisationForm:
        """The form showing the stored ``realisation`` (blank when there is none yet)."""
        r = realisation
        return cls(
            initial={
                "value": r.value if r else None,
                "revision": r.revision if r else 0,
                "source_document": r.source_document if r else "",
                "source_date": r.source_date if r else None,
                "source_issuer": r.source_issuer if r else "",
                "numerator": r.numerator if r else None,
                "denominator": r.denominator if r else None,
                "state": r.state if r else "",
                "state_reason": r.state_reason if r else "",
                "expected_source": r.expected_source if r else "",
                "expected_date": r.expected_date if r else None,
                "faktor_pendukung": r.faktor_pendukung if r else "",
                "faktor_penghambat": r.faktor_penghambat if r else "",
                "solusi": r.solusi if r else "",
            },
            places=places,
        )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Evidence.Kind.choices)
    description = forms.CharField(label=_("Keterangan"), max_length=300)
    upload = forms.FileField(label=_("Berkas (PDF, JPG, PNG, DOCX, XLSX; maks. 10 MB)"), required=False)
    url = forms.URLField(label=_("atau tautan"), required=False, max_length=500, assume_scheme="https")

    def clean_upload(self) -> Any:
        f = self.cleaned_data.get("upload")
        if f is not None and f.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar. Batas bukti dukung 10 MB."))
        return f


class ComparisonForm(forms.Form):
    level = forms.ChoiceField(label=_("Tingkat"), choices=ComparisonFigure.Level.choices)
    peer = forms.CharField(
        label=_("Nama perangkat daerah pembanding"), max_length=200, required=False,
        help_text=_("Hanya untuk tingkat «perangkat daerah lain», sebagaimana dicetak di kepala kolom, mis. «Kedungjajang»."),
    )  # fmt: skip
    value = IndonesianDecimalField(label=_("Nilai"))
    not_available = forms.BooleanField(label=_("Tidak tersedia"), required=False)
    source = forms.CharField(label=_("Sumber"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("value") is None and not data.get("not_available"):
            raise forms.ValidationError(_("Isi nilai atau centang «tidak tersedia»."))
        if data.get("value") is not None and data.get("not_available"):
            raise forms.ValidationError(_("Isi nilai atau centang «tidak tersedia» (salah satu)."))
        pd = data.get("level") == ComparisonFigure.Level.PERANGKAT_DAERAH
        if pd and not (data.get("peer") or "").strip():
            self.add_error("peer", PEER_REQUIRED)
        if not pd and (data.get("peer") or "").strip():
            self.add_error("peer", PEER_ONLY_FOR_PD)
        return data


class HistoryForm(forms.Form):
    """An indicator's riwayat for an earlier year: its target and its realisasi (either may be blank)."""

    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    target = IndonesianDecimalField(label=_("Target"), help_text=_("Format Indonesia, mis. 84,5. Kosongkan bila tidak diubah."))
    value = IndonesianDecimalField(label=_("Realisasi"), help_text=_("Realisasi setahun (s/d TW IV). Kosongkan bila tidak diubah."))


class ServiceScoreForm(forms.Form):
    """One jenis layanan of an indicator in a year and its value (seed 002 §4.6: IKM per jenis layanan)."""

    name = forms.CharField(label=_("Jenis layanan"), max_length=200)
    value = IndonesianDecimalField(label=_("Nilai"), required=True, help_text=_("Format Indonesia, mis. 98,35 (0 s/d 100)."))


class AspectScoresForm(forms.Form):
    """The skor of each aspect of an "indeks beraspek" indicator in a year: one field per aspect, blank = not scored."""

    def __init__(self, *args: Any, aspects: list[Any], scores: dict[int, Decimal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for aspect in aspects:
            self.fields[f"aspect_{aspect.pk}"] = IndonesianDecimalField(
                label=aspect.name,
                initial=scores.get(aspect.pk),
                help_text=_("Bobot %(w)s") % {"w": format_number_id(plain(aspect.weight))},
            )
        self.aspect_pks = [a.pk for a in aspects]

    def scores(self) -> dict[int, Decimal | None]:
        return {pk: self.cleaned_data.get(f"aspect_{pk}") for pk in self.aspect_pks}
