"""Load test: operators of the generated kabupaten log in, read their grid and save realisations.

Run by bench/load_test.sh (which starts gunicorn and writes the plan). Environment:
LOAD_PLAN (the JSON of bench/load_plan.py), LOAD_SUMMARY (where to write the percentiles),
WAIT_MIN / WAIT_MAX (think time in seconds between actions, default 1 and 3).

Virtual user k logs in as the operator of kecamatan k mod 30; when several users share a
kecamatan (50 users, 30 kecamatan), each saves a disjoint share of its indicators, so no two users
ever edit the same realisation and a 409 conflict is an error here. Every save posts the form's
own ``revision`` and value back (the data stays as generated; only the revision moves).

The summary separates logins (PBKDF2 by design, ~0.5 s of CPU each) from the pages, and gives
the pages' percentiles over the whole run and over the steady state (requests started after
the last login completed).
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import time

from locust import FastHttpUser, between, events, task

PLAN = json.load(open(os.environ.get("LOAD_PLAN", "plan.json"), encoding="utf-8"))  # noqa: SIM115
_ids = itertools.count()
SAMPLES: list[tuple[float, str, float, bool]] = []  # (start time, name, ms, ok)
LOGINS_DONE: list[float] = []
TICKS: dict[str, int] = {}


def _worker_ticks() -> int | None:
    """CPU clock ticks (user + system) of the gunicorn workers (children of GUNICORN_PID), or None."""
    parent = os.environ.get("GUNICORN_PID")
    if not parent:
        return None
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == parent:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELD = r'name="{name}"[^>]*?value="([^"]*)"'


def _field(body: str, name: str) -> str:
    m = re.search(FIELD.format(name=name), body)
    return html.unescape(m.group(1)) if m else ""


def _textarea(body: str, name: str) -> str:
    m = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', body, re.S)
    return html.unescape(m.group(1)).strip("\n") if m else ""


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kwargs):  # noqa: ANN001, ARG001
    SAMPLES.append((time.time() - response_time / 1000, name, response_time, exception is None))


def _pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))], 1)


def _summary(samples: list[tuple[float, str, float, bool]]) -> dict[str, object]:
    ms = [s[2] for s in samples]
    span = (max(s[0] for s in samples) - min(s[0] for s in samples)) if len(samples) > 1 else 0.0
    return {
        "rps": round(len(samples) / span, 1) if span else None,
        "requests": len(samples),
        "errors": sum(1 for s in samples if not s[3]),
        "p50": _pct(ms, 50),
        "p95": _pct(ms, 95),
        "p99": _pct(ms, 99),
        "max": round(max(ms), 1) if ms else None,
    }


@events.quitting.add_listener
def _write_summary(environment, **kwargs):  # noqa: ANN001, ARG001
    pages = [s for s in SAMPLES if s[1] != "login"]
    steady_from = max(LOGINS_DONE) if LOGINS_DONE else 0.0
    end_ticks = _worker_ticks()
    steady_pages = [s for s in pages if s[0] > steady_from]
    cpu_per_page = None
    if end_ticks is not None and "steady" in TICKS and steady_pages:
        cpu_per_page = round((end_ticks - TICKS["steady"]) / os.sysconf("SC_CLK_TCK") * 1000 / len(steady_pages), 1)
    out = {
        "users": int(os.environ.get("LOAD_USERS", "50")),
        "wait": [os.environ.get("WAIT_MIN", "1"), os.environ.get("WAIT_MAX", "3")],
        "loadavg_at_end": round(os.getloadavg()[0], 2),
        "login": _summary([s for s in SAMPLES if s[1] == "login"]),
        "pages_all": _summary(pages),
        "pages_steady": _summary(steady_pages),
        "steady_worker_cpu_ms_per_page": cpu_per_page,
        "steady_seconds": round(max((s[0] for s in SAMPLES), default=0) - steady_from, 1) if LOGINS_DONE else 0,
        "by_name": {name: _summary([s for s in SAMPLES if s[1] == name]) for name in sorted({s[1] for s in SAMPLES})},
    }
    path = os.environ.get("LOAD_SUMMARY")
    if path:
        with open(path.replace(".json", "-samples.csv"), "w", encoding="utf-8") as fh:
            fh.write("start,name,ms,ok\n")
            fh.writelines(f"{t:.3f},{n},{ms:.1f},{int(ok)}\n" for t, n, ms, ok in SAMPLES)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)
    print("LOAD_SUMMARY " + json.dumps(out))


class Operator(FastHttpUser):
    wait_time = between(float(os.environ.get("WAIT_MIN", "1")), float(os.environ.get("WAIT_MAX", "3")))

    def _plain_cookies(self) -> None:
        """lkjip.settings.production marks the session and CSRF cookies Secure; loopback has no TLS, so
        the client keeps them as plain cookies (a TLS-terminating proxy would carry them unchanged)."""
        for cookie in self.client.cookiejar:
            cookie.secure = False

    def on_start(self) -> None:
        k = next(_ids)
        entry = PLAN[k % len(PLAN)]
        sharers = len(range(k % len(PLAN), int(os.environ.get("LOAD_USERS", "50")), len(PLAN)))
        self.indicators = entry["indicators"][k // len(PLAN) :: max(1, sharers)] or entry["indicators"]
        self.entry = entry
        self.cursor = 0
        self.grid_url = f"/kinerja/kecamatan/{entry['org']}/realisasi/{entry['year']}/tw{entry['quarter']}/"
        with self.client.get("/akun/masuk/", name="login form", catch_response=True) as r:
            token = CSRF.search(r.text or "")
            if not token:
                r.failure("no csrf token on the login page")
                return
        self._plain_cookies()
        with self.client.post(
            "/akun/masuk/",
            data={"username": entry["username"], "password": entry["password"], "csrfmiddlewaretoken": token.group(1)},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"login gave {r.status_code}")
        self._plain_cookies()
        LOGINS_DONE.append(time.time())
        if len(LOGINS_DONE) == int(os.environ.get("LOAD_USERS", "50")):
            ticks = _worker_ticks()  # the steady state starts: every user has logged in
            if ticks is not None:
                TICKS["steady"] = ticks

    @task(3)
    def grid(self) -> None:
        with self.client.get(self.grid_url, name="grid", catch_response=True) as r:
            if r.status_code != 200 or "realisasi" not in (r.text or ""):
                r.failure(f"grid gave {r.status_code}")
        self._plain_cookies()

    @task(1)
    def save(self) -> None:
        indicator = self.indicators[self.cursor % len(self.indicators)]
        self.cursor += 1
        e = self.entry
        url = f"/kinerja/indikator/{indicator}/realisasi/{e['year']}/tw{e['quarter']}/"
        with self.client.get(url, name="edit form", catch_response=True) as r:
            body = r.text or ""
            token = CSRF.search(body)
            if r.status_code != 200 or not token:
                r.failure(f"edit form gave {r.status_code}")
                return
        self._plain_cookies()  # the form may have set a fresh CSRF cookie
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "value": _field(body, "value"),
            "revision": _field(body, "revision"),
            "source_document": _field(body, "source_document"),
            "source_date": _field(body, "source_date"),
            "source_issuer": _field(body, "source_issuer"),
            "faktor_pendukung": _textarea(body, "faktor_pendukung"),
            "faktor_penghambat": _textarea(body, "faktor_penghambat") or "Uji beban",
            "solusi": _textarea(body, "solusi") or "Uji beban",
        }
        with self.client.post(url, data=data, name="save", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 302:
                r.failure(f"save gave {r.status_code}")
        self._plain_cookies()  # the success message travels in a cookie
