"""Murine syngeneic tumor studies: study, arms (groups), animals, caliper measurements, doses,
events, randomisations and versioned analysis results (DOMAIN.md §7–8).

Study time is "day N" counted from the study's ``day0``. Every record belongs to the study's lab.
Records people enter or correct keep an audit trail (django-simple-history).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings as conf
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from il2portal import formatting
from il2portal.models import LabOwned, Lot, TestArticle


class Study(LabOwned):
    class TumorModel(models.TextChoices):
        MC38 = "MC38", "MC38 (colon adenocarcinoma)"
        B16F10 = "B16-F10", "B16-F10 (melanoma)"
        OTHER = "other", "Other"

    class Formula(models.TextChoices):
        LW2_HALF = "lw2_half", "L·W²/2"
        ELLIPSOID = "ellipsoid", "π/6·L·W²"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ACTIVE = "active", "In life"
        COMPLETED = "completed", "Completed"

    name = models.CharField(max_length=200)
    tumor_model = models.CharField(max_length=20, choices=TumorModel.choices, default=TumorModel.MC38)
    cell_line = models.CharField(
        max_length=100, blank=True, help_text="e.g. MC38 (Kerafast ENH204), passage 8"
    )
    strain = models.CharField(max_length=100, default="C57BL/6")
    implanted_on = models.DateField(null=True, blank=True, help_text="Date the tumor cells were implanted.")
    cells_implanted = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Cells per animal, e.g. 1000000."
    )
    implant_site = models.CharField(max_length=100, blank=True, default="s.c., right flank")
    day0 = models.DateField(help_text="Study day 0 (usually the implant date).")
    volume_formula = models.CharField(max_length=12, choices=Formula.choices, default=Formula.LW2_HALF)
    endpoint_volume_mm3 = models.FloatField(default=2000.0, verbose_name="endpoint volume (mm³)")
    weight_loss_endpoint_pct = models.FloatField(
        default=20.0, verbose_name="weight-loss endpoint (%)", help_text="Loss from baseline body weight."
    )
    measure_every_days = models.PositiveSmallIntegerField(
        default=3, help_text="Measurements are due when an animal's last one is this many days old."
    )
    mean_curve_min_pct = models.FloatField(
        default=50.0,
        validators=[MinValueValidator(10.0), MaxValueValidator(100.0)],
        verbose_name="group mean curves need (% of the group)",
        help_text="A group's mean tumor volume is plotted only on days when at least this share of its "
        "animals is measured: later means are of the survivors, whose tumors are the smaller ones.",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-day0", "name"]
        verbose_name_plural = "studies"
        constraints = [models.UniqueConstraint(fields=["lab", "name"], name="study_name_per_lab")]

    def __str__(self) -> str:
        return self.name

    def day_of(self, date: dt.date) -> int:
        """Study day of a calendar date (day 0 = ``day0``)."""
        return (date - self.day0).days

    def date_of(self, day: int) -> dt.date:
        return self.day0 + dt.timedelta(days=int(day))


class Arm(LabOwned):
    """A treatment group of a study (the API calls it a *group*).

    What the animals receive is in :class:`ArmTreatment` rows (``arm.treatments``): a combination arm
    has several, each with its own test article, lot, dose, route and schedule. ``dosing_start_day``
    is the arm's: every treatment's schedule counts from it. ``regimen`` is free text for the protocol's
    wording and is not used to plan doses.
    """

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="arms")
    name = models.CharField(max_length=100)
    dosing_start_day = models.IntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-60), MaxValueValidator(365)],
        help_text="Study day of the first dose (default: the randomisation day).",
    )
    regimen = models.CharField(
        max_length=300,
        blank=True,
        help_text="The regimen in the protocol's words (free text, not used to plan doses).",
    )
    is_control = models.BooleanField(default=False)
    capacity = models.PositiveSmallIntegerField(default=10)
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["study", "order", "id"]
        verbose_name = "group"
        constraints = [models.UniqueConstraint(fields=["study", "name"], name="arm_name_per_study")]

    def __str__(self) -> str:
        return self.name

    @property
    def treatment_list(self) -> list[ArmTreatment]:
        """The arm's treatments in order (uses a prefetch of ``treatments`` when there is one)."""
        return list(self.treatments.all())

    @property
    def first_treatment(self) -> ArmTreatment | None:
        """The first treatment; the API's single ``treatment, dose, route, schedule`` fields read it."""
        treatments = self.treatment_list
        return treatments[0] if treatments else None

    @property
    def treatment_label(self) -> str:
        """Every treatment, joined with " + " (e.g. "Anti-PD-1 10 mg/kg i.p. q3d×5 + IL-2 mutein 1 mg/kg
        s.c. q3d×3"); the regimen text when the arm has no treatment rows."""
        labels = [t.label for t in self.treatment_list]
        return " + ".join(labels) if labels else (self.regimen or "—")


