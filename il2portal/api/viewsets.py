"""Base viewsets. Lab-owned resources subclass :class:`LabScopedViewSet` (three lines, as NetBox)."""

from __future__ import annotations

from rest_framework import viewsets

from il2portal.tenancy import scoped


class LabScopedMixin:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs."""

    queryset = None

    def get_queryset(self):
        return scoped(self.queryset.all(), self.request)

    def filter_queryset(self, queryset):
        # the list's filters (?barcode=, ?kind=…) choose records of a list; a detail route (a plate,
        # its wells, a run's versions) is found by its id alone, as the schema documents it
        if getattr(self, "detail", False):
            return queryset
        return super().filter_queryset(queryset)


class LabScopedViewSet(LabScopedMixin, viewsets.ModelViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_create(self, serializer):
        extra = {}
        if "created_by" in {f.name for f in serializer.Meta.model._meta.fields}:
            extra["created_by"] = self.request.user
        serializer.save(**extra)


class LabScopedReadOnlyViewSet(LabScopedMixin, viewsets.ReadOnlyModelViewSet):
    pass


def accepted(job, request, *, wait: int | None = None):
    """The 202 answer for long work (the ``Job``, ``Location``, ``Retry-After``; 200 once finished
    within ``wait`` seconds): :func:`il2portal.api.jobs.job_response`."""
    from il2portal.api.jobs import job_response

    return job_response(job, request, wait=wait)
