"""FilterSets shared by the API and the HTML lists (one definition, as NetBox does)."""

import django_filters

from assays import readers
from assays.models import Plate, PlateImport
from il2portal.api.filters import DateOrDateTimeField, DateOrDateTimeFilter, LabScopedFilterSet

__all__ = ["DateOrDateTimeField", "DateOrDateTimeFilter", "PlateFilter", "PlateImportFilter"]


FORMAT_CHOICES = [(f.key, f.name) for f in sorted(readers.FORMATS, key=lambda f: f.key)]


class VendorFilter(django_filters.ChoiceFilter):
    """``?vendor=<format key>`` (GET /api/v1/plates/formats/): an unknown key is a 400 naming it and the
    keys, not an empty list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", FORMAT_CHOICES)
        kwargs.setdefault("help_text", "A format key, as listed at /api/v1/plates/formats/.")
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": "%(value)s is not a format key; use one of "
                + ", ".join(key for key, _ in FORMAT_CHOICES)
                + "."
            },
        )
        super().__init__(*args, **kwargs)


class PlateFilter(LabScopedFilterSet):
    barcode = django_filters.CharFilter(field_name="barcode", lookup_expr="iexact")
    vendor = VendorFilter(field_name="vendor")
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
    vendor = VendorFilter(field_name="vendor")

    class Meta:
        model = PlateImport
        fields = ["status", "vendor", "lab"]
