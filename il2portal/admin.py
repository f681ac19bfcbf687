from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin as _SimpleHistoryAdmin

from il2portal.models import ApiToken, Job, Lab, LabInvitation, Lot, Membership, TestArticle


class SimpleHistoryAdmin(_SimpleHistoryAdmin):
    """History shown read-only: a past version can be viewed, never reverted to or edited from its
    history page (the audit trail is changed only by the services that change records)."""

    def revert_disabled(self, request, obj=None):
        return True

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("The history is read only.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Lab)
class LabAdmin(SimpleHistoryAdmin):
    list_display = ["name", "time_zone", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = [
        "name", "kind", "lab", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at",
    ]  # fmt: skip
    list_filter = ["kind", "lab"]
    readonly_fields = ["prefix", "key_hash", "last_used_at"]


@admin.register(LabInvitation)
class LabInvitationAdmin(SimpleHistoryAdmin):
    list_display = ["invitee", "lab", "role", "status", "invited_by", "created_at", "expires_at"]
    list_filter = ["status", "lab"]
    readonly_fields = ["responded_at"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "lab", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "kind", "lab"]


class LotInline(admin.TabularInline):
    model = Lot
    extra = 0


@admin.register(TestArticle)
class TestArticleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "target", "lab"]
    list_filter = ["kind", "lab"]
    search_fields = ["name", "mutations"]
    inlines = [LotInline]


def _superusers_only(request) -> bool:
    """The admin shows every lab's records, so only superusers may use it (staff flags are not enough)."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
admin.site.site_header = "IL-2 Portal administration"
