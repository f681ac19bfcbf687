"""Schemathesis against the running API: gunicorn + PostgreSQL + Redis, a lab with demo data and a token.

Every operation in the served OpenAPI schema is called with generated valid and invalid input (bounded
examples, fixed seed, a time budget). The run fails on any server error (5xx) and on any response that
does not match the schema. Reproduce a failure outside the suite with the `curl` line it prints, or:

    schemathesis run http://127.0.0.1:8000/api/v1/schema/ -H "Authorization: Token <key>" \\
        --checks not_a_server_error,response_schema_conformance,status_code_conformance --seed 1
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.contrib.auth import get_user_model

from il2portal import services
from il2portal.demo import load_demo_data
from tests.integration.conftest import _database_url
from tests.integration.live import gunicorn, http_get

# a fixed time budget: started first, it runs beside the rest of the suite rather than after it
pytestmark = [pytest.mark.integration, pytest.mark.first]

# every answer's body matches its schema, and its status is one the operation declares
CHECKS = os.environ.get(
    "IL2_FUZZ_CHECKS", "not_a_server_error,response_schema_conformance,status_code_conformance"
)  # an audit adds negative_data_rejection (invalid requests accepted): IL2_FUZZ_CHECKS=all
MAX_EXAMPLES = int(os.environ.get("IL2_FUZZ_EXAMPLES", "6"))  # CI; an audit runs more
MAX_SECONDS = int(os.environ.get("IL2_FUZZ_SECONDS", "120"))  # all 87 operations, every phase: 8,156 cases
SEED = os.environ.get("IL2_FUZZ_SEED", "20261130")


def _seed_lab():
    """A lab with the demo data (plates, layouts, runs, a study), an admin, and a personal token."""
    user = get_user_model().objects.create_user("fuzzer", password="a long fuzzing password 1")
    lab = services.lab_create(name="Fuzz lab", admin=user)
    load_demo_data(lab=lab, user=user)
    _token, key = services.api_token_create_personal(user=user)
    return key


def test_it_answers_every_generated_request_without_server_errors_or_schema_violations(
    real_services, settings, tmp_path
):
    settings.JOBS_IN_PROCESS = True  # the demo data's analyses run here; gunicorn below uses the broker
    key = _seed_lab()
    env = {
        "DATABASE_URL": _database_url(),
        "REDIS_URL": real_services,
        "FILE_STORAGE_DIR": str(settings.MEDIA_ROOT),
        "JOBS_IN_PROCESS": "0",
    }
    schemathesis = Path(sys.executable).with_name("schemathesis")
    with gunicorn(env, workers=2, log_path=tmp_path / "gunicorn.log") as base:
        status, _ = http_get(f"{base}/api/v1/schema/")
        assert status == 200
        result = subprocess.run(
            [
                str(schemathesis),
                "run",
                f"{base}/api/v1/schema/",
                "--header",
                f"Authorization: Token {key}",
                "--checks",
                CHECKS,
                "--max-examples",
                str(MAX_EXAMPLES),
                "--seed",
                SEED,
                "--max-time",
                str(MAX_SECONDS),
                "--request-timeout",
                "60",
                "--workers",
                "2",
                "--no-color",
                "--warnings",
                "off",
                "--report",
                "junit",
                "--report-dir",
                str(tmp_path / "schemathesis"),
            ],
            cwd=tmp_path,  # schemathesis writes its .schemathesis/ cache in the working directory
            capture_output=True,
            text=True,
            timeout=MAX_SECONDS + 120,
        )
    findings, tool_errors = _junit_findings(tmp_path / "schemathesis")
    lines = result.stdout.splitlines()
    start = max((i for i, line in enumerate(lines) if "SUMMARY" in line), default=max(len(lines) - 20, 0))
    print("schemathesis:", *lines[start:], f"findings: {len(findings)}", sep="\n  ")
    log = [
        line
        for line in (tmp_path / "gunicorn.log").read_text(errors="replace").splitlines()
        if not line.startswith(("Not Found:", "Bad Request:", "Unauthorized:", "Forbidden:", "Conflict:"))
        and "WARNING django.request" not in line
    ]
    for name, text in tool_errors:  # schemathesis's own generator faults are not findings about the API
        print(f"schemathesis could not test {name}: {text[:300]}")
    assert not findings, (
        f"schemathesis found problems in {sorted({name for name, _ in findings})}:\n"
        + "\n\n".join(f"{name}: {text[:3000]}" for name, text in findings)
        + "\n--- gunicorn log ---\n"
        + "\n".join(log[-60:])
    )
    assert "Test cases:" in result.stdout, result.stdout[-3000:] + result.stderr[-3000:]
    # the budget covered the whole API, in every phase, even with the rest of the suite running beside it
    selected = re.search(r"Selected: (\d+)/(\d+)", result.stdout)
    tested = re.search(r"Tested: (\d+)", result.stdout)
    assert selected and tested and tested[1] == selected[1] == selected[2], lines[start:]
    for phase in ("Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in result.stdout, (f"the {phase} phase did not complete", lines[start:])


def _junit_findings(report_dir: Path) -> tuple[list, list]:
    """(findings, tool errors) from schemathesis's JUnit report: every failed check is a finding; an
    error is one too (a timeout, a refused connection), except schemathesis's own internal faults."""
    findings, tool_errors = [], []
    for report in report_dir.glob("*.xml"):
        for case in ElementTree.parse(report).iter("testcase"):
            for child in case:
                text = (child.get("message") or "") + "\n" + (child.text or "")
                if child.tag == "failure":
                    findings.append((case.get("name"), text))
                elif child.tag == "error":
                    internal = "Inconsistent results" in text or "site-packages/schemathesis" in text
                    (tool_errors if internal else findings).append((case.get("name"), text))
    return findings, tool_errors
