"""The logos of the pemda and the kecamatan, read through the media storage (issue 21: the local folder for
the embedded first run, an S3-compatible bucket when several machines share the media).

Of the media, only ``logos/`` is ever read for display (the organisation page, the report's cover); evidence,
approved PDFs and render jobs are read only by their scoped views. A name that leaves ``logos/`` (``..``, an
absolute path, a NUL), a file type that is not an image, or, on the local folder, a symlink out of
``MEDIA_ROOT/logos`` gives None, like a missing file.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage

LOGO_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"})


def logo_name(name: str) -> str | None:
    """``name`` normalised if it names an image under ``logos/``, else None."""
    clean = posixpath.normpath(name or "")
    if "\x00" in clean or not clean.startswith("logos/") or ".." in clean.split("/"):
        return None
    return clean if (mimetypes.guess_type(clean)[0] or "") in LOGO_TYPES else None


def read_logo(name: str) -> tuple[bytes, str] | None:
    """The bytes and content type of the logo stored as ``name`` (``logos/...``), or None."""
    clean = logo_name(name)
    if clean is None:
        return None
    content_type = mimetypes.guess_type(clean)[0] or "application/octet-stream"
    storage = default_storage
    try:
        if isinstance(storage, FileSystemStorage):
            root = (Path(settings.MEDIA_ROOT) / "logos").resolve()
            path = Path(storage.path(clean)).resolve(strict=True)
            if not path.is_relative_to(root) or not path.is_file():
                return None
            return path.read_bytes(), content_type
        with storage.open(clean, "rb") as fh:
            return fh.read(), content_type
    except (OSError, ValueError, RuntimeError):
        return None
    except Exception:  # noqa: BLE001 - a remote storage's own errors (a missing key, unreachable): no logo, like a missing file
        return None
