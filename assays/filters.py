"""FilterSets shared by the API and the HTML lists (one definition, as NetBox does)."""

import django_filters

from assays.models import Plate, PlateImport
from il2portal.api.filters import DateOrDateTimeField, DateOrDateTimeFilter, LabScopedFilterSet

__all__ = ["DateOrDateTimeField", "DateOrDateTimeFilter", "PlateFilter", "PlateImportFilter"]


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
