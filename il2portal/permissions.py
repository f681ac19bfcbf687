"""Who may do what in the API, beyond being signed in (``DEFAULT_PERMISSION_CLASSES``).

What an instrument token may do: push plates and measurements and read its lab's results.

Instrument tokens are keys that sit in scripts on shared instrument PCs; a leaked one must not be able
to create labs, delete or edit records, manage members or change studies. Everything but the writes
the apps allow them (``register_api_routes(..., instrument_writes=)``) is read-only for them (their
reads stay limited to their one lab by tenancy).
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from il2portal import registry
from il2portal.models import ApiToken, Lab
from il2portal.tenancy import is_lab_admin


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


class IsLabAdmin(BasePermission):
    """Only an admin of the object's lab (a :class:`Lab`, or a record's ``lab``): for views that act
    on one object (``get_object``), so another lab's object is a 404 first. Add it to the defaults, as
    ``permission_classes=[*api_settings.DEFAULT_PERMISSION_CLASSES, IsLabAdmin]``."""

    message = "Only the lab's admins can manage members."

    def has_object_permission(self, request, view, obj) -> bool:
        return is_lab_admin(request.user, obj if isinstance(obj, Lab) else obj.lab)


class IsLabAdminOrReadOnly(IsLabAdmin):
    """Every member reads; only the lab's admins write."""

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or super().has_object_permission(request, view, obj)
