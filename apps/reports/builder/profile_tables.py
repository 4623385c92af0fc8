"""The organisation's profile in BAB I and the Renstra's strategy in BAB II (issue 19), each from entered data:
the tugas and fungsi of the kecamatan and of its units (Organisation.tugas/fungsi, Unit.duties/fungsi), the
organisation chart drawn from the units and their heads (Gambar 1.1), the aspek strategis, the kegiatan and
layanan produk, the sistematika penyajian generated from the document's own chapters, the strategi and arah
kebijakan of the Renstra (StrategiKebijakan) with the legal basis of its IKU, and the pohon kinerja
(cascading) drawn from the Renstra tree. The chapters place and number them (sections.py)."""

from __future__ import annotations

import re
from typing import Any

from apps.core.numbers import format_decimal_id
from apps.organisations.models import Appointment, Unit

from .. import diagrams
from ..document import BulletList, Cell, Column, Document, Figure, Numbering, Paragraph, Section, Table
from .report_figures import Figures

_MARKER = re.compile(r"^\s*(?:[-•*]|\(?[a-zA-Z]\)|[a-zA-Z]\.|\(?\d{1,2}[.)])\s+")
_JOINER = re.compile(r"\s*[;,]\s*(?:dan|atau)?\s*$")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def lines(text: str) -> list[str]:
    """The items of a one-per-line text field, without blank lines, the list markers typed with them ("a.", "1)",
    "-") or the list's joiners at their end ("; dan"): the report numbers and punctuates them itself."""
    items = (_JOINER.sub("", _MARKER.sub("", line)).strip() for line in (text or "").splitlines())
    return [item for item in items if item]


def _lettered(n: int) -> str:
    return f"{LETTERS[n % 26]}{'' if n < 26 else n // 26}."


# --- BAB I ------------------------------------------------------------------------------------------


def tugas_fungsi_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    """The kecamatan's tugas (a paragraph) and fungsi (a list), then a table of each unit's tugas and fungsi."""
    org = f.d.organisation
    blocks: list[Any] = []
    if org.tugas.strip():
        blocks.append(Paragraph(f"{org.display_name} mempunyai tugas: {' '.join(org.tugas.split())}"))
    fungsi = lines(org.fungsi)
    if fungsi:
        blocks += [Paragraph(f"Dalam melaksanakan tugas tersebut, {org.display_name} menyelenggarakan fungsi:"), BulletList(fungsi)]
    if not blocks:
        blocks.append(Paragraph("Tugas dan fungsi kecamatan belum diisi pada data organisasi (diisi oleh admin kabupaten)."))
    table = unit_duties_table(f)
    if table is not None:
        blocks.append(numbering.table("1", table))
    return blocks


def unit_duties_table(f: Figures) -> Table | None:
    """Tugas and fungsi per unit kerja: the unit's first row gives its name, one row per item of its tugas (a
    sentence, or a list of tugas one per line) and of its fungsi."""
    units = [u for u in f.d.units if lines(u.duties) or lines(u.fungsi)]
    if not units:
        return None
    table = Table(
        "tugas-fungsi-unit",
        "Tugas dan Fungsi Unit Kerja " + f.d.organisation.display_name,
        [Column("No", "int"), Column("Unit kerja"), Column("Tugas dan fungsi")],
    )
    for n, u in enumerate(units, start=1):
        items = _items("Tugas", lines(u.duties)) + _items("Fungsi", lines(u.fungsi))
        table.add(n, Cell(u.name, bold=True), items[0])
        for item in items[1:]:
            table.add("", "", item)
    return table


def _items(label: str, entries: list[str]) -> list[str]:
    if not entries:
        return []
    if len(entries) == 1:
        return [f"{label}: {entries[0]}"]
    return [f"{label}:", *(f"{_lettered(i)} {e}" for i, e in enumerate(entries))]


def _head_line(a: Appointment) -> str:
    return f"{Appointment.PREFIX[Appointment.Status(a.status)]}{a.official.name}"


