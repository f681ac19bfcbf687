"""assays.readers is pure Python: no Django, DRF or Celery anywhere in the package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import assays.readers

FORBIDDEN = {"django", "rest_framework", "celery"}
PACKAGE = Path(assays.readers.__file__).resolve().parent


def _imported_modules(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
    return names


def test_it_imports_no_django_drf_or_celery_in_any_module():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= 8
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        bad = {m for m in _imported_modules(tree) if m.split(".")[0] in FORBIDDEN}
        assert not bad, f"{path.name} imports {sorted(bad)}"


def test_it_reads_files_without_loading_django():
    refdata = Path(__file__).resolve().parents[2] / "refdata" / "platereader"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from assays.readers import read_plate_file\n"
        f"for name in ['biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt', 'tecan_spark_sparkcontrol-lum-partial_384well.xlsx']:\n"
        f"    read_plate_file(Path({str(refdata)!r}, name).read_bytes())\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework', 'celery')]\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    root = PACKAGE.parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
