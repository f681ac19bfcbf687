"""Accounts: who may create labs, login lockout answers, and tokens following password changes.

Lockout itself is django-axes (a well-kept library that counts failures in the database with row
locks, so concurrent guesses on several gunicorn workers all count); this module only shapes its
answer: the API's error format with ``Retry-After`` for ``/api/``, the login page with a message
elsewhere, both 429.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from il2portal.api.errors import json_error_response


def can_create_labs(user) -> bool:
    """``LAB_CREATION``: ``staff`` (default) lets staff users create labs, ``anyone`` every user.
    Instrument users never can (they act for one lab only)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.memberships.filter(role="instrument").exists():
        return False
    return settings.LAB_CREATION == "anyone" or user.is_staff or user.is_superuser


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for lockout counting.

    Behind ``NUM_PROXIES`` trusted reverse proxies the address is the one the outermost of them saw,
    read from the right of ``X-Forwarded-For`` (entries left of it can be forged by the client);
    without proxies it is ``REMOTE_ADDR``. Same rule as DRF's ``NUM_PROXIES``.
    """
    remote = request.META.get("REMOTE_ADDR")
    n = settings.NUM_PROXIES
    if n <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    return forwarded[-min(n, len(forwarded))]


def lockout_seconds() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds()))


def lockout_message() -> str:
    minutes = max(1, round(lockout_seconds() / 60))
    return (
        f"Too many failed logins for this account or from this address: "
        f"logins are locked for {minutes} minute{'s' if minutes != 1 else ''}. Try again then, "
        "or ask an administrator to unlock your account."
    )


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' ``AXES_LOCKOUT_CALLABLE``: 429 with ``Retry-After`` (each further attempt during
    the lockout starts the cool-off again, so the whole cool-off is the honest wait)."""
    wait = lockout_seconds()
    if request.path.startswith("/api/"):
        response = json_error_response("locked_out", lockout_message(), 429)
    else:
        from django.contrib.auth.forms import AuthenticationForm

        response = render(
            request,
            "registration/login.html",
            {"form": AuthenticationForm(request), "locked_out": lockout_message()},
            status=429,
        )
    response["Retry-After"] = str(wait)
    return response


class RevokeTokensOnPasswordChange:
    """Not a check: an ``AUTH_PASSWORD_VALIDATORS`` entry because Django calls ``password_changed()``
    on each of them whenever a password is saved (``AbstractBaseUser.save``), whichever path changed
    it: the password page, the admin, ``manage.py changepassword``. A changed password revokes the
    user's personal API tokens (a leaked password must not live on as a token)."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is None or user.pk is None:
            return
        from il2portal import services

        services.api_tokens_revoke_personal(user=user, reason="password changed")

    def get_help_text(self):
        return "Changing your password revokes your personal API tokens; scripts need a new one."
