"""The dashboard's live summaries of a study: the growth summary (group means, TGI, per-animal series,
including animals not yet in a group) and the mixed model of log volume, from the current
measurements.

No page request fits a model. The summaries are computed by a job (``study_live_refresh``) and kept in
the ``analysis`` cache (Redis when there is a broker, so the web processes see what a worker
computed) under a hash of their exact inputs; the newest ones of each study are also kept as the
study's *last* summaries. A dashboard whose inputs changed (new measurements) shows the last summaries,
says they are out of date and queues one refresh per study at a time (a lock in the cache), filling in
by itself when it ends. Without a broker (the embedded default) the job runs in the request, so the
page is current at once.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass

from django.core.cache import caches

from il2portal.jobs import job_create
from il2portal.models import Job
from studies import selectors
from studies.analysis import ANALYSIS_VERSION
from studies.analysis.mixed import fit_log_volume_mixed_model
from studies.models import Study
from studies.services import analyses

CACHE_SECONDS = 24 * 3600  # summaries for exact inputs; the study's last ones are kept without expiry
REFRESH_LOCK_SECONDS = 120  # one refresh per study at a time; a refresh that died is retried after this


def _cache():
    return caches["analysis"]


@dataclass(frozen=True)
class Live:
    growth: dict | None
    mixed: dict | None
    # "current": computed from the study's data as it is now; "stale": the study's last summaries,
    # computed before its data changed, a refresh queued; "computing": none yet, a refresh queued
    state: str
    refresh_job: int | None = None


def _key(kind: str, data, *parts) -> str:
    digest = hashlib.sha256(
        pickle.dumps((ANALYSIS_VERSION, data.study.pk, *parts), protocol=pickle.HIGHEST_PROTOCOL)
    ).hexdigest()
    return f"studies:{kind}-live:{digest}"


def _keys(data) -> tuple[str, str]:
    growth = _key(
        "growth", data, data.study.mean_curve_min_pct, selectors.growth_inputs(data, include_unassigned=True)
    )
    mixed = _key("mixed", data, *selectors.growth_inputs(data))
    return growth, mixed


def _last_key(study_pk: int, kind: str) -> str:
    return f"studies:live-last:{study_pk}:{kind}"


def _lock_key(study_pk: int) -> str:
    return f"studies:live-refresh:{study_pk}"


def summaries(data, *, user=None) -> Live:
    """The live summaries of the study for the dashboard, without fitting anything here (see the
    module docstring)."""
    has_groups = any(a.arm_id for a in data.animals)
    growth_key, mixed_key = _keys(data)
    cache = _cache()
    found = cache.get_many([growth_key, mixed_key])
    growth, mixed = found.get(growth_key), found.get(mixed_key)
    if growth is not None and (mixed is not None or not has_groups):
        return Live(growth, mixed if has_groups else None, "current")
    job = _request_refresh(data.study, user)
    if job is not None and job.status == job.Status.SUCCEEDED:  # ran here (no broker)
        found = cache.get_many([growth_key, mixed_key])
        growth, mixed = found.get(growth_key), found.get(mixed_key)
        if growth is not None:
            return Live(growth, mixed if has_groups else None, "current")
    last = cache.get_many([_last_key(data.study.pk, "growth"), _last_key(data.study.pk, "mixed")])
    growth = growth or last.get(_last_key(data.study.pk, "growth"))
    mixed = mixed or last.get(_last_key(data.study.pk, "mixed"))
    pending = _job_id(job) or cache.get(_lock_key(data.study.pk)) or None  # the refresh under way
    if growth is None:
        # never computed for this study (or the cache was emptied): the page needs group means to
        # draw anything, so this one time they are computed here; the mixed model still waits
        growth = compute_growth(data)
        return Live(growth, mixed if has_groups else None, "computing" if has_groups else "current", pending)
    return Live(growth, mixed if has_groups else None, "stale", pending)


def _job_id(job) -> int | None:
    return job.pk if job is not None else None


def _request_refresh(study, user):
    """Queue a refresh unless one is already queued or running for this study: the cache lock stops
    concurrent views, the job table stops a pile-up when the lock expires while the broker is down
    (the waiting job is sent when it is back)."""
    if not _cache().add(_lock_key(study.pk), 0, REFRESH_LOCK_SECONDS):
        return None
    waiting = (
        Job.objects.filter(kind="study_live_refresh", lab_id=study.lab_id, params__study=study.pk)
        .filter(status__in=(Job.Status.QUEUED, Job.Status.RUNNING))
        .order_by("-pk")
        .first()
    )
    if waiting is not None:
        _cache().set(_lock_key(study.pk), waiting.pk, REFRESH_LOCK_SECONDS)
        return waiting
    job = job_create(lab=study.lab, user=user, kind="study_live_refresh", params={"study": study.pk})
    _cache().set(_lock_key(study.pk), job.pk, REFRESH_LOCK_SECONDS)
    if job.status == job.Status.SUCCEEDED:  # ran here; a failed one keeps the lock until it expires
        _cache().delete(_lock_key(study.pk))
    return job


def compute_growth(data) -> dict:
    """The growth summary the dashboard draws, including animals not yet in a group. Same numbers as
    :func:`studies.services.analyses.growth_compute` (default settings); per-animal series carry only what
    the plots need."""
    result, _animals, control, names = analyses.growth_result(data, {}, include_unassigned=True)
    return {
        "control_group": control,
        "control_name": names.get(control),
        "groups": [g.to_dict() for g in result.groups],
        "tgi": [t.to_dict() for t in result.tgi],
        "animals": [
            {
                "animal": a.animal,
                "group": a.group,
                "days": a.days,
                "volumes": a.volumes,
                "exit_reason": a.exit_reason,
            }
            for a in result.animals
        ],
        "flags": list(result.flags),
        "mean_curve_min_fraction": result.mean_curve_min_fraction,
        "tgi_min_control_n": result.tgi_min_control_n,
    }


def compute_mixed(data) -> dict:
    """The mixed model of log volume (day × treatment) of the randomised animals, with the same inputs
    and defaults as a stored growth analysis."""
    animals, control, names, baseline = selectors.growth_inputs(data)
    return fit_log_volume_mixed_model(
        animals, control_group=control, start_day=baseline, group_names=names
    ).to_dict()


def refresh(data) -> dict:
    """Compute and keep both summaries (the job's body)."""
    growth_key, mixed_key = _keys(data)
    cache = _cache()
    growth = compute_growth(data)
    values = {growth_key: growth, _last_key(data.study.pk, "growth"): growth}
    if any(a.arm_id for a in data.animals):
        mixed = compute_mixed(data)
        values |= {mixed_key: mixed, _last_key(data.study.pk, "mixed"): mixed}
    cache.set_many({k: v for k, v in values.items() if not k.startswith("studies:live-last:")}, CACHE_SECONDS)
    cache.set_many({k: v for k, v in values.items() if k.startswith("studies:live-last:")}, None)
    return {"study": data.study.pk, "mixed_model": mixed_key in values}


def run_live_refresh(job) -> dict:
    study = Study.objects.select_related("lab").get(pk=job.params["study"], lab=job.lab)
    result = refresh(selectors.load_study_data(study))
    # a failed refresh keeps the lock: the next try comes after REFRESH_LOCK_SECONDS, not at every view
    _cache().delete(_lock_key(study.pk))
    return result
