#!/usr/bin/env bash
# Load test on loopback: gunicorn (lkjip.settings.production) + PostgreSQL, driven by locust.
#
#   bash bench/load_test.sh                      # 50 users, 60 s, think time 1-3 s
#   USERS=50 DURATION=60s WAIT_MIN=0 WAIT_MAX=0 bash bench/load_test.sh   # saturation, no think time
#   CONN_MAX_AGE=60 bash bench/load_test.sh      # persistent database connections
#
# Steps: installs locust into .venv if missing (requirements are not touched); prepares the bench
# database and the generated kabupaten (bench/load_plan.py); collects static files into a temporary
# STATIC_ROOT; starts gunicorn; runs locust headless; prints the summary; stops gunicorn.
# The summary and locust's CSV stay in $OUT (default var/bench/load-<time>).
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/lkjip_bench}"
case "${DATABASE_URL##*/}" in
  lkjip|lkjip\?*|test_lkjip|test_lkjip\?*) echo "refusing DATABASE_URL ${DATABASE_URL}: use a bench database" >&2; exit 2 ;;
esac
USERS="${USERS:-50}"
SPAWN_RATE="${SPAWN_RATE:-10}"
DURATION="${DURATION:-60s}"
WORKERS="${WORKERS:-5}"
# A free port chosen by the kernel (a fixed one may be another engineer's dev server).
PORT="${PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
export WAIT_MIN="${WAIT_MIN:-1}" WAIT_MAX="${WAIT_MAX:-3}"
OUT="${OUT:-var/bench/load-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
TMP="$(mktemp -d)"

.venv/bin/python -c "import locust" 2>/dev/null || .venv/bin/pip install -q locust

echo "== data and plan (${DATABASE_URL})"
.venv/bin/python bench/load_plan.py > "$OUT/plan.json"

SERVER_URL="$DATABASE_URL"
if [ -n "${CONN_MAX_AGE:-}" ]; then
  case "$SERVER_URL" in *\?*) SERVER_URL="${SERVER_URL}&conn_max_age=${CONN_MAX_AGE}" ;; *) SERVER_URL="${SERVER_URL}?conn_max_age=${CONN_MAX_AGE}" ;; esac
fi
server_env=(env DJANGO_SETTINGS_MODULE=lkjip.settings.production SECRET_KEY=load-test-only DEBUG=0 ALLOWED_HOSTS=127.0.0.1
            SECURE_SSL_REDIRECT=0 STATIC_ROOT="$TMP/static" DATABASE_URL="$SERVER_URL" LOG_LEVEL=WARNING)

echo "== collectstatic into $TMP/static"
"${server_env[@]}" .venv/bin/python manage.py collectstatic --noinput -v0

if .venv/bin/python -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', ${PORT})) != 0)"; then
  echo "port ${PORT} is already in use; choose another PORT" >&2
  exit 2
fi
echo "== gunicorn on 127.0.0.1:${PORT}, ${WORKERS} workers"
"${server_env[@]}" .venv/bin/gunicorn lkjip.wsgi:application --bind "127.0.0.1:${PORT}" --workers "$WORKERS" \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" &
GUNICORN_PID=$!
cleanup() { kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  kill -0 "$GUNICORN_PID" 2>/dev/null || { echo "gunicorn exited; see $OUT/gunicorn.log" >&2; exit 1; }
  curl -fsS "http://127.0.0.1:${PORT}/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:${PORT}/healthz" >/dev/null

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== locust: ${USERS} users, spawn ${SPAWN_RATE}/s, ${DURATION}, think time ${WAIT_MIN}-${WAIT_MAX} s"
LOAD_PLAN="$OUT/plan.json" LOAD_SUMMARY="$OUT/summary.json" LOAD_USERS="$USERS" GUNICORN_PID="$GUNICORN_PID" \
  .venv/bin/locust -f bench/locustfile.py --headless --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$DURATION" \
  --host "http://127.0.0.1:${PORT}" --csv "$OUT/locust" --only-summary --stop-timeout 5 2>"$OUT/locust.log" \
  | grep -v '^LOAD_SUMMARY ' || true

PBKDF2_MS=$(.venv/bin/python -c "
import time
from django.conf import settings
settings.configure()
from django.contrib.auth.hashers import PBKDF2PasswordHasher
t = time.process_time(); PBKDF2PasswordHasher().encode('demo12345', 'saltsaltsaltsalt'); print(round((time.process_time() - t) * 1000))")

echo "== summary ($OUT/summary.json)"
.venv/bin/python - "$OUT/summary.json" "$PBKDF2_MS" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["pbkdf2_ms"] = int(sys.argv[2])
json.dump(s, open(sys.argv[1], "w"), indent=1)
print(f"{'':14}{'requests':>9}{'req/s':>7}{'errors':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>9}")
rows = [("login", s["login"]), ("pages (all)", s["pages_all"]), ("pages (steady)", s["pages_steady"])]
rows += [(f"  {k}", v) for k, v in s["by_name"].items() if k != "login"]
for name, r in rows:
    print(f"{name:14}{r['requests']:9}{r['rps'] or 0:7.1f}{r['errors']:7}{r['p50'] or 0:8.0f}{r['p95'] or 0:8.0f}{r['p99'] or 0:8.0f}{r['max'] or 0:9.0f}")
steady = s["pages_steady"]
errors = sum(v["errors"] for v in s["by_name"].values())
print(f"steady state: {s['steady_seconds']} s after the last login; load average at the end {s['loadavg_at_end']}")
cpu = s.get("steady_worker_cpu_ms_per_page")
print(f"one login = PBKDF2 {s['pbkdf2_ms']} ms of CPU; steady state: gunicorn workers spent {cpu} ms of CPU per page request "
      f"-> at most {round(2000 / cpu, 1) if cpu else '?'} pages/s on 2 free cores (PostgreSQL's CPU not counted)")
print(f"goal p95 < 200 ms (pages, steady): {'met' if (steady['p95'] or 1e9) < 200 else 'NOT MET'}; goal 0 errors: {'met' if errors == 0 else 'NOT MET'}")
print("RESULT " + json.dumps({"bench": "load_test", **s}))
PY
