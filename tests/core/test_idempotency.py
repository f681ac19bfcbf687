"""Idempotency-Key: what counts as the same request, large uploads, and a key still in use."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from assays.models import Plate
from il2portal.models import IdempotencyRecord, TestArticle
from tests.integration.servers import multipart

pytestmark = pytest.mark.django_db


def _plate_csv(pad: int = 0) -> bytes:
    lines = ["," + ",".join(str(c) for c in range(1, 13))]
    for r, row in enumerate("ABCDEFGH"):
        lines.append(row + "," + ",".join(f"{0.1 + 0.01 * (12 * r + c):.3f}" for c in range(12)))
    body = ("\n".join(lines) + "\n").encode()
    # padding as the comment lines some exports carry, each well below the readers' line-length limit
    return body + (b"#" + b" " * 1022 + b"\n") * (pad // 1024) + b" " * (pad % 1024)


def _post_multipart(api, fields, files, boundary, key="upload-1"):
    body, content_type = multipart(fields, files, boundary=boundary)
    return api.generic("POST", "/api/v1/plates/", body, content_type=content_type, HTTP_IDEMPOTENCY_KEY=key)


def test_it_replays_an_upload_retried_by_another_client_with_another_boundary(api):
    data = _plate_csv()
    first = _post_multipart(api, {"name": "P1"}, {"file": ("plate.csv", data)}, boundary="client-one-aaaa")
    again = _post_multipart(
        api, {"name": "P1"}, {"file": ("plate.csv", data)}, boundary="other-client-bbbbbb"
    )
    assert first.status_code == 201, first.json()
    assert again.status_code == 201, again.json()
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert Plate.objects.count() == 1


def test_it_still_refuses_the_key_for_other_file_bytes(api):
    _post_multipart(api, {}, {"file": ("plate.csv", _plate_csv())}, boundary="b1")
    other = _post_multipart(api, {}, {"file": ("plate.csv", _plate_csv(pad=3))}, boundary="b1")
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"


def test_it_treats_json_with_other_spacing_and_key_order_as_the_same_request(api):
    first = api.generic(
        "POST",
        "/api/v1/test-articles/",
        json.dumps({"name": "Aldesleukin", "kind": "il2_wild_type"}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="j1",
    )
    again = api.generic(
        "POST",
        "/api/v1/test-articles/",
        json.dumps({"kind": "il2_wild_type", "name": "Aldesleukin"}, indent=2),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="j1",
    )
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert TestArticle.objects.count() == 1


def test_it_accepts_an_upload_of_11_mb_with_a_key(api):
    data = _plate_csv(pad=11 * 1024 * 1024)
    response = _post_multipart(api, {}, {"file": ("big.csv", data)}, boundary="big-one")
    assert response.status_code == 201, response.content[:300]
    again = _post_multipart(api, {}, {"file": ("big.csv", data)}, boundary="big-two")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert Plate.objects.count() == 1


def test_it_answers_json_file_too_large_for_an_upload_over_the_limit_with_a_key(api, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    response = _post_multipart(api, {}, {"file": ("big.csv", _plate_csv(pad=2 * 1024 * 1024))}, boundary="x")
    assert response.status_code == 400  # API.md: file_too_large is a 400
    assert response.json()["error"]["code"] == "file_too_large"


def test_it_answers_json_for_a_json_body_over_the_limit_with_a_key(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post(
        "/api/v1/test-articles/",
        {"name": "x" * 2000, "kind": "il2_wild_type"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="big-json",
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "request_too_large"


def _reserve(user_key: str, key: str, **extra) -> IdempotencyRecord:
    import hashlib

    caller = "t:" + hashlib.sha256(user_key.encode()).hexdigest()[:64]
    return IdempotencyRecord.objects.create(
        caller=caller, key=key, method="POST", path="/api/v1/test-articles/", **extra
    )


def test_it_answers_409_while_the_first_request_with_the_key_is_still_running(api, settings, rf):
    from il2portal.idempotency import request_hash

    settings.IDEMPOTENCY_WAIT_SECONDS = 0.2
    payload = {"name": "A", "kind": "il2_wild_type"}
    same = rf.post("/api/v1/test-articles/", json.dumps(payload), content_type="application/json")
    user_key = api._credentials["HTTP_AUTHORIZATION"].split()[1]
    _reserve(user_key, "busy", request_hash=request_hash(same))  # the first request, still running
    response = api.post("/api/v1/test-articles/", payload, format="json", HTTP_IDEMPOTENCY_KEY="busy")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_in_progress"
    assert TestArticle.objects.count() == 0


def test_it_takes_over_a_key_whose_first_request_died(api, settings):
    user_key = api._credentials["HTTP_AUTHORIZATION"].split()[1]
    record = _reserve(user_key, "orphan", request_hash="")
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=settings.IDEMPOTENCY_STALE_SECONDS + 1)
    )
    response = api.post(
        "/api/v1/test-articles/",
        {"name": "A", "kind": "il2_wild_type"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="orphan",
    )
    assert response.status_code == 201
    assert TestArticle.objects.count() == 1


def test_it_lets_a_retry_run_after_a_server_error(api, monkeypatch):
    from il2portal.api import views

    calls = {"n": 0}
    original = views.TestArticleViewSet.create

    def flaky(self, request, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database hiccup")
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(views.TestArticleViewSet, "create", flaky)
    api.raise_request_exception = False
    payload = {"name": "A", "kind": "il2_wild_type"}
    first = api.post("/api/v1/test-articles/", payload, format="json", HTTP_IDEMPOTENCY_KEY="retry")
    again = api.post("/api/v1/test-articles/", payload, format="json", HTTP_IDEMPOTENCY_KEY="retry")
    assert first.status_code == 500 and again.status_code == 201
    assert TestArticle.objects.count() == 1


def test_it_answers_json_413_for_a_json_body_over_the_limit_without_a_key(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post(
        "/api/v1/test-articles/", {"name": "x" * 2000, "kind": "il2_wild_type"}, format="json"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
