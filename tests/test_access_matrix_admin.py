"""Access matrix over Django admin (issue 15): tests/test_access_matrix.py, extended to /admin/.

Every admin URL of every ModelAdmin in ``admin.site._registry`` (changelist, add, change, delete,
history, simple_history's revert form, a user's password form), and the site's own pages (index,
app lists, autocomplete, view on site), is requested, GET and POST, by:

* anonymous, and the operator, camat and inspektorat of Perak (pemda Jombang), none of them staff;
* staff: the operator of Perak with ``is_staff`` and every Django permission, but no admin role;
* admin: the admin of pemda Jombang (staff); foreign_admin: the admin of pemda Luwu Timur (staff);
* superuser;

against an object of pemda Jombang (own: Perak, Jombang itself, its users) and one of pemda Luwu
Timur (foreign: Kalaena, Luwu Timur, its users).

The expected outcomes come from the roles (docs/security.md), not from the views:

* only staff enter the admin; only superusers and pemda admins see anything in it (a staff flag or
  Django permissions alone grant nothing);
* master data (kecamatan, units, desa, positions, officials, appointments, staff composition,
  predikat scales, memberships, users) is the pemda admin's, for the pemdas he administers only;
  the pemda row itself can be changed but not added or deleted; a kecamatan cannot be deleted
  (that deletes its reports: the superuser's decision); users are never deleted (deactivated);
* a pemda admin manages the users all of whose memberships lie in his pemdas (operator, camat,
  inspektorat of Jombang here; not admins, superusers, staff or users of another pemda);
* plans, PK, realisations, DPA data, groups and login records are the superuser's (the app enters
  them, or nobody should edit them); axes' records cannot be added by anyone;
* nothing outside what a user may see appears in any response (the other pemda's names and the
  superuser's name are searched for in every body).

Legend: ``login`` redirect to the admin login; ``200`` page; ``302`` redirect after the action; ``nf``
the admin's "does not exist" (redirect to the admin index: the object is outside the user's list);
``403`` forbidden; ``404`` not found. An object cell ``a/b`` is own/foreign (one value: both). A
changelist POST selects both objects for ``delete_selected``: ``status:deleted`` says which were deleted.
A URL or model missing from the tables fails ``test_every_admin_url_is_in_the_matrix``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLResolver, reverse

from apps.accounts.models import Role, User
from tests.access_objects import build
from tests.factories import (
    AppointmentFactory,
    DesaFactory,
    OfficialFactory,
    PositionFactory,
    UnitFactory,
    UserFactory,
    member,
)

PERSONAS = ("anonymous", "operator", "camat", "inspektorat", "staff", "admin", "foreign_admin", "superuser")
NEW_PASSWORD = "Sandi-Matriks-2024!"
# What a page about pemda Jombang shows (its names as links, options or autocomplete results; codes; the
# markers of its objects), and the same of Luwu Timur. "Perak" and "Jombang" alone are not needles: the
# scale catalogue and help texts, public to every admin, cite them.
OWN_NEEDLES = [
    "Kabupaten Jombang",
    ">Kecamatan Perak<",
    '"Kecamatan Perak"',
    "Kecamatan Ploso",
    "jombang-uji",
    "perak-uji",
    "ploso-uji",
    "Rahasia-Perak-5101",
    "Rahasia-Ploso-5202",
    "ganda_jombang",
]
FOREIGN_NEEDLES = ["Kalaena", "Luwu Timur", "lutim-uji", "Rahasia-Kalaena-5303", "inspektorat_luar", "admin_luar", "ganda_luar"]
SUPERUSER_NEEDLES = ["akar_super"]

# fmt: off
# --- GET --------------------------------------------------------------------------------------------
# kind           anonymous operator camat inspektorat staff  admin    foreign_admin superuser
SCOPED = {
    "changelist": "login login login login 403 200 200 200",
    "add":        "login login login login 403 200 200 200",
    "change":     "login login login login 403 200/nf nf/200 200",
    "delete":     "login login login login 403 200/nf nf/200 200",
    # simple_history shows a foreign object's history from its historical rows: refused outright.
    "history":    "login login login login 403 200/403 403/200 200",
    "revert":     "login login login login 403 200/403 403/200 200",
}
GET: dict[str, dict[str, str]] = {
    "accounts.user": {
        "changelist": "login login login login 403 200 200 200",
        "add":        "login login login login 403 200 200 200",
        "change":     "login login login login 403 200/nf nf/200 200",
        "delete":     "login login login login 403 403 403 200",
        "history":    "login login login login nf 200/nf nf/200 200",
        "password":   "login login login login 403 200/404 404/200 200",
    },
    "accounts.membership": SCOPED,
    "organisations.pemda": SCOPED | {
        "add":        "login login login login 403 403 403 200",
        "delete":     "login login login login 403 403 403 200",
    },
    "organisations.organisation": SCOPED | {
        "delete":     "login login login login 403 403 403 200",
    },
    "organisations.unit": SCOPED,
    "organisations.desa": SCOPED,
    "organisations.position": SCOPED,
    "organisations.official": SCOPED,
    "organisations.appointment": SCOPED,
    "organisations.staffcomposition": SCOPED,
    "performance.predikatscale": SCOPED,
    "performance.reportconvention": SCOPED,
}
SUPERUSER_ONLY = {
    "changelist": "login login login login 403 403 403 200",
    "add":        "login login login login 403 403 403 200",
    "change":     "login login login login 403 403 403 200",
    "delete":     "login login login login 403 403 403 200",
    "history":    "login login login login 403 403 403 200",
    "revert":     "login login login login 403 403 403 200",
}
for label in (
    "planning.renstra", "planning.tujuan", "planning.sasaran", "planning.program", "planning.kegiatan", "planning.subkegiatan",
    "planning.indicator", "planning.indicatortarget", "planning.comparisonfigure", "agreements.perjanjiankinerja",
    "agreements.pkitem", "agreements.pkprogrambudget", "realisations.realisation", "realisations.evidence",
    "budgets.dpaversion", "budgets.dpaline", "budgets.realisasianggaran", "budgets.dpaupload",
    "budgets.pendapatan",
):
    GET[label] = SUPERUSER_ONLY
GET["auth.group"] = {k: v for k, v in SUPERUSER_ONLY.items() if k != "revert"}
# Login records: nobody adds them.
for label in ("axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"):
    GET[label] = {k: v for k, v in SUPERUSER_ONLY.items() if k != "revert"} | {"add": "login login login login 403 403 403 403"}

# --- POST -------------------------------------------------------------------------------------------
# changelist: delete_selected of both objects; add, change, revert: an empty form (allowed: shown
# again with its errors); delete: the confirmation; password: a valid new password. (The history
# page has no POST of its own: it answers as to GET.)
SCOPED_POST = {
    "changelist": "login login login login 403 302:own 302:foreign 302:both",
    "add":        "login login login login 403 200 200 200",
    "change":     "login login login login 403 200/nf nf/200 200",
    "delete":     "login login login login 403 302/nf nf/302 302",
    "revert":     "login login login login 403 200/403 403/200 200",
}
POST: dict[str, dict[str, str]] = {
    # Users are deactivated, not deleted: no bulk action for the pemda admin (the list is shown again).
    "accounts.user": {
        "changelist": "login login login login 403 200:- 200:- 302:both",
        "add":        "login login login login 403 200 200 200",
        "change":     "login login login login 403 200/nf nf/200 200",
        "delete":     "login login login login 403 403 403 302",
        "password":   "login login login login 403 302/404 404/302 302",
    },
    # Memberships are deleted one by one (no user may lose its last role): no bulk action.
    "accounts.membership": SCOPED_POST | {"changelist": "login login login login 403 200:- 200:- 302:both"},
    # A pemda with kecamatan cannot be deleted (PROTECT), not even by the superuser.
    "organisations.pemda": SCOPED_POST | {
        "changelist": "login login login login 403 200:- 200:- 200:-",
        "add":        "login login login login 403 403 403 200",
        "delete":     "login login login login 403 403 403 200",
    },
    # A kecamatan is not the pemda admin's to delete; its Renstra is protected by its PK, so not even
    # the superuser deletes this one (the confirmation page lists what protects it).
    "organisations.organisation": SCOPED_POST | {
        "changelist": "login login login login 403 200:- 200:- 200:-",
        "delete":     "login login login login 403 403 403 200",
    },
    "organisations.unit": SCOPED_POST,
    "organisations.desa": SCOPED_POST,
    "organisations.position": SCOPED_POST,
    "organisations.official": SCOPED_POST,
    "organisations.appointment": SCOPED_POST,
    "organisations.staffcomposition": SCOPED_POST,
    "performance.predikatscale": SCOPED_POST,
    "performance.reportconvention": SCOPED_POST,
}
SUPERUSER_ONLY_POST = {
    "changelist": "login login login login 403 403 403 302:both",
    "add":        "login login login login 403 403 403 200",
    "change":     "login login login login 403 403 403 200",
    "delete":     "login login login login 403 403 403 302",
    "revert":     "login login login login 403 403 403 200",
}
# What a PK refers to (its Renstra, indicators and programs, and the tree above them) is protected:
# the superuser gets the confirmation page listing the PK, and nothing is deleted.
PROTECTED_BY_PK = ("planning.renstra", "planning.tujuan", "planning.sasaran", "planning.program", "planning.indicator")
for label, row in GET.items():
    if row is SUPERUSER_ONLY:
        POST[label] = SUPERUSER_ONLY_POST
for label in PROTECTED_BY_PK:
    POST[label] = SUPERUSER_ONLY_POST | {
        "changelist": "login login login login 403 403 403 200:-",
        "delete":     "login login login login 403 403 403 200",
    }
POST["auth.group"] = {k: v for k, v in SUPERUSER_ONLY_POST.items() if k != "revert"}
# Login records are read-only: saving one changes nothing (and redirects); nobody adds one.
for label in ("axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"):
    POST[label] = {k: v for k, v in SUPERUSER_ONLY_POST.items() if k != "revert"} | {
        "add":        "login login login login 403 403 403 403",
        "change":     "login login login login 403 403 403 302",
    }

# --- The site's own pages ---------------------------------------------------------------------------
SITE_GET = {
    "index":                     "login login login login 200 200 200 200",
    "app_list accounts":         "login login login login 404 200 200 200",
    "app_list organisations":    "login login login login 404 200 200 200",
    "app_list performance":      "login login login login 404 200 200 200",
    "app_list planning":         "login login login login 404 404 404 200",
    "app_list agreements":       "login login login login 404 404 404 200",
    "app_list realisations":     "login login login login 404 404 404 200",
    "app_list budgets":          "login login login login 404 404 404 200",
    "app_list auth":             "login login login login 404 404 404 200",
    "app_list axes":             "login login login login 404 404 404 200",
    # Choices of a relation, from the target's ModelAdmin queryset (leaks are searched in the JSON).
    "autocomplete user":         "login login login login 403 200 200 200",
    "autocomplete organisation": "login login login login 403 200 200 200",
    "autocomplete pemda":        "login login login login 403 200 200 200",
    "autocomplete official":     "login login login login 403 200 200 200",
    "autocomplete unit":         "login login login login 403 200 200 200",
    "autocomplete group":        "login login login login 403 403 403 200",
    # The shortcut to an object's page in the app (which applies its own scope): its URL only.
    "view_on_site report":       "login login login login 302 302 302 302",
}
# fmt: on
AUTOCOMPLETE = {
    "user": ("accounts", "membership", "user"),
    "organisation": ("organisations", "desa", "organisation"),
    "pemda": ("organisations", "organisation", "pemda"),
    "official": ("organisations", "appointment", "official"),
    "unit": ("organisations", "position", "unit"),
    "group": ("accounts", "user", "groups"),
}
# Admin site URLs not walked, and why.
NOT_WALKED = {
    "login": "the admin's login form (tests/accounts/test_auth.py covers throttling)",
    "logout": "ends the session",
    "password_change": "the user's own password",
    "password_change_done": "static page",
    "jsi18n": "translated UI strings",
}
MODEL_URL_KINDS = {"changelist", "add", "change", "delete", "history", "simple_history"}


# --- Objects ----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _quiet_refusals():
    """Hundreds of expected 403s: django.request would format a traceback for each (seconds)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def _with_history(obj: Any) -> Any:
    """Rows made by bulk_create have no historical row; one save gives them one (for the revert form)."""
    if hasattr(type(obj), "history") and not obj.history.exists():
        obj.save()
    return obj


