"""Issue 21: more than one machine. Two gunicorn nodes on two ports and an rq worker, sharing one PostgreSQL
(the test database), Redis (sessions, cache, queue) and one S3 bucket (moto's server mode): an evidence file
uploaded through node A downloads through node B byte for byte (it is in the bucket, not on a disk); a
session opened on A is valid on B; the camat's approval on A returns at once, the worker renders it, and
node B serves the approved PDF byte-identical to node A's, with the SHA-256 the snapshot records.

PostgreSQL and Redis are required (CI has both); the test is skipped on SQLite, and without Redis it is
skipped locally and fails in CI (E2E_REQUIRED).
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection

from apps.realisations.models import Evidence
from apps.reports import workflow
from apps.reports.models import ApprovalRender, Report, ReportSnapshot, Status

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "Dua-node-uji-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REDIS_DB = 14

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several processes on one database need PostgreSQL"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"process exited: {process.args}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def _redis_url() -> str:
    import redis

    url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.exceptions.ConnectionError:
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail("Redis on 127.0.0.1:6379 is required here (CI)")
        pytest.skip("no Redis on 127.0.0.1:6379")
    return url


@pytest.fixture
def cluster(tmp_path):
    """moto's S3 server with a bucket, and the environment of two nodes and a worker (started by the test)."""
    import boto3

    redis_url = _redis_url()
    s3_port = _free_port()
    logs = tmp_path / "logs"
    logs.mkdir()
    processes: list[subprocess.Popen] = []

    def start(name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = (logs / f"{name}.log").open("wb")
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        processes.append(process)
        return process

    moto = start("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)], dict(os.environ))
    _wait_port(s3_port, moto)
    endpoint = f"http://127.0.0.1:{s3_port}"
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="uji", aws_secret_access_key="uji", region_name="us-east-1")
    s3.create_bucket(Bucket="lkjip-uji")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.cluster_settings",
        "DATABASE_URL": f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url, "S3_BUCKET": "lkjip-uji", "S3_ENDPOINT_URL": endpoint, "S3_ACCESS_KEY": "uji", "S3_SECRET_KEY": "uji",
        "SECRET_KEY": "dua-node-uji-rahasia-yang-sama-di-kedua-node", "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "0",
        "SITE_URL": "http://127.0.0.1", "LOG_LEVEL": "WARNING", "AWS_EC2_METADATA_DISABLED": "true",
    }  # fmt: skip
    env.pop("JOBS_MODE", None)
    nodes = {}
    for name in ("a", "b"):
        port = _free_port()
        node = start(name, [str(BIN / "gunicorn"), "lkjip.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                            "--timeout", "120"], env)  # fmt: skip
        nodes[name] = (port, node)
    for port, node in nodes.values():
        _wait_port(port, node)

    def worker() -> None:
        """One rq worker drains the queue and stops (burst), as a worker machine would for this job."""
        done = subprocess.run(
            [sys.executable, "manage.py", "rqworker", "default", "--burst"], cwd=ROOT, env=env, capture_output=True, timeout=300
        )
        assert done.returncode == 0, done.stdout.decode()[-3000:] + done.stderr.decode()[-3000:]

    yield {"a": f"http://127.0.0.1:{nodes['a'][0]}", "b": f"http://127.0.0.1:{nodes['b'][0]}", "s3": s3, "worker": worker, "logs": logs}
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _login(base: str, username: str):
    import requests

    session = requests.Session()
    session.get(f"{base}/akun/masuk/", timeout=30).raise_for_status()
    response = session.post(
        f"{base}/akun/masuk/", timeout=60, allow_redirects=False,
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
    )  # fmt: skip
    assert response.status_code == 302, response.text[:2000]
    return session


def _post(session, url: str, **kwargs):
    return session.post(url, data={"csrfmiddlewaretoken": session.cookies["csrftoken"], **kwargs.pop("data", {})}, timeout=60,
                        allow_redirects=False, **kwargs)  # fmt: skip


def test_two_nodes_share_the_database_sessions_queue_and_bucket(cluster, world, ready):
    for user in (world.operator, world.camat):
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save(update_fields=["password"])
    a, b = cluster["a"], cluster["b"]

    # Evidence through node A, in the bucket, downloaded through node B with the same session.
    operator = _login(a, world.operator.username)
    response = _post(
        operator, f"{a}/kinerja/indikator/{ready.plan.akip.pk}/realisasi/2024/tw4/bukti/",
        data={"kind": "dokumen", "description": "LHE SAKIP 2024"}, files={"upload": ("lhe.pdf", PDF, "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302, response.text[:2000]
    evidence = Evidence.objects.get(description="LHE SAKIP 2024")
    assert cluster["s3"].get_object(Bucket="lkjip-uji", Key=evidence.file.name)["Body"].read() == PDF
    assert not (ROOT / "var" / "media" / evidence.file.name).exists()
    downloaded = operator.get(f"{b}/kinerja/bukti/{evidence.pk}/unduh/", timeout=30)
    assert downloaded.status_code == 200 and downloaded.content == PDF

    # The camat approves on A: the request returns before any PDF; the worker renders; B serves the same bytes.
    report = workflow.report_submit(report=ready.report, user=world.operator)
    camat = _login(a, world.camat.username)
    response = _post(camat, f"{a}/laporan/{report.pk}/alur/setujui/")
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED
    assert ApprovalRender.objects.get(report=report).state == ApprovalRender.State.QUEUED
    assert "sedang dibuat" in camat.get(f"{b}/laporan/kecamatan/{world.own.pk}/2024/annual/", timeout=60).text
    cluster["worker"]()
    snapshot = ReportSnapshot.objects.get(report=report)
    assert Report.objects.get(pk=report.pk).status == Status.APPROVED
    from_b = camat.get(f"{b}/laporan/{report.pk}/unduh/pdf/", timeout=60)
    from_a = camat.get(f"{a}/laporan/{report.pk}/unduh/pdf/", timeout=60)
    assert from_b.status_code == 200 and from_b.content.startswith(b"%PDF")
    assert from_b.content == from_a.content and hashlib.sha256(from_b.content).hexdigest() == snapshot.sha256
    assert cluster["s3"].head_object(Bucket="lkjip-uji", Key=snapshot.pdf.name)["ContentLength"] == len(from_b.content)
