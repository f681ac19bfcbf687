"""Filtering that keeps to the caller's labs.

A foreign-key filter (``?layout=``, ``?lab=``, ``?test_article=``…) only accepts records of the
caller's labs, so another lab's id is answered exactly like an id that does not exist.
"""

from __future__ import annotations

import django_filters
from django_filters.rest_framework import DjangoFilterBackend

from il2portal.tenancy import request_lab_ids


class LabScopedFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        lab_ids = request_lab_ids(request) if request is not None else []
        for filter_ in self.filters.values():
            choices = getattr(filter_, "queryset", None)
            if choices is None:
                continue
            model_qs = choices if not callable(choices) else None
            if model_qs is not None and hasattr(model_qs, "for_labs"):
                filter_.queryset = model_qs.for_labs(lab_ids)


class LabScopedFilterBackend(DjangoFilterBackend):
    filterset_base = LabScopedFilterSet
