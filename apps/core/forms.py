"""Form fields shared by every data-entry form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.numbers import NumberParseError, format_decimal_id, parse_decimal_id


class IndonesianDecimalField(forms.CharField):
    """A number typed the Indonesian way ("1.234,5", "84,24", "Rp 467.358.000").

    Parsing is done by apps.core.numbers.parse_decimal_id; an empty input is
    ``None`` (blank is not zero). The widget shows stored values in the same format.
    """

    def __init__(self, *, places: int = 4, min_value: Decimal | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "form-control text-end"})
        )
        self.places = places
        self.min_value = min_value
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            exponent = value.normalize().as_tuple().exponent
            places = max(0, -exponent) if isinstance(exponent, int) else 0
            return format_decimal_id(value, min(places, self.places))
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in (None, ""):
            return None
        try:
            number = parse_decimal_id(text)
        except NumberParseError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
        if -number.as_tuple().exponent > self.places:  # type: ignore[operator]
            raise forms.ValidationError(_("Paling banyak %(n)s angka di belakang koma.") % {"n": self.places}, code="max_decimal_places")
        if abs(number) >= Decimal(10) ** 15:
            raise forms.ValidationError(_("Angka terlalu besar."), code="too_large")
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(_("Tidak boleh kurang dari %(min)s.") % {"min": self.min_value}, code="min_value")
        return number


def errors_by_field(exc: Any) -> dict[str | None, list[str]]:
    """A ValidationError's messages by field (``None`` for errors not tied to a field)."""
    if hasattr(exc, "error_dict"):
        return {(None if k == "__all__" else k): v for k, v in exc.message_dict.items()}
    return {None: list(exc.messages)}
