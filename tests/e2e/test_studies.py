"""Tumor studies in Chromium: a day of caliper measurements entered with the keyboard changes the
growth plot; running the survival analysis draws the Kaplan–Meier plot."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from studies.models import Animal, Measurement
from studies.services.common import lab_today
from studies.services.design import animals_create, arm_create, study_create
from studies.services.events import events_record
from studies.services.measurements import measurements_record
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _study(lab, user, *, with_exits: bool = False):
    today = lab_today(lab)
    day0 = today - dt.timedelta(days=10)
    study = study_create(lab=lab, user=user, name="MC38 e2e", day0=day0, implanted_on=day0)
    ctrl = arm_create(study=study, name="Vehicle", is_control=True, schedule="q3d×3", dosing_start_day=7)
    drug = arm_create(study=study, name="IL-2 mutein", schedule="q3d×3", dosing_start_day=7, dose=1.0)
    animals_create(
        study=study,
        rows=[{"tag": f"V{i}", "arm": ctrl, "cage": "C1"} for i in (1, 2, 3)]
        + [{"tag": f"T{i}", "arm": drug, "cage": "C2"} for i in (1, 2, 3)],
    )
    rows = []
    for tag in ("V1", "V2", "V3", "T1", "T2", "T3"):
        for d, side in ((4, 4.0), (7, 5.0)):
            rows.append(
                {
                    "animal": tag,
                    "date": (day0 + dt.timedelta(days=d)).isoformat(),
                    "length_mm": side * 1.25,
                    "width_mm": side,
                    "weight_g": 20.0,
                }
            )
    measurements_record(study=study, rows=rows, user=user)
    if with_exits:
        events_record(
            study=study,
            user=user,
            rows=[
                {
                    "animal": "V1",
                    "date": (day0 + dt.timedelta(days=7)).isoformat(),
                    "kind": "endpoint_euthanasia",
                },
                {
                    "animal": "V2",
                    "date": (day0 + dt.timedelta(days=7)).isoformat(),
                    "kind": "endpoint_euthanasia",
                },
                {"animal": "T1", "date": (day0 + dt.timedelta(days=7)).isoformat(), "kind": "withdrawn"},
            ],
        )
    return study, today


def _points_per_trace(page) -> list[int]:
    page.wait_for_function("document.getElementById('fig-growth').dataset.drawn === '1'")
    return page.evaluate(
        "document.getElementById('fig-growth').data.filter(t => t.error_y).map(t => t.x.length)"
    )


def test_it_enters_a_day_with_the_keyboard_and_the_growth_plot_changes(
    logged_in_page, live_server, lab, user
):
    page = logged_in_page
    study, today = _study(lab, user)
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    assert _points_per_trace(page) == [2, 2]
    page.click("nav.tabs >> text=Enter measurements")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/measure/")
    page.wait_for_function("document.activeElement && document.activeElement.dataset.col === '0'")
    # the first length field has the focus: type L, Tab, W, Tab, weight, Tab … for the six mice (cage order)
    entries = {
        "V1": ("7.5", "6", "20.6"),  # normal growth
        "V2": ("6", "7.8", "20.9"),  # width > length: will be swapped
        "V3": ("19", "16.5", "21.0"),  # beyond the 2000 mm³ endpoint, and out of trend
        "T1": ("6.5", "5.2", "19.9"),
        "T2": ("6.4", "5.1", "15.5"),  # weight loss > 20 %
        "T3": ("6.2", "5.0", "20.1"),
    }
    for tag in ("V1", "V2", "V3", "T1", "T2", "T3"):
        for value in entries[tag]:
            page.keyboard.type(value)
            page.keyboard.press("Tab")
    row = {tag: page.locator(f"tr:has(a:text-is('{tag}'))") for tag in entries}
    assert row["V1"].locator("[data-role=volume]").inner_text() == "135"  # 7.5 × 6² / 2
    assert "will be swapped" in row["V2"].inner_text()
    assert "flag-bad" in row["V3"].get_attribute("class") and "≥ endpoint" in row["V3"].inner_text()
    assert "out of trend" in row["V3"].inner_text()
    assert "weight loss" in row["T2"].inner_text() and "flag-bad" in row["T2"].get_attribute("class")
    assert "6 of 6 animals entered" in page.inner_text("#grid-summary")
    shot(page, "studies-grid")
    page.keyboard.press("Shift+Tab")  # back into the grid, then save from the keyboard
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/")
    assert "Saved 6 measurements" in page.inner_text(".messages")
    assert _points_per_trace(page) == [3, 3]
    assert Measurement.objects.filter(date=today).count() == 6
    assert Measurement.objects.get(date=today, animal__tag="V2").swapped
    shot(page, "studies-dashboard-after-entry")


def test_it_rejects_the_whole_day_when_one_value_is_impossible(logged_in_page, live_server, lab, user):
    page = logged_in_page
    study, today = _study(lab, user)
    page.goto(f"{live_server.url}/studies/{study.pk}/measure/")
    page.wait_for_function("document.activeElement && document.activeElement.dataset.col === '0'")
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    page.keyboard.type("6")
    page.keyboard.press("Enter")  # down to the next animal's width
    page.keyboard.type("-6")
    assert "negative" in page.locator("tr.flag-bad").inner_text()
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("7")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#grid-errors")
    assert "Nothing was saved" in page.inner_text("#grid-errors")
    assert not Measurement.objects.filter(date=today).exists()
    shot(page, "studies-grid-rejected")


def test_it_runs_the_survival_analysis_and_shows_the_kaplan_meier_plot(
    logged_in_page, live_server, lab, user
):
    page = logged_in_page
    study, _today = _study(lab, user, with_exits=True)
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    assert page.is_visible("#survival-empty")
    page.click("#run-survival button[type=submit]")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/#survival")
    page.wait_for_function(
        "document.getElementById('fig-km') && document.getElementById('fig-km').dataset.drawn === '1'"
    )
    names = page.evaluate(
        "document.getElementById('fig-km').data.filter(t => t.line && t.line.shape === 'hv').map(t => t.name)"
    )
    assert [n.split(" (n = ")[0] for n in names] == ["Vehicle", "IL-2 mutein"]
    assert all(n.endswith(")") and " (n = " in n for n in names)  # the legend says n
    assert page.locator("#fig-km .main-svg").count() > 0
    assert "log-rank" in page.inner_text("#fig-km")
    assert "Number at risk" in page.inner_text("#fig-km")
    assert "Log-rank (all groups): χ² =" in page.inner_text("#logrank")
    page.locator("#survival").scroll_into_view_if_needed()
    shot(page, "studies-survival")


def test_it_shows_the_demo_study_pages(logged_in_page, live_server, lab, user):
    from studies.demo import DEMO_NAME, load_study_demo

    page = logged_in_page
    load_study_demo(lab=lab, user=user)
    study = Animal.objects.filter(study__lab=lab).first().study
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    expect(page.locator("h1")).to_contain_text(DEMO_NAME)
    expect(page.locator("#n-alive")).to_have_text("18 / 40")
    # the seeded demo: two animals predicted past the endpoint since day 30, a vehicle curve that stops
    alerts = page.locator("#alerts tbody tr")
    expect(alerts).to_have_count(2)
    expect(alerts.nth(0)).to_contain_text("M18")
    expect(alerts.nth(1)).to_contain_text("M19")
    expect(alerts.nth(0)).to_contain_text("overdue")
    expect(page.locator("#arms tr", has_text="Vehicle")).to_contain_text("curve stopped: day 30 has n = 1")
    page.wait_for_function("document.getElementById('fig-km').dataset.drawn === '1'")
    expect(page.locator("#fig-km .main-svg").first).to_be_visible()
    expect(page.locator("#logrank")).to_contain_text("Log-rank (all groups)")
    shot(page, "studies-demo-dashboard")
    page.click("#fig-growth .updatemenu-button >> nth=1")  # log scale
    page.wait_for_function("document.getElementById('fig-growth').layout.yaxis.type === 'log'")
    page.goto(f"{live_server.url}/studies/animals/{Animal.objects.get(study=study, tag='M03').pk}/")
    page.wait_for_function("document.getElementById('fig-animal').dataset.drawn === '1'")
    expect(page.locator("h1")).to_contain_text("M03")
    expect(page.locator("#measurements tbody tr")).to_have_count(7)
    expect(page.locator("#events")).to_contain_text("endpoint euthanasia")
    shot(page, "studies-demo-animal")
    page.goto(f"{live_server.url}/studies/today/")
    expect(page.locator("#measure-due")).to_contain_text("18 animals, every 3 days; 2 overdue")
    expect(page.locator("#near-endpoint tbody tr")).to_have_count(2)
    shot(page, "studies-demo-today")
    page.goto(f"{live_server.url}/studies/{study.pk}/measure/")
    expect(page.locator("tr[data-animal]")).to_have_count(18)  # the animals still in the study
    expect(page.locator("tr[data-animal]", has_text="M18")).to_contain_text("overdue: measure today")
    shot(page, "studies-demo-grid")
    page.goto(f"{live_server.url}/studies/{study.pk}/randomise/")
    expect(page.locator("#id_arms label")).to_have_text(
        ["Vehicle", "anti-PD-1", "IL-2 mutein", "anti-PD-1 + IL-2 mutein"]
    )
    shot(page, "studies-demo-randomise")
    page.goto(f"{live_server.url}/studies/")
    row = page.locator("tr", has_text=DEMO_NAME)
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_contain_text(["MC38", "4", "40", "18", "In life"])
    shot(page, "studies-list")


def test_it_adds_a_two_treatment_group_and_shows_its_doses_per_treatment(
    logged_in_page, live_server, lab, user
):
    from il2portal.models import Lot, TestArticle
    from studies.models import Arm, Dose

    page = logged_in_page
    study, today = _study(lab, user)
    pd1 = TestArticle.objects.create(lab=lab, name="Anti-mouse PD-1 (RMP1-14)", kind="antibody")
    mutein = TestArticle.objects.create(lab=lab, name="IL-2 not-alpha mutein", kind="il2_mutein")
    Lot.objects.create(lab=lab, test_article=pd1, lot_number="PD1-7788")
    Lot.objects.create(lab=lab, test_article=mutein, lot_number="MUT-0117")
    page.goto(f"{live_server.url}/studies/{study.pk}/setup/")
    page.fill("#id_arm-name", "anti-PD-1 + IL-2 mutein")
    page.fill("#id_arm-dosing_start_day", "7")
    page.click("[data-add-treatment]")  # a second row
    page.click("[data-add-treatment]")  # a third row, removed again below
    rows = page.locator("#add-arm tr.treatment-row")
    for i, (article, lot, dose, route, schedule) in enumerate(
        [
            ("Anti-mouse PD-1 (RMP1-14)", "PD1-7788", "10", "i.p.", "q3d×5"),
            ("IL-2 not-alpha mutein", "MUT-0117", "1", "s.c.", "q3d×3"),
        ]
    ):
        row = rows.nth(i)
        row.locator("select[name$='-test_article']").select_option(label=article)
        row.locator("select[name$='-lot']").select_option(label=f"{lot} · {article}")
        row.locator("input[name$='-dose']").fill(dose)
        row.locator("input[name$='-route']").fill(route)
        row.locator("input[name$='-schedule']").fill(schedule)
    rows.nth(2).locator("input[name$='-schedule']").fill("once")
    rows.nth(2).locator("[data-remove-treatment]").click()
    assert rows.nth(2).is_hidden()
    page.locator("#add-arm").scroll_into_view_if_needed()
    shot(page, "studies-arm-form-two-treatments")
    page.click("#add-arm button[name=add_arm]")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/setup/")
    assert "added with 2 treatments" in page.inner_text(".messages")
    arm = Arm.objects.get(study=study, name="anti-PD-1 + IL-2 mutein")
    assert [t.label for t in arm.treatments.all()] == [
        "Anti-mouse PD-1 (RMP1-14) 10 mg/kg i.p. q3d×5",
        "IL-2 not-alpha mutein 1 mg/kg s.c. q3d×3",
    ]
    animals_create(study=study, rows=[{"tag": "K1", "arm": arm, "cage": "C3"}], user=user)
    lines = page.locator(f"tr[data-arm='{arm.pk}'] ul.treatments li")
    page.reload()
    assert lines.all_inner_texts() == [
        "Anti-mouse PD-1 (RMP1-14) 10 mg/kg i.p. q3d×5 (lot PD1-7788)",
        "IL-2 not-alpha mutein 1 mg/kg s.c. q3d×3 (lot MUT-0117)",
    ]
    shot(page, "studies-setup-groups-two-treatments")
    page.click(f"tr[data-arm='{arm.pk}'] a")
    page.wait_for_url(f"{live_server.url}/studies/groups/{arm.pk}/")
    assert page.locator("#edit-arm tr.treatment-row").count() == 2
    assert page.input_value("#edit-arm input[name='treatments-1-schedule']") == "q3d×3"
    shot(page, "studies-group-edit-two-treatments")
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    assert "IL-2 not-alpha mutein 1 mg/kg s.c. q3d×3" in page.inner_text("#arms")
    shot(page, "studies-dashboard-two-treatments")
    k1 = Animal.objects.get(study=study, tag="K1")
    page.goto(f"{live_server.url}/studies/animals/{k1.pk}/")
    table = page.inner_text("#doses")
    assert table.count("Anti-mouse PD-1 (RMP1-14)") == 5 and table.count("IL-2 not-alpha mutein") == 3
    shot(page, "studies-animal-two-treatments")
    page.goto(f"{live_server.url}/studies/today/")
    due = page.locator("#doses-due tr", has_text="anti-PD-1 + IL-2 mutein")
    assert due.count() == 4  # days 7 (overdue) and 10 (today), one row per treatment
    assert "10 mg/kg i.p." in due.nth(0).inner_text() and "1 mg/kg s.c." in due.nth(1).inner_text()
    shot(page, "studies-today-two-treatments")
    due.nth(1).locator("button[value=given]").click()
    page.wait_for_url(f"{live_server.url}/studies/today/")
    assert "IL-2 not-alpha mutein (anti-PD-1 + IL-2 mutein)" in page.inner_text(".messages")
    given = Dose.objects.filter(animal=k1, status="given")
    assert [d.treatment.test_article.name for d in given] == ["IL-2 not-alpha mutein"]


def test_it_assigns_in_the_browser_exactly_the_previewed_allocation(logged_in_page, live_server, lab, user):
    from studies.models import Randomisation

    page = logged_in_page
    today = lab_today(lab)
    study = study_create(lab=lab, user=user, name="Randomise e2e", day0=today - dt.timedelta(days=8))
    for name in ("Vehicle", "Drug", "Combination"):
        arm_create(study=study, name=name, capacity=4, schedule="q3d×2")
    animals_create(study=study, rows=[{"tag": f"M{i:02d}"} for i in range(14)])
    measurements_record(
        study=study,
        user=user,
        rows=[
            {"animal": f"M{i:02d}", "date": today.isoformat(), "length_mm": 5 + 0.25 * i, "width_mm": 5}
            for i in range(14)
        ],
    )
    page.goto(f"{live_server.url}/studies/{study.pk}/randomise/")
    assert page.input_value("#id_seed") == ""
    page.click("#randomise-form button[name=preview]")
    page.wait_for_selector("#preview")
    seed = page.inner_text("#rand-seed").strip()
    assert page.input_value("#id_seed") == seed
    rows = page.locator("#preview table").nth(1).locator("tbody tr")
    shown = sorted(tuple(r.split("\t")[::2]) for r in rows.all_inner_texts())
    shot(page, "studies-randomise-preview")
    page.click("#randomise-form button[name=assign]")
    page.wait_for_url(f"{live_server.url}/studies/randomisations/*/")
    record = Randomisation.objects.get(study=study)
    assert str(record.seed) == seed
    assert sorted((r["animal"], r["group_name"]) for r in record.assignment) == shown
