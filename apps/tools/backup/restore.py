"""Restore: a backup document written into the database in one transaction, all or nothing, with
one audit entry per restored row."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.organisations.models import Organisation
from apps.planning.models import Renstra
from apps.reports import page_cache
from apps.reports.freeze import suspended
from apps.tools.backup.document import BackupError
from apps.tools.backup.parts import (
    INDICATOR_CHILD_KEYS,
    LABELS,
    PARTS,
    Part,
    concrete_fields,
    m2m_fields,
    natural_key,
    natural_key_of,
    queryset,
)

RESTORE_REASON = "Dipulihkan dari cadangan"


@dataclass
class RestoreResult:
    organisation: Any
    year: int
    created: dict[str, int] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def year_data_exists(org: Any, year: int) -> dict[str, int]:
    """Rows of the year (not the plan) already present for ``org``: what a restore would replace."""
    ids: dict[str, list[int]] = {}
    found: dict[str, int] = {}
    for part in PARTS:
        qs = queryset(part, org, year, ids)
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
        page_cache.record(self.org)  # rows restored raw record nothing: the organisation's pages are computed again
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
            fks = {f.name: f for f in concrete_fields(part.model) if f.is_relation and f.related_model is user_model}
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
        ids: dict[str, list[int]] = {}
        querysets: dict[str, models.QuerySet[Any]] = {}
        for part in PARTS:
            qs = queryset(part, self.org, self.year, ids)
            ids[part.label] = list(qs.values_list("pk", flat=True))
            querysets[part.label] = part.model._default_manager.filter(pk__in=ids[part.label])
        self.doomed = {e.file.name for e in querysets["realisations.evidence"] if e.file}
        self.doomed |= {s.pdf.name for s in querysets["reports.reportsnapshot"] if s.pdf}
        # Reports first: once they are gone nothing of the year is frozen any more.
        for label in ["reports.report", "reports.sakipevaluation", "reports.sarprasitem", "reports.penghargaan", "reports.rbevaluation",
                      "budgets.realisasianggaran", "budgets.dpaversion", "budgets.pendapatan", "budgets.dokumenanggaran",
                      "realisations.realisation", "realisations.servicescore", "realisations.aspectscore", "planning.comparisonfigure",
                      "agreements.perjanjiankinerja",
                      "organisations.staffcomposition"]:  # fmt: skip
            _count, detail = querysets[label].delete()
            for model_label, n in detail.items():
                if n:
                    key = model_label.lower()
                    self.result.deleted[key] = self.result.deleted.get(key, 0) + n
        apps.get_model("budgets.dpaupload").objects.filter(organisation=self.org, year=self.year).delete()
        transaction.on_commit(self._delete_doomed_files)

    def _delete_doomed_files(self) -> None:
        for name in self.doomed:
            default_storage.delete(name)

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
            key = natural_key(label, values, self.instances) if part.plan else None
            obj = existing.pop(key, None) if key is not None else None
            matched = obj is not None
            if obj is None:
                obj = model()
            m2m: dict[str, list[Any]] = {}
            for f in concrete_fields(model):
                if f.name not in values:
                    continue
                try:
                    self._set(obj, f, values[f.name], users, units, written)
                except (ValidationError, ValueError, TypeError, KeyError, binascii.Error) as exc:
                    detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                    self.errors.append(
                        _("%(label)s #%(ref)s, kolom %(field)s: %(e)s") % {"label": label, "ref": ref, "field": f.name, "e": detail}
                    )
            for f in m2m_fields(model):
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
        elif part.label in INDICATOR_CHILD_KEYS:
            qs = part.model._default_manager.filter(indicator__in=[o.pk for o in self.instances["planning.indicator"].values()])
        else:
            qs = part.model._default_manager.filter(renstra__in=[o.pk for o in self.instances["planning.renstra"].values()])
        found: dict[Any, Any] = {}
        for obj in qs.order_by("pk"):
            found.setdefault(natural_key_of(part.label, obj), obj)
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
            elif isinstance(value, dict) and "desa" in value:
                desa = self.org.desa_set.filter(name=str(value["desa"])).first()
                if desa is None:
                    self.result.warnings.append(
                        _("Desa '%(d)s' tidak ada di %(org)s; dikosongkan.") % {"d": value["desa"], "org": self.org}
                    )
                setattr(obj, f.attname, desa.pk if desa else None)
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
