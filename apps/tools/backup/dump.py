"""Export: the organisation-year's rows as the backup document, database ids replaced by refs and
natural keys, files embedded."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.tools.backup.document import FORMAT, FORMAT_VERSION, BackupError
from apps.tools.backup.parts import PARTS, concrete_fields, m2m_fields, queryset


def export_org_year(org: Any, year: int) -> dict[str, Any]:
    """The backup document of ``org`` for ``year`` (a JSON-ready dict)."""
    ids: dict[str, list[int]] = {}
    rows: dict[str, list[Any]] = {}
    for part in PARTS:
        qs = queryset(part, org, year, ids).order_by("pk")
        if m2m_fields(part.model):
            qs = qs.prefetch_related(*[f.name for f in m2m_fields(part.model)])
        rows[part.label] = list(qs)
        ids[part.label] = [o.pk for o in rows[part.label]]
    refs = {label: {pk: i + 1 for i, pk in enumerate(pks)} for label, pks in ids.items()}
    warnings: list[str] = []
    objects: dict[str, list[dict[str, Any]]] = {}
    for part in PARTS:
        objects[part.label] = [{"ref": refs[part.label][obj.pk], "fields": _encode(obj, org, refs, warnings)} for obj in rows[part.label]]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "organisation": {"slug": org.slug, "name": org.name, "pemda": org.pemda.code},
        "year": year,
        "exported_at": timezone.now().isoformat(),
        "counts": {label: len(items) for label, items in objects.items()},
        "warnings": warnings,
        "objects": objects,
    }


def _encode(obj: Any, org: Any, refs: dict[str, dict[int, int]], warnings: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in concrete_fields(type(obj)):
        if f.is_relation:
            out[f.name] = _encode_fk(obj, f, org, refs, warnings)
            continue
        value = f.value_from_object(obj)
        out[f.name] = _encode_value(f, value, obj, warnings)
    for f in m2m_fields(type(obj)):
        label = f.related_model._meta.label_lower
        out[f.name] = sorted(f"{label}:{refs[label][o.pk]}" for o in getattr(obj, f.name).all() if o.pk in refs[label])
    return out


def _encode_fk(obj: Any, f: Any, org: Any, refs: dict[str, dict[int, int]], warnings: list[str]) -> Any:
    pk = getattr(obj, f.attname)
    if pk is None:
        return None
    label = f.related_model._meta.label_lower
    if label in refs:
        if pk in refs[label]:
            return f"{label}:{refs[label][pk]}"
        warnings.append(_("%(obj)s menunjuk %(label)s #%(pk)s di luar cadangan; dikosongkan.") % {"obj": obj, "label": label, "pk": pk})
        if not f.null:
            raise BackupError([warnings[-1]])
        return None
    if label == "organisations.organisation":
        if pk != org.pk:
            raise BackupError([_("%(obj)s milik organisasi lain.") % {"obj": obj}])
        return "@organisation"
    related = getattr(obj, f.name)
    if label == "accounts.user":
        return {"user": related.get_username()}
    if label == "organisations.unit":
        return {"unit": related.name}
    if label == "organisations.desa":
        return {"desa": related.name}
    raise BackupError([_("Relasi %(field)s ke %(label)s belum didukung cadangan.") % {"field": f.name, "label": label}])


def _encode_value(f: Any, value: Any, obj: Any, warnings: list[str]) -> Any:
    if isinstance(f, models.FileField):
        if not value:
            return None
        try:
            with value.open("rb") as handle:
                data = handle.read()
        except (FileNotFoundError, OSError):
            warnings.append(_("Berkas %(name)s tidak ditemukan di penyimpanan; tidak ikut dicadangkan.") % {"name": value.name})
            return {"name": value.name, "missing": True}
        return {"name": value.name, "sha256": hashlib.sha256(data).hexdigest(), "base64": base64.b64encode(data).decode()}
    if isinstance(f, models.BinaryField):
        return None if value is None else {"base64": base64.b64encode(bytes(value)).decode()}
    if isinstance(f, models.JSONField):
        return value
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
