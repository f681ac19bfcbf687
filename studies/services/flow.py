"""Flow cytometry results of study mice: a FlowJo (or FCS Express, Kaluza, scripted) statistics table
read by studies.analysis.flow, its samples tied to animals, tissues and harvest days by a naming rule
("{animal}_{tissue}_d{day}", previewed first), stored with the original bytes; and the lab's immune
panel (named readouts from population paths, the IL-2 defaults created on first use).

All-or-nothing: nothing is stored for the samples unless every sample is mapped to a study animal or
skipped on purpose, no sample names an unknown animal or tissue, and the table has every population the
lab's panel needs. A refused upload is still kept (status failed, with its bytes and the reason)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from assays.readers.base import ReaderError
from assays.readers.limits import Limits, check_file, run_bounded
from studies.models import Animal, FlowImport, FlowReadout, FlowSample, Study
from studies.services.common import StudyError
from studies.services.naming import naming_pattern

DEFAULT_RULE = "{animal}_{tissue}_d{day}"
FIELDS = {
    "animal": r"(?P<animal>\S+?)",
    "tissue": r"(?P<tissue>[A-Za-z][A-Za-z .-]*?)",
    "day": r"(?P<day>-?\d+(?:\.\d+)?)",
}
TISSUE_WORDS = {
    "tumor": "tumor", "tumour": "tumor", "tum": "tumor", "tu": "tumor",
    "spleen": "spleen", "spl": "spleen", "sp": "spleen",
    "blood": "blood", "pb": "blood", "pbmc": "blood", "bld": "blood",
    "dln": "dln", "ln": "dln", "tdln": "dln", "lymph node": "dln", "draining lymph node": "dln",
}  # fmt: skip
MAX_UPLOAD = 20 * 1024 * 1024
EXTENSIONS = (".fcs", ".FCS")


@dataclass
class FlowLink:
    sample: str
    animal: str
    tissue: str | None
    day: float | None
    animal_id: int | None = None
    problem: str | None = None


def lab_panel(lab) -> list[FlowReadout]:
    """The lab's immune panel; the IL-2 readouts (studies.analysis.flow.IL2_PANEL) when it has none."""
    from studies.analysis.flow import IL2_PANEL

    panel = list(FlowReadout.objects.filter(lab=lab).order_by("order", "name"))
    if not panel:
        FlowReadout.objects.bulk_create(
            FlowReadout(
                lab=lab, name=r.name, kind=r.kind, numerator=r.numerator, denominator=r.denominator, order=i
            )
            for i, r in enumerate(IL2_PANEL)
        )
        panel = list(FlowReadout.objects.filter(lab=lab).order_by("order", "name"))
    return panel


def panel_readouts(panel) -> list:
    from studies.analysis.flow import Readout

    return [Readout(r.name, r.kind, r.numerator, r.denominator) for r in panel]


def flow_links(study: Study, samples, rule: str) -> tuple[list[FlowLink], list[str]]:
    """(links of the samples the rule matches, with any problem; the sample names it does not match)."""
    pattern = naming_pattern(rule, FIELDS, example=DEFAULT_RULE)
    animals = {a.tag.lower(): a for a in Animal.objects.filter(study=study)}
    links, unmatched = [], []
    for name in samples:
        stem = name[: -len(".fcs")] if name.lower().endswith(".fcs") else name
        m = pattern.fullmatch(stem.strip())
        if m is None:
            unmatched.append(name)
            continue
        tissue = TISSUE_WORDS.get(m["tissue"].strip().lower())
        link = FlowLink(name, m["animal"], tissue, float(m["day"]))
        animal = animals.get(m["animal"].lower())
        if animal is None:
            link.problem = f"the study has no animal {m['animal']!r}"
        elif tissue is None:
            link.problem = f"unknown tissue {m['tissue']!r} (tumor, spleen, blood or dLN)"
        else:
            link.animal_id, link.animal = animal.pk, animal.tag
        links.append(link)
    return links, unmatched


@dataclass
class FlowPreview:
    table: object  # studies.analysis.flow.StatsTable
    links: list[FlowLink]
    unmatched: list[str]
    missing: list[str]  # the panel's populations the table lacks, in words

    @property
    def problems(self) -> list[str]:
        return [f"{x.sample}: {x.problem}" for x in self.links if x.problem]