@pytest.fixture
def objs(world, settings, tmp_path) -> dict[str, tuple[Any, Any]]:
    """One object per registered model in pemda Jombang (own) and in pemda Luwu Timur (foreign)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from apps.agreements.models import PKProgramBudget
    from apps.budgets.models import Pendapatan, RealisasiAnggaran
    from apps.organisations.models import StaffComposition
    from apps.performance.models import PredikatScale, ReportConvention
    from apps.planning.models import ComparisonFigure, Kegiatan, Program, SubKegiatan

    settings.MEDIA_ROOT = tmp_path
    # The shipped catalogue (pemda empty, public) has a scale inferred from the real Luwu Timur's seed
    # report; its name matches the foreign test pemda's and would read as a leak. Not that pemda's data.
    PredikatScale.objects.filter(pemda__isnull=True, catalogue_key="seed-004-luwu-timur").delete()
    own = build("own", world.own, operator=world.operator, admin=world.admin)
    foreign = build("foreign", world.foreign, operator=None, admin=world.foreign_admin)
    out: dict[str, tuple[Any, Any]] = {}

    def pair(label: str, make: Callable[[Any, str], Any]) -> None:
        out[label] = (_with_history(make(own, "own")), _with_history(make(foreign, "foreign")))

    # Users with two memberships each, so that deleting one leaves the user a role.
    ganda = UserFactory(username="ganda_jombang")
    member(ganda, Role.OPERATOR, organisation=world.own)
    member(ganda, Role.CAMAT, organisation=world.other)
    ganda_luar = UserFactory(username="ganda_luar")
    member(ganda_luar, Role.OPERATOR, organisation=world.foreign)
    member(ganda_luar, Role.INSPEKTORAT, pemda=world.other_pemda)
    out["accounts.user"] = (world.operator, world.foreign_inspektorat)
    out["accounts.membership"] = (ganda.memberships.get(role=Role.OPERATOR), ganda_luar.memberships.get(role=Role.OPERATOR))
    out["organisations.pemda"] = (world.pemda, world.other_pemda)
    out["organisations.organisation"] = (world.own, world.foreign)
    pair("organisations.unit", lambda k, s: UnitFactory(organisation=k.org, name=f"Seksi {k.marker}"))
    pair("organisations.desa", lambda k, s: DesaFactory(organisation=k.org, name=f"Desa {k.marker}"))
    pair("organisations.position", lambda k, s: PositionFactory(organisation=k.org, title=f"Camat {k.marker}"))
    pair("organisations.official", lambda k, s: OfficialFactory(pemda=k.org.pemda, name=f"PEJABAT {k.marker}"))
    pair(
        "organisations.appointment",
        lambda k, s: AppointmentFactory(
            position=PositionFactory(organisation=k.org, title=f"Sekcam {k.marker}"), official__name=f"SEKCAM {k.marker}"
        ),
    )
    pair("organisations.staffcomposition", lambda k, s: StaffComposition.objects.create(organisation=k.org, as_of="2024-01-01"))
    pair("performance.predikatscale", lambda k, s: PredikatScale.objects.create(pemda=k.org.pemda, use="capaian", name=f"Skala {k.marker}"))
    pair("performance.reportconvention", lambda k, s: ReportConvention.objects.create(pemda=k.org.pemda, name=f"Konvensi {k.marker}"))
    pair("planning.renstra", lambda k, s: k.renstra)
    pair("planning.tujuan", lambda k, s: k.tujuan)
    pair("planning.sasaran", lambda k, s: k.sasaran)
    pair("planning.program", lambda k, s: Program.objects.get(renstra=k.renstra))
    pair("planning.kegiatan", lambda k, s: Kegiatan.objects.get(renstra=k.renstra))
    pair("planning.subkegiatan", lambda k, s: SubKegiatan.objects.get(renstra=k.renstra))
    pair("planning.indicator", lambda k, s: k.akip)
    pair("planning.indicatortarget", lambda k, s: k.akip.targets.get(year=2024))
    pair(
        "planning.comparisonfigure",
        lambda k, s: ComparisonFigure.objects.create(indicator=k.akip, year=2024, level="nasional", value=Decimal("70"), source="BPS"),
    )
    pair("agreements.perjanjiankinerja", lambda k, s: k.agreement)
    pair("agreements.pkitem", lambda k, s: k.agreement.items.first())
    pair(
        "agreements.pkprogrambudget",
        lambda k, s: (
            k.agreement.program_budgets.first()
            or PKProgramBudget.objects.create(agreement=k.agreement, program=Program.objects.get(renstra=k.renstra), amount=Decimal(1000))
        ),
    )
    pair("realisations.realisation", lambda k, s: k.realisation)
    pair("realisations.evidence", lambda k, s: k.link)
    pair("budgets.dpaversion", lambda k, s: k.version)
    pair("budgets.dpaline", lambda k, s: k.line)
    pair("budgets.realisasianggaran", lambda k, s: RealisasiAnggaran.objects.get(organisation=k.org))
    pair("budgets.dpaupload", lambda k, s: k.upload)
    pair("budgets.pendapatan", lambda k, s: Pendapatan.objects.create(organisation=k.org, year=2024, quarter=4, name="Retribusi pasar"))
    group = Group.objects.create(name="Pengelola data")
    out["auth.group"] = (group, group)  # groups belong to no pemda: the same row twice
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        extra = {"get_data": "", "post_data": "", "failures_since_start": 1} if model is AccessAttempt else {}
        out[model._meta.label_lower] = tuple(  # type: ignore[assignment]
            model.objects.create(username=name, ip_address="10.0.0.1", user_agent="uji", http_accept="*/*", path_info="/", **extra)
            for name in ("operator", "inspektorat_luar")
        )
    out["reports.report"] = (own.report, foreign.report)  # view on site only
    # A superuser who also holds a role in Jombang: never in the pemda admin's reach (nor his name).
    member(UserFactory(username="akar_super", is_superuser=True, is_staff=True), Role.INSPEKTORAT, pemda=world.pemda)
    return out


def _persona(world: Any, name: str) -> Any:
    if name == "anonymous":
        return None
    if name == "superuser":
        return User.objects.get(username="akar_super")
    if name == "staff":
        user = UserFactory(username="operator_staf", is_staff=True)
        member(user, Role.OPERATOR, organisation=world.own)
        user.user_permissions.set(Permission.objects.all())
        return user
    return getattr(world, name)


# --- URLs ---------------------------------------------------------------------------------------


def _admin_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: Any) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif p.name:
                names.add(p.name)

    walk(admin.site.get_urls())
    return names


def _url(label: str, kind: str, obj: Any) -> str:
    app_label, model_name = label.split(".")
    if kind == "password":
        return reverse("admin:auth_user_password_change", args=[obj.pk])
    if kind == "revert":
        return reverse(f"admin:{app_label}_{model_name}_simple_history", args=[obj.pk, obj.history.latest().history_id])
    if kind in ("changelist", "add"):
        return reverse(f"admin:{app_label}_{model_name}_{kind}")
    return reverse(f"admin:{app_label}_{model_name}_{kind}", args=[obj.pk])


def _site_url(label: str, objs: dict[str, tuple[Any, Any]], scope: int) -> str:
    kind, _, arg = label.partition(" ")
    if kind == "index":
        return reverse("admin:index")
    if kind == "app_list":
        return reverse("admin:app_list", args=[arg])
    if kind == "autocomplete":
        app_label, model_name, field_name = AUTOCOMPLETE[arg]
        query = f"?app_label={app_label}&model_name={model_name}&field_name={field_name}&term="
        return reverse("admin:autocomplete") + query
    obj = objs[f"reports.{arg}"][scope]
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_every_admin_url_is_in_the_matrix():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert set(GET) == set(registered) == set(POST), "add the registered models to GET and POST"
    names = _admin_url_names()
    expected_names = set()
    for label in registered:
        prefix = label.replace(".", "_")
        kinds = {n[len(prefix) + 1 :] for n in names if n.startswith(prefix + "_") and n[len(prefix) + 1 :] in MODEL_URL_KINDS}
        if label == "accounts.user":
            kinds.add("password")
        table_kinds = {"revert" if k == "simple_history" else k for k in kinds}
        assert set(GET[label]) == table_kinds == set(POST[label]) | {"history"}, label
        expected_names |= {f"{prefix}_{k}" for k in kinds if k != "password"}
    site = {label.split()[0] for label in SITE_GET}
    assert sorted(names - expected_names - site - set(NOT_WALKED) - {"auth_user_password_change"}) == []
    for table in (GET, POST):
        for label, rows in table.items():
            for kind, row in rows.items():
                assert len(row.split()) == len(PERSONAS), (label, kind)


# --- Requests -----------------------------------------------------------------------------------


def outcome(response: Any) -> str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return "login"
        if location == reverse("admin:index"):
            return "nf"
    return str(response.status_code)


def _needles(persona: str) -> list[str]:
    return {
        "superuser": [],
        "admin": FOREIGN_NEEDLES + SUPERUSER_NEEDLES,
        "foreign_admin": OWN_NEEDLES + SUPERUSER_NEEDLES,
    }.get(persona, OWN_NEEDLES + FOREIGN_NEEDLES + SUPERUSER_NEEDLES)


def _state(model: Any, pair: tuple[Any, Any]) -> tuple[Any, ...]:
    rows = model._base_manager.filter(pk__in={o.pk for o in pair}).order_by("pk").values()
    return (model._base_manager.count(), [dict(r) for r in rows])


def _post_data(kind: str, label: str, pair: tuple[Any, Any]) -> dict[str, Any]:
    if kind == "changelist":
        return {"action": "delete_selected", "_selected_action": sorted({o.pk for o in pair}), "post": "yes", "index": 0}
    if kind == "delete":
        return {"post": "yes"}
    if kind == "password":
        return {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    return {}


def _check_post(label: str, kind: str, expected: str, scope: int, model: Any, pair: tuple[Any, Any], before: Any) -> str | None:
    """What a POST changed, against what its cell allows."""
    after = _state(model, pair)
    status, _, deleted = expected.partition(":")
    present = {o.pk for o in model._base_manager.filter(pk__in={o.pk for o in pair})}
    if kind == "changelist":
        gone = {s for s, o in zip(("own", "foreign"), pair, strict=True) if o.pk not in present}
        want = {"-": set(), "own": {"own"}, "foreign": {"foreign"}, "both": {"own", "foreign"}}[deleted or "-"]
        if pair[0].pk == pair[1].pk:
            want = {"own", "foreign"} if want else set()
        return None if gone == want else f"deleted {sorted(gone)}, expected {sorted(want)}"
    if kind == "delete" and status == "302":
        return None if pair[scope].pk not in present else "not deleted"
    if kind == "password" and status == "302":
        return None if model._base_manager.get(pk=pair[scope].pk).check_password(NEW_PASSWORD) else "password not changed"
    return None if after == before else "changed"


def _request(client: Any, method: str, url: str, data: dict[str, Any]) -> Any:
    return client.get(url) if method == "GET" else client.post(url, data)


def walk(client: Any, persona: str, objs: dict[str, tuple[Any, Any]]) -> tuple[list[str], list[str], int]:
    wrong: list[str] = []
    leaked: list[str] = []
    count = 0
    col = PERSONAS.index(persona)
    needles = [n.lower() for n in _needles(persona)]
    urls: dict[tuple[str, str, int], str] = {}  # GET and POST of one URL
    for method, table in (("GET", GET), ("POST", POST)):
        for label, rows in table.items():
            model = apps.get_model(label)
            pair = objs[label]
            for kind, row in rows.items():
                cell = row.split()[col]
                scopes = (0,) if kind in ("changelist", "add") else (0, 1)
                for scope in scopes:
                    parts = cell.split("/")
                    expected = parts[scope] if len(parts) > 1 else parts[0]
                    cookies = client.cookies
                    client.cookies = cookies.__class__(cookies)  # a password change cycles the session key
                    with transaction.atomic():
                        before = _state(model, pair) if method == "POST" else None
                        if (label, kind, scope) not in urls:
                            urls[label, kind, scope] = _url(label, kind, pair[scope])
                        url = urls[label, kind, scope]
                        response = _request(client, method, url, _post_data(kind, label, pair))
                        got = outcome(response)
                        problem = _check_post(label, kind, expected, scope, model, pair, before) if method == "POST" else None
                        transaction.set_rollback(True)
                    client.cookies = cookies
                    count += 1
                    want = expected.partition(":")[0]
                    if got != want or problem:
                        wrong.append(
                            f"{method} {label} {kind} [{('own', 'foreign')[scope]}] {url}: expected {expected}, got {got} {problem or ''}"
                        )
                    text = response.content.decode(errors="replace").lower()
                    found = [n for n in needles if n in text]
                    if found:
                        leaked.append(f"{method} {label} {kind} [{('own', 'foreign')[scope]}] {url}: {found}")
    for label, row in SITE_GET.items():
        expected = row.split()[col]
        for scope in (0, 1) if label.startswith("view_on_site") else (0,):
            url = _site_url(label, objs, scope)
            response = client.get(url)
            count += 1
            if outcome(response) != expected:
                wrong.append(f"GET {label} {url}: expected {expected}, got {outcome(response)}")
            found = [n for n in needles if n in response.content.decode(errors="replace").lower()]
            if found:
                leaked.append(f"GET {label} {url}: {found}")
    return wrong, leaked, count


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_matrix(client, world, objs, persona):
    user = _persona(world, persona)
    if user is not None:
        client.force_login(user)
    wrong, leaked, count = walk(client, persona, objs)
    assert wrong == [] and leaked == [], "\n".join(wrong + leaked)
    assert count > 500
