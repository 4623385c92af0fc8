"""Small helpers shared by the journeys: step screenshots, logging in, reading what the page shows."""

from __future__ import annotations

import itertools
import os
import re
from typing import Any

import pytest

from .conftest import ARTIFACTS, DEMO_PASSWORD, e2e_required, slug

try:
    from playwright.sync_api import expect
except ImportError as exc:  # requirements-dev.txt pins playwright; without it the journeys cannot run
    if e2e_required():
        raise ImportError(f"E2E_REQUIRED=1 but the playwright package is missing: {exc}") from exc
    pytest.skip(f"end-to-end tests skipped: playwright is not installed ({exc})", allow_module_level=True)

__all__ = ["alert", "expect", "login", "row", "status_badge", "step"]

_counters: dict[str, itertools.count] = {}


def _current_test() -> str:
    # "tests/e2e/test_x.py::test_name[param] (call)" -> "test_name[param]"
    current = os.environ.get("PYTEST_CURRENT_TEST", "unknown (call)")
    return current.rsplit(" ", 1)[0].split("::")[-1]


def step(page: Any, name: str) -> None:
    """Record a step of a journey: a screenshot named test-artifacts/e2e/<test>-<NN>-<name>.png."""
    test = _current_test()
    n = next(_counters.setdefault(test, itertools.count(1)))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{slug(test)}-{n:02d}-{slug(name)}.png"))


def login(page: Any, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Through the login form, as a person would; lands on the home page."""
    page.goto(f"{base_url}/akun/masuk/")
    expect(page.get_by_role("heading", name="Masuk ke LKjIP")).to_be_visible()
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Selamat datang"))).to_be_visible()


def alert(page: Any, text: str | re.Pattern[str]) -> Any:
    """The flash message (Django messages) containing ``text``."""
    return page.get_by_role("alert").filter(has_text=text)


def status_badge(page: Any) -> Any:
    """The report's status as shown in the workflow card."""
    return page.locator("#alur [data-status]")


def row(page: Any, *texts: str) -> Any:
    """The table row containing every one of ``texts``."""
    locator = page.locator("tr")
    for t in texts:
        locator = locator.filter(has_text=t)
    return locator
