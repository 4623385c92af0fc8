from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import IndonesianDecimalField


class NarrativeForm(forms.Form):
    text = forms.CharField(label=_("Teks"), required=False, widget=forms.Textarea(attrs={"rows": 16}), max_length=20_000)
    # The narrative's revision when the form was opened: a save after someone else's is refused (409).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReportDateForm(forms.Form):
    """The date and place the report is signed (services.report_date_set checks the period and the freeze)."""

    report_date = forms.DateField(
        label=_("Tanggal laporan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"),
    )
    report_place = forms.CharField(
        label=_("Tempat"), max_length=100, required=False, widget=forms.TextInput(attrs={"class": "form-control form-control-sm"})
    )


class EvaluationForm(forms.Form):
    lhe_number = forms.CharField(label=_("Nomor LHE"), max_length=200, required=False)
    lhe_date = forms.DateField(label=_("Tanggal LHE"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    perencanaan = IndonesianDecimalField(label=_("Perencanaan kinerja (maks 30)"), places=2)
    pengukuran = IndonesianDecimalField(label=_("Pengukuran kinerja (maks 30)"), places=2)
    pelaporan = IndonesianDecimalField(label=_("Pelaporan kinerja (maks 15)"), places=2)
    evaluasi_internal = IndonesianDecimalField(label=_("Evaluasi akuntabilitas kinerja internal (maks 25)"), places=2)
    perencanaan_lke = IndonesianDecimalField(label=_("Perencanaan kinerja: LKE"), places=2)
    perencanaan_lapangan = IndonesianDecimalField(label=_("Perencanaan kinerja: evaluasi lapangan"), places=2)
    pengukuran_lke = IndonesianDecimalField(label=_("Pengukuran kinerja: LKE"), places=2)
    pengukuran_lapangan = IndonesianDecimalField(label=_("Pengukuran kinerja: evaluasi lapangan"), places=2)
    pelaporan_lke = IndonesianDecimalField(label=_("Pelaporan kinerja: LKE"), places=2)
    pelaporan_lapangan = IndonesianDecimalField(label=_("Pelaporan kinerja: evaluasi lapangan"), places=2)
    evaluasi_internal_lke = IndonesianDecimalField(label=_("Evaluasi akuntabilitas kinerja internal: LKE"), places=2)
    evaluasi_internal_lapangan = IndonesianDecimalField(
        label=_("Evaluasi akuntabilitas kinerja internal: evaluasi lapangan"), places=2,
        help_text=_("Bila LHE merinci nilai LKE dan evaluasi lapangan, isi keduanya dan kosongkan nilai komponen: "
                    "nilai = 0,8 × LKE + 0,2 × evaluasi lapangan (tanpa evaluasi lapangan: nilai = LKE)."),
    )  # fmt: skip
    total = IndonesianDecimalField(
        label=_("Nilai AKIP (hanya bila LHE tidak merinci komponen)"), places=2,
        help_text=_("Isi keempat komponen (nilai dihitung sebagai jumlahnya), atau nilai AKIP saja."),
    )  # fmt: skip
    recommendations = forms.CharField(label=_("Rekomendasi (satu per baris)"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, evaluation: Any = None, **kwargs: Any) -> None:
        if evaluation is not None and not args:
            kwargs.setdefault("initial", {
                "lhe_number": evaluation.lhe_number, "lhe_date": evaluation.lhe_date, **evaluation.entered_scores(), "total": evaluation.total,
                **{f"{c}_lke": v for c, v in evaluation.lke_scores().items()},
                **{f"{c}_lapangan": v for c, v in evaluation.lapangan_scores().items()},
                "recommendations": "\n".join(r.text for r in evaluation.recommendations.all()),
            })  # fmt: skip
        super().__init__(*args, **kwargs)

    def fields_data(self) -> dict[str, Any]:
        components = ["perencanaan", "pengukuran", "pelaporan", "evaluasi_internal"]
        keys = ["lhe_number", "lhe_date", *components, *(f"{c}_{s}" for c in components for s in ("lke", "lapangan")), "total"]
        return {k: self.cleaned_data.get(k) for k in keys}


class FollowUpForm(forms.ModelForm):
    class Meta:
        from .models import FollowUp

        model = FollowUp
        fields = ["rencana_aksi", "hasil", "waktu", "penanggung_jawab", "state"]
        widgets = {"rencana_aksi": forms.Textarea(attrs={"rows": 2}), "hasil": forms.Textarea(attrs={"rows": 2})}


class SarprasForm(forms.Form):
    """The kecamatan's sarana dan prasarana of a year, one item per line (apps.reports.sarpras.parse_items)."""

    items = forms.CharField(
        label=_("Sarana dan prasarana (satu barang per baris)"), required=False, widget=forms.Textarea(attrs={"rows": 16}),
        max_length=60_000,
        help_text=_("Tulis «uraian; hasil rekon; standar kebutuhan», mis. «Filing Cabinet Besi; 3; 7». Standar kebutuhan "
                    "boleh kosong. Baris dari lembar kerja (dipisah tab) juga diterima. Menyimpan mengganti seluruh daftar tahun ini."),
    )  # fmt: skip

    def clean_items(self) -> list[tuple[str, int, int | None]]:
        from .sarpras import parse_items

        return parse_items(self.cleaned_data["items"])


class PenghargaanForm(forms.Form):
    """The awards the kecamatan received in a year, one per line (apps.reports.penghargaan.parse_items)."""

    items = forms.CharField(
        label=_("Penghargaan (satu per baris)"), required=False, widget=forms.Textarea(attrs={"rows": 10}), max_length=60_000,
        help_text=_("Tulis «nama penghargaan; pemberi; tingkat; tanggal», mis. «Juara I Lomba Inovasi Pelayanan Publik; Bupati "
                    "Jombang; Kabupaten/Kota; 17-08-2024». Tingkat: Kecamatan, Kabupaten/Kota, Provinsi, Nasional atau "
                    "Internasional. Tanggal boleh kosong. Menyimpan mengganti seluruh daftar tahun ini."),
    )  # fmt: skip

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_items(self) -> list[Any]:
        from .penghargaan import parse_items

        return parse_items(self.cleaned_data["items"], self.year)


class RbEvaluationForm(forms.Form):
    """The RB evaluation of a kecamatan-year as its letter states it (apps.reports.rb.parse_components)."""

    letter_number = forms.CharField(label=_("Nomor surat hasil evaluasi RB"), max_length=200, required=False)
    letter_date = forms.DateField(
        label=_("Tanggal surat"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    components = forms.CharField(
        label=_("Komponen (satu per baris)"), required=False, widget=forms.Textarea(attrs={"rows": 10}), max_length=30_000,
        help_text=_("Komponen utama yang dirinci: «komponen; bobot», diikuti rinciannya «- rincian; bobot; nilai» (nilai "
                    "komponen utama = jumlah nilai rinciannya). Komponen tanpa rincian: «komponen; bobot; nilai». Bobot dalam "
                    "persen; jumlah bobot komponen utama 100."),
    )  # fmt: skip
    indeks = IndonesianDecimalField(
        label=_("Indeks RB dalam surat"), places=2,
        help_text=_("Isi indeks sebagaimana tertulis dalam surat hasil evaluasi; kosong: indeks = jumlah nilai komponen."),
    )  # fmt: skip

    def clean_components(self) -> list[Any]:
        from .rb import parse_components

        return parse_components(self.cleaned_data["components"])
