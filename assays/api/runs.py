"""Layouts and assay runs (API.md "Layouts" and "Assay runs")."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Subquery
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from assays import services
from assays.errors import RunInputError
from assays.filters import RunFilter
from assays.models import AssayRun, CellLine, Layout, LayoutWell, Plate, RunResult
from assays.selectors import run_version_diff
from assays.signing import KIND as RUN_VERSION
from il2portal.api.errors import ApiError
from il2portal.api.fields import BoundedListField, ScopedRelatedField, default_lab
from il2portal.api.jobs import job_response, job_start_schema, parse_wait
from il2portal.api.results import RunDiffSerializer, RunResultField
from il2portal.api.signing import ReviewedListSerializer, ReviewField, sign_response, sign_schema
from il2portal.api.viewsets import LabScopedMixin
from il2portal.models import Lab, Lot


def _input_error(exc: RunInputError) -> ApiError:
    return ApiError("validation_error", f"{exc.field}: {exc.message}", detail={exc.field: [exc.message]})


MAX_LAYOUT_WELLS = 1536  # the largest plate
MAX_RUN_PLATES = 50
MAX_EXCLUDED_WELLS = 5_000


class LayoutWellSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=LayoutWell.Role.values)
    lot = ScopedRelatedField(Lot, required=False, allow_null=True)

    class Meta:
        model = LayoutWell
        fields = ["well", "role", "group", "concentration", "unit", "dilution_factor", "sample", "lot"]
        extra_kwargs = {
            "group": {"required": False},
            "unit": {"required": False},
            "sample": {"required": False},
            "dilution_factor": {"required": False},
            "concentration": {"required": False},
        }


class LayoutSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:layout-detail")
    lab = ScopedRelatedField(Lab, required=False)
    wells = LayoutWellSerializer(
        many=True,
        max_length=MAX_LAYOUT_WELLS,
        help_text=f"The wells that are not empty, at most {MAX_LAYOUT_WELLS:,} (a 1536-well plate).",
        error_messages={"max_length": f"At most {MAX_LAYOUT_WELLS:,} wells (a 1536-well plate)."},
    )
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)

    class Meta:
        model = Layout
        fields = [
            "id",
            "url",
            "lab",
            "name",
            "rows",
            "columns",
            "description",
            "wells",
            "created_at",
            "created_by",
        ]
        read_only_fields = ["created_at"]
        validators = []

    def create(self, validated):
        request = self.context["request"]
        try:
            return services.layout_create(
                lab=default_lab(request, validated.get("lab")),
                user=request.user,
                name=validated["name"],
                rows=validated.get("rows", 8),
                columns=validated.get("columns", 12),
                wells=[dict(w) for w in validated["wells"]],
                description=validated.get("description", ""),
            )
        except RunInputError as exc:
            raise _input_error(exc) from None


class LayoutViewSet(
    LabScopedMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Plate maps: each listed well has a role; wells not listed are empty. Replicates share ``group``."""

    queryset = Layout.objects.select_related("created_by").prefetch_related(
        Prefetch("wells", queryset=LayoutWell.objects.order_by("row", "column"))
    )
    serializer_class = LayoutSerializer
    filterset_fields = ["lab", "rows", "columns"]


class RunCreateSerializer(serializers.Serializer):
    lab = ScopedRelatedField(Lab, required=False)
    kind = serializers.ChoiceField(choices=AssayRun.Kind.choices)
    plates = BoundedListField(
        child=ScopedRelatedField(Plate),
        min_length=1,
        max_length=MAX_RUN_PLATES,
        help_text=f"Ids of the run's plates, at most {MAX_RUN_PLATES}.",
        error_messages={"max_length": f"At most {MAX_RUN_PLATES} plates per run."},
    )
    layout = ScopedRelatedField(Layout)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    settings = serializers.DictField(
        required=False,
        default=dict,
        help_text=(
            "model (4PL|5PL|linear|loglog), weighting (none|1/y|1/y2), reference_wavelength_nm (null: none), "
            "blank_subtraction, acceptance {min_levels, standard_tolerance_pct, ...}, read (label)"
        ),
    )
    series = serializers.CharField(required=False, allow_blank=True, max_length=200)
    timepoint_h = serializers.FloatField(required=False, allow_null=True, min_value=0)
    cell_line = ScopedRelatedField(
        CellLine, required=False, allow_null=True, help_text="The bioassay's cells (GET /cell-lines/)."
    )


class RunUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=False)
    series = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Time-course series; '' leaves it."
    )
    timepoint_h = serializers.FloatField(required=False, allow_null=True, min_value=0)
    cell_line = ScopedRelatedField(CellLine, required=False, allow_null=True, help_text="null clears it.")


