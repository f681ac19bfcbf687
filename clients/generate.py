"""Regenerate the API clients in ``clients/`` from the schema the portal serves (``make client``).

Steps, each of which stops the run with a message when it fails:

1. ``manage.py spectacular --validate --fail-on-warn`` writes the OpenAPI schema, the same document
   ``GET /api/v1/schema/`` serves (a test checks they are identical), to ``clients/openapi.yaml``, for
   the reference deployment (PostgreSQL, default settings) whatever this machine configures;
2. openapi-spec-validator validates it;
3. openapi-python-client writes the attrs + httpx client to ``clients/python/`` (``--fail-on-warning``;
   any warning it prints fails too);
4. datamodel-code-generator writes pydantic v2 models to ``clients/pydantic/il2portal_models.py`` with
   ``--strict-nullable`` (a field the schema does not declare nullable is never ``None``); any warning
   fails;
5. a fresh interpreter imports every generated module with warnings as errors, and rebuilds every
   pydantic model, so a client that cannot be imported never lands.

``--check`` generates into a temporary folder and compares with the committed files instead of writing
them: it exits 1 naming each file that differs (the committed client is stale), which the test suite
runs. The generator versions are pinned in ``requirements/dev.in``.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
PACKAGE = "il2portal_client"
MODELS = "il2portal_models"
# What the generator owns under clients/: replaced wholesale by `make client`, compared by --check.
GENERATED = ("openapi.yaml", "python", "pydantic")
# What tools leave beside the generated files (`pip install ./clients/python`, imports, linters): not compared.
NOT_GENERATED = {"__pycache__", ".ruff_cache", ".pytest_cache", ".mypy_cache", "build", "dist"}


class GenerationError(Exception):
    pass


def _run(step: str, args: list[str], *, cwd: Path, env=None, quiet_ok=lambda line: False) -> str:
    """Run one generator; a non-zero status, or any line on stderr (a warning), fails the step."""
    env = {
        **(os.environ if env is None else env),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONWARNINGS": "default",
    }
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    complaints = [
        line
        for line in (proc.stderr + "\n" + proc.stdout).splitlines()
        if line.strip()
        and ("warning" in line.lower() or line in proc.stderr.splitlines())
        and not quiet_ok(line)
    ]
    if proc.returncode != 0 or complaints:
        raise GenerationError(
            f"{step} failed (exit status {proc.returncode}):\n"
            + "\n".join(complaints or (proc.stdout + proc.stderr).splitlines()[-40:])
        )
    return proc.stdout


# The schema shows a few deployment facts: integer ranges come from the database backend (SQLite's are
# 64-bit, PostgreSQL's per column) and the ?wait maximum from JOBS_MAX_WAIT. The committed clients describe
# the reference deployment, PostgreSQL with the default settings, whatever the machine running `make
# client` has configured. Django never connects to this database: describing the API needs no queries.
SCHEMA_ENV = {
    "DJANGO_ENV": "development",
    "DATABASE_URL": "postgres://schema@127.0.0.1:5432/il2portal",
    "SECRET_KEY": "schema-generation-only-" + "x" * 40,
}


def _schema_env(tmp: Path) -> dict:
    """This process's environment without any portal setting (every name il2portal/settings.py reads)."""
    names = set(
        re.findall(r'env_[a-z]+\(\s*"([A-Z][A-Z0-9_]*)"', (ROOT / "il2portal" / "settings.py").read_text())
    )
    env = {k: v for k, v in os.environ.items() if k not in names}
    return {**env, **SCHEMA_ENV, "VAR_DIR": str(tmp)}


def write_schema(target: Path) -> dict:
    _run(
        "manage.py spectacular",
        [sys.executable, "manage.py", "spectacular", "--file", str(target), "--validate", "--fail-on-warn"],
        cwd=ROOT,
        env=_schema_env(target.parent),
    )
    from openapi_spec_validator import validate_spec

    document = yaml.safe_load(target.read_text())
    try:
        validate_spec(document)
    except Exception as exc:  # the validator's errors carry the path of the offending node
        raise GenerationError(f"openapi-spec-validator rejected {target.name}: {exc}") from exc
    return document


