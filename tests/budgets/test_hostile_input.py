"""Hostile spreadsheets (issue 10): fuzzed, truncated and malicious files end in an Indonesian message,
with bounded work and memory, with nothing written.

Every outcome of the importer is either a parse (possibly with row-and-column errors) or
:class:`ImportRejected` whose message is one of the importer's constants; every outcome of the
services is a result or :class:`DpaImportInvalid` / :class:`NothingToImport` with the budget tables
unchanged.

No test here measures time: a wall-clock limit failed under load and would pass a quadratic
algorithm on a fast machine. The work is counted instead (tests/work.py): bytes inflated out of the
zip per part (at most four reads of each part: the container scan, openpyxl's dimension and rows, the
formula scan),
whether openpyxl opened the workbook at all, worksheet rows and cells iterated, the bytes the formula
scan's searches examined. Memory is bounded with ``tracemalloc`` (200 MB; it counts allocations, so
the figure does not depend on the load), or with the peak RSS of a child process where ``tracemalloc``
would slow the case down too much. The times of the same cases are in ``bench/hostile_input.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import tracemalloc
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.budgets import importer, services
from apps.budgets.importer import ImportRejected, ParsedDpa, RealisasiSheet
from tests.work import ImporterWork, importer_work

from .conftest import counts, import_fixture
from .workbooks import fixture, layout_a, small_dpa

K = "7.01.01.2.01"
MEGABYTES = 200
# Reads of one part: the container scan; openpyxl twice for a worksheet (its dimension when the workbook
# is loaded, then its rows); the formula scan.
#: A sheet part is inflated at most: once by the container scan, twice by openpyxl (its size probe and the rows) for
#: the header search, and twice more when no summary header is found and the printed-form reader looks (issue 20).
READS_PER_PART = 5
REPO = Path(__file__).resolve().parents[2]
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FUZZ_DB = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

# Every message the importer may reject a file with: the text before the first placeholder.
REJECTIONS = [
    str(importer.EMPTY_FILE),
    str(importer.TOO_LARGE),
    str(importer.NOT_SPREADSHEET),
    str(importer.ENCRYPTED),
    str(importer.LEGACY_XLS),
    str(importer.ODS),
    str(importer.CORRUPT),
    str(importer.TOO_MANY_MEMBERS),
    str(importer.UNCOMPRESSED_TOO_LARGE),
    str(importer.XML_DOCTYPE),
    str(importer.TOO_MANY_ELEMENTS),
    str(importer.ROW_TOO_WIDE),
    str(importer.TOO_MANY_SHEETS),
    str(importer.TOO_MANY_ROWS),
    str(importer.NO_HEADER_DPA),
    str(importer.NO_HEADER_REALISASI),
]


def is_importer_message(message: str) -> bool:
    return any(message.startswith(m.split("%(")[0]) for m in REJECTIONS)


def outcome(data: bytes, purpose: str = "dpa") -> ParsedDpa | RealisasiSheet | str:
    """The parse, or the rejection message; any other exception fails the test."""
    try:
        return importer.parse_dpa(data) if purpose == "dpa" else importer.parse_realisasi(data)
    except ImportRejected as exc:
        assert is_importer_message(exc.message), exc.message
        return exc.message


def rejection(data: bytes, purpose: str = "dpa") -> str:
    result = outcome(data, purpose)
    assert isinstance(result, str), f"parsed, expected a rejection: {len(getattr(result, 'lines', []))} lines, {result.errors[:3]}"
    return result


@contextmanager
def bounded(megabytes: float | None = MEGABYTES) -> Iterator[ImporterWork]:
    """The importer's work in the block, counted for the test to bound (tests/work.py); with
    ``megabytes``, its peak Python memory (tracemalloc) is asserted below the bound."""
    if megabytes is not None:
        tracemalloc.start()
    try:
        with importer_work() as work:
            yield work
    finally:
        peak = tracemalloc.get_traced_memory()[1] / 1e6 if megabytes is not None else 0.0
        if megabytes is not None:
            tracemalloc.stop()
    print(f"  work {work.as_dict()}, peak {peak:.1f} MB")
    if megabytes is not None:
        assert peak < megabytes, f"peak {peak:.1f} MB"


def declared(data: bytes) -> Counter[str]:
    """Uncompressed size of each part as the zip directory declares it (what zipfile inflates at most
    per read); empty when the directory cannot be read (then nothing can be inflated either)."""
    sizes: Counter[str] = Counter()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                sizes[info.filename] += info.file_size
    except Exception:  # noqa: BLE001 - any broken zip
        pass
    return sizes


def assert_linear(work: ImporterWork, data: bytes, reads: int = READS_PER_PART) -> None:
    """No part was inflated more than ``reads`` times its declared size: the work is linear in the size
    the zip directory declares (which the importer bounds before reading anything)."""
    sizes = declared(data)
    over = {name: (n, sizes[name]) for name, n in work.inflated.items() if n > reads * sizes[name]}
    assert over == {}, f"parts read more than {reads} times (bytes inflated, declared size): {over}"


def child_run(path: Path, purpose: str = "dpa") -> dict:
    """Parse ``path`` in a fresh interpreter: outcome, the importer's work (tests/work.py) and peak RSS
    (nothing else in the process)."""
    script = (
        "import json, os, re, sys\n"
        "import django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lkjip.settings.test')\n"
        "django.setup()  # the messages are translatable (lazy): they need the settings\n"
        "from apps.budgets import importer\n"
        "from tests.work import importer_work\n"
        "def hwm():  # VmHWM: peak RSS of this process image (ru_maxrss would include the parent's, kept across exec)\n"
        "    return int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "base = hwm()\n"
        "with importer_work() as work:\n"
        "    try:\n"
        "        r = (importer.parse_dpa if sys.argv[2] == 'dpa' else importer.parse_realisasi)(data)\n"
        "        out = 'parsed %s lines, %s errors' % (len(getattr(r, 'lines', getattr(r, 'rows', []))), len(r.errors))\n"
        "    except importer.ImportRejected as e:\n"
        "        out = e.message\n"
        "peak = hwm()\n"
        "figures = {'work': work.as_dict(), 'inflated': dict(work.inflated), 'peak_mb': peak / 1024, 'base_mb': base / 1024}\n"
        "print(json.dumps({'outcome': out, **figures}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path), purpose], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  child: {result}")
    return result


# ---------------------------------------------------------------------------------------------------
# Building hostile files
# ---------------------------------------------------------------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SST_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rezip(parts: dict[str, bytes] | list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    items = parts.items() if isinstance(parts, dict) else parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names, on purpose
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, content in items:
                zf.writestr(name, content)
    return buf.getvalue()


def sheet_xml(rows: bytes, prolog: bytes = b"") -> bytes:
    return prolog + b"<worksheet " + MAIN_NS + b"><sheetData>" + rows + b"</sheetData></worksheet>"


def istr(ref: str, text: bytes) -> bytes:
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), text)


def num(ref: str, value: bytes, extra: bytes = b"") -> bytes:
    return b'<c r="%s"%s><v>%s</v></c>' % (ref.encode(), extra, value)


def row(n: int, *cells: bytes) -> bytes:
    return b'<row r="%d">' % n + b"".join(cells) + b"</row>"


HEADER_ROW = row(1, istr("A1", b"Kode"), istr("B1", b"Uraian"), istr("C1", b"Sumber Dana"), istr("D1", b"Pagu"))


def dpa_rows(code: bytes = b"7.01.01.2.01.0001", name: bytes = b"Sub satu", pagu: bytes | None = None) -> bytes:
    """Header, one sub kegiatan row (cells given raw) and a second valid row."""
    pagu_cell = pagu if pagu is not None else num("D2", b"1000")
    return (
        HEADER_ROW
        + row(
            2, istr("A2", code) if not code.startswith(b"<c") else code, istr("B2", name) if not name.startswith(b"<c") else name, pagu_cell
        )
        + row(3, istr("A3", f"{K}.0002".encode()), istr("B3", b"Sub dua"), num("D3", b"5"))
    )


def with_sheet(xml: bytes, base: bytes | None = None) -> bytes:
    parts = members(base or small_dpa())
    parts[SHEET] = xml
    return rezip(parts)


def with_shared_strings(sst: bytes, sheet: bytes | None = None) -> bytes:
    """The small DPA with a shared strings part (openpyxl itself writes inline strings)."""
    parts = members(small_dpa())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + SST_TYPE + b'"/></Types>'
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSst" Type="' + SST_REL + b'" Target="sharedStrings.xml"/></Relationships>'
    )
    parts["xl/sharedStrings.xml"] = sst
    if sheet is not None:
        parts[SHEET] = sheet
    return rezip(parts)


def billion_laughs(depth: int = 9) -> tuple[bytes, bytes]:
    """(prolog, reference): 10**depth copies of "lol" once expanded (3 GB at depth 9)."""
    entities = b'<!ENTITY lol0 "lol">' + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, depth + 1))
    return b'<?xml version="1.0"?>\n<!DOCTYPE lolz [' + entities + b"]>\n", b"&lol%d;" % depth


XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', b"&xxe;")


def _patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Make the zip directory (central and local headers) declare ``size`` bytes for ``name``."""
    out = bytearray(data)
    encoded = name.encode()
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) >= 0:
        n = int.from_bytes(out[pos + 28 : pos + 30], "little")
        if bytes(out[pos + 46 : pos + 46 + n]) == encoded:
            out[pos + 24 : pos + 28] = size.to_bytes(4, "little")
            local = int.from_bytes(out[pos + 42 : pos + 46], "little")
            out[local + 22 : local + 26] = size.to_bytes(4, "little")
        pos += 4
    return bytes(out)


