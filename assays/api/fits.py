"""``POST /api/v1/fits/``: an ad-hoc curve fit for scripts, run as a job."""

from __future__ import annotations

import math

from rest_framework import serializers, viewsets

from il2portal.api.fields import BoundedListField, ScopedRelatedField, default_lab
from il2portal.api.jobs import job_start_schema, parse_wait
from il2portal.api.viewsets import accepted
from il2portal.jobs import job_create
from il2portal.models import Lab

MODELS = ["4PL", "5PL", "linear", "loglog"]
WEIGHTINGS = ["none", "1/y", "1/y2"]
MIN_POINTS = {"4PL": 5, "5PL": 6, "linear": 3, "loglog": 3}
MAX_POINTS = 5_000  # points of the one curve of a request (a 1536-well plate is 1,536)
MAX_UNKNOWNS = 10_000  # responses to interpolate


class FiniteFloatField(serializers.FloatField):
    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            raise serializers.ValidationError("Must be a finite number (not NaN or infinity).")
        return value


class PointSerializer(serializers.Serializer):
    x = FiniteFloatField(help_text="Dose or concentration (not log-transformed), ≥ 0.")
    y = FiniteFloatField(help_text="Response (signal).")

    def validate_x(self, value):
        if value < 0:
            raise serializers.ValidationError("Concentration must not be negative.")
        return value


class FitRequestSerializer(serializers.Serializer):
    lab = ScopedRelatedField(Lab, required=False, help_text="Omit when you belong to one lab.")
    model = serializers.ChoiceField(choices=MODELS, default="4PL")
    weighting = serializers.ChoiceField(choices=WEIGHTINGS, default="none")
    points = PointSerializer(
        many=True,
        max_length=MAX_POINTS,
        help_text=f"The curve's points, at most {MAX_POINTS:,}.",
        error_messages={"max_length": f"At most {MAX_POINTS:,} points per curve."},
    )
    unknowns = BoundedListField(
        child=FiniteFloatField(),
        required=False,
        default=list,
        max_length=MAX_UNKNOWNS,
        help_text=f"Responses to interpolate, at most {MAX_UNKNOWNS:,}.",
        error_messages={"max_length": f"At most {MAX_UNKNOWNS:,} unknowns per request."},
    )

    def validate(self, attrs):
        needed = MIN_POINTS[attrs["model"]]
        if len(attrs["points"]) < needed:
            raise serializers.ValidationError(
                {
                    "points": f"A {attrs['model']} fit needs at least {needed} points; got {len(attrs['points'])}."
                }
            )
        if len({p["x"] for p in attrs["points"]}) < needed - 1:
            raise serializers.ValidationError({"points": "Too few distinct concentrations for this model."})
        attrs["lab"] = default_lab(self.context["request"], attrs.get("lab"))
        return attrs


class FitViewSet(viewsets.GenericViewSet):
    """Fit a curve to points and interpolate unknowns. Answers 202 with a job; poll its ``url``."""

    serializer_class = FitRequestSerializer

    @job_start_schema(request=FitRequestSerializer)
    def create(self, request):
        wait = parse_wait(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        lab = data.pop("lab")
        job = job_create(lab=lab, user=request.user, kind="fit", params=data)
        return accepted(job, request, wait=wait)
