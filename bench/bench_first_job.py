"""First upload to result on freshly started processes, as deployed: gunicorn (--preload, 2 workers)
and a Celery worker (prefork, 2 children) on PostgreSQL and Redis.

    .venv/bin/python bench/bench_first_job.py

Once both processes answer, times over HTTP with a token: uploading a SoftMax Pro ELISA export,
then creating an ELISA run on it and polling its job until it has succeeded; then the same again
with a second file (warm). Baseline: the same with the warm-up turned off (WARM_IMPORTS=0), so the
first upload and the first job pay for their imports themselves.
Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/il2portal_bench_jobs,
created if missing), BENCH_REDIS_URL (default redis://127.0.0.1:6379/15).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/il2portal_bench_jobs")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
TMP = tempfile.mkdtemp(prefix="il2bench-")
ENV = {"DATABASE_URL": DB, "REDIS_URL": REDIS, "VAR_DIR": TMP, "FILE_STORAGE_DIR": f"{TMP}/media"}
os.environ.update(ENV, DJANGO_SETTINGS_MODULE="il2portal.settings")
sys.path.insert(0, str(ROOT))
subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB.rsplit("/", 1)[1]], capture_output=True)

import django  # noqa: E402

django.setup()
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
from _report import result  # noqa: E402

from il2portal import services as core  # noqa: E402
from tests.integration.live import gunicorn  # noqa: E402

SOFTMAX = ROOT / "tests/refdata/platereader/moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt"
user = get_user_model().objects.create_user(f"bench{uuid.uuid4().hex[:8]}", password="x")
lab = core.lab_create(name=f"Bench {uuid.uuid4().hex[:8]}", admin=user)
_token, KEY = core.api_token_create_personal(user=user)


def call(base: str, method: str, path: str, body=None, files=None) -> dict:
    headers = {"Authorization": f"Token {KEY}"}
    data = None
    if files:
        boundary = uuid.uuid4().hex
        name, content = files
        data = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/plain\r\n\r\n".encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"{}")


def layout(base: str) -> int:
    from tests.assays.factories import softmax_layout_wells

    wells = softmax_layout_wells()
    body = {"name": f"bench {uuid.uuid4().hex[:6]}", "rows": 8, "columns": 12, "wells": wells, "lab": lab.pk}
    return call(base, "POST", "/api/v1/layouts/", body)["id"]


def upload_to_result(base: str, layout_id: int) -> tuple[float, float]:
    started = time.perf_counter()
    content = SOFTMAX.read_bytes() + f"\n{uuid.uuid4()}\n".encode("utf-16-le")  # a new file each time
    plates = call(base, "POST", f"/api/v1/plates/?lab={lab.pk}", files=("elisa.txt", content))
    uploaded = time.perf_counter() - started
    ids = [p["id"] for p in plates["plates"]]
    job = call(base, "POST", "/api/v1/runs/", {"kind": "elisa", "plates": ids, "layout": layout_id})
    url = job.get("url") or f"/api/v1/jobs/{job['id']}/"
    while True:
        state = call(base, "GET", url.replace(base, ""))
        if state["status"] in ("succeeded", "failed"):
            assert state["status"] == "succeeded", state
            return uploaded, time.perf_counter() - started
        time.sleep(0.02)


def measure(warm: bool) -> tuple[float, float, float, float]:
    env = {**ENV, "WARM_IMPORTS": "1" if warm else "0", "JOBS_IN_PROCESS": "0"}
    log_path = Path(TMP) / f"worker-{warm}.log"
    with open(log_path, "w+") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "il2portal", "worker", "-c", "2", "--loglevel=INFO",
             "-n", f"bench{warm}{uuid.uuid4().hex[:4]}@%h", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            with gunicorn(env) as base:
                while "ready." not in log_path.read_text():
                    if worker.poll() is not None:
                        raise SystemExit(log_path.read_text()[-3000:])
                    time.sleep(0.05)
                layout_id = layout(base)
                first = upload_to_result(base, layout_id)
                second = upload_to_result(base, layout_id)
                return (*first, *second)
        finally:
            worker.terminate()
            worker.wait(timeout=30)


cold = measure(warm=False)
warm = measure(warm=True)
print(
    f"{'fresh gunicorn + worker':<26}{'1st upload':>11}{'1st result':>12}{'2nd upload':>12}{'2nd result':>12}"
)
for label, row in (("baseline (WARM_IMPORTS=0)", cold), ("warm-up at start", warm)):
    print(f"{label:<26}" + "".join(f"{v:>11.2f}s" for v in row))
print(f"first upload to result: {cold[1] / warm[1]:.1f}x faster with the warm-up (goal < 1.5 s)")
result("first upload to ELISA result, fresh processes", warm[1], cold[1], "s", "WARM_IMPORTS=0")
