"""Penghargaan: the awards a kecamatan received in a year (nama, pemberi, tingkat, tanggal), entered by its operator
one per line like the sarana dan prasarana, and listed in the LKjIP's lampiran (issue 19)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.core import locks
from apps.organisations.models import Organisation

from .models import Penghargaan

MAX_ITEMS = 200

LINE_FORMAT = _("Baris %(n)s: tulis «nama penghargaan; pemberi; tingkat; tanggal» (tanggal boleh kosong).")
EMPTY = _("Baris %(n)s: %(what)s kosong.")
TOO_LONG = _("Baris %(n)s: %(what)s lebih dari %(max)s karakter.")
BAD_LEVEL = _("Baris %(n)s: tingkat «%(text)s» tidak dikenal; pilih salah satu: %(choices)s.")
BAD_DATE = _("Baris %(n)s: tanggal «%(text)s» tidak dapat dibaca; tulis mis. 17-08-%(year)s.")
WRONG_YEAR = _("Baris %(n)s: tanggal %(text)s tidak berada di tahun %(year)s.")
TOO_MANY = _("Paling banyak %(max)s penghargaan.")

_LEVELS = {**{c.value: c.value for c in Penghargaan.Tingkat}, **{str(c.label).casefold(): c.value for c in Penghargaan.Tingkat},
           "kabupaten/kota": "kabupaten", "kota": "kabupaten"}  # fmt: skip


def _date(text: str, n: int, year: int) -> dt.date | None:
    text = text.strip()
    if not text or text == "-":
        return None
    day: dt.date | None = None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text):
        parts = (int(m[3]), int(m[2]), int(m[1]))
    else:
        raise ValidationError(BAD_DATE % {"n": n, "text": text, "year": year})
    try:
        day = dt.date(*parts)
    except ValueError:
        raise ValidationError(BAD_DATE % {"n": n, "text": text, "year": year}) from None
    if day.year != year:
        raise ValidationError(WRONG_YEAR % {"n": n, "text": text, "year": year})
    return day


def _text(text: str, n: int, what: Any, max_length: int) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(EMPTY % {"n": n, "what": what})
    if len(text) > max_length:
        raise ValidationError(TOO_LONG % {"n": n, "what": what, "max": max_length})
    return text


def parse_items(text: str, year: int) -> list[tuple[str, str, str, dt.date | None]]:
    """One award per line, «nama penghargaan; pemberi; tingkat; tanggal» (a tab also separates: rows pasted from a
    spreadsheet); empty lines are skipped. Every bad line is reported, and nothing is returned then."""
    items: list[tuple[str, str, str, dt.date | None]] = []
    errors: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t") if "\t" in line else line.split(";")
        if len(parts) not in (3, 4):
            errors.append(str(LINE_FORMAT % {"n": n}))
            continue
        try:
            name = _text(parts[0], n, _("nama penghargaan"), 300)
            giver = _text(parts[1], n, _("pemberi"), 200)
            level = _LEVELS.get(parts[2].strip().casefold())
            if level is None:
                choices = ", ".join(str(c.label) for c in Penghargaan.Tingkat)
                raise ValidationError(BAD_LEVEL % {"n": n, "text": parts[2].strip(), "choices": choices})
            day = _date(parts[3] if len(parts) == 4 else "", n, year)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        items.append((name, giver, level, day))
    if len(items) > MAX_ITEMS:
        errors.append(str(TOO_MANY % {"max": MAX_ITEMS}))
    if errors:
        raise ValidationError(errors)
    return items


def can_enter_penghargaan(user: Any, organisation: Organisation) -> bool:
    """The kecamatan's operator enters its awards."""
    return Organisation.objects.editable_by(user).filter(pk=organisation.pk).exists()


@transaction.atomic
def penghargaan_save(*, organisation: Organisation, year: int, user: Any, items: list[tuple[str, str, str, dt.date | None]]) -> int:
    """Replace the awards of ``year`` by ``items`` (numbered in their order). Refused, nothing written, while a
    report of the year is frozen (the period lock)."""
    if not can_enter_penghargaan(user, organisation):
        raise PermissionDenied
    locks.lock_reports(organisation_id=organisation.pk, year=year)
    locks.assert_editable(organisation.pk, year, 1)
    Penghargaan.objects.filter(organisation=organisation, year=year).delete()
    rows = [Penghargaan(organisation=organisation, year=year, number=n, name=name, giver=giver, level=level, date=day, updated_by=user)
            for n, (name, giver, level, day) in enumerate(items, start=1)]  # fmt: skip
    for row in rows:
        row.full_clean(validate_unique=False, validate_constraints=False)
    Penghargaan.objects.bulk_create(rows)
    return len(rows)


def penghargaan_rows(*, organisation: Organisation, year: int) -> list[Penghargaan]:
    return list(Penghargaan.objects.filter(organisation=organisation, year=year).order_by("number"))


def penghargaan_text(rows: list[Penghargaan]) -> str:
    """The awards as the form's text, one «nama; pemberi; tingkat; tanggal» per line."""
    return "\n".join(f"{r.name}; {r.giver}; {r.get_level_display()}" + (f"; {r.date:%d-%m-%Y}" if r.date else "") for r in rows)
