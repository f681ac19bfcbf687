#!/usr/bin/env python3
"""IL-2 Portal folder agent: sends a plate reader's exports to the portal, each exactly once.

It watches the folder the instrument software exports into, waits until a new file has stopped
changing (size and modification time unchanged for ``settle_seconds``), and uploads it to
``POST /api/v1/plates/`` with the lab's instrument token and an ``Idempotency-Key`` made from the
file's SHA-256. Uploaded files go to ``done/``, refused ones to ``failed/`` with the portal's message
beside them (or stay where they are with a marker file, ``after_upload = marker``).

Deliberately one file using only Python's standard library (3.8 or newer, Windows or Linux), so that
it runs on an instrument PC with nothing installed: copy this folder, write a configuration file,
run ``python il2_folder_agent.py check`` and then ``python il2_folder_agent.py run``. See README.md.

How it keeps its promises:

* The queue is a SQLite journal in ``state_dir``: a file is recorded (path, SHA-256, key) before it
  is sent, and marked done only after the portal answered. Every change is one SQLite transaction, so
  a crash, a power cut or a lost network leaves each file either waiting or done, never lost.
* A file sent again after a crash carries the same ``Idempotency-Key``; the portal replays its first
  answer (and would in any case answer ``duplicate`` for bytes it already holds): one plate per file.
* Connection errors, 5xx, 429 and 409 "in progress" are retried with exponential backoff and jitter,
  honouring ``Retry-After``. A refused file (400) is never retried: it goes to ``failed/``.
* A refused token (401/403) pauses every upload and keeps the queue; the agent re-reads its
  configuration when the file changes (and on SIGHUP), so a new token takes effect without a restart.
"""

from __future__ import annotations

import argparse
import configparser
import email.utils
import fnmatch
import hashlib
import http.client
import json
import logging
import logging.handlers
import os
import platform
import random
import re
import shutil
import signal
import sqlite3
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

VERSION = "1.0.0"
UPLOAD_PATH = "/api/v1/plates/"
UPLOADED_SUFFIX = ".il2-uploaded.txt"  # marker beside a file left in place
FAILED_SUFFIX = ".il2-failed.txt"  # the portal's refusal, beside the refused file
TMP_SUFFIX = ".il2-tmp"  # our own half-written files
# Codes with which the portal refuses a file for what it contains (API.md "Plates"): not retried.
FILE_ERROR_CODES = ("unrecognized_format", "parse_error", "empty_file", "file_too_large")
# Form fields the agent sends from its configuration: a 400 naming one of them is a configuration
# problem (pause and wait for a fix), not a problem of the file.
CONFIG_FIELDS = ("lab", "vendor", "layout", "name", "barcode")
DEFAULT_IGNORE = (
    ".*",
    "~$*",
    "~*",
    "*.tmp",
    "*.temp",
    "*.part",
    "*.partial",
    "*.crdownload",
    "*.lock",
    "*.lck",
    "*.bak",
    "Thumbs.db",
    "desktop.ini",
)
ALWAYS_IGNORE = ("*" + UPLOADED_SUFFIX, "*" + FAILED_SUFFIX, "*" + TMP_SUFFIX)