class ArmTreatment(LabOwned):
    """One treatment of an arm: a test article (and lot) at a dose, by a route, on a schedule.

    A combination arm has one row per agent, each with its own schedule; doses are planned per
    treatment (one :class:`Dose` per animal, treatment and date), so a day with two agents gives two
    dose records. ``schedule`` uses the grammar of :mod:`studies.analysis.schedule` and counts from the
    arm's ``dosing_start_day``.
    """

    class Route(models.TextChoices):
        IP = "i.p.", "i.p. (intraperitoneal)"
        SC = "s.c.", "s.c. (subcutaneous)"
        IV = "i.v.", "i.v. (intravenous)"
        IT = "i.t.", "i.t. (intratumoral)"
        PO = "p.o.", "p.o. (oral)"
        OTHER = "other", "other"

    arm = models.ForeignKey(Arm, on_delete=models.CASCADE, related_name="treatments")
    order = models.PositiveSmallIntegerField(default=0)
    test_article = models.ForeignKey(
        TestArticle, null=True, blank=True, on_delete=models.PROTECT, related_name="arm_treatments"
    )
    lot = models.ForeignKey(
        Lot, null=True, blank=True, on_delete=models.PROTECT, related_name="arm_treatments"
    )
    dose = models.FloatField(null=True, blank=True)
    dose_unit = models.CharField(max_length=20, blank=True, default="mg/kg")
    route = models.CharField(max_length=20, blank=True, default="i.p.")
    schedule = models.CharField(max_length=100, blank=True, help_text="e.g. q3d×5, biw×4, once")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["arm", "order", "id"]
        verbose_name = "treatment"

    def __str__(self) -> str:
        return f"{self.arm}: {self.label}"

    @property
    def name(self) -> str:
        """The test article's name ("no test article" for a row without one)."""
        return self.test_article.name if self.test_article_id else "no test article"

    @property
    def dose_text(self) -> str:
        """e.g. "10 mg/kg i.p." ("" parts left out)."""
        parts = [formatting.quantity(self.dose, self.dose_unit) if self.dose is not None else "", self.route]
        return " ".join(p for p in parts if p)

    @property
    def label(self) -> str:
        """e.g. "Anti-PD-1 10 mg/kg i.p. q3d×5"."""
        parts = [self.test_article.name if self.test_article_id else "", self.dose_text, self.schedule]
        return " ".join(p for p in parts if p) or "—"


class Animal(LabOwned):
    class Sex(models.TextChoices):
        FEMALE = "F", "female"
        MALE = "M", "male"

    class Status(models.TextChoices):
        ALIVE = "alive", "alive"
        ENDPOINT = "endpoint", "endpoint (euthanised)"
        DEAD = "dead", "dead"
        WITHDRAWN = "withdrawn", "withdrawn"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="animals")
    tag = models.CharField(max_length=30, help_text="Ear tag or ID, unique within the study.")
    cage = models.CharField(max_length=30, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.FEMALE)
    born_on = models.DateField(null=True, blank=True)
    age_weeks = models.FloatField(null=True, blank=True, help_text="Age at implant, in weeks.")
    # RESTRICT: a group with animals cannot be deleted (SET_NULL would un-assign them without history);
    # deleting the whole study still takes both
    arm = models.ForeignKey(Arm, null=True, blank=True, on_delete=models.RESTRICT, related_name="animals")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ALIVE, db_index=True)
    implanted_on = models.DateField(null=True, blank=True)
    exit_date = models.DateField(null=True, blank=True, help_text="Date the animal left the study.")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["study", "tag"]
        constraints = [models.UniqueConstraint(fields=["study", "tag"], name="animal_tag_per_study")]

    def __str__(self) -> str:
        return self.tag

    @property
    def implant_date(self) -> dt.date | None:
        return self.implanted_on or self.study.implanted_on


