"""Serializers of the studies API (API.md "Studies"). Validation of batches lives in
studies.services; these describe records and check single objects."""

from __future__ import annotations

import math
import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from il2portal.api.fields import BoundedListField, LabOwnedSerializer, ScopedRelatedField
from il2portal.models import Lot, TestArticle
from studies.analysis.schedule import ScheduleError, dose_offsets
from studies.models import AnalysisResult, Animal, Arm, Dose, Event, Measurement, Randomisation, Study
from studies.services import GROWTH_SETTINGS, OPEN_SCHEDULE_DAYS, SURVIVAL_SETTINGS


class FiniteFloatField(serializers.FloatField):
    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            raise serializers.ValidationError("Must be a finite number.")
        return value


class StudyScopedSerializer(LabOwnedSerializer):
    """A record under a study: ``lab`` and ``study`` come from the URL's study."""

    lab = serializers.PrimaryKeyRelatedField(read_only=True)
    study = serializers.PrimaryKeyRelatedField(read_only=True)

    def validate(self, attrs):
        study = self.context.get("study")
        if self.instance is None:
            if study is None:
                raise serializers.ValidationError("Create this record under its study.")
            attrs["study"] = study
            attrs["lab"] = study.lab
        return super().validate(attrs)


# --------------------------------------------------------------------------------------------------
# Arms (groups)


@extend_schema_field(OpenApiTypes.NUMBER)
class DoseField(serializers.Field):
    """A number, or text such as ``"10 mg/kg"`` (the unit then fills ``dose_unit``)."""

    def to_internal_value(self, data):
        if data is None or data == "":
            return None
        if isinstance(data, bool):
            raise serializers.ValidationError(
                "Give the dose as a number, e.g. 10, or as text, e.g. '10 mg/kg'."
            )
        if isinstance(data, (int, float)):
            try:
                value, unit = float(data), None
            except OverflowError:
                raise serializers.ValidationError(f"{data!r} is too large for a dose.") from None
        else:
            m = re.fullmatch(r"\s*([0-9]*[.,]?[0-9]+(?:[eE][-+]?\d+)?)\s*(\S.*)?", str(data))
            if not m:
                raise serializers.ValidationError(f"{data!r} is not a dose; write e.g. 10 or '10 mg/kg'.")
            value, unit = float(m.group(1).replace(",", ".")), (m.group(2) or "").strip() or None
        if not math.isfinite(value) or value < 0:
            raise serializers.ValidationError("The dose must be a number ≥ 0.")
        return (value, unit)

    def to_representation(self, value):
        return value


class ArmSerializer(StudyScopedSerializer):
    treatment = ScopedRelatedField(
        TestArticle,
        required=False,
        allow_null=True,
        help_text="Test article id (vehicle, antibody, IL-2 variant).",
    )
    treatment_name = serializers.CharField(source="treatment.name", read_only=True, default=None)
    lot = ScopedRelatedField(Lot, required=False, allow_null=True)
    lot_number = serializers.CharField(source="lot.lot_number", read_only=True, default=None)
    dose = DoseField(required=False, allow_null=True, help_text="Number in dose_unit, or text '10 mg/kg'.")
    n_animals = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = Arm
        fields = [
            "id", "lab", "study", "name", "treatment", "treatment_name", "lot", "lot_number", "dose",
            "dose_unit", "route", "schedule", "dosing_start_day", "regimen", "is_control", "capacity",
            "order", "n_animals", "created_at",
        ]  # fmt: skip
        read_only_fields = ["created_at"]

    def validate_schedule(self, value):
        if value:
            try:
                dose_offsets(value, until_offset=OPEN_SCHEDULE_DAYS)
            except ScheduleError as exc:
                raise serializers.ValidationError(str(exc)) from None
        return value

    def validate_capacity(self, value):
        if value < 1 or value > 500:
            raise serializers.ValidationError("Capacity must be between 1 and 500 animals.")
        return value

    def validate(self, attrs):
        dose = attrs.pop("dose", serializers.empty)
        if dose is not serializers.empty:
            if dose is None:
                attrs["dose"] = None
            else:
                attrs["dose"] = dose[0]
                if dose[1]:
                    attrs["dose_unit"] = dose[1][:20]
        study = self.context.get("study") or getattr(self.instance, "study", None)
        name = attrs.get("name")
        if name is not None and study is not None:
            clash = Arm.objects.filter(study=study, name=name)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise serializers.ValidationError({"name": f"This study already has a group named {name!r}."})
        treatment = attrs.get("treatment", getattr(self.instance, "treatment", None))
        lot = attrs.get("lot", getattr(self.instance, "lot", None))
        if lot is not None:
            if treatment is None:
                attrs["treatment"] = lot.test_article
            elif lot.test_article_id != treatment.pk:
                raise serializers.ValidationError(
                    {"lot": f"Lot {lot.lot_number} is of {lot.test_article.name}, not of {treatment.name}."}
                )
        if attrs.get("is_control") and study is not None:
            other = Arm.objects.filter(study=study, is_control=True)
            if self.instance is not None:
                other = other.exclude(pk=self.instance.pk)
            if other.exists():
                raise serializers.ValidationError(
                    {"is_control": f"The study already has a control group ({other.first().name})."}
                )
        return super().validate(attrs)


