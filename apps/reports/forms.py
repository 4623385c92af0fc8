from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NarrativeForm(forms.Form):
    text = forms.CharField(label=_("Teks"), required=False, widget=forms.Textarea(attrs={"rows": 16}), max_length=20_000)
