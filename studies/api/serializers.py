"""Serializers of the studies API (API.md "Studies"). Validation of batches lives in
studies.services; these describe records and check single objects."""

from __future__ import annotations

import math
import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from il2portal.api.fields import BoundedListField, LabOwnedSerializer, ScopedRelatedField
from il2portal.api.results import StudyAnalysisResultField
from il2portal.api.signing import ReviewedListSerializer, ReviewField
from il2portal.models import Lot, TestArticle
from studies.analysis.growth import ResponseCriteria
from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    ArmTreatment,
    Dose,
    Event,
    Measurement,
    Randomisation,
    Study,
)
from studies.services.analyses import EXPOSURE_SETTINGS, GROWTH_SETTINGS, SURVIVAL_SETTINGS
from studies.services.common import REASON_MAX_LENGTH
from studies.services.design import MAX_TREATMENTS, out_of_range, treatment_lot_check
from studies.services.dosing import schedule_problem
from studies.services.immune import IMMUNE_SETTINGS
from studies.services.synergy import SYNERGY_SETTINGS
from studies.signing import KIND as STUDY_ANALYSIS


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


def _study_of(field) -> Study | None:
    """The study a (nested) group serializer writes to: the URL's study, or the group's."""
    root = field.root
    study = root.context.get("study")
    if study is None:
        study = getattr(getattr(root, "instance", None), "study", None)
    return study


class StudyLabRelatedField(serializers.PrimaryKeyRelatedField):
    """A test article or lot of the study's lab. Another lab's id is answered exactly like an id that
    does not exist (the caller may belong to that lab too: a study doses its own lab's articles)."""

    default_error_messages = {
        "does_not_exist": "No {model} with id {pk_value} in the study's lab.",
        "incorrect_type": "Expected an id (integer), got {data_type}.",
    }

    def __init__(self, model, **kwargs):
        self.model = model
        kwargs.setdefault("queryset", model.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        study = _study_of(self)
        return (
            self.model.objects.filter(lab_id=study.lab_id) if study is not None else self.model.objects.none()
        )

    def to_internal_value(self, data):
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data < 2**63:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)

    def fail(self, key, **kwargs):
        if key == "does_not_exist":
            kwargs["model"] = self.model._meta.verbose_name
        super().fail(key, **kwargs)


def _within(name: str, value):
    """``value`` when inside the range studies.services.design.LIMITS gives ``name``."""
    problem = out_of_range(name, value)
    if problem:
        raise serializers.ValidationError(problem)
    return value


def _check_schedule(value: str) -> str:
    problem = schedule_problem(value)
    if problem:
        raise serializers.ValidationError(problem)
    return value


def _split_dose(attrs: dict) -> dict:
    """``dose`` given as ``(value, unit or None)`` → ``dose`` and, when a unit came with it, ``dose_unit``."""
    dose = attrs.pop("dose", serializers.empty)
    if dose is not serializers.empty:
        attrs["dose"] = None if dose is None else dose[0]
        if dose is not None and dose[1]:
            attrs["dose_unit"] = dose[1][:20]
    return attrs


def _check_lot(attrs: dict) -> dict:
    problem = treatment_lot_check(attrs)
    if problem:
        raise serializers.ValidationError({"lot": problem})
    return attrs


class ArmTreatmentSerializer(serializers.ModelSerializer):
    """One treatment of a group: its own test article, lot, dose, route and schedule."""

    id = serializers.IntegerField(
        required=False,
        help_text="When changing a group (PATCH): the treatment to change; leave out to add one.",
    )
    treatment = StudyLabRelatedField(
        TestArticle,
        source="test_article",
        required=False,
        allow_null=True,
        help_text="Test article id (vehicle, antibody, IL-2 variant) of the study's lab.",
    )
    treatment_name = serializers.CharField(source="test_article.name", read_only=True, allow_null=True)
    lot = StudyLabRelatedField(Lot, required=False, allow_null=True, help_text="Lot id of that test article.")
    lot_number = serializers.CharField(source="lot.lot_number", read_only=True, allow_null=True)
    dose = DoseField(required=False, allow_null=True, help_text="Number in dose_unit, or text '10 mg/kg'.")

    class Meta:
        model = ArmTreatment
        fields = [
            "id", "treatment", "treatment_name", "lot", "lot_number", "dose", "dose_unit", "route", "schedule",
            "order",
        ]  # fmt: skip
        read_only_fields = ["order"]

    def validate_schedule(self, value):
        return _check_schedule(value)

    def validate(self, attrs):
        return _check_lot(_split_dose(attrs))


