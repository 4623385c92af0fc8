from __future__ import annotations

from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.calculations.bridge import plain
from apps.core.forms import IndonesianDecimalField
from apps.core.numbers import format_number_id, parse_decimal_id

from .models import (
    CAPAIAN_TARGET,
    DISCONTINUED_TARGET,
    PENANGGUNG_JAWAB_MAX,
    PENANGGUNG_JAWAB_TOO_LONG,
    RANGE_MIN_ABOVE_MAX,
    AspectScale,
    Indicator,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    StrategiKebijakan,
    SubKegiatan,
    Tujuan,
)

PENANGGUNG_JAWAB_ERRORS = {"penanggung_jawab": {"max_length": PENANGGUNG_JAWAB_TOO_LONG % {"max": PENANGGUNG_JAWAB_MAX}}}


class CrispyMixin:
    submit_label = _("Simpan")

    def _helper(self) -> None:
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class RenstraForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Renstra
        fields = [
            "start_year",
            "end_year",
            "version_kind",
            "version_number",
            "legal_basis",
            "iku_legal_basis",
            "source_plan",
            "visi",
            "misi",
        ]
        widgets = {"visi": forms.Textarea(attrs={"rows": 2}), "misi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self._helper()


class NodeForm(CrispyMixin, forms.ModelForm):
    """Base for tree nodes: parent choices are limited to the same Renstra."""

    parent_field: str | None = None

    def __init__(self, *args: Any, renstra: Renstra, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.renstra = renstra
        if self.parent_field:
            model = self.fields[self.parent_field].queryset.model  # type: ignore[attr-defined]
            self.fields[self.parent_field].queryset = model.objects.filter(renstra=renstra)  # type: ignore[attr-defined]
        if "sasaran" in self.fields:
            self.fields["sasaran"].queryset = Sasaran.objects.filter(renstra=renstra)  # type: ignore[attr-defined]
        self._helper()


class TujuanForm(NodeForm):
    class Meta:
        model = Tujuan
        fields = ["order", "code", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class SasaranForm(NodeForm):
    parent_field = "tujuan"

    class Meta:
        model = Sasaran
        fields = ["tujuan", "order", "code", "text", "abk", "sdm_tersedia"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ProgramForm(NodeForm):
    class Meta:
        model = Program
        fields = ["order", "code", "name", "sasaran_program", "sasaran", "penanggung_jawab"]
        widgets = {"sasaran_program": forms.Textarea(attrs={"rows": 2}), "sasaran": forms.CheckboxSelectMultiple}
        error_messages = PENANGGUNG_JAWAB_ERRORS


class KegiatanForm(NodeForm):
    parent_field = "program"

    class Meta:
        model = Kegiatan
        fields = ["program", "order", "code", "name", "penanggung_jawab"]
        error_messages = PENANGGUNG_JAWAB_ERRORS


class SubKegiatanForm(NodeForm):
    parent_field = "kegiatan"

    class Meta:
        model = SubKegiatan
        fields = ["kegiatan", "order", "code", "name", "penanggung_jawab"]
        error_messages = PENANGGUNG_JAWAB_ERRORS


class StrategiKebijakanForm(NodeForm):
    """A strategi of the Renstra with its arah kebijakan (one per line), for one sasaran or the whole Renstra."""

    parent_field = "sasaran"

    class Meta:
        model = StrategiKebijakan
        fields = ["sasaran", "order", "strategi", "arah_kebijakan"]
        widgets = {"strategi": forms.Textarea(attrs={"rows": 2}), "arah_kebijakan": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].empty_label = _("Seluruh sasaran Renstra")  # type: ignore[attr-defined]


class IndicatorForm(CrispyMixin, forms.ModelForm):
    """The indicator definition plus one target field per year of the Renstra period."""

    weight = IndonesianDecimalField(label=_("bobot"), places=2, min_value=None)
    baseline_value = IndonesianDecimalField(label=_("kondisi awal / target awal"))
    end_target = IndonesianDecimalField(label=_("target akhir periode"))
    end_target_max = IndonesianDecimalField(label=_("target akhir periode (maks, untuk rentang)"))

    class Meta:
        model = Indicator
        fields = [
            "name", "code", "satuan", "is_iku", "direction", "lower_formula", "aggregation", "measurement",
            "precision", "definition", "formula_text", "composite_expression", "data_source", "responsible_unit", "weight",
            "baseline_year", "baseline_value", "end_target", "end_target_max", "order", "discontinued_after", "support",
        ]  # fmt: skip
        widgets = {"definition": forms.Textarea(attrs={"rows": 2}), "formula_text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, renstra: Renstra, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.renstra = renstra
        self.fields["measurement"].required = False
        self.fields["support"].required = False
        self.fields["responsible_unit"].queryset = renstra.organisation.units.all()  # type: ignore[attr-defined]
        existing = {t.year: t for t in self.instance.targets.all()} if self.instance.pk else {}
        for year in renstra.years:
            t = existing.get(year)
            self.fields[f"target_{year}"] = IndonesianDecimalField(label=_("Target %(y)s") % {"y": year}, initial=t.value if t else None)
            self.fields[f"target_max_{year}"] = IndonesianDecimalField(
                label=_("Target maks %(y)s (rentang)") % {"y": year}, initial=t.value_max if t else None
            )
        self._helper()

    def clean_measurement(self) -> Any:
        """Optional: a form without the field keeps realisations entered per triwulan."""
        return self.cleaned_data.get("measurement") or Indicator.Measurement.ENTERED

    def clean_weight(self) -> Any:
        value = self.cleaned_data.get("weight")
        if value is None:
            return Decimal(1)
        if value < 0:
            raise forms.ValidationError(_("Bobot tidak boleh negatif."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        is_range = data.get("direction") == Indicator.Direction.RANGE
        for year in self.renstra.years:
            low, high = data.get(f"target_{year}"), data.get(f"target_max_{year}")
            if high is not None and not is_range:
                self.add_error(f"target_max_{year}", _("Target maks hanya untuk indikator dengan target rentang."))
            if is_range and low is not None and high is not None and low > high:
                self.add_error(f"target_max_{year}", RANGE_MIN_ABOVE_MAX)
            if is_range and (low is None) != (high is None):
                self.add_error(f"target_max_{year}", _("Target rentang memerlukan batas bawah dan batas atas."))
            if data.get("measurement") == Indicator.Measurement.CAPAIAN and low is not None and low != 100:
                self.add_error(f"target_{year}", CAPAIAN_TARGET % {"year": year})
            last = data.get("discontinued_after")
            if last is not None and year > last and (low is not None or high is not None):
                self.add_error(f"target_{year}", DISCONTINUED_TARGET % {"last": last, "year": year})
        if is_range and data.get("end_target") is not None and data.get("end_target_max") is not None:
            if data["end_target"] > data["end_target_max"]:
                self.add_error("end_target_max", RANGE_MIN_ABOVE_MAX)
        return data

    def targets(self) -> dict[int, tuple[Any, Any]]:
        return {y: (self.cleaned_data.get(f"target_{y}"), self.cleaned_data.get(f"target_max_{y}")) for y in self.renstra.years}


ASPECT_LINE_FORMAT = _("Baris %(line)s: tulis «nama aspek ; bobot», mis. «Kebijakan Pelayanan ; 30».")
ASPECT_LINE_WEIGHT = _("Baris %(line)s: bobot «%(text)s» bukan angka (format Indonesia, mis. 30 atau 0,3).")


class AspectsForm(forms.Form):
    """The aspects and scoring scale of an "indeks beraspek" indicator (issue 18): one aspect per line,
    «nama ; bobot», in the order they are printed."""

    score_min = IndonesianDecimalField(label=_("Skor minimum"), required=True, help_text=_("mis. 0"))
    score_max = IndonesianDecimalField(label=_("Skor maksimum"), required=True, help_text=_("mis. 5"))
    weight_basis = forms.ChoiceField(label=_("Satuan bobot"), choices=AspectScale.WeightBasis.choices)
    factor_percent = IndonesianDecimalField(
        label=_("Perhitungan aspek (%)"), help_text=_("Jumlah nilai aspek dikalikan persentase ini. Kosongkan bila tidak ada.")
    )
    aspects = forms.CharField(
        label=_("Aspek dan bobot"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Satu aspek per baris: «nama aspek ; bobot», mis. «Kebijakan Pelayanan ; 30»."),
    )
    levels = forms.CharField(label=_("Arti tingkat skor"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("Opsional, satu tingkat per baris, mis. «1 = Sangat kurang»."))  # fmt: skip

    def clean_aspects(self) -> list[tuple[str, Decimal]]:
        rows: list[tuple[str, Decimal]] = []
        errors = []
        for number, line in enumerate(self.cleaned_data["aspects"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, weight = line.rpartition(";")
            if not sep or not name.strip() or not weight.strip():
                errors.append(ASPECT_LINE_FORMAT % {"line": number})
                continue
            try:
                rows.append((name.strip(), parse_decimal_id(weight.strip())))
            except ValueError:
                errors.append(ASPECT_LINE_WEIGHT % {"line": number, "text": weight.strip()})
        if errors:
            raise forms.ValidationError(errors)
        return rows

    @classmethod
    def initial_of(cls, indicator: Indicator) -> dict[str, Any]:
        scale = AspectScale.objects.filter(indicator=indicator).first()
        lines = "\n".join(f"{a.name} ; {format_number_id(plain(a.weight))}" for a in indicator.aspects.all())
        if scale is None:
            return {"score_min": Decimal(0), "score_max": Decimal(5), "weight_basis": AspectScale.WeightBasis.PERCENT, "aspects": lines}
        return {"score_min": scale.score_min, "score_max": scale.score_max, "weight_basis": scale.weight_basis,
                "factor_percent": scale.factor_percent, "levels": scale.levels, "aspects": lines}  # fmt: skip
