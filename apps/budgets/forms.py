"""Upload forms only select the file (convention 10); the grid form holds one field per sub kegiatan."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import IndonesianDecimalField

from .codes import AKUN_BELANJA
from .importer import MAX_UPLOAD_BYTES
from .models import DpaKind

FILE_TOO_LARGE = _("Berkas terlalu besar; batasnya %(mb)s MB.")


class XlsxFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        f = super().clean(data, initial)
        if f is not None and f.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE % {"mb": MAX_UPLOAD_BYTES // 1024 // 1024})
        return f


class DpaUploadForm(forms.Form):
    file = XlsxFileField(
        label=_("Berkas DPA/DPPA (.xlsx)"), help_text=_("Ekspor SIPD atau templat LKjIP; jenis berkas diperiksa dari isinya.")
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=DpaKind.choices, initial=DpaKind.MURNI)
    number = forms.CharField(label=_("Nomor DPA"), max_length=120, required=False)
    document_date = forms.DateField(
        label=_("Tanggal DPA"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class AnggaranKasUploadForm(forms.Form):
    file = XlsxFileField(
        label=_("Dokumen anggaran kas (.xlsx)"),
        help_text=_("Kolom kode sub kegiatan (dan kode akun bila per akun) dengan kolom bulan «Januari» … «Desember» atau "
                    "«Bulan 1» … «Bulan 12», atau triwulan «TW I» … «TW IV»."),
    )  # fmt: skip


class RealisasiUploadForm(forms.Form):
    file = XlsxFileField(
        label=_("Berkas realisasi (.xlsx)"),
        help_text=_("Kolom «Kode Sub Kegiatan» dan kolom «Realisasi s/d TW I» s/d «TW IV»; atau ekspor SIPD per kode rekening "
                    "(«Kode Sub Kegiatan», «Kode Rekening», «Nilai Realisasi»)."),
    )  # fmt: skip
    quarter = forms.TypedChoiceField(
        label=_("Realisasi s/d triwulan"), required=False, coerce=int, empty_value=None,
        choices=[("", _("(disebut di berkas)")), (1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")],
        help_text=_("Hanya untuk kolom «Nilai Realisasi» yang tidak menyebut triwulan, bila judul berkas juga tidak menyebutnya."),
    )  # fmt: skip


class RealisasiGridForm(forms.Form):
    """One «realisasi s/d TW n» field per DPA line, named ``r<line pk>``; blank is not zero."""

    stamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, lines: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes: dict[str, str] = {}
        for line in lines:
            name = f"r{line.pk}"
            self.fields[name] = IndonesianDecimalField(places=2, min_value=0, label=line.code)
            self.codes[name] = line.code

    def values(self) -> dict[str, Any]:
        return {code: self.cleaned_data.get(name) for name, code in self.codes.items()}

    def field_for(self, line: Any) -> Any:
        return self[f"r{line.pk}"]


class PendapatanForm(forms.Form):
    """One jenis pendapatan s/d a triwulan: anggaran, target and realisasi (Rupiah, Indonesian format)."""

    quarter = forms.TypedChoiceField(
        label=_("s/d triwulan"), choices=[(q, f"TW {r}") for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))], coerce=int
    )
    code = forms.CharField(label=_("Kode rekening"), max_length=30, required=False)
    name = forms.CharField(label=_("Jenis pendapatan"), max_length=200)
    anggaran = IndonesianDecimalField(label=_("Anggaran (Rp)"), required=False, min_value=0)
    target = IndonesianDecimalField(label=_("Target s/d triwulan (Rp)"), required=False, min_value=0)
    realisasi = IndonesianDecimalField(label=_("Realisasi s/d triwulan (Rp)"), required=False, min_value=0)


def akun_field_name(code: str) -> str:
    return "akun_" + code.replace(".", "_")


class DokumenAnggaranForm(forms.Form):
    """A budget document as a summary: belanja per kode akun (one field per kode akun; fill each amount at
    one level only) and, for a document whose lines are not imported, its numbers of programs, kegiatan and
    sub kegiatan."""

    program_count = forms.IntegerField(label=_("Jumlah program"), required=False, min_value=0, max_value=999)
    kegiatan_count = forms.IntegerField(label=_("Jumlah kegiatan"), required=False, min_value=0, max_value=9999)
    sub_kegiatan_count = forms.IntegerField(label=_("Jumlah sub kegiatan"), required=False, min_value=0, max_value=9999)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, name in AKUN_BELANJA.items():
            self.fields[akun_field_name(code)] = IndonesianDecimalField(label=f"{code} {name} (Rp)", required=False, min_value=0)

    def akun_fields(self) -> list[Any]:
        return [self[akun_field_name(code)] for code in AKUN_BELANJA]

    def amounts(self) -> dict[str, Any]:
        return {code: self.cleaned_data.get(akun_field_name(code)) for code in AKUN_BELANJA}

    def counts(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) for k in ("program_count", "kegiatan_count", "sub_kegiatan_count")}
