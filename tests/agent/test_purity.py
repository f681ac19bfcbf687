"""The folder agent runs on an instrument PC's Python (3.8 or newer) with nothing installed: standard
library only, no syntax or library calls newer than 3.8, and it runs without site-packages."""

from __future__ import annotations

import ast
import signal
import subprocess
import sys
import time
from pathlib import Path

from agent import il2_folder_agent
from tests.agent.support import write_config

SOURCE = Path(il2_folder_agent.__file__)
# standard modules that are newer than Python 3.8
NEWER_MODULES = {"graphlib", "zoneinfo", "tomllib", "_zoneinfo", "_tokenize"}
# names of standard-library functions and attributes added after 3.8
NEWER_NAMES = {
    "removeprefix",  # str, 3.9
    "removesuffix",
    "is_relative_to",  # pathlib, 3.9
    "with_stem",
    "readlink",
    "bit_count",  # int, 3.10
    "file_digest",  # hashlib, 3.11
    "UTC",  # datetime, 3.11
    "pairwise",  # itertools, 3.10
    "batched",  # itertools, 3.12
    "randbytes",  # random, 3.9
    "BooleanOptionalAction",  # argparse, 3.9
    "to_thread",  # asyncio, 3.9
    "TaskGroup",
    "cache",  # functools, 3.9
    "autocommit",  # sqlite3, 3.12
}
BUILTIN_GENERICS = {"list", "dict", "tuple", "set", "frozenset", "type"}


def _tree():
    return ast.parse(SOURCE.read_text(encoding="utf-8"), filename=str(SOURCE))


def test_it_imports_only_the_standard_library_of_python_3_8():
    tree = _tree()
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert imported - {"__future__"} <= set(sys.stdlib_module_names) - NEWER_MODULES, imported
    assert {"sqlite3", "urllib", "hashlib"} <= imported


def test_it_uses_no_library_names_or_runtime_generics_newer_than_python_3_8():
    tree = _tree()
    # annotations such as ``str | None`` are never evaluated on 3.8 thanks to the __future__ import
    assert any(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in tree.body)
    in_annotations = set()
    for node in ast.walk(tree):
        for annotation in (
            [getattr(node, "returns", None), getattr(node, "annotation", None)]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.arg | ast.AnnAssign)
            else []
        ):
            if annotation is not None:
                in_annotations.update(id(n) for n in ast.walk(annotation))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            assert node.attr not in NEWER_NAMES, f"line {node.lineno}: .{node.attr} is newer than Python 3.8"
        if isinstance(node, ast.Call):
            assert not any(k.arg == "strict" for k in node.keywords), f"line {node.lineno}: strict= (3.10)"
        if id(node) in in_annotations:
            continue
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            assert node.value.id not in BUILTIN_GENERICS, f"line {node.lineno}: {node.value.id}[...] (3.9)"
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            names = {getattr(side, "id", None) for side in (node.left, node.right)}
            assert not names & {"None", "str", "int", "float", "dict", "list"}, f"line {node.lineno}: X | Y"


def test_it_runs_without_site_packages(tmp_path):
    """``python -I -S``: no site-packages at all, as on a bare instrument PC."""
    config = write_config(
        tmp_path,
        portal_url="http://127.0.0.1:9",
        settle_seconds=0.2,
        poll_seconds=0.1,
        backoff_base_seconds=5,
    )
    (tmp_path / "in" / "p.csv").write_bytes(b"well,value\nA1,1\n")
    bare = [sys.executable, "-I", "-S", str(SOURCE)]
    out = subprocess.run([*bare, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "run" in out.stdout, out.stderr

    proc = subprocess.Popen(
        [*bare, "run", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    log = tmp_path / "state" / "agent.log"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "cannot be reached" not in (
        log.read_text() if log.exists() else ""
    ):
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    text = log.read_text()
    assert (
        "queued p.csv" in text
        and "the portal cannot be reached" in text
        and "stopped; 1 file in the queue" in text
    )

    out = subprocess.run([*bare, "status", "-c", str(config)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "queued 1" in out.stdout, out.stdout + out.stderr
