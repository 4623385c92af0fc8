"""Composite indicators: the formula evaluator (Decimal arithmetic on + - x / and parentheses, no
``eval``; PermenPANRB 14/2017 IKM and 17/2017 IPP behind seed 002's IKPP). docs/calculations.md
section 6."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Mapping
from decimal import Decimal

from apps.core.numbers import NumberParseError, format_decimal_id, parse_decimal_id

from .results import FormulaError, Reason, Result, checked, checked_places, exact, operand

MAX_FORMULA_LENGTH = 500
_NUMBER_TOKEN = re.compile(r"\d[\d.,]*")
_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_OPERATORS = {"+": "+", "-": "-", "\u2212": "-", "\u2013": "-", "*": "*", "\u00d7": "*", "\u00b7": "*", "/": "/", "\u00f7": "/", ":": "/"}
_PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
_SYMBOLS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "/"}


def _translate(formula: str) -> tuple[str, dict[str, Decimal], list[str]]:
    """Turn the formula text into a Python expression whose numbers are placeholder names, so that no
    float literal is ever parsed. Returns the expression, the placeholder values and the names."""
    if not isinstance(formula, str):
        raise TypeError("rumus harus teks")
    if not formula.strip():
        raise FormulaError("Rumus kosong.")
    if len(formula) > MAX_FORMULA_LENGTH:
        raise FormulaError(f"Rumus terlalu panjang (lebih dari {MAX_FORMULA_LENGTH} karakter).")
    out: list[str] = []
    numbers: dict[str, Decimal] = {}
    names: list[str] = []
    i = 0
    while i < len(formula):
        ch = formula[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            out.append(ch)
            i += 1
            continue
        if ch in _OPERATORS:
            out.append(_OPERATORS[ch])
            i += 1
            continue
        number = _NUMBER_TOKEN.match(formula, i)
        if number:
            token = number.group().rstrip(".,")
            try:
                value = parse_decimal_id(token)
            except NumberParseError as exc:
                raise FormulaError(f"Angka «{token}» dalam rumus tidak sah: {exc}") from exc
            placeholder = f"n{len(numbers)}_"
            numbers[placeholder] = value
            out.append(f"_{placeholder}")
            i += len(token)
            continue
        name = _NAME_TOKEN.match(formula, i)
        if name:
            names.append(name.group())
            out.append(name.group())
            i = name.end()
            continue
        raise FormulaError(f"Karakter «{ch}» tidak diizinkan dalam rumus; gunakan angka, nama, + − × / dan kurung.")
    return " ".join(out), numbers, names


def _parse_formula(formula: str) -> tuple[ast.expr, dict[str, Decimal]]:
    """The formula's expression tree (never mutated by its readers) and its numbers (a fresh dict each
    call). Parsed once per text: a pemda overview evaluates each kecamatan's composite every quarter."""
    if not isinstance(formula, str):
        raise TypeError("rumus harus teks")
    body, numbers = _parse_formula_text(formula)
    return body, dict(numbers)


@functools.lru_cache(maxsize=512)
def _parse_formula_text(formula: str) -> tuple[ast.expr, dict[str, Decimal]]:
    expression, numbers, _ = _translate(formula)
    try:
        tree = ast.parse(expression, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(f"Rumus «{formula}» tidak dapat dibaca: periksa operator dan kurung.") from exc
    for node in ast.walk(tree):
        if isinstance(node, ast.Expression | ast.BinOp | ast.UnaryOp | ast.Name | ast.Load):
            continue
        if isinstance(node, ast.Add | ast.Sub | ast.Mult | ast.Div | ast.USub | ast.UAdd):
            continue
        raise FormulaError(f"Rumus «{formula}» memuat unsur yang tidak diizinkan; hanya angka, nama, + − × / dan kurung.")
    return tree.body, {f"_{k}": v for k, v in numbers.items()}


def formula_names(formula: str) -> frozenset[str]:
    """The variable names a formula uses (raises :class:`FormulaError` when it is invalid)."""
    body, numbers = _parse_formula(formula)
    return frozenset(n.id for n in ast.walk(body) if isinstance(n, ast.Name) and n.id not in numbers)


class _DivisionByZero(Exception):
    pass


def _evaluate(node: ast.expr, env: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, env)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, env)
        right = _evaluate(node.right, env)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise _DivisionByZero
        return left / right
    raise FormulaError("unsur rumus tidak dikenal")  # pragma: no cover - excluded by _parse_formula


def _render(node: ast.expr, env: Mapping[str, Decimal], parent: int = 0, right_side: bool = False) -> str:
    if isinstance(node, ast.Name):
        return operand(env[node.id])
    if isinstance(node, ast.UnaryOp):
        inner = _render(node.operand, env, 3)
        return f"−{inner}" if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        precedence = _PRECEDENCE[type(node.op)]
        text = f"{_render(node.left, env, precedence)} {_SYMBOLS[type(node.op)]} {_render(node.right, env, precedence, right_side=True)}"
        if precedence < parent or (precedence == parent and right_side):
            return f"({text})"
        return text
    raise FormulaError("unsur rumus tidak dikenal")  # pragma: no cover


@exact
def evaluate_formula(formula: str, values: Mapping[str, Decimal | None], *, places: int = 2) -> Result:
    """Evaluate a composite-indicator formula with Decimal arithmetic.

    Allowed: numbers (Indonesian style, "2,5" or "1.000"; the rules of ``parse_decimal_id``), names of
    components (a letter, then letters, digits or "_"), ``+ - × / ÷ *`` and parentheses. Anything else
    raises :class:`FormulaError`. A blank or unknown component gives a blank result naming it; a
    division by zero gives a blank result. Seed 002's IKPP (PermenPANRB 14/2017 IKM, 17/2017 IPP):
    ``((IKM/25 × 2,5) + (IPP × 2)) / 2`` with IKM 93,53 and IPP 3,45 is 8,1265 → 8,13.
    """
    places = checked_places(places)
    body, numbers = _parse_formula(formula)
    name_nodes = sorted((n for n in ast.walk(body) if isinstance(n, ast.Name)), key=lambda n: n.col_offset)
    used = [n.id for n in name_nodes if n.id not in numbers]
    env: dict[str, Decimal] = dict(numbers)
    missing: list[str] = []
    for name in dict.fromkeys(used):
        value = checked(values.get(name), f"komponen {name}")
        if value is None:
            missing.append(name)
        else:
            env[name] = value
    if missing:
        return Result.blank(Reason.MISSING_INPUT, f"{formula}: {', '.join(missing)} belum diisi → -", ", ".join(missing))
    shown = _render(body, env)
    try:
        value = _evaluate(body, env)
    except _DivisionByZero:
        return Result.blank(Reason.DIVISION_BY_ZERO, f"{shown}: pembagian dengan 0 → -")
    return Result.of(value, f"{shown} = {format_decimal_id(value, places)}")
