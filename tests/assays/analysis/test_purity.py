"""assays/analysis is pure: it must not import Django, DRF or Celery."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import assays.analysis

PACKAGE = Path(assays.analysis.__file__).resolve().parent
FORBIDDEN = ("django", "rest_framework", "celery", "drf_spectacular")


def test_it_has_no_web_framework_imports_in_any_module():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_it_imports_without_loading_django():
    code = (
        "import sys, assays.analysis.curves, assays.analysis.qc, assays.analysis.elisa, assays.analysis.potency,"
        " assays.analysis.monitoring, assays.analysis.dilution, assays.analysis.selectivity;"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    root = PACKAGE.parents[1]
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