class ArmSerializer(StudyScopedSerializer):
    """A group (arm). ``treatments`` lists what its animals receive, each with its own test article, lot,
    dose, route and schedule. The single fields ``treatment, lot, dose, dose_unit, route, schedule``
    are the one-treatment form: written, they mean one treatment (on PATCH: the first treatment);
    read, they are the **first** treatment's values, kept for compatibility (a combination group has
    more: read ``treatments``)."""

    treatments = ArmTreatmentSerializer(
        many=True,
        required=False,
        max_length=MAX_TREATMENTS,
        help_text="The group's treatments in order. On PATCH the list replaces them: rows with an id change "
        "that treatment, rows without add one, treatments left out are removed (refused while they have "
        "given doses). Planned doses follow.",
    )
    treatment = StudyLabRelatedField(
        TestArticle,
        source="first_treatment.test_article",
        required=False,
        allow_null=True,
        help_text="One-treatment form: test article id. Read: the first treatment's.",
    )
    treatment_name = serializers.CharField(
        source="first_treatment.test_article.name", read_only=True, allow_null=True
    )
    lot = StudyLabRelatedField(
        Lot, source="first_treatment.lot", required=False, allow_null=True, help_text="First treatment's lot."
    )
    lot_number = serializers.CharField(
        source="first_treatment.lot.lot_number", read_only=True, allow_null=True
    )
    dose = DoseField(
        source="first_treatment.dose",
        required=False,
        allow_null=True,
        help_text="One-treatment form: number in dose_unit, or text '10 mg/kg'. Read: the first treatment's.",
    )
    dose_unit = serializers.CharField(
        source="first_treatment.dose_unit",
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=20,
        help_text="One-treatment form: the dose's unit (default mg/kg). Read: the first treatment's.",
    )
    route = serializers.CharField(
        source="first_treatment.route",
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=20,
        help_text="One-treatment form: i.p., s.c., i.v., i.t., p.o. … Read: the first treatment's.",
    )
    schedule = serializers.CharField(
        source="first_treatment.schedule",
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=100,
        help_text="One-treatment form: e.g. q3d×5. Read: the first treatment's.",
    )
    treatment_label = serializers.CharField(read_only=True, help_text="Every treatment, joined with ' + '.")
    n_animals = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Arm
        fields = [
            "id", "lab", "study", "name", "treatments", "treatment_label", "treatment", "treatment_name", "lot",
            "lot_number", "dose", "dose_unit", "route", "schedule", "dosing_start_day", "regimen", "is_control",
            "capacity", "order", "n_animals", "created_at",
        ]  # fmt: skip
        read_only_fields = ["created_at"]

    def validate_schedule(self, value):
        return _check_schedule(value)

    def validate_capacity(self, value):
        return _within("capacity", value)

    def validate_treatments(self, value):
        if len(value) > MAX_TREATMENTS:
            raise serializers.ValidationError(f"At most {MAX_TREATMENTS} treatments per group.")
        if self.instance is not None:
            mine = set(self.instance.treatments.values_list("pk", flat=True))
            errors = [
                {"id": [f"Group {self.instance.name!r} has no treatment {row['id']}."]}
                if row.get("id") is not None and row["id"] not in mine
                else {}
                for row in value
            ]
            if any(errors):
                raise serializers.ValidationError(errors)
            ids = [row["id"] for row in value if row.get("id") is not None]
            if len(ids) != len(set(ids)):
                raise serializers.ValidationError("A treatment is listed twice.")
        return value

    def validate(self, attrs):
        single = attrs.pop("first_treatment", None)
        if single is not None:
            # read defaults (None) are not input: keep only what was sent
            single = {
                k: v for k, v in single.items() if not (v is None and k in ("dose_unit", "route", "schedule"))
            }
        if single and "treatments" in attrs:
            raise serializers.ValidationError(
                {
                    "treatments": "Give either treatments or the single fields (treatment, lot, dose, "
                    "dose_unit, route, schedule), not both."
                }
            )
        if single:
            attrs["single_treatment"] = _check_lot(_split_dose(single))
        study = self.context.get("study") or getattr(self.instance, "study", None)
        name = attrs.get("name")
        if name is not None and study is not None:
            clash = Arm.objects.filter(study=study, name=name)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise serializers.ValidationError({"name": f"This study already has a group named {name!r}."})
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
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)
    day0 = serializers.DateField(required=False, help_text="Study day 0; defaults to implanted_on.")
    n_animals = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Study
        fields = [
            "id", "lab", "name", "tumor_model", "cell_line", "strain", "implanted_on", "cells_implanted",
            "implant_site", "day0", "volume_formula", "endpoint_volume_mm3", "weight_loss_endpoint_pct",
            "measure_every_days", "mean_curve_min_pct", "status", "description", "groups", "n_animals",
            "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = ["created_at"]

    def validate_endpoint_volume_mm3(self, value):
        return _within("endpoint_volume_mm3", value)

    def validate_weight_loss_endpoint_pct(self, value):
        return _within("weight_loss_endpoint_pct", value)

    def validate_mean_curve_min_pct(self, value):
        return _within("mean_curve_min_pct", value)

    def validate_measure_every_days(self, value):
        return _within("measure_every_days", value)

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
    group_name = serializers.CharField(source="arm.name", read_only=True, allow_null=True)
    sex = SexField(choices=Animal.Sex.choices, required=False)
    # a tag unique in its study and a group of that study: studies.services.design (animals_validate,
    # animal_update), which the API calls with what this serializer parsed
    constraints_checked_by_fields = frozenset({"animal_tag_per_study"})

    class Meta:
        model = Animal
        fields = [
            "id", "lab", "study", "tag", "group", "group_name", "cage", "sex", "born_on", "age_weeks",
            "implanted_on", "status", "exit_date", "notes", "created_at",
        ]  # fmt: skip
        read_only_fields = ["status", "exit_date", "created_at"]

    def validate_age_weeks(self, value):
        return _within("age_weeks", value)


# --------------------------------------------------------------------------------------------------
# Measurements, events, doses


class MeasurementSerializer(serializers.ModelSerializer):
    tag = serializers.CharField(source="animal.tag", read_only=True)
    day = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)

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
        required=False,
        allow_blank=True,
        max_length=REASON_MAX_LENGTH,
        help_text="Why the value changes (audit), at most 100 characters.",
    )


