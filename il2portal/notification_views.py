"""The notifications page: the current lab's notices for the signed-in user, newest first, and which
kinds they also get by email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from il2portal.models import Notification, UserProfile
from il2portal.notifications import KINDS, email_preferences_set, notifications_mark_read
from il2portal.tenancy import current_lab_or_404

NOTIFICATIONS_PER_PAGE = 25


@login_required
def notifications(request):
    lab = current_lab_or_404(request)
    if request.method == "POST":
        if "email_prefs" in request.POST:
            email_preferences_set(
                user=request.user, email_kinds=[k for k in request.POST.getlist("email") if k in KINDS]
            )
            messages.success(request, "Your email choices are saved.")
        elif "mark_all" in request.POST:
            n = notifications_mark_read(user=request.user, lab=lab)
            messages.success(request, f"{n} notification{'s' if n != 1 else ''} marked read.")
        elif "mark" in request.POST:
            try:
                ids = [int(request.POST["mark"])]
            except ValueError:
                ids = []
            notifications_mark_read(user=request.user, lab=lab, ids=ids)
        return redirect(request.get_full_path())
    mine = Notification.objects.filter(user=request.user, lab=lab).order_by("-created_at", "-pk")
    page = Paginator(mine, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    off = set(UserProfile.objects.filter(user=request.user).values_list("email_off", flat=True).first() or [])
    kinds = [
        {"value": value, "label": label, "email": value not in off}
        for value, label in Notification.Kind.choices
    ]
    return render(
        request,
        "il2portal/notifications.html",
        {"page": page, "lab": lab, "kinds": kinds, "has_email": bool(request.user.email)},
    )
