"""Plates API (API.md "Plates"): upload, formats, wells, original bytes, exports, failed imports."""

from __future__ import annotations

import json

from django.conf import settings
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from assays import readers, services
from assays.exports import plate_asm_json, plate_long_csv
from assays.filters import PlateFilter, PlateImportFilter
from assays.models import Layout, Plate, PlateImport, Read, Well
from assays.selectors import plate_points
from il2portal.api.errors import ApiError
from il2portal.api.fields import ScopedRelatedField, default_lab
from il2portal.api.pagination import WellPagination
from il2portal.api.viewsets import LabScopedMixin
from il2portal.models import Lab
from il2portal.tenancy import request_lab_ids


class ReadSerializer(serializers.ModelSerializer):
    class Meta:
        model = Read
        fields = [
            "id",
            "label",
            "kind",
            "wavelength_nm",
            "timepoints",
            "mode",
            "wavelengths",
            "calculated",
            "metadata",
        ]


class PlateSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:plate-detail")
    sha256 = serializers.CharField(source="stored_file.sha256", read_only=True)
    original_filename = serializers.CharField(source="stored_file.original_filename", read_only=True)
    reads = ReadSerializer(many=True, read_only=True)
    well_count = serializers.IntegerField(read_only=True)
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True, allow_null=True)
    import_id = serializers.IntegerField(source="plate_import_id", read_only=True)

    class Meta:
        model = Plate
        fields = [
            "id", "url", "lab", "name", "barcode", "vendor", "instrument", "software", "sha256", "original_filename",
            "rows", "columns", "reads", "well_count", "layout", "import_id", "metadata", "created_at", "uploaded_by",
        ]  # fmt: skip
        read_only_fields = fields


class UploadedPlateSerializer(PlateSerializer):
    duplicate = serializers.BooleanField(
        read_only=True, help_text="True when these bytes were already in the lab: the existing plate, 200."
    )

    class Meta(PlateSerializer.Meta):
        fields = [*PlateSerializer.Meta.fields, "duplicate"]
        read_only_fields = fields


class UploadedPlatesSerializer(serializers.Serializer):
    plates = UploadedPlateSerializer(many=True, read_only=True)
    duplicate = serializers.BooleanField(read_only=True)


# what an upload (or a retry) answers: the plate, or {plates, duplicate} when the file holds several
UPLOAD_ANSWER = PolymorphicProxySerializer(
    component_name="PlateUploadAnswer",
    serializers=[UploadedPlateSerializer, UploadedPlatesSerializer],
    resource_type_field_name=None,
    many=False,
)


class PlateUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, help_text="The plate-reader export, unchanged.")
    lab = ScopedRelatedField(Lab, required=False, help_text="Omit when you belong to one lab.")
    vendor = serializers.ChoiceField(
        choices=list(readers.FORMAT_KEYS),
        required=False,
        allow_blank=True,
        help_text="Force a format (see /api/v1/plates/formats/); detected from the content when omitted.",
    )
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    barcode = serializers.CharField(required=False, allow_blank=True, max_length=100)
    layout = ScopedRelatedField(Layout, required=False, allow_null=True)


class WellSerializer(serializers.Serializer):
    well = serializers.CharField()
    row = serializers.CharField(help_text="Row letter(s), e.g. A")
    column = serializers.IntegerField(help_text="Column number, 1-based")
    read = serializers.IntegerField()
    wavelength_nm = serializers.FloatField(allow_null=True)
    time_s = serializers.FloatField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    flag = serializers.ChoiceField(
        choices=Well.Flag.choices,
        allow_null=True,
        help_text="null, or why there is no usable number: saturated, masked, missing, invalid.",
    )


class PlateImportSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:import-detail")
    plates = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sha256 = serializers.CharField(source="stored_file.sha256", read_only=True, allow_null=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)

    class Meta:
        model = PlateImport
        fields = [
            "id", "url", "lab", "status", "original_filename", "size", "sha256", "vendor_requested", "vendor",
            "error_code", "error_message", "error_detail", "warnings", "parse_ms", "plates", "created_at", "created_by",
        ]  # fmt: skip
        read_only_fields = fields


