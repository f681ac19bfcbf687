"""The generated API clients in clients/ (`make client`): built from the schema the portal serves, valid,
importable, and never stale. The live workflow with the generated client is
tests/integration/test_generated_client_workflow.py."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = ROOT / "clients"


def test_make_client_generates_from_the_schema_the_api_serves(client, tmp_path):
    """`make client` writes the schema with `manage.py spectacular`: byte for byte what /api/v1/schema/ serves."""
    served = client.get("/api/v1/schema/")
    assert served.status_code == 200
    call_command("spectacular", "--file", str(tmp_path / "openapi.yaml"))
    assert served.content.decode() == (tmp_path / "openapi.yaml").read_text()


def test_the_committed_clients_match_what_make_client_generates_now(tmp_path):
    """Validation, generation without warnings, imports, and no stale file in clients/ (about 10 s).

    Run on a laptop's SQLite with a shorter ?wait limit configured: the clients describe a PostgreSQL
    deployment with the default settings all the same (SQLite would widen every integer's range)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'laptop.sqlite3'}",
        "JOBS_MAX_WAIT": "5",
        "MAX_UPLOAD_BYTES": "1000",
    }
    proc = subprocess.run(
        [sys.executable, str(CLIENTS / "generate.py"), "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_make_client_runs_the_generator():
    makefile = (ROOT / "Makefile").read_text()
    assert "\nclient: install-dev" in makefile and "clients/generate.py" in makefile
    readme = (CLIENTS / "README.md").read_text()
    assert "make client" in readme and "pip install" in readme


def _generator():
    spec = importlib.util.spec_from_file_location("clients_generate", CLIENTS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema(tmp_path, request_body: dict, response_content: dict) -> Path:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x/": {
                "post": {
                    "operationId": "x_create",
                    "requestBody": {"content": request_body, "required": True},
                    "responses": {"200": {"description": "", "content": response_content}},
                }
            }
        },
        "components": {"schemas": {"X": {"type": "object", "properties": {"a": {"type": "string"}}}}},
    }
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document))
    return path


X = {"schema": {"$ref": "#/components/schemas/X"}}


def test_make_client_stops_on_a_generator_warning(tmp_path):
    generate = _generator()
    schema = _schema(tmp_path, {"application/json": X}, {"application/xml": X})
    with pytest.raises(generate.GenerationError, match="openapi-python-client failed"):
        generate.write_python_client(schema, tmp_path / "python")


def test_make_client_stops_on_a_generated_module_that_does_not_import(tmp_path):
    """The issue's case: a body declared under DRF's three parser media types (openapi-python-client 0.29.1
    then writes modules that name `Unset` without importing it)."""
    generate = _generator()
    body = {"application/json": X, "application/x-www-form-urlencoded": X, "multipart/form-data": X}
    schema = _schema(tmp_path, body, {"application/json": X})
    generate.write_python_client(schema, tmp_path / "python")
    generate.write_pydantic_models(schema, tmp_path / "pydantic")
    with pytest.raises(generate.GenerationError, match=r"il2portal_client\.api\.default\.x_create"):
        generate.check_imports(tmp_path)
