"""Organisation-year backup: one JSON document holding everything a kecamatan entered for one year,
and its restore, all-or-nothing.

The document (format ``lkjip-org-year``, version 1, described in docs/operations.md) holds:

* the plan the year uses: every Renstra of the organisation whose period covers the year (or that a
  PK of the year refers to) with its whole tree (tujuan, sasaran, program, kegiatan, sub kegiatan,
  indicators and their yearly targets);
* the year itself: comparison figures, Perjanjian Kinerja with items and program budgets,
  realisations with evidence (files embedded, base64 with SHA-256), DPA versions and lines,
  realisasi anggaran, staff compositions dated in the year, reports with narratives, events,
  approved snapshots (PDF, XLSX and data), reviu notes, the SAKIP evaluation, recommendations and
  tindak lanjut.

Database ids never appear. Each object has a ``ref`` (its position in its model's list, ordered by
id); a foreign key inside the document is written ``"app.model:ref"``; outside it, by natural key:
the organisation as ``"@organisation"``, users by ``{"user": username}``, units by
``{"unit": name}``. So a document restores into another database, and exporting again after a
restore gives the same document (only ``exported_at`` differs): the round trip is tested.

Not included: master data (pemda, organisation, units, desa, positions, officials, users, predikat
scales), transient rows (pending uploads, render jobs) and the audit history, which pg_dump keeps
(docs/operations.md). A restore writes one audit entry per restored row ("Dipulihkan dari cadangan").
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.reports.freeze import suspended

FORMAT = "lkjip-org-year"
FORMAT_VERSION = 1
MAX_DOCUMENT_BYTES = 500 * 1024 * 1024
RESTORE_REASON = "Dipulihkan dari cadangan"


class BackupError(Exception):
    """A backup or restore that cannot be done; ``messages`` says why, in Indonesian."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


Selector = Callable[[Any, int, dict[str, list[int]]], "dict[str, Any] | models.QuerySet[Any]"]


@dataclass(frozen=True)
class Part:
    label: str  # "app_label.modelname"
    select: Selector  # filters (or a queryset) given the organisation, the year and the ids already chosen
    plan: bool = False  # part of the Renstra tree (matched by natural key on --replace)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


def _renstra(org: Any, year: int, ids: dict[str, list[int]]) -> models.QuerySet[Any]:
    from apps.agreements.models import PerjanjianKinerja
    from apps.planning.models import Renstra

    used = PerjanjianKinerja.objects.filter(organisation=org, year=year).values("renstra_id")
    return Renstra.objects.filter(Q(organisation=org, start_year__lte=year, end_year__gte=year) | Q(pk__in=used))


def _children(parent: str, lookup: str) -> Selector:
    return lambda org, year, ids: {lookup: ids[parent]}


def _in_plan(lookup: str = "renstra__in") -> Selector:
    return _children("planning.renstra", lookup)


def _org_year(lookup: str = "organisation", year_field: str = "year") -> Selector:
    return lambda org, year, ids: {lookup: org, year_field: year}


PARTS: list[Part] = [
    Part("planning.renstra", _renstra, plan=True),
    Part("planning.tujuan", _in_plan(), plan=True),
    Part("planning.sasaran", _in_plan(), plan=True),
    Part("planning.program", _in_plan(), plan=True),
    Part("planning.kegiatan", _in_plan(), plan=True),
    Part("planning.subkegiatan", _in_plan(), plan=True),
    Part("planning.indicator", _in_plan(), plan=True),
    Part("planning.indicatortarget", _children("planning.indicator", "indicator__in"), plan=True),
    Part("planning.comparisonfigure", _org_year("indicator__organisation")),
    Part("organisations.staffcomposition", _org_year(year_field="as_of__year")),
    Part("organisations.staffcount", _children("organisations.staffcomposition", "composition__in")),
    Part("agreements.perjanjiankinerja", _org_year()),
    Part("agreements.pkitem", _children("agreements.perjanjiankinerja", "agreement__in")),
    Part("agreements.pkprogrambudget", _children("agreements.perjanjiankinerja", "agreement__in")),
    Part("realisations.realisation", _org_year("indicator__organisation")),
    Part("realisations.evidence", _children("realisations.realisation", "realisation__in")),
    Part("budgets.dpaversion", _org_year()),
    Part("budgets.dpaline", _children("budgets.dpaversion", "version__in")),
    Part("budgets.budgetrealisation", _org_year()),
    Part("reports.report", _org_year()),
    Part("reports.narrativesection", _children("reports.report", "report__in")),
    Part("reports.reportevent", _children("reports.report", "report__in")),
    Part("reports.reportsnapshot", _children("reports.report", "report__in")),
    Part("reports.reviewnote", _children("reports.report", "report__in")),
    Part("reports.sakipevaluation", _org_year()),
    Part("reports.recommendation", _children("reports.sakipevaluation", "evaluation__in")),
    Part("reports.followup", _children("reports.recommendation", "recommendation__in")),
]
LABELS = {p.label for p in PARTS}


