"""No 500 for any input: every API operation in the OpenAPI schema and every page is sent hostile values
(huge and negative ids, 2**70, NaN/Infinity, 1e400, strings where numbers go, deep nesting, empty
bodies, wrong content types, NUL, lone surrogates, out-of-range offsets and dates) and must answer
below 500. On PostgreSQL (DATABASE_URL set) this also covers what SQLite lets through (NUL in text,
integers beyond 64 bits).
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

import tests.studies.factories  # noqa: F401  (registers the factories)
from tests import factories

pytestmark = pytest.mark.django_db

HUGE = 2**70
VALUES = [
    None,
    "",
    "x",
    -1,
    HUGE,
    1e308,
    "NaN",
    "1e400",
    "\x00",
    "a\x00b",
    "\ud800",
    "🧪" * 50,
    "x" * 5000,
    [],
    {},
    {"a": {"b": {"c": []}}},
    True,
    "2026-01-01T00:00:00+17:00",
    "9999-12-31T23:59:59-01:00",
    "0001-01-01",
    "B3/../",
]
QUERY_VALUES = [
    "-1",
    str(HUGE),
    "x",
    "NaN",
    "\x00",
    "2026-01-01T00:00:00+17:00",
    "2026-01-01T00:00:00-25:00",
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00+01:00",
    "99999-01-01",
    "2026-02-30",
    "1e400",
    "",
]
FORM_VALUES = ["\x00x", str(HUGE), "-1", "NaN", "1e400", "", "x" * 5000, "2026-02-30", "[{", "🧪", "a/b"]
RAW_BODIES = [
    ("application/json", b""),
    ("application/json", b"{"),
    ("application/json", b"NaN"),
    ("application/json", b'{"x": NaN}'),
    ("application/json", b'{"x": 1e400}'),
    ("application/json", b"[" * 900 + b"]" * 900),
    ("application/json", b"[" * 50_000 + b"]" * 50_000),
    ("application/json", b'"\\ud800"'),
    ("application/json", b"\xff\xfe\x00"),
    ("text/plain", b"hello"),
    ("application/xml", b"<a/>"),
    ("multipart/form-data; boundary=x", b"--x\r\nbroken"),
    ("application/x-www-form-urlencoded", b"a=%ff&b=" + b"c" * 100),
]


def _schema(api) -> dict:
    return api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()


def _resolve(schema: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    if isinstance(node, dict) and "allOf" in node and len(node["allOf"]) == 1:
        return _resolve(schema, node["allOf"][0])
    return node


def _plausible(schema: dict, prop: dict):
    prop = _resolve(schema, prop)
    if "enum" in prop:
        return prop["enum"][0]
    kind = prop.get("type")
    return {"integer": 1, "number": 1.5, "boolean": True, "array": [], "object": {}}.get(kind, "x")


def _body_variants(schema: dict, body_schema: dict):
    body_schema = _resolve(schema, body_schema)
    if body_schema.get("type") == "array":
        item = _resolve(schema, body_schema.get("items", {}))
        for base in _body_variants(schema, item):
            yield [base]
        return
    props = body_schema.get("properties", {})
    base = {k: _plausible(schema, v) for k, v in props.items() if not _resolve(schema, v).get("readOnly")}
    yield dict(base)
    for key in base:
        for value in VALUES:
            yield {**base, key: value}


class Recorder:
    """Counts requests and keeps each 500 with the exception behind it (the clients do not raise)."""

    def __init__(self, *clients):
        from django.core.signals import got_request_exception

        self.failures: list[str] = []
        self.tried = 0
        self.last_error = ""
        for client in clients:
            client.raise_request_exception = False
        got_request_exception.connect(self._record, weak=False)

    def _record(self, sender, request=None, **kwargs):
        import sys

        exc = sys.exc_info()[1]
        self.last_error = f"{type(exc).__name__}: {str(exc)[:160]}" if exc else "?"

    def check(self, response, what: str) -> None:
        self.tried += 1
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {what[:200]} -> {self.last_error}")
        self.last_error = ""


@pytest.fixture
def records(lab, user):
    """One record of every lab-owned model in the caller's lab, to aim detail URLs at."""
    made = {}
    for model, make in factories.FACTORIES.items():
        try:
            made[model.__name__] = make(lab)
        except Exception:  # noqa: BLE001 - a model whose factory needs more context is skipped
            continue
    return made


def _detail_ids(records) -> list[str]:
    """The caller's own record (pk 1 exists for every model made above), then ids that cannot exist."""
    return ["1", "-1", str(HUGE), "99999999999999999999999"]


