from __future__ import annotations

import datetime as dt

from django import forms

from il2portal.models import Lot, TestArticle
from studies.models import AnalysisResult, Animal, Arm, ArmTreatment, Dose, Event, Study
from studies.services.common import BatchError, StudyError
from studies.services.design import (
    LIMITS,
    MAX_TREATMENTS,
    animals_validate,
    out_of_range,
    tag_range,
    treatment_lot_check,
)
from studies.services.dosing import schedule_problem

DATE = forms.DateInput(attrs={"type": "date"})


def _check_limits(form: forms.Form, data: dict) -> None:
    """The ranges of studies.services.design.LIMITS, for the form's fields that have one."""
    for name in LIMITS.keys() & data.keys():
        problem = out_of_range(name, data[name])
        if problem:
            form.add_error(name, problem)


class StudyForm(forms.ModelForm):
    class Meta:
        model = Study
        fields = [
            "name", "tumor_model", "cell_line", "strain", "implanted_on", "cells_implanted", "implant_site",
            "day0", "volume_formula", "endpoint_volume_mm3", "weight_loss_endpoint_pct", "measure_every_days",
            "mean_curve_min_pct", "status", "description",
        ]  # fmt: skip
        widgets = {"implanted_on": DATE, "day0": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, lab=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lab = lab
        self.fields["day0"].required = False
        self.fields["day0"].help_text = "Leave empty to use the implant date."
        self.fields["mean_curve_min_pct"].required = False

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Study.objects.filter(lab=self.lab, name=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("A study with this name already exists in your lab.")
        return name

    def clean_mean_curve_min_pct(self):
        v = self.cleaned_data["mean_curve_min_pct"]
        return Study._meta.get_field("mean_curve_min_pct").default if v is None else v

    def clean(self):
        data = super().clean()
        _check_limits(self, data)
        if not data.get("day0"):
            if not data.get("implanted_on"):
                self.add_error("day0", "Give day 0 or the implant date.")
            else:
                data["day0"] = data["implanted_on"]
        return data


class ArmForm(forms.ModelForm):
    """The arm itself; what its animals receive is in :class:`ArmTreatmentFormSet` rows."""

    class Meta:
        model = Arm
        fields = ["name", "dosing_start_day", "is_control", "capacity", "regimen"]

    def __init__(self, *args, study=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.study = study

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Arm.objects.filter(study=self.study, name=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This study already has a group with this name.")
        return name

    def clean(self):
        data = super().clean()
        _check_limits(self, data)
        if data.get("is_control"):
            other = Arm.objects.filter(study=self.study, is_control=True).exclude(pk=self.instance.pk).first()
            if other is not None:
                self.add_error("is_control", f"The study already has a control group ({other.name}).")
        return data


ROUTE_SUGGESTIONS = [value for value, _label in ArmTreatment.Route.choices]


class ArmTreatmentForm(forms.ModelForm):
    """One treatment row of an arm: test article (and lot), dose, unit, route and schedule. Test
    articles and lots are those of the study's lab only."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ArmTreatment
        fields = ["test_article", "lot", "dose", "dose_unit", "route", "schedule"]
        labels = {"test_article": "Test article", "dose_unit": "Unit"}

    def __init__(self, *args, study=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.study = study
        self.fields["test_article"].queryset = TestArticle.objects.filter(lab=study.lab)
        self.fields["lot"].queryset = Lot.objects.filter(lab=study.lab).select_related("test_article")
        self.fields["lot"].label_from_instance = lambda lot: f"{lot.lot_number} · {lot.test_article.name}"
        self.fields["schedule"].widget.attrs["placeholder"] = "q3d×5"
        # the rows share one note on schedules (templates/studies/_treatment_rows.html)
        self.fields["schedule"].widget.attrs["aria-describedby"] = "treatment-schedule-help"
        self.fields["route"].widget.attrs["list"] = "route-suggestions"
        self.fields["dose"].widget.attrs["step"] = "any"

    def clean_schedule(self):
        value = self.cleaned_data["schedule"].strip()
        problem = schedule_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean(self):
        data = super().clean()
        problem = treatment_lot_check(data)
        if problem:
            self.add_error("lot", problem)
        if data.get("dose") is not None and data["dose"] < 0:
            self.add_error("dose", "The dose must be a number ≥ 0.")
        return data


class _TreatmentRows(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if len(self.treatment_rows()) > MAX_TREATMENTS:
            raise forms.ValidationError(f"At most {MAX_TREATMENTS} treatments per group.")

    def treatment_rows(self) -> list[dict]:
        """The rows kept (not removed, not left empty), as service input."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            rows.append({k: v for k, v in data.items() if k != "DELETE" and not (k == "id" and v is None)})
        return rows


def arm_treatment_formset(data=None, *, study, initial=None, prefix="treatments"):
    """The treatment rows of the arm form: one empty row for a new arm, the arm's rows to edit one."""
    extra = 0 if initial else 1
    formset_class = forms.formset_factory(
        ArmTreatmentForm,
        formset=_TreatmentRows,
        extra=extra,
        can_delete=True,
        max_num=MAX_TREATMENTS,
        absolute_max=MAX_TREATMENTS,
    )
    return formset_class(data, initial=initial, prefix=prefix, form_kwargs={"study": study})


class AnimalsForm(forms.Form):
    tags = forms.CharField(
        help_text="A range such as M01-M40, or tags separated by commas or spaces.",
        widget=forms.TextInput(attrs={"placeholder": "M01-M40"}),
    )
    per_cage = forms.IntegerField(
        min_value=1, max_value=10, initial=5, help_text="Animals per cage (C1, C2, …)."
    )
    sex = forms.ChoiceField(choices=Animal.Sex.choices, initial="F")
    age_weeks = forms.FloatField(required=False)
    implanted_on = forms.DateField(
        required=False, widget=DATE, help_text="Default: the study's implant date."
    )
    arm = forms.ModelChoiceField(
        queryset=Arm.objects.none(),
        required=False,
        label="Group",
        help_text="Leave empty to randomise later.",
    )

    def __init__(self, *args, study=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.study = study
        self.fields["arm"].queryset = Arm.objects.filter(study=study)

    def clean(self):
        data = super().clean()
        _check_limits(self, data)
        return data

    def clean_tags(self):
        text = self.cleaned_data["tags"].strip()
        try:
            tags = tag_range(text) if "-" in text and "," not in text and " " not in text.strip() else None
        except ValueError:
            tags = None
        if tags is None:
            tags = [t for t in text.replace(",", " ").split() if t]
        if not tags:
            raise forms.ValidationError("Give at least one tag.")
        try:  # the rules of a batch of new animals, as the API applies them
            animals_validate(study=self.study, rows=[{"tag": t} for t in tags])
        except StudyError as exc:
            raise forms.ValidationError(exc.message) from None
        except BatchError as exc:
            if any(e.code == "tag_repeated" for e in exc.errors):
                raise forms.ValidationError("A tag is listed twice.") from None
            taken = sorted(tags[e.index] for e in exc.errors if e.code == "tag_taken")
            raise forms.ValidationError(f"Already in this study: {', '.join(taken[:10])}.") from None
        return tags


class EventForm(forms.Form):
    date = forms.DateField(widget=DATE)
    kind = forms.ChoiceField(choices=Event.Kind.choices)
    note = forms.CharField(required=False, max_length=500)


class RandomiseForm(forms.Form):
    min_volume_mm3 = forms.FloatField(initial=50, min_value=0, label="Window from (mm³)")
    max_volume_mm3 = forms.FloatField(initial=100, min_value=0, label="Window to (mm³)")
    date = forms.DateField(widget=DATE, help_text="Use each animal's latest volume up to this date.")
    seed = forms.IntegerField(required=False, min_value=0, help_text="Empty: a new random seed (recorded).")
    arms = forms.ModelMultipleChoiceField(
        queryset=Arm.objects.none(), widget=forms.CheckboxSelectMultiple, label="Groups"
    )
    n_iter = forms.IntegerField(initial=10000, min_value=100, max_value=200000, label="Allocations searched")
    preview_token = forms.CharField(required=False, widget=forms.HiddenInput)

    seed_drawn = False  # set by the page when a preview drew the seed shown

    def __init__(self, *args, study=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arms"].queryset = Arm.objects.filter(study=study)

    def clean(self):
        data = super().clean()
        lo, hi = data.get("min_volume_mm3"), data.get("max_volume_mm3")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("max_volume_mm3", "The window is empty.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(help_text="CSV or XLSX: columns tag, date (or day), length, width, weight.")
    date = forms.DateField(required=False, widget=DATE, help_text="For sheets without a date column.")

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > self.MAX_BYTES:
            raise forms.ValidationError(f"The sheet is {f.size / 1e6:.1f} MB; the limit is 5 MB.")
        return f


class AnalyseForm(forms.Form):
    """The dashboard's "run analysis" buttons."""

    kind = forms.ChoiceField(choices=AnalysisResult.Kind.choices)


class MeasurementGridForm(forms.Form):
    """The day's entry grid: length, width and weight of each animal not yet measured that day, as typed
    (``length_mm-<animal id>``…); the measurement service reads the numbers (decimal commas, limits)."""

    VALUES = ("length_mm", "width_mm", "weight_g")

    def __init__(self, *args, animals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.animals = list(animals)
        for animal in self.animals:
            for name in self.VALUES:
                self.fields[f"{name}-{animal.pk}"] = forms.CharField(required=False)

    def typed(self) -> dict[str, dict[str, str]]:
        """``{animal id: {length_mm, width_mm, weight_g}}`` as typed (stripped), for every animal."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return {
            str(a.pk): {name: (data.get(f"{name}-{a.pk}") or "").strip() for name in self.VALUES}
            for a in self.animals
        }


class MeasurementCorrectionForm(forms.Form):
    """A correction of a saved measurement from the entry grid: the new values as typed and the reason."""

    reason = forms.CharField()
    length_mm = forms.CharField(required=False)
    width_mm = forms.CharField(required=False)
    weight_g = forms.CharField(required=False)


class ReasonForm(forms.Form):
    """Why a record is removed (kept in its history)."""

    reason = forms.CharField()


class DosesGivenForm(forms.Form):
    """Record the planned doses of one treatment of a group on one day as given (or skipped)."""

    arm = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    treatment = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    date = forms.DateField(input_formats=["%Y-%m-%d"])
    status = forms.CharField(required=False)  # "skipped"; anything else records them given

    def clean_status(self) -> str:
        return Dose.Status.SKIPPED if self.cleaned_data["status"] == "skipped" else Dose.Status.GIVEN


def parse_day(value: str | None, default: dt.date) -> dt.date:
    """A date from a query parameter; the default for a missing, malformed or out-of-range one (a page
    shows the days before and after, so the calendar's first and last days are refused too)."""
    try:
        day = dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default
    return day if dt.date(1900, 1, 1) <= day <= dt.date(2999, 12, 31) else default
