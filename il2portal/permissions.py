"""What an instrument token may do: push plates and measurements and read its lab's results.

Instrument tokens are keys that sit in scripts on shared instrument PCs; a leaked one must not be able
to create labs, delete or edit records, manage members or change studies. Everything but the writes
the apps allow them (``register_api_routes(..., instrument_writes=)``) is read-only for them (their
reads stay limited to their one lab by tenancy).
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from il2portal import registry
from il2portal.models import ApiToken


def is_instrument_request(request) -> bool:
    token = getattr(request, "auth", None)
    return isinstance(token, ApiToken) and token.kind == ApiToken.Kind.INSTRUMENT


class InstrumentTokenLimits(BasePermission):
    message = (
        "Instrument tokens can only push plates and measurements and read results; "
        "use a personal token or the portal for this."
    )

    def has_permission(self, request, view) -> bool:
        if not is_instrument_request(request) or request.method in SAFE_METHODS:
            return True
        action = (getattr(view, "basename", None), getattr(view, "action", None))
        return action in registry.instrument_writes()