def make_zip_bomb() -> bytes:
    """A valid workbook plus a worksheet part of 200 MB of zeros, deflated (written in 1 MB blocks)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, content in members(small_dpa()).items():
            zf.writestr(name, content)
        with zf.open("xl/worksheets/sheet2.xml", "w") as w:
            block = b"\0" * (1 << 20)
            for _ in range(200):
                w.write(block)
    return buf.getvalue()


def make_hundred_thousand_rows() -> bytes:
    """A genuine workbook of 100.000 sub kegiatan rows (header from openpyxl, rows written as XML: openpyxl's
    write-only mode takes 10 s for this; the parts are the same)."""
    lines = []
    for i in range(100_000):
        n = i + 2
        code = f"7.{1 + i // 9_999 % 99:02d}.01.2.01.{i % 9_999 + 1:04d}".encode()
        lines.append(
            row(n, istr(f"A{n}", code), istr(f"B{n}", b"Sub kegiatan %d" % i), istr(f"C{n}", b"APBD"), num(f"D{n}", b"%d" % (1000 + i)))
        )
    return with_sheet(sheet_xml(HEADER_ROW + b"".join(lines)))


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    return make_zip_bomb()


@pytest.fixture(scope="module")
def hundred_thousand_rows(tmp_path_factory) -> tuple[bytes, Path]:
    data = make_hundred_thousand_rows()
    path = tmp_path_factory.mktemp("hostile") / "100k.xlsx"
    path.write_bytes(data)
    return data, path


# ---------------------------------------------------------------------------------------------------
# Fuzzing (hypothesis): never an exception other than ImportRejected
# ---------------------------------------------------------------------------------------------------

BASES = {
    "generated": (small_dpa(), "dpa"),
    "layout_a": (fixture("dpa_seed002_layout_a.xlsx"), "dpa"),
    "layout_b": (fixture("dpa_seed004_layout_b.xlsx"), "dpa"),
    "realisasi": (fixture("realisasi_seed002.xlsx"), "realisasi"),
}
SIGNATURES = [b"", importer.ZIP_SIGNATURE, importer.OLE_SIGNATURE, b"PK\x05\x06", b"PK\x01\x02"]


@FUZZ
@given(prefix=st.sampled_from(SIGNATURES), body=st.binary(max_size=4096), purpose=st.sampled_from(["dpa", "realisasi"]))
def test_random_bytes_are_refused_with_a_message(prefix, body, purpose):
    result = outcome(prefix + body, purpose)
    assert result in {
        str(importer.EMPTY_FILE),
        str(importer.NOT_SPREADSHEET),
        str(importer.LEGACY_XLS),
        str(importer.ENCRYPTED),
        str(importer.CORRUPT),
    }


mutation = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.floats(0, 1, exclude_max=True), st.just(0)),
)


def _mutate(data: bytes, ops: list[tuple[str, float, int]]) -> bytes:
    out = bytearray(data)
    for op, where, value in ops:
        if not out:
            break
        i = int(where * len(out))
        if op == "flip":
            out[i] ^= value
        else:
            del out[i:]
    return bytes(out)


@FUZZ
@given(base=st.sampled_from(sorted(BASES)), ops=st.lists(mutation, min_size=1, max_size=6))
def test_byte_flips_and_truncations_of_valid_workbooks(base, ops):
    data, purpose = BASES[base]
    data = _mutate(data, ops)
    with bounded(megabytes=None) as work:  # tracemalloc would slow the fuzzing down
        outcome(data, purpose)
    assert_linear(work, data)


TOKENS = [
    b"<", b">", b"&", b"\x00", b"]]>", b"<f>", b"<f/>", b"</c>", b"<c r=\"A1\">", b'<c r="XFD1048577">', b'r="ZZZZ9"',
    b' t="e"', b' t="b"', b' t="s"', b' t="d"', b"<v>NaN</v>", b"<v>1e400</v>", b"<v>#REF!</v>", b"<v>-</v>", b'<row r="99999999">',
    b"<!DOCTYPE x>", b"&#0;", b"\xff\xfe", b"<v>" + b"9" * 5000 + b"</v>",
]  # fmt: skip
xml_mutation = st.one_of(
    st.tuples(st.just("cut"), st.floats(0, 1, exclude_max=True), st.just(b"")),
    st.tuples(st.just("insert"), st.floats(0, 1, exclude_max=True), st.sampled_from(TOKENS)),
    st.tuples(st.just("byte"), st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=1)),
)


@FUZZ
@given(base=st.sampled_from(sorted(BASES)), which=st.integers(0, 20), ops=st.lists(xml_mutation, min_size=1, max_size=5))
def test_xml_mutations_inside_a_sound_zip(base, which, ops):
    """The zip is intact (CRCs right) but a part is broken: the sheet below the header, the workbook, the styles..."""
    data, purpose = BASES[base]
    parts = members(data)
    names = sorted(parts)
    name = SHEET if which >= len(names) else names[which]
    content = bytearray(parts[name])
    for op, where, value in ops:
        i = int(where * len(content))
        if op == "cut":
            del content[i:]
        elif op == "insert":
            content[i:i] = value
        elif content:
            content[min(i, len(content) - 1)] = value[0]
    parts[name] = bytes(content)
    data = rezip(parts)
    with bounded(megabytes=None) as work:
        outcome(data, purpose)
    assert_linear(work, data)


KNOWN_NAMES = sorted(members(small_dpa())) + ["xl/sharedStrings.xml", "mimetype", "xl/worksheets/sheet2.xml", "EncryptionInfo"]


@FUZZ
@given(
    required=st.booleans(),
    parts=st.dictionaries(
        st.one_of(
            st.sampled_from(KNOWN_NAMES),
            st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1, max_size=40),
        ),
        st.one_of(st.binary(max_size=512), st.sampled_from(sorted(members(small_dpa()).values()))),
        max_size=12,
    ),
    purpose=st.sampled_from(["dpa", "realisasi"]),
)
def test_random_zip_containers(required, parts, purpose):
    if required:
        parts = {"[Content_Types].xml": members(small_dpa())["[Content_Types].xml"], "xl/workbook.xml": b"<workbook/>", **parts}
    data = rezip(parts)
    with bounded(megabytes=None) as work:
        result = outcome(data, purpose)
    assert_linear(work, data)
    if "[Content_Types].xml" not in parts or "xl/workbook.xml" not in parts:
        assert result == str(importer.NOT_SPREADSHEET) and work.workbooks == 0


@pytest.fixture
def dpa_in_force(world):
    return import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")


@FUZZ_DB
@given(base=st.sampled_from(sorted(BASES)), ops=st.lists(mutation, min_size=1, max_size=4))
def test_services_write_nothing_for_a_mutated_file(world, dpa_in_force, base, ops):
    """Through the services: a mutated file is imported (rolled back here), refused, or held for the admin's
    acknowledgement (issue 20: cautions, written totals) with nothing written."""
    data, purpose = BASES[base]
    data = _mutate(data, ops)
    with transaction.atomic():
        before = counts()
        try:
            if purpose == "dpa":
                services.dpa_import(organisation=world.own, year=2024, data=data, source_name="x.xlsx", user=world.admin)
            else:
                services.realisasi_import(organisation=world.own, year=2024, data=data, source_name="x.xlsx", user=world.operator)
        except services.DpaImportInvalid as exc:
            assert exc.issues and all(i.message for i in exc.issues)
            assert counts() == before
        except services.NothingToImport as exc:
            assert "Tidak ada yang dibuat" in exc.message
            assert counts() == before
        except services.NeedsAcknowledgement as exc:
            assert exc.cautions and all(exc.cautions)
            assert counts() == before
        transaction.set_rollback(True)


# ---------------------------------------------------------------------------------------------------
# Broken and oversized containers
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cut", [4, 30, 0.5, -22, -1])
def test_a_truncated_zip_is_corrupt(cut):
    data = small_dpa()
    end = int(cut * len(data)) if isinstance(cut, float) else cut
    assert rejection(data[:end]) == str(importer.CORRUPT)


def test_an_unsupported_zip_feature_is_corrupt_not_a_crash():
    """zipfile raises NotImplementedError for an unknown version or compression method (found by the fuzzer)."""
    data = bytearray(small_dpa())
    pos = data.find(b"PK\x01\x02")
    data[pos + 6 : pos + 8] = (84).to_bytes(2, "little")  # "version needed to extract": 8.4
    assert rejection(bytes(data)) == str(importer.CORRUPT)
    data = bytearray(small_dpa())
    pos = data.find(b"PK\x01\x02")
    data[pos + 10 : pos + 12] = (99).to_bytes(2, "little")  # compression method 99 (AES)
    assert rejection(bytes(data)) == str(importer.CORRUPT)


def test_a_zip_bomb_is_refused_from_the_directory(zip_bomb):
    assert len(zip_bomb) < 1024 * 1024  # 200 MB of zeros deflate to about 200 KB
    with bounded() as work:
        message = rejection(zip_bomb)
    assert message == str(importer.UNCOMPRESSED_TOO_LARGE) % {"size": "200,0", "limit": 100}
    assert work.inflated_total == 0 and work.workbooks == 0  # the directory alone decided


def test_a_zip_bomb_lying_about_its_size_is_never_inflated(zip_bomb):
    """The directory says 1 KB; zipfile stops there and the CRC check fails."""
    data = _patch_declared_size(zip_bomb, "xl/worksheets/sheet2.xml", 1024)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sum(i.file_size for i in zf.infolist()) < importer.MAX_UNCOMPRESSED_BYTES
    with bounded() as work:
        assert rejection(data) == str(importer.CORRUPT)
    assert work.inflated["xl/worksheets/sheet2.xml"] <= 1024 and work.workbooks == 0
    assert_linear(work, data, reads=1)  # the container scan alone, each part once


def test_many_members_are_refused():
    parts = members(small_dpa())
    parts.update({f"xl/media/image{i}.png": b"x" for i in range(importer.MAX_ZIP_MEMBERS)})
    assert rejection(rezip(parts)) == str(importer.TOO_MANY_MEMBERS) % {"n": len(parts), "limit": importer.MAX_ZIP_MEMBERS}


@pytest.mark.parametrize(
    "name",
    [
        "../../../../tmp/lkjip_evil.xml",
        "/tmp/lkjip_evil.xml",
        "C:\\Windows\\lkjip_evil.xml",
        "xl/worksheets/../../lkjip_evil.xml",
        "xl\\worksheets\\sheet1.xml",
        "ünïcødé/ファイル/‮lmx.xml",
        "a" * 4000,
        "xl/worksheets/sheet1.xml/",
        "xl/worksheets/",
        "with\x00nul.xml",
    ],
)
def test_odd_member_names_are_ignored_and_never_extracted(name, tmp_path):
    parts = list(members(small_dpa()).items()) + [(name, b"<x/>")]
    result = outcome(rezip(parts))
    assert isinstance(result, ParsedDpa) and result.is_valid and len(result.lines) == 2
    assert not Path("/tmp/lkjip_evil.xml").exists()


def test_a_duplicate_member_name_cannot_hide_a_doctype():
    """zipfile reads the last of two entries with one name; the scan reads every entry."""
    prolog, ref = billion_laughs()
    parts = list(members(small_dpa()).items()) + [(SHEET, sheet_xml(dpa_rows(name=ref), prolog))]
    assert rejection(rezip(parts)) == str(importer.XML_DOCTYPE)
    parts = [(SHEET, sheet_xml(dpa_rows(name=ref), prolog))] + list(members(small_dpa()).items())
    assert rejection(rezip(parts)) == str(importer.XML_DOCTYPE)


# ---------------------------------------------------------------------------------------------------
# XML: entity expansion, external entities, amplification
# ---------------------------------------------------------------------------------------------------


def _utf16(xml: bytes) -> bytes:
    return xml.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")


ENTITY_CASES = {
    "laughs_in_shared_strings": lambda: with_shared_strings(
        billion_laughs()[0] + b"<sst " + MAIN_NS + b"><si><t>" + billion_laughs()[1] + b"</t></si></sst>",
        sheet_xml(dpa_rows(name=b'<c r="B2" t="s"><v>0</v></c>')),
    ),
    "laughs_in_worksheet": lambda: with_sheet(sheet_xml(dpa_rows(name=billion_laughs()[1]), billion_laughs()[0])),
    "xxe_in_shared_strings": lambda: with_shared_strings(
        XXE[0] + b"<sst " + MAIN_NS + b"><si><t>" + XXE[1] + b"</t></si></sst>",
        sheet_xml(dpa_rows(name=b'<c r="B2" t="s"><v>0</v></c>')),
    ),
    "xxe_in_worksheet": lambda: with_sheet(sheet_xml(dpa_rows(name=XXE[1]), XXE[0])),
    "external_dtd": lambda: with_sheet(sheet_xml(dpa_rows(), b'<?xml version="1.0"?>\n<!DOCTYPE worksheet SYSTEM "file:///etc/passwd">\n')),
    "parameter_entity": lambda: with_sheet(
        sheet_xml(dpa_rows(), b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n')
    ),
    "bare_doctype": lambda: with_sheet(sheet_xml(dpa_rows(), b"<!DOCTYPE worksheet>")),
    "utf16_worksheet": lambda: with_sheet(_utf16(sheet_xml(dpa_rows(name=XXE[1]), XXE[0]))),
    "in_content_types": lambda: rezip(
        {**members(small_dpa()), "[Content_Types].xml": XXE[0] + members(small_dpa())["[Content_Types].xml"]}
    ),
    "in_workbook": lambda: rezip({**members(small_dpa()), "xl/workbook.xml": XXE[0] + members(small_dpa())["xl/workbook.xml"]}),
    "in_styles": lambda: rezip({**members(small_dpa()), "xl/styles.xml": billion_laughs()[0] + members(small_dpa())["xl/styles.xml"]}),
    "in_core_properties": lambda: rezip(
        {**members(small_dpa()), "docProps/core.xml": billion_laughs()[0] + members(small_dpa())["docProps/core.xml"]}
    ),
}


@pytest.mark.parametrize("case", sorted(ENTITY_CASES))
@pytest.mark.parametrize("purpose", ["dpa", "realisasi"])
def test_dtds_and_entities_are_refused_before_any_expansion(case, purpose):
    data = ENTITY_CASES[case]()
    with bounded(megabytes=50) as work:
        message = rejection(data, purpose)
    assert message == str(importer.XML_DOCTYPE)
    assert "root:" not in message
    assert work.workbooks == 0  # refused by the container scan: openpyxl never parsed a part
    assert_linear(work, data, reads=1)


def test_the_plain_shared_strings_variant_is_read():
    """The shared-strings builder above is sound: without the DTD the same file imports."""
    data = with_shared_strings(
        b"<sst " + MAIN_NS + b"><si><t>Dari tabel teks</t></si></sst>", sheet_xml(dpa_rows(name=b'<c r="B2" t="s"><v>0</v></c>'))
    )
    parsed = outcome(data)
    assert isinstance(parsed, ParsedDpa) and parsed.is_valid and parsed.lines[0].name == "Dari tabel teks"


def make_amplification(case: str) -> bytes:
    """A small zip one of whose parts holds a million elements (or a row a million cells wide, or 300 sheets)."""
    parts = members(small_dpa())
    if case == "shared_strings":
        return with_shared_strings(b"<sst " + MAIN_NS + b">" + b"<si><t>x</t></si>" * 1_000_000 + b"</sst>")
    if case == "styles":
        parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(b"</cellXfs>", b"<xf/>" * 250_000 + b"</cellXfs>", 1)
        return rezip(parts)
    if case == "cells":
        return with_sheet(sheet_xml(HEADER_ROW + b"".join(b'<row r="%d">' % n + b"<c/>" * 16_000 + b"</row>" for n in range(2, 140))))
    if case == "wide_row":
        return with_sheet(sheet_xml(b'<row r="1">' + b"<c/>" * 1_000_000 + b"</row>" + dpa_rows()[len(HEADER_ROW) :]))
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>", b"".join(b'<sheet name="S%d" sheetId="%d" r:id="rId1"/>' % (i, i + 2) for i in range(300)) + b"</sheets>"
    )
    return rezip(parts)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("shared_strings", str(importer.TOO_MANY_ELEMENTS) % {"part": "xl/sharedStrings.xml", "limit": "200.000"}),
        ("styles", str(importer.TOO_MANY_ELEMENTS) % {"part": "xl/styles.xml", "limit": "200.000"}),
        ("cells", str(importer.TOO_MANY_ELEMENTS) % {"part": SHEET, "limit": "2.000.000"}),
        ("wide_row", str(importer.ROW_TOO_WIDE) % {"part": SHEET, "limit": "16.384"}),
        ("sheets", str(importer.TOO_MANY_SHEETS) % {"limit": importer.MAX_SHEETS}),
    ],
)
def test_xml_amplification_is_refused_before_openpyxl_builds_objects(case, expected, tmp_path):
    """Small zips whose parts openpyxl would turn into millions of objects (before: 24 s and 270 MB for
    1.000.000 shared strings, 8 s for 200.000 styles, 400 MB for a row of 1.000.000 cells). Measured in
    a child process: tracemalloc slows the millions of small allocations of the scan twentyfold."""
    data = make_amplification(case)
    assert len(data) < importer.MAX_UPLOAD_BYTES
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(data)
    result = child_run(path)
    assert result["outcome"] == expected
    assert result["work"]["workbooks"] == 0, "refused by the container scan, before openpyxl builds anything"
    assert all(n <= size for name, size in declared(data).items() for n in [result["inflated"].get(name, 0)])
    assert result["peak_mb"] < MEGABYTES


def test_two_sheet_entries_on_one_part_are_read_once():
    parts = members(small_dpa())
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>", b"".join(b'<sheet name="S%d" sheetId="%d" r:id="rId1"/>' % (i, i + 2) for i in range(100)) + b"</sheets>"
    )
    data = rezip(parts)
    with bounded() as work:
        parsed = outcome(data)
    assert isinstance(parsed, ParsedDpa) and parsed.is_valid
    assert work.sheets == 1 and work.rows == 5  # the rows of the part (header and 4 lines) are iterated once
    # openpyxl reads the dimension of every one of the 101 entries when it loads the workbook (bounded by
    # MAX_SHEETS); the importer adds the scan, the rows and the formula scan.
    assert work.inflated[SHEET] <= (101 + 3) * declared(data)[SHEET]


# ---------------------------------------------------------------------------------------------------
# Formulas and cells of the wrong type
# ---------------------------------------------------------------------------------------------------


def test_formulas_without_cached_values_in_code_name_and_pagu():
    xml = sheet_xml(
        HEADER_ROW
        + row(2, b'<c r="A2"><f>A1&amp;"x"</f></c>', b'<c r="B2" t="str"><f>UPPER(B1)</f><v></v></c>', b'<c r="D2"><f>SUM(D3:D9)</f></c>')
        + row(3, istr("A3", f"{K}.0002".encode()), istr("B3", b"Sub dua"), num("D3", b"5"))
    )
    parsed = outcome(with_sheet(xml))
    assert isinstance(parsed, ParsedDpa) and not parsed.is_valid
    formula_errors = {(e.row, e.column.split()[0]) for e in parsed.errors if e.message == str(importer.FORMULA_NO_VALUE)}
    assert formula_errors == {(2, "A"), (2, "B"), (2, "D")}


def test_formula_tags_outside_cells_cost_linear_time():
    """150.000 <f/> after the sheet data: the old scan searched backwards and forwards from each (quadratic)."""
    xml = sheet_xml(dpa_rows()).replace(b"</worksheet>", b'<extLst><ext uri="x">' + b"<f/>" * 150_000 + b"</ext></extLst></worksheet>")
    with bounded(megabytes=None) as work:  # tracemalloc would slow the 150.000 matches down tenfold
        parsed = outcome(with_sheet(xml))
    assert isinstance(parsed, ParsedDpa) and parsed.is_valid
    # The searches around the tokens looked at no byte twice (the quadratic scan looked at every <f/>
    # from each of them), and the token regex went over the sheet once.
    assert work.formula_scan_bytes == len(xml) and work.formula_scan_examined <= len(xml)


def test_a_formula_with_an_error_value_in_pagu():
    parsed = outcome(with_sheet(sheet_xml(dpa_rows(pagu=b'<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'))))
    assert [(e.row, e.column, e.message) for e in parsed.errors] == [
        (2, "D (Pagu)", "«#DIV/0!» bukan angka yang sah. Gunakan format 1.234,56.")
    ]


NUMBER_HINT = " bukan angka yang sah. Gunakan format 1.234,56."
EXCEL_DATE = dt.datetime(2024, 1, 31)  # noqa: DTZ001 - a spreadsheet date has no time zone
WRONG_CELLS = [
    # (column, value, expected message or a part of it)
    ("code", EXCEL_DATE, "«2024-01-3100:00:00» bukan kode nomenklatur"),
    ("code", True, "«True» bukan kode nomenklatur"),
    ("code", "#REF!", "«#REF!» bukan kode nomenklatur"),
    ("code", 1e308, "harus satu angka"),
    ("code", "NaN", "«NaN» bukan kode nomenklatur"),
    ("code", "9" * 10_000, "harus satu angka"),
    ("code", "\u202e0001.10.2.10.10.7", "bukan kode nomenklatur"),
    ("code", "7.01.01.2.01.0001\u200b", "bukan kode nomenklatur"),
    ("name", EXCEL_DATE, str(importer.NAME_NOT_TEXT) % {"what": "tanggal atau waktu"}),
    ("name", dt.time(12, 0), str(importer.NAME_NOT_TEXT) % {"what": "tanggal atau waktu"}),
    ("name", False, str(importer.NAME_NOT_TEXT) % {"what": "nilai TRUE/FALSE"}),
    ("name", "#REF!", str(importer.NAME_EXCEL_ERROR) % {"code": "#REF!"}),
    ("name", "#N/A", str(importer.NAME_EXCEL_ERROR) % {"code": "#N/A"}),
    ("name", 1e308, str(importer.NAME_NOT_TEXT) % {"what": "angka"}),
    ("name", "x" * 10_000, str(importer.NAME_TOO_LONG) % {"n": "10.000", "limit": 400}),
    ("name", "Sub \u202eatus", str(importer.NAME_CONTROL_CHARS) % {"chars": "U+202E"}),
    ("name", "Sub \u2066satu\u2069", str(importer.NAME_CONTROL_CHARS) % {"chars": "U+2066, U+2069"}),
    ("pagu", EXCEL_DATE, str(importer.DATE_NOT_NUMBER)),
    ("pagu", dt.timedelta(days=2), str(importer.DATE_NOT_NUMBER)),
    ("pagu", True, "«True» bukan angka yang sah."),
    ("pagu", "#REF!", "«#REF!»" + NUMBER_HINT),
    ("pagu", 1e308, str(importer.AMOUNT_TOO_LARGE)),
    ("pagu", 1e16, str(importer.AMOUNT_TOO_LARGE)),
    ("pagu", 0.125, str(importer.TOO_MANY_DECIMALS)),
    ("pagu", "NaN", "«NaN»" + NUMBER_HINT),
    ("pagu", "inf", "«inf»" + NUMBER_HINT),
    ("pagu", "1e5", "«1e5»" + NUMBER_HINT),
    ("pagu", "9" * 10_000, "bukan angka yang sah: terlalu panjang"),
    ("pagu", "1\u200b000", "«1\u200b000»" + NUMBER_HINT),
    ("pagu", "\u202e000.1", "bukan angka yang sah"),
    ("pagu", "١٢٣", "«١٢٣»" + NUMBER_HINT),
]
COLUMN = {"code": (0, "A (Kode)"), "name": (1, "B (Uraian)"), "pagu": (3, "D (Pagu)")}


@pytest.mark.parametrize(("column", "value", "message"), WRONG_CELLS, ids=[f"{c}-{str(v)[:12]}" for c, v, _ in WRONG_CELLS])
def test_a_cell_of_the_wrong_type_is_a_row_and_column_error_and_nothing_is_written(world, column, value, message):
    line = [f"{K}.0001", "Sub satu", "APBD", 1000]
    index, label = COLUMN[column]
    line[index] = value
    data = layout_a([line, [f"{K}.0002", "Sub dua", "APBD", 5]])
    parsed = outcome(data)
    assert isinstance(parsed, ParsedDpa) and not parsed.is_valid
    assert [(e.row, e.column) for e in parsed.errors] == [(2, label)], parsed.errors
    assert str(message) in parsed.errors[0].message
    before = counts()
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.dpa_import(organisation=world.own, year=2024, data=data, source_name="salah.xlsx", user=world.admin)
    assert any(message in i.message for i in exc.value.issues)
    assert counts() == before


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (num("D2", b"NaN"), str(importer.CORRUPT)),  # openpyxl: int("NaN") fails while reading the row
        (num("D2", b"1e400"), "«inf» bukan angka yang sah."),
        (num("D2", b"-1e400"), "«-inf» bukan angka yang sah."),
        (num("D2", b"nan."), str(importer.CORRUPT)),  # float("nan.") fails too
        (num("D2", b"2", b' t="b"'), "«True» bukan angka yang sah."),
        (num("D2", b"45322", b' s="0" t="d"'), str(importer.CORRUPT)),  # t="d" wants an ISO date
        (num("D2", b"2024-01-31T00:00:00", b' t="d"'), str(importer.DATE_NOT_NUMBER)),
        (num("D2", b"9" * 5000), str(importer.CORRUPT)),  # beyond Python's int() digit limit
    ],
)
def test_raw_numeric_cells_openpyxl_would_not_write(cell, expected):
    result = outcome(with_sheet(sheet_xml(dpa_rows(pagu=cell))))
    if isinstance(result, str):
        assert result == expected
    else:
        assert [(e.row, e.column) for e in result.errors] == [(2, "D (Pagu)")] and expected in result.errors[0].message


def _forty_rows() -> bytes:
    """Rows 4-39: beyond the 31 rows openpyxl reads while the header is looked for."""
    return b"".join(row(n, istr(f"A{n}", f"{K}.{n:04d}".encode()), istr(f"B{n}", b"Sub"), num(f"D{n}", b"1")) for n in range(4, 40))


@pytest.mark.parametrize(
    "tail",
    [row(40, num("D40", b"NaN")), row(40, b'<c r="ZZZZ40"><v>1</v></c>'), b'<row r="40"><c r="A40" t="inlineStr"><is><t>7.0', b"<row r="],
    ids=["nan-number", "four-letter-column", "cut-in-a-cell", "cut-in-a-tag"],
)
def test_a_sheet_broken_below_the_header_is_corrupt_not_a_crash(tail):
    """Found by the fuzzer: the rows after the header are read lazily, and openpyxl's ValueError or
    ParseError escaped (a server error on the page)."""
    xml = sheet_xml(dpa_rows() + _forty_rows() + tail)
    if not tail.endswith(b"</row>"):
        xml = xml[: xml.index(tail) + len(tail)]
    assert rejection(with_sheet(xml)) == str(importer.CORRUPT)


def test_a_row_of_formulas_without_values_is_reported_not_skipped():
    """Read as blanks, such a row looked empty and disappeared from the import without a word."""
    xml = sheet_xml(
        HEADER_ROW
        + row(2, b'<c r="A2"><f>A1</f></c>', b'<c r="D2"><f>1+1</f></c>')
        + dpa_rows()[len(HEADER_ROW) :].replace(b'r="2"', b'r="9"')
    )
    parsed = outcome(with_sheet(xml))
    assert [(e.row, e.column, e.message) for e in parsed.errors][:2] == [
        (2, "A (Kode)", str(importer.FORMULA_NO_VALUE)),
        (2, "D (Pagu)", str(importer.FORMULA_NO_VALUE)),
    ]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity")])
def test_a_non_finite_decimal_is_not_a_number(value):
    with pytest.raises(importer.CellError, match="bukan angka yang sah"):
        importer.clean_amount(value)


@pytest.mark.parametrize("text", [b"a\x00b", b"a&#0;b", b"a&#1;b", b"a\x1bb", b"a\xff\xfeb", b"a&#xD800;b"])
def test_control_characters_and_null_bytes_make_the_xml_unreadable(text):
    """XML 1.0 allows none of these; expat refuses the part, openpyxl never sees a value."""
    assert rejection(with_sheet(sheet_xml(dpa_rows(name=text)))) == str(importer.CORRUPT)


MEGA = b"x" * (1024 * 1024)


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("name", str(importer.NAME_TOO_LONG) % {"n": "1.048.576", "limit": 400}),
        ("pagu", "bukan angka yang sah: terlalu panjang"),
        ("code", "bukan kode nomenklatur"),
    ],
)
def test_a_one_megabyte_string_cell(column, expected):
    """openpyxl cuts strings at 32.767 characters when writing; this one is written as XML."""
    kwargs = {"code": {"code": MEGA}, "name": {"name": MEGA}, "pagu": {"pagu": istr("D2", MEGA)}}[column]
    data = with_sheet(sheet_xml(dpa_rows(**kwargs)))
    with bounded() as work:
        parsed = outcome(data)
    assert isinstance(parsed, ParsedDpa) and not parsed.is_valid
    assert parsed.errors[0].row == 2 and expected in parsed.errors[0].message
    assert len(parsed.errors[0].message) < 300
    assert_linear(work, data)
    assert work.rows == 3
    # The megabyte goes through a few linear passes (the container scan; the code patterns for a code),
    # never character by character: the regular expressions read less than 4 MB in all.
    assert work.regex.chars < 4 * len(MEGA)


# ---------------------------------------------------------------------------------------------------
# Big files
# ---------------------------------------------------------------------------------------------------


def test_a_hundred_thousand_rows_are_refused_by_the_row_limit(hundred_thousand_rows):
    data, path = hundred_thousand_rows
    assert len(data) < importer.MAX_UPLOAD_BYTES
    result = child_run(path)
    assert result["outcome"] == str(importer.TOO_MANY_ROWS) % {"limit": "20.000"}
    # Refused by the container scan counting <row> tags: openpyxl never opened the workbook.
    assert result["work"]["workbooks"] == 0 and result["work"]["rows"] == 0
    assert all(n <= size for name, size in declared(data).items() for n in [result["inflated"].get(name, 0)])
    assert result["peak_mb"] < MEGABYTES


def make_sixteen_thousand_columns() -> bytes:
    """3.000 sub kegiatan rows under a header, every row with a cell in the last column (XFD)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Uraian", "Sumber Dana", "Pagu"])
    for i in range(1, 3001):
        ws.append([f"7.01.01.2.{1 + i // 1000:02d}.{i % 1000 + 1:04d}", f"Sub {i}", "APBD", i])
    for r in range(1, ws.max_row + 1):
        ws.cell(row=r, column=16_384, value="tepi")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_sixteen_thousand_columns(tmp_path):
    """Every row also has a cell in the last column (XFD): read as 80 columns, not padded to 16.384
    (before: 12 s for 20.000 such rows); a header placed beyond column 80 is not found."""
    path = tmp_path / "xfd.xlsx"
    path.write_bytes(make_sixteen_thousand_columns())
    result = child_run(path)
    assert result["outcome"] == "parsed 3000 lines, 0 errors"
    # 3.001 rows of 80 values each: never padded to 16.384 (that was 12 s for 20.000 rows).
    assert result["work"]["rows"] == 3001 and result["work"]["cells"] == 3001 * importer.MAX_COLUMNS
    assert result["peak_mb"] < MEGABYTES

    wb = openpyxl.Workbook()
    ws = wb.active
    for c, text in enumerate(["Kode", "Uraian", "Pagu"], start=16_382):
        ws.cell(row=1, column=c, value=text)
        ws.cell(row=2, column=c, value=[f"{K}.0001", "Sub", 5][c - 16_382])
    buf = io.BytesIO()
    wb.save(buf)
    assert rejection(buf.getvalue()) == str(importer.NO_HEADER_DPA) % {"n": importer.HEADER_SEARCH_ROWS}


