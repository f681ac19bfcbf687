"""The studies pages, as a scientist uses them in the browser (Django test client)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from il2portal.models import Job
from studies.analysis.volume import DEFAULT_MAX_AXIS_MM, FORMULAS
from studies.models import AnalysisResult, Animal, Arm, Dose, Event, Measurement, Randomisation, Study
from studies.services.analyses import analysis_run
from studies.services.common import REASON_MAX_LENGTH, lab_today
from studies.services.design import animals_create, arm_create, study_create
from studies.services.events import events_record
from studies.services.measurements import MAX_WEIGHT_G, measurements_record, sheet_import_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(lab):
    return lab_today(lab)


@pytest.fixture
def live_study(lab, user, today):
    """A study in life: day 0 fourteen days ago, two arms of three mice, measured on days 7 and 10."""
    day0 = today - dt.timedelta(days=14)
    study = study_create(lab=lab, user=user, name="Live", day0=day0, implanted_on=day0)
    ctrl = arm_create(study=study, name="Vehicle", is_control=True, schedule="q3d×3", dosing_start_day=7)
    treated = arm_create(study=study, name="IL-2", schedule="q3d×3", dosing_start_day=7, dose=1.0)
    animals_create(
        study=study,
        rows=[{"tag": f"V{i}", "arm": ctrl, "cage": "C1"} for i in range(1, 4)]
        + [{"tag": f"T{i}", "arm": treated, "cage": "C2"} for i in range(1, 4)],
    )
    rows = []
    for d, side in ((7, 5.0), (10, 6.5)):
        for i in range(1, 4):
            rows.append(
                {
                    "animal": f"V{i}",
                    "date": (day0 + dt.timedelta(days=d)).isoformat(),
                    "length_mm": side * 1.2 + 0.1 * i,
                    "width_mm": side,
                    "weight_g": 20.0,
                }
            )
            rows.append(
                {
                    "animal": f"T{i}",
                    "date": (day0 + dt.timedelta(days=d)).isoformat(),
                    "length_mm": 6.0 + 0.1 * i,
                    "width_mm": 5.0,
                    "weight_g": 20.0,
                }
            )
    measurements_record(study=study, rows=rows, user=user)
    return study


def test_it_lists_studies_and_creates_one(browser_client, lab):
    page = browser_client.get("/studies/")
    assert page.status_code == 200 and "No studies yet" in page.content.decode()
    response = browser_client.post(
        "/studies/",
        {
            "name": "B16 study",
            "tumor_model": "B16-F10",
            "strain": "C57BL/6",
            "implanted_on": "2025-02-03",
            "volume_formula": "lw2_half",
            "endpoint_volume_mm3": 1500,
            "weight_loss_endpoint_pct": 15,
            "measure_every_days": 2,
            "status": "active",
            "implant_site": "s.c.",
        },
    )
    study = Study.objects.get(name="B16 study")
    assert response.status_code == 302 and response["Location"] == f"/studies/{study.pk}/setup/"
    assert study.day0 == dt.date(2025, 2, 3) and study.lab == lab
    assert "B16 study" in browser_client.get("/studies/").content.decode()


def test_it_sets_up_groups_and_animals_in_the_browser(browser_client, lab, user):
    study = study_create(lab=lab, user=user, name="Setup", day0=dt.date(2025, 1, 6))
    url = f"/studies/{study.pk}/setup/"
    rows = {
        "treatments-TOTAL_FORMS": "1",
        "treatments-INITIAL_FORMS": "0",
        "treatments-0-dose_unit": "mg/kg",
        "treatments-0-route": "i.p.",
        "treatments-0-schedule": "q3d×5",
    }
    r = browser_client.post(
        url, {"add_arm": "1", "arm-name": "Vehicle", "arm-is_control": "on", "arm-capacity": 10, **rows}
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    assert [t.schedule for t in Arm.objects.get(study=study, name="Vehicle").treatments.all()] == ["q3d×5"]
    bad = browser_client.post(
        url,
        {"add_arm": "1", "arm-name": "X", "arm-capacity": 10, **rows, "treatments-0-schedule": "sometimes"},
    )
    assert bad.status_code == 200 and "Cannot read the schedule" in bad.content.decode()
    r = browser_client.post(
        url, {"add_animals": "1", "animals-tags": "M01-M12", "animals-per_cage": 5, "animals-sex": "F"}
    )
    assert r.status_code == 302
    tags = list(Animal.objects.filter(study=study).values_list("tag", "cage"))
    assert tags[0] == ("M01", "C1") and tags[-1] == ("M12", "C3") and len(tags) == 12
    dup = browser_client.post(
        url, {"add_animals": "1", "animals-tags": "M10-M14", "animals-per_cage": 5, "animals-sex": "F"}
    )
    assert "Already in this study: M10, M11, M12" in dup.content.decode()
    assert "Audit trail" in browser_client.get(url).content.decode()


def test_it_refuses_a_tag_listed_twice_on_the_setup_page(browser_client, lab, user):
    study = study_create(lab=lab, user=user, name="Twice", day0=dt.date(2025, 1, 6))
    r = browser_client.post(
        f"/studies/{study.pk}/setup/",
        {"add_animals": "1", "animals-tags": "M1, M2, M1", "animals-per_cage": 5, "animals-sex": "F"},
    )
    assert r.status_code == 200 and "A tag is listed twice." in r.content.decode()
    assert not Animal.objects.filter(study=study).exists()


def test_it_refuses_to_analyse_a_study_without_animals_in_groups_from_the_page(browser_client, lab, user):
    study = study_create(lab=lab, user=user, name="Empty", day0=dt.date(2025, 1, 6))
    animals_create(study=study, rows=[{"tag": "M1"}])
    r = browser_client.post(f"/studies/{study.pk}/analyse/", {"kind": "survival"}, follow=True)
    assert "No animal is in a group yet: randomise or assign animals first." in r.content.decode()
    assert not Job.objects.filter(kind="study_survival").exists() and not AnalysisResult.objects.exists()


def test_it_shows_the_dashboard_with_plots_tables_and_alerts(browser_client, live_study):
    page = browser_client.get(f"/studies/{live_study.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    for marker in (
        'id="fig-growth"',
        'id="fig-spaghetti"',
        'id="fig-weight"',
        "fig-growth-data",
        "vendor/plotly-cartesian.min.js",
        "Tumor growth inhibition",
        "Recent activity",
        "Run survival analysis",
        "Linear",
    ):
        assert marker in html, marker
    assert 'id="survival-empty"' in html and 'id="fig-km"' not in html


def test_it_runs_the_survival_analysis_from_the_dashboard(browser_client, live_study, user):
    Event.objects.all().delete()
    events_record(
        study=live_study,
        user=user,
        rows=[
            {
                "animal": "V1",
                "date": (live_study.day0 + dt.timedelta(days=10)).isoformat(),
                "kind": "endpoint_euthanasia",
            }
        ],
    )
    r = browser_client.post(f"/studies/{live_study.pk}/analyse/", {"kind": "survival"})
    assert r.status_code == 302 and r["Location"].endswith("#survival")
    assert AnalysisResult.objects.filter(study=live_study, kind="survival").count() == 1
    html = browser_client.get(f"/studies/{live_study.pk}/").content.decode()
    assert 'id="fig-km"' in html and "fig-km-data" in html and "Log-rank (all groups)" in html
    assert "data changed since" not in html
    events_record(
        study=live_study,
        user=user,
        rows=[
            {
                "animal": "T1",
                "date": (live_study.day0 + dt.timedelta(days=11)).isoformat(),
                "kind": "found_dead",
            }
        ],
    )
    assert "data changed since" in browser_client.get(f"/studies/{live_study.pk}/").content.decode()


def test_it_enters_a_day_in_the_grid_all_or_nothing(browser_client, live_study, today):
    url = f"/studies/{live_study.pk}/measure/"
    page = browser_client.get(url)
    assert (
        page.status_code == 200
        and 'id="grid"' in page.content.decode()
        and "grid-data" in page.content.decode()
    )
    animals = {a.tag: a.pk for a in Animal.objects.filter(study=live_study)}
    post = {"date": today.isoformat()}
    for _tag, pk in animals.items():
        post[f"length_mm-{pk}"] = "8,5"  # decimal comma
        post[f"width_mm-{pk}"] = "7"
        post[f"weight_g-{pk}"] = "20.4"
    post[f"width_mm-{animals['T2']}"] = "-7"
    bad = browser_client.post(url, post)
    html = bad.content.decode()
    assert bad.status_code == 200 and "Nothing was saved" in html and "T2: width: -7 mm is negative" in html
    assert 'value="8,5"' not in html  # values come back through JSON, not lost
    assert "8,5" in html
    assert not Measurement.objects.filter(date=today).exists()
    post[f"width_mm-{animals['T2']}"] = "9"  # W > L: swapped
    ok = browser_client.post(url, post)
    assert ok.status_code == 302 and ok["Location"] == f"/studies/{live_study.pk}/"
    t2 = Measurement.objects.get(date=today, animal__tag="T2")
    assert (t2.length_mm, t2.width_mm, t2.swapped) == (9.0, 8.5, True)
    assert Measurement.objects.filter(date=today).count() == 6
    again = browser_client.get(url).content.decode()
    assert again.count('class="done"') == 6


@pytest.mark.parametrize("formula", ["lw2_half", "ellipsoid"])
def test_it_checks_the_grid_live_with_the_limits_and_formula_the_server_uses(
    browser_client, live_study, formula
):
    """The entry grid's live volume and its plausibility flags use the numbers the server validates
    with (studies.analysis.volume, the measurement service), not copies of them."""
    Study.objects.filter(pk=live_study.pk).update(volume_formula=formula)
    page = browser_client.get(f"/studies/{live_study.pk}/measure/")
    grid = page.context["grid_data"]
    assert grid["factor"] == FORMULAS[formula]
    assert grid["max_axis"] == DEFAULT_MAX_AXIS_MM and grid["max_weight"] == MAX_WEIGHT_G
    assert page.context["reason_max_length"] == REASON_MAX_LENGTH  # the correction form's


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "sheet.xlsx"
    return buf


def test_it_imports_a_sheet_naming_the_bad_row(browser_client, live_study, today):
    url = f"/studies/{live_study.pk}/import/"
    assert browser_client.get(url).status_code == 200
    d = today.isoformat()
    sheet = _xlsx(
        [
            ["Tag", "Date", "Length (mm)", "Width (mm)", "Weight (g)", "Volume"],
            ["V1", today, 8, 7, 20.1, "=C2*D2^2/2"],
            ["V2", today, 8, 7, 20.2, None],
            ["T9", d, 8, 7, 20, None],
        ]
    )
    bad = browser_client.post(url, {"file": sheet}, follow=True).content.decode()
    assert "Nothing was imported. Row 4 (T9): animal: No animal tagged &#x27;T9&#x27; in this study." in bad
    assert not Measurement.objects.filter(date=today).exists()
    sheet = _xlsx(
        [
            ["Tag", "Date", "Length (mm)", "Width (mm)", "Weight (g)", "Volume"],
            ["V1", today, 8, 7, 20.1, "=C2*D2^2/2"],
            ["V2", today, 7, 8, 20.2, None],
        ]
    )
    ok = browser_client.post(url, {"file": sheet}, follow=True).content.decode()
    assert (
        "Imported 2 measurements from sheet.xlsx. Ignored columns: Volume. 1 rows had width &gt; length" in ok
    )
    text = "animal;day;L;W;BW\nT1;14;8,0;7,0;20,0\n".encode("cp1252")
    csv_file = io.BytesIO(text)
    csv_file.name = "day14.csv"
    ok = browser_client.post(url, {"file": csv_file}, follow=True).content.decode()
    assert "Imported 1 measurements" in ok
    assert (
        Measurement.objects.get(animal__tag="T1", date=live_study.day0 + dt.timedelta(days=14)).volume_mm3
        == 196.0
    )


def test_it_randomises_from_the_page_with_a_preview(browser_client, lab, user, today):
    study = study_create(lab=lab, user=user, name="R", day0=today - dt.timedelta(days=8))
    arms = [arm_create(study=study, name=n, capacity=3, schedule="q3d×2") for n in ("Vehicle", "Drug")]
    animals_create(study=study, rows=[{"tag": f"M{i}"} for i in range(8)])
    measurements_record(
        study=study,
        user=user,
        rows=[
            {"animal": f"M{i}", "date": today.isoformat(), "length_mm": 5 + 0.3 * i, "width_mm": 5}
            for i in range(8)
        ],
    )
    url = f"/studies/{study.pk}/randomise/"
    assert "Candidates" in browser_client.get(url).content.decode()
    form = {
        "date": today.isoformat(),
        "min_volume_mm3": 50,
        "max_volume_mm3": 100,
        "arms": [a.pk for a in arms],
        "seed": 11,
        "n_iter": 1000,
    }
    preview = browser_client.post(url, {**form, "preview": "1"}).content.decode()
    assert "Preview" in preview and "nothing stored yet" in preview and Randomisation.objects.count() == 0
    done = browser_client.post(url, {**form, "assign": "1"})
    record = Randomisation.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/studies/randomisations/{record.pk}/"
    page = browser_client.get(done["Location"]).content.decode()
    assert "Balance" in page and 'id="excluded"' in page and "11" in page
    assert Animal.objects.filter(study=study, arm__isnull=False).count() == 6
    assert Dose.objects.filter(study=study).count() == 12
    full = browser_client.post(url, {**form, "assign": "1"}, follow=True).content.decode()
    assert "Nothing was assigned: Group &#x27;Vehicle&#x27; is full (3 animals)" in full
    Arm.objects.filter(study=study).update(capacity=10)
    none = browser_client.post(
        url, {**form, "min_volume_mm3": 500, "max_volume_mm3": 600, "assign": "1"}, follow=True
    )
    assert (
        "Nothing was assigned: No animal fits the randomisation window 500–600 mm³" in none.content.decode()
    )


def test_it_lists_the_days_work_and_records_doses(browser_client, live_study, today):
    Dose.objects.filter(study=live_study, date__lt=today - dt.timedelta(days=3)).update(status="given")
    page = browser_client.get("/studies/today/").content.decode()
    assert "Doses due" in page and "overdue" in page and "Measurements due" in page
    due = (
        Dose.objects.filter(study=live_study, status="planned", date__lte=today).select_related("arm").first()
    )
    r = browser_client.post(
        f"/studies/{live_study.pk}/doses/",
        {
            "arm": due.arm_id,
            "treatment": due.treatment_id,
            "date": due.date.isoformat(),
            "status": "given",
            "next": "/studies/today/",
        },
    )
    assert r.status_code == 302 and r["Location"] == "/studies/today/"
    assert Dose.objects.filter(arm=due.arm, date=due.date, status="given").count() == 3


def test_it_shows_an_animal_with_plots_events_and_audit(browser_client, live_study, today):
    animal = Animal.objects.get(study=live_study, tag="V1")
    url = f"/studies/animals/{animal.pk}/"
    html = browser_client.get(url).content.decode()
    assert "fig-animal-data" in html and "Audit trail" in html and "Created measurement of" in html
    r = browser_client.post(url, {"date": today.isoformat(), "kind": "endpoint_euthanasia", "note": "volume"})
    assert r.status_code == 302
    animal.refresh_from_db()
    assert animal.status == "endpoint"
    bad = browser_client.post(url, {"date": today.isoformat(), "kind": "found_dead"}).content.decode()
    assert "already left the study" in bad


def test_it_exports_measurements_neutralising_formulas(browser_client, live_study):
    Measurement.objects.filter(animal__tag="V1").update(note='=HYPERLINK("http://evil")')
    Animal.objects.filter(tag="V2").update(cage="+C1")
    r = browser_client.get(f"/studies/{live_study.pk}/export.csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode())))
    assert rows[0][:3] == ["study", "animal", "cage"] and len(rows) == 13
    v1 = [row for row in rows if row[1] == "V1"][0]
    assert v1[-1].startswith("'=HYPERLINK") and [row for row in rows if row[1] == "V2"][0][2] == "'+C1"
    x = browser_client.get(f"/studies/{live_study.pk}/export.xlsx")
    ws = load_workbook(io.BytesIO(x.content)).active
    values = [c.value for c in ws[2]]
    assert ws.max_row == 13 and isinstance(values[10], float)
    assert all(
        not (isinstance(c.value, str) and c.value.startswith("=")) for row in ws.iter_rows() for c in row
    )


def test_it_downloads_a_stored_analysis_as_json(browser_client, live_study, user):
    record = analysis_run(study=live_study, kind="growth", user=user)
    r = browser_client.get(f"/studies/analyses/{record.pk}.json")
    assert r.status_code == 200 and r.json()["kind"] == "growth" and r.json()["version"] == 1


def test_it_shows_the_mixed_model_table_on_the_dashboard(browser_client, live_study):
    html = browser_client.get(f"/studies/{live_study.pk}/").content.decode()
    assert "Mixed model of log volume (time × treatment)" in html and 'id="mixed-table"' in html
    table = html[html.index('id="mixed-table"') : html.index("</table>", html.index('id="mixed-table"'))]
    assert "Vehicle" in table and "IL-2" in table and "reference" in table
    assert "Rate difference vs Vehicle" in table and "p (Holm)" in table and "Doubling time" in table
    note = html[html.index('id="mixed-note"') :]
    # two measurements per mouse: no random slope, said so in the note and a flag
    assert "6 animals, 12 measurements from day 7" in note and "a random intercept per animal" in note
    assert "Random slope per animal not used" in html


def test_it_stores_the_mixed_model_with_a_growth_analysis_run_from_the_dashboard(browser_client, live_study):
    r = browser_client.post(f"/studies/{live_study.pk}/analyse/", {"kind": "growth"})
    assert r.status_code == 302
    record = AnalysisResult.objects.get(study=live_study, kind="growth")
    body = browser_client.get(f"/studies/analyses/{record.pk}.json").json()
    mixed = body["result"]["mixed_model"]
    assert mixed["available"] and mixed["model"]["random_effects"] == "intercept"
    assert {c["group"] for c in mixed["comparisons"]} == {
        live_study.arms.get(is_control=False).pk
    } and "random_slope_dropped" in {f["code"] for f in mixed["flags"]}


def test_it_shows_studies_on_the_home_dashboard(browser_client, live_study):
    html = browser_client.get("/").content.decode()
    assert 'data-panel="Active studies"' in html and 'data-panel="Animals near endpoint"' in html


def test_it_links_the_studies_pages_in_the_sidebar(browser_client, live_study):
    html = browser_client.get("/studies/").content.decode()
    assert 'href="/studies/" class="active"' in html and 'href="/studies/today/"' in html
    assert 'href="/studies/today/" class="active"' in browser_client.get("/studies/today/").content.decode()


def test_it_corrects_a_saved_measurement_only_with_a_reason(browser_client, live_study, today):
    m = Measurement.objects.get(animal__tag="V1", date=live_study.day0 + dt.timedelta(days=7))
    url = f"/studies/measurements/{m.pk}/correct/"
    grid = f"/studies/{live_study.pk}/measure/?date={m.date.isoformat()}"
    page = browser_client.get(grid).content.decode()
    assert f'action="{url}"' in page and 'name="reason" required' in page
    assert browser_client.get(url).status_code == 405
    # no reason: nothing changes, the grid opens the correction again with a message
    r = browser_client.post(
        url, {"length_mm": "9", "width_mm": "5", "weight_g": "20", "reason": " "}, follow=True
    )
    assert "give the reason" in r.content.decode()
    assert r.redirect_chain[-1][0] == grid + f"&correct={m.pk}"
    m.refresh_from_db()
    assert m.length_mm == pytest.approx(6.1)
    # an impossible value: nothing changes, the message names the field
    r = browser_client.post(
        url, {"length_mm": "9", "width_mm": "-5", "weight_g": "20", "reason": "typo"}, follow=True
    )
    assert "Nothing was changed for V1 on day 7: width:" in r.content.decode()
    m.refresh_from_db()
    assert m.width_mm == 5.0 and m.history.count() == 1
    # with a reason: corrected, old values and reason in the history, shown on the grid and the animal page
    r = browser_client.post(
        url,
        {"length_mm": "7.1", "width_mm": "5", "weight_g": "20.5", "reason": "read the wrong caliper"},
        follow=True,
    )
    html = r.content.decode()
    assert (
        "Corrected V1 on day 7: length 6.1 → 7.1 mm, weight 20 → 20.5 g. Reason: read the wrong caliper"
        in html
    )
    m.refresh_from_db()
    assert (m.length_mm, m.weight_g, m.volume_mm3) == (7.1, 20.5, pytest.approx(7.1 * 25 / 2))
    last = m.history.first()
    assert last.history_change_reason == "read the wrong caliper" and last.history_user.username == "alice"
    assert last.prev_record.length_mm == pytest.approx(6.1)
    assert 'title="Reason: read the wrong caliper">corrected' in html
    animal = browser_client.get(f"/studies/animals/{m.animal_id}/").content.decode()
    assert "Reason: read the wrong caliper" in animal and "6.1 → 7.1" in animal


def test_it_rejects_an_api_correction_reason_longer_than_the_history_keeps(api, live_study):
    m = Measurement.objects.filter(study=live_study).first()
    r = api.patch(f"/api/v1/measurements/{m.pk}/", {"length_mm": 9, "reason": "x" * 101}, format="json")
    assert r.status_code == 400 and "reason" in r.json()["error"]["message"]
    m.refresh_from_db()
    assert m.length_mm != 9
    ok = api.patch(f"/api/v1/measurements/{m.pk}/", {"length_mm": 9, "reason": "x" * 100}, format="json")
    assert ok.status_code == 200 and m.history.first().history_change_reason == "x" * 100


def test_it_removes_an_event_entered_by_mistake_with_a_reason(browser_client, live_study, today):
    v1 = Animal.objects.get(study=live_study, tag="V1")
    browser_client.post(
        f"/studies/animals/{v1.pk}/", {"date": today.isoformat(), "kind": "endpoint_euthanasia", "note": ""}
    )
    v1.refresh_from_db()
    assert v1.status == "endpoint"
    event = Event.objects.get(animal=v1)
    url = f"/studies/events/{event.pk}/delete/"
    page = browser_client.get(f"/studies/animals/{v1.pk}/").content.decode()
    assert f'action="{url}"' in page and 'name="reason" required' in page
    r = browser_client.post(url, {"reason": ""}, follow=True)
    assert "give the reason" in r.content.decode() and Event.objects.filter(pk=event.pk).exists()
    r = browser_client.post(url, {"reason": "wrong animal: V2 was euthanised"}, follow=True)
    html = r.content.decode()
    assert "Removed endpoint euthanasia of V1" in html and not Event.objects.filter(pk=event.pk).exists()
    v1.refresh_from_db()
    assert v1.status == "alive" and v1.exit_date is None
    assert "Reason: wrong animal: V2 was euthanised" in html  # in the animal's audit trail


# ---- forms and pagination


def test_it_pages_the_study_list_keeping_the_other_parameters(browser_client, lab, user):
    for i in range(53):
        study_create(lab=lab, user=user, name=f"S{i:02d}", day0=dt.date(2025, 1, 6))
    first = browser_client.get("/studies/?sort=x").content.decode()
    assert first.count('href="/studies/') - first.count('href="/studies/today') >= 50
    assert "Page 1 of 2 · 53 studies" in first and 'href="?sort=x&amp;page=2"' in first
    second = browser_client.get("/studies/?sort=x&page=2").content.decode()
    assert "Page 2 of 2" in second and 'href="?sort=x&amp;page=1"' in second
    assert browser_client.get("/studies/?page=99").status_code == 200  # the last page, not an error


def test_it_pages_the_animals_of_the_setup_page(browser_client, lab, user):
    study = study_create(lab=lab, user=user, name="Big", day0=dt.date(2025, 1, 6))
    animals_create(study=study, rows=[{"tag": f"M{i:03d}"} for i in range(130)])
    html = browser_client.get(f"/studies/{study.pk}/setup/").content.decode()
    assert 'Animals <span class="muted">(130)</span>' in html and ">M099<" in html and ">M100<" not in html
    assert 'href="?page=2#animals"' in html
    assert ">M129<" in browser_client.get(f"/studies/{study.pk}/setup/?page=2").content.decode()


def test_it_pages_the_uploads_of_the_import_page(browser_client, live_study, user):
    for i in range(12):
        sheet_import_store(study=live_study, user=user, filename=f"sheet{i:02d}.csv", data=f"{i}".encode())
    html = browser_client.get(f"/studies/{live_study.pk}/import/").content.decode()
    assert "sheet11.csv" in html and "sheet01.csv" not in html and "Page 1 of 2 · 12 uploads" in html
    assert "sheet01.csv" in browser_client.get(f"/studies/{live_study.pk}/import/?page=2").content.decode()


@pytest.mark.parametrize(
    "post", [{}, {"arm": "x", "treatment": "1", "date": "2025-01-06"}, {"arm": "1", "treatment": "1"}]
)
def test_it_names_what_is_missing_when_recording_doses(browser_client, live_study, post):
    r = browser_client.post(f"/studies/{live_study.pk}/doses/", post, follow=True)
    assert "Choose a group, one of its treatments and a date." in r.content.decode()
    assert not Dose.objects.exclude(status="planned").exists()


def test_it_refuses_an_unknown_analysis_kind_from_the_page(browser_client, live_study):
    r = browser_client.post(f"/studies/{live_study.pk}/analyse/", {"kind": "magic"}, follow=True)
    assert (
        "Choose an analysis: growth, survival, synergy, exposure or immune." in r.content.decode()
        and not AnalysisResult.objects.exists()
    )


def test_it_keeps_the_typed_values_of_a_refused_grid(browser_client, live_study, today):
    t1 = Animal.objects.get(study=live_study, tag="T1")
    r = browser_client.post(
        f"/studies/{live_study.pk}/measure/",
        {"date": today.isoformat(), f"length_mm-{t1.pk}": " 6,5 ", f"width_mm-{t1.pk}": "abc"},
    )
    assert r.status_code == 200 and r.context["values"][str(t1.pk)] == {
        "length_mm": "6,5",
        "width_mm": "abc",
        "weight_g": "",
    }
    assert "T1: width: 'abc' is not a number" in r.context["error_list"]


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("measure_every_days", 30, "Measure at least every 14 days."),
        ("endpoint_volume_mm3", 50, "Use an endpoint between 100 and 4000 mm³ (usually 1500–2000)."),
    ],
)
def test_it_checks_study_settings_on_the_page_as_the_api_does(browser_client, lab, field, value, message):
    post = {"name": "Ranges", "tumor_model": "MC38", "strain": "C57BL/6", "day0": "2025-01-06"}
    post |= {"volume_formula": "lw2_half", "endpoint_volume_mm3": 2000, "weight_loss_endpoint_pct": 20}
    post |= {"measure_every_days": 3, "status": "planned", field: value}
    r = browser_client.post("/studies/", post)
    assert r.status_code == 200 and message in r.content.decode() and not Study.objects.exists()
