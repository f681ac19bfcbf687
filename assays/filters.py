"""FilterSets shared by the API and the HTML lists (one definition, as NetBox does)."""

import django_filters

from assays import readers
from assays.models import AssayRun, Plate, PlateImport, StoredFile
from il2portal.api.filters import DateOrDateTimeField, DateOrDateTimeFilter, LabScopedFilterSet

__all__ = ["DateOrDateTimeField", "DateOrDateTimeFilter", "PlateFilter", "PlateImportFilter", "RunFilter"]


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
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, label="Search name, barcode or file name (case-insensitive)"
    )
    q = django_filters.CharFilter(method="filter_search", max_length=200, label="The same as `search`")

    class Meta:
        model = Plate
        fields = ["barcode", "vendor", "lab", "layout"]

    def filter_search(self, queryset, name, value):
        """Plates whose name, barcode or original file name contains ``value``, case-insensitively.

        Each column is searched on its own and the ids united, so that on PostgreSQL each uses its
        trigram index (assays migration 0005); one OR across the join to the files would scan them all."""
        value = value.strip()
        if not value:
            return queryset
        # no ORDER BY in the parts (SQLite refuses one inside a UNION)
        by_name = Plate.objects.filter(name__icontains=value).order_by().values("pk")
        by_barcode = Plate.objects.filter(barcode__icontains=value).order_by().values("pk")
        by_file = (
            Plate.objects.filter(
                stored_file__in=StoredFile.objects.filter(original_filename__icontains=value).values("pk")
            )
            .order_by()
            .values("pk")
        )
        return queryset.filter(pk__in=by_name.union(by_barcode, by_file))


class PlateImportFilter(LabScopedFilterSet):
    vendor = VendorFilter(field_name="vendor")

    class Meta:
        model = PlateImport
        fields = ["status", "vendor", "lab"]


class RunFilter(LabScopedFilterSet):
    class Meta:
        model = AssayRun
        fields = ["kind", "lab", "series", "layout"]
