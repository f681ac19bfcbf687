"""Serum samples of study animals measured in an ELISA run: which animal each of the run's samples
came from, and when (the study day of the dose it follows, hours after it).

Two ways in, both previewed and all-or-nothing:

- a naming rule over the run's sample names, e.g. ``{animal} d{day} {hours}h`` matches "M03 d7 2h";
- a sample map (CSV: ``sample,animal,day,hours``).

Refused, with nothing stored: a rule that matches none of the run's samples, a sample naming an animal
the study does not have, a sample taken before the animal's first dose, a negative time."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Min
from simple_history.utils import bulk_create_with_history

from assays.models import AssayRun, LayoutWell
from studies.models import Animal, Dose, SerumSample, Study
from studies.services.common import StudyError
from studies.services.naming import naming_pattern

DEFAULT_RULE = "{animal} d{day} {hours}h"
FIELDS = {
    "animal": r"(?P<animal>[^\s]+?)",
    "day": r"(?P<day>-?\d+(?:\.\d+)?)",
    "hours": r"(?P<hours>\d+(?:\.\d+)?)",
}
MAX_MAP_BYTES = 1_000_000
MAX_MAP_ROWS = 5000


@dataclass
class SampleLink:
    sample: str
    animal: str  # the tag as written
    dose_day: float | None
    hours: float | None
    animal_id: int | None = None
    problem: str | None = None


def rule_pattern(rule: str) -> re.Pattern:
    """The regular expression of a serum naming rule ({animal}, {day} and {hours} once each)."""
    return naming_pattern(rule, FIELDS, example=DEFAULT_RULE)


def run_sample_names(run: AssayRun) -> list[str]:
    """The distinct names of the run's sample wells, in plate order."""
    names = LayoutWell.objects.filter(layout_id=run.layout_id, role=LayoutWell.Role.SAMPLE).values_list(
        "sample", flat=True
    )
    return list(dict.fromkeys(n for n in names if n))


def _check(study: Study, links: list[SampleLink]) -> list[SampleLink]:
    """Resolve each link's animal and mark what is wrong with it (one query for the animals, one for
    their first doses)."""
    animals = {a.tag.lower(): a for a in Animal.objects.filter(study=study).select_related("arm")}
    first_dose = {
        row["animal"]: row["first"]
        for row in Dose.objects.filter(study=study).values("animal").annotate(first=Min("date"))
    }
    for link in links:
        animal = animals.get(link.animal.lower())
        if animal is None:
            link.problem = f"the study has no animal {link.animal!r}"
            continue
        link.animal_id = animal.pk
        link.animal = animal.tag
        first = first_dose.get(animal.pk)
        first_day = study.day_of(first) if first else (animal.arm.dosing_start_day if animal.arm else None)
        if link.hours is not None and link.hours < 0:
            link.problem = "a negative time after the dose"
        elif first_day is not None and link.dose_day is not None and link.dose_day < first_day:
            link.problem = f"day {link.dose_day:g} is before the animal's first dose (day {first_day:g})"
    return links


def serum_preview(*, study: Study, run: AssayRun, rule: str) -> tuple[list[SampleLink], list[str]]:
    """(links the rule makes, the run's sample names it does not match)."""
    _check_run(study, run)
    pattern = rule_pattern(rule)
    links, unmatched = [], []
    for name in run_sample_names(run):
        m = pattern.fullmatch(name.strip())
        if m is None:
            unmatched.append(name)
            continue
        links.append(SampleLink(name, m["animal"], float(m["day"]), float(m["hours"])))
    return _check(study, links), unmatched


def serum_map_parse(*, study: Study, run: AssayRun, data: bytes) -> tuple[list[SampleLink], list[str]]:
    """(links of a sample map CSV with the columns sample, animal, day, hours; the run's samples it does
    not name). A sample the run does not have is a problem of its row."""
    _check_run(study, run)
    if len(data) > MAX_MAP_BYTES:
        raise StudyError("invalid_map", f"A sample map has at most {MAX_MAP_BYTES // 1000:,} kB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StudyError("invalid_map", "The sample map is not UTF-8 text (save it as CSV UTF-8).") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in ("sample", "animal", "day", "hours") if c not in header]
    if missing:
        raise StudyError(
            "invalid_map",
            f"The sample map needs the columns sample, animal, day, hours; missing: {', '.join(missing)}.",
        )
    names = run_sample_names(run)
    known = set(names)
    links: list[SampleLink] = []
    for line, row in enumerate(reader, start=2):
        if line - 1 > MAX_MAP_ROWS:
            raise StudyError("invalid_map", f"A sample map has at most {MAX_MAP_ROWS:,} rows.")
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        try:
            day, hours = float(row["day"]), float(row["hours"])
        except ValueError:
            raise StudyError(
                "invalid_map",
                f"Line {line}: day and hours must be numbers (got {row['day']!r}, {row['hours']!r}).",
            ) from None
        link = SampleLink(row["sample"], row["animal"], day, hours)
        if link.sample not in known:
            link.problem = f"line {line}: the run has no sample {link.sample!r}"
        links.append(link)
    mapped = {link.sample for link in links}
    return _check(study, [x for x in links if x.problem is None]) + [x for x in links if x.problem], [
        n for n in names if n not in mapped
    ]


def _check_run(study: Study, run: AssayRun) -> None:
    if run.lab_id != study.lab_id:
        raise StudyError("invalid_run", "The run belongs to another lab.")
    if run.kind != AssayRun.Kind.ELISA:
        raise StudyError("invalid_run", f"{run.name} is not an ELISA run: serum IL-2 is measured by ELISA.")


@transaction.atomic
def serum_link(*, study: Study, run: AssayRun, links: list[SampleLink], user) -> list[SerumSample]:
    """Store the links (replacing this run's earlier links in this study). Nothing is stored when a link
    has a problem or there is none."""
    if not links:
        names = run_sample_names(run)
        example = f" (e.g. {names[0]!r})" if names else ""
        raise StudyError("no_match", f"The rule matches none of the run's {len(names)} samples{example}.")
    bad = [f"{x.sample}: {x.problem}" for x in links if x.problem]
    if bad:
        raise StudyError(
            "invalid_samples", "Nothing was linked. " + "; ".join(bad[:10]) + (" …" if len(bad) > 10 else "")
        )
    seen: set[str] = set()
    for x in links:
        if x.sample in seen:
            raise StudyError("invalid_samples", f"Nothing was linked: {x.sample!r} is listed twice.")
        seen.add(x.sample)
    other = SerumSample.objects.filter(run=run, sample__in=seen).exclude(study=study).first()
    if other is not None:
        raise StudyError(
            "invalid_samples",
            f"Nothing was linked: {other.sample!r} is already linked to study {other.study.name}.",
        )
    # two identical requests at once: the study's row lock makes the second wait and then replace the
    # first's links, instead of failing on the one-animal-per-run-sample constraint
    Study.objects.select_for_update().filter(pk=study.pk).first()
    SerumSample.objects.filter(study=study, run=run).delete()
    return bulk_create_with_history(
        [
            SerumSample(
                lab=study.lab,
                study=study,
                animal_id=x.animal_id,
                run=run,
                sample=x.sample,
                dose_day=x.dose_day,
                hours_after_dose=x.hours,
                created_by=user,
            )
            for x in links
        ],
        SerumSample,
        default_user=user,
    )