class CellLineSerializer(serializers.ModelSerializer):
    lab = ScopedRelatedField(Lab, required=False)
    receptor = serializers.CharField(read_only=True, help_text="IL-2 receptor chains: αβγ, βγ, ...")

    class Meta:
        model = CellLine
        fields = [
            "id",
            "lab",
            "name",
            "kind",
            "species",
            "cd25",
            "cd122",
            "cd132",
            "receptor",
            "readout",
            "description",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        validators = []

    def create(self, validated):
        request = self.context["request"]
        lab = default_lab(request, validated.pop("lab", None))
        try:
            return services.cell_line_create(lab=lab, user=request.user, **validated)
        except RunInputError as exc:
            raise _input_error(exc) from None


class CellLineViewSet(
    LabScopedMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The lab's cells for bioassays, with their IL-2 receptor chains (CD25, CD122, CD132) and readout."""

    queryset = CellLine.objects.all()
    serializer_class = CellLineSerializer
    filterset_fields = ["lab", "cd25", "readout"]


class RunVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)
    result = RunResultField(
        read_only=True, allow_null=True, help_text="Null until the analysis has succeeded."
    )
    job = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    review = ReviewField()

    class Meta:
        model = RunResult
        signable_kind = RUN_VERSION
        list_serializer_class = ReviewedListSerializer
        fields = [
            "version",
            "status",
            "settings",
            "excluded_wells",
            "reason",
            "result",
            "error",
            "analysis_version",
            "inputs_sha256",
            "job",
            "created_at",
            "created_by",
            "review",
        ]


class RunSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:run-detail")
    # the newest result version (AssayRun.latest); earlier ones are at /runs/{id}/versions/
    status = serializers.CharField(source="latest.status", read_only=True, allow_null=True)
    version = serializers.IntegerField(source="latest.version", read_only=True, allow_null=True)
    result = RunResultField(
        source="latest.result",
        read_only=True,
        allow_null=True,
        help_text="The newest version's result (null until it has succeeded): curve, standards, samples, "
        "QC; ELISA adds model_selection, qcs and reassay, a bioassay curves and potency.",
    )
    error = serializers.CharField(source="latest.error", read_only=True, allow_null=True)
    analysis_version = serializers.CharField(
        source="latest.analysis_version", read_only=True, allow_null=True
    )
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)

    class Meta:
        model = AssayRun
        fields = [
            "id",
            "url",
            "lab",
            "name",
            "kind",
            "layout",
            "plates",
            "settings",
            "series",
            "timepoint_h",
            "cell_line",
            "status",
            "version",
            "result",
            "error",
            "analysis_version",
            "created_at",
            "created_by",
        ]


class RunPotencySummarySerializer(serializers.Serializer):
    sample = serializers.CharField(allow_null=True)
    relative_potency = serializers.FloatField(allow_null=True)
    ci95 = serializers.ListField(child=serializers.FloatField(), allow_null=True, min_length=2, max_length=2)
    similar = serializers.BooleanField(allow_null=True)


class RunSummarySerializer(serializers.Serializer):
    """The few numbers of the newest result a list shows (``assays.analysis.summary``); the run's own
    ``url`` answers the whole result."""

    accepted = serializers.BooleanField(allow_null=True, required=False)
    reasons = serializers.ListField(child=serializers.CharField(), required=False)
    model = serializers.CharField(allow_null=True, required=False)
    r_squared = serializers.FloatField(allow_null=True, required=False)
    ec50 = serializers.FloatField(allow_null=True, required=False, help_text="In `unit`; null without one.")
    ec50_ci95 = serializers.ListField(
        child=serializers.FloatField(), allow_null=True, required=False, min_length=2, max_length=2
    )
    unit = serializers.CharField(allow_null=True, required=False)
    z_prime = serializers.FloatField(allow_null=True, required=False)
    n_samples = serializers.IntegerField(required=False)
    n_flagged_samples = serializers.IntegerField(required=False)
    relative_potency = RunPotencySummarySerializer(many=True, required=False)


class RunListItemSerializer(RunSerializer):
    """A run in a list: its newest version's summary instead of the whole result (a page of 50 runs
    would otherwise carry megabytes); ``url`` answers the result."""

    summary = RunSummarySerializer(
        source="latest.summary",
        read_only=True,
        allow_null=True,
        help_text="The newest version's summary; `{}` until it has succeeded, null before any version.",
    )

    class Meta(RunSerializer.Meta):
        fields = [f if f != "result" else "summary" for f in RunSerializer.Meta.fields]