# --------------------------------------------------------------------------------------------------
# Studies


class StudySerializer(LabOwnedSerializer):
    groups = ArmSerializer(source="arms", many=True, read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    day0 = serializers.DateField(required=False, help_text="Study day 0; defaults to implanted_on.")
    n_animals = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = Study
        fields = [
            "id", "lab", "name", "tumor_model", "cell_line", "strain", "implanted_on", "cells_implanted",
            "implant_site", "day0", "volume_formula", "endpoint_volume_mm3", "weight_loss_endpoint_pct",
            "measure_every_days", "status", "description", "groups", "n_animals", "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = ["created_at"]

    def validate_endpoint_volume_mm3(self, value):
        if not (100 <= value <= 4000):
            raise serializers.ValidationError("Use an endpoint between 100 and 4000 mm³ (usually 1500–2000).")
        return value

    def validate_weight_loss_endpoint_pct(self, value):
        if not (5 <= value <= 30):
            raise serializers.ValidationError(
                "Use a weight-loss endpoint between 5 and 30 % (usually 15–20)."
            )
        return value

    def validate_measure_every_days(self, value):
        if not (1 <= value <= 14):
            raise serializers.ValidationError("Measure at least every 14 days.")
        return value

    def validate(self, attrs):
        if self.instance is None and not attrs.get("day0"):
            if not attrs.get("implanted_on"):
                raise serializers.ValidationError(
                    {"day0": "Give day0 (or implanted_on, which then is day 0)."}
                )
            attrs["day0"] = attrs["implanted_on"]
        return super().validate(attrs)


# --------------------------------------------------------------------------------------------------
# Animals


class SexField(serializers.ChoiceField):
    ALIASES = {"f": "F", "female": "F", "w": "F", "m": "M", "male": "M"}

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = self.ALIASES.get(data.strip().lower(), data)
        return super().to_internal_value(data)


class AnimalSerializer(StudyScopedSerializer):
    group = ScopedRelatedField(
        Arm,
        source="arm",
        required=False,
        allow_null=True,
        help_text="The group's (arm's) id; null before randomisation.",
    )
    group_name = serializers.CharField(source="arm.name", read_only=True, default=None)
    sex = SexField(choices=Animal.Sex.choices, required=False)

    class Meta:
        model = Animal
        fields = [
            "id", "lab", "study", "tag", "group", "group_name", "cage", "sex", "born_on", "age_weeks",
            "implanted_on", "status", "exit_date", "notes", "created_at",
        ]  # fmt: skip
        read_only_fields = ["status", "exit_date", "created_at"]

    def validate_tag(self, value):
        value = value.strip()
        if not value:
            raise serializers.ValidationError("The tag is required.")
        study = self.context.get("study") or getattr(self.instance, "study", None)
        clash = Animal.objects.filter(study=study, tag=value)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(f"Tag {value!r} is already used in this study.")
        return value

    def validate_age_weeks(self, value):
        if value is not None and not (1 <= value <= 150):
            raise serializers.ValidationError("Age in weeks must be between 1 and 150.")
        return value

    def validate(self, attrs):
        study = self.context.get("study") or getattr(self.instance, "study", None)
        arm = attrs.get("arm")
        if arm is not None and study is not None and arm.study_id != study.pk:
            raise serializers.ValidationError({"group": f"Group {arm.pk} belongs to another study."})
        return super().validate(attrs)


# --------------------------------------------------------------------------------------------------
# Measurements, events, doses


class MeasurementSerializer(serializers.ModelSerializer):
    tag = serializers.CharField(source="animal.tag", read_only=True)
    day = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)

    class Meta:
        model = Measurement
        fields = [
            "id", "lab", "study", "animal", "tag", "date", "day", "length_mm", "width_mm", "volume_mm3",
            "weight_g", "swapped", "note", "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_day(self, obj) -> int:
        return obj.study.day_of(obj.date)


class MeasurementRowSerializer(serializers.Serializer):
    """One row of ``POST /studies/{id}/measurements/`` (documentation; rows are checked together)."""

    animal = serializers.CharField(help_text="The animal's tag.")
    date = serializers.DateField()
    length_mm = serializers.FloatField(
        required=False, allow_null=True, help_text="Longer axis; swapped if not."
    )
    width_mm = serializers.FloatField(required=False, allow_null=True)
    weight_g = serializers.FloatField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


class MeasurementCorrectionSerializer(serializers.Serializer):
    date = serializers.DateField(required=False)
    length_mm = serializers.FloatField(required=False, allow_null=True)
    width_mm = serializers.FloatField(required=False, allow_null=True)
    weight_g = serializers.FloatField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text="Why the value changes (audit)."
    )


# Read-only copies of choice fields are plain strings in the schema, so that each choice set is an
# enum of exactly one component (drf-spectacular names it without collisions).


class EventSerializer(serializers.ModelSerializer):
    tag = serializers.CharField(source="animal.tag", read_only=True)
    kind = serializers.CharField(read_only=True, help_text="One of the kinds of EventRow.")
    day = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)

    class Meta:
        model = Event
        fields = [
            "id",
            "lab",
            "study",
            "animal",
            "tag",
            "date",
            "day",
            "kind",
            "note",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields

    def get_day(self, obj) -> int:
        return obj.study.day_of(obj.date)


class EventRowSerializer(serializers.Serializer):
    animal = serializers.CharField(help_text="The animal's tag.")
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    note = serializers.CharField(required=False, allow_blank=True)


class DoseSerializer(serializers.ModelSerializer):
    tag = serializers.CharField(source="animal.tag", read_only=True)
    status = serializers.CharField(read_only=True, help_text="planned, given or skipped.")
    group = serializers.IntegerField(source="arm_id", read_only=True)
    group_name = serializers.CharField(source="arm.name", read_only=True)
    day = serializers.SerializerMethodField()
    given_by = serializers.CharField(source="given_by.username", read_only=True, default=None)

    class Meta:
        model = Dose
        fields = [
            "id", "lab", "study", "animal", "tag", "group", "group_name", "date", "day", "status", "amount",
            "unit", "route", "given_at", "given_by", "note",
        ]  # fmt: skip
        read_only_fields = [f for f in fields if f != "note"]

    def get_day(self, obj) -> int:
        return obj.study.day_of(obj.date)


# --------------------------------------------------------------------------------------------------
# Randomisation and analyses


class RandomizeRequestSerializer(serializers.Serializer):
    groups = BoundedListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=100,
        help_text="Ids of the groups (arms) to fill, each up to its capacity; at most 100.",
    )
    min_volume_mm3 = FiniteFloatField(default=50.0)
    max_volume_mm3 = FiniteFloatField(default=100.0)
    seed = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=2**63 - 1)
    n_iter = serializers.IntegerField(default=10000, min_value=1, max_value=200000)
    date = serializers.DateField(
        required=False, help_text="Use volumes measured up to this date (default today)."
    )
    dry_run = serializers.BooleanField(default=False, help_text="Compute without storing or assigning.")

    def validate_groups(self, value):
        study = self.context["study"]
        arms = {a.pk: a for a in Arm.objects.filter(study=study, pk__in=value)}
        errors = {}
        for i, pk in enumerate(value):
            if pk not in arms:
                errors[i] = [f"No group with id {pk} in this study."]
        if len(set(value)) != len(value):
            raise serializers.ValidationError("A group is listed twice.")
        if errors:
            raise serializers.ValidationError(errors)
        return [arms[pk] for pk in value]

    def validate(self, attrs):
        lo, hi = attrs["min_volume_mm3"], attrs["max_volume_mm3"]
        if lo < 0 or hi <= 0:
            raise serializers.ValidationError({"min_volume_mm3": "Volumes must be positive."})
        if lo > hi:
            raise serializers.ValidationError(
                {"max_volume_mm3": f"The window is empty: {lo:g} mm³ is above {hi:g} mm³."}
            )
        return attrs


