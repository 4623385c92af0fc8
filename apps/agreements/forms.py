from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.forms import IndonesianDecimalField, errors_by_field
from apps.planning.models import Indicator

from .models import PerjanjianKinerja, PKItem


class PKCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    signing_date = forms.DateField(label=_("Tanggal penandatanganan"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Buat PK dari target Renstra")))


class PKHeaderForm(forms.ModelForm):
    class Meta:
        model = PerjanjianKinerja
        fields = ["signing_date", "signing_place", "notes"]
        widgets = {"signing_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "notes": forms.Textarea(attrs={"rows": 2})}


class PKItemForm(forms.ModelForm):
    annual_target = IndonesianDecimalField(label=_("Target tahunan"))
    annual_target_max = IndonesianDecimalField(label=_("Maks"))
    tw1 = IndonesianDecimalField(label="TW I")
    tw2 = IndonesianDecimalField(label="TW II")
    tw3 = IndonesianDecimalField(label="TW III")
    tw4 = IndonesianDecimalField(label="TW IV")

    class Meta:
        model = PKItem
        fields = ["annual_target", "annual_target_max", "quarter_mode", "tw1", "tw2", "tw3", "tw4", "order"]
        widgets = {
            "quarter_mode": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "order": forms.NumberInput(attrs={"class": "form-control form-control-sm", "style": "width:4.5rem"}),
        }


PKItemFormSet = forms.modelformset_factory(PKItem, form=PKItemForm, extra=0, can_delete=True)


class PKBudgetForm(forms.Form):
    """One field per program of the Renstra: the PK's anggaran for it (blank: no budget row)."""

    def __init__(self, *args: Any, programs: list[Any], budgets: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programs = programs
        for p in programs:
            self.fields[f"budget_{p.pk}"] = IndonesianDecimalField(label=str(p), places=2, initial=budgets.get(p.pk))

    def budgets(self) -> dict[int, Any]:
        return {p.pk: self.cleaned_data.get(f"budget_{p.pk}") for p in self.programs}

    def rows(self) -> list[tuple[Any, Any]]:
        return [(p, self[f"budget_{p.pk}"]) for p in self.programs]


class PKAddItemForm(forms.Form):
    indicator = forms.ModelChoiceField(queryset=None, label=_("Tambah indikator"))  # type: ignore[arg-type]

    def __init__(self, *args: Any, agreement: PerjanjianKinerja, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = (  # type: ignore[attr-defined]
            Indicator.objects.filter(renstra=agreement.renstra)
            .exclude(pk__in=agreement.items.values("indicator"))
            .exclude(discontinued_after__lt=agreement.year)  # no longer measured in the PK's year
        )


def attach_errors(exc: ValidationError, *, header: forms.BaseForm, formset: Any) -> None:
    """Put the errors of :func:`apps.agreements.services.pk_update` on the forms: a key ``"<item pk>:<field>"``
    on that item's field, anything else on the header."""
    by_pk = {str(f.instance.pk): f for f in formset.forms}
    for key, msgs in errors_by_field(exc).items():
        item_pk, _sep, field = (key or "").partition(":")
        target = by_pk.get(item_pk)
        for m in msgs:
            if target is not None and field in target.fields:
                target.add_error(field, m)
            else:
                header.add_error(None, m)
