"""API of the molecules app: receptor selectivity, potency monitoring (Levey–Jennings with Westgard
flags) and lot releases. Numbers are the stored ones and the science modules' outputs, unformatted."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from assays.models import AssayRun, CellLine
from il2portal.api.errors import ApiError
from il2portal.api.fields import ScopedRelatedField, default_lab
from il2portal.api.viewsets import LabScopedMixin
from il2portal.models import Lab, Lot, TestArticle
from molecules import services
from molecules.models import LotRelease
from molecules.selectors import METRICS, observations, selectivity_pairs


class RunRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.IntegerField()
    cell_line = serializers.CharField(allow_null=True)
    cd25 = serializers.BooleanField(allow_null=True)


def _run_ref(o) -> dict:
    return {
        "id": o.run_id,
        "name": o.run_name,
        "version": o.version,
        "cell_line": o.cell_line,
        "cd25": o.cd25,
    }


class SelectivityQuerySerializer(serializers.Serializer):
    lab = ScopedRelatedField(Lab, required=False)
    test_article = ScopedRelatedField(TestArticle, required=False, help_text="Only pairs that measured it.")


class SelectivityPairSerializer(serializers.Serializer):
    date = serializers.DateField()
    cd25_pos_run = RunRefSerializer()
    cd25_neg_run = RunRefSerializer()
    result = serializers.DictField(
        help_text="assays.analysis.selectivity: {level, wild_type, ratio_definition, shift_definition, "
        "molecules: [{molecule, article_id, article, lot, unit, is_wild_type, cd25_pos: {estimable, ec50, "
        "ci95, log10_ec50, se_log10, df, reason}, cd25_neg: {…}, ratio: {estimate, log10, se_log10, df, "
        "ci95}, ratio_fieller: {estimate, ci95, g, df, unbounded}, fold_loss_cd25_dependence: {estimate, "
        "log10, se_log10, df, ci95}, wild_type, flags}]}"
    )


class SelectivityViewSet(viewsets.ViewSet):
    """Each molecule's EC50 on CD25⁺ and CD25⁻ cells of the same day, the ratio CD25⁻/CD25⁺ and the fold
    loss of CD25 dependence against wild-type IL-2 measured alongside, with 95 % CIs. Runs are paired
    when a CD25⁺ and a CD25⁻ bioassay run (cells named on the run) are dated the same day."""

    @extend_schema(
        parameters=[SelectivityQuerySerializer], responses={200: SelectivityPairSerializer(many=True)}
    )
    def list(self, request):
        query = SelectivityQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        article = query.validated_data.get("test_article")
        lab = article.lab if article else default_lab(request, query.validated_data.get("lab"))
        pairs, _unset = selectivity_pairs(observations(lab))
        out = []
        for pair in pairs:
            if article is not None and not any(r.get("article_id") == article.pk for r in pair.rows):
                continue
            out.append(
                {
                    "date": pair.date,
                    "cd25_pos_run": _run_ref(pair.pos),
                    "cd25_neg_run": _run_ref(pair.neg),
                    "result": pair.result,
                }
            )
        return Response(SelectivityPairSerializer(out, many=True).data)


class MonitoringQuerySerializer(serializers.Serializer):
    test_article = ScopedRelatedField(TestArticle)
    role = serializers.ChoiceField(choices=["reference", "test"], required=False)
    metric = serializers.ChoiceField(choices=list(METRICS), required=False)
    lot = serializers.CharField(required=False, max_length=100)
    cell_line = ScopedRelatedField(CellLine, required=False)
    analyst = serializers.CharField(required=False, max_length=150)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    baseline = serializers.IntegerField(
        required=False, min_value=2, max_value=500, help_text="First N runs; 10."
    )


class ChartPointSerializer(serializers.Serializer):
    run = RunRefSerializer()
    date = serializers.DateField()
    lot = serializers.CharField(allow_null=True)
    analyst = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    z = serializers.FloatField(allow_null=True)
    status = serializers.ChoiceField(choices=["in_control", "warning", "rejection", "missing"])
    rules = serializers.ListField(
        child=serializers.CharField(), help_text="Rules whose window holds the point."
    )
    completes = serializers.ListField(child=serializers.CharField(), help_text="Rules judged at this point.")
    baseline = serializers.BooleanField()


class ControlChartSerializer(serializers.Serializer):
    test_article = serializers.IntegerField()
    role = serializers.CharField()
    metric = serializers.CharField()
    log = serializers.BooleanField()
    unit = serializers.CharField(allow_null=True)
    limits = serializers.DictField(
        allow_null=True,
        help_text="assays.analysis.monitoring.LeveyJennings: {scale, mean, sd, center, sd_factor, n_baseline, "
        "baseline_indices, limits: [{k, lower, upper, lower_value, upper_value}]}",
    )
    error = serializers.CharField(allow_null=True)
    points = ChartPointSerializer(many=True)


class PotencyMonitoringViewSet(viewsets.ViewSet):
    """A Levey–Jennings control chart of one molecule's curves across runs (EC50, relative potency,
    Top, Bottom, Hill, Z′), with the Westgard flags of each run (1-2s warns; 1-3s, 2-2s, R-4s, 4-1s,
    10-x reject)."""

    @extend_schema(parameters=[MonitoringQuerySerializer], responses={200: ControlChartSerializer})
    def list(self, request):
        from molecules.views import chart_for

        query = MonitoringQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        data = dict(query.validated_data)
        article = data["test_article"]
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ApiError("validation_error", "date_to: the end date is before the start date.")
        chart, choice, _mine = chart_for(article.lab, data, article=article)
        role, metric = choice.role, choice.metric
        body = {
            "test_article": article.pk,
            "role": role,
            "metric": metric,
            "log": chart.log,
            "unit": chart.unit,
            "limits": chart.limits,
            "error": chart.error,
            "points": [
                {
                    "run": _run_ref(p["o"]),
                    "date": p["o"].date,
                    "lot": p["o"].lot_number,
                    "analyst": p["o"].analyst,
                    **{k: p[k] for k in ("value", "z", "status", "rules", "completes", "baseline")},
                }
                for p in chart.points
            ],
        }
        return Response(ControlChartSerializer(body).data)


class LotReleaseSerializer(serializers.ModelSerializer):
    test_article = serializers.IntegerField(source="lot.test_article_id", read_only=True)
    lot_number = serializers.CharField(source="lot.lot_number", read_only=True)
    cell_line = serializers.CharField(source="cell_line.name", read_only=True, allow_null=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)
    result = serializers.DictField(
        read_only=True,
        help_text="assays.analysis.monitoring.LotRelease: {n_runs, n_included, n_excluded, min_runs, log_base, "
        "level, included: [{run, log10_rp, se_log10_rp, df, rp_pct, weight_pct}], excluded: [{run, reason, "
        "log10_rp, rp_pct}], homogeneity: {test, chi2, df, p_value, alpha, homogeneous}, method, "
        "method_basis, reportable: {method, log10_rp, se_log10_rp, df, t, ci_log10, rp_pct, ci_pct, "
        "weights_pct, between_run_variance}, estimates, specification: {low_pct, high_pct, passes, ci_within}}",
    )

    class Meta:
        model = LotRelease
        fields = [
            "id",
            "lab",
            "lot",
            "lot_number",
            "test_article",
            "version",
            "cell_line",
            "inputs",
            "settings",
            "result",
            "passed",
            "analysis_version",
            "inputs_sha256",
            "reason",
            "created_at",
            "created_by",
        ]
        read_only_fields = fields


class LotReleaseCreateSerializer(serializers.Serializer):
    lot = ScopedRelatedField(Lot)
    cell_line = ScopedRelatedField(CellLine)
    runs = serializers.ListField(
        child=ScopedRelatedField(AssayRun),
        min_length=1,
        max_length=200,
        help_text="Independent runs to combine.",
    )
    method = serializers.ChoiceField(choices=["auto", "unweighted"], default="auto")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class LotReleaseViewSet(
    LabScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out."""

    queryset = LotRelease.objects.select_related("lot", "cell_line", "created_by").order_by("-created_at")
    serializer_class = LotReleaseSerializer
    filterset_fields = ["lab", "lot", "lot__test_article", "passed"]

    @extend_schema(request=LotReleaseCreateSerializer, responses={201: LotReleaseSerializer})
    def create(self, request):
        body = LotReleaseCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            release = services.lot_release_create(
                lab=data["lot"].lab,
                user=request.user,
                lot=data["lot"],
                cell_line=data["cell_line"],
                runs=data["runs"],
                reason=data.get("reason", ""),
                method=data["method"],
            )
        except services.ReleaseInputError as exc:
            raise ApiError(
                "validation_error", f"{exc.field}: {exc.message}", detail={exc.field: [exc.message]}
            ) from None
        return Response(LotReleaseSerializer(release, context={"request": request}).data, status=201)


def register(router) -> None:
    router.register("selectivity", SelectivityViewSet, basename="selectivity")
    router.register("potency-monitoring", PotencyMonitoringViewSet, basename="potency-monitoring")
    router.register("lot-releases", LotReleaseViewSet, basename="lotrelease")