def org_chart_figure(f: Figures, numbering: Numbering) -> Figure | None:
    """Gambar 1.1: the units under their parents (Unit.parent), each with the name of who heads it at the
    report's date; a kecamatan whose units have several roots gets the camat as their root."""
    d = f.d
    if not d.units:
        return None
    children: dict[int | None, list[Unit]] = {}
    for u in d.units:
        children.setdefault(u.parent_id, []).append(u)

    def node(u: Unit, seen: frozenset[int]) -> diagrams.Node:
        head = d.unit_heads.get(u.pk) or (d.camat if u.kind == Unit.Kind.PIMPINAN else None)
        kids = [node(c, seen | {u.pk}) for c in children.get(u.pk, []) if c.pk not in seen]
        return diagrams.Node(u.name, [_head_line(head)] if head else [], kids)

    roots = [node(u, frozenset()) for u in children.get(None, [])]
    if len(roots) == 1:
        root = roots[0]
    else:
        root = diagrams.Node(f"Camat {d.organisation.name}", [_head_line(d.camat)] if d.camat else [], roots)
    title = "Struktur Organisasi " + d.organisation.display_name
    return numbering.figure("1", Figure("struktur-organisasi", title, diagrams.org_chart(root, label=title)))


def aspek_strategis_blocks(f: Figures) -> list[Any]:
    """The aspek strategis as entered (one paragraph per line) and the Renstra's strategi that carry them."""
    blocks: list[Any] = [Paragraph(p) for p in lines(f.d.organisation.aspek_strategis)]
    if f.d.strategi:
        lead = "Aspek strategis tersebut" if blocks else f"Aspek strategis {f.d.organisation.display_name}"
        blocks.append(Paragraph(f"{lead} dijabarkan dalam strategi Renstra (rinciannya pada BAB II A):"))
        blocks.append(BulletList([" ".join(s.strategi.split()) for s in f.d.strategi]))
    return blocks


def layanan_table(f: Figures) -> Table | None:
    """The services the kecamatan delivers (Organisation.layanan, one per line)."""
    items = lines(f.d.organisation.layanan)
    if not items:
        return None
    table = Table("layanan", "Kegiatan dan Layanan Produk " + f.d.organisation.display_name, [Column("No", "int"), Column("Layanan")])
    for n, item in enumerate(items, start=1):
        table.add(n, item)
    return table


def sistematika_blocks(doc: Document, title: str) -> list[Any]:
    """The document's own outline: each chapter (and the ikhtisar and lampiran) with what it holds, from the
    sections it actually has (a part without sub-chapters by its tables and figures)."""
    items = []
    for s in doc.sections:
        if s.anchor == "kata-pengantar":
            continue
        parts = [c.title for c in s.children] or [b.title for b in s.blocks if isinstance(b, Table | Figure)]
        label = s.heading if s.number else s.title
        if parts:
            items.append(f"{label}: memuat {_join(parts).lower()}.")
        else:
            items.append(f"{label}: ringkasan capaian kinerja dan realisasi anggaran.")
    return [Paragraph(f"Sistematika penyajian {title} adalah sebagai berikut:"), BulletList(items)]


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1]


def fill_sistematika(doc: Document, title: str) -> None:
    """Fill the sistematika penyajian section (its blocks are left empty until the document is complete)."""
    for s in doc.walk():
        if s.anchor == "sistematika":
            s.blocks = sistematika_blocks(doc, title)


def letter(children: list[Section]) -> list[Section]:
    """Letter the sub-chapters in order (A., B., ...), whichever of them the data supports."""
    for n, c in enumerate(children):
        c.number = f"{chr(65 + n)}."
    return children


# --- BAB II -----------------------------------------------------------------------------------------


def iku_basis_paragraph(f: Figures) -> Paragraph:
    renstra = f.d.renstra
    basis = " ".join(renstra.iku_legal_basis.split()) if renstra is not None else ""
    if basis:
        return Paragraph(f"Indikator Kinerja Utama (IKU) {f.d.organisation.display_name} ditetapkan dengan {basis}.")
    return Paragraph("Dasar penetapan Indikator Kinerja Utama (IKU) belum diisi pada Renstra.")


def strategi_table(f: Figures) -> Table | None:
    """Strategi and arah kebijakan of the Renstra per sasaran: the strategi's first row gives its sasaran and
    strategi, one row per arah kebijakan."""
    d = f.d
    if not d.strategi:
        return None
    sasaran = {s.pk: s for s in d.sasaran}
    table = Table(
        "strategi-kebijakan",
        "Strategi dan Arah Kebijakan " + (str(d.renstra) if d.renstra is not None else "Renstra"),
        [Column("No", "int"), Column("Sasaran"), Column("Strategi"), Column("Arah kebijakan")],
    )
    for n, s in enumerate(d.strategi, start=1):
        target = sasaran.get(s.sasaran_id) if s.sasaran_id else None
        kebijakan = [f"{i}) {k}" for i, k in enumerate(s.kebijakan_list, start=1)] or ["-"]
        table.add(n, " ".join(target.text.split()) if target else "Seluruh sasaran", " ".join(s.strategi.split()), kebijakan[0])
        for k in kebijakan[1:]:
            table.add("", "", "", k)
    return table


