"""Bounds on what an uploaded file may cost to read, checked before any parser sees it.

A plate export or a measurement sheet is small: a few hundred kB, at most a few hundred thousand
cells. A hostile file can claim far more than it holds: an .xlsx whose ``<dimension>`` says
A1:XFD1048576, a cell at XFD1048576, a zip member that inflates 1000:1, a text file that is one 18 MB
line or one row of a million columns. ``check_file`` measures the file cheaply and raises
``LimitExceeded`` (code ``file_too_large``, naming the limit) when it is out of bounds:

* .xlsx (zip): member count; each member's *declared* uncompressed size and compression ratio; the
  total; then each worksheet and the shared strings are inflated in chunks, counting the *actual* bytes
  (a size in the zip directory can lie), and scanned with expat (no DTDs or entities) for the rows,
  columns and cells they really hold -- ``<dimension>`` is never read.
* text: line count, longest line, columns on a line, cells in the file.

Only then may openpyxl, pandas or allotropy open the file. ``run_bounded`` runs the parse itself in a
forked child with a time and memory budget, so a file that passes the checks and still costs too much
is refused instead of taking the web worker down. Pure Python: no Django here.
"""

from __future__ import annotations

import contextvars
import io
import logging
import os
import pickle
import re
import resource
import select
import signal
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from xml.parsers import expat

from .base import ParseError, ReaderError, is_zip

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """What one uploaded file may hold. The defaults leave ample room for every real export: a
    1536-well plate read 100 times in two channels is 307,200 cells; 1538 columns is a Gen5 kinetic
    export in column orientation."""

    max_rows: int = 200_000  # lines of text, or rows of one sheet (also the highest row number)
    max_columns: int = 4_096  # fields on one line, or the highest column number of a sheet
    max_cells: int = 1_000_000  # fields of a text file, or cells of a workbook
    max_line_chars: int = 262_144  # bytes in one line of text
    max_uncompressed_bytes: int = 64 * 1024 * 1024  # all members of an .xlsx inflated
    max_compression_ratio: int = 100  # per member of more than RATIO_FLOOR bytes
    max_members: int = 1_000
    max_sheets: int = 255
    time_limit_s: float = 20.0  # parsing, in the child process
    memory_limit_bytes: int = 1024 * 1024 * 1024  # address space the child may add


DEFAULT_LIMITS = Limits()
_ACTIVE: contextvars.ContextVar[tuple[Limits, bytes | None]] = contextvars.ContextVar(
    "upload_limits", default=(DEFAULT_LIMITS, None)
)


def active_limits() -> Limits:
    """The limits of the ``read_plate_file`` call in progress (DEFAULT_LIMITS outside one)."""
    return _ACTIVE.get()[0]


def using_limits(limits: Limits, checked: bytes) -> contextvars.Token:
    """Within a ``read_plate_file`` call: ``limits`` apply, and ``checked`` (the very bytes object that
    passed ``check_file``) need not be measured again by detection or allotropy."""
    return _ACTIVE.set((limits, checked))


def reset_limits(token: contextvars.Token) -> None:
    _ACTIVE.reset(token)


RATIO_FLOOR = 1024 * 1024  # a small member may compress very well and still be harmless
_CHUNK = 1024 * 1024


class LimitExceeded(ReaderError):
    """The file is larger or more complex than the portal reads. ``limit`` names which bound."""

    code = "file_too_large"

    def __init__(self, message: str, *, limit: str, maximum: float | int, found: float | int | None = None):
        super().__init__(f"Too large to read: {message}")
        self.limit = limit
        self.maximum = maximum
        self.found = found

    def as_dict(self) -> dict:
        return {**super().as_dict(), "limit": self.limit, "maximum": self.maximum, "found": self.found}