def write_python_client(schema: Path, target: Path) -> None:
    work = target.parent / "_opc"
    _run(
        "openapi-python-client",
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(schema),
            "--config",
            str(HERE / "openapi-python-client.yaml"),
            "--custom-template-path",
            str(HERE / "templates"),  # the package's README: the portal's Token scheme, idempotency, waits
            "--meta",
            "setup",
            "--output-path",
            str(work),
            "--fail-on-warning",
        ],
        cwd=target.parent,
        # its progress line names the output folder
        quiet_ok=lambda line: line.startswith("Generating "),
    )
    shutil.rmtree(work / ".ruff_cache", ignore_errors=True)
    work.rename(target)


def write_pydantic_models(schema: Path, target: Path) -> None:
    target.mkdir(parents=True)
    _run(
        "datamodel-code-generator",
        [
            str(BIN / "datamodel-codegen"),
            "--input",
            str(schema),
            "--input-file-type",
            "openapi",
            "--output",
            str(target / f"{MODELS}.py"),
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--strict-nullable",
            "--target-python-version",
            "3.11",
            "--use-double-quotes",
            "--use-annotated",
            "--disable-timestamp",
            "--formatters",
            "ruff-check",
            "ruff-format",
        ],
        cwd=target,
    )


IMPORT_CHECK = f"""
import importlib, inspect, pkgutil, sys, warnings
warnings.simplefilter("error")
import pydantic
import {PACKAGE}
failed = []
for module in pkgutil.walk_packages({PACKAGE}.__path__, "{PACKAGE}."):
    try:
        importlib.import_module(module.name)
    except Exception as exc:
        failed.append(f"{{module.name}}: {{exc!r}}")
models = importlib.import_module("{MODELS}")
for name, obj in vars(models).items():
    if inspect.isclass(obj) and issubclass(obj, pydantic.BaseModel) and obj.__module__ == "{MODELS}":
        try:
            obj.model_rebuild(force=True, raise_errors=True)
        except Exception as exc:
            failed.append(f"{MODELS}.{{name}}: {{exc!r}}")
if failed:
    print(f"{{len(failed)}} generated modules or models fail to import:", *failed, sep="\\n")
    sys.exit(1)
"""


def check_imports(out: Path) -> None:
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join([str(out / "python"), str(out / "pydantic")]),
    }
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK], cwd=out, env=env, capture_output=True, text=True, timeout=300
    )
    if proc.returncode != 0:
        raise GenerationError((proc.stdout + proc.stderr).strip())


def generate(out: Path) -> None:
    """Write every generated file into ``out`` (a fresh folder)."""
    schema = out / "openapi.yaml"
    write_schema(schema)
    write_python_client(schema, out / "python")
    write_pydantic_models(schema, out / "pydantic")
    check_imports(out)


def _files(base: Path) -> dict[str, Path]:
    found = {}
    for name in GENERATED:
        path = base / name
        if path.is_file():
            found[name] = path
        elif path.is_dir():
            for file in path.rglob("*"):
                parts = file.relative_to(base).parts
                if file.is_file() and not any(p in NOT_GENERATED or p.endswith(".egg-info") for p in parts):
                    found[file.relative_to(base).as_posix()] = file
    return found


def differences(fresh: Path, committed: Path) -> list[str]:
    new, old = _files(fresh), _files(committed)
    problems = [
        f"clients/{name}: missing (make client writes it)" for name in sorted(new.keys() - old.keys())
    ]
    problems += [f"clients/{name}: not generated any more" for name in sorted(old.keys() - new.keys())]
    for name in sorted(new.keys() & old.keys()):
        a, b = old[name].read_bytes(), new[name].read_bytes()
        if a != b:
            diff = difflib.unified_diff(
                a.decode(errors="replace").splitlines(),
                b.decode(errors="replace").splitlines(),
                f"committed/{name}",
                f"generated/{name}",
                lineterm="",
                n=1,
            )
            problems.append(f"clients/{name} differs:\n" + "\n".join(list(diff)[:40]))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed clients, write nothing"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="il2-clients-") as tmp:
        fresh = Path(tmp)
        try:
            generate(fresh)
        except GenerationError as exc:
            print(f"make client: {exc}", file=sys.stderr)
            return 2
        if args.check:
            problems = differences(fresh, HERE)
            if problems:
                print(
                    "The committed clients are stale; run `make client` and commit clients/:\n"
                    + "\n".join(problems),
                    file=sys.stderr,
                )
                return 1
            print("clients/ matches the served schema")
            return 0
        for name in GENERATED:
            target = HERE / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            source = fresh / name
            shutil.copytree(source, target) if source.is_dir() else shutil.copy2(source, target)
    print("clients/ regenerated from the served schema: openapi.yaml, python/, pydantic/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