# --- Lampiran: pohon kinerja --------------------------------------------------------------------------


def pohon_kinerja_figures(f: Figures, numbering: Numbering) -> list[Figure]:
    """The pohon kinerja of the Renstra: tujuan > sasaran > program, then per program its cascading to
    kegiatan and sub kegiatan; every box lists its indicators with the year's target."""
    d = f.d
    if not d.tujuan:
        return []
    by_parent: dict[tuple[str, int], list[Any]] = {}
    for ind in d.indicators:
        by_parent.setdefault((ind.level, getattr(ind, f"{ind.level}_id") or 0), []).append(ind)

    def indicators(level: str, pk: int) -> list[str]:
        out = []
        for ind in by_parent.get((level, pk), []):
            target = d.targets.get((ind.pk, d.year))
            value = target.value if target is not None else None
            text = f"IK: {ind.name}"
            if value is not None:
                text += f" (target {d.year}: {format_decimal_id(value, ind.precision)} {ind.satuan})"
            out.append(text)
        return out

    programs_of: dict[int, list[Any]] = {}
    programs = {p.pk: p for p in d.programs}
    for program_pk, _code, sasaran_pk in sorted(d.program_links, key=lambda x: (x[1], x[0])):
        if program_pk in programs:
            programs_of.setdefault(sasaran_pk, []).append(programs[program_pk])

    def program_node(p: Any, deep: bool) -> diagrams.Node:
        kids = []
        if deep:
            for k in sorted((k for k in d.kegiatan if k.program_id == p.pk), key=lambda k: (k.order, k.code)):
                subs = sorted((s for s in d.sub_kegiatan if s.kegiatan_id == k.pk), key=lambda s: (s.order, s.code))
                leaves = [diagrams.Node(str(s), indicators("sub_kegiatan", s.pk)) for s in subs]
                kids.append(diagrams.Node(str(k), indicators("kegiatan", k.pk), leaves))
        return diagrams.Node(str(p), indicators("program", p.pk), kids)

    roots = []
    for t in d.tujuan:
        sasaran = [s for s in d.sasaran if s.tujuan_id == t.pk]
        kids = [
            diagrams.Node(s.text, indicators("sasaran", s.pk), [program_node(p, False) for p in programs_of.get(s.pk, [])]) for s in sasaran
        ]
        roots.append(diagrams.Node(t.text, indicators("tujuan", t.pk), kids))
    title = "Pohon Kinerja " + d.organisation.display_name + ": Tujuan, Sasaran dan Program"
    figures = [
        numbering.figure(
            "L", Figure("pohon-kinerja", title, diagrams.cascade(roots, label=title, columns=["Tujuan", "Sasaran", "Program"]))
        )
    ]
    deep = [p for p in sorted(d.programs, key=lambda p: (p.order, p.code)) if any(k.program_id == p.pk for k in d.kegiatan)]
    n = 0
    for p in deep:
        full = program_node(p, True)
        parts = _chunks(full)
        for i, kids in enumerate(parts, start=1):
            n += 1
            title = f"Cascading {p.name}" + (f" ({i}/{len(parts)})" if len(parts) > 1 else "")
            node = diagrams.Node(full.title, full.lines, kids)
            svg = diagrams.cascade([node], label=title, columns=["Program", "Kegiatan", "Sub kegiatan"])
            figures.append(numbering.figure("L", Figure(f"cascading-{n}", title, svg)))
    return figures


def _chunks(program: diagrams.Node) -> list[list[diagrams.Node]]:
    """A program's kegiatan in groups whose drawing fits a landscape page at full size (a kegiatan taller than
    that is a group of its own, scaled down to the page)."""
    parts: list[list[diagrams.Node]] = [[]]
    height = 0.0
    for k in program.children:
        h = diagrams.cascade_span(k) + 8
        if parts[-1] and height + h > diagrams.CASCADE_FIT:
            parts.append([])
            height = 0.0
        parts[-1].append(k)
        height += h
    return parts