class RetrySerializer(serializers.Serializer):
    vendor = serializers.ChoiceField(choices=list(readers.FORMAT_KEYS), required=False, allow_blank=True)


def _refused(exc: services.ImportRefused) -> ApiError:
    detail = dict(exc.detail)
    if exc.plate_import is not None:
        detail["import_id"] = exc.plate_import.pk
    return ApiError(exc.code, exc.message, status_code=400, detail=detail)


def plate_queryset():
    return Plate.objects.select_related("stored_file", "uploaded_by").prefetch_related(
        Prefetch("reads", queryset=Read.objects.order_by("index"))
    )


class PlateViewSet(
    LabScopedMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Plate-reader exports: upload (multipart), list with filters, wells in long form, the original bytes."""

    queryset = plate_queryset()
    serializer_class = PlateSerializer
    filterset_class = PlateFilter
    parser_classes = [MultiPartParser]  # the upload (its only call with a body) sends a file

    @extend_schema(
        request={"multipart/form-data": PlateUploadSerializer},
        responses={201: UPLOAD_ANSWER, 200: UPLOAD_ANSWER},
        description="201 with the plate; 200 with `duplicate: true` when the same bytes are already in the lab; "
        '`{"plates": [...]}` when one file holds several plates; 400 `unrecognized_format | parse_error | '
        "empty_file | file_too_large` with `detail.import_id`.",
    )
    def create(self, request, *args, **kwargs):
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.MAX_UPLOAD_BYTES + 64 * 1024:
            raise self._too_large(request, length)
        upload_serializer = PlateUploadSerializer(data=request.data, context={"request": request})
        upload_serializer.is_valid(raise_exception=True)
        data = upload_serializer.validated_data
        lab = default_lab(request, data.get("lab"))
        upload = data["file"]
        try:
            content = services.upload_read(upload)
            outcome = services.plate_import(
                lab=lab,
                data=content,
                filename=upload.name,
                user=request.user,
                vendor=data.get("vendor") or None,
                name=data.get("name", ""),
                barcode=data.get("barcode", ""),
                content_type=getattr(upload, "content_type", "") or "",
                layout=data.get("layout"),
            )
        except services.ImportRefused as exc:
            if exc.plate_import is None and exc.code in ("empty_file", "file_too_large"):
                exc.plate_import = services.plate_import_refused_upload(
                    lab=lab,
                    filename=upload.name,
                    size=upload.size or 0,
                    user=request.user,
                    code=exc.code,
                    message=exc.message,
                )
            raise _refused(exc) from None
        return self._outcome_response(outcome)

    def _too_large(self, request, length: int) -> ApiError:
        """400 ``file_too_large`` (API.md) for a body over the limit, recorded as a failed import in the
        lab it was meant for (``?lab=``, else the caller's only or chosen lab) without reading it."""
        message = (
            f"The upload is {length / 1e6:.1f} MB; the limit is {settings.MAX_UPLOAD_BYTES / 1e6:.1f} MB."
        )
        detail = {"size": length, "limit": settings.MAX_UPLOAD_BYTES}
        wanted = request.query_params.get("lab", "")
        lab_ids = request_lab_ids(request)
        lab = None
        if wanted.isdigit() and int(wanted) in lab_ids:
            lab = Lab.objects.get(pk=int(wanted))
        elif not wanted:
            try:
                lab = default_lab(request, None)
            except serializers.ValidationError:
                lab = None  # several labs and none chosen: nowhere to record it
        if lab is not None:
            refused = services.plate_import_refused_upload(
                lab=lab,
                filename="(not read: too large)",
                size=length,
                user=request.user,
                code="file_too_large",
                message=message,
            )
            detail["import_id"] = refused.pk
        return ApiError("file_too_large", message, status_code=400, detail=detail)

    def _outcome_response(self, outcome: services.ImportOutcome) -> Response:
        plates = plate_queryset().filter(pk__in=[p.pk for p in outcome.plates]).order_by("index_in_file")
        data = PlateSerializer(plates, many=True, context={"request": self.request}).data
        for item in data:
            item["duplicate"] = outcome.duplicate
        code = status.HTTP_200_OK if outcome.duplicate else status.HTTP_201_CREATED
        if len(data) == 1:
            return Response(data[0], status=code)
        return Response({"plates": data, "duplicate": outcome.duplicate}, status=code)

    @extend_schema(
        parameters=[OpenApiParameter("read", int, description="Only this read's values")],
        responses=WellSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=WellPagination)
    def wells(self, request, pk=None):
        """Values in long form: one row per (well, read, time), paginated like every list
        (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
        10,000)."""
        plate = self.get_object()
        read_id = request.query_params.get("read")
        if read_id:
            if not read_id.isdigit() or int(read_id) >= 2**63:
                raise ApiError("validation_error", "read: must be a read id (integer).")
            read_id = int(read_id)
        # the long form of every read (endpoint rows and kinetic/spectral arrays alike), one page of it
        page = self.paginate_queryset(plate_points(plate, read_id or None))
        rows = [
            {
                "well": well,
                "row": readers.well_name(r, 0)[:-1],
                "column": c + 1,
                "read": read.pk,
                "wavelength_nm": wl,
                "time_s": t,
                "value": value,
                "flag": flag,
            }
            for read, well, r, c, t, wl, value, flag in page
        ]
        return self.get_paginated_response(rows)

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            503: OpenApiResponse(description="The file store does not hold the original now."),
        }
    )
    @action(detail=True, methods=["get"])
    def original(self, request, pk=None):
        """The uploaded bytes, unchanged, with the original file name."""
        plate = self.get_object()
        return original_response(plate.stored_file)

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"], url_path="export/csv")
    def export_csv(self, request, pk=None):
        plate = self.get_object()
        response = HttpResponse(plate_long_csv(plate), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="plate-{plate.pk}-long.csv"'
        return response

    @extend_schema(responses={(200, "application/json"): OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"], url_path="export/asm")
    def export_asm(self, request, pk=None):
        plate = self.get_object()
        response = HttpResponse(json.dumps(plate_asm_json(plate), indent=1), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="plate-{plate.pk}.asm.json"'
        return response

    @extend_schema(
        responses=inline_serializer(
            "PlateFormat",
            {
                "key": serializers.CharField(
                    help_text="The format's `vendor` value: on a plate, the upload and the `?vendor=` filter."
                ),
                "name": serializers.CharField(),
                "manufacturer": serializers.CharField(help_text="Who makes the instrument or software."),
                "extensions": serializers.ListField(child=serializers.CharField()),
                "description": serializers.CharField(),
                "via": serializers.CharField(),
            },
            many=True,
        )
    )
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def formats(self, request):
        """Formats the portal reads; pass a `key` as `vendor` to force one."""
        return Response(
            [
                {
                    "key": f.key,
                    "name": f.name,
                    "manufacturer": f.vendor,
                    "extensions": list(f.extensions),
                    "description": f.description,
                    "via": f.via,
                }
                for f in readers.FORMATS
            ]
        )


def original_response(stored) -> FileResponse:
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_filename,
        content_type="application/octet-stream",
    )
    response["X-Content-SHA256"] = stored.sha256
    return response


class PlateImportViewSet(
    LabScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Every upload attempt, failed ones included; a failed one can be retried with another format."""

    queryset = PlateImport.objects.select_related("stored_file", "created_by").prefetch_related("plates")
    serializer_class = PlateImportSerializer
    filterset_class = PlateImportFilter

    @extend_schema(
        request=RetrySerializer,
        responses={
            201: UPLOAD_ANSWER,
            200: UPLOAD_ANSWER,
            400: OpenApiResponse(description="The file still cannot be read: `parse_error`, …"),
            503: OpenApiResponse(description="The file store does not hold the original now."),
        },
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        failed = self.get_object()
        body = RetrySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            outcome = services.plate_import_retry(
                failed=failed, user=request.user, vendor=body.validated_data.get("vendor") or None
            )
        except services.ImportRefused as exc:
            raise _refused(exc) from None
        return PlateViewSet(request=request, format_kwarg=None)._outcome_response(outcome)
