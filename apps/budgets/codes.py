"""Nomenclature codes of program, kegiatan and sub kegiatan (Kepmendagri 050-5889/2021).

Canonical form (docs/budgets.md, "Kode"): six dot-separated segments
``U.BB.PP.K.KK.SSSS``: urusan (no padding), bidang (2 digits), program (2), kegiatan kind
(no padding), kegiatan (2), sub kegiatan (4). Leading zeros are normalised per segment, so
``7.01.01.2.01.01``, ``7.1.1.2.1.1`` and ``7.01.01.2.01.0001`` are one code,
``7.01.01.2.01.0001``. The depth decides the level: 3 segments a program, 5 a kegiatan, 6 a sub
kegiatan; 1-2 segments are urusan/bidang headings.

A code of the chart of accounts (kode rekening belanja, e.g. ``5.1.02.01.01.0024``) has a
one-digit second segment and starts with 4, 5 or 6; such rows are detail lines of a sub kegiatan
and are recognised so that they are skipped, never read as a sub kegiatan.
"""

from __future__ import annotations

import re

__all__ = ["AKUN_BELANJA", "CodeError", "is_rekening", "level_of", "normalise_code", "parent_code", "try_normalise"]

PROGRAM_DEPTH = 3
KEGIATAN_DEPTH = 5
SUB_KEGIATAN_DEPTH = 6

# Width of each segment after normalisation; None keeps the number as is (one digit).
_WIDTHS: tuple[int | None, ...] = (None, 2, 2, None, 2, 4)
_SPACES = re.compile(r"[\s\u00a0]+")

LEVELS = {1: "urusan", 2: "bidang", PROGRAM_DEPTH: "program", KEGIATAN_DEPTH: "kegiatan", SUB_KEGIATAN_DEPTH: "sub_kegiatan"}


class CodeError(ValueError):
    """A text that is not a nomenclature code; the message is Indonesian, for the user."""


# Codes already in canonical form (the common case) skip the per-segment work.
_CANONICAL = re.compile(r"\d(?:\.\d\d(?:\.\d\d(?:\.\d\.\d\d(?:\.\d{4})?)?)?)?")


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = raw if type(raw) is str else str(raw)
    if _SPACES.search(text):
        text = _SPACES.sub("", text)
    return text.strip(".")


def is_rekening(raw: object) -> bool:
    """True for a kode rekening (4/5/6 followed by a one-digit segment), e.g. ``5.1.02.01.01.0024``."""
    text = _text(raw)
    if len(text) < 3 or text[0] not in "456" or text[1] != ".":
        return False
    parts = text.split(".")
    return len(parts[1]) == 1 and parts[1].isdigit()


def normalise_code(raw: object) -> str:
    """The canonical form of a nomenclature code, or :class:`CodeError`.

    >>> normalise_code("7.01.01.2.01.01")
    '7.01.01.2.01.0001'
    >>> normalise_code(" 7.1.1 ")
    '7.01.01'
    """
    text = _text(raw)
    if not text:
        raise CodeError("Kode kosong.")
    if _CANONICAL.fullmatch(text):
        return text
    parts = text.split(".")
    if len(parts) > len(_WIDTHS) or not all(p.isdigit() for p in parts):
        raise CodeError(f"«{text[:40]}» bukan kode nomenklatur (pola 7.01.01.2.01.0001).")
    out = []
    for part, width in zip(parts, _WIDTHS, strict=False):
        number = part.lstrip("0") or "0"
        if width is None:
            if len(number) > 1:
                raise CodeError(f"«{text}»: segmen «{part}» harus satu angka (pola 7.01.01.2.01.0001).")
            out.append(number)
        else:
            if len(number) > width:
                raise CodeError(f"«{text}»: segmen «{part}» lebih dari {width} angka (pola 7.01.01.2.01.0001).")
            out.append(number.zfill(width))
    return ".".join(out)


def try_normalise(raw: object) -> str | None:
    """:func:`normalise_code`, or ``None`` for a text that is not a code (used to match plans)."""
    try:
        return normalise_code(raw)
    except CodeError:
        return None


def depth(code: str) -> int:
    return code.count(".") + 1


def level_of(code: str) -> str | None:
    """``"program"``, ``"kegiatan"``, ``"sub_kegiatan"``, ``"urusan"``, ``"bidang"``, or None (depth 4)."""
    return LEVELS.get(depth(code))


def parent_code(code: str, level: str) -> str:
    """The program (3 segments) or kegiatan (5 segments) a canonical code belongs to."""
    keep = PROGRAM_DEPTH if level == "program" else KEGIATAN_DEPTH
    return ".".join(code.split(".")[:keep])


#: Kode akun belanja down to the jenis (Permendagri 90/2019, Lampiran; DOMAIN.md section 10: SIPD's
#: flat exports carry the full kode akun, e.g. 5.1.02.01.01.0024, whose jenis is its first three segments).
AKUN_BELANJA: dict[str, str] = {
    "5": "Belanja Daerah",
    "5.1": "Belanja Operasi",
    "5.1.01": "Belanja Pegawai",
    "5.1.02": "Belanja Barang dan Jasa",
    "5.1.03": "Belanja Bunga",
    "5.1.04": "Belanja Subsidi",
    "5.1.05": "Belanja Hibah",
    "5.1.06": "Belanja Bantuan Sosial",
    "5.2": "Belanja Modal",
    "5.2.01": "Belanja Modal Tanah",
    "5.2.02": "Belanja Modal Peralatan dan Mesin",
    "5.2.03": "Belanja Modal Gedung dan Bangunan",
    "5.2.04": "Belanja Modal Jalan, Irigasi, dan Jaringan",
    "5.2.05": "Belanja Modal Aset Tetap Lainnya",
    "5.2.06": "Belanja Modal Aset Lainnya",
    "5.3": "Belanja Tidak Terduga",
    "5.4": "Belanja Transfer",
}