log = logging.getLogger("il2_folder_agent")


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the setting."""


class AgentError(Exception):
    """The agent cannot start (e.g. another agent already uses the state folder)."""


class TransportError(Exception):
    """No HTTP answer at all: connection refused or reset, timeout, name or TLS failure."""


# --------------------------------------------------------------------------------------------------
# Configuration


@dataclass
class Config:
    """Settings, read from the ``[agent]`` section of an INI file (see agent.example.ini)."""

    portal_url: str
    token: str
    watch_dir: Path
    state_dir: Path
    done_dir: Path
    failed_dir: Path
    log_file: Path
    path: Path | None = None
    token_file: Path | None = None
    lab: str = ""
    vendor: str = ""
    include: tuple = ("*",)
    ignore: tuple = DEFAULT_IGNORE
    recursive: bool = False
    after_upload: str = "move"  # move | marker
    settle_seconds: float = 10.0
    growing_warn_seconds: float = 600.0
    poll_seconds: float = 2.0
    timeout_seconds: float = 120.0
    backoff_base_seconds: float = 2.0
    backoff_max_seconds: float = 300.0
    retry_after_max_seconds: float = 3600.0
    auth_retry_seconds: float = 300.0
    max_file_mb: float = 100.0
    keep_days: float = 90.0
    log_max_mb: float = 5.0
    log_backups: int = 5
    ca_file: str = ""
    verify_tls: bool = True

    @property
    def upload_url(self) -> str:
        url = self.portal_url.rstrip("/") + UPLOAD_PATH
        if self.lab:
            # also in the query string: the portal records a too-large body in this lab without reading it
            url += "?" + urllib.parse.urlencode({"lab": self.lab})
        return url

    def connection_settings(self) -> tuple:
        """What a running agent must pick up when the file changes (a new token lifts a pause)."""
        return (self.portal_url, self.token, self.lab, self.vendor, self.ca_file, self.verify_tls)


def _number(section, key: str, default: float, where: str, minimum: float = 0.0) -> float:
    raw = section.get(key, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{where}: {key} = {raw!r} is not a number") from None
    if value < minimum:
        raise ConfigError(f"{where}: {key} must be at least {minimum:g} (got {raw})")
    return value


def _patterns(raw: str) -> tuple:
    return tuple(p for p in re.split(r"[\s,;]+", raw.strip()) if p)


def load_config(path: Path) -> Config:
    """Read and check the configuration; relative paths are relative to the configuration file."""
    path = Path(path).resolve()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            parser.read_file(fh)
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such configuration file (copy agent.example.ini and edit it)"
        ) from None
    except (OSError, configparser.Error) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    if not parser.has_section("agent"):
        raise ConfigError(f"{path}: the settings must be under a line [agent]")
    s = parser["agent"]
    where = str(path)
    base = path.parent

    def folder(key: str, default: Path) -> Path:
        raw = s.get(key, "").strip()
        return (base / os.path.expandvars(os.path.expanduser(raw))).resolve() if raw else default

    known = set(Config.__dataclass_fields__) - {"path"}
    unknown = sorted(set(s) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(unknown)} (see agent.example.ini)")

    portal_url = s.get("portal_url", "").strip()
    parsed = urllib.parse.urlsplit(portal_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(
            f"{where}: portal_url must be the portal's address, e.g. https://il2portal.example.org"
        )
    portal_url = f"{parsed.scheme}://{parsed.netloc}{parsed.path.rstrip('/')}"
    if portal_url.endswith("/api/v1"):
        portal_url = portal_url[: -len("/api/v1")]

    token_file = folder("token_file", Path()) if s.get("token_file", "").strip() else None
    token = s.get("token", "").strip()
    if not token and token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8-sig").strip()
        except OSError as exc:
            raise ConfigError(f"{where}: token_file {token_file} cannot be read: {exc}") from None
    if not token:
        token = os.environ.get("IL2_AGENT_TOKEN", "").strip()
    if not token:
        raise ConfigError(
            f"{where}: no token: set token = <instrument token> (or token_file, or the IL2_AGENT_TOKEN variable)"
        )
    if token.lower().startswith(("token ", "bearer ")):
        token = token.split(None, 1)[1].strip()
    if any(c.isspace() for c in token):
        raise ConfigError(f"{where}: token must be the key alone, without spaces")

    raw_watch = s.get("watch_dir", "").strip()
    if not raw_watch:
        raise ConfigError(f"{where}: watch_dir (the folder the instrument exports into) is required")
    watch_dir = folder("watch_dir", Path())
    state_dir = folder("state_dir", base / "state")
    after_upload = s.get("after_upload", "move").strip().lower() or "move"
    if after_upload not in ("move", "marker"):
        raise ConfigError(f"{where}: after_upload must be move or marker (got {after_upload!r})")
    lab = s.get("lab", "").strip()
    if lab and not lab.isdigit():
        raise ConfigError(f"{where}: lab must be the lab's id (a number, shown in GET /api/v1/labs/)")
    try:
        recursive = s.getboolean("recursive", fallback=False)
        verify_tls = s.getboolean("verify_tls", fallback=True)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc} (use yes or no)") from None
    ca_file = s.get("ca_file", "").strip()
    if ca_file:
        ca_file = str(folder("ca_file", Path()))
        if not os.path.isfile(ca_file):
            raise ConfigError(f"{where}: ca_file {ca_file} does not exist")
    include = _patterns(s.get("include", "")) or ("*",)
    ignore = _patterns(s.get("ignore", "")) if "ignore" in s else DEFAULT_IGNORE

    return Config(
        path=path,
        portal_url=portal_url,
        token=token,
        token_file=token_file,
        watch_dir=watch_dir,
        state_dir=state_dir,
        done_dir=folder("done_dir", watch_dir / "done"),
        failed_dir=folder("failed_dir", watch_dir / "failed"),
        log_file=folder("log_file", state_dir / "agent.log"),
        lab=lab,
        vendor=s.get("vendor", "").strip(),
        include=include,
        ignore=ignore,
        recursive=recursive,
        after_upload=after_upload,
        settle_seconds=_number(s, "settle_seconds", 10.0, where),
        growing_warn_seconds=_number(s, "growing_warn_seconds", 600.0, where, 1.0),
        poll_seconds=_number(s, "poll_seconds", 2.0, where, 0.05),
        timeout_seconds=_number(s, "timeout_seconds", 120.0, where, 1.0),
        backoff_base_seconds=_number(s, "backoff_base_seconds", 2.0, where, 0.01),
        backoff_max_seconds=_number(s, "backoff_max_seconds", 300.0, where, 0.01),
        retry_after_max_seconds=_number(s, "retry_after_max_seconds", 3600.0, where, 1.0),
        auth_retry_seconds=_number(s, "auth_retry_seconds", 300.0, where, 0.1),
        max_file_mb=_number(s, "max_file_mb", 100.0, where, 0.001),
        keep_days=_number(s, "keep_days", 90.0, where, 1.0),
        log_max_mb=_number(s, "log_max_mb", 5.0, where, 0.01),
        log_backups=int(_number(s, "log_backups", 5, where)),
        ca_file=ca_file,
        verify_tls=verify_tls,
    )


def _file_signature(path: Path | None) -> tuple:
    if path is None:
        return ()
    try:
        st = path.stat()
    except OSError:
        return (None,)
    return (st.st_mtime_ns, st.st_size)


def config_signature(config: Config) -> tuple:
    return (_file_signature(config.path), _file_signature(config.token_file))


# --------------------------------------------------------------------------------------------------
# Time, HTTP


class SystemClock:
    def time(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()


@dataclass
class Response:
    status: int
    headers: dict  # lower-case names
    body: bytes

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A POST must not be silently turned into a GET: a redirect is reported (as its 3xx answer)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class UrllibTransport:
    """HTTP with the standard library; every HTTP status is returned, only a missing answer raises."""

    def __init__(self, config: Config):
        context = ssl.create_default_context(cafile=config.ca_file or None)
        if not config.verify_tls:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _NoRedirect())

    def __call__(self, method: str, url: str, headers: dict, body: bytes | None, timeout: float) -> Response:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return Response(answer.status, _lower(answer.headers), answer.read())
        except urllib.error.HTTPError as exc:
            try:
                body = exc.read()
            except (OSError, http.client.HTTPException):
                body = b""
            return Response(exc.code, _lower(exc.headers), body)
        except urllib.error.URLError as exc:
            raise TransportError(str(exc.reason)) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise TransportError(f"{type(exc).__name__}: {exc}") from exc


def _lower(headers) -> dict:
    return {k.lower(): v for k, v in (headers.items() if headers is not None else [])}


def multipart_body(fields: dict, filename: str, data: bytes) -> tuple:
    """``(body, content type)`` of a multipart/form-data request with ``fields`` and one ``file``."""
    boundary = "il2agent" + uuid.uuid4().hex
    while boundary.encode() in data:
        boundary = "il2agent" + uuid.uuid4().hex
    # as browsers do (HTML spec): UTF-8 name, quotes and line breaks percent-encoded
    safe_name = filename.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{safe_name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def parse_retry_after(value, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = str(value).strip()
    if value.isdigit():
        return float(value)
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(0.0, email.utils.mktime_tz(parsed) - now)


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Exponential backoff with "equal jitter": the n-th retry waits between half and all of
    ``min(cap, base * 2**(n-1))``, so a fleet of agents that lost the portal together does not
    come back in step (M. Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015)."""
    ceiling = min(cap, base * (2.0 ** min(max(attempt, 1) - 1, 40)))
    return ceiling / 2.0 + rng.uniform(0.0, ceiling / 2.0)


