from __future__ import annotations

from django import forms

from assays.models import CellLine
from il2portal.models import TestArticle
from molecules.selectors import METRICS


class MonitoringForm(forms.Form):
    """What a control chart follows: one molecule's curves (the reference standard's, or a test
    molecule's), one metric, filtered by lot, cells, analyst and dates; the baseline is the first N."""

    article = forms.ModelChoiceField(queryset=TestArticle.objects.none(), required=False, label="Molecule")
    role = forms.ChoiceField(
        choices=[("reference", "as the reference standard"), ("test", "as a test sample")],
        required=False,
        label="Curves",
    )
    metric = forms.ChoiceField(
        choices=[(k, v[0]) for k, v in METRICS.items()], required=False, label="Follow"
    )
    lot = forms.CharField(required=False, max_length=100, label="Lot")
    cell_line = forms.ModelChoiceField(queryset=CellLine.objects.none(), required=False, label="Cells")
    analyst = forms.CharField(required=False, max_length=150)
    date_from = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))
    baseline = forms.IntegerField(
        required=False,
        min_value=2,
        max_value=500,
        label="Baseline runs",
        help_text="The first N runs set the mean and SD (CLSI C24 suggests 20).",
    )

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = TestArticle.objects.filter(lab=lab).order_by("name")
        self.fields["cell_line"].queryset = CellLine.objects.filter(lab=lab).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date is before the start date.")
        return data


class ReleaseForm(forms.Form):
    cell_line = forms.ModelChoiceField(queryset=CellLine.objects.none(), label="Cells")
    runs = forms.TypedMultipleChoiceField(coerce=int, choices=[], label="Independent runs")
    method = forms.ChoiceField(
        choices=[
            ("auto", "Ph. Eur. 5.3: weighted mean, or semi-weighted when the runs are not homogeneous"),
            ("unweighted", "unweighted mean of the runs"),
        ],
        initial="auto",
    )
    reason = forms.CharField(max_length=300, required=False, label="Why")

    def __init__(self, *args, lab, run_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell_line"].queryset = CellLine.objects.filter(lab=lab).order_by("name")
        self.fields["runs"].choices = run_choices


class CompareForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[], label="Molecules")

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [
            (a.pk, a.name) for a in TestArticle.objects.filter(lab=lab).order_by("name")
        ]

    def clean_ids(self):
        ids = list(dict.fromkeys(self.cleaned_data["ids"]))
        if not 2 <= len(ids) <= 4:
            raise forms.ValidationError(f"Choose 2 to 4 molecules to compare ({len(ids)} chosen).")
        return ids