def _n(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _mb(value: float) -> str:
    return f"{value / 1e6:,.1f} MB"


# --------------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------------


def check_file(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise LimitExceeded when ``data`` (an .xlsx or a text file) is beyond ``limits``."""
    active, checked = _ACTIVE.get()
    if checked is not None and data is checked and limits == active:
        return
    if is_zip(data):
        check_workbook(data, limits)
    else:
        check_text(data, limits)


_LINE_END = re.compile(rb"\r\n?|\n")


def check_text(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Lines, line length, columns per line and cells of a text export, measured on the bytes."""
    wide = 2 if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 1 and b"\x00" in data[:2]) else 1
    flat = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    lines = flat.count(b"\n") + 1
    if lines > limits.max_rows:
        raise LimitExceeded(
            f"the file has {_n(lines)} lines; the limit is {_n(limits.max_rows)}.",
            limit="rows",
            maximum=limits.max_rows,
            found=lines,
        )
    start, number = 0, 0
    max_bytes = limits.max_line_chars * wide
    threshold = min(max_bytes, limits.max_columns)  # only a line this long can hold too many fields
    while start <= len(flat):
        end = flat.find(b"\n", start)
        if end == -1:
            end = len(flat)
        number += 1
        length = end - start
        if length >= threshold:
            line = flat[start:end]
            fields = max(line.count(b","), line.count(b"\t"), line.count(b";")) + 1
            if fields > limits.max_columns:
                raise LimitExceeded(
                    f"line {number} has {_n(fields)} columns; the limit is {_n(limits.max_columns)}.",
                    limit="columns",
                    maximum=limits.max_columns,
                    found=fields,
                )
            if length > max_bytes:
                raise LimitExceeded(
                    f"line {number} is {_n(length // wide)} characters long; the limit is "
                    f"{_n(limits.max_line_chars)}.",
                    limit="line_chars",
                    maximum=limits.max_line_chars,
                    found=length // wide,
                )
        start = end + 1
    cells = max(flat.count(b","), flat.count(b"\t"), flat.count(b";")) + lines
    if cells > limits.max_cells:
        raise LimitExceeded(
            f"the file has about {_n(cells)} cells; the limit is {_n(limits.max_cells)}.",
            limit="cells",
            maximum=limits.max_cells,
            found=cells,
        )


def check_workbook(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Zip members (declared and actual sizes, ratios) and the cells the worksheets really hold."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # BadZipFile, LargeZipFile, OSError, ValueError ...
        raise ParseError(
            f"The workbook could not be opened ({exc}); it may be damaged or truncated."
        ) from exc
    if len(infos) > limits.max_members:
        raise LimitExceeded(
            f"the workbook holds {_n(len(infos))} parts; the limit is {_n(limits.max_members)}.",
            limit="zip_members",
            maximum=limits.max_members,
            found=len(infos),
        )
    declared = 0
    for info in infos:
        declared += info.file_size
        _check_ratio(info.filename, info.file_size, info.compress_size, limits)
    if declared > limits.max_uncompressed_bytes:
        raise LimitExceeded(
            f"the workbook unpacks to {_mb(declared)}; the limit is {_mb(limits.max_uncompressed_bytes)} "
            "(a compressed 'zip bomb' or a far larger export than a plate reader writes).",
            limit="uncompressed_bytes",
            maximum=limits.max_uncompressed_bytes,
            found=declared,
        )
    sheets = [i for i in infos if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename)]
    if len(sheets) > limits.max_sheets:
        raise LimitExceeded(
            f"the workbook has {_n(len(sheets))} sheets; the limit is {_n(limits.max_sheets)}.",
            limit="sheets",
            maximum=limits.max_sheets,
            found=len(sheets),
        )
    budget = _Budget(limits)
    for info in infos:
        if info.is_dir():
            continue
        scan = info in sheets or info.filename == "xl/sharedStrings.xml"
        budget.inflate(archive, info, _SheetScan(info.filename, limits, budget) if scan else None)


def _check_ratio(name: str, size: int, compressed: int, limits: Limits) -> None:
    if size > RATIO_FLOOR and size > limits.max_compression_ratio * max(compressed, 1):
        ratio = size / max(compressed, 1)
        raise LimitExceeded(
            f"the workbook part {name} is compressed {ratio:,.0f}:1; the limit is "
            f"{limits.max_compression_ratio}:1 (a compressed 'zip bomb').",
            limit="compression_ratio",
            maximum=limits.max_compression_ratio,
            found=round(ratio, 1),
        )


class _Budget:
    """Counts the bytes actually inflated and the cells seen across all members."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.inflated = 0
        self.cells = 0

    def inflate(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, scan: _SheetScan | None) -> None:
        limits = self.limits
        compressed = max(info.compress_size, 1)
        seen = 0
        try:
            # zipfile stops at the declared size and then checks the CRC, so a member whose directory
            # entry understates its size fails here instead of inflating without end
            with archive.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    seen += len(chunk)
                    self.inflated += len(chunk)
                    if self.inflated > limits.max_uncompressed_bytes:
                        raise LimitExceeded(
                            f"the workbook unpacks to more than {_mb(limits.max_uncompressed_bytes)}; that "
                            "is the limit (a compressed 'zip bomb').",
                            limit="uncompressed_bytes",
                            maximum=limits.max_uncompressed_bytes,
                            found=self.inflated,
                        )
                    _check_ratio(info.filename, seen, compressed, limits)
                    if scan is not None:
                        scan.feed(chunk)
        except ReaderError:
            raise
        except Exception as exc:  # BadZipFile, zlib.error, EOFError, NotImplementedError (compression) ...
            raise ParseError(
                f"The workbook part {info.filename} could not be unpacked ({exc}); the file is damaged or "
                "not a real .xlsx workbook."
            ) from exc
        if scan is not None:
            scan.close()


class _SheetScan:
    """Streams one worksheet's XML through expat, counting rows, cells and the largest row/column."""

    def __init__(self, name: str, limits: Limits, budget: _Budget):
        self.name = name
        self.sheet = name.rsplit("/", 1)[-1].removesuffix(".xml")
        self.limits = limits
        self.budget = budget
        self.row = 0
        self.column = 0
        self.rows = 0
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype

    def _doctype(self, *args: Any) -> None:
        raise ParseError(f"The workbook part {self.name} declares a DTD or entities; .xlsx files never do.")

    def _start(self, name: str, attrs: dict) -> None:
        tag = name.rsplit(":", 1)[-1]
        if tag == "row":
            ref = attrs.get("r")
            self.row = int(ref) if ref and ref.isdigit() else self.row + 1
            self.column = 0
            self.rows += 1
            if self.row > self.limits.max_rows or self.rows > self.limits.max_rows:
                self._too_many("rows", self.row, self.limits.max_rows, f"row {_n(self.row)}")
        elif tag == "c":
            ref = attrs.get("r")
            col = _column_number(ref) if ref else None
            self.column = col if col is not None else self.column + 1
            if self.column > self.limits.max_columns:
                self._too_many("columns", self.column, self.limits.max_columns, f"cell {ref or self.column}")
            self.budget.cells += 1
            if self.budget.cells > self.limits.max_cells:
                self._too_many("cells", self.budget.cells, self.limits.max_cells, "the cells")
        elif tag == "si":  # a shared string: bounded by the cell budget too
            self.budget.cells += 1
            if self.budget.cells > self.limits.max_cells:
                self._too_many("cells", self.budget.cells, self.limits.max_cells, "the shared strings")

    def _too_many(self, what: str, found: int, maximum: int, where: str) -> None:
        labels = {"rows": "rows", "columns": "columns", "cells": "cells"}
        raise LimitExceeded(
            f"sheet {self.sheet} reaches {where}: more {labels[what]} than the limit of {_n(maximum)}.",
            limit=what,
            maximum=maximum,
            found=found,
        )

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as exc:
            raise ParseError(f"The workbook part {self.name} is not well-formed XML ({exc}).") from exc

    def close(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise ParseError(f"The workbook part {self.name} is not well-formed XML ({exc}).") from exc


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?\d*")


def _column_number(ref: str) -> int | None:
    m = _REF.match(ref)
    if not m:
        return None
    n = 0
    for ch in m.group(1).upper():
        n = n * 26 + ord(ch) - 64
    return n


# --------------------------------------------------------------------------------------------------
# Parsing with a time and memory budget
# --------------------------------------------------------------------------------------------------


def run_bounded(fn: Callable[[], T], limits: Limits = DEFAULT_LIMITS) -> T:
    """``fn()`` in a forked child limited to ``limits.time_limit_s`` seconds and
    ``limits.memory_limit_bytes`` more address space; its result (or its ReaderError) comes back pickled.

    Beyond either budget the child is killed and LimitExceeded raised (limit ``parse_time_s`` or
    ``parse_memory_bytes``). Where fork is not available ``fn`` runs in this process. The child touches
    no database or file that the parent owns: it parses bytes and exits with ``os._exit``.
    """
    if not hasattr(os, "fork") or limits.time_limit_s <= 0:
        return fn()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        _child(fn, write_fd, limits)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limits.time_limit_s
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise LimitExceeded(
            f"reading the file took longer than {_n(limits.time_limit_s)} s, the limit.",
            limit="parse_time_s",
            maximum=limits.time_limit_s,
        )
    try:
        kind, payload = pickle.loads(b"".join(chunks))
    except Exception:
        raise ParseError(
            f"The file could not be read: the reader stopped unexpectedly (exit status {status})."
        ) from None
    if kind == "ok":
        return payload
    if kind == "memory":
        raise LimitExceeded(
            f"reading the file needed more than {_mb(limits.memory_limit_bytes)} of memory, the limit.",
            limit="parse_memory_bytes",
            maximum=limits.memory_limit_bytes,
        )
    if kind == "reader_error":
        cls, args, state = payload
        err = cls.__new__(cls)
        Exception.__init__(err, *args)
        err.__dict__.update(state)
        raise err
    logging.getLogger(__name__).warning("a reader stopped with an unexpected error: %s", payload)
    raise ParseError(
        "The file could not be read: the reader stopped at content it does not expect (check that it is an "
        "unmodified export)."
    )


def _child(fn: Callable[[], Any], write_fd: int, limits: Limits) -> None:
    code = 0
    try:
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            if limits.memory_limit_bytes > 0:
                with open("/proc/self/statm") as fh:
                    vm_pages = int(fh.read().split()[0])
                cap = vm_pages * os.sysconf("SC_PAGE_SIZE") + limits.memory_limit_bytes
                resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (OSError, ValueError):
            pass  # no /proc or no rlimit: the time limit still holds
        try:
            payload = pickle.dumps(("ok", fn()), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", None))
        except ReaderError as exc:
            payload = pickle.dumps(("reader_error", (type(exc), exc.args, dict(exc.__dict__))))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, never raised here
            payload = pickle.dumps(("crash", f"{type(exc).__name__}: {exc}"))
        view = memoryview(payload)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)
