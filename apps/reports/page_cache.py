"""The report page's document part, cached by the data version of its organisation (issue 21).

A report is a pure function of its data: computing it costs most of the page (the document, its inputs and
the template of its tables). The page keeps the result in the cache (Redis when several nodes share it) under
a key made of the report, the reader's edit right, the language, the day, and the **data version**: the newest
:class:`DataChange` id among the organisation's key, its pemda's key and the global key, one indexed query.

Every save and delete of a model a report may read inserts a ``DataChange`` row in the same transaction
(signals connected here, for every model of the domain apps but the few listed in :data:`NOT_INPUTS`), so a
change is seen by the next reader as soon as it is committed, on every node. Insert-only: writers never wait for
each other (a counter row would serialise every save of a kecamatan). Bulk writes bypass the signals; the
services that use them also save a row of the same change (a new DPA version's row, a Renstra perubahan's
Renstra), which records it. ``tests/reports/test_page_cache.py`` checks that every report input is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connections
from django.db.models import Max
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

from .models import DataChange

#: The apps whose models a report may read (and whose changes are recorded).
INPUT_APPS = ("organisations", "performance", "planning", "agreements", "realisations", "budgets", "reports")
#: Models of those apps no report shows: jobs, uploads, the change log itself.
NOT_INPUTS = {"reports.renderjob", "reports.approvalrender", "reports.datachange", "budgets.dpaupload"}
#: How long a cached page lives at most (a change makes it unreachable at once; this only frees the memory).
TIMEOUT = 6 * 3600


def _label(model: Any) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def input_models() -> list[Any]:
    """Every model whose changes are recorded: the input apps' models (not their history tables), and the users
    (a reviewer's or approver's name is printed)."""
    found = [apps.get_model("accounts", "User")]
    for label in INPUT_APPS:
        for model in apps.get_app_config(label).get_models():
            if _label(model) in NOT_INPUTS or model.__name__.startswith("Historical"):
                continue
            found.append(model)
    return found


def _follow(instance: Any, path: str) -> Any:
    obj = instance
    parts = path.split("__")
    for part in parts[:-1]:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return getattr(obj, f"{parts[-1]}_id", None)


def change_key(instance: Any) -> str:
    """Whose data changed: ``org:<id>``, ``pemda:<id>`` (a pemda's conventions, scales, officials) or ``global``."""
    model = type(instance)
    if model.__name__ == "Organisation":
        return f"org:{instance.pk}"
    if model.__name__ == "Pemda":
        return f"pemda:{instance.pk}"
    lookup = getattr(model, "organisation_lookup", None) or "organisation"
    try:
        org = _follow(instance, lookup)
        if org is not None:
            return f"org:{org}"
        pemda = getattr(instance, "pemda_id", None)
    except Exception:  # noqa: BLE001 - a row half-deleted (its parent gone in a cascade): record it for everyone
        return "global"
    return f"pemda:{pemda}" if pemda is not None else "global"


def record(instance: Any) -> None:
    """One change row, in the writer's transaction (a plain INSERT: it runs on every save of every input)."""
    connection = connections[getattr(instance._state, "db", None) or "default"]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(DataChange._meta.db_table)} ({quote('key')}) VALUES (%s)", [change_key(instance)])  # noqa: S608


def _on_write(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loaddata: a fixture load is followed by the keys' own record (see record_all)
    record(instance)


def _on_m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        record(instance)


def connect() -> None:
    for model in input_models():
        post_save.connect(_on_write, sender=model, dispatch_uid=f"page-cache-save-{_label(model)}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"page-cache-delete-{_label(model)}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_on_m2m, sender=field.remote_field.through, dispatch_uid=f"page-cache-m2m-{_label(model)}-{field.name}")


def record_all() -> None:
    """After a bulk load (fixtures, a restore): one global change, so that no page cached before is served."""
    DataChange.objects.create(key="global")


def data_version(organisation: Any) -> int:
    """The newest recorded change of the organisation, its pemda or everyone (0: none yet)."""
    keys = [f"org:{organisation.pk}", f"pemda:{organisation.pemda_id}", "global"]
    return int(DataChange.objects.filter(key__in=keys).aggregate(v=Max("id"))["v"] or 0)


def cached(report: Any, *, editable: bool, compute: Callable[[], tuple[str, str]]) -> tuple[str, str]:
    """The report page's (title, document HTML): from the cache when nothing it shows has changed since."""
    ident = report.pk or f"{report.organisation_id}-{report.year}-{report.period}"
    version = data_version(report.organisation)
    key = f"report-page:{ident}:{version}:{int(editable)}:{translation.get_language()}:{timezone.localdate().isoformat()}"
    hit = cache.get(key)
    if hit is not None:
        return hit[0], hit[1]
    title, html = compute()
    cache.set(key, (str(title), str(html)), TIMEOUT)
    return title, html
