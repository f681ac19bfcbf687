"""Webhooks: a job started with an API token that has a webhook URL is POSTed there when it ends.

* Registered per personal token (``POST /api/v1/auth/tokens/{id}/webhook/`` with ``{"url"}``), which
  answers the signing secret once. A token replaced by a new one of the same name keeps its webhook.
* The body is ``{"event": "job.finished", "job": <the Job as GET /jobs/{id}/ serves it>}``, signed
  ``X-IL2-Signature: sha256=<hex HMAC-SHA256(secret, "<X-IL2-Timestamp>." + body)>``; the receiver
  checks the signature and that the timestamp is recent.
* Delivered by a Celery worker (``deliver_webhook``), retried with exponential backoff
  (``WEBHOOK_RETRY_BASE_SECONDS`` × 2ⁿ) up to ``WEBHOOK_MAX_ATTEMPTS`` attempts on a network error or
  a non-2xx answer; redirects are not followed. Without a broker (jobs in-process) one attempt is
  made at once.
* SSRF: only ``https`` (``http`` with ``WEBHOOK_ALLOW_HTTP``), no user:password in the URL, and every
  address the host resolves to must be public (no loopback, private, link-local, multicast or
  reserved range) unless ``WEBHOOK_ALLOW_PRIVATE_ADDRESSES``. The check is made on registration and
  again on every delivery, and the connection goes to the address that was checked (a DNS answer
  that changes in between cannot redirect it).

Which token started a job: the API authentication notes the token in a context variable for the
request (:class:`CallerMiddleware` clears it around every request), and :func:`il2portal.jobs.job_create`
records a ``WebhookDelivery`` with the job, in its transaction.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import secrets
import socket
import ssl
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from il2portal.models import ApiToken, Job, WebhookDelivery

log = logging.getLogger(__name__)

# (token id, base URL) of the API request being served, or None
caller: contextvars.ContextVar[tuple[int, str] | None] = contextvars.ContextVar(
    "il2_api_caller", default=None
)


class CallerMiddleware:
    """Forget the previous request's API token: a job started by a session is never notified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        mark = caller.set(None)
        try:
            return self.get_response(request)
        finally:
            caller.reset(mark)


def note_caller(request, token: ApiToken) -> None:
    """Called by the token authentication: later jobs of this request report to ``token``'s webhook."""
    try:
        base = request.build_absolute_uri("/").rstrip("/")
    except Exception:  # DisallowedHost: the request is refused elsewhere
        return
    caller.set((token.pk, base))


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookRefused(ValueError):
    """A webhook URL that may not be called (the message says why, for the ``url`` field)."""


def _address_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> tuple[str, str, int, str]:
    """``(scheme, host, port, address to connect to)`` or :class:`WebhookRefused`."""
    if not isinstance(url, str) or not url.strip() or len(url) > 500:
        raise WebhookRefused("give an https:// URL of at most 500 characters.")
    parts = urlsplit(url.strip())
    allowed = ("https", "http") if settings.WEBHOOK_ALLOW_HTTP else ("https",)
    if parts.scheme not in allowed:
        raise WebhookRefused(
            f"the URL must start with {' or '.join(s + '://' for s in allowed)} (got {parts.scheme or 'no'} scheme)."
        )
    if parts.username or parts.password:
        raise WebhookRefused("no user name or password in the URL; the body is signed instead.")
    host = parts.hostname
    if not host:
        raise WebhookRefused("the URL has no host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise WebhookRefused("the URL's port is not a number from 1 to 65535.") from None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise WebhookRefused(f"the host {host!r} cannot be resolved.") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise WebhookRefused(f"the host {host!r} cannot be resolved.")
    if not settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        for address in addresses:
            if not _address_allowed(address):
                raise WebhookRefused(
                    f"the host {host!r} resolves to {address}, a loopback, private or reserved address; "
                    "webhooks go to public addresses only (site setting WEBHOOK_ALLOW_PRIVATE_ADDRESSES)."
                )
    return parts.scheme, host, port, addresses[0]


# ---- delivery


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


class _BaseUrlRequest:
    """Enough of a request for the serializer's absolute job URL, outside any request."""

    versioning_scheme = None
    GET: dict = {}

    def __init__(self, base: str):
        self.base = base

    def build_absolute_uri(self, location: str) -> str:
        return self.base + location


def body_for(delivery: WebhookDelivery) -> bytes:
    from il2portal.api.serializers import JobSerializer

    job = Job.objects.select_related("created_by").get(pk=delivery.job_id)
    data = JobSerializer(job, context={"request": _BaseUrlRequest(delivery.base_url)}).data
    payload = {"event": "job.finished", "delivery": delivery.pk, "job": data}
    return json.dumps(payload, default=str, separators=(",", ":")).encode()


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def attempt(delivery: WebhookDelivery) -> tuple[bool, bool]:
    """One POST. Returns ``(delivered, retry)``; records the outcome on the row."""
    token = ApiToken.objects.filter(pk=delivery.token_id).first()
    error, code = "", None
    retry = False
    if token is None or not token.webhook_secret:
        error = "the token's webhook was removed"
    else:
        try:
            scheme, host, port, address = check_url(delivery.url)
        except WebhookRefused as exc:
            error = f"refused: {exc}"
        else:
            body = body_for(delivery)
            stamp = str(int(time.time()))
            cls = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
            parts = urlsplit(delivery.url)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn = cls(host, port, address, settings.WEBHOOK_TIMEOUT_SECONDS)
            try:
                conn.request(
                    "POST",
                    path,
                    body=body,
                    headers={
                        "Content-Type": "application/json",
                        "User-Agent": "IL-2-Portal-Webhook/1",
                        "X-IL2-Event": "job.finished",
                        "X-IL2-Delivery": str(delivery.pk),
                        "X-IL2-Timestamp": stamp,
                        "X-IL2-Signature": sign(token.webhook_secret, stamp, body),
                    },
                )
                response = conn.getresponse()
                response.read(65536)
                code = response.status
                if not 200 <= code < 300:
                    error = f"the receiver answered HTTP {code}"
                    retry = True
            except (OSError, http.client.HTTPException) as exc:
                error = f"{type(exc).__name__}: {exc}"[:500]
                retry = True
            finally:
                conn.close()
    now = timezone.now()
    delivered = not error
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=delivery.attempts + 1,
        last_status_code=code,
        last_error=error,
        status=WebhookDelivery.Status.DELIVERED if delivered else delivery.status,
        delivered_at=now if delivered else None,
    )
    delivery.attempts += 1
    return delivered, retry


