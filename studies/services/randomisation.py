"""Randomisation of the eligible animals into groups (studies.analysis.randomisation), stored with what
it depended on so that an assignment is exactly the preview it follows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from studies import selectors
from studies.analysis.randomisation import RandomisationError, randomise
from studies.models import Animal, Arm, Randomisation, Study
from studies.services.common import StudyError, lab_today, sha256_of
from studies.services.dosing import doses_plan


def _volume_text(entry) -> str:
    volume, measured_on, _reason = entry
    return "no volume" if volume is None else f"{volume:.1f} mm³ ({measured_on})"


def randomisation_changes(before: dict, now: dict, group_names: dict[str, str]) -> list[str]:
    """What differs between two ``inputs`` of :func:`randomisation_run`, in words, by animal tag and
    group name (empty when nothing an allocation depends on changed)."""
    changes = []
    old, new = before.get("animals", {}), now.get("animals", {})
    for tag in sorted(set(old) | set(new)):
        if tag not in new:
            changes.append(f"{tag} is no longer in the study")
        elif tag not in old:
            changes.append(f"{tag} was added")
        elif list(old[tag][:2]) != list(new[tag][:2]):
            changes.append(f"{tag}: volume {_volume_text(old[tag])} → {_volume_text(new[tag])}")
        elif old[tag][2] != new[tag][2]:
            changes.append(f"{tag}: now {new[tag][2] or 'eligible'}")
    for pk in sorted(set(before.get("groups", {})) | set(now.get("groups", {}))):
        a, b = before.get("groups", {}).get(pk), now.get("groups", {}).get(pk)
        if a != b:
            changes.append(f"group {group_names.get(pk, 'of the preview')!r}: {a} → {b} free places")
    return changes


@transaction.atomic
def randomisation_run(
    *,
    study: Study,
    arms: Sequence[Arm],
    min_volume_mm3: float,
    max_volume_mm3: float,
    seed: int | None = None,
    n_iter: int = 10000,
    date: dt.date | None = None,
    user=None,
    dry_run: bool = False,
    expected_inputs: dict | None = None,
    expected_inputs_sha256: str | None = None,
) -> Randomisation:
    """Allocate the eligible animals to ``arms`` (studies.analysis.randomisation) and, unless
    ``dry_run``, store the allocation and plan the arms' doses. Raises :class:`StudyError`.

    The returned record carries ``inputs``: what the allocation depended on (each animal's volume and
    its date, or why it was left out; each group's free places). Given the ``inputs`` of a preview as
    ``expected_inputs``, the run refuses (``preview_stale``, naming what changed) unless they are still
    the same, so that with the preview's seed the stored allocation is the one previewed. The API's
    dry run gives ``inputs_sha256`` (SHA-256 of ``inputs``) for the same check, as
    ``expected_inputs_sha256``."""
    if not arms:
        raise StudyError("no_groups", "Choose at least one group to randomise into.")
    on = date or lab_today(study.lab)
    members = {}
    for a in Animal.objects.filter(arm__in=arms).values_list("arm_id"):
        members[a[0]] = members.get(a[0], 0) + 1
    groups = []
    for arm in arms:
        free = arm.capacity - members.get(arm.pk, 0)
        if free < 1:
            raise StudyError(
                "group_full",
                f"Group {arm.name!r} is full ({arm.capacity} animals); raise its capacity first.",
            )
        groups.append((arm.pk, free))
    volumes = selectors.latest_volumes(study, on)
    animals = list(Animal.objects.filter(study=study).select_related("arm"))
    by_tag = {a.tag: a for a in animals}
    exclude = {}
    for a in animals:
        if a.status != Animal.Status.ALIVE:
            exclude[a.tag] = f"{a.get_status_display()} (no longer in the study)"
        elif a.arm_id is not None:
            exclude[a.tag] = f"already in group {a.arm.name}"
    inputs = {
        "animals": {
            a.tag: [
                volumes[a.pk][0] if a.pk in volumes else None,
                volumes[a.pk][1].isoformat() if a.pk in volumes else None,
                exclude.get(a.tag),
            ]
            for a in animals
        },
        "groups": {str(pk): free for pk, free in groups},
    }
    inputs_sha256 = sha256_of(inputs)
    if expected_inputs_sha256 is not None and expected_inputs_sha256 != inputs_sha256:
        raise StudyError(
            "preview_stale",
            "The animals, their volumes or the groups' free places changed since the dry run "
            "(inputs_sha256 differs). Run the dry run again to see the allocation of the animals as they are now.",
        )
    if expected_inputs is not None:
        changes = randomisation_changes(expected_inputs, inputs, {str(a.pk): a.name for a in arms})
        if changes:
            more = f" and {len(changes) - 5} more" if len(changes) > 5 else ""
            raise StudyError(
                "preview_stale",
                "The animals or their volumes changed since the preview ("
                + "; ".join(changes[:5])
                + more
                + "). Preview again to see the allocation of the animals as they are now.",
                {"changes": changes},
            )
    try:
        result = randomise(
            [(a.tag, volumes.get(a.pk, (None,))[0]) for a in animals],
            groups,
            min_volume=float(min_volume_mm3),
            max_volume=float(max_volume_mm3),
            seed=seed,
            n_iter=int(n_iter),
            exclude=exclude,
        )
    except RandomisationError as exc:
        raise StudyError(
            "no_eligible_animals" if "No animal fits" in exc.message else "randomisation_error",
            exc.message,
            exc.detail,
        ) from None
    d = result.to_dict()
    names = {arm.pk: arm.name for arm in arms}
    for row in d["table"]:
        row["group_name"] = names.get(row["group"]) if row["group"] is not None else None
    for row in d["group_stats"]:
        row["name"] = names.get(row["group"])
    record = Randomisation(
        lab=study.lab,
        study=study,
        date=on,
        seed=d["seed"],
        n_iter=d["n_iter"],
        objective=d["objective"],
        objective_name=d["objective_name"],
        sd_weight=d["sd_weight"],
        min_volume_mm3=float(min_volume_mm3),
        max_volume_mm3=float(max_volume_mm3),
        group_stats=d["group_stats"],
        before=d["before"],
        after=d["after"],
        table=d["table"],
        excluded=d["excluded"],
        assignment=[{**a, "group_name": names.get(a["group"])} for a in d["assignment"]],
        flags=d["flags"],
        analysis_version=d["analysis_version"],
        created_by=user,
    )
    record.inputs, record.inputs_sha256 = inputs, inputs_sha256
    if dry_run:
        return record
    record.save()
    record.arms.set(arms)
    for row in record.assignment:
        animal = by_tag[row["animal"]]
        animal.arm_id = row["group"]
        animal._change_reason = f"randomised (seed {record.seed})"
        animal._history_user = user
        animal.save(update_fields=["arm"])
    doses_plan(study=study, arms=arms)
    return record