def _queryset(part: Part, org: Any, year: int, ids: dict[str, list[int]]) -> models.QuerySet[Any]:
    result = part.select(org, year, ids)
    if isinstance(result, dict):
        return part.model._default_manager.filter(**result)
    return result


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _m2m(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    return [f for f in model._meta.many_to_many if f.related_model._meta.label_lower in LABELS]  # type: ignore[union-attr]


# --------------------------------------------------------------------------------------------- export


def export_org_year(org: Any, year: int) -> dict[str, Any]:
    """The backup document of ``org`` for ``year`` (a JSON-ready dict)."""
    ids: dict[str, list[int]] = {}
    rows: dict[str, list[Any]] = {}
    for part in PARTS:
        qs = _queryset(part, org, year, ids).order_by("pk")
        if _m2m(part.model):
            qs = qs.prefetch_related(*[f.name for f in _m2m(part.model)])
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


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)


def _encode(obj: Any, org: Any, refs: dict[str, dict[int, int]], warnings: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in _fields(type(obj)):
        if f.is_relation:
            out[f.name] = _encode_fk(obj, f, org, refs, warnings)
            continue
        value = f.value_from_object(obj)
        out[f.name] = _encode_value(f, value, obj, warnings)
    for f in _m2m(type(obj)):
        label = f.related_model._meta.label_lower  # type: ignore[union-attr]
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


# -------------------------------------------------------------------------------------------- restore


@dataclass
class RestoreResult:
    organisation: Any
    year: int
    created: dict[str, int] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


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
    return document


def year_data_exists(org: Any, year: int) -> dict[str, int]:
    """Rows of the year (not the plan) already present for ``org``: what a restore would replace."""
    ids: dict[str, list[int]] = {}
    found: dict[str, int] = {}
    for part in PARTS:
        qs = _queryset(part, org, year, ids)
        ids[part.label] = list(qs.values_list("pk", flat=True))
        if not part.plan and ids[part.label]:
            found[part.label] = len(ids[part.label])
    return found


class _Rollback(Exception):
    pass


def restore_org_year(document: dict[str, Any], *, replace: bool = False, dry_run: bool = False, organisation: Any = None) -> RestoreResult:
    """Write ``document`` into the database in one transaction; on any problem raise BackupError and
    write nothing. Without ``replace`` the organisation-year must be empty and its Renstra absent;
    with it, the year's rows are deleted first and the Renstra already present are matched by
    natural key (codes, or names where there is no code) and updated to the document's values.
    ``dry_run`` does all of it and rolls back."""
    from apps.organisations.models import Organisation

    if organisation is None:
        slug = (document.get("organisation") or {}).get("slug")
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise BackupError([_("Organisasi '%(slug)s' tidak ada di basis data ini; buat data masternya dulu.") % {"slug": slug}])
    year = document.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise BackupError([_("Tahun cadangan tidak sah: %(y)s.") % {"y": year}])
    objects = document.get("objects")
    if not isinstance(objects, dict) or set(objects) - LABELS:
        raise BackupError([_("Isi cadangan tidak dikenal: %(x)s.") % {"x": ", ".join(sorted(set(objects or {}) - LABELS)) or "-"}])
    restorer = _Restorer(document, organisation, year, replace)
    written: list[str] = []
    from django.core.files.storage import default_storage

    try:
        with transaction.atomic():
            restorer.run(written)
            if dry_run:
                raise _Rollback
    except BaseException as exc:
        for name in written:  # files saved before the rollback
            default_storage.delete(name)
        if not isinstance(exc, _Rollback):
            raise
    return restorer.result


class _Restorer:
    def __init__(self, document: dict[str, Any], org: Any, year: int, replace: bool) -> None:
        self.doc = document
        self.org = org
        self.year = year
        self.replace = replace
        self.result = RestoreResult(org, year)
        self.instances: dict[str, dict[int, Any]] = {}
        self.updated: set[tuple[str, int]] = set()
        self.unmatched: dict[str, list[Any]] = {}
        self.doomed: set[str] = set()
        self.errors: list[str] = []

    def run(self, written: list[str]) -> None:
        from apps.accounts.models import User

        self._check_users(User)
        existing = year_data_exists(self.org, self.year)
        if existing and not self.replace:
            raise BackupError(
                [_("Data %(org)s tahun %(y)s sudah ada (%(what)s). Pakai --replace untuk menggantinya.")
                 % {"org": self.org, "y": self.year, "what": ", ".join(f"{k}: {v}" for k, v in existing.items())}]
            )  # fmt: skip
        if not self.replace:
            present = self._renstra_present()
            if present:
                raise BackupError(
                    [
                        _("Renstra %(r)s sudah ada untuk %(org)s. Pakai --replace untuk memulihkan ke dalamnya.")
                        % {"r": ", ".join(present), "org": self.org}
                    ]
                )
        if self.replace:
            with suspended():
                self._delete_year()
        units = {u.name: u for u in self.org.units.all()}
        users = {u.username: u for u in User.objects.filter(username__in=self.usernames)}
        for part in PARTS:
            self._restore_part(part, users, units, written)
        for label, rows in self.unmatched.items():
            for obj in rows:
                self.result.warnings.append(
                    _("%(label)s '%(obj)s' ada di basis data tetapi tidak di cadangan; dibiarkan.") % {"label": label, "obj": obj}
                )
        if self.errors:
            raise BackupError(self.errors)
        for part in PARTS:
            self._history(part)

    # -- checks
    def _items(self, label: str) -> list[dict[str, Any]]:
        items = self.doc["objects"].get(label, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("fields"), dict) for i in items):
            raise BackupError([_("Bagian %(label)s rusak.") % {"label": label}])
        return items

    def _check_users(self, user_model: Any) -> None:
        self.usernames: set[str] = set()
        required: dict[str, set[str]] = {}
        for part in PARTS:
            fks = {f.name: f for f in _fields(part.model) if f.is_relation and f.related_model is user_model}
            for item in self._items(part.label):
                for name, f in fks.items():
                    value = item["fields"].get(name)
                    if isinstance(value, dict) and "user" in value:
                        self.usernames.add(str(value["user"]))
                        if not f.null:
                            required.setdefault(str(value["user"]), set()).add(part.label)
        present = set(user_model.objects.filter(username__in=self.usernames).values_list("username", flat=True))
        missing = sorted(set(required) - present)
        if missing:
            raise BackupError(
                [
                    _("Pengguna berikut tercatat dalam riwayat laporan tetapi tidak ada di basis data ini: %(u)s. Buat akunnya dulu.")  # noqa: E501
                    % {"u": ", ".join(missing)}
                ]
            )
        for name in sorted(self.usernames - present):
            self.result.warnings.append(_("Pengguna %(u)s tidak ada; kolom 'diubah oleh' dikosongkan.") % {"u": name})

    def _renstra_present(self) -> list[str]:
        from apps.planning.models import Renstra

        present = []
        for item in self._items("planning.renstra"):
            v = item["fields"]
            if Renstra.objects.filter(
                organisation=self.org, start_year=v.get("start_year"), end_year=v.get("end_year"), version_number=v.get("version_number")
            ).exists():
                present.append(f"{v.get('start_year')}-{v.get('end_year')}")
        return present

    # -- replace
    def _delete_year(self) -> None:
        from django.core.files.storage import default_storage

        ids: dict[str, list[int]] = {}
        querysets = {}
        for part in PARTS:
            qs = _queryset(part, self.org, self.year, ids)
            ids[part.label] = list(qs.values_list("pk", flat=True))
            querysets[part.label] = part.model._default_manager.filter(pk__in=ids[part.label])
        self.doomed = {e.file.name for e in querysets["realisations.evidence"] if e.file}
        self.doomed |= {s.pdf.name for s in querysets["reports.reportsnapshot"] if s.pdf}
        # Reports first: once they are gone nothing of the year is frozen any more.
        for label in ["reports.report", "reports.sakipevaluation", "budgets.budgetrealisation", "budgets.dpaversion",
                      "realisations.realisation", "planning.comparisonfigure", "agreements.perjanjiankinerja",
                      "organisations.staffcomposition"]:  # fmt: skip
            _count, detail = querysets[label].delete()
            for model_label, n in detail.items():
                if n:
                    key = model_label.lower()
                    self.result.deleted[key] = self.result.deleted.get(key, 0) + n
        apps.get_model("budgets.dpaupload").objects.filter(organisation=self.org, year=self.year).delete()
        transaction.on_commit(lambda: [default_storage.delete(name) for name in self.doomed])

    # -- objects
    def _restore_part(self, part: Part, users: dict[str, Any], units: dict[str, Any], written: list[str]) -> None:
        model = part.model
        label = part.label
        self.instances[label] = {}
        existing = self._existing(part) if part.plan else {}
        for item in self._items(label):
            ref = item.get("ref")
            if not isinstance(ref, int) or ref in self.instances[label]:
                self.errors.append(_("%(label)s: ref %(ref)r tidak sah atau ganda.") % {"label": label, "ref": ref})
                continue
            values = item["fields"]
            key = _natural_key(label, values, self.instances) if part.plan else None
            obj = existing.pop(key, None) if key is not None else None
            matched = obj is not None
            if obj is None:
                obj = model()
            m2m: dict[str, list[Any]] = {}
            for f in _fields(model):
                if f.name not in values:
                    continue
                try:
                    self._set(obj, f, values[f.name], users, units, written)
                except (ValidationError, ValueError, TypeError, KeyError, binascii.Error) as exc:
                    detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                    self.errors.append(
                        _("%(label)s #%(ref)s, kolom %(field)s: %(e)s") % {"label": label, "ref": ref, "field": f.name, "e": detail}
                    )
            for f in _m2m(model):
                m2m[f.name] = [self._ref(v) for v in values.get(f.name, [])]
            if self.errors:
                continue
            try:
                with transaction.atomic():
                    obj.save_base(raw=True)
            except IntegrityError as exc:
                self.errors.append(_("%(label)s #%(ref)s tidak dapat disimpan: %(e)s") % {"label": label, "ref": ref, "e": exc})
                continue
            for name, related in m2m.items():
                getattr(obj, name).set([r for r in related if r is not None])
            self.instances[label][ref] = obj
            if matched:
                self.updated.add((label, obj.pk))
            bucket = self.result.matched if matched else self.result.created
            bucket[label] = bucket.get(label, 0) + 1
        if existing:
            self.unmatched[label] = list(existing.values())

    def _existing(self, part: Part) -> dict[Any, Any]:
        """Plan rows already in the database (only with --replace), by natural key."""
        if not self.replace:
            return {}
        if part.label == "planning.renstra":
            qs = part.model._default_manager.filter(organisation=self.org)
        elif part.label == "planning.indicatortarget":
            qs = part.model._default_manager.filter(indicator__in=[o.pk for o in self.instances["planning.indicator"].values()])
        else:
            qs = part.model._default_manager.filter(renstra__in=[o.pk for o in self.instances["planning.renstra"].values()])
        found: dict[Any, Any] = {}
        for obj in qs.order_by("pk"):
            found.setdefault(_natural_key_of(part.label, obj), obj)
        return found

    def _ref(self, value: Any) -> Any:
        if not isinstance(value, str) or ":" not in value:
            raise ValueError(_("rujukan tidak sah: %(v)r") % {"v": value})
        label, _sep, ref = value.partition(":")
        try:
            return self.instances[label][int(ref)]
        except (KeyError, ValueError) as exc:
            raise ValueError(_("rujukan %(v)s tidak ditemukan di cadangan") % {"v": value}) from exc

    def _set(self, obj: Any, f: Any, value: Any, users: dict[str, Any], units: dict[str, Any], written: list[str]) -> None:
        if f.is_relation:
            if value is None:
                setattr(obj, f.attname, None)
            elif value == "@organisation":
                setattr(obj, f.attname, self.org.pk)
            elif isinstance(value, dict) and "user" in value:
                user = users.get(str(value["user"]))
                setattr(obj, f.attname, user.pk if user else None)
            elif isinstance(value, dict) and "unit" in value:
                unit = units.get(str(value["unit"]))
                if unit is None:
                    self.result.warnings.append(
                        _("Unit '%(u)s' tidak ada di %(org)s; penanggung jawab dikosongkan.") % {"u": value["unit"], "org": self.org}
                    )
                setattr(obj, f.attname, unit.pk if unit else None)
            else:
                setattr(obj, f.attname, self._ref(value).pk)
            return
        if isinstance(f, models.FileField):
            setattr(obj, f.attname, self._file(f, value, written))
            return
        if isinstance(f, models.BinaryField):
            setattr(obj, f.attname, None if value is None else base64.b64decode(value["base64"], validate=True))
            return
        python = f.to_python(value)
        if python is None and not f.null and not isinstance(f, models.JSONField):
            raise ValidationError(_("nilai wajib"))
        setattr(obj, f.attname, python)

    def _file(self, f: Any, value: Any, written: list[str]) -> str:
        from django.core.files.storage import default_storage

        if value is None:
            return ""
        if value.get("missing"):
            self.result.warnings.append(_("Berkas %(n)s tidak ada di cadangan (hilang saat dicadangkan).") % {"n": value.get("name")})
            return ""
        data = base64.b64decode(value["base64"], validate=True)
        digest = hashlib.sha256(data).hexdigest()
        if digest != value.get("sha256"):
            raise ValueError(_("SHA-256 berkas %(n)s tidak cocok; cadangan rusak") % {"n": value.get("name")})
        name = str(value["name"])
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                if hashlib.sha256(handle.read()).hexdigest() == digest:
                    self.doomed.discard(name)  # the very same file is still there: keep it
                    return name
        name = default_storage.save(name, ContentFile(data))
        written.append(name)
        return name

    def _history(self, part: Part) -> None:
        model = part.model
        manager = getattr(model, "history", None)
        objs = list(self.instances.get(part.label, {}).values())
        if manager is None or not objs:
            return
        for update in (False, True):
            chosen = [o for o in objs if ((part.label, o.pk) in self.updated) == update]
            if chosen:
                manager.bulk_history_create(chosen, update=update, default_change_reason=RESTORE_REASON, default_date=timezone.now())