def test_rows_far_below_are_bounded_by_the_scanned_row_limit():
    xml = sheet_xml(dpa_rows() + row(1_048_576, istr("A1048576", f"{K}.0009".encode()), num("D1048576", b"1")))
    with bounded() as work:
        assert rejection(with_sheet(xml)) == str(importer.TOO_MANY_ROWS) % {"limit": "20.000"}
    # openpyxl fills the gap with empty rows; the importer stops after MAX_SCANNED_ROWS of them (plus
    # the header row), far from the 1.048.576 the sheet claims.
    assert work.rows == importer.MAX_SCANNED_ROWS + 2


# ---------------------------------------------------------------------------------------------------
# Through the web pages
# ---------------------------------------------------------------------------------------------------


def _post(client, url: str, data: bytes, **extra):
    return client.post(url, {"file": SimpleUploadedFile("dpa.xlsx", data, content_type="application/octet-stream"), **extra})


@pytest.mark.parametrize("case", ["zip_bomb", "hundred_thousand_rows", "billion_laughs", "truncated"])
def test_the_dpa_import_page_shows_the_message_and_writes_nothing(client, world, request, case):
    import_fixture(world.own, 2024, "dpa_seed004_layout_b.xlsx")
    if case == "zip_bomb":
        data, expected = request.getfixturevalue("zip_bomb"), "Isi berkas setelah diekstrak terlalu besar (200,0 MB; batasnya 100 MB)"
    elif case == "hundred_thousand_rows":
        data, expected = request.getfixturevalue("hundred_thousand_rows")[0], "Berkas berisi lebih dari 20.000 baris data"
    elif case == "billion_laughs":
        data, expected = ENTITY_CASES["laughs_in_worksheet"](), str(importer.XML_DOCTYPE)
    else:
        data, expected = small_dpa()[:-30], str(importer.CORRUPT)
    before = counts()
    client.force_login(world.admin)
    with bounded(megabytes=None) as work:
        response = _post(client, reverse("budgets:dpa_import", args=[world.own.pk, 2024]), data, kind="murni", number="")
    assert response.status_code == 422  # the page with the problems (the app's status for a refused file)
    body = response.content.decode()
    assert expected in body and "tidak ada yang disimpan" in body.lower()
    assert counts() == before
    # Refused by the container checks: openpyxl never opened the file, each part was read at most once
    # (in chunks, by the scan), the zip bomb's not at all.
    assert work.workbooks == 0 and work.rows == 0
    assert_linear(work, data, reads=1)
    assert work.inflated_total == 0 or case != "zip_bomb"


@pytest.mark.parametrize("case", ["billion_laughs", "xxe", "zip_bomb"])
def test_the_realisasi_import_page_shows_the_message_and_writes_nothing(client, world, request, case):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    if case == "zip_bomb":
        data, expected = request.getfixturevalue("zip_bomb"), "Isi berkas setelah diekstrak terlalu besar"
    else:
        data, expected = (
            ENTITY_CASES["laughs_in_worksheet" if case == "billion_laughs" else "xxe_in_shared_strings"](),
            str(importer.XML_DOCTYPE),
        )
    before = counts()
    client.force_login(world.operator)
    response = _post(client, reverse("budgets:realisasi_import", args=[world.own.pk, 2024]), data)
    assert response.status_code == 422
    body = response.content.decode()
    assert expected in body and "root:" not in body
    assert counts() == before


def test_messages_are_indonesian_constants():
    """Guard for the helpers above: a message outside the list would be reported as a failure."""
    assert is_importer_message(importer.CORRUPT) and not is_importer_message("zlib error: invalid distance")
    assert not any(re.search(r"\b(the|error|invalid|failed)\b", m, re.IGNORECASE) for m in REJECTIONS)
