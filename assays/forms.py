"""Forms of the assays pages. They turn what a page posts into the services' arguments; the rules
(a run's settings, plates and layout) are the services' (``assays.services.runs``), whose errors
``add_input_error`` shows next to the field they name."""

from __future__ import annotations

import re

from django import forms

from assays import labels
from assays.analysis import kinetics
from assays.analysis.elisa import MODEL_LABELS
from assays.errors import RunInputError
from assays.models import AssayRun, CellLine, Layout, Plate
from il2portal.api.filters import MAX_ID

WEIGHTING_LABELS = labels.WEIGHTING_CHOICES
REFERENCE_CHOICES = [
    ("auto", "automatic (570/540/630 nm if read)"),
    ("570", "570 nm"),
    ("540", "540 nm"),
    ("630", "630 nm"),
    ("none", "none"),
]


def add_input_error(form: forms.Form, exc: RunInputError) -> None:
    """Show a service's refusal next to the form field it names (``settings.model`` -> ``model``,
    ``plates[1]`` -> ``plates``, ``settings.acceptance.min_levels`` -> ``min_levels``), or above
    the form when no field of this form matches."""
    name = re.sub(r"\[\d+\]", "", exc.field).removeprefix("settings.").removeprefix("acceptance.")
    if name in form.fields:
        form.add_error(name, exc.message)
    else:
        form.add_error(None, f"{exc.field}: {exc.message}")


def _id_in_range(value) -> bool:
    """False for a number no database id column holds (it would overflow the driver, not miss)."""
    try:
        return abs(int(str(value).strip())) <= MAX_ID
    except ValueError:
        return True  # not a number: the field itself refuses it


