"""``Idempotency-Key`` for API POSTs: a retry with the same key gets the first response back.

Works as middleware so that every endpoint (JSON or multipart) is covered without each view
opting in. The caller is identified by its credential (token hash or session user), so keys of
two callers never collide.

What makes two requests "the same": the path and the parsed content (form fields, and each file's
name and SHA-256; JSON with keys sorted), never the raw bytes, so a retry from another HTTP client
(another multipart boundary, other JSON spacing) is recognised. The key is reserved (a row under the
unique constraint) before the view runs: a concurrent duplicate waits up to
``IDEMPOTENCY_WAIT_SECONDS`` for the first to finish and replays its response, or answers 409
``idempotency_key_in_progress``. A reservation whose request died (older than
``IDEMPOTENCY_STALE_SECONDS``) is taken over; a 5xx answer releases the key so a retry can run.
A stored answer is replayed only while the caller still belongs to every lab it belonged to when the
answer was made (``idempotency_key_stale`` otherwise).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone

from il2portal.api.errors import json_error_response
from il2portal.models import ApiToken, IdempotencyRecord

HEADER = "HTTP_IDEMPOTENCY_KEY"
REPLAYED_HEADERS = ("Location", "Retry-After")  # kept with the answer and sent again on a replay


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


def request_hash(request) -> str:
    """HMAC-SHA-256 (keyed with SECRET_KEY) of what the request asks for (see the module docstring),
    reading files in chunks. Keyed: a body can hold a password (a signature re-asks it), and a plain
    hash of a predictable body would let anyone with a database copy test passwords at hash speed."""
    digest = hmac.new(settings.SECRET_KEY.encode(), request.path.encode() + b"\0", hashlib.sha256)
    content_type = request.content_type or ""
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        fields = sorted((name, request.POST.getlist(name)) for name in request.POST)
        files = []
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                file_digest = hashlib.sha256()
                for chunk in upload.chunks():
                    file_digest.update(chunk)
                upload.seek(0)
                files.append((name, upload.name, file_digest.hexdigest()))
        digest.update(json.dumps({"fields": fields, "files": files}).encode())
    elif content_type == "application/json" or content_type.endswith("+json"):
        raw = request.body
        try:
            digest.update(json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode())
        except ValueError:
            digest.update(raw)  # the view reports the malformed JSON; a retry of it is the same bytes
    else:
        digest.update(request.body)
    return digest.hexdigest()


def request_too_large_response():
    return json_error_response(
        "request_too_large",
        f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1e6:.1f} MB.",
        413,
    )


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
        try:
            digest = request_hash(request)
        except RequestDataTooBig:
            return request_too_large_response()
        except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent) as exc:
            return json_error_response("malformed_request", f"The multipart body cannot be read: {exc}", 400)

        lab_ids = _caller_lab_ids(request)
        deadline = time.monotonic() + settings.IDEMPOTENCY_WAIT_SECONDS
        while True:
            reserved, found = self._reserve(request, caller, key, digest, lab_ids)
            if reserved is not None:
                return self._run(request, reserved)
            if found is None and time.monotonic() < deadline:
                continue  # released between our insert and our read: try to reserve again
            if found is None:
                return self._in_progress()
            if not set(found.lab_ids) <= set(lab_ids):
                # The stored answer was made while the caller belonged to a lab it has since left: it
                # may show that lab's records, so it is not replayed (and the request is not run again).
                return json_error_response(
                    "idempotency_key_stale",
                    "Your lab memberships changed since this Idempotency-Key was first used, so its "
                    "response is no longer replayed; check your records and send the request again with a "
                    "new key.",
                    409,
                )
            if found.request_hash != digest:
                return json_error_response(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request; use a new key.",
                    422,
                )
            if found.status_code is not None:
                return self._replay(found)
            if time.monotonic() >= deadline:
                return self._in_progress()
            time.sleep(0.1)

    @staticmethod
    def _in_progress():
        return json_error_response(
            "idempotency_key_in_progress",
            "A request with this Idempotency-Key is still being processed; retry in a few seconds to get "
            "its response.",
            409,
        )

    @staticmethod
    def _reserve(request, caller: str, key: str, digest: str, lab_ids: list[int]):
        """``(reservation, None)`` when this request may run, else ``(None, the key's row or None)``."""
        try:
            with transaction.atomic():
                return (
                    IdempotencyRecord.objects.create(
                        caller=caller,
                        key=key,
                        method=request.method,
                        path=request.path,
                        request_hash=digest,
                        lab_ids=lab_ids,
                    ),
                    None,
                )
        except IntegrityError:
            pass
        found = IdempotencyRecord.objects.filter(caller=caller, key=key).first()
        stale_before = timezone.now() - dt.timedelta(seconds=settings.IDEMPOTENCY_STALE_SECONDS)
        if found is not None and found.status_code is None and found.created_at < stale_before:
            # its request died before answering (process killed): let this one run instead
            IdempotencyRecord.objects.filter(pk=found.pk, status_code__isnull=True).delete()
            return None, None
        return None, found

    def _run(self, request, reserved: IdempotencyRecord):
        try:
            response = self.get_response(request)
        except BaseException:
            reserved.delete()
            raise
        if response.status_code < 500 and not getattr(response, "streaming", False):
            IdempotencyRecord.objects.filter(pk=reserved.pk).update(
                status_code=response.status_code,
                content_type=response.get("Content-Type", "application/json"),
                body=bytes(response.content),
                headers={name: response[name] for name in REPLAYED_HEADERS if name in response},
            )
        else:
            reserved.delete()  # a server error is not an answer to keep: a retry runs again
        return response

    @staticmethod
    def _replay(record: IdempotencyRecord) -> HttpResponse:
        response = HttpResponse(
            bytes(record.body), status=record.status_code, content_type=record.content_type
        )
        for name, value in (record.headers or {}).items():
            if name in REPLAYED_HEADERS:
                response[name] = value
        response["Idempotent-Replayed"] = "true"
        return response