# Read-only copies of choice fields are plain strings in the schema, so that each choice set is an
# enum of exactly one component (drf-spectacular names it without collisions).


class EventSerializer(serializers.ModelSerializer):
    tag = serializers.CharField(source="animal.tag", read_only=True)
    kind = serializers.CharField(read_only=True, help_text="One of the kinds of EventRow.")
    day = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)

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
    treatment = serializers.IntegerField(
        source="treatment_id",
        read_only=True,
        help_text="The group treatment (an id in the group's treatments).",
    )
    test_article = serializers.IntegerField(
        source="treatment.test_article_id",
        read_only=True,
        allow_null=True,
        help_text="Test article id.",
    )
    treatment_name = serializers.CharField(
        source="treatment.name", read_only=True, help_text="The test article's name."
    )
    lot_number = serializers.CharField(source="treatment.lot.lot_number", read_only=True, allow_null=True)
    day = serializers.SerializerMethodField()
    given_by = serializers.CharField(source="given_by.username", read_only=True, allow_null=True)

    class Meta:
        model = Dose
        fields = [
            "id", "lab", "study", "animal", "tag", "group", "group_name", "treatment", "test_article",
            "treatment_name", "lot_number", "date", "day", "status", "amount", "unit", "route", "given_at",
            "given_by", "note",
        ]  # fmt: skip
        read_only_fields = [f for f in fields if f != "note"]

    def get_day(self, obj) -> int:
        return obj.study.day_of(obj.date)


# --------------------------------------------------------------------------------------------------
# Randomisation and analyses


