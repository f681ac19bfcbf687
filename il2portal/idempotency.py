"""``Idempotency-Key`` for API POSTs: a retry with the same key gets the first response back.

Works as middleware so that every endpoint (JSON or multipart) is covered without each view
opting in. The caller is identified by its credential (token hash or session user), so keys of
two callers never collide. A key is reserved before its first request runs (a concurrent duplicate
gets 409 instead of running twice), and a stored answer is replayed only while the caller still
belongs to every lab it belonged to when the answer was made.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone

from il2portal.api.errors import json_error_response
from il2portal.models import ApiToken, IdempotencyRecord

HEADER = "HTTP_IDEMPOTENCY_KEY"
IN_PROGRESS = 0  # status_code of a reserved key whose first request is still running


def _caller(request) -> str | None:
    """Who is asking, from a credential that is valid now (a revoked token or a deactivated user
    gets no replay: its request goes on to authentication and is refused there)."""
    auth = request.META.get("HTTP_AUTHORIZATION", "")
    parts = auth.split()
    if len(parts) == 2 and parts[0].lower() in ("token", "bearer"):
        if ApiToken.find_active(parts[1]) is None:
            return None
        return "t:" + hashlib.sha256(parts[1].encode()).hexdigest()[:64]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_active:
        return f"u:{user.pk}"
    return None


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _caller_lab_ids(request) -> list[int]:
    """The labs the caller may act in now (the token's user, or the session's)."""
    from il2portal.tenancy import lab_ids_for_user

    parts = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(parts) == 2 and parts[0].lower() in ("token", "bearer"):
        token = ApiToken.find_active(parts[1])
        user = token.user if token else None
    else:
        user = getattr(request, "user", None)
    return sorted(lab_ids_for_user(user)) if user is not None else []


# A reservation older than this belongs to a request that died (gunicorn's timeout is 60 s).
ABANDONED_AFTER = timedelta(minutes=10)


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.META.get(HEADER)
        if not key or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        caller = _caller(request)
        if caller is None:
            return self.get_response(request)
        if _content_length(request) > settings.MAX_UPLOAD_BYTES:
            return self.get_response(request)  # refused by the view without reading the body
        if len(key) > 200:
            return json_error_response(
                "invalid_idempotency_key", "Idempotency-Key is longer than 200 characters.", 400
            )
        request_hash = hashlib.sha256(request.path.encode() + b"\0" + request.body).hexdigest()
        lab_ids = _caller_lab_ids(request)
        # Reserve the key before running the request: of two concurrent requests with one key, only
        # the first runs; the other is told to retry instead of creating the records a second time.
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    caller=caller,
                    key=key,
                    method=request.method,
                    path=request.path,
                    request_hash=request_hash,
                    status_code=IN_PROGRESS,
                    content_type="",
                    body=b"",
                    lab_ids=lab_ids,
                )
        except IntegrityError:
            return self._answer_repeat(caller, key, request_hash, lab_ids, request)
        try:
            response = self.get_response(request)
        except BaseException:
            IdempotencyRecord.objects.filter(pk=record.pk).delete()
            raise
        if response.status_code >= 500 or getattr(response, "streaming", False):
            IdempotencyRecord.objects.filter(pk=record.pk).delete()  # a retry runs it again
        else:
            IdempotencyRecord.objects.filter(pk=record.pk).update(
                status_code=response.status_code,
                content_type=response.get("Content-Type", "application/json"),
                body=bytes(response.content),
            )
        return response

    def _answer_repeat(self, caller, key, request_hash, lab_ids, request):
        found = IdempotencyRecord.objects.filter(caller=caller, key=key).first()
        if found is None:  # the first request failed and released the key meanwhile
            return self.__call__(request)
        if found.request_hash != request_hash:
            return json_error_response(
                "idempotency_key_reused",
                "This Idempotency-Key was already used for a different request; use a new key.",
                422,
            )
        if found.status_code == IN_PROGRESS:
            if timezone.now() - found.created_at > ABANDONED_AFTER:
                IdempotencyRecord.objects.filter(pk=found.pk, status_code=IN_PROGRESS).delete()
                return self.__call__(request)
            response = json_error_response(
                "idempotency_key_in_progress",
                "A request with this Idempotency-Key is still being processed; retry in a moment.",
                409,
            )
            response["Retry-After"] = "1"
            return response
        if not set(found.lab_ids) <= set(lab_ids):
            # The stored answer was made while the caller belonged to a lab it has since left: it may
            # show that lab's records, so it is not replayed (and the request is not run again).
            return json_error_response(
                "idempotency_key_stale",
                "Your lab memberships changed since this Idempotency-Key was first used, so its response "
                "is no longer replayed; check your records and send the request again with a new key.",
                409,
            )
        return self._replay(found)

    @staticmethod
    def _replay(record: IdempotencyRecord) -> HttpResponse:
        response = HttpResponse(
            bytes(record.body), status=record.status_code, content_type=record.content_type
        )
        response["Idempotent-Replayed"] = "true"
        return response
