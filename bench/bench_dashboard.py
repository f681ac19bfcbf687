"""Benchmark: the PI dashboard of a 200-animal, 60-day study against a per-animal-query baseline.

Builds, in a throwaway SQLite database (bench/_django.py), a study of 4 arms × 50 mice measured every
day (``--every``) from day 1 to day 60 (caliper + body weight), with endpoint euthanasia events when
tumors pass 2000 mm³, planned doses and a stored survival and growth analysis. Then renders
``/studies/<id>/`` through the Django test client ``--runs`` times and reports the median, and does the
same with ``studies.selectors.load_study_data`` replaced by a naive loader that reads each animal's
measurements and events with its own queries (the N+1 pattern the real loader avoids). Prints both
medians, their ratio and the number of queries of each.

    .venv/bin/python bench/bench_dashboard.py [--animals 200] [--days 60] [--every 1] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _django  # noqa: E402

TARGET_MS = 300.0


def build(n_animals: int, n_days: int, every: int, seed: int = 1):
    from il2portal import services as core
    from il2portal.models import Lab
    from studies.models import Event, Measurement
    from studies.services.analyses import analysis_run
    from tests.factories import UserFactory
    from tests.studies.factories import build_study

    user = UserFactory(username="bench")
    lab = Lab.objects.filter(name="Bench lab").first() or core.lab_create(name="Bench lab", admin=user)
    study = build_study(lab, user, n_animals, n_days=n_days, every=every, seed=seed, analyses=False)
    t0 = time.perf_counter()
    analysis_run(study=study, kind="survival", user=user)
    analysis_run(study=study, kind="growth", user=user)
    t_analyses = time.perf_counter() - t0
    n_rows = Measurement.objects.filter(study=study).count()
    return study, user, n_rows, Event.objects.filter(study=study).count(), t_analyses


def naive_load_study_data(study):
    """The same StudyData, read the obvious way: a query per animal for its arm, measurements, events."""
    from studies.models import Animal, Arm, Randomisation
    from studies.selectors import MRow, StudyData

    arms = list(Arm.objects.filter(study=study))
    animals = list(Animal.objects.filter(study=study).order_by("tag"))
    measurements, events = {}, defaultdict(list)
    for a in animals:
        _ = a.arm  # one query per animal
        if a.arm_id:
            _ = list(a.arm.treatments.all())
        measurements[a.pk] = [
            MRow(m.date, study.day_of(m.date), m.length_mm, m.width_mm, m.volume_mm3, m.weight_g, m.swapped)
            for m in a.measurements.order_by("date")
        ]
        events[a.pk] = list(a.events.order_by("date", "id"))
    rand = Randomisation.objects.filter(study=study).values_list("date", flat=True).first()
    return StudyData(study, arms, animals, measurements, dict(events), rand)


def measure(client, url: str, runs: int, *, cold: bool = True, before_each=None) -> tuple[float, int, int]:
    """Median ms, queries and page size. ``cold`` empties the analysis cache before each run, so the
    live summaries are computed every time (in the request: no broker here); ``before_each()`` (e.g. a
    measurement corrected) runs untimed before each render."""
    from django.core.cache import caches

    cache = caches["analysis"]
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    size = len(response.content)
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        if before_each is not None:
            before_each()
        reset_queries()
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, len(ctx.captured_queries), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--animals", type=int, default=200)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--every", type=int, default=1, help="measure every N days")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()

    _django.setup()
    from django.test import Client

    from studies import selectors

    t0 = time.perf_counter()
    study, user, n_meas, n_events, t_analyses = build(args.animals, args.days, args.every)
    print(
        f"study: {args.animals} animals, {args.days} days, {n_meas} measurements, {n_events} endpoint events "
        f"(built in {time.perf_counter() - t0:.1f} s; growth + survival analyses {t_analyses * 1000:.0f} ms)"
    )
    client = Client()
    client.force_login(user)
    url = f"/studies/{study.pk}/"

    from django.conf import settings

    from il2portal import jobs
    from studies.models import Measurement
    from studies.services.measurements import measurement_update

    jobs.job_send = lambda **kw: None  # no broker in the benchmark: refresh jobs stay queued
    corrected = Measurement.objects.filter(study=study).order_by("-date", "animal_id").first()
    lengths = iter(range(10**6))

    def correct_a_measurement():
        measurement_update(
            measurement=corrected,
            data={"length_mm": 12 + next(lengths) % 7 / 10},
            user=user,
            reason="bench",
        )

    # before: the live summaries (group means, mixed model REML fit) computed in the request
    fit_ms, fit_q, size = measure(client, url, args.runs)
    # now, with a worker: a render right after a measurement changed shows the last summaries, queues
    # one refresh job (not run here) and fits nothing
    settings.JOBS_IN_PROCESS = False
    changed_ms, changed_q, _ = measure(client, url, args.runs, cold=False, before_each=correct_a_measurement)
    settings.JOBS_IN_PROCESS = True
    client.get(url)  # current summaries again
    warm_ms, warm_q, _ = measure(client, url, args.runs, cold=False)
    real = selectors.load_study_data
    selectors.load_study_data = naive_load_study_data
    try:
        naive_ms, naive_q, _ = measure(client, url, args.runs, cold=False)
    finally:
        selectors.load_study_data = real

    print(f"page size: {size / 1024:.0f} KiB")
    print(f"before: summaries fitted in the request:   median {fit_ms:7.1f} ms, {fit_q:4d} queries")
    print(f"right after a measurement changed:         median {changed_ms:7.1f} ms, {changed_q:4d} queries")
    print(f"summaries current (unchanged data):        median {warm_ms:7.1f} ms, {warm_q:4d} queries")
    print(f"baseline, per-animal reads (current):      median {naive_ms:7.1f} ms, {naive_q:4d} queries")
    print(f"ratio fitted-in-request / after a change: {fit_ms / changed_ms:.1f}x")
    print(f"ratio per-animal reads / current: {naive_ms / warm_ms:.1f}x; {naive_q / warm_q:.0f}x the queries")
    from _report import result

    result("200-animal dashboard, right after a change", changed_ms, fit_ms, "ms", "fitted in the request")
    result("200-animal dashboard, data unchanged", warm_ms, naive_ms, "ms", "per-animal reads")
    worst = max(changed_ms, warm_ms)
    verdict = "OK" if worst < TARGET_MS else "SLOWER THAN TARGET"
    print(f"target < {TARGET_MS:.0f} ms median on every render (after a change and unchanged): {verdict}")


if __name__ == "__main__":
    main()