class Measurement(LabOwned):
    """One caliper/balance reading of one animal on one day. Volume is computed with the study's
    formula; ``swapped`` records that length and width were entered the wrong way round."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="measurements")
    animal = models.ForeignKey(Animal, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField()
    length_mm = models.FloatField(null=True, blank=True)
    width_mm = models.FloatField(null=True, blank=True)
    volume_mm3 = models.FloatField(null=True, blank=True)
    weight_g = models.FloatField(null=True, blank=True)
    swapped = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["animal__tag", "date"]
        constraints = [
            models.UniqueConstraint(fields=["animal", "date"], name="one_measurement_per_animal_day")
        ]
        indexes = [
            models.Index(fields=["study", "date"]),
            # the flat list (GET /api/v1/measurements/): a lab's rows by study, animal and day
            models.Index(fields=["lab", "study", "animal", "date"], name="measurement_lab_list"),
        ]

    def __str__(self) -> str:
        return f"{self.animal} on {self.date}"


class Dose(LabOwned):
    class Status(models.TextChoices):
        PLANNED = "planned", "planned"
        GIVEN = "given", "given"
        SKIPPED = "skipped", "skipped"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="doses")
    animal = models.ForeignKey(Animal, on_delete=models.CASCADE, related_name="doses")
    arm = models.ForeignKey(Arm, on_delete=models.CASCADE, related_name="doses")
    treatment = models.ForeignKey(
        ArmTreatment,
        on_delete=models.RESTRICT,  # a treatment with doses goes only together with its arm or study
        related_name="doses",
        help_text="The arm's treatment this dose is of (a combination arm plans each agent apart).",
    )
    date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True)
    amount = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    route = models.CharField(max_length=20, blank=True)
    given_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "animal__tag", "treatment__order", "treatment_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["animal", "treatment", "date"], name="one_dose_per_animal_treatment_day"
            )
        ]
        indexes = [models.Index(fields=["study", "status", "date"])]

    def __str__(self) -> str:
        return f"{self.arm} ({self.treatment.name}) dose for {self.animal} on {self.date} ({self.status})"


class Event(LabOwned):
    class Kind(models.TextChoices):
        ENDPOINT_EUTHANASIA = "endpoint_euthanasia", "endpoint euthanasia"
        FOUND_DEAD = "found_dead", "found dead"
        EUTHANASIA_OTHER = "euthanasia_other", "euthanasia, other reason"
        WITHDRAWN = "withdrawn", "withdrawn"
        ULCERATION = "ulceration", "ulceration"
        COMPLETE_RESPONSE = "complete_response", "complete response"
        MORIBUND = "moribund", "moribund"
        NOTE = "note", "note"

    EXIT_STATUS = {
        "endpoint_euthanasia": Animal.Status.ENDPOINT,
        "found_dead": Animal.Status.DEAD,
        "euthanasia_other": Animal.Status.DEAD,
        "withdrawn": Animal.Status.WITHDRAWN,
    }

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="events")
    animal = models.ForeignKey(Animal, on_delete=models.CASCADE, related_name="events")
    date = models.DateField()
    kind = models.CharField(max_length=24, choices=Kind.choices)
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["animal", "date", "kind"], name="one_event_kind_per_animal_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.animal} on {self.date}"

    @property
    def is_exit(self) -> bool:
        return self.kind in self.EXIT_STATUS


class Randomisation(LabOwned):
    """One allocation of animals to arms: inputs, seed, objective and the before/after tables."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="randomisations")
    date = models.DateField(help_text="Volumes as of this date were used.")
    seed = models.BigIntegerField()
    n_iter = models.PositiveIntegerField(default=10000)
    objective = models.FloatField(null=True)
    objective_name = models.CharField(max_length=200)
    sd_weight = models.FloatField(default=0.5)
    min_volume_mm3 = models.FloatField()
    max_volume_mm3 = models.FloatField()
    arms = models.ManyToManyField(Arm, related_name="randomisations")
    group_stats = models.JSONField(default=list)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    table = models.JSONField(default=list)
    excluded = models.JSONField(default=list)
    assignment = models.JSONField(default=list)
    flags = models.JSONField(default=list)
    analysis_version = models.CharField(max_length=20)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"randomisation of {self.study} on {self.date} (seed {self.seed})"


class AnalysisResult(LabOwned):
    """A stored growth or survival analysis. Re-analysis adds a version; none is overwritten."""

    class Kind(models.TextChoices):
        GROWTH = "growth", "growth"
        SURVIVAL = "survival", "survival"
        SYNERGY = "synergy", "combination synergy"
        EXPOSURE = "exposure", "serum exposure"
        IMMUNE = "immune", "immune readouts"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="analyses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    version = models.PositiveIntegerField()
    settings = models.JSONField(default=dict)
    result = models.JSONField()
    analysis_version = models.CharField(max_length=20)
    inputs_sha256 = models.CharField(max_length=64)
    job = models.ForeignKey(
        "il2portal.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["study", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["study", "kind", "version"], name="analysis_version_per_study")
        ]

    def __str__(self) -> str:
        return f"{self.kind} analysis v{self.version} of {self.study}"


