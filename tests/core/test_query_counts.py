"""Query counts of every page, recorded (as NetBox keeps them) and constant in the amount of data.

The demo lab's pages are read as its user; then the lab grows (more plates, imports, runs, studies,
animals, test articles, jobs) and every page must answer in the same number of queries: a page that
reads one row per plate, run, study or animal shows up as a difference. The counts of the demo lab
are also compared with ``tests/query_counts.json``, so a change that adds queries to a page says so
in review. After an intended change: ``IL2_RECORD_QUERY_COUNTS=1 pytest tests/core/test_query_counts.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assays import services
from assays.demo import elisa_time_course_csv, elisa_time_course_layout
from assays.models import AssayRun, CellLine, Layout, Plate
from il2portal.demo import load_demo_data
from il2portal.models import Job, Lot
from molecules.demo import YT_DOSES, plate_csv
from molecules.models import LotRelease
from molecules.services import lot_release_create
from studies.models import Animal, Arm, Study
from studies.services.measurements import measurement_update, measurements_record
from tests.factories import JobFactory, LotFactory, TestArticleFactory
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db
RECORDED = Path(__file__).resolve().parents[1] / "query_counts.json"
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


def _pages(lab) -> dict[str, str]:
    study = (
        Study.objects.filter(lab=lab, name__icontains="MC38").first() or Study.objects.filter(lab=lab).first()
    )
    elisa = AssayRun.objects.filter(lab=lab, name="Demo IL-2 ELISA (SoftMax export)").get()
    bioassay = AssayRun.objects.filter(lab=lab, kind="bioassay").first()
    course = AssayRun.objects.filter(lab=lab).exclude(series="").first()
    mutein = TestArticleFactory._meta.model.objects.get(lab=lab, name="IL-2 not-alpha mutein")
    wild_type = TestArticleFactory._meta.model.objects.get(lab=lab, name="Aldesleukin (rhIL-2)")
    release = LotRelease.objects.filter(lab=lab).order_by("pk").first()
    return {
        "home": "/",
        "test articles": "/test-articles/",
        "test article": f"/test-articles/{mutein.pk}/",
        "lab settings": "/lab/",
        "tokens": "/accounts/tokens/",
        "invitations": "/accounts/invitations/",
        "notifications": "/notifications/",
        "job": f"/jobs/{Job.objects.filter(lab=lab).order_by('pk').first().pk}/",
        "plates": "/assays/plates/",
        "plate": f"/assays/plates/{elisa.plates.order_by('pk').first().pk}/",
        "imports": "/assays/imports/",
        "layouts": "/assays/layouts/",
        "layout": f"/assays/layouts/{elisa.layout_id}/",
        "runs": "/assays/runs/",
        "new run": "/assays/runs/new/",
        "run (ELISA)": f"/assays/runs/{elisa.pk}/",
        "run (bioassay)": f"/assays/runs/{bioassay.pk}/",
        "time course": f"/assays/time-courses/{course.series}/",
        "upload": "/assays/upload/",
        "studies": "/studies/",
        "today": "/studies/today/",
        "study dashboard": f"/studies/{study.pk}/",
        "study report": f"/studies/{study.pk}/report/",
        "study set-up": f"/studies/{study.pk}/setup/",
        "entry grid": f"/studies/{study.pk}/measure/",
        "sheet import": f"/studies/{study.pk}/import/",
        "randomise": f"/studies/{study.pk}/randomise/",
        "group": f"/studies/groups/{Arm.objects.filter(study=study).order_by('order').first().pk}/",
        "animal": f"/studies/animals/{Animal.objects.filter(study=study).order_by('tag').first().pk}/",
        "serum samples": f"/studies/{study.pk}/serum/",
        "exposure": f"/studies/{study.pk}/exposure/",
        "synergy": f"/studies/{study.pk}/synergy/",
        "immune": f"/studies/{study.pk}/immune/",
        "study review": f"/studies/{study.pk}/review/",
        "review queue": "/review/",
        "selectivity": "/molecules/selectivity/",
        "potency over time": f"/molecules/monitoring/?article={mutein.pk}",
        "compare molecules": f"/molecules/compare/?ids={mutein.pk}&ids={wild_type.pk}",
        "cell lines": "/molecules/cell-lines/",
        "lot release": f"/molecules/releases/{release.pk}/",
        "new lot release": f"/molecules/lots/{release.lot_id}/release/",
    }


def _counts(client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in pages.items():
        assert client.get(url).status_code == 200, (name, url)  # warms memoised results
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url)
        counts[name] = len(queries.captured_queries)
    return counts


def _grow(lab, user, pages: dict[str, str]) -> None:
    """More of everything the pages list: 4 plates (4 imports), 4 runs, 3 studies of 12–20 animals,
    3 test articles with lots, 5 jobs; 3 more measurements (and a correction) of the page's animal."""
    animal = Animal.objects.get(pk=int(pages["animal"].rstrip("/").rsplit("/", 1)[1]))
    first = animal.measurements.order_by("date").first()
    days = [animal.study.implanted_on + dt.timedelta(days=k) for k in (1, 2, 3)]
    assert first is not None and days[-1] < first.date
    rows = [{"animal": animal.tag, "date": d, "length_mm": 2, "width_mm": 2} for d in days]
    measurements_record(study=animal.study, rows=rows, user=user)
    measurement_update(measurement=first, data={"length_mm": 9.5}, user=user, reason="re-read")
    layout = Layout.objects.filter(lab=lab, name="T-cell supernatant ELISA").get()
    for seed in range(4):
        plates = services.plate_import(
            lab=lab, data=elisa_time_course_csv(24, 100 + seed), filename=f"more_{seed}.csv", user=user
        ).plates
        services.run_create(
            lab=lab, user=user, kind="elisa", layout=layout, plates=plates, name=f"More {seed}", settings={}
        )
    yt = CellLine.objects.get(lab=lab, name="YT")
    potency = Layout.objects.get(lab=lab, name="IL-2 potency, YT reporter, 3 curves")
    runs = []
    for seed in range(3):  # more bioassay runs of the molecules, and another release
        plates = services.plate_import(
            lab=lab,
            data=plate_csv(YT_DOSES, (1.0, 1.1, 1.0), seed=500 + seed),
            filename=f"yt_{seed}.csv",
            user=user,
        ).plates
        runs.append(
            services.run_create(
                lab=lab,
                user=user,
                kind="bioassay",
                layout=potency,
                plates=plates,
                name=f"YT more {seed}",
                settings={},
                cell_line=yt,
            )[0]
        )
    lot = Lot.objects.get(lab=lab, lot_number="MUT-0117")
    lot_release_create(lab=lab, user=user, lot=lot, cell_line=yt, runs=runs)
    for n in (12, 16, 20):
        build_study(lab, user, n)
    for k in range(3):
        LotFactory(test_article=TestArticleFactory(lab=lab, name=f"Extra article {k}"))
    JobFactory.create_batch(5, lab=lab)
    _submit(lab, user, AssayRun.objects.filter(lab=lab, name__startswith="More "))