class ReanalyzeSerializer(serializers.Serializer):
    # "reanalyze": the route and the schema component keep API.md's spelling; the code says "analyse"
    excluded_wells = BoundedListField(
        child=serializers.CharField(max_length=40),
        required=False,
        default=list,
        max_length=MAX_EXCLUDED_WELLS,
        help_text=f"Wells left out (B3, or <plate id>:B3), at most {MAX_EXCLUDED_WELLS:,}.",
        error_messages={"max_length": f"At most {MAX_EXCLUDED_WELLS:,} excluded wells."},
    )
    settings = serializers.DictField(required=False, default=dict)
    reason = serializers.CharField()


def _job_body(version: RunResult, request, wait: int | None) -> Response:
    return job_response(version.job, request, wait=wait)


class RunViewSet(LabScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job."""

    queryset = AssayRun.objects.select_related("created_by", "layout").prefetch_related(
        "plates", Prefetch("versions", queryset=RunResult.objects.order_by("version"))
    )
    serializer_class = RunSerializer
    filterset_class = RunFilter

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":  # only the newest version, without its result
            newest = RunResult.objects.filter(run=OuterRef("run")).order_by("-version").values("version")[:1]
            latest = RunResult.objects.filter(version=Subquery(newest)).defer("result").order_by("version")
            queryset = queryset.prefetch_related(None).prefetch_related(
                "plates", Prefetch("versions", queryset=latest)
            )
        return queryset

    def get_serializer_class(self):
        return RunListItemSerializer if self.action == "list" else super().get_serializer_class()

    @job_start_schema(request=RunCreateSerializer)
    def create(self, request):
        wait = parse_wait(request)
        body = RunCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            _run, version = services.run_create(
                lab=default_lab(request, data.get("lab")),
                user=request.user,
                kind=data["kind"],
                layout=data["layout"],
                plates=data["plates"],
                name=data.get("name") or f"{data['kind'].upper()} {data['layout'].name}",
                settings=data["settings"],
                series=data.get("series", ""),
                timepoint_h=data.get("timepoint_h"),
                cell_line=data.get("cell_line"),
            )
        except RunInputError as exc:
            raise _input_error(exc) from None
        return _job_body(version, request, wait)

    @extend_schema(request=RunUpdateSerializer, responses={200: RunSerializer})
    def partial_update(self, request, pk=None):
        """Rename the run, change its time-course series / time point or its cells (the analysis is
        unchanged)."""
        run = self.get_object()
        body = RunUpdateSerializer(data=request.data, partial=True, context={"request": request})
        body.is_valid(raise_exception=True)
        try:
            run = services.run_update(run=run, user=request.user, **body.validated_data)
        except RunInputError as exc:
            raise _input_error(exc) from None
        return Response(RunSerializer(self.get_queryset().get(pk=run.pk), context={"request": request}).data)

    @job_start_schema(request=ReanalyzeSerializer)
    @action(detail=True, methods=["post"])
    def reanalyze(self, request, pk=None):
        wait = parse_wait(request)
        run = self.get_object()
        body = ReanalyzeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            version = services.run_reanalyse(run=run, user=request.user, **body.validated_data)
        except RunInputError as exc:
            raise _input_error(exc) from None
        return _job_body(version, request, wait)

    @extend_schema(responses=RunVersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        run = self.get_object()
        versions = RunResult.objects.filter(run=run).select_related("created_by").order_by("version")
        return Response(RunVersionSerializer(versions, many=True).data)

    @sign_schema("Sign version `version` of the run: `authored` submits it for review; `reviewed`, `approved` "
                 "or `rejected` (with a reason) by the people the lab's rule names.")  # fmt: skip
    @action(
        detail=True, methods=["post"], url_path=r"versions/(?P<version>[0-9]+)/sign", filterset_class=None
    )
    def sign(self, request, pk=None, version=None):
        run = self.get_object()
        found = RunResult.objects.filter(run=run, version=int(version)).first()
        if found is None:
            raise NotFound(f"The run has no version {version}.")
        return sign_response(request, lab=run.lab, kind=RUN_VERSION, obj=found)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, description="The older version (default: the one before `to`)."),
            OpenApiParameter("to", int, description="The newer version (default: the newest)."),
        ],
        responses=RunDiffSerializer,
    )
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        """What changed between two versions: ``?from=1&to=2`` (default: the last two)."""
        run = self.get_object()
        versions = {v.version: v for v in RunResult.objects.filter(run=run)}
        if not versions:
            raise ApiError("not_found", "This run has no result yet.", status_code=404)
        newest = max(versions)
        try:
            new = int(request.query_params.get("to", newest))
            old = int(request.query_params.get("from", max(new - 1, 1)))
        except ValueError:
            raise ApiError("validation_error", "from/to: must be version numbers.") from None
        if old not in versions or new not in versions:
            raise ApiError("not_found", f"Versions are 1 to {newest}.", status_code=404)
        return Response(run_version_diff(versions[old].result, versions[new].result))