# A statistics table: at most 10,000 samples (rows) and 2,000 statistics (columns); measured before
# openpyxl or the csv module reads it and parsed in a forked child with a time and memory budget, as a
# measurement sheet (assays.readers.limits: zip members measured inflated, <dimension> never trusted).
FLOW_LIMITS = Limits(
    max_rows=10_100,
    max_columns=2_100,
    max_cells=2_000_000,
    max_line_chars=1_048_576,
    max_uncompressed_bytes=64 * 1024 * 1024,
    time_limit_s=30.0,
)


class _TableError(ReaderError):
    """A table the flow reader refused, carried back from the child process."""

    code = "invalid_table"


def _read_table(data: bytes, filename: str):
    from studies.analysis.flow import read_statistics_table

    try:
        return read_statistics_table(data, filename)
    except ValueError as exc:
        raise _TableError(str(exc)) from None


def flow_preview(*, study: Study, data: bytes, filename: str, rule: str) -> FlowPreview:
    """Read the table and map its samples; raises :class:`StudyError` for a table that cannot be read."""
    from studies.analysis.flow import missing_populations

    if len(data) > MAX_UPLOAD:
        raise StudyError("invalid_table", f"{filename}: larger than {MAX_UPLOAD // (1024 * 1024)} MiB.")
    if not data:
        raise StudyError("invalid_table", f"{filename}: the file is empty.")
    try:
        check_file(data, FLOW_LIMITS)
        table = run_bounded(lambda: _read_table(data, filename), FLOW_LIMITS)
    except ReaderError as exc:
        raise StudyError(
            "invalid_table",
            f"{filename}: {exc.message}" if not exc.message.startswith(filename) else exc.message,
        ) from None
    links, unmatched = flow_links(study, table.samples, rule)
    missing = [str(m) for m in missing_populations(table.records, panel_readouts(lab_panel(study.lab)))]
    return FlowPreview(table, links, unmatched, missing)


def _store_file(record: FlowImport, data: bytes) -> None:
    record.sha256 = hashlib.sha256(data).hexdigest()
    record.size = len(data)
    record.file.save(record.sha256, ContentFile(data), save=False)


def _refusals(links, unmatched, missing, skip_unmatched: bool) -> list[str]:
    reasons = [f"{x.sample}: {x.problem}" for x in links if x.problem]
    if unmatched and not skip_unmatched:
        reasons.append(
            f"{len(unmatched)} sample(s) match no animal by the rule: "
            + ", ".join(unmatched[:8])
            + (" …" if len(unmatched) > 8 else "")
            + " (change the rule, or tick 'skip the samples the rule does not match')"
        )
    if missing:
        reasons.append("the table lacks the panel's populations: " + "; ".join(missing))
    if not links and not reasons:
        reasons.append("the rule matches none of the samples")
    return reasons


def _store_samples(study: Study, record: FlowImport, records, links, unmatched) -> None:
    by_sample: dict[str, list[dict]] = {}
    for r in records:
        by_sample.setdefault(r.sample, []).append(
            {"population": r.population, "statistic": r.statistic, "value": r.value}
        )
    with transaction.atomic():
        record.status = FlowImport.Status.SUCCEEDED
        record.skipped = unmatched
        record.error_message = ""
        record.save()
        FlowSample.objects.bulk_create(
            FlowSample(
                lab=study.lab,
                flow_import=record,
                study=study,
                animal_id=x.animal_id,
                name=x.sample[:255],
                tissue=x.tissue,
                harvest_day=x.day,
                statistics=by_sample.get(x.sample, []),
            )
            for x in links
        )


def _refuse(record: FlowImport, message: str) -> StudyError:
    record.status = FlowImport.Status.FAILED
    record.error_message = message
    record.save()
    return StudyError("invalid_flow", message)


def flow_import(
    *, study: Study, user, data: bytes, filename: str, rule: str, skip_unmatched: bool
) -> FlowImport:
    """Store the upload and, when every sample is accounted for and the panel's populations are there,
    its samples; else the upload is kept as a failed import and :class:`StudyError` says why."""
    record = FlowImport(
        lab=study.lab,
        study=study,
        kind=FlowImport.Kind.STATISTICS,
        original_filename=(filename or "statistics")[:255],
        rule=(rule or "")[:200],
        created_by=user,
    )
    _store_file(record, data)
    try:
        preview = flow_preview(study=study, data=data, filename=filename, rule=rule)
    except StudyError as exc:
        raise _refuse(record, exc.message) from None
    reasons = _refusals(preview.links, preview.unmatched, preview.missing, skip_unmatched)
    if reasons:
        raise _refuse(record, f"{filename}: nothing was imported. " + " ".join(r + "." for r in reasons))
    _store_samples(study, record, preview.table.records, preview.links, preview.unmatched)
    return record


