"""The portal tells a newcomer what to do first, and says what each job analysed."""

from __future__ import annotations

import datetime
import re

import pytest

from assays.models import AssayRun, Layout, Plate, RunResult
from il2portal.models import Job
from studies.models import Study
from tests.assays.factories import LayoutFactory, PlateFactory, make_run

pytestmark = pytest.mark.django_db


def _steps(page: str) -> list[tuple[str, str]]:
    card = page.split('id="first-steps"')[1].split("</ol>")[0]
    return re.findall(r'<span class="badge[^"]*">([^<]+)</span>\s*<a href="[^"]+">([^<]+)</a>', card)


def test_a_new_lab_is_told_what_to_do_first_until_it_has_done_it(browser_client, lab, user):
    page = browser_client.get("/").content.decode()
    assert _steps(page) == [
        ("to do", "Upload a plate-reader export"),
        ("to do", "Describe the plate&#x27;s wells in a layout"),
        ("to do", "Analyse the plate as a run"),
        ("to do", "Create a tumor study"),
    ]
    PlateFactory(plate_import__stored_file__lab=lab)
    LayoutFactory(lab=lab)
    page = browser_client.get("/").content.decode()
    assert [s[0] for s in _steps(page)] == ["✓ done", "✓ done", "to do", "to do"]
    make_run(lab)
    Study.objects.create(lab=lab, name="MC38 pilot", created_by=user, day0=datetime.date(2026, 11, 1))
    assert 'id="first-steps"' not in browser_client.get("/").content.decode()


def test_another_labs_records_do_not_tick_a_step(browser_client, other_lab):
    PlateFactory(plate_import__stored_file__lab=other_lab)
    assert [s[0] for s in _steps(browser_client.get("/").content.decode())][0] == "to do"


def test_job_rows_name_and_link_what_they_analysed(browser_client, lab, user, other_lab):
    run = make_run(lab)
    version = run.versions.get()
    study = Study.objects.create(lab=lab, name="B16 combo", created_by=user, day0=datetime.date(2026, 11, 1))

    def job(kind, params):
        return Job.objects.create(lab=lab, kind=kind, params=params, created_by=user)

    run_job = job("run_analysis", {"run_result": version.pk})
    study_job = job("study_growth", {"study": study.pk})
    foreign = make_run(other_lab).versions.get()
    sneaky = job("run_analysis", {"run_result": foreign.pk})  # a hand-made job naming another lab's run
    page = browser_client.get("/").content.decode()
    assert f'<a href="/assays/runs/{run.pk}/?version=1">run v1</a>' in page
    assert f'<a href="/studies/{study.pk}/">B16 combo</a>' in page
    assert f"/assays/runs/{foreign.run_id}/" not in page  # another lab's run is never named
    detail = browser_client.get(f"/jobs/{run_job.pk}/").content.decode()
    assert f'href="/assays/runs/{run.pk}/?version=1">run v1</a>' in detail
    assert study_job.pk and sneaky.pk


def test_the_plate_page_offers_to_analyse_the_plate(browser_client, lab):
    plate = PlateFactory(plate_import__stored_file__lab=lab)
    page = browser_client.get(f"/assays/plates/{plate.pk}/").content.decode()
    assert f'href="/assays/runs/new/?plates={plate.pk}">Analyse this plate</a>' in page
    assert "Not analysed yet" in page
    form = browser_client.get(f"/assays/runs/new/?plates={plate.pk}").content.decode()
    assert re.search(rf"value=\"{plate.pk}\"\s+checked", form), form[form.find("run-form") :][:1500]
    assert Plate.objects.count() == 1 and not AssayRun.objects.exists() and Layout.objects.count() == 0
    assert RunResult.objects.count() == 0