class RandomisationSerializer(serializers.ModelSerializer):
    groups = serializers.SerializerMethodField()
    balance = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)

    class Meta:
        model = Randomisation
        fields = [
            "id", "lab", "study", "date", "seed", "n_iter", "objective", "objective_name", "sd_weight",
            "min_volume_mm3", "max_volume_mm3", "groups", "assignment", "balance", "before", "after", "table",
            "excluded", "flags", "analysis_version", "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_groups(self, obj) -> list[int]:
        return [g["group"] for g in obj.group_stats]

    def get_balance(self, obj) -> dict:
        return {
            "groups": obj.group_stats,
            "objective": obj.objective,
            "objective_name": obj.objective_name,
            "before": obj.before,
            "after": {k: v for k, v in obj.after.items() if k != "group_stats"},
        }


class AnalysisRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AnalysisResult.Kind.choices)
    settings = serializers.DictField(
        required=False,
        default=dict,
        help_text="growth: baseline_day, mean, log_offset, tgd_volume_mm3, tgd_method, "
        "response_criteria; survival: ci_method, median_rule, pairwise, at_risk_step.",
    )

    def validate(self, attrs):
        allowed = GROWTH_SETTINGS if attrs["kind"] == "growth" else SURVIVAL_SETTINGS
        unknown = sorted(set(attrs["settings"]) - allowed)
        if unknown:
            raise serializers.ValidationError(
                {
                    "settings": f"Unknown setting {unknown[0]!r} for a {attrs['kind']} analysis; use {', '.join(sorted(allowed))}."
                }
            )
        s = attrs["settings"]
        choices = {
            "mean": ("arithmetic", "geometric"),
            "tgd_method": ("km", "median"),
            "ci_method": ("log-log", "log", "plain"),
            "median_rule": ("first", "midpoint"),
            "pairwise": ("all", "vs_reference"),
        }
        for key, ok in choices.items():
            if key in s and s[key] not in ok:
                raise serializers.ValidationError({"settings": f"{key} must be one of {', '.join(ok)}."})
        for key in ("baseline_day", "log_offset", "tgd_volume_mm3", "at_risk_step"):
            if key in s and s[key] is not None:
                if (
                    isinstance(s[key], bool)
                    or not isinstance(s[key], (int, float))
                    or abs(s[key]) > 1e9
                    or not math.isfinite(s[key])
                ):
                    raise serializers.ValidationError({"settings": f"{key} must be a number."})
                if key in ("tgd_volume_mm3", "at_risk_step") and s[key] <= 0:
                    raise serializers.ValidationError({"settings": f"{key} must be positive."})
        if "response_criteria" in s:
            from studies.analysis.growth import ResponseCriteria

            rc = s["response_criteria"]
            if not isinstance(rc, dict) or set(rc) - set(ResponseCriteria.__dataclass_fields__):
                raise serializers.ValidationError(
                    {
                        "settings": f"response_criteria takes {', '.join(ResponseCriteria.__dataclass_fields__)}."
                    }
                )
        return attrs


class AnalysisResultSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    kind = serializers.CharField(read_only=True, help_text="growth or survival.")

    class Meta:
        model = AnalysisResult
        fields = [
            "id", "lab", "study", "kind", "version", "settings", "analysis_version", "inputs_sha256", "job",
            "created_by", "created_at", "result",
        ]  # fmt: skip
        read_only_fields = fields
