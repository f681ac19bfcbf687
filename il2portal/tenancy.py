"""The one place that decides which labs a request may see.

API viewsets (``il2portal.api.viewsets.LabScopedViewSet``) and pages (``scoped``,
``get_scoped_or_404``) read lab-owned records only through these functions.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse

from il2portal.models import Lab, Membership, UserProfile


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


def current_lab_or_404(request) -> Lab:
    """The current lab of a page that shows one lab's records."""
    lab = current_lab(request)
    if lab is None:
        raise Http404("You are not a member of any lab yet; ask your PI to add you.")
    return lab


def is_lab_admin(user, lab: Lab) -> bool:
    return Membership.objects.filter(user=user, lab=lab, role=Membership.Role.ADMIN).exists()


def chosen_lab_id(user, lab_ids: list[int]) -> int | None:
    """The user's current lab: their only lab, or the one they chose (kept on their profile, so it
    holds on every device and for their API tokens). ``None`` when they have several labs and have
    not chosen, or their choice is no longer one of their labs: never a guess such as the first by name."""
    if len(lab_ids) == 1:
        return lab_ids[0]
    if not lab_ids:
        return None
    chosen = UserProfile.objects.filter(user=user).values_list("current_lab_id", flat=True).first()
    return chosen if chosen in lab_ids else None


def current_lab(request) -> Lab | None:
    """The lab the pages show (chosen with the lab switcher)."""
    if hasattr(request, "_il2_current_lab"):
        return request._il2_current_lab
    lab = None
    chosen = chosen_lab_id(request.user, request_lab_ids(request))
    if chosen is not None:
        lab = Lab.objects.filter(id=chosen).first()
    request._il2_current_lab = lab
    return lab


def needs_lab_choice(request) -> bool:
    """Several labs and no (valid) choice: pages ask, API writes without ``lab`` are refused."""
    return len(request_lab_ids(request)) > 1 and current_lab(request) is None


def set_current_lab(request, lab_id: int) -> bool:
    from il2portal.services import profile_set_current_lab

    if lab_id in request_lab_ids(request):
        profile_set_current_lab(user=request.user, lab=Lab.objects.get(pk=lab_id))
        request.__dict__.pop("_il2_current_lab", None)
        return True
    return False


# Pages that work without a current lab (choosing one, invitations, tokens, password, login).
LAB_FREE_PREFIXES = ("/api/", "/static/", "/admin/", "/accounts/", "/lab/switch/", "/healthz", "/media/")


class LabChoiceMiddleware:
    """A user with several labs and no current lab is asked to choose one before any page that
    shows a lab's records, instead of being shown one picked for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(LAB_FREE_PREFIXES)
            and needs_lab_choice(request)
        ):
            query = urlencode({"next": request.get_full_path() if request.method == "GET" else "/"})
            return HttpResponseRedirect(f"{reverse('lab-choose')}?{query}")
        return self.get_response(request)
