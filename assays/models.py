"""Plates as imported: the original file (kept byte for byte), imports (also failed ones),
plates, reads and wells in long form; layouts (plate maps); assay runs and their result versions."""

from __future__ import annotations

from django.conf import settings as conf
from django.db import models
from simple_history.models import HistoricalRecords

from il2portal.models import LabOwned


def _original_path(instance, filename: str) -> str:
    return f"originals/{instance.sha256[:2]}/{instance.sha256}"


class StoredFile(LabOwned):
    """An uploaded file exactly as received, addressed by its SHA-256 within the lab."""

    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    file = models.FileField(upload_to=_original_path, max_length=200)
    uploaded_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lab", "sha256"], name="one_stored_file_per_hash_per_lab")
        ]

    def __str__(self) -> str:
        return f"{self.original_filename} ({self.sha256[:12]})"


class PlateImport(LabOwned):
    """One attempt to read an uploaded file. Failed attempts are kept and can be retried."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    stored_file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="imports"
    )
    original_filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=16, choices=Status.choices)
    vendor_requested = models.CharField(max_length=50, blank=True)
    vendor = models.CharField(max_length=50, blank=True)
    error_code = models.CharField(max_length=50, blank=True)
    error_message = models.TextField(blank=True)
    error_detail = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    parse_ms = models.FloatField(null=True, blank=True)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["lab", "-created_at"], name="import_lab_created")]

    def __str__(self) -> str:
        return f"import of {self.original_filename} ({self.status})"


class Plate(LabOwned):
    plate_import = models.ForeignKey(PlateImport, on_delete=models.PROTECT, related_name="plates")
    stored_file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="plates")
    index_in_file = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    barcode = models.CharField(max_length=100, blank=True, db_index=True)
    vendor = models.CharField(max_length=50, db_index=True)
    instrument = models.CharField(max_length=200, blank=True)
    software = models.CharField(max_length=200, blank=True)
    rows = models.PositiveSmallIntegerField()
    columns = models.PositiveSmallIntegerField()
    metadata = models.JSONField(default=dict, blank=True)
    # PROTECT: a deleted layout must not silently disappear from plates (SET_NULL bypasses history)
    layout = models.ForeignKey(
        "assays.Layout", null=True, blank=True, on_delete=models.PROTECT, related_name="plates"
    )
    uploaded_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["metadata"])

    class Meta:
        ordering = ["-created_at", "index_in_file"]
        # the list's order within a lab, so a deep page walks the index instead of sorting every plate
        indexes = [models.Index(fields=["lab", "-created_at", "index_in_file"], name="plate_lab_created")]

    def __str__(self) -> str:
        return self.name

    @property
    def well_count(self) -> int:
        return self.rows * self.columns


class Read(models.Model):
    """One read of a plate: a wavelength / mode; an endpoint, a kinetic or a spectral read. Reached only
    through its plate.

    Storage: an endpoint read keeps one ``Well`` row per well (as the long-form API shows it). A kinetic
    or spectral read keeps its values here as one array, because one row per point does not scale
    (1536 wells x 400 time points = 614,400 rows for one read): ``series`` is a float64 little-endian blob
    of shape (len(series_wells), len(axis)), row-major (well by well, each well's points in axis order),
    NaN where a point has no number; ``series_wells`` lists the wells of the rows, ``timepoints`` (kinetic,
    seconds) or ``wavelengths`` (spectral, nm) is the axis, and ``series_flags`` holds the flagged points
    sparsely as {well: {point index: flag}}. 1536 x 400 points are 4.9 MB, read back in one query and
    decoded with numpy.frombuffer. ``assays.series`` packs and unpacks it.

    ``calculated`` marks values the instrument software computed (blank-subtracted, ratios, reductions):
    shown, exported, never used by a run unless chosen by name.
    """

    class Mode(models.TextChoices):
        ENDPOINT = "endpoint"
        KINETIC = "kinetic"
        SPECTRAL = "spectral"

    class Kind(models.TextChoices):
        ABSORBANCE = "absorbance"
        LUMINESCENCE = "luminescence"
        FLUORESCENCE = "fluorescence"
        OTHER = "other"

    plate = models.ForeignKey(Plate, on_delete=models.CASCADE, related_name="reads")
    index = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    wavelength_nm = models.FloatField(null=True, blank=True)
    timepoints = models.JSONField(default=list, blank=True)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.ENDPOINT)
    calculated = models.BooleanField(default=False)
    metadata = models.JSONField(default=dict, blank=True)
    wavelengths = models.JSONField(default=list, blank=True)
    series_wells = models.JSONField(default=list, blank=True)
    series = models.BinaryField(null=True, blank=True)
    series_flags = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["plate", "index"]
        constraints = [models.UniqueConstraint(fields=["plate", "index"], name="read_index_per_plate")]

    def __str__(self) -> str:
        return f"{self.plate} · {self.label}"


class Well(models.Model):
    """One value in long form: (read, well, time) → value with a flag. Reached only through its plate."""

    class Flag(models.TextChoices):
        SATURATED = "saturated"
        MASKED = "masked"
        MISSING = "missing"
        INVALID = "invalid"

    plate = models.ForeignKey(Plate, on_delete=models.CASCADE, related_name="wells")
    read = models.ForeignKey(Read, on_delete=models.CASCADE, related_name="wells")
    well = models.CharField(max_length=4)
    row = models.PositiveSmallIntegerField()  # 0-based
    column = models.PositiveSmallIntegerField()  # 0-based
    time_s = models.FloatField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    # null, not "": the API reports "no flag" as null and filters on it  # noqa: DJ001
    flag = models.CharField(max_length=10, choices=Flag.choices, null=True, blank=True)  # noqa: DJ001

    class Meta:
        indexes = [models.Index(fields=["read", "row", "column"])]

    def __str__(self) -> str:
        return f"{self.well}={self.value}"


class Layout(LabOwned):
    """A plate map: a reusable template giving each well a role. Wells not listed are empty."""

    name = models.CharField(max_length=200)
    rows = models.PositiveSmallIntegerField(default=8)
    columns = models.PositiveSmallIntegerField(default=12)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["lab", "name"], name="layout_name_per_lab")]

    def __str__(self) -> str:
        return self.name


class LayoutWell(models.Model):
    class Role(models.TextChoices):
        STANDARD = "standard"
        SAMPLE = "sample"
        QC = "qc"
        BLANK = "blank"
        POSITIVE_CONTROL = "positive_control"
        NEGATIVE_CONTROL = "negative_control"
        EMPTY = "empty"

    layout = models.ForeignKey(Layout, on_delete=models.CASCADE, related_name="wells")
    well = models.CharField(max_length=4)
    row = models.PositiveSmallIntegerField()
    column = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.CharField(max_length=100, blank=True, help_text="Replicates share a group.")
    concentration = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    dilution_factor = models.FloatField(default=1.0)
    sample = models.CharField(max_length=200, blank=True)
    # PROTECT: the lot is the provenance of every run of this layout; it cannot be deleted from under it
    lot = models.ForeignKey(
        "il2portal.Lot", null=True, blank=True, on_delete=models.PROTECT, related_name="layout_wells"
    )

    class Meta:
        ordering = ["row", "column"]
        constraints = [models.UniqueConstraint(fields=["layout", "well"], name="one_role_per_layout_well")]

    def __str__(self) -> str:
        return f"{self.well}: {self.role}"


class CellLine(LabOwned):
    """The cells of a bioassay, with the IL-2 receptor chains they carry and what is read out.

    IL-2 signals through IL-2Rβ (CD122) and the common γ chain (CD132); IL-2Rα (CD25) raises the
    affinity about 100-fold (Kd ~10 pM for αβγ against ~1 nM for βγ). A "not-alpha" mutein loses
    potency on CD25⁺ cells (CTLL-2, activated T cells, Tregs) but not on CD25⁻ βγ cells (YT, NK-92, a
    CD25-knock-out reporter line): the ratio of the two EC50s is its selectivity."""

    class Kind(models.TextChoices):
        LINE = "line", "Cell line"
        PRIMARY = "primary", "Primary cells"

    class Readout(models.TextChoices):
        REPORTER = "luminescence_reporter", "Luminescent reporter (STAT5-driven)"
        PSTAT5_PCT = "pstat5_pct", "pSTAT5, % positive"
        PSTAT5_MFI = "pstat5_mfi", "pSTAT5, median fluorescence"
        PROLIFERATION = "proliferation", "Proliferation"
        OTHER = "other", "Other"

    name = models.CharField(max_length=100, help_text="e.g. CTLL-2, YT, primary CD8⁺ T cells")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LINE)
    species = models.CharField(max_length=50, default="mouse")
    cd25 = models.BooleanField("CD25 (IL-2Rα)", default=False)
    cd122 = models.BooleanField("CD122 (IL-2Rβ)", default=True)
    cd132 = models.BooleanField("CD132 (γc)", default=True)
    readout = models.CharField(max_length=24, choices=Readout.choices, default=Readout.REPORTER)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["lab", "name"], name="cell_line_name_per_lab")]

    def __str__(self) -> str:
        return self.name

    @property
    def receptor(self) -> str:
        """The IL-2 receptor chains, as immunologists write them: "αβγ", "βγ"."""
        chains = "".join(c for c, has in (("α", self.cd25), ("β", self.cd122), ("γ", self.cd132)) if has)
        return chains or "none"

    @property
    def cd25_label(self) -> str:
        return "CD25⁺" if self.cd25 else "CD25⁻"


class AssayRun(LabOwned):
    """An analysis of one or more plates with a layout. Its results are versions (``RunResult``):
    re-analysis adds a version and never overwrites one."""

    class Kind(models.TextChoices):
        ELISA = "elisa", "ELISA"
        BIOASSAY = "bioassay", "Reporter bioassay"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    layout = models.ForeignKey(Layout, on_delete=models.PROTECT, related_name="runs")
    plates = models.ManyToManyField(Plate, related_name="runs")
    settings = models.JSONField(default=dict, blank=True)
    series = models.CharField(
        max_length=200,
        blank=True,
        db_index=True,
        help_text="T-cell stimulation time course: runs sharing a series combine into one view.",
    )
    timepoint_h = models.FloatField(
        null=True, blank=True, help_text="Hours after stimulation (6, 12, 24, 48)."
    )
    # PROTECT: the cells are part of what a run measured; a cell line in use cannot be deleted
    cell_line = models.ForeignKey(
        CellLine, null=True, blank=True, on_delete=models.PROTECT, related_name="runs"
    )
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["lab", "-created_at"], name="run_lab_created")]

    def __str__(self) -> str:
        return self.name

    @property
    def latest(self) -> RunResult | None:
        """The newest result version (uses prefetched ``versions`` ordered by version when present)."""
        versions = list(self.versions.all())
        return max(versions, key=lambda v: v.version) if versions else None


class RunResult(models.Model):
    """One version of a run's result, stored with its inputs' hash, settings and analysis version."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    run = models.ForeignKey(AssayRun, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    settings = models.JSONField(default=dict, blank=True)
    excluded_wells = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)
    # what a list of runs shows (assays.analysis.summary.run_summary of ``result``), stored with it
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    analysis_version = models.CharField(max_length=20, blank=True)
    inputs_sha256 = models.CharField(max_length=64, blank=True)
    job = models.ForeignKey(
        "il2portal.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run", "version"]
        constraints = [models.UniqueConstraint(fields=["run", "version"], name="one_result_per_run_version")]

    def __str__(self) -> str:
        return f"{self.run} v{self.version}"
