"""``Idempotency-Key`` for API POSTs: a retry with the same key gets the first response back.

Works as middleware so that every endpoint (JSON or multipart) is covered without each view
opting in. The caller is identified by its credential (token hash or session user), so keys of
two callers never collide.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse

from il2portal.api.errors import json_error_response
from il2portal.models import ApiToken, IdempotencyRecord

HEADER = "HTTP_IDEMPOTENCY_KEY"


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


def _still_member(request, record: IdempotencyRecord) -> bool:
    """A replay is only for a caller who still belongs to a lab (membership can be withdrawn)."""
    from il2portal.models import Membership

    parts = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(parts) == 2:
        token = ApiToken.find_active(parts[1])
        user = token.user if token else None
    else:
        user = getattr(request, "user", None)
    return user is not None and Membership.objects.filter(user=user).exists()


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
        found = IdempotencyRecord.objects.filter(caller=caller, key=key).first()
        if found is not None and not _still_member(request, found):
            return self.get_response(request)
        if found is not None:
            if found.request_hash != request_hash:
                return json_error_response(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request; use a new key.",
                    422,
                )
            return self._replay(found)
        response = self.get_response(request)
        if response.status_code < 500 and not getattr(response, "streaming", False):
            try:
                with transaction.atomic():
                    IdempotencyRecord.objects.create(
                        caller=caller,
                        key=key,
                        method=request.method,
                        path=request.path,
                        request_hash=request_hash,
                        status_code=response.status_code,
                        content_type=response.get("Content-Type", "application/json"),
                        body=bytes(response.content),
                    )
            except IntegrityError:
                pass  # a concurrent retry stored it first; both callers got a valid response
        return response

    @staticmethod
    def _replay(record: IdempotencyRecord) -> HttpResponse:
        response = HttpResponse(
            bytes(record.body), status=record.status_code, content_type=record.content_type
        )
        response["Idempotent-Replayed"] = "true"
        return response
