"""Sarana dan prasarana of a kecamatan per year (hasil rekon BMD against standar kebutuhan): the operator's
input behind the LKjIP's efisiensi sarana dan prasarana table (seed 002 "Tabel. 3.1.2")."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.core import locks
from apps.organisations.models import Organisation

from .models import SarprasItem

MAX_ITEMS = 500

LINE_FORMAT = _("Baris %(n)s: tulis «uraian; hasil rekon; standar kebutuhan» (standar kebutuhan boleh kosong).")
BAD_COUNT = _("Baris %(n)s: %(what)s harus bilangan bulat 0 atau lebih, bukan «%(text)s».")
NO_URAIAN = _("Baris %(n)s: uraian kosong.")
LONG_URAIAN = _("Baris %(n)s: uraian lebih dari 300 karakter.")
DUPLICATE = _("Baris %(n)s: uraian «%(text)s» sudah ada di baris %(first)s.")
TOO_MANY = _("Paling banyak %(max)s barang.")


def _count(text: str, n: int, what: str, *, optional: bool = False) -> int | None:
    text = text.strip()
    if not text or text == "-":
        if optional:
            return None
        raise ValidationError(BAD_COUNT % {"n": n, "what": what, "text": text})
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*|\d+", text):
        raise ValidationError(BAD_COUNT % {"n": n, "what": what, "text": text})
    return int(text.replace(".", ""))


def parse_items(text: str) -> list[tuple[str, int, int | None]]:
    """One item per line, «uraian; hasil rekon; standar kebutuhan» (a tab also separates: rows pasted from a
    spreadsheet); empty lines are skipped. Every bad line is reported, nothing is returned then."""
    items: list[tuple[str, int, int | None]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t") if "\t" in line else line.split(";")
        if len(parts) not in (2, 3):
            errors.append(LINE_FORMAT % {"n": n})
            continue
        uraian = parts[0].strip()
        try:
            if not uraian:
                raise ValidationError(NO_URAIAN % {"n": n})
            if len(uraian) > 300:
                raise ValidationError(LONG_URAIAN % {"n": n})
            if uraian.casefold() in seen:
                raise ValidationError(DUPLICATE % {"n": n, "text": uraian, "first": seen[uraian.casefold()]})
            hasil = _count(parts[1], n, _("hasil rekon"))
            standar = _count(parts[2] if len(parts) == 3 else "", n, _("standar kebutuhan"), optional=True)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        seen[uraian.casefold()] = n
        items.append((uraian, hasil, standar))  # type: ignore[arg-type]
    if len(items) > MAX_ITEMS:
        errors.append(TOO_MANY % {"max": MAX_ITEMS})
    if errors:
        raise ValidationError(errors)
    return items


def can_enter_sarpras(user: Any, organisation: Organisation) -> bool:
    """The kecamatan's operator enters its sarana dan prasarana."""
    return Organisation.objects.editable_by(user).filter(pk=organisation.pk).exists()


@transaction.atomic
def sarpras_save(*, organisation: Organisation, year: int, user: Any, items: list[tuple[str, int, int | None]]) -> int:
    """Replace the items of ``year`` by ``items`` (numbered in their order). Refused, nothing written, while a
    report of the year is frozen (the period lock)."""
    if not can_enter_sarpras(user, organisation):
        raise PermissionDenied
    locks.lock_reports(organisation_id=organisation.pk, year=year)
    locks.assert_editable(organisation.pk, year, 1)
    SarprasItem.objects.filter(organisation=organisation, year=year).delete()
    rows = [SarprasItem(organisation=organisation, year=year, number=n, uraian=u, hasil=h, standar=s, updated_by=user)
            for n, (u, h, s) in enumerate(items, start=1)]  # fmt: skip
    for row in rows:
        row.full_clean(validate_unique=False, validate_constraints=False)
    SarprasItem.objects.bulk_create(rows)
    return len(rows)


def sarpras_rows(*, organisation: Organisation, year: int) -> list[SarprasItem]:
    return list(SarprasItem.objects.filter(organisation=organisation, year=year).order_by("number"))


def sarpras_text(rows: list[SarprasItem]) -> str:
    """The items as the form's text, one «uraian; hasil; standar» per line."""
    return "\n".join(f"{r.uraian}; {r.hasil}" + (f"; {r.standar}" if r.standar is not None else "") for r in rows)