@dataclass
class Outcome:
    """What one answer of the portal means for the file and for the agent."""

    kind: str  # done | refused | auth | config | retry_portal | retry_file | rekey
    status: int | None = None
    code: str = ""
    message: str = ""
    detail: dict = field(default_factory=dict)
    plates: list = field(default_factory=list)
    duplicate: bool = False
    replayed: bool = False
    retry_after: float | None = None


def _error_of(body) -> tuple:
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        detail = error.get("detail")
        return (
            str(error.get("code") or ""),
            str(error.get("message") or ""),
            detail if isinstance(detail, dict) else {},
        )
    if isinstance(body, dict) and "detail" in body:
        return "", str(body["detail"]), {}
    return "", "", {}


def classify(response: Response, now: float) -> Outcome:
    """Map an HTTP answer to an :class:`Outcome` (API.md "Plates" and "Conventions")."""
    status = response.status
    body = response.json()
    code, message, detail = _error_of(body)
    if not message:
        text = response.body[:300].decode("utf-8", "replace").strip()
        message = " ".join(text.split()) or http.client.responses.get(status, "")
    retry_after = parse_retry_after(response.headers.get("retry-after"), now)
    base = {"status": status, "code": code, "message": message, "detail": detail, "retry_after": retry_after}

    if status in (200, 201):
        if isinstance(body, dict) and isinstance(body.get("plates"), list):
            plates = [p.get("id") for p in body["plates"] if isinstance(p, dict)]
        elif isinstance(body, dict) and "id" in body:
            plates = [body.get("id")]
        else:
            return Outcome(
                "config",
                status=status,
                message=f"answered {status} but not with a plate (is portal_url the portal's address?): {message}",
            )
        duplicate = bool(body.get("duplicate"))
        replayed = str(response.headers.get("idempotent-replayed", "")).lower() == "true"
        return Outcome("done", status=status, plates=plates, duplicate=duplicate, replayed=replayed)
    if 300 <= status < 400:
        where = response.headers.get("location", "?")
        message = f"answered a redirect ({status}) to {where}: set portal_url to the address it redirects to"
        return Outcome("config", status=status, message=message)
    if status in (401, 403):
        return Outcome("auth", **base)
    if status == 400:
        if code in FILE_ERROR_CODES:
            return Outcome("refused", **base)
        if code == "validation_error" and detail and set(detail) <= set(CONFIG_FIELDS):
            return Outcome("config", **base)
        if code == "validation_error" and not detail and message.split(":")[0].strip() in CONFIG_FIELDS:
            return Outcome("config", **base)
        return Outcome("refused", **base)
    if status in (404, 405):
        return Outcome("config", **dict(base, message=f"{message} (is portal_url right?)"))
    if status == 409:
        if code == "idempotency_key_stale":
            return Outcome("rekey", **base)
        return Outcome("retry_file", **base)  # idempotency_key_in_progress: its first request still runs
    if status == 422 and code == "idempotency_key_reused":
        return Outcome("rekey", **base)
    if status in (408, 429, 502, 503, 504):
        return Outcome("retry_portal", **base)
    if status >= 500:
        return Outcome("retry_file", **base)
    return Outcome("refused", **base)  # 413 by a proxy, 415, other 4xx: this request will not succeed


# --------------------------------------------------------------------------------------------------
# Journal (the queue)

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    state TEXT NOT NULL,                -- queued | done | failed | gone | changed
    finished INTEGER NOT NULL DEFAULT 0,  -- 1 once moved, marked or forgotten
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL DEFAULT 0,
    http_status INTEGER,
    error_code TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}',
    plates TEXT NOT NULL DEFAULT '[]',
    duplicate INTEGER NOT NULL DEFAULT 0,
    final_path TEXT,
    queued_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS files_unfinished ON files (finished, state, next_attempt);
CREATE INDEX IF NOT EXISTS files_path ON files (path);
"""


class Journal:
    """The queue, in SQLite: each write is one transaction, synced to disk before it returns."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def add(self, *, path: Path, sha256: str, size: int, mtime_ns: int, now: float, state="queued", **extra):
        key = f"{sha256 or 'unread'}-{uuid.uuid4().hex[:8]}"
        columns = {
            "path": str(path),
            "name": path.name,
            "sha256": sha256,
            "size": size,
            "mtime_ns": mtime_ns,
            "idempotency_key": key,
            "state": state,
            "queued_at": now,
            "updated_at": now,
            **extra,
        }
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        cur = self.db.execute(f"INSERT INTO files ({names}) VALUES ({marks})", tuple(columns.values()))
        return cur.lastrowid

    def update(self, row_id: int, now: float, **values) -> None:
        values["updated_at"] = now
        sets = ", ".join(f"{k} = ?" for k in values)
        self.db.execute(f"UPDATE files SET {sets} WHERE id = ?", (*values.values(), row_id))

    def get(self, row_id: int):
        return self.db.execute("SELECT * FROM files WHERE id = ?", (row_id,)).fetchone()

    def next_due(self, now: float):
        return self.db.execute(
            "SELECT * FROM files WHERE finished = 0 AND state = 'queued' AND next_attempt <= ? "
            "ORDER BY id LIMIT 1",  # oldest first: files reach the portal in the order they were made
            (now,),
        ).fetchone()

    def next_attempt_at(self) -> float | None:
        row = self.db.execute(
            "SELECT MIN(next_attempt) FROM files WHERE finished = 0 AND state = 'queued'"
        ).fetchone()
        return row[0]

    def to_finish(self) -> list:
        return self.db.execute(
            "SELECT * FROM files WHERE finished = 0 AND state IN ('done', 'failed') ORDER BY id"
        ).fetchall()

    def unfinished_paths(self) -> set:
        return {r[0] for r in self.db.execute("SELECT path FROM files WHERE finished = 0")}

    def queued_count(self) -> int:
        return self.db.execute(
            "SELECT COUNT(*) FROM files WHERE finished = 0 AND state = 'queued'"
        ).fetchone()[0]

    def counts(self) -> dict:
        rows = self.db.execute("SELECT state, finished, COUNT(*) FROM files GROUP BY state, finished")
        out: dict = {}
        for state, finished, n in rows:
            key = f"{state}_not_moved" if state in ("done", "failed") and not finished else state
            out[key] = out.get(key, 0) + n
        return out

    def prune(self, before: float) -> int:
        return self.db.execute("DELETE FROM files WHERE finished = 1 AND updated_at < ?", (before,)).rowcount


