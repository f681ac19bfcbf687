"""FilterSets shared by the API and the HTML lists (one definition, as NetBox does)."""

import datetime as dt

import django_filters
from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from assays.models import Plate, PlateImport
from il2portal.api.filters import LabScopedFilterSet


class DateOrDateTimeField(forms.Field):
    """ISO 8601 date (`2026-03-01`, the start of that day in UTC) or date-time with offset."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        moment = parse_datetime(value) if "T" in value or " " in value else None
        if moment is None:
            day = parse_date(value) if "T" not in value else None
            if day is None:
                raise forms.ValidationError(f"{value!r} is not an ISO 8601 date or date-time.")
            moment = dt.datetime.combine(day, dt.time.min)
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment, dt.UTC)


class DateOrDateTimeFilter(django_filters.Filter):
    field_class = DateOrDateTimeField


class PlateFilter(LabScopedFilterSet):
    barcode = django_filters.CharFilter(field_name="barcode", lookup_expr="iexact")
    vendor = django_filters.CharFilter(field_name="vendor")
    created_after = DateOrDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateOrDateTimeFilter(field_name="created_at", lookup_expr="lt")
    q = django_filters.CharFilter(method="search", label="Search name, barcode or file name")

    class Meta:
        model = Plate
        fields = ["barcode", "vendor", "lab", "layout"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(
            Q(name__icontains=value)
            | Q(barcode__icontains=value)
            | Q(stored_file__original_filename__icontains=value)
        )


class PlateImportFilter(LabScopedFilterSet):
    class Meta:
        model = PlateImport
        fields = ["status", "vendor", "lab"]
