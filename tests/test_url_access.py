"""Walks the URLconf (convention 13, after 18F/tock's test_url_auth).

Every URL except the declared public ones must send an anonymous visitor to the
login page; an operator of one kecamatan must get 404 for another kecamatan's objects.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Names reachable without logging in, and why.
PUBLIC = {
    "accounts:login",  # the login page itself
    "core:healthz",  # load-balancer probe, returns {"status": "ok"} only
    "set_language",  # switches the UI language (POST), no data
    "javascript-catalog",  # translated UI strings
    "verify",  # public check that a PDF is an approved one (shows only what the PDF itself prints)
    "verify_token",
}
# Django admin has its own login and is tested in test_admin_scoping.
SKIP_NAMESPACES = {"admin"}


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in SKIP_NAMESPACES:
                continue
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern)


def _concrete(route: str) -> str:
    url = re.sub(r"<int:\w+>", "1", route)
    url = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", url)
    url = re.sub(r"<(?:str|slug|path):\w+>", "x", url)
    url = re.sub(r"<\w+>", "x", url)
    return "/" + url.lstrip("^").rstrip("$")


ALL_URLS = sorted(set(_walk(get_resolver().url_patterns)))


def test_the_walk_finds_the_app_urls():
    names = {n for n, _ in ALL_URLS}
    assert {"home", "organisations:list", "organisations:detail", "accounts:password_change"} <= names


@pytest.mark.parametrize(("name", "route"), [u for u in ALL_URLS if u[0] not in PUBLIC], ids=lambda v: str(v))
def test_every_non_public_url_requires_login(client, db, name, route):
    url = _concrete(route)
    response = client.get(url)
    login = reverse(settings.LOGIN_URL)
    assert response.status_code in (302, 405), f"{url} answered {response.status_code} to an anonymous visitor"
    if response.status_code == 302:
        assert response["Location"].startswith(login), f"{url} redirected to {response['Location']}, not the login page"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_urls_are_declared_and_exist(name):
    kwargs = {"token": "00000000-0000-0000-0000-000000000000"} if name == "verify_token" else {}
    assert reverse(name, kwargs=kwargs)


def test_admin_requires_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("persona", "target", "expected"),
    [
        ("operator", "own", 200),
        ("operator", "other", 404),
        ("operator", "foreign", 404),
        ("camat", "own", 200),
        ("camat", "other", 404),
        ("inspektorat", "own", 200),
        ("inspektorat", "other", 200),
        ("inspektorat", "foreign", 404),
        ("admin", "other", 200),
        ("admin", "foreign", 404),
        ("other_operator", "own", 404),
        ("foreign_inspektorat", "own", 404),
        ("no_role", "own", 404),
    ],
)
def test_organisation_detail_is_scoped(client, world, persona, target, expected):
    client.force_login(getattr(world, persona))
    org = getattr(world, target)
    response = client.get(reverse("organisations:detail", args=[org.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert org.name in response.content.decode()


def test_organisation_list_shows_only_visible(client, world):
    client.force_login(world.operator)
    body = client.get(reverse("organisations:list")).content.decode()
    assert "Perak" in body and "Ploso" not in body and "Kalaena" not in body
    client.force_login(world.inspektorat)
    body = client.get(reverse("organisations:list")).content.decode()
    assert "Perak" in body and "Ploso" in body and "Kalaena" not in body


def test_security_headers(client, world):
    client.force_login(world.operator)
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode()
    assert "onsubmit=" not in body and "onclick=" not in body and "onchange=" not in body
