"""Checks on uploaded evidence: the type is decided by the file's content, never by its name."""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024

TOO_LARGE = _("Berkas terlalu besar (%(size)s MB). Batas bukti dukung 10 MB.")
EMPTY = _("Berkas kosong.")
BAD_TYPE = _("Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, DOCX atau XLSX.")
BAD_OFFICE = _("Berkas Office rusak atau tidak dikenali.")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The extension of each type :func:`sniff` accepts: a file is downloaded (and zipped) under it.
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", DOCX: "docx", XLSX: "xlsx"}


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str
    size: int
    sha256: str


def _office_type(head: bytes, stream: IO[bytes]) -> tuple[str, str]:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_ZIP_UNCOMPRESSED:
                raise ValidationError(BAD_OFFICE)
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(BAD_OFFICE) from None
    if "[Content_Types].xml" not in names:
        raise ValidationError(BAD_TYPE)
    if any(n.startswith("word/") for n in names):
        return DOCX, EXTENSIONS[DOCX]
    if any(n.startswith("xl/") for n in names):
        return XLSX, EXTENSIONS[XLSX]
    raise ValidationError(BAD_TYPE)


def sniff(stream: IO[bytes], size: int) -> Sniffed:
    """Accept PDF, JPEG, PNG, DOCX and XLSX up to 10 MB, judged by magic bytes and structure."""
    if size <= 0:
        raise ValidationError(EMPTY)
    if size > MAX_EVIDENCE_BYTES:
        raise ValidationError(TOO_LARGE % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ",")})
    stream.seek(0)
    head = stream.read(8)
    if head.startswith(b"%PDF-"):
        ctype, ext = "application/pdf", "pdf"
    elif head.startswith(b"\xff\xd8\xff"):
        ctype, ext = "image/jpeg", "jpg"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        ctype, ext = "image/png", "png"
    elif head.startswith(b"PK\x03\x04"):
        ctype, ext = _office_type(head, stream)
    else:
        raise ValidationError(BAD_TYPE)
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return Sniffed(content_type=ctype, extension=ext, size=size, sha256=digest.hexdigest())


def sniff_bytes(data: bytes) -> Sniffed:
    return sniff(io.BytesIO(data), len(data))


def download_name(original_name: str, content_type: str) -> str:
    """The name an evidence file is downloaded and zipped under: the uploader's name without its
    extension, folders, control, bidi and quoting characters, then the extension of the type detected
    from the content at upload (a PDF/HTML polyglot uploaded as ``.html`` is a ``.pdf``)."""
    base = original_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = os.path.splitext(base)[0] if "." in base.lstrip(".") else base
    stem = "".join(ch if ch.isalnum() or ch in " -_.()" else "_" for ch in stem)
    stem = re.sub(r"_+", "_", re.sub(r"\s+", " ", stem)).strip(" ._")[:100].rstrip(" ._") or "berkas"
    return f"{stem}.{EXTENSIONS.get(content_type, 'bin')}"


def zip_member_name(taken: set[str], folder: str, original_name: str, content_type: str) -> str:
    """``folder/download name``, made unique within the zip (``-2``, ``-3`` ...; case-insensitive,
    as on Windows); the name is recorded in ``taken``."""
    stem, ext = download_name(original_name, content_type).rsplit(".", 1)
    name, n = f"{folder}/{stem}.{ext}", 1
    while name.lower() in taken:
        n += 1
        name = f"{folder}/{stem}-{n}.{ext}"
    taken.add(name.lower())
    return name
