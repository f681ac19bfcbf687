"""Who may do what, beyond being a member of the lab (which labs one sees is il2portal.tenancy).

Instrument tokens (API): push plates and measurements and read their lab's results. They are keys
that sit in scripts on shared instrument PCs; a leaked one must not be able to create labs, delete or
edit records, manage members or change studies. Everything but the writes the apps allow them
(``register_api_routes(..., instrument_writes=)``) is read-only for them (their reads stay limited to
their one lab by tenancy).

Lab admins: only they manage a lab's members, invitations and instrument tokens; the API checks it
with :class:`IsLabAdmin` / :class:`IsLabAdminOrReadOnly`, pages with :func:`lab_admin_required`.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.db.models import Model
from django.http import Http404
from django.shortcuts import redirect
from rest_framework.permissions import SAFE_METHODS, BasePermission

from il2portal import registry
from il2portal.models import ApiToken, Lab
from il2portal.tenancy import current_lab_or_404, is_lab_admin


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


class NotInstrumentToken(BasePermission):
    """For reads instrument tokens have no business with (the audit trail names people and their
    reasons): a personal token or the browser session only. Add it to the defaults."""

    message = "Instrument tokens cannot read this; use a personal token or the portal."

    def has_permission(self, request, view) -> bool:
        return not is_instrument_request(request)


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


def lab_admin_required(refusal: str, *, record: type[Model] | None = None):
    """Page decorator for the changes only the current lab's admins may make (the *Members & tokens*
    page). The view is called as ``view(request, lab)`` with the current lab (a 404 without one) or,
    with ``record``, as ``view(request, lab, obj)`` with that lab's ``record`` of the URL's ``pk``: a
    404 when the lab has none, so another lab's record is not found, for admins and members alike.
    A POST by a member who is not an admin changes nothing and is sent back to the page with "Only the
    lab's admins can <refusal>."; a GET goes through (members see the page, read only)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            lab = current_lab_or_404(request)
            if record is not None:
                obj = record.objects.filter(lab=lab, pk=kwargs.pop("pk")).first()
                if obj is None:
                    raise Http404(f"No such {record._meta.verbose_name} in this lab.")
                args = (obj, *args)
            if request.method == "POST" and not is_lab_admin(request.user, lab):
                messages.error(request, f"Only the lab's admins can {refusal}.")
                return redirect("lab-settings")
            return view(request, lab, *args, **kwargs)

        return wrapper

    return decorator
