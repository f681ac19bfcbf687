"""``Authorization: Token <key>`` for scripts and instruments (keys stored hashed)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from il2portal import webhooks
from il2portal.models import ApiToken


def _why_refused(token: ApiToken | None) -> str:
    if token is not None and token.revoked_at is not None and token.kind == ApiToken.Kind.PERSONAL:
        return (
            f"This token was revoked ({token.revoked_reason or 'revoked'}); "
            "get a new one from POST /api/v1/auth/token/."
        )
    if token is not None and token.is_expired:
        return (
            f"This token expired on {token.expires_at:%Y-%m-%d}; get a new one from POST /api/v1/auth/token/."
        )
    return "Invalid or revoked token."


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Malformed Authorization header: use 'Token <key>'.")
        key = header[1].decode(errors="replace")
        token = ApiToken.find_active(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_why_refused(ApiToken.find(key)))
        webhooks.note_caller(request, token)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


try:  # describe the scheme in the OpenAPI schema
    from drf_spectacular.extensions import OpenApiAuthenticationExtension

    class ApiTokenScheme(OpenApiAuthenticationExtension):
        target_class = "il2portal.authentication.ApiTokenAuthentication"
        name = "tokenAuth"

        def get_security_definition(self, auto_schema):
            return {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "`Token <key>`: a personal token from POST /api/v1/auth/token/ or an instrument token.",
            }
except ImportError:  # pragma: no cover
    pass
