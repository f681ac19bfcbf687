from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.forms import PasswordChangeForm

from il2portal.models import Lot, Membership, TestArticle

User = get_user_model()


class AddMemberForm(forms.Form):
    username = forms.CharField()
    role = forms.ChoiceField(
        choices=[(Membership.Role.MEMBER, "Member"), (Membership.Role.ADMIN, "Admin / PI")]
    )

    def clean_username(self):
        name = self.cleaned_data["username"]
        user = (
            User.objects.filter(username=name, is_active=True)
            .exclude(memberships__role=Membership.Role.INSTRUMENT)
            .first()
        )
        if user is None:
            raise forms.ValidationError(f"No active user named {name!r}.")
        return user


class LabForm(forms.Form):
    name = forms.CharField(max_length=200)
    time_zone = forms.CharField(max_length=64, initial="UTC")


class PersonalTokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="e.g. “analysis notebook”")


class InstrumentTokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="e.g. “Synergy H1, room 3.12”")


class TestArticleForm(forms.ModelForm):
    class Meta:
        model = TestArticle
        fields = ["name", "kind", "target", "mutations", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, lab=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lab = lab

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if TestArticle.objects.filter(lab=self.lab, name=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("A test article with this name already exists in your lab.")
        return name


class LotForm(forms.ModelForm):
    class Meta:
        model = Lot
        fields = [
            "lot_number",
            "concentration",
            "concentration_unit",
            "specific_activity_iu_per_mg",
            "received_on",
            "notes",
        ]
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, test_article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.test_article = test_article

    def clean_lot_number(self):
        number = self.cleaned_data["lot_number"].strip()
        if Lot.objects.filter(test_article=self.test_article, lot_number=number).exists():
            raise forms.ValidationError("This lot number already exists for this test article.")
        return number

    def clean(self):
        data = super().clean()
        if data.get("concentration") is not None:
            if data["concentration"] <= 0:
                self.add_error("concentration", "Concentration must be positive.")
            if not data.get("concentration_unit"):
                self.add_error("concentration_unit", "Give the unit of the concentration.")
        return data


class CheckedPasswordChangeForm(PasswordChangeForm):
    """Checks the old password through ``authenticate()``, so that guessing it from a stolen session
    counts towards the same lockout as the login page and the token endpoint."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(self.request, username=self.user.get_username(), password=old_password)
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class ReleaseSpecificationForm(forms.ModelForm):
    """What a lot of this test article must show to be released: its relative potency range (%) and
    the number of independent runs combined into the reportable value."""

    class Meta:
        model = TestArticle
        fields = ["release_low_pct", "release_high_pct", "release_min_runs"]

    def clean(self):
        data = super().clean()
        return release_specification_check(data, self.add_error)


def release_specification_check(data: dict, add_error) -> dict:
    """Both ends or neither, each above 0 %, low not above high, at least 2 runs (a page and the API
    share this)."""
    low, high, runs = data.get("release_low_pct"), data.get("release_high_pct"), data.get("release_min_runs")
    if (low is None) != (high is None):
        add_error("release_high_pct" if high is None else "release_low_pct", "Give both ends of the range.")
    for name, value in (("release_low_pct", low), ("release_high_pct", high)):
        if value is not None and not 0 < value < 1e6:
            add_error(name, "A relative potency is a percentage above 0.")
    if low is not None and high is not None and low > high:
        add_error("release_high_pct", f"The high end ({high:g} %) is below the low end ({low:g} %).")
    if runs is not None and runs < 2:
        add_error("release_min_runs", "Combine at least 2 independent runs.")
    return data


class AuditRangeForm(forms.Form):
    """The dates of a lab-wide audit trail export: both days included, at most a year."""

    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        from il2portal.audit import MAX_RANGE_DAYS

        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", "The end date is before the start date.")
            elif (end - start).days + 1 > MAX_RANGE_DAYS:
                self.add_error("end", f"At most {MAX_RANGE_DAYS} days at a time: choose a shorter range.")
        return data