class _RecordField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _id_in_range(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class _RecordsField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        for item in value or ():
            if not _id_in_range(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return super().clean(value)


class _DefaultChoiceField(forms.ChoiceField):
    """A choice that falls back to its initial value when the page sends none."""

    def clean(self, value):
        return super().clean(value) or self.initial


class RunForm(forms.Form):
    """New run: plates and a layout of the lab, the assay kind and its settings."""

    plates = _RecordsField(queryset=Plate.objects.none(), required=False)
    layout = _RecordField(queryset=Layout.objects.none(), required=False)
    kind = _DefaultChoiceField(
        label="Assay", choices=AssayRun.Kind.choices, initial=AssayRun.Kind.ELISA, required=False
    )
    name = forms.CharField(label="Run name", max_length=200, required=False)
    model = _DefaultChoiceField(
        label="Curve model", choices=list(MODEL_LABELS.items()), initial="4PL", required=False
    )
    weighting = _DefaultChoiceField(choices=list(WEIGHTING_LABELS.items()), initial="1/y2", required=False)
    reference_wavelength_nm = _DefaultChoiceField(
        label="Reference wavelength", choices=REFERENCE_CHOICES, initial="auto", required=False
    )
    standard_curve = _DefaultChoiceField(
        choices=[("per_plate", "one per plate"), ("pooled", "pooled over the plates")],
        initial="per_plate",
        required=False,
    )
    blank_subtraction = forms.BooleanField(initial=True, required=False)
    min_levels = forms.IntegerField(label="Standard levels needed", required=False)
    series = forms.CharField(required=False)
    timepoint_h = forms.FloatField(label="Time point (h)", required=False)
    cell_line = _RecordField(
        queryset=CellLine.objects.none(),
        required=False,
        label="Cells",
        help_text="The cells of a bioassay (their IL-2 receptor chains decide what the EC50 means).",
    )

    #: how many of the lab's plates the page lists (the newest); any of the lab's plates may be posted
    LISTED_PLATES = 200

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plates"].queryset = Plate.objects.filter(lab=lab)
        self.fields["layout"].queryset = Layout.objects.filter(lab=lab).order_by("name")
        self.fields["cell_line"].queryset = CellLine.objects.filter(lab=lab).order_by("name")
        self.listed_plates = Plate.objects.filter(lab=lab).order_by("-created_at")[: self.LISTED_PLATES]

    def clean_layout(self):
        layout = self.cleaned_data["layout"]
        if layout is None:
            raise forms.ValidationError("Choose a layout.")
        return layout

    def run_settings(self) -> dict:
        """The run's ``settings`` as the page sets them (checked by the service that creates the run)."""
        data = self.cleaned_data
        settings = {
            "model": data["model"],
            "weighting": data["weighting"],
            "blank_subtraction": data["blank_subtraction"],
        }
        if data["reference_wavelength_nm"] == "none":
            settings["reference_wavelength_nm"] = None
        elif data["reference_wavelength_nm"] != "auto":
            settings["reference_wavelength_nm"] = float(data["reference_wavelength_nm"])
        if data["standard_curve"] == "pooled":
            settings["standard_curve"] = "pooled"
        if data["min_levels"]:
            settings["acceptance"] = {"min_levels": data["min_levels"]}
        return settings


class ReanalyseForm(forms.Form):
    """A new version of a run: wells to leave out, optionally another model or weighting, and why."""

    excluded_wells = forms.CharField(required=False)
    model = forms.ChoiceField(choices=[("", "unchanged"), *MODEL_LABELS.items()], required=False)
    weighting = forms.ChoiceField(choices=[("", "unchanged"), *WEIGHTING_LABELS.items()], required=False)
    reason = forms.CharField(required=False)

    def clean_excluded_wells(self) -> list[str]:
        text = self.cleaned_data["excluded_wells"].replace(";", ",")
        return [w.strip() for w in text.split(",") if w.strip()]

    def changed_settings(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("model", "weighting") if self.cleaned_data[k]}


class ReductionForm(forms.Form):
    """The plate page's heatmap of kinetic and spectral reads: ?reduction=max_slope&window=5, or
    ?reduction=value_at&at=600 (seconds). The window and the time are read only for the reduction
    that takes them; a window out of 2..1000 points is the nearest of them."""

    reduction = forms.ChoiceField(
        choices=[
            ("", "as stored: last time point / spectrum maximum"),
            *((k, kinetics.LABELS[k].split(" over")[0].split(" (")[0]) for k in kinetics.REDUCTIONS),
        ],
        required=False,
        error_messages={"invalid_choice": "Unknown reduction %(value)r."},
    )
    window = forms.CharField(required=False)
    at = forms.CharField(required=False)

    def clean(self):
        data = super().clean()
        name = data.get("reduction")
        kw: dict = {}
        if name == "max_slope":
            try:
                kw["window"] = max(2, min(1000, int(data.get("window") or 5)))
            except ValueError:
                self.add_error("window", "Give a whole number of points.")
        if name == "value_at":
            try:
                kw["at"] = float(data.get("at") or "")
                if kw["at"] != kw["at"] or abs(kw["at"]) > 1e9:
                    raise ValueError
            except ValueError:
                self.add_error("at", "Give the time in seconds.")
        data["kw"] = kw
        return data

    def chosen(self) -> tuple[str | None, dict]:
        """(name, keyword arguments) of the chosen reduction; (None, {}) for the values as stored."""
        if not self.is_valid() or not self.cleaned_data["reduction"]:
            return None, {}
        return self.cleaned_data["reduction"], self.cleaned_data["kw"]


class RunCellLineForm(forms.Form):
    """Name (or change) the cells of an existing run; the analysis is unchanged."""

    cell_line = _RecordField(queryset=CellLine.objects.none(), required=False, label="Cells")

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell_line"].queryset = CellLine.objects.filter(lab=lab).order_by("name")


class CellLineForm(forms.ModelForm):
    class Meta:
        model = CellLine
        fields = ["name", "kind", "species", "cd25", "cd122", "cd132", "readout", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
