"""Arms with several treatments: a combination arm holds each test article with its own lot, dose,
route and schedule; doses are planned, listed, recorded and exported per treatment."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from studies.models import Animal, Arm, ArmTreatment, Dose, Study
from studies.services.common import StudyError, lab_today
from studies.services.design import animals_create, arm_create, arm_update, study_create
from studies.services.dosing import doses_plan, doses_record
from tests.factories import LotFactory, TestArticleFactory
from tests.studies.conftest import DAY0

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(lab):
    pd1 = TestArticleFactory(lab=lab, name="Anti-mouse PD-1 (RMP1-14)", kind="antibody", mutations="")
    mutein = TestArticleFactory(lab=lab, name="IL-2 not-alpha mutein")
    return {
        "pd1": pd1,
        "pd1_lot": LotFactory(test_article=pd1, lot_number="PD1-7788"),
        "mutein": mutein,
        "mutein_lot": LotFactory(test_article=mutein, lot_number="MUT-0117"),
    }


def _combination(articles) -> list[dict]:
    return [
        {
            "test_article": articles["pd1"],
            "lot": articles["pd1_lot"],
            "dose": 10.0,
            "dose_unit": "mg/kg",
            "route": "i.p.",
            "schedule": "q3d×5",
        },
        {
            "test_article": articles["mutein"],
            "lot": articles["mutein_lot"],
            "dose": 1.0,
            "dose_unit": "mg/kg",
            "route": "s.c.",
            "schedule": "q3d×3",
        },
    ]


@pytest.fixture
def combo_study(lab, user, articles):
    """Day 0 fourteen days ago; a vehicle arm and the combination arm (two mice each), dosing from day 7."""
    today = lab_today(lab)
    day0 = today - dt.timedelta(days=14)
    study = study_create(lab=lab, user=user, name="Combo", day0=day0, implanted_on=day0)
    vehicle = arm_create(
        study=study, name="Vehicle", is_control=True, schedule="q3d×5", dosing_start_day=7, dose_unit="µL"
    )
    combo = arm_create(
        study=study, name="anti-PD-1 + IL-2 mutein", dosing_start_day=7, treatments=_combination(articles)
    )
    animals_create(
        study=study,
        rows=[{"tag": f"V{i}", "arm": vehicle, "cage": "C1"} for i in (1, 2)]
        + [{"tag": f"C{i}", "arm": combo, "cage": "C2"} for i in (1, 2)],
    )
    return study


# --------------------------------------------------------------------------------------------------
# Services


def test_it_plans_each_treatment_of_a_combination_arm_on_its_own_schedule(combo_study):
    c1 = Animal.objects.get(study=combo_study, tag="C1")
    doses = list(Dose.objects.filter(animal=c1).select_related("treatment__test_article").order_by("date"))
    per = {}
    for d in doses:
        per.setdefault(d.treatment.test_article.name, []).append(
            (combo_study.day_of(d.date), d.amount, d.unit, d.route)
        )
    assert per == {
        "Anti-mouse PD-1 (RMP1-14)": [(day, 10.0, "mg/kg", "i.p.") for day in (7, 10, 13, 16, 19)],
        "IL-2 not-alpha mutein": [(day, 1.0, "mg/kg", "s.c.") for day in (7, 10, 13)],
    }
    # a day with two drugs is two dose records
    assert Dose.objects.filter(animal=c1, date=combo_study.date_of(7)).count() == 2
    assert doses_plan(study=combo_study) == 0  # idempotent


def test_it_keeps_the_history_of_each_treatment(combo_study, user):
    arm = Arm.objects.get(study=combo_study, name="anti-PD-1 + IL-2 mutein")
    second = arm.treatments.all()[1]
    arm_update(
        arm=arm,
        fields={},
        treatments=[{"id": arm.treatments.all()[0].pk}, {"id": second.pk, "dose": 2.0}],
        user=user,
    )
    second.refresh_from_db()
    assert second.dose == 2.0
    assert [h.dose for h in second.history.order_by("history_date")] == [1.0, 2.0]
    assert second.history.first().history_user == user


def test_it_replans_planned_doses_when_a_treatment_changes(combo_study, user):
    arm = Arm.objects.get(study=combo_study, name="anti-PD-1 + IL-2 mutein")
    first, second = arm.treatments.all()
    c1 = Animal.objects.get(study=combo_study, tag="C1")
    given = Dose.objects.get(animal=c1, treatment=second, date=combo_study.date_of(7))
    doses_record(doses=[given], status=Dose.Status.GIVEN, user=user)
    arm_update(
        arm=arm,
        fields={},
        treatments=[{"id": first.pk}, {"id": second.pk, "dose": 2.5, "schedule": "q3d×2"}],
        user=user,
    )
    rows = list(
        Dose.objects.filter(animal=c1, treatment=second)
        .order_by("date")
        .values_list("date", "status", "amount")
    )
    # the given dose keeps what was given; the plan now has the new dose and two doses only
    assert rows == [
        (combo_study.date_of(7), "given", 1.0),
        (combo_study.date_of(10), "planned", 2.5),
    ]
    assert Dose.objects.filter(animal=c1, treatment=first).count() == 5


def test_it_refuses_to_remove_a_treatment_with_given_doses(combo_study, user):
    arm = Arm.objects.get(study=combo_study, name="anti-PD-1 + IL-2 mutein")
    first, second = arm.treatments.all()
    dose = Dose.objects.filter(treatment=second).first()
    doses_record(doses=[dose], status=Dose.Status.GIVEN, user=user)
    with pytest.raises(StudyError) as err:
        arm_update(arm=arm, fields={}, treatments=[{"id": first.pk}], user=user)
    assert "IL-2 not-alpha mutein" in err.value.message and "given" in err.value.message
    assert arm.treatments.count() == 2


# --------------------------------------------------------------------------------------------------
# API


def _post(api, url, body):
    return api.post(url, body, format="json")


def test_it_adds_a_combination_group_through_the_api(api, study, articles):
    body = {
        "name": "anti-PD-1 + IL-2 mutein",
        "dosing_start_day": 7,
        "treatments": [
            {
                "treatment": articles["pd1"].pk,
                "lot": articles["pd1_lot"].pk,
                "dose": 10,
                "dose_unit": "mg/kg",
                "route": "i.p.",
                "schedule": "q3d×5",
            },
            {
                "treatment": articles["mutein"].pk,
                "lot": articles["mutein_lot"].pk,
                "dose": "1 mg/kg",
                "route": "s.c.",
                "schedule": "q3d×3",
            },
        ],
    }
    response = _post(api, f"{study['url']}groups/", body)
    assert response.status_code == 201, response.content
    g = api.get(f"/api/v1/groups/{response.json()['id']}/").json()
    assert [
        (t["treatment_name"], t["lot_number"], t["dose"], t["dose_unit"], t["route"], t["schedule"])
        for t in g["treatments"]
    ] == [
        ("Anti-mouse PD-1 (RMP1-14)", "PD1-7788", 10.0, "mg/kg", "i.p.", "q3d×5"),
        ("IL-2 not-alpha mutein", "MUT-0117", 1.0, "mg/kg", "s.c.", "q3d×3"),
    ]
    # the single fields read as the first treatment's (compatibility)
    assert (g["treatment"], g["dose"], g["route"], g["schedule"]) == (
        articles["pd1"].pk,
        10.0,
        "i.p.",
        "q3d×5",
    )
    api.post(f"{study['url']}animals/", {"tag": "K1", "group": g["id"]}, format="json")
    doses = api.get(f"{study['url']}doses/?tag=K1").json()["results"]
    assert [(d["day"], d["treatment_name"], d["amount"], d["route"]) for d in doses if d["day"] == 7] == [
        (7, "Anti-mouse PD-1 (RMP1-14)", 10.0, "i.p."),
        (7, "IL-2 not-alpha mutein", 1.0, "s.c."),
    ]
    assert len(doses) == 8 and {d["treatment"] for d in doses} == {t["id"] for t in g["treatments"]}
    by_article = api.get(f"/api/v1/groups/?treatment={articles['mutein'].pk}").json()["results"]
    assert [x["id"] for x in by_article] == [g["id"]]
    mutein_doses = api.get(f"{study['url']}doses/?tag=K1&test_article={articles['mutein'].pk}").json()
    assert [d["day"] for d in mutein_doses["results"]] == [7, 10, 13]


def test_it_keeps_the_single_treatment_form_of_a_group(api, study, vehicle):
    g = study["groups"][0]
    assert [(t["treatment"], t["dose"], t["dose_unit"], t["schedule"]) for t in g["treatments"]] == [
        (vehicle.pk, 200.0, "µL", "q3d×3")
    ]
    assert ArmTreatment.objects.filter(arm_id=g["id"]).count() == 1


def test_it_refuses_both_forms_at_once(api, study, articles):
    body = {"name": "Both", "schedule": "q3d×5", "treatments": [{"schedule": "q3d×3"}]}
    response = _post(api, f"{study['url']}groups/", body)
    assert response.status_code == 400 and "treatments" in response.json()["error"]["message"]
    assert not Arm.objects.filter(name="Both").exists()


@pytest.mark.parametrize("field", ["treatment", "lot"])
def test_it_answers_another_labs_test_article_or_lot_as_not_found(api, study, other_lab, field):
    foreign_article = TestArticleFactory(lab=other_lab, name="Foreign")
    foreign = foreign_article if field == "treatment" else LotFactory(test_article=foreign_article)
    missing_id = 99_999_999

    def attempt(pk):
        body = {"name": f"F{pk}", "treatments": [{"schedule": "once"}, {field: pk, "schedule": "once"}]}
        return _post(api, f"{study['url']}groups/", body)

    foreign_r, missing_r = attempt(foreign.pk), attempt(missing_id)
    assert foreign_r.status_code == missing_r.status_code == 400
    message = foreign_r.json()["error"]["message"]
    assert message.startswith(f"treatments[1].{field}:")
    assert message == missing_r.json()["error"]["message"].replace(str(missing_id), str(foreign.pk))
    assert Arm.objects.filter(study_id=study["id"]).count() == 2


def test_it_patches_one_treatment_of_a_group(api, study, articles):
    body = {
        "name": "Combo",
        "dosing_start_day": 7,
        "treatments": [
            {"treatment": articles["pd1"].pk, "dose": 10, "route": "i.p.", "schedule": "q3d×5"},
            {"treatment": articles["mutein"].pk, "dose": 1, "route": "s.c.", "schedule": "q3d×3"},
        ],
    }
    g = _post(api, f"{study['url']}groups/", body).json()
    api.post(f"{study['url']}animals/", {"tag": "K1", "group": g["id"]}, format="json")
    first, second = g["treatments"]
    r = api.patch(
        f"/api/v1/groups/{g['id']}/",
        {"treatments": [{"id": first["id"]}, {"id": second["id"], "dose": 2}]},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert [t["dose"] for t in r.json()["treatments"]] == [10.0, 2.0]
    amounts = set(Dose.objects.filter(treatment_id=second["id"]).values_list("amount", flat=True))
    assert amounts == {2.0}
    other = _post(api, f"{study['url']}groups/", {"name": "Solo", "schedule": "once"}).json()
    stolen = api.patch(
        f"/api/v1/groups/{g['id']}/", {"treatments": [{"id": other["treatments"][0]["id"]}]}, format="json"
    )
    assert stolen.status_code == 400 and "treatments[0].id" in stolen.json()["error"]["message"]


def test_it_describes_treatments_in_the_openapi_schema(api):
    schema = api.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    components = schema.json()["components"]["schemas"]
    arm = components["Arm"]
    assert "treatments" in arm["properties"]
    item = arm["properties"]["treatments"]["items"]["$ref"].rsplit("/", 1)[-1]
    assert {"treatment", "lot", "dose", "dose_unit", "route", "schedule"} <= set(
        components[item]["properties"]
    )
    assert {"treatment", "treatment_name"} <= set(components["Dose"]["properties"])


# --------------------------------------------------------------------------------------------------
# Pages


def _formset(rows: list[dict], prefix: str = "treatments") -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_it_adds_a_combination_group_on_the_setup_page(browser_client, lab, user, articles):
    study = study_create(lab=lab, user=user, name="Setup combo", day0=DAY0)
    url = f"/studies/{study.pk}/setup/"
    form = {"add_arm": "1", "arm-name": "Combination", "arm-capacity": 10, "arm-dosing_start_day": 7}
    rows = [
        {
            "test_article": articles["pd1"].pk,
            "lot": articles["pd1_lot"].pk,
            "dose": "10",
            "dose_unit": "mg/kg",
            "route": "i.p.",
            "schedule": "q3d×5",
        },
        {
            "test_article": articles["mutein"].pk,
            "lot": articles["mutein_lot"].pk,
            "dose": "1",
            "dose_unit": "mg/kg",
            "route": "s.c.",
            "schedule": "q3d×3",
        },
        {"schedule": "once", "DELETE": "on"},  # a row removed in the form
    ]
    r = browser_client.post(url, {**form, **_formset(rows)})
    assert r.status_code == 302, r.content.decode()[:3000]
    arm = Arm.objects.get(study=study, name="Combination")
    assert [
        (t.test_article.name, t.lot.lot_number, t.dose, t.route, t.schedule) for t in arm.treatments.all()
    ] == [
        ("Anti-mouse PD-1 (RMP1-14)", "PD1-7788", 10.0, "i.p.", "q3d×5"),
        ("IL-2 not-alpha mutein", "MUT-0117", 1.0, "s.c.", "q3d×3"),
    ]
    page = re.sub(r"<[^>]+>", "", browser_client.get(url).content.decode())
    assert "Anti-mouse PD-1 (RMP1-14) 10 mg/kg i.p. q3d×5 (lot PD1-7788)" in page
    assert "IL-2 not-alpha mutein 1 mg/kg s.c. q3d×3 (lot MUT-0117)" in page
    # a lot of another article is refused on its row and nothing is stored
    bad_rows = [dict(rows[0], lot=articles["mutein_lot"].pk)]
    bad = browser_client.post(url, {**form, "arm-name": "Bad", **_formset(bad_rows)})
    assert bad.status_code == 200 and "Lot MUT-0117 is of IL-2 not-alpha mutein" in bad.content.decode()
    assert not Arm.objects.filter(study=study, name="Bad").exists()


def test_it_shows_each_treatments_doses_on_the_animal_page(browser_client, combo_study):
    c1 = Animal.objects.get(study=combo_study, tag="C1")
    page = browser_client.get(f"/studies/animals/{c1.pk}/").content.decode()
    table = page[page.index('id="doses"') :]
    table = table[: table.index("</table>")]
    cells = [
        re.sub(r"<[^>]+>", "", re.sub(r"</td>\s*<td[^>]*>", "|", row)).split("|")
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]
    rows = [[c.strip() for c in r] for r in cells if r and r[0].strip()[:2].isdigit()]
    day7 = combo_study.date_of(7).isoformat()
    on_day7 = [r for r in rows if r[0] == day7]
    assert [(r[1], r[2], r[3]) for r in on_day7] == [
        ("7", "Anti-mouse PD-1 (RMP1-14) (lot PD1-7788)", "10 mg/kg i.p."),
        ("7", "IL-2 not-alpha mutein (lot MUT-0117)", "1 mg/kg s.c."),
    ]
    assert len(rows) == Dose.objects.filter(animal=c1).count() == 8


def test_it_lists_doses_due_per_treatment_and_records_one_treatment(browser_client, combo_study, lab):
    page = browser_client.get("/studies/today/").content.decode()
    section = page[page.index('id="doses-due"') : page.index('id="measure-due"')]
    day13 = combo_study.date_of(13).isoformat()
    assert "Anti-mouse PD-1 (RMP1-14)" in section and "IL-2 not-alpha mutein" in section
    assert "10 mg/kg i.p." in section and "1 mg/kg s.c." in section
    assert "10 + 1" not in section and "i.p. + s.c." not in section
    mutein = ArmTreatment.objects.get(arm__study=combo_study, test_article__name="IL-2 not-alpha mutein")
    r = browser_client.post(
        f"/studies/{combo_study.pk}/doses/",
        {"arm": mutein.arm_id, "treatment": mutein.pk, "date": day13, "status": "given"},
    )
    assert r.status_code == 302
    given = Dose.objects.filter(study=combo_study, status="given")
    assert given.count() == 2 and set(given.values_list("treatment_id", flat=True)) == {mutein.pk}
    assert not Dose.objects.filter(
        study=combo_study, status="given", treatment__test_article__name__startswith="Anti"
    ).exists()


def test_it_exports_doses_per_treatment(browser_client, combo_study):
    r = browser_client.get(f"/studies/{combo_study.pk}/doses.csv")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.content.decode())))
    c1 = [row for row in rows if row["animal"] == "C1"]
    assert len(c1) == 8
    assert {(row["treatment"], row["dose"], row["unit"], row["route"]) for row in c1} == {
        ("Anti-mouse PD-1 (RMP1-14)", "10.0", "mg/kg", "i.p."),
        ("IL-2 not-alpha mutein", "1.0", "mg/kg", "s.c."),
    }
    assert {row["lot"] for row in c1} == {"PD1-7788", "MUT-0117"}
    wb = load_workbook(io.BytesIO(browser_client.get(f"/studies/{combo_study.pk}/export.xlsx").content))
    assert wb.sheetnames[:5] == ["measurements", "doses", "groups", "study", "analyses"]
    groups = list(wb["groups"].iter_rows(values_only=True))
    header = groups[0]
    combo = [dict(zip(header, g, strict=True)) for g in groups[1:] if g[0] == "anti-PD-1 + IL-2 mutein"]
    assert [(g["treatment"], g["dose"], g["route"], g["schedule"]) for g in combo] == [
        ("Anti-mouse PD-1 (RMP1-14)", 10, "i.p.", "q3d×5"),
        ("IL-2 not-alpha mutein", 1, "s.c.", "q3d×3"),
    ]
    doses = list(wb["doses"].iter_rows(values_only=True))
    assert len(doses) - 1 == Dose.objects.filter(study=combo_study).count()


def test_it_exports_one_ex_row_per_dose_with_its_treatment(browser_client, combo_study, user):
    Dose.objects.filter(study=combo_study).update(status=Dose.Status.GIVEN)
    archive = zipfile.ZipFile(io.BytesIO(browser_client.get(f"/studies/{combo_study.pk}/send.zip").content))
    ex = list(csv.DictReader(io.StringIO(archive.read("ex.csv").decode())))
    assert len(ex) == Dose.objects.filter(study=combo_study, status="given").count()
    c1 = [r for r in ex if r["USUBJID"].endswith("-C1")]
    day8 = [r for r in c1 if r["EXSTDY"] == "8"]  # study day 7 is SEND day 8
    assert [(r["EXTRT"], r["EXDOSE"], r["EXDOSU"], r["EXROUTE"]) for r in day8] == [
        ("Anti-mouse PD-1 (RMP1-14)", "10.0", "mg/kg", "INTRAPERITONEAL"),
        ("IL-2 not-alpha mutein", "1.0", "mg/kg", "SUBCUTANEOUS"),
    ]
    assert sorted(int(r["EXSEQ"]) for r in c1) == list(range(1, 9))  # sequence per subject
    assert sum(r["EXTRT"] == "IL-2 not-alpha mutein" for r in c1) == 3


# --------------------------------------------------------------------------------------------------
# Demo


def test_it_makes_the_demo_combination_arm_a_real_two_treatment_arm(lab, user):
    from studies.demo import DEMO_NAME, load_study_demo

    load_study_demo(lab=lab, user=user)
    study = Study.objects.get(lab=lab, name=DEMO_NAME)
    combo = Arm.objects.get(study=study, name="anti-PD-1 + IL-2 mutein")
    treatments = [
        (t.test_article.name, t.dose, t.dose_unit, t.route, t.schedule) for t in combo.treatments.all()
    ]
    assert treatments == [
        ("Anti-mouse PD-1 (RMP1-14)", 10.0, "mg/kg", "i.p.", "q3d×5"),
        ("IL-2 not-alpha mutein", 1.0, "mg/kg", "s.c.", "q3d×3"),
    ]
    last_dose = study.date_of(19)
    animal = next(a for a in combo.animals.order_by("tag") if not a.exit_date or a.exit_date > last_dose)
    per = {
        t.test_article.name: Dose.objects.filter(animal=animal, treatment=t)
        .exclude(status=Dose.Status.SKIPPED)
        .count()
        for t in combo.treatments.all()
    }
    assert per == {"Anti-mouse PD-1 (RMP1-14)": 5, "IL-2 not-alpha mutein": 3}
    assert not Dose.objects.filter(study=study, route__contains="+").exists()


def test_it_counts_doses_due_per_treatment_on_the_dashboard(browser_client, combo_study):
    page = browser_client.get(f"/studies/{combo_study.pk}/").content.decode()
    section = page[page.index('id="doses-due"') :]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", section[: section.index("</dd>")]))
    day13 = combo_study.date_of(13)
    planned = Dose.objects.filter(study=combo_study, status="planned", date=day13)
    n = {
        t: planned.filter(treatment__test_article__name=t).count()
        for t in ("Anti-mouse PD-1 (RMP1-14)", "IL-2 not-alpha mutein")
    }
    vehicle = planned.filter(arm__name="Vehicle").count()
    assert (vehicle, *n.values()) == (2, 2, 2)
    assert (
        f"{day13.isoformat()} (day 13) overdue: Vehicle {vehicle} · anti-PD-1 + IL-2 mutein "
        f"(Anti-mouse PD-1 (RMP1-14) {n['Anti-mouse PD-1 (RMP1-14)']}, "
        f"IL-2 not-alpha mutein {n['IL-2 not-alpha mutein']}) — {planned.count()} doses"
    ) in text


def _edit_form(page: str) -> dict:
    from tests.studies.test_randomise_preview import form_fields

    data = {k: v[0] if len(v) == 1 else v for k, v in form_fields(page, "edit-arm").items()}
    for name, value in re.findall(
        r'<select name="([^"]+)"[^>]*>.*?<option value="(\d*)"[^>]*selected', page, re.S
    ):
        data[name] = value
    return data


def test_it_changes_and_removes_treatments_on_the_group_page(browser_client, combo_study, user):
    arm = Arm.objects.get(study=combo_study, name="anti-PD-1 + IL-2 mutein")
    pd1, mutein = arm.treatments.all()
    url = f"/studies/groups/{arm.pk}/"
    page = browser_client.get(url).content.decode()
    data = _edit_form(page)
    assert data["treatments-INITIAL_FORMS"] == "2" and data["treatments-1-schedule"] == "q3d×3"
    assert data["treatments-1-test_article"] == str(mutein.test_article_id)
    data.update({"treatments-1-dose": "2", "treatments-1-schedule": "q3d×2", "treatments-0-DELETE": "on"})
    r = browser_client.post(url, data)
    assert r.status_code == 302, r.content.decode()[-2000:]
    assert [(t.test_article.name, t.dose, t.schedule) for t in arm.treatments.all()] == [
        ("IL-2 not-alpha mutein", 2.0, "q3d×2")
    ]
    c1 = Animal.objects.get(study=combo_study, tag="C1")
    assert list(Dose.objects.filter(animal=c1).values_list("amount", "route")) == [
        (2.0, "s.c."),
        (2.0, "s.c."),
    ]
    trail = browser_client.get(url).content.decode()
    assert "treatment IL-2 not-alpha mutein" in trail and "dose: 1.0 → 2.0" in trail
    assert "Deleted treatment Anti-mouse PD-1 (RMP1-14)" in trail

    # a treatment with given doses cannot be removed: the page says why and nothing changes
    doses_record(doses=list(Dose.objects.filter(animal=c1)[:1]), status="given", user=user)
    data = _edit_form(browser_client.get(url).content.decode())
    data["treatments-0-DELETE"] = "on"
    bad = browser_client.post(url, data)
    assert bad.status_code == 200
    assert "IL-2 not-alpha mutein cannot be removed from group" in bad.content.decode()
    assert arm.treatments.count() == 1


def test_it_refuses_another_labs_test_article_in_the_group_form(browser_client, lab, user, other_lab):
    study = study_create(lab=lab, user=user, name="Tenancy", day0=DAY0)
    foreign = TestArticleFactory(lab=other_lab, name="Foreign mutein")
    form = {"add_arm": "1", "arm-name": "Foreign", "arm-capacity": 10}
    r = browser_client.post(
        f"/studies/{study.pk}/setup/",
        {**form, **_formset([{"test_article": foreign.pk, "schedule": "once"}])},
    )
    assert r.status_code == 200 and "Select a valid choice" in r.content.decode()
    assert "Foreign mutein" not in r.content.decode()
    assert not Arm.objects.filter(name="Foreign").exists()
    with pytest.raises(StudyError) as err:
        arm_create(study=study, name="Foreign", treatments=[{"test_article": foreign}])
    assert err.value.code == "not_found" and not Arm.objects.filter(name="Foreign").exists()