@extend_schema_serializer(component_name="RandomizeRequest")  # the API's name (POST …/randomize/)
class RandomiseRequestSerializer(serializers.Serializer):
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
    inputs_sha256 = serializers.RegexField(
        r"^[0-9a-f]{64}$",
        required=False,
        help_text="The inputs_sha256 of a dry run: assign only if the animals, their volumes and the groups' "
        "free places are still those of the dry run (with its seed, the allocation is then the dry run's); "
        "otherwise 400 preview_stale and nothing is assigned.",
    )

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
    inputs_sha256 = serializers.SerializerMethodField(
        help_text="SHA-256 of what the allocation depended on (each animal's volume or why it was left out, "
        "each group's free places); in the answer of a run or dry run, null when read back later."
    )
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)

    class Meta:
        model = Randomisation
        fields = [
            "id", "lab", "study", "date", "seed", "n_iter", "objective", "objective_name", "sd_weight",
            "min_volume_mm3", "max_volume_mm3", "groups", "assignment", "balance", "before", "after", "table",
            "excluded", "flags", "inputs_sha256", "analysis_version", "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_inputs_sha256(self, obj) -> str | None:
        return getattr(obj, "inputs_sha256", None)

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
        help_text="growth: baseline_day, mean, log_offset, tgd_volume_mm3, tgd_method, response_criteria, "
        "mean_curve_min_pct (default: the study's), tgi_min_control_n (default 3); survival: ci_method, "
        "median_rule (midpoint | first), pairwise, at_risk_step; exposure: response (growth_rate: the synergy "
        "model's per-animal rate, best_response_pct: the growth analysis's best % change; default the first "
        "when a synergy analysis is stored); synergy: roles {control, a, b, combination} (arm names; default "
        "recognised from the arms' treatments), t0 (default the arms' dosing start day), min_day.",
    )

    def validate(self, attrs):
        allowed = {
            "growth": GROWTH_SETTINGS,
            "survival": SURVIVAL_SETTINGS,
            "exposure": EXPOSURE_SETTINGS,
            "synergy": SYNERGY_SETTINGS,
            "immune": IMMUNE_SETTINGS,
        }.get(attrs["kind"], set())
        unknown = sorted(set(attrs["settings"]) - allowed)
        if unknown:
            raise serializers.ValidationError(
                {
                    "settings": f"Unknown setting {unknown[0]!r} for a {attrs['kind']} analysis; use {', '.join(sorted(allowed))}."
                }
            )
        s = attrs["settings"]
        if "roles" in s and not (
            isinstance(s["roles"], dict)
            and set(s["roles"]) == {"control", "a", "b", "combination"}
            and all(isinstance(v, str) and 0 < len(v) <= 100 for v in s["roles"].values())
        ):
            raise serializers.ValidationError(
                {"settings": "roles must name an arm for each of control, a, b and combination."}
            )
        for key in ("t0", "min_day"):
            if key in s and (
                isinstance(s[key], bool) or not isinstance(s[key], (int, float)) or abs(s[key]) > 10_000
            ):
                raise serializers.ValidationError({"settings": f"{key} must be a study day (a number)."})
        choices = {
            "mean": ("arithmetic", "geometric"),
            "tgd_method": ("km", "median"),
            "ci_method": ("log-log", "log", "plain"),
            "median_rule": ("midpoint", "first"),
            "pairwise": ("all", "vs_reference"),
            "response": ("growth_rate", "best_response_pct"),
            "method": ("kruskal_dunn", "welch_log"),
        }
        for key, ok in choices.items():
            if key in s and s[key] not in ok:
                raise serializers.ValidationError({"settings": f"{key} must be one of {', '.join(ok)}."})
        if "mean_curve_min_pct" in s and (
            isinstance(s["mean_curve_min_pct"], bool)
            or not isinstance(s["mean_curve_min_pct"], (int, float))
            or out_of_range("mean_curve_min_pct", s["mean_curve_min_pct"])
        ):
            raise serializers.ValidationError(
                {"settings": "mean_curve_min_pct must be a number from 10 to 100."}
            )
        if "tgi_min_control_n" in s and (
            isinstance(s["tgi_min_control_n"], bool)
            or not isinstance(s["tgi_min_control_n"], int)
            or not 1 <= s["tgi_min_control_n"] <= 100
        ):
            raise serializers.ValidationError(
                {"settings": "tgi_min_control_n must be a whole number from 1 to 100."}
            )
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
            rc = s["response_criteria"]
            if not isinstance(rc, dict) or set(rc) - set(ResponseCriteria.__dataclass_fields__):
                raise serializers.ValidationError(
                    {
                        "settings": f"response_criteria takes {', '.join(ResponseCriteria.__dataclass_fields__)}."
                    }
                )
        return attrs


class AnalysisResultSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)
    result = StudyAnalysisResultField(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="growth, survival, synergy, exposure or immune.")
    review = ReviewField()

    class Meta:
        model = AnalysisResult
        signable_kind = STUDY_ANALYSIS
        list_serializer_class = ReviewedListSerializer
        fields = [
            "id", "lab", "study", "kind", "version", "settings", "analysis_version", "inputs_sha256", "job",
            "created_by", "created_at", "result", "review",
        ]  # fmt: skip
        read_only_fields = fields
