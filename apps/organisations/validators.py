"""Validation of Indonesian civil-service identifiers."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_INVALID = _("NIP harus terdiri dari 18 angka (spasi boleh), misalnya 19680812 200604 1 007.")
NIP_BAD_DATE = _("NIP tidak sah: 8 angka pertama harus tanggal lahir (TTTTBBHH) yang benar.")
NIP_BAD_TMT = _("NIP tidak sah: angka ke-9 s/d 14 harus tahun dan bulan TMT CPNS (TTTTBB).")
NIP_BAD_SEX = _("NIP tidak sah: angka ke-15 harus 1 (laki-laki) atau 2 (perempuan).")


def normalise_nip(value: str) -> str:
    """Strip the spaces and dots that hand-typed NIPs carry ("19670607 20070 1 1 026")."""
    return re.sub(r"[\s.]", "", value or "")


def validate_nip(value: str) -> None:
    """A NIP (BKN) is 18 digits: birth date (8), TMT CPNS year-month (6), sex (1), sequence (3)."""
    nip = normalise_nip(value)
    if not re.fullmatch(r"\d{18}", nip):
        raise ValidationError(NIP_INVALID, code="nip_format")
    try:
        dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(NIP_BAD_DATE, code="nip_birth_date") from None
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not (1950 <= tmt_year <= 2100 and 1 <= tmt_month <= 12):
        raise ValidationError(NIP_BAD_TMT, code="nip_tmt")
    if nip[14] not in "12":
        raise ValidationError(NIP_BAD_SEX, code="nip_sex")


def format_nip(value: str) -> str:
    """Render a stored NIP in the canonical 8-6-1-3 grouping."""
    nip = normalise_nip(value)
    if len(nip) != 18:
        return value
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
