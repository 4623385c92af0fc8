"""End-to-end journeys in a real browser (Playwright, sync API, Debian's Chromium).

Every test here is marked ``e2e``. Without a Chromium the tests are skipped, unless
``E2E_REQUIRED=1`` (CI), where a missing browser fails the run with a clear message.

Screenshots go to ``test-artifacts/e2e/`` (git-ignored): one per ``step(page, name)`` and,
when a test fails, a full-page screenshot of every page still open.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would then refuse ORM
# calls made by the test itself (fixtures, assertions on stored rows) as "async-unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "test-artifacts" / "e2e"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000  # one assertion or one ordinary page load
SLOW_TIMEOUT_MS = 120_000  # approval renders and stores the PDF (about 10 s on 2 cores)
DEMO_PASSWORD = "demo12345"

# Pages open in the running test, as (label, page): the failure hook screenshots each of them.
OPEN_PAGES: list[tuple[str, Any]] = []


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:120] or "x"


def e2e_required() -> bool:
    return os.environ.get("E2E_REQUIRED", "").strip().lower() in ("1", "true", "yes", "on")


def chromium_path() -> str | None:
    """E2E_CHROMIUM if set (and nothing else), else Debian's /usr/bin/chromium, else `chromium` on PATH."""
    explicit = os.environ.get("E2E_CHROMIUM", "").strip()
    candidates = [explicit] if explicit else [CHROMIUM, shutil.which("chromium") or ""]
    return next((c for c in candidates if c and os.path.isfile(c) and os.access(c, os.X_OK)), None)


def _unavailable(reason: str) -> None:
    if e2e_required():
        pytest.fail(f"E2E_REQUIRED=1 but the end-to-end browser is unavailable: {reason}", pytrace=False)
    pytest.skip(f"end-to-end tests skipped: {reason} (set E2E_REQUIRED=1 to make this a failure)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not (report.failed or hasattr(report, "wasxfail")):
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for label, page in list(OPEN_PAGES):
        try:
            page.screenshot(path=str(ARTIFACTS / f"{slug(item.name)}-failure-{slug(label)}.png"), full_page=True, timeout=TIMEOUT_MS)
        except Exception:  # noqa: BLE001 - a closed or crashed page must not hide the real failure
            pass


@pytest.fixture(autouse=True)
def _fresh_artifacts(request: pytest.FixtureRequest, browser: Any) -> None:
    """Old screenshots of this test would be mistaken for this run's.

    Requesting ``browser`` here (session scope) makes a missing Chromium skip or fail the test
    before the test database is built and the demo loaded."""
    if ARTIFACTS.is_dir():
        for old in ARTIFACTS.glob(f"{slug(request.node.name)}-*.png"):
            old.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        where = os.environ.get("E2E_CHROMIUM") or f"{CHROMIUM} or on PATH"
        _unavailable(f"no Chromium found ({where}); install it with apt-get install chromium, never `playwright install`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"the playwright package is not installed ({exc}); pip install -r requirements-dev.txt")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - reported as skip/fail below
            _unavailable(f"Chromium at {path} did not start: {exc}")
        from playwright.sync_api import expect

        expect.set_options(timeout=TIMEOUT_MS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[[str], Any]]:
    """A page in a fresh browser context (its own cookies: one person), registered for screenshots."""
    contexts: list[Any] = []

    def make(label: str = "page") -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID", accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS * 2)
        contexts.append(context)
        page = context.new_page()
        OPEN_PAGES.append((label, page))
        return page

    yield make
    OPEN_PAGES[:] = [(label, p) for label, p in OPEN_PAGES if p.context not in contexts]
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[[str], Any]) -> Any:
    return new_page("page")


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Uploaded evidence and approved PDFs go to a temporary folder, not var/test-media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Demo:
    pemda: Any
    perak: Any
    ploso: Any
    operator: Any
    camat: Any
    inspektorat: Any
    admin: Any

    def indicator(self, name: str) -> Any:
        from apps.planning.models import Indicator

        return Indicator.objects.get(organisation=self.perak, name=name)


@pytest.fixture
def demo(transactional_db: None, live_server: Any, media: Path) -> Demo:
    """fixtures/demo.json + demo_perak-jombang_2024.json (and the other seeds): Jombang with Perak (2024 fully entered) and Ploso."""
    from django.core.management import call_command

    from apps.accounts.models import User
    from apps.organisations.models import Organisation, Pemda

    call_command("load_demo", verbosity=0)
    users = {
        u.username: u for u in User.objects.filter(username__in=["operator.perak", "camat.perak", "inspektorat.jombang", "admin.jombang"])
    }
    return Demo(
        pemda=Pemda.objects.get(code="jombang"),
        perak=Organisation.objects.get(slug="perak-jombang"),
        ploso=Organisation.objects.get(slug="ploso-jombang"),
        operator=users["operator.perak"],
        camat=users["camat.perak"],
        inspektorat=users["inspektorat.jombang"],
        admin=users["admin.jombang"],
    )
