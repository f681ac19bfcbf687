from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Value
from django.utils import timezone

from il2portal import registry
from il2portal.models import Lab, LabInvitation, Notification
from il2portal.queries import count_of
from il2portal.tenancy import current_lab, request_lab_ids


def lab_context(request):
    """The lab switcher's data for every page, with the open invitations and the unread notifications
    of the current lab (the bell), both counted in one query."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    lab = current_lab(request)
    invitations = LabInvitation.objects.filter(
        invitee=OuterRef("pk"), status=LabInvitation.Status.PENDING, expires_at__gt=timezone.now()
    )
    unread = (
        count_of(Notification.objects.filter(user=OuterRef("pk"), lab=lab, read_at__isnull=True))
        if lab is not None
        else Value(0)
    )
    counts = (
        get_user_model()
        .objects.filter(pk=request.user.pk)
        .values(invitations=count_of(invitations), unread=unread)
        .first()
    ) or {"invitations": 0, "unread": 0}
    return {
        "current_lab": lab,
        "my_labs": Lab.objects.filter(id__in=request_lab_ids(request)).order_by("name", "pk"),
        "open_invitations": counts["invitations"],
        "unread_notifications": counts["unread"],
    }


def app_nav(request):
    """The sidebar's sections of the apps (``register_pages(..., nav_title=, nav_template=)``)."""
    return {"app_nav": [pages for pages in registry.pages() if pages.nav_template]}