def test_it_answers_every_api_operation_below_500_for_hostile_input(api, records):
    schema = _schema(api)
    rec = Recorder(api)
    ids = _detail_ids(records)
    for path, ops in schema["paths"].items():
        if path.endswith(("/schema/", "/docs/", "/redoc/")):
            continue
        urls = [re.sub(r"\{[^}]+\}", i, path) for i in ids] if "{" in path else [path]
        for method, op in ops.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            params = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
            body = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
            for n, url in enumerate(urls):
                if method == "get":
                    rec.check(api.get(url), f"GET {url}")
                    if n == 0:
                        for name in params:
                            for value in QUERY_VALUES:
                                rec.check(api.get(url, {name: value}), f"GET {url}?{name}={value!r}")
                    continue
                if method == "delete":
                    continue  # deletions are exercised on their own below
                for content_type, raw in RAW_BODIES if n == 0 else RAW_BODIES[:1]:
                    response = api.generic(method.upper(), url, raw, content_type=content_type)
                    rec.check(response, f"{method.upper()} {url} raw {content_type} {raw[:30]!r}")
                if body is None:
                    continue
                for variant in _body_variants(schema, body) if n == 0 else []:
                    payload = json.dumps(variant).encode("utf-8", "surrogatepass")
                    response = api.generic(method.upper(), url, payload, content_type="application/json")
                    rec.check(response, f"{method.upper()} {url} {json.dumps(variant)[:200]}")
    assert rec.tried > 3000
    assert not rec.failures, f"{len(rec.failures)} of {rec.tried} answered 500:\n" + "\n".join(
        rec.failures[:40]
    )


def test_it_deletes_or_refuses_every_record_below_500(api, records):
    rec = Recorder(api)
    schema = _schema(api)
    ids = _detail_ids(records)
    for path, ops in schema["paths"].items():
        if "delete" in ops and "{" in path:
            for i in ids:
                url = re.sub(r"\{[^}]+\}", i, path)
                rec.check(api.delete(url), f"DELETE {url}")
    assert not rec.failures, "\n".join(rec.failures)


def _pages() -> list[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in ("admin", "api"):
                    continue
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return list(walk(get_resolver()))


def test_it_answers_every_page_below_500_for_hostile_input(user, records):
    client = Client()
    client.force_login(user)
    rec = Recorder(client)
    ids = _detail_ids(records)
    for route in _pages():
        if route.startswith(("accounts/logout", "__")):
            continue
        urls = [route]
        for param in re.findall(r"<[^>]+>", route):
            if param.startswith("<int:"):
                urls = [u.replace(param, i, 1) for u in urls for i in ids]
            else:
                urls = [u.replace(param, v, 1) for u in urls for v in ("csv", "x%2Fy", "%00", "..", "🧪")]
        for url in urls:
            url = "/" + url.lstrip("^").rstrip("$")
            for value in QUERY_VALUES:
                query = {
                    k: value for k in ("day", "date", "lab", "page", "q", "status", "series", "read", "on")
                }
                rec.check(client.get(url, query), f"GET {url}?…={value!r}")
            page = client.get(url)
            rec.check(page, f"GET {url}")
            html = "" if page.streaming else page.content.decode("utf-8", "replace")
            buttons = set(re.findall(r'<button[^>]*\sname="([^"]+)"', html))
            names = set(re.findall(r'name="([^"]+)"', html)) - buttons - {"csrfmiddlewaretoken"}
            names |= {"name", "date", "day", "series", "lab", "reason", "kind", "plates", "layout"}
            for value in FORM_VALUES:
                for button in sorted(buttons) or [None]:
                    data = dict.fromkeys(names, value) | ({button: "1"} if button else {})
                    rec.check(client.post(url, data), f"POST {url} [{button}] all fields={value!r}")
    assert not rec.failures, f"{len(rec.failures)} of {rec.tried}:\n" + "\n".join(rec.failures[:40])


def test_it_answers_every_hostile_plate_upload_below_500(api, records):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rec = Recorder(api)
    good = b",1,2,3,4,5,6,7,8,9,10,11,12\n" + b"".join(
        bytes(f"{r}," + ",".join("0.5" for _ in range(12)) + "\n", "ascii") for r in "ABCDEFGH"
    )
    files = [
        ("plate.csv", good),
        ("empty.csv", b""),
        ("nul\x00name.csv", good),
        ("x" * 400 + ".csv", good),
        ("../../etc/passwd", good),
        ("🧪.xlsx", b"PK\x03\x04" + b"\x00" * 100),
        ("bin.dat", bytes(range(256)) * 10),
    ]
    for field in ("vendor", "name", "barcode", "layout", "lab"):
        for value in ("\x00", str(HUGE), "-1", "NaN", "x" * 5000, "🧪", ""):
            for filename, data in files[:2]:
                payload = {"file": SimpleUploadedFile(filename, data), field: value}
                response = api.post("/api/v1/plates/", payload, format="multipart")
                rec.check(response, f"POST plates {field}={value[:20]!r} file={filename!r}")
    for filename, data in files:
        response = api.post(
            "/api/v1/plates/", {"file": SimpleUploadedFile(filename, data)}, format="multipart"
        )
        rec.check(response, f"POST plates file={filename[:40]!r}")
    rec.check(api.post("/api/v1/plates/", {}, format="multipart"), "POST plates without a file")
    rec.check(
        api.post("/api/v1/plates/", {"file": "not a file"}, format="multipart"), "POST plates file=text"
    )
    assert not rec.failures, "\n".join(rec.failures[:40])
