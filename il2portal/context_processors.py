from il2portal.models import Lab
from il2portal.tenancy import current_lab, request_lab_ids


def lab_context(request):
    """The lab switcher's data for every page."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "current_lab": current_lab(request),
        "my_labs": Lab.objects.filter(id__in=request_lab_ids(request)),
    }