class SerumSample(LabOwned):
    """A serum sample of a study animal measured in an ELISA run: the sample's name in the run's layout,
    the animal, the study day of the dose it follows and the hours since that dose. Linked by a naming
    rule ("{animal} d{day} {hours}h", previewed before it is applied) or by a sample map."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="serum_samples")
    animal = models.ForeignKey(Animal, on_delete=models.CASCADE, related_name="serum_samples")
    run = models.ForeignKey("assays.AssayRun", on_delete=models.PROTECT, related_name="serum_samples")
    sample = models.CharField(max_length=200, help_text="The sample's name in the run's layout.")
    dose_day = models.FloatField(help_text="Study day of the dose the sample follows.")
    hours_after_dose = models.FloatField()
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["study", "animal__tag", "dose_day", "hours_after_dose"]
        constraints = [models.UniqueConstraint(fields=["run", "sample"], name="one_animal_per_run_sample")]

    def __str__(self) -> str:
        return f"{self.sample} ({self.animal.tag}, day {self.dose_day:g} + {self.hours_after_dose:g} h)"


def _sheet_path(instance, filename: str) -> str:
    return f"sheets/{instance.sha256[:2]}/{instance.sha256}"


class SheetImport(LabOwned):
    """One upload of a measurement sheet, kept with its bytes whether it was imported or refused."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="sheet_imports")
    original_filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=_sheet_path, max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    error_code = models.CharField(max_length=50, blank=True)
    error_message = models.TextField(blank=True)
    error_detail = models.JSONField(default=dict, blank=True)
    rows_imported = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"sheet {self.original_filename} ({self.status})"

    @property
    def reason(self) -> str:
        """The error message without the file name it starts with (shown next to the name)."""
        prefix = f"{self.original_filename}: "
        return self.error_message.removeprefix(prefix)


def _flow_path(instance, filename: str) -> str:
    return f"flow/{instance.sha256[:2]}/{instance.sha256}"


class FlowImport(LabOwned):
    """One upload of flow cytometry results (a FlowJo statistics table, or FCS files with a workspace),
    kept with its bytes whether it was imported or refused."""

    class Kind(models.TextChoices):
        STATISTICS = "statistics", "statistics table"
        FCS = "fcs", "FCS files with gates"

    class Status(models.TextChoices):
        QUEUED = "queued"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="flow_imports")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.STATISTICS)
    original_filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=_flow_path, max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    error_message = models.TextField(blank=True)
    rule = models.CharField(max_length=200, blank=True, help_text="The naming rule that mapped its samples.")
    skipped = models.JSONField(default=list, blank=True, help_text="Samples skipped on purpose.")
    # FCS path: the gating file's name and kind, and the populations whose computed counts differ from
    # the counts the workspace stored ([{sample, path, computed, stored}])
    report = models.JSONField(default=dict, blank=True)
    job = models.ForeignKey(
        "il2portal.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"flow {self.original_filename} ({self.status})"


class FlowSample(LabOwned):
    """One stained sample of a study animal: its tissue and harvest day, and its population statistics."""

    class Tissue(models.TextChoices):
        TUMOR = "tumor", "tumor"
        SPLEEN = "spleen", "spleen"
        BLOOD = "blood", "blood"
        DLN = "dln", "draining lymph node"

    flow_import = models.ForeignKey(FlowImport, on_delete=models.CASCADE, related_name="samples")
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="flow_samples")
    animal = models.ForeignKey(Animal, on_delete=models.CASCADE, related_name="flow_samples")
    name = models.CharField(max_length=255)
    tissue = models.CharField(max_length=10, choices=Tissue.choices)
    harvest_day = models.FloatField()
    # [{"population": "Live/CD45+/CD3+/CD8+", "statistic": "count", "value": 1234.0}, …]
    statistics = models.JSONField(default=list)

    class Meta:
        ordering = ["study", "animal__tag", "tissue"]
        constraints = [
            models.UniqueConstraint(fields=["flow_import", "name"], name="one_flow_sample_name_per_import")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.animal.tag}, {self.tissue}, day {self.harvest_day:g})"


class FlowReadout(LabOwned):
    """A named readout of the lab's immune panel, from two populations' counts: a percentage
    (numerator as % of denominator) or a ratio (numerator / denominator)."""

    class Kind(models.TextChoices):
        PERCENT_OF = "percent_of", "% of"
        RATIO = "ratio", "ratio"

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PERCENT_OF)
    numerator = models.CharField(max_length=300, help_text="Population path, e.g. Live/CD45+/CD3+/CD8+")
    denominator = models.CharField(max_length=300, help_text="Population path, e.g. Live/CD45+")
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["lab", "name"], name="flow_readout_name_per_lab")]

    def __str__(self) -> str:
        return self.name
