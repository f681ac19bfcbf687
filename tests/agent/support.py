"""A fake clock and a fake portal for the folder agent's unit tests, and a config writer."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import random
from pathlib import Path

from agent import il2_folder_agent as fa


class FakeClock:
    def __init__(self):
        self.wall = 1_780_000_000.0
        self.mono = 1_000.0

    def time(self) -> float:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += seconds
        self.mono += seconds


def parse_multipart(body: bytes, content_type: str) -> tuple[dict, str, bytes]:
    """``(fields, filename, file bytes)`` of a multipart/form-data body, read with the email package."""
    message = email.message_from_bytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body, policy=email.policy.HTTP
    )
    fields, filename, data = {}, None, None
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if part.get_filename() is not None:
            filename, data = part.get_filename(), part.get_payload(decode=True)
        else:
            fields[name] = part.get_payload(decode=True).decode()
    return fields, filename, data


def answer(status: int, body=None, headers: dict | None = None) -> fa.Response:
    raw = json.dumps(body).encode() if body is not None else b""
    return fa.Response(status, {k.lower(): v for k, v in (headers or {}).items()}, raw)


def refusal(status: int, code: str, message: str = "refused", detail=None, headers=None) -> fa.Response:
    return answer(status, {"error": {"code": code, "message": message, "detail": detail or {}}}, headers)


class FakePortal:
    """Answers uploads as API.md says: 201 for new bytes, 200 ``duplicate`` for bytes the lab has,
    the first answer again for a repeated Idempotency-Key, 400 for an empty file or one starting
    with ``garbage``, 401 for a token other than ``token``. ``script`` holds answers (or exceptions
    to raise) given first, one per request, whatever was sent."""

    def __init__(self, token: str = "instrument-key"):
        self.token = token
        self.requests: list[dict] = []
        self.script: list = []
        self.plates: dict[str, int] = {}  # sha256 -> plate id
        self.answered: dict[str, fa.Response] = {}  # idempotency key -> first answer
        self.imports = 0

    def __call__(self, method, url, headers, body, timeout):
        fields, filename, data = parse_multipart(body, headers["Content-Type"])
        request = {"url": url, "headers": dict(headers), "fields": fields, "filename": filename, "data": data}
        self.requests.append(request)
        if self.script:
            item = self.script.pop(0)
            if isinstance(item, Exception):
                raise item
            if callable(item):
                return item(request)
            return item
        return self.respond(request)

    def respond(self, request) -> fa.Response:
        headers, data = request["headers"], request["data"]
        if headers.get("Authorization") != f"Token {self.token}":
            return refusal(401, "authentication_failed", "Invalid or revoked token.")
        key = headers.get("Idempotency-Key")
        if key in self.answered:
            first = self.answered[key]
            return fa.Response(first.status, {**first.headers, "idempotent-replayed": "true"}, first.body)
        if not data.strip():
            self.imports += 1
            response = refusal(
                400, "empty_file", f"{request['filename']} is empty.", {"import_id": self.imports}
            )
        elif data.startswith(b"garbage"):
            self.imports += 1
            response = refusal(
                400,
                "unrecognized_format",
                f"{request['filename']} is not a plate-reader export the portal knows.",
                {"import_id": self.imports},
            )
        else:
            sha = hashlib.sha256(data).hexdigest()
            duplicate = sha in self.plates
            if not duplicate:
                self.plates[sha] = len(self.plates) + 1
            plate = {"id": self.plates[sha], "sha256": sha, "original_filename": request["filename"]}
            response = answer(200 if duplicate else 201, {**plate, "duplicate": duplicate})
        self.answered[key] = response
        return response


def plate_bytes(n: int) -> bytes:
    """A small long-format CSV plate, distinct for each ``n``."""
    rng = random.Random(n)
    rows = ["well,value"] + [f"{r}{c},{rng.uniform(0.05, 3.5):.5f}" for r in "ABCDEFGH" for c in range(1, 13)]
    return ("\n".join(rows) + "\n").encode()


def write_config(folder: Path, **settings) -> Path:
    """An ``agent.ini`` in ``folder`` (watching ``folder/in``) with quick test timings."""
    values = {
        "portal_url": "http://portal.test",
        "token": "instrument-key",
        "watch_dir": "in",
        "settle_seconds": "5",
        "poll_seconds": "1",
        "backoff_base_seconds": "2",
        "backoff_max_seconds": "300",
        "auth_retry_seconds": "300",
        **{k: str(v) for k, v in settings.items()},
    }
    (folder / "in").mkdir(exist_ok=True)
    path = folder / "agent.ini"
    path.write_text("[agent]\n" + "".join(f"{k} = {v}\n" for k, v in values.items() if v != "None"))
    return path


def make_agent(folder: Path, portal, clock: FakeClock, **settings) -> fa.Agent:
    config = fa.load_config(write_config(folder, **settings))
    return fa.Agent(config, clock=clock, transport=portal, rng=random.Random(7))


def settle(agent: fa.Agent, clock: FakeClock, seconds: float | None = None) -> None:
    """Let the agent see the folder, wait out the settle period, and look again (queues and sends)."""
    agent.step()
    clock.advance(seconds if seconds is not None else agent.config.settle_seconds + 0.1)
    agent.step()