def _code_or_text(values: dict[str, Any]) -> tuple[str, str]:
    code = values.get("code") or ""
    if code:
        return ("code", str(code))
    return ("text", str(values.get("text") or values.get("name") or ""))


def _natural_key(label: str, values: dict[str, Any], instances: dict[str, dict[int, Any]]) -> Any:
    if label == "planning.renstra":
        return (values.get("start_year"), values.get("end_year"), values.get("version_number"))
    if label == "planning.indicatortarget":
        indicator = values.get("indicator", "")
        _l, _s, ref = str(indicator).partition(":")
        obj = instances.get("planning.indicator", {}).get(int(ref)) if ref.isdigit() else None
        return (obj.pk if obj else None, values.get("year"))
    renstra = values.get("renstra", "")
    _l, _s, ref = str(renstra).partition(":")
    obj = instances.get("planning.renstra", {}).get(int(ref)) if ref.isdigit() else None
    extra = (values.get("level"),) if label == "planning.indicator" else ()
    return (obj.pk if obj else None, *extra, *_code_or_text(values))


def _natural_key_of(label: str, obj: Any) -> Any:
    if label == "planning.renstra":
        return (obj.start_year, obj.end_year, obj.version_number)
    if label == "planning.indicatortarget":
        return (obj.indicator_id, obj.year)
    extra = (obj.level,) if label == "planning.indicator" else ()
    return (
        obj.renstra_id,
        *extra,
        *_code_or_text({"code": obj.code, "text": getattr(obj, "text", None), "name": getattr(obj, "name", None)}),
    )
