"""The Reformasi Birokrasi evaluation of a kecamatan per year (seed 002 Tabel 1.4): the Inspektorat enters the
evaluation letter's component tree (groups with their children, bobot and nilai) and, optionally, the Indeks RB
the letter states; the LKjIP prints them with the index's predikat on the pemda's RB scale."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps import calculations as calc
from apps.accounts.models import Role
from apps.core.numbers import NumberParseError, format_decimal_id, parse_decimal_id
from apps.organisations.models import Organisation

from .models import RbComponent, RbEvaluation

MAX_COMPONENTS = 100
HUNDRED = Decimal(100)

LINE_FORMAT = _("Baris %(n)s: tulis «komponen; bobot» untuk komponen utama yang dirinci, «komponen; bobot; nilai» untuk "
                "komponen tanpa rincian, dan «- rincian; bobot; nilai» untuk rinciannya.")  # fmt: skip
NO_NAME = _("Baris %(n)s: nama komponen kosong.")
LONG_NAME = _("Baris %(n)s: nama komponen lebih dari 300 karakter.")
BAD_NUMBER = _("Baris %(n)s: %(what)s «%(text)s» bukan angka (mis. 2,67).")
TOO_PRECISE = _("Baris %(n)s: %(what)s paling banyak 2 desimal.")
BAD_BOBOT = _("Baris %(n)s: bobot harus lebih dari 0 dan paling besar 100.")
BAD_NILAI = _("Baris %(n)s: nilai harus antara 0 dan bobotnya (%(bobot)s).")
ORPHAN = _("Baris %(n)s: rincian (diawali «-») harus berada di bawah komponen utama yang ditulis tanpa nilai.")
CHILDLESS = _("Baris %(n)s: komponen «%(name)s» ditulis tanpa nilai, maka harus punya rincian (baris diawali «-»).")
CHILD_BOBOT = _("Baris %(n)s: jumlah bobot rincian (%(sum)s) tidak sama dengan bobot komponen «%(name)s» (%(bobot)s).")
TOTAL_BOBOT = _("Jumlah bobot komponen utama harus 100, bukan %(sum)s.")
TOO_MANY = _("Paling banyak %(max)s baris komponen.")
NOTHING = _("Isi komponen evaluasi RB, atau setidaknya indeks RB dari surat hasil evaluasi.")
INDEKS_RANGE = _("Indeks RB harus antara 0 dan 100.")


@dataclass
class ParsedComponent:
    name: str
    bobot: Decimal
    nilai: Decimal | None = None
    line: int = 0
    children: list[ParsedComponent] = field(default_factory=list)


def _number(text: str, n: int, what: str) -> Decimal:
    try:
        value = parse_decimal_id(text.strip())
    except NumberParseError:
        raise ValidationError(BAD_NUMBER % {"n": n, "what": what, "text": text.strip()}) from None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise ValidationError(TOO_PRECISE % {"n": n, "what": what})
    return value


def _line(text: str, n: int) -> tuple[bool, ParsedComponent]:
    """(is a child, the component) of one line; a ValidationError names the line."""
    stripped = text.strip()
    child = stripped.startswith("-")
    body = stripped[1:].strip() if child else stripped
    parts = body.split("\t") if "\t" in body else body.split(";")
    if len(parts) not in (2, 3) or (child and len(parts) != 3):
        raise ValidationError(LINE_FORMAT % {"n": n})
    name = parts[0].strip()
    if not name:
        raise ValidationError(NO_NAME % {"n": n})
    if len(name) > 300:
        raise ValidationError(LONG_NAME % {"n": n})
    bobot = _number(parts[1], n, _("bobot"))
    if not (0 < bobot <= HUNDRED):
        raise ValidationError(BAD_BOBOT % {"n": n})
    nilai = _number(parts[2], n, _("nilai")) if len(parts) == 3 else None
    if nilai is not None and not (0 <= nilai <= bobot):
        raise ValidationError(BAD_NILAI % {"n": n, "bobot": format_decimal_id(bobot, 2)})
    return child, ParsedComponent(name=name, bobot=bobot, nilai=nilai, line=n)


def parse_components(text: str) -> list[ParsedComponent]:
    """The component tree, one component per line: «komponen; bobot» opens a group whose children follow as
    «- rincian; bobot; nilai» (its nilai is their sum), «komponen; bobot; nilai» is a component without children.
    The children's bobot add up to their group's, the top-level bobot to 100. Every bad line is reported, nothing
    is returned then; an empty text is no component."""
    top: list[ParsedComponent] = []
    errors: list[str] = []
    count = 0
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        count += 1
        try:
            child, component = _line(raw, n)
            if child and (not top or top[-1].nilai is not None):
                raise ValidationError(ORPHAN % {"n": n})
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if child:
            top[-1].children.append(component)
        else:
            top.append(component)
    if count > MAX_COMPONENTS:
        errors.append(TOO_MANY % {"max": MAX_COMPONENTS})
    for group in top:
        if group.nilai is None and not group.children:
            errors.append(CHILDLESS % {"n": group.line, "name": group.name})
        elif group.children and sum(c.bobot for c in group.children) != group.bobot:
            errors.append(CHILD_BOBOT % {"n": group.line, "name": group.name, "sum": format_decimal_id(sum(c.bobot for c in group.children), 2),
                                         "bobot": format_decimal_id(group.bobot, 2)})  # fmt: skip
    if top and not errors and sum(g.bobot for g in top) != HUNDRED:
        errors.append(TOTAL_BOBOT % {"sum": format_decimal_id(sum(g.bobot for g in top), 2)})
    if errors:
        raise ValidationError(errors)
    return top


def can_enter_rb(user: Any, organisation: Organisation) -> bool:
    """The Inspektorat of the kabupaten records the RB evaluation, as it records the SAKIP evaluation."""
    return bool(user.has_role(Role.INSPEKTORAT, organisation))


@transaction.atomic
def rb_evaluation_save(
    *, organisation: Organisation, year: int, user: Any, letter_number: str = "", letter_date: Any = None,
    indeks: Decimal | None = None, components: list[ParsedComponent],
) -> RbEvaluation:  # fmt: skip
    """Record (or correct) the RB evaluation of ``year``, replacing its components. Refused, nothing written,
    while the LKjIP of the year awaits the camat (the freeze guard of apps.reports.freeze, as for the SAKIP
    evaluation)."""
    if not can_enter_rb(user, organisation):
        raise PermissionDenied
    if indeks is not None and not (0 <= indeks <= HUNDRED):
        raise ValidationError({"indeks": INDEKS_RANGE})
    if not components and indeks is None:
        raise ValidationError({"components": NOTHING})
    evaluation = RbEvaluation.objects.filter(organisation=organisation, year=year).first() or RbEvaluation(
        organisation=organisation, year=year
    )
    evaluation.letter_number, evaluation.letter_date, evaluation.indeks = letter_number, letter_date, indeks
    evaluation.evaluator = user
    evaluation.full_clean()
    evaluation.save()
    RbComponent.objects.filter(evaluation=evaluation, parent__isnull=False).delete()
    RbComponent.objects.filter(evaluation=evaluation).delete()
    number = 0
    for group in components:
        number += 1
        parent = RbComponent(evaluation=evaluation, number=number, name=group.name, bobot=group.bobot, nilai=group.nilai)
        parent.full_clean(validate_constraints=False)
        parent.save()
        for child in group.children:
            number += 1
            row = RbComponent(evaluation=evaluation, parent=parent, number=number, name=child.name, bobot=child.bobot, nilai=child.nilai)
            row.full_clean(validate_constraints=False)
            row.save()
    return evaluation


@dataclass(frozen=True)
class RbRow:
    """One row of the RB table: a top-level component (``child`` False) with its nilai (its children's sum for a
    group), or a child."""

    number: str
    name: str
    bobot: Decimal
    nilai: calc.Result
    child: bool


@dataclass(frozen=True)
class RbFigures:
    rows: list[RbRow]
    bobot: Decimal
    indeks: calc.Result  # the letter's index when entered, else the components' sum
    computed: calc.Result  # the components' sum
    entered: bool


def rb_figures(evaluation: RbEvaluation, components: list[RbComponent]) -> RbFigures:
    """The rows and the Indeks RB of an evaluation from its components (ordered by number; no query)."""
    children: dict[int, list[RbComponent]] = {}
    for c in components:
        if c.parent_id is not None:
            children.setdefault(c.parent_id, []).append(c)
    rows: list[RbRow] = []
    group_scores: list[Decimal | None] = []
    bobot = Decimal(0)
    top = [c for c in components if c.parent_id is None]
    for i, group in enumerate(top, start=1):
        kids = children.get(group.pk, [])
        score = calc.score_total([k.nilai for k in kids]) if kids else calc.score_total([group.nilai])
        rows.append(RbRow(str(i), group.name, group.bobot, score, False))
        rows.extend(RbRow("", k.name, k.bobot, calc.score_total([k.nilai]), True) for k in kids)
        group_scores.append(score.value)
        bobot += group.bobot
    computed = calc.rb_index(group_scores)
    indeks = calc.rb_index(group_scores, entered=evaluation.indeks)
    return RbFigures(rows=rows, bobot=bobot, indeks=indeks, computed=computed, entered=evaluation.indeks is not None)


def rb_components_text(components: list[RbComponent]) -> str:
    """The components as the form's text (parse_components reads it back)."""
    lines = []
    for c in components:
        nilai = f"; {format_decimal_id(c.nilai, 2)}" if c.nilai is not None else ""
        lines.append(f"{'- ' if c.parent_id else ''}{c.name}; {format_decimal_id(c.bobot, 2)}{nilai}")
    return "\n".join(lines)
