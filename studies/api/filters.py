"""FilterSets shared by the API lists (and the nested lists under a study)."""

from __future__ import annotations

import django_filters as filters

from il2portal.api.filters import IdFilter, LabScopedFilterSet
from il2portal.models import TestArticle
from studies.models import AnalysisResult, Animal, Arm, Dose, Event, Measurement, Randomisation, Study


class StudyFilter(LabScopedFilterSet):
    name = filters.CharFilter(lookup_expr="icontains")
    day0_after = filters.DateFilter(field_name="day0", lookup_expr="gte")
    day0_before = filters.DateFilter(field_name="day0", lookup_expr="lte")

    class Meta:
        model = Study
        fields = ["lab", "status", "tumor_model", "strain", "name"]


class ArmFilter(LabScopedFilterSet):
    treatment = filters.ModelChoiceFilter(
        field_name="treatments__test_article",
        queryset=TestArticle.objects.all(),
        distinct=True,
        help_text="Groups with this test article among their treatments.",
    )

    class Meta:
        model = Arm
        fields = ["study", "is_control", "treatment"]


class AnimalFilter(LabScopedFilterSet):
    group = IdFilter(field_name="arm_id")
    unassigned = filters.BooleanFilter(field_name="arm", lookup_expr="isnull")

    class Meta:
        model = Animal
        fields = ["study", "group", "status", "cage", "sex", "tag"]


class MeasurementFilter(LabScopedFilterSet):
    tag = filters.CharFilter(field_name="animal__tag")
    group = IdFilter(field_name="animal__arm_id")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")
    swapped = filters.BooleanFilter()

    class Meta:
        model = Measurement
        fields = ["study", "animal", "tag", "group", "date", "swapped"]


class EventFilter(LabScopedFilterSet):
    tag = filters.CharFilter(field_name="animal__tag")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["study", "animal", "tag", "kind", "date"]


class DoseFilter(LabScopedFilterSet):
    group = IdFilter(field_name="arm_id")
    treatment = IdFilter(field_name="treatment_id", help_text="The group treatment's id.")
    test_article = filters.ModelChoiceFilter(
        field_name="treatment__test_article", queryset=TestArticle.objects.all()
    )
    tag = filters.CharFilter(field_name="animal__tag")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Dose
        fields = ["study", "animal", "tag", "group", "treatment", "test_article", "status", "date"]


class RandomisationFilter(LabScopedFilterSet):
    class Meta:
        model = Randomisation
        fields = ["study"]


class AnalysisFilter(LabScopedFilterSet):
    class Meta:
        model = AnalysisResult
        fields = ["study", "kind", "version"]