# --------------------------------------------------------------------------------------------------
# Files


def sha256_of(path: Path) -> tuple:
    """``(hex digest, bytes read)`` reading in 1 MiB chunks."""
    digest = hashlib.sha256()
    n = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            n += len(chunk)
    return digest.hexdigest(), n


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file, synced, then renamed over the target."""
    tmp = path.with_name(path.name + TMP_SUFFIX)
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _same_place(a: Path, b: Path) -> bool:
    return os.path.normcase(os.path.abspath(str(a))) == os.path.normcase(os.path.abspath(str(b)))


def _free_name(path: Path) -> Path:
    """``path`` or, when it (or its sidecar) exists, ``name (2).ext``, ``name (3).ext``, ..."""
    candidate, n = path, 1
    while candidate.exists() or candidate.with_name(candidate.name + FAILED_SUFFIX).exists():
        n += 1
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
    return candidate


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


def _utc(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def _size(n: float) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000.0
    return f"{n} bytes"


@dataclass
class _Watch:
    """What the agent saw of a file that is not yet queued."""

    signature: tuple
    stable_since: float
    first_seen: float
    changes: int = 0
    last_warned: float = 0.0
    locked_logged: bool = False


@dataclass
class Pause:
    kind: str  # auth | config
    reason: tuple  # (kind, status, code, message): a new reason is logged as an error again
    since: float
    retry_at: float


# --------------------------------------------------------------------------------------------------
# The agent


class Agent:
    """One pass of :meth:`step` looks at the folder, finishes uploaded files and sends due ones.

    ``clock`` (``time()`` and ``monotonic()``), ``transport`` (``(method, url, headers, body,
    timeout) -> Response``) and ``rng`` are replaceable for tests.
    """

    def __init__(self, config: Config, *, clock=None, transport=None, rng=None):
        self.config = config
        self.clock = clock or SystemClock()
        self._own_transport = transport is None
        self.transport = transport or UrllibTransport(config)
        self.rng = rng or random.Random()
        self.journal = Journal(config.state_dir / "queue.sqlite3")
        self.watches: dict = {}
        self.markers: dict = {}  # path -> (size, mtime_ns) for files carrying our marker
        self.portal_wait_until = 0.0
        self.portal_failures = 0
        self.pause: Pause | None = None
        self.stop_event = threading.Event()
        self.reload_requested = False
        self._signature = config_signature(config)
        self._warned: dict = {}
        self._last_prune = 0.0
        self._watch_dir_missing = False

    # ---- the loop

    def run_forever(self) -> None:
        c = self.config
        log.info(
            "il2 folder agent %s (Python %s) watching %s, sending to %s; %s waiting from before",
            VERSION,
            platform.python_version(),
            c.watch_dir,
            c.portal_url,
            _files(self.journal.queued_count()),
        )
        while not self.stop_event.is_set():
            try:
                busy = self.step()
            except Exception:  # a full disk, a locked journal: say so and go on, the queue is intact
                log.exception("unexpected error; trying again in %g s", max(self.config.poll_seconds, 5.0))
                self.stop_event.wait(max(self.config.poll_seconds, 5.0))
                continue
            self.stop_event.wait(0.0 if busy else self.idle_seconds())
        log.info("stopped; %s in the queue for the next start", _files(self.journal.queued_count()))

    def step(self) -> bool:
        """One pass; True when more uploads are due right away."""
        self.maybe_reload()
        self.prune()
        self.scan()
        self.finish_all()
        return self.upload_due(budget_seconds=self.config.poll_seconds)

    def idle_seconds(self) -> float:
        wait = self.config.poll_seconds
        due = self.journal.next_attempt_at()
        if due is not None and self.pause is None:
            wait = min(wait, max(0.0, max(due, self.portal_wait_until) - self.clock.time()))
        return max(wait, 0.01)

    def close(self) -> None:
        self.journal.close()

    # ---- configuration

    def maybe_reload(self) -> None:
        if self.config.path is None:
            return
        signature = config_signature(self.config)
        if signature == self._signature and not self.reload_requested:
            return
        self._signature = signature
        self.reload_requested = False
        try:
            new = load_config(self.config.path)
        except ConfigError as exc:
            log.error("configuration changed but was not applied (the previous one stays in force): %s", exc)
            return
        old = self.config
        for key in ("state_dir", "log_file"):
            if getattr(new, key) != getattr(old, key):
                log.warning("%s changed in the configuration: restart the agent to use it", key)
                setattr(new, key, getattr(old, key))
        changed = [k for k in Config.__dataclass_fields__ if getattr(new, k) != getattr(old, k)]
        self.config = new
        if not changed:
            return
        log.info("configuration reloaded from %s (changed: %s)", new.path, ", ".join(changed))
        if new.connection_settings() != old.connection_settings():
            if self._own_transport:
                self.transport = UrllibTransport(new)
            self.portal_wait_until = 0.0
            self.portal_failures = 0
            if self.pause is not None:
                log.info(
                    "uploads resume with the new settings (%s waiting)", _files(self.journal.queued_count())
                )
                self.pause = None

    # ---- watching the folder

    def _ignored(self, name: str) -> bool:
        low = name.lower()
        if any(fnmatch.fnmatchcase(low, p.lower()) for p in ALWAYS_IGNORE + tuple(self.config.ignore)):
            return True
        return not any(fnmatch.fnmatchcase(low, p.lower()) for p in self.config.include)

    def _excluded_dirs(self) -> list:
        c = self.config
        return [c.done_dir, c.failed_dir, c.state_dir, c.log_file.parent]

    def candidates(self):
        """Files in the watched folder (and its subfolders when ``recursive``), ours excluded."""
        excluded = self._excluded_dirs()
        pending = [self.config.watch_dir]
        while pending:
            folder = pending.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                if _same_place(folder, self.config.watch_dir):
                    raise
                self._warn_once(("dir", str(folder)), "cannot read the folder %s: %s", folder, exc)
                continue
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        path = Path(entry.path)
                        if (
                            self.config.recursive
                            and not entry.name.startswith(".")
                            and not any(_same_place(path, d) for d in excluded)
                        ):
                            pending.append(path)
                        continue
                    if not entry.is_file() or self._ignored(entry.name):
                        continue
                    # os.stat, not the directory entry's cached numbers: on Windows a directory lists
                    # the size of a file that is still open for writing late
                    yield Path(entry.path), os.stat(entry.path)
                except OSError:
                    continue  # vanished while we looked

    def scan(self) -> None:
        c = self.config
        now = self.clock.monotonic()
        try:
            found = list(self.candidates())
        except OSError as exc:
            if not self._watch_dir_missing:
                log.error(
                    "cannot read the watched folder %s (%s); trying again every %g s",
                    c.watch_dir,
                    exc,
                    c.poll_seconds,
                )
            self._watch_dir_missing = True
            return
        if self._watch_dir_missing:
            log.info("the watched folder %s can be read again", c.watch_dir)
            self._watch_dir_missing = False
        in_queue = self.journal.unfinished_paths()
        seen = set()
        for path, st in found:
            key = str(path)
            seen.add(key)
            if key in in_queue:
                continue
            signature = (st.st_size, st.st_mtime_ns)
            if c.after_upload == "marker" and self._has_marker(path, signature):
                continue
            watch = self.watches.get(key)
            if watch is None:
                self.watches[key] = _Watch(signature, stable_since=now, first_seen=now)
                continue
            if watch.signature != signature:
                self._changed(path, watch, signature, now)
                continue
            if now - watch.stable_since < c.settle_seconds:
                continue
            if self._queue(path, st, watch):
                del self.watches[key]
        for key in set(self.watches) - seen:
            del self.watches[key]  # removed or renamed before it settled (e.g. a temporary name)

    def _changed(self, path: Path, watch: _Watch, signature: tuple, now: float) -> None:
        c = self.config
        if watch.changes == 0:
            log.info(
                "%s is being written (%s, was %s); it is sent once it has not changed for %g s",
                path.name,
                _size(signature[0]),
                _size(watch.signature[0]),
                c.settle_seconds,
            )
            watch.last_warned = now
        elif now - watch.last_warned >= c.growing_warn_seconds:
            log.warning(
                "%s keeps changing (%s now, still changing after %.0f min): not sent while it changes. "
                "If the instrument keeps it open (a long kinetic read), it is sent when the read ends.",
                path.name,
                _size(signature[0]),
                (now - watch.first_seen) / 60.0,
            )
            watch.last_warned = now
        watch.changes += 1
        watch.signature = signature
        watch.stable_since = now

    def _queue(self, path: Path, st, watch: _Watch) -> bool:
        """Hash a settled file and record it in the journal; False to look again later."""
        c = self.config
        now = self.clock.time()
        limit = c.max_file_mb * 1e6
        if st.st_size > limit:
            self.journal.add(
                path=path, sha256="", size=st.st_size, mtime_ns=st.st_mtime_ns, now=now, state="failed",
                error_code="file_too_large",
                message=f"{path.name} is {_size(st.st_size)}; this agent sends files up to max_file_mb = {c.max_file_mb:g} MB.",
            )  # fmt: skip
            log.warning(
                "%s is %s, over max_file_mb = %g: not sent", path.name, _size(st.st_size), c.max_file_mb
            )
            return True
        try:
            digest, n = sha256_of(path)
            after = path.stat()
        except FileNotFoundError:
            return True
        except PermissionError as exc:
            if not watch.locked_logged:
                log.info("%s is locked by another program (%s); waiting", path.name, exc.strerror or exc)
                watch.locked_logged = True
            return False
        except OSError as exc:
            self._warn_once(("read", str(path)), "cannot read %s: %s; trying again", path.name, exc)
            return False
        if (after.st_size, after.st_mtime_ns) != (st.st_size, st.st_mtime_ns) or n != st.st_size:
            watch.signature = (after.st_size, after.st_mtime_ns)
            watch.stable_since = self.clock.monotonic()
            return False
        self.journal.add(path=path, sha256=digest, size=n, mtime_ns=st.st_mtime_ns, now=now)
        log.info("queued %s (%s, sha256 %s)", path.name, _size(n), digest[:12])
        return True

    def _has_marker(self, path: Path, signature: tuple) -> bool:
        key = str(path)
        if self.markers.get(key) == signature:
            return True
        for suffix in (UPLOADED_SUFFIX, FAILED_SUFFIX):
            marker = path.with_name(path.name + suffix)
            try:
                text = marker.read_text(encoding="utf-8")
            except OSError:
                continue
            values = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
            if (values.get("size"), values.get("mtime_ns")) == (str(signature[0]), str(signature[1])):
                self.markers[key] = signature
                return True
        return False

    # ---- uploading

    def upload_due(self, budget_seconds: float) -> bool:
        end = self.clock.monotonic() + budget_seconds
        while not self.stop_event.is_set():
            now = self.clock.time()
            if self.pause is not None:
                if now < self.pause.retry_at:
                    return False
            elif now < self.portal_wait_until:
                return False
            row = self.journal.next_due(now)
            if row is None:
                return False
            self.upload(row)
            self.finish_all()
            if self.clock.monotonic() >= end:
                return self.journal.next_due(self.clock.time()) is not None
        return False

    def upload(self, row) -> None:
        c = self.config
        path = Path(row["path"])
        now = self.clock.time()
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.journal.update(
                row["id"], now, state="gone", finished=1, message="removed before it was sent"
            )
            log.warning("%s was removed from the folder before it was sent; forgotten", row["name"])
            return
        except OSError as exc:
            delay = backoff_delay(
                row["attempts"] + 1, c.backoff_base_seconds, c.backoff_max_seconds, self.rng
            )
            self.journal.update(
                row["id"], now, attempts=row["attempts"] + 1, next_attempt=now + delay, message=str(exc)
            )
            log.warning("cannot read %s (%s); trying again in %.0f s", row["name"], exc, delay)
            return
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            self.journal.update(
                row["id"], now, state="changed", finished=1, message="changed after it was queued"
            )
            log.warning(
                "%s changed after it was queued; it is queued again once it stops changing", row["name"]
            )
            return
        fields = {}
        if c.vendor:
            fields["vendor"] = c.vendor
        if c.lab:
            fields["lab"] = c.lab
        body, content_type = multipart_body(fields, row["name"], data)
        headers = {
            "Authorization": f"Token {c.token}",
            "Idempotency-Key": row["idempotency_key"],
            "Content-Type": content_type,
            "Accept": "application/json",
            "User-Agent": f"il2-folder-agent/{VERSION} Python/{platform.python_version()}",
        }
        started = self.clock.monotonic()
        try:
            response = self.transport("POST", c.upload_url, headers, body, c.timeout_seconds)
        except TransportError as exc:
            outcome = Outcome("retry_portal", message=f"the portal cannot be reached: {exc}")
        else:
            outcome = classify(response, self.clock.time())
        self.apply(row, outcome, self.clock.monotonic() - started)

    def apply(self, row, outcome: Outcome, elapsed: float) -> None:
        c = self.config
        now = self.clock.time()
        name = row["name"]
        kind = outcome.kind
        if kind != "retry_portal" and self.portal_failures:
            log.info("the portal answers again (after %s failed tries)", self.portal_failures)
            self.portal_failures = 0
            self.portal_wait_until = 0.0
        if kind in ("done", "refused", "retry_file", "rekey") and self.pause is not None:
            log.info("the portal accepts the agent again; uploads resume")
            self.pause = None

        if kind == "done":
            self.journal.update(
                row["id"], now, state="done", http_status=outcome.status, plates=json.dumps(outcome.plates),
                duplicate=int(outcome.duplicate), message="", attempts=row["attempts"] + 1,
            )  # fmt: skip
            plates = ", ".join(str(p) for p in outcome.plates)
            label = "plate" if len(outcome.plates) == 1 else "plates"
            if outcome.duplicate:
                log.info("%s is already in the portal (%s %s, duplicate): done", name, label, plates)
            else:
                replay = ", the portal's earlier answer replayed" if outcome.replayed else ""
                log.info(
                    "uploaded %s -> %s %s (%s, %.1f s%s)",
                    name,
                    label,
                    plates,
                    outcome.status,
                    elapsed,
                    replay,
                )
            return
        if kind == "refused":
            self.journal.update(
                row["id"], now, state="failed", http_status=outcome.status, error_code=outcome.code,
                message=outcome.message, detail=json.dumps(outcome.detail), attempts=row["attempts"] + 1,
            )  # fmt: skip
            log.warning(
                "the portal refused %s (%s %s): %s",
                name,
                outcome.status,
                outcome.code or "error",
                outcome.message,
            )
            return
        if kind in ("auth", "config"):
            self._pause(kind, outcome, now)
            return
        if kind == "rekey":
            key = f"{row['sha256']}-{uuid.uuid4().hex[:8]}"
            self.journal.update(row["id"], now, idempotency_key=key, attempts=row["attempts"] + 1)
            log.info(
                "%s: the portal no longer replays this upload's key (%s); sending with a new key",
                name,
                outcome.code,
            )
            return

        attempts = row["attempts"] + 1
        if kind == "retry_portal":
            self.portal_failures += 1
            n = self.portal_failures
        else:
            n = attempts
        if outcome.retry_after is not None:
            delay = min(outcome.retry_after, c.retry_after_max_seconds) + self.rng.uniform(
                0, c.backoff_base_seconds
            )
        else:
            delay = backoff_delay(n, c.backoff_base_seconds, c.backoff_max_seconds, self.rng)
        if kind == "retry_portal":
            # the whole portal waits; the file keeps its place at the head of the queue
            self.portal_wait_until = now + delay
        what = f"{outcome.status} {outcome.code}".strip() if outcome.status else ""
        message = f"{what}: {outcome.message}" if what else outcome.message
        next_attempt = row["next_attempt"] if kind == "retry_portal" else now + delay
        self.journal.update(
            row["id"], now, attempts=attempts, next_attempt=next_attempt, http_status=outcome.status,
            error_code=outcome.code, message=message,
        )  # fmt: skip
        if kind == "retry_portal":
            log.warning(
                "%s not sent: %s; %s in the queue; next try in %.1f s%s",
                name, message, _files(self.journal.queued_count()), delay,
                " (Retry-After)" if outcome.retry_after is not None else "",
            )  # fmt: skip
        else:
            log.warning("%s not sent (try %s): %s; trying it again in %.1f s", name, attempts, message, delay)

    def _pause(self, kind: str, outcome: Outcome, now: float) -> None:
        c = self.config
        retry_at = now + c.auth_retry_seconds
        waiting = _files(self.journal.queued_count())
        where = c.path or "the configuration file"
        if kind == "auth" and outcome.status == 401:
            text = (
                f"The portal refused the instrument token (401: {outcome.message}). Uploads are paused and "
                f"the queue is kept ({waiting} waiting). Ask a lab admin for a new instrument token "
                f"(portal: Members & tokens) and put it in {where} (token = ...): the agent notices the "
                f"change and resumes. It also tries again every {c.auth_retry_seconds:g} s."
            )
        elif kind == "auth":
            text = (
                f"The portal does not let this token upload plates (403: {outcome.message}). Uploads are "
                f"paused and the queue is kept ({waiting} waiting). Use an instrument token of the "
                f"lab in {where}; the agent tries again every {c.auth_retry_seconds:g} s."
            )
        else:
            code = f" {outcome.code}" if outcome.code else ""
            text = (
                f"The portal did not accept the agent's settings ({outcome.status}{code}: {outcome.message}). "
                f"Uploads are paused and the queue is kept ({waiting} waiting). Fix {where}: the agent "
                f"notices the change and resumes. It also tries again every {c.auth_retry_seconds:g} s."
            )
        reason = (kind, outcome.status, outcome.code, outcome.message)
        if self.pause is None or self.pause.reason != reason:
            log.error("%s", text)
        else:
            log.warning("still refused (%s); uploads stay paused, %s waiting", outcome.status, waiting)
        self.pause = Pause(kind, reason, since=now, retry_at=retry_at)

    # ---- after the answer: move or mark

    def finish_all(self) -> None:
        for row in self.journal.to_finish():
            self.finish(row)

    def finish(self, row) -> None:
        c = self.config
        now = self.clock.time()
        src = Path(row["path"])
        failed = row["state"] == "failed"
        try:
            st = src.stat()
            present = True
        except FileNotFoundError:
            st, present = None, False
        except OSError as exc:
            self._warn_once(("finish", row["id"]), "cannot look at %s to move it: %s", row["name"], exc)
            return
        if present and (st.st_size, st.st_mtime_ns) != (row["size"], row["mtime_ns"]):
            # a new export under the same name: leave it for the watcher, it is another file
            self.journal.update(row["id"], now, finished=1, final_path=None)
            log.info("%s was replaced after it was sent; the new content is sent as a new file", row["name"])
            return
        try:
            if c.after_upload == "marker":
                final = self._mark(src, row, failed, present)
            else:
                final = self._move(src, row, failed, present)
        except OSError as exc:
            self._warn_once(
                ("finish", row["id"]),
                "%s was %s but cannot be %s yet (%s); trying again",
                row["name"],
                "refused" if failed else "uploaded",
                "marked" if c.after_upload == "marker" else "moved",
                exc,
            )
            return
        self.journal.update(row["id"], now, finished=1, final_path=str(final) if final else None)
        if failed and final is not None:
            log.info("%s -> %s (the reason is in %s)", row["name"], final, final.name + FAILED_SUFFIX)

    def _note(self, row, failed: bool) -> str:
        c = self.config
        now = self.clock.time()
        lines = [
            f"IL-2 Portal folder agent {VERSION}",
            f"file: {row['name']}",
            f"sha256: {row['sha256']}",
            f"size: {row['size']}",
            f"mtime_ns: {row['mtime_ns']}",
            f"portal: {c.portal_url}",
            f"at: {_utc(now)}",
        ]
        if failed:
            detail = json.loads(row["detail"] or "{}")
            lines[1:1] = ["result: REFUSED (not uploaded; not retried)"]
            lines += [
                f"http_status: {row['http_status'] if row['http_status'] is not None else '-'}",
                f"error: {row['error_code'] or '-'}",
                f"message: {row['message']}",
            ]
            if detail:
                lines.append(f"detail: {json.dumps(detail, sort_keys=True)}")
            if detail.get("import_id"):
                lines.append(
                    f"import: {c.portal_url}/api/v1/imports/{detail['import_id']}/ (the portal keeps the "
                    "refused upload there; it can be retried with another vendor)"
                )
            lines.append(
                "To send it again (e.g. after setting vendor in the agent's configuration), move the file "
                "back into the watched folder"
                + (" and delete this file." if c.after_upload == "marker" else ".")
            )
        else:
            plates = json.loads(row["plates"] or "[]")
            lines[1:1] = [
                "result: uploaded" + (" (already in the portal: duplicate)" if row["duplicate"] else "")
            ]
            lines.append("plates: " + ", ".join(f"{c.portal_url}/api/v1/plates/{p}/" for p in plates))
        return "\n".join(lines) + "\n"

    def _mark(self, src: Path, row, failed: bool, present: bool):
        if not present:
            log.warning("%s was removed from the folder before it could be marked", row["name"])
            return None
        suffix, other = (FAILED_SUFFIX, UPLOADED_SUFFIX) if failed else (UPLOADED_SUFFIX, FAILED_SUFFIX)
        marker = src.with_name(src.name + suffix)
        write_atomic(marker, self._note(row, failed))
        try:
            src.with_name(src.name + other).unlink()
        except FileNotFoundError:
            pass
        self.markers[str(src)] = (row["size"], row["mtime_ns"])
        return marker

    def _move(self, src: Path, row, failed: bool, present: bool):
        c = self.config
        if row["final_path"]:
            dest = Path(row["final_path"])
        else:
            target = c.failed_dir if failed else c.done_dir
            try:
                relative = src.parent.relative_to(c.watch_dir)
            except ValueError:
                relative = Path()
            dest = _free_name(target / relative / src.name)
            self.journal.update(row["id"], self.clock.time(), final_path=str(dest))  # same name after a crash
        if not present and not dest.exists():
            log.warning("%s was removed from the folder before it could be moved", row["name"])
            return None
        if present and dest.exists():  # something else took the name since it was chosen
            dest = _free_name(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if failed:
            write_atomic(dest.with_name(dest.name + FAILED_SUFFIX), self._note(row, failed))
        if present:
            shutil.move(str(src), str(dest))
        return dest

    # ---- housekeeping

    def prune(self) -> None:
        now = self.clock.time()
        if now - self._last_prune < 86400:
            return
        self._last_prune = now
        removed = self.journal.prune(now - self.config.keep_days * 86400)
        if removed:
            log.info(
                "forgot %s finished files older than %g days from the journal", removed, self.config.keep_days
            )

    def _warn_once(self, key, message: str, *args) -> None:
        """Log a recurring problem once, then at most every 10 minutes."""
        now = self.clock.monotonic()
        last = self._warned.get(key)
        if last is None or now - last >= 600:
            log.warning(message, *args)
            self._warned[key] = now


# --------------------------------------------------------------------------------------------------
# Command line


class InstanceLock:
    """One agent per state folder (an OS lock, released when the process ends, even if killed)."""

    def __init__(self, state_dir: Path):
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / "agent.lock"
        self.fh = open(self.path, "a+")  # held for the process's lifetime
        try:
            if os.name == "nt":
                import msvcrt

                self.fh.seek(0)
                msvcrt.locking(self.fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.fh.close()
            raise AgentError(f"another agent is already running with the state folder {state_dir}") from None
        (state_dir / "agent.pid").write_text(f"{os.getpid()}\n")  # for people; the lock is the OS's

    def release(self) -> None:
        self.fh.close()


def setup_logging(config: Config, *, console: bool = True) -> None:
    config.log_file.parent.mkdir(parents=True, exist_ok=True)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    handler = logging.handlers.RotatingFileHandler(
        str(config.log_file),
        maxBytes=int(config.log_max_mb * 1e6),
        backupCount=config.log_backups,
        encoding="utf-8",
    )
    handler.setFormatter(formatter)
    log.handlers[:] = [handler]
    if console and sys.stderr is not None:  # pythonw.exe (Task Scheduler) has no console at all
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        log.addHandler(stream)
    log.setLevel(logging.INFO)
    log.propagate = False


def _default_config() -> Path:
    return Path(os.environ.get("IL2_AGENT_CONFIG") or Path(__file__).resolve().parent / "agent.ini")


def command_run(config: Config, args) -> int:
    setup_logging(config, console=not args.quiet)
    try:
        lock = InstanceLock(config.state_dir)
    except AgentError as exc:
        log.error("%s", exc)
        return 3
    agent = Agent(config)

    def stop(signum, frame):
        log.info("stopping (signal %s)", signum)
        agent.stop_event.set()

    def reload(signum, frame):
        agent.reload_requested = True

    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, reload)
    try:
        agent.run_forever()
    finally:
        agent.close()
        lock.release()
    return 0


def command_status(config: Config, args) -> int:
    path = config.state_dir / "queue.sqlite3"
    if not path.exists():
        print(f"no journal yet at {path}: the agent has not run with this configuration")
        return 0
    journal = Journal(path)
    try:
        counts = journal.counts()
        waiting = [
            dict(r)
            for r in journal.db.execute(
                "SELECT name, attempts, next_attempt, message FROM files "
                "WHERE finished = 0 AND state = 'queued' ORDER BY id"
            )
        ]
        failed = [
            dict(r)
            for r in journal.db.execute(
                "SELECT name, error_code, message, final_path, updated_at FROM files "
                "WHERE state = 'failed' ORDER BY id DESC LIMIT 20"
            )
        ]
    finally:
        journal.close()
    if args.json:
        print(json.dumps({"counts": counts, "waiting": waiting, "failed": failed}, indent=1))
        return 0
    print(f"journal: {path}")
    print("files: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))
    for r in waiting:
        when = _utc(r["next_attempt"]) if r["next_attempt"] else "now"
        print(f"  waiting: {r['name']} (tries {r['attempts']}, next {when}) {r['message']}")
    for r in failed:
        print(f"  refused: {r['name']} {r['error_code']}: {r['message']}")
    return 0


def command_check(config: Config, args) -> int:
    """Check the folders and the token against the portal (reads only; uploads nothing)."""
    ok = True
    print(f"configuration: {config.path}")
    print(f"portal: {config.portal_url}")
    if config.watch_dir.is_dir():
        probe = config.watch_dir / ("il2-agent-check" + TMP_SUFFIX)
        try:
            probe.write_bytes(b"")
            probe.unlink()
            print(f"watched folder: {config.watch_dir} (readable and writable)")
        except OSError as exc:
            ok = False
            print(
                f"PROBLEM: the watched folder {config.watch_dir} is not writable ({exc}); the agent moves files"
            )
    else:
        ok = False
        print(f"PROBLEM: the watched folder {config.watch_dir} does not exist")
    transport = UrllibTransport(config)
    headers = {"Authorization": f"Token {config.token}", "Accept": "application/json"}
    try:
        answer = transport("GET", config.portal_url + "/api/v1/labs/", headers, None, config.timeout_seconds)
    except TransportError as exc:
        print(f"PROBLEM: the portal cannot be reached: {exc}")
        return 1
    body = answer.json()
    if answer.status == 200 and isinstance(body, dict):
        labs = ", ".join(f"{lab.get('name')} (id {lab.get('id')})" for lab in body.get("results", []))
        print(f"token: accepted; lab: {labs or 'none'}")
    else:
        ok = False
        print(
            f"PROBLEM: the portal answered {answer.status} to the token: {classify(answer, time.time()).message}"
        )
    if config.vendor:
        answer = transport(
            "GET", config.portal_url + "/api/v1/plates/formats/", headers, None, config.timeout_seconds
        )
        keys = [f.get("key") for f in answer.json() or [] if isinstance(f, dict)]
        if answer.status == 200 and config.vendor not in keys:
            ok = False
            print(f"PROBLEM: vendor = {config.vendor} is not a format of this portal: {', '.join(keys)}")
    print("ok" if ok else "problems found")
    return 0 if ok else 1


def main(argv=None) -> int:
    config_help = "configuration file (default: $IL2_AGENT_CONFIG, else agent.ini next to this program)"
    # --config is accepted before and after the command; the command's copy does not reset the other
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-c", "--config", type=Path, default=argparse.SUPPRESS, help=config_help)
    parser = argparse.ArgumentParser(
        prog="il2_folder_agent",
        description="Send a plate reader's exports from a folder to the IL-2 Portal, each exactly once.",
    )
    parser.add_argument("-c", "--config", type=Path, default=None, help=config_help)
    parser.add_argument("--version", action="version", version=VERSION)
    sub = parser.add_subparsers(dest="command", metavar="{run,check,status}")
    run = sub.add_parser("run", parents=[common], help="watch and upload until stopped (the default)")
    run.add_argument(
        "-q", "--quiet", action="store_true", help="log to the log file only, not to the console"
    )
    sub.add_parser("check", parents=[common], help="check the configuration, folders and token, then exit")
    status = sub.add_parser("status", parents=[common], help="show the queue and recent refusals")
    status.add_argument("--json", action="store_true", help="as JSON")
    args = parser.parse_args(argv)
    command = args.command or "run"
    args.quiet = getattr(args, "quiet", False)
    try:
        config = load_config(args.config or _default_config())
    except ConfigError as exc:
        print(f"il2_folder_agent: {exc}", file=sys.stderr)
        return 2
    return {"run": command_run, "check": command_check, "status": command_status}[command](config, args)


if __name__ == "__main__":
    sys.exit(main())