def deliver(delivery_id: int, *, final: bool) -> tuple[bool, bool]:
    """One attempt at a pending delivery; ``final`` marks it failed when it does not succeed."""
    delivery = WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).first()
    if delivery is None:
        return True, False  # delivered, failed or gone meanwhile
    delivered, retry = attempt(delivery)
    if not delivered and (final or not retry or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDelivery.Status.FAILED)
        return False, False
    return delivered, retry and not delivered


def backoff(attempts: int) -> float:
    return settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)


# ---- hooks called by il2portal.jobs


def job_created(job: Job) -> None:
    """In ``job_create``'s transaction: a delivery row when the request's token has a webhook."""
    noted = caller.get()
    if noted is None:
        return
    token_id, base = noted
    token = ApiToken.objects.filter(pk=token_id).exclude(webhook_url="").first()
    if token is not None:
        WebhookDelivery.objects.create(job=job, token=token, url=token.webhook_url, base_url=base)


def job_ended(job: Job) -> None:
    """After a job's final state is stored: send its waiting deliveries (never raises)."""
    try:
        ids = list(
            WebhookDelivery.objects.filter(job=job, status=WebhookDelivery.Status.WAITING).values_list(
                "pk", flat=True
            )
        )
        for delivery_id in ids:
            if WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.WAITING).update(
                status=WebhookDelivery.Status.PENDING
            ):
                # after the commit: no HTTP call inside a transaction (in-process jobs run inside
                # the request's service transaction), and the worker never sees an uncommitted row
                transaction.on_commit(functools.partial(send, delivery_id))
    except Exception:
        log.exception("webhooks of job %s not sent", job.pk)


def send(delivery_id: int) -> None:
    """Hand a pending delivery to a worker (in-process: one attempt now)."""
    if settings.JOBS_IN_PROCESS:
        deliver(delivery_id, final=True)
        return
    from il2portal.tasks import deliver_webhook

    try:
        deliver_webhook.apply_async(args=[delivery_id], retry=False)
    except Exception as exc:  # the broker is down: the dispatcher sends it later
        log.warning("webhook delivery %s not sent, the broker is unreachable (%s)", delivery_id, exc)
        return
    WebhookDelivery.objects.filter(pk=delivery_id).update(sent_at=timezone.now())


def deliveries_dispatch() -> int:
    """Pending deliveries never handed to the broker (it was down): send them. For the dispatcher."""
    sent = 0
    grace = timezone.now() - dt.timedelta(seconds=settings.JOBS_SEND_GRACE)
    for delivery_id in WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, sent_at__isnull=True, created_at__lt=grace
    ).values_list("pk", flat=True)[:200]:
        send(delivery_id)
        sent += 1
    return sent
