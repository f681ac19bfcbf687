"""The one place that decides which labs a request may see.

API viewsets (``il2portal.api.viewsets.LabScopedViewSet``) and pages (``scoped``,
``get_scoped_or_404``) read lab-owned records only through these functions.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.http import Http404

from il2portal.models import Lab, Membership

SESSION_KEY = "current_lab_id"


def lab_ids_for_user(user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Membership.objects.filter(user=user).values_list("lab_id", flat=True))


def request_lab_ids(request) -> list[int]:
    """Labs the caller may read and write. Cached on the request."""
    cached = getattr(request, "_il2_lab_ids", None)
    if cached is None:
        cached = lab_ids_for_user(request.user)
        request._il2_lab_ids = cached
    return cached


def scoped(model_or_qs: type[Model] | QuerySet, request) -> QuerySet:
    qs = model_or_qs if isinstance(model_or_qs, QuerySet) else model_or_qs.objects.all()
    return qs.for_labs(request_lab_ids(request))


def get_scoped_or_404(model_or_qs, request, **lookup):
    """Like get_object_or_404, but another lab's record is simply not found."""
    qs = scoped(model_or_qs, request)
    try:
        return qs.get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such record in your labs.") from None


def is_lab_admin(user, lab: Lab) -> bool:
    return Membership.objects.filter(user=user, lab=lab, role=Membership.Role.ADMIN).exists()


def current_lab(request) -> Lab | None:
    """The lab chosen with the lab switcher (pages show that lab's records)."""
    if hasattr(request, "_il2_current_lab"):
        return request._il2_current_lab
    lab = None
    ids = request_lab_ids(request)
    if ids:
        wanted = request.session.get(SESSION_KEY)
        chosen = wanted if wanted in ids else ids[0]
        lab = Lab.objects.filter(id=chosen).first()
    request._il2_current_lab = lab
    return lab


def set_current_lab(request, lab_id: int) -> bool:
    if lab_id in request_lab_ids(request):
        request.session[SESSION_KEY] = lab_id
        request.__dict__.pop("_il2_current_lab", None)
        return True
    return False