def _submit(lab, user, runs, studies=()) -> None:
    """Submit the newest version of these runs and the newest analyses of these studies for review."""
    from il2portal import signing

    for run in runs:
        v = run.versions.order_by("-version").first()
        if v.status == "succeeded":
            signing.sign(
                lab=lab, kind="run_version", pk=v.pk, user=user, meaning="authored", password=PASSWORD
            )
    for study in studies:
        seen = set()
        for a in study.analyses.order_by("kind", "-version"):
            if a.kind not in seen:
                seen.add(a.kind)
                signing.sign(
                    lab=lab, kind="study_analysis", pk=a.pk, user=user, meaning="authored", password=PASSWORD
                )


def test_every_page_answers_in_a_recorded_number_of_queries_whatever_the_amount_of_data(
    browser_client, lab, user, settings
):
    settings.JOBS_IN_PROCESS = True
    load_demo_data(lab=lab, user=user)
    assert elisa_time_course_layout()  # the demo's layout, grown below
    pages = _pages(lab)
    elisa = AssayRun.objects.filter(lab=lab, name="Demo IL-2 ELISA (SoftMax export)").get()
    _submit(lab, user, [elisa], Study.objects.filter(lab=lab))
    before = _counts(browser_client, pages)
    plates_before = Plate.objects.filter(lab=lab).count()
    _grow(lab, user, pages)
    assert Plate.objects.filter(lab=lab).count() >= plates_before + 4
    after = _counts(browser_client, pages)
    grew = {name: (before[name], after[name]) for name in pages if after[name] != before[name]}
    assert not grew, f"pages whose queries grow with the data (before, after): {grew}"
    if os.environ.get("IL2_RECORD_QUERY_COUNTS"):
        RECORDED.write_text(json.dumps(before, indent=2) + "\n")
    recorded = json.loads(RECORDED.read_text())
    changed = {
        name: (recorded.get(name), before[name]) for name in pages if recorded.get(name) != before[name]
    }
    assert not changed, (
        f"query counts differ from tests/query_counts.json (recorded, now): {changed}; if intended, "
        "record them again with IL2_RECORD_QUERY_COUNTS=1"
    )