# ---- FCS files with a FlowJo workspace or GatingML (a job) ---------------------------------------

MAX_FCS_FILES = 200
MAX_FCS_TOTAL = 500 * 1024 * 1024


def gating_kind(name: str, data: bytes) -> str:
    """ "wsp" for a FlowJo workspace, "gatingml" for GatingML 2.0 (by the name, then the content)."""
    head = data[:4000].lower()
    if name.lower().endswith(".wsp") or b"<workspace" in head:
        return "wsp"
    return "gatingml"


def flow_fcs_upload(
    *,
    study: Study,
    user,
    fcs: dict[str, bytes],
    gating: bytes,
    gating_name: str,
    rule: str,
    skip_unmatched: bool,
) -> FlowImport:
    """Keep the FCS files and the gating file (one zip: the import's original) and queue the job that
    gates them; its counts then go through the same mapping and checks as a statistics table."""
    import io
    import zipfile

    from il2portal.jobs import job_create

    if not fcs:
        raise StudyError("invalid_fcs", "Choose the FCS files.")
    if len(fcs) > MAX_FCS_FILES:
        raise StudyError("invalid_fcs", f"At most {MAX_FCS_FILES} FCS files at once.")
    if sum(len(b) for b in fcs.values()) + len(gating or b"") > MAX_FCS_TOTAL:
        raise StudyError("invalid_fcs", f"At most {MAX_FCS_TOTAL // 2**20} MiB of files at once.")
    if not gating:
        raise StudyError(
            "invalid_fcs", "Choose the FlowJo workspace (.wsp) or GatingML file that gates them."
        )
    naming_pattern(rule, FIELDS, example=DEFAULT_RULE)  # a bad rule is refused before anything is kept
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in fcs.items():
            archive.writestr(f"fcs/{name}", data)
        archive.writestr(f"gating/{gating_name}", gating)
    record = FlowImport(
        lab=study.lab,
        study=study,
        kind=FlowImport.Kind.FCS,
        original_filename=f"{gating_name} with {len(fcs)} FCS files.zip"[:255],
        rule=(rule or "")[:200],
        status=FlowImport.Status.QUEUED,
        report={
            "gating": gating_name,
            "gating_kind": gating_kind(gating_name, gating),
            "skip": skip_unmatched,
        },
        created_by=user,
    )
    _store_file(record, buffer.getvalue())
    record.save()
    job = job_create(
        lab=study.lab, user=user, kind="flow_fcs", params={"import": record.pk, "study": study.pk}
    )
    FlowImport.objects.filter(pk=record.pk).update(job=job)
    record.refresh_from_db()
    return record


def flow_fcs_run(record: FlowImport) -> dict:
    """Body of the flow_fcs job: gate the kept FCS files, compare with the workspace's stored counts,
    map the samples and store them (or refuse, keeping the upload with the reason)."""
    import io
    import zipfile

    from studies.analysis.fcs import analyse, compare_with_workspace
    from studies.analysis.flow import FlowRecord, missing_populations

    study = record.study
    with record.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        fcs = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist() if n.startswith("fcs/")}
        gating = next(archive.read(n) for n in archive.namelist() if n.startswith("gating/"))
    kind = record.report.get("gating_kind", "wsp")
    try:
        analysis = analyse(fcs, gating, kind)
        differences = compare_with_workspace(fcs, gating, analysis=analysis) if kind == "wsp" else []
    except ValueError as exc:
        raise _refuse(record, f"{record.original_filename}: nothing was imported. {exc}") from None
    records = [
        FlowRecord(name, path, "count", float(count))
        for name, populations in analysis.counts.items()
        for path, count in populations.items()
    ]
    record.report = {
        **record.report,
        "counts": analysis.counts,
        "differences": [d.__dict__ for d in differences],
        "workspace_samples_without_file": analysis.workspace_samples_without_file,
        "files_without_gating": analysis.files_without_gating,
    }
    links, unmatched = flow_links(study, list(analysis.counts), record.rule)
    missing = [str(m) for m in missing_populations(records, panel_readouts(lab_panel(study.lab)))]
    reasons = _refusals(links, unmatched, missing, bool(record.report.get("skip")))
    if reasons:
        raise _refuse(
            record, f"{record.original_filename}: nothing was imported. " + " ".join(r + "." for r in reasons)
        )
    _store_samples(study, record, records, links, unmatched)
    return {"import": record.pk, "samples": len(links), "differences": len(differences)}
