"""The backup document itself: its format name and version, the error every failure raises, and the
JSON text in and out (the checks a document must pass before anything is read from it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

FORMAT = "lkjip-org-year"
FORMAT_VERSION = 1
MAX_DOCUMENT_BYTES = 500 * 1024 * 1024
#: Parts renamed since a document was written (model renamed, rows the same): old label -> new label.
#: BudgetRealisation became RealisasiAnggaran (issue 16, one word per concept).
RENAMED_PARTS = {"budgets.budgetrealisation": "budgets.realisasianggaran"}


class BackupError(Exception):
    """A backup or restore that cannot be done; ``messages`` says why, in Indonesian."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)


def loads(data: bytes | str) -> dict[str, Any]:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise BackupError([_("Berkas cadangan lebih dari %(mb)s MB.") % {"mb": MAX_DOCUMENT_BYTES // 1024 // 1024}])
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError([_("Berkas cadangan bukan JSON yang sah: %(e)s") % {"e": exc}]) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError([_("Berkas ini bukan cadangan organisasi-tahun LKjIP (format %(f)s).") % {"f": FORMAT}])
    if document.get("version") != FORMAT_VERSION:
        raise BackupError(
            [_("Versi cadangan %(v)s tidak didukung (yang didukung: %(ok)s).") % {"v": document.get("version"), "ok": FORMAT_VERSION}]
        )
    for key in ("objects", "counts"):
        part = document.get(key)
        if isinstance(part, dict):
            for old, new in RENAMED_PARTS.items():
                if old in part and new not in part:
                    part[new] = part.pop(old)
    return document
