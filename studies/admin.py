from django.contrib import admin

from il2portal.admin import SimpleHistoryAdmin
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


class ArmInline(admin.TabularInline):
    model = Arm
    extra = 0
    fields = ["name", "dosing_start_day", "regimen", "is_control", "capacity"]
    show_change_link = True


class ArmTreatmentInline(admin.TabularInline):
    model = ArmTreatment
    extra = 0
    fields = ["order", "test_article", "lot", "dose", "dose_unit", "route", "schedule"]


@admin.register(Arm)
class ArmAdmin(SimpleHistoryAdmin):
    list_display = ["name", "study", "is_control", "capacity"]
    list_filter = ["study"]
    inlines = [ArmTreatmentInline]


@admin.register(Study)
class StudyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "lab", "tumor_model", "strain", "day0", "status"]
    list_filter = ["lab", "status", "tumor_model"]
    search_fields = ["name"]
    inlines = [ArmInline]


@admin.register(Animal)
class AnimalAdmin(SimpleHistoryAdmin):
    list_display = ["tag", "study", "arm", "cage", "sex", "status", "exit_date"]
    list_filter = ["study", "status"]
    search_fields = ["tag"]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["animal", "study", "date", "length_mm", "width_mm", "volume_mm3", "weight_g", "swapped"]
    list_filter = ["study"]
    raw_id_fields = ["animal"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["animal", "study", "date", "kind", "note"]
    list_filter = ["study", "kind"]
    raw_id_fields = ["animal"]


@admin.register(Dose)
class DoseAdmin(SimpleHistoryAdmin):
    list_display = ["animal", "arm", "treatment", "date", "status", "amount", "unit", "route"]
    list_filter = ["study", "status"]
    raw_id_fields = ["animal"]


@admin.register(Randomisation)
class RandomisationAdmin(admin.ModelAdmin):
    list_display = ["study", "date", "seed", "objective", "created_by", "created_at"]
    readonly_fields = [f.name for f in Randomisation._meta.fields]


@admin.register(AnalysisResult)
class AnalysisResultAdmin(admin.ModelAdmin):
    list_display = ["study", "kind", "version", "analysis_version", "created_by", "created_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in AnalysisResult._meta.fields]
