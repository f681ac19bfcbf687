from django.utils import timezone

from il2portal import registry
from il2portal.models import Lab, LabInvitation
from il2portal.tenancy import current_lab, request_lab_ids


def lab_context(request):
    """The lab switcher's data for every page."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "current_lab": current_lab(request),
        "my_labs": Lab.objects.filter(id__in=request_lab_ids(request)).order_by("name", "pk"),
        "open_invitations": LabInvitation.objects.filter(
            invitee=request.user, status=LabInvitation.Status.PENDING, expires_at__gt=timezone.now()
        ).count(),
    }


def app_nav(request):
    """The sidebar's sections of the apps (``register_pages(..., nav_title=, nav_template=)``)."""
    return {"app_nav": [pages for pages in registry.pages() if pages.nav_template]}
