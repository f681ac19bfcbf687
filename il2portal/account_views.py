"""Pages of one's own account: choosing the current lab, invitations, personal API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from il2portal import services
from il2portal.accounts import can_create_labs
from il2portal.forms import LabForm, PersonalTokenForm
from il2portal.models import ApiToken, Lab, LabInvitation, Membership
from il2portal.tenancy import current_lab, request_lab_ids, set_current_lab


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return default
    return target


@login_required
def lab_choose(request):
    """Which lab to work in (asked when a user has several labs and has not chosen), and, where the
    site allows it, a new lab."""
    allowed = can_create_labs(request.user)
    form = LabForm()
    if request.method == "POST" and "create_lab" in request.POST:
        if not allowed:
            messages.error(request, "Only staff can create labs on this portal.")
            return redirect("lab-choose")
        form = LabForm(request.POST)
        if form.is_valid():
            try:
                lab = services.lab_create(admin=request.user, **form.cleaned_data)
            except services.LabNameTaken as exc:
                form.add_error("name", str(exc))
            else:
                request._il2_lab_ids = None
                set_current_lab(request, lab.pk)
                messages.success(
                    request, f"Created {lab.name}; you are its admin and it is your current lab."
                )
                return redirect("lab-settings")
    roles = dict(Membership.objects.filter(user=request.user).values_list("lab_id", "role"))
    labs = Lab.objects.filter(id__in=request_lab_ids(request)).order_by("name", "pk")
    for lab in labs:
        lab.my_role = dict(Membership.Role.choices).get(roles.get(lab.pk), "")
    return render(
        request,
        "il2portal/lab_choose.html",
        {
            "labs": labs,
            "chosen": current_lab(request),
            "next": _safe_next(request, reverse("home")),
            "can_create": allowed,
            "form": form,
            "invitation_count": _open_invitations(request.user).count(),
        },
    )


def _open_invitations(user):
    return LabInvitation.objects.filter(
        invitee=user, status=LabInvitation.Status.PENDING, expires_at__gt=timezone.now()
    )


@login_required
def invitations(request):
    """The user's pending invitations (accept or decline) and the ones answered or expired."""
    if request.method == "POST":
        invitation = LabInvitation.objects.filter(
            invitee=request.user, pk=request.POST.get("invitation") or 0
        )
        invitation = invitation.select_related("lab").first()
        if invitation is None:
            raise Http404("No such invitation for you.")
        try:
            if "accept" in request.POST:
                services.lab_invitation_accept(invitation=invitation, user=request.user)
                request._il2_lab_ids = None
                messages.success(
                    request,
                    f"You joined {invitation.lab.name}. Switch to it with the lab switcher at the top; "
                    f"your current lab stays {current_lab(request) or 'to be chosen'}.",
                )
            else:
                services.lab_invitation_decline(invitation=invitation, user=request.user)
                messages.success(request, f"You declined the invitation to {invitation.lab.name}.")
        except services.InvitationClosed as exc:
            messages.error(request, str(exc))
        return redirect("invitations")
    mine = LabInvitation.objects.filter(invitee=request.user).select_related("lab", "invited_by")
    now = timezone.now()
    pending = mine.filter(status=LabInvitation.Status.PENDING, expires_at__gt=now)
    past = mine.exclude(pk__in=pending.values("pk")).order_by("-created_at")[:20]
    return render(request, "il2portal/invitations.html", {"pending": pending, "past": past})


@login_required
def tokens(request):
    """The user's personal API tokens: name, created, last used, expiry; create and revoke."""
    form = PersonalTokenForm()
    new_key = None
    if request.method == "POST":
        form = PersonalTokenForm(request.POST)
        if form.is_valid():
            token, new_key = services.api_token_create_personal(
                user=request.user, name=form.cleaned_data["name"]
            )
            form = PersonalTokenForm()
            messages.success(
                request, f"Token “{token.name}” created. Copy the key now: it is not shown again."
            )
    active_first = Case(
        When(revoked_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    mine = ApiToken.objects.filter(user=request.user, kind=ApiToken.Kind.PERSONAL).order_by(
        active_first, "-created_at"
    )
    return render(
        request,
        "il2portal/tokens.html",
        {"tokens": mine[:100], "form": form, "new_key": new_key, "token_days": settings.PERSONAL_TOKEN_DAYS},
    )


@login_required
@require_POST
def token_revoke_own(request, pk: int):
    token = ApiToken.objects.filter(user=request.user, kind=ApiToken.Kind.PERSONAL, pk=pk).first()
    if token is None:
        raise Http404("No such token of yours.")
    if token.revoked_at is None:
        services.api_token_revoke(token=token, reason="revoked by its owner")
        messages.success(request, f"Token “{token.name}” ({token.prefix}…) revoked: it no longer works.")
    return redirect("tokens")
