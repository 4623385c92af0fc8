from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import IndonesianDecimalField


class NarrativeForm(forms.Form):
    text = forms.CharField(label=_("Teks"), required=False, widget=forms.Textarea(attrs={"rows": 16}), max_length=20_000)
    # The narrative's revision when the form was opened: a save after someone else's is refused (409).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class EvaluationForm(forms.Form):
    lhe_number = forms.CharField(label=_("Nomor LHE"), max_length=200, required=False)
    lhe_date = forms.DateField(label=_("Tanggal LHE"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    perencanaan = IndonesianDecimalField(label=_("Perencanaan kinerja (maks 30)"), places=2)
    pengukuran = IndonesianDecimalField(label=_("Pengukuran kinerja (maks 30)"), places=2)
    pelaporan = IndonesianDecimalField(label=_("Pelaporan kinerja (maks 15)"), places=2)
    evaluasi_internal = IndonesianDecimalField(label=_("Evaluasi akuntabilitas kinerja internal (maks 25)"), places=2)
    total = IndonesianDecimalField(
        label=_("Nilai AKIP (hanya bila LHE tidak merinci komponen)"), places=2,
        help_text=_("Isi keempat komponen (nilai dihitung sebagai jumlahnya), atau nilai AKIP saja."),
    )  # fmt: skip
    recommendations = forms.CharField(label=_("Rekomendasi (satu per baris)"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, evaluation: Any = None, **kwargs: Any) -> None:
        if evaluation is not None and not args:
            kwargs.setdefault("initial", {
                "lhe_number": evaluation.lhe_number, "lhe_date": evaluation.lhe_date, **evaluation.scores(), "total": evaluation.total,
                "recommendations": "\n".join(r.text for r in evaluation.recommendations.all()),
            })  # fmt: skip
        super().__init__(*args, **kwargs)

    def fields_data(self) -> dict[str, Any]:
        keys = ["lhe_number", "lhe_date", "perencanaan", "pengukuran", "pelaporan", "evaluasi_internal", "total"]
        return {k: self.cleaned_data.get(k) for k in keys}


class FollowUpForm(forms.ModelForm):
    class Meta:
        from .models import FollowUp

        model = FollowUp
        fields = ["rencana_aksi", "hasil", "waktu", "penanggung_jawab", "state"]
        widgets = {"rencana_aksi": forms.Textarea(attrs={"rows": 2}), "hasil": forms.Textarea(attrs={"rows": 2})}
