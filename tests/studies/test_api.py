"""The studies API as API.md describes it, and every kind of bad input refused with the row named."""

from __future__ import annotations

import pytest

from il2portal.models import Job
from studies.models import Animal, Dose, Event, Measurement, Randomisation, Study
from tests.factories import LotFactory, TestArticleFactory
from tests.studies.conftest import create_study, day

pytestmark = pytest.mark.django_db


def _post(api, url, body):
    return api.post(url, body, format="json")


def _error(response):
    return response.json()["error"]


# ---- records ------------------------------------------------------------------------------------


def test_it_creates_a_study_with_the_lab_defaulted(api, lab):
    s = create_study(api)
    assert s["lab"] == lab.pk and s["strain"] == "C57BL/6" and s["volume_formula"] == "lw2_half"
    assert s["endpoint_volume_mm3"] == 2000 and s["weight_loss_endpoint_pct"] == 20 and s["groups"] == []
    assert Study.objects.get(pk=s["id"]).history.count() == 1


def test_it_defaults_day0_to_the_implant_date_and_names_a_missing_one(api):
    s = _post(
        api, "/api/v1/studies/", {"name": "B16", "tumor_model": "B16-F10", "implanted_on": "2025-01-06"}
    )
    assert s.status_code == 201 and s.json()["day0"] == "2025-01-06"
    bad = _post(api, "/api/v1/studies/", {"name": "No day", "tumor_model": "MC38"})
    assert bad.status_code == 400 and bad.json()["error"]["message"].startswith("day0:")


def test_it_refuses_a_duplicate_study_name_and_odd_endpoints(api):
    create_study(api)
    dup = _post(api, "/api/v1/studies/", {"name": "MC38 PD-1 x IL-2", "day0": "2025-01-01"})
    assert dup.status_code == 400 and "name" in _error(dup)["detail"]
    odd = _post(api, "/api/v1/studies/", {"name": "x", "day0": "2025-01-01", "endpoint_volume_mm3": 20000})
    assert odd.status_code == 400 and _error(odd)["message"].startswith("endpoint_volume_mm3:")


def test_it_adds_groups_with_treatment_lot_dose_and_schedule(api, study, lab):
    article = TestArticleFactory(lab=lab, name="Anti-PD-1")
    lot = LotFactory(test_article=article)
    response = _post(
        api,
        f"{study['url']}groups/",
        {
            "name": "anti-PD-1",
            "treatment": article.pk,
            "lot": lot.pk,
            "dose": "10 mg/kg",
            "route": "i.p.",
            "schedule": "q3d×5",
            "is_control": False,
        },
    )
    assert response.status_code == 201, response.content
    g = response.json()
    assert (g["dose"], g["dose_unit"], g["treatment_name"], g["lot_number"]) == (
        10.0,
        "mg/kg",
        "Anti-PD-1",
        lot.lot_number,
    )
    listing = api.get(f"{study['url']}groups/").json()
    assert listing["count"] == 3 and [r["name"] for r in listing["results"]][-1] == "anti-PD-1"
    assert api.get(f"/api/v1/groups/{g['id']}/").json()["schedule"] == "q3d×5"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"name": "Vehicle"}, "name"),
        ({"name": "X", "schedule": "now and then"}, "schedule"),
        ({"name": "Y", "is_control": True}, "is_control"),
        ({"name": "Z", "dose": "lots"}, "dose"),
        ({"name": "W", "capacity": 0}, "capacity"),
    ],
)
def test_it_refuses_bad_groups(api, study, body, field):
    response = _post(api, f"{study['url']}groups/", body)
    assert response.status_code == 400
    assert _error(response)["message"].startswith(f"{field}:"), _error(response)


def test_it_refuses_a_lot_of_another_article(api, study, lab, vehicle):
    lot = LotFactory(test_article=TestArticleFactory(lab=lab, name="Other"))
    response = _post(api, f"{study['url']}groups/", {"name": "L", "treatment": vehicle.pk, "lot": lot.pk})
    assert response.status_code == 400 and "lot" in _error(response)["detail"]


def test_it_adds_one_animal_or_a_list(api, study):
    one = _post(api, f"{study['url']}animals/", {"tag": "U1", "group": None, "sex": "male", "cage": "C9"})
    assert one.status_code == 201 and one.json()["tag"] == "U1" and one.json()["sex"] == "M"
    assert one.json()["group"] is None and one.json()["status"] == "alive"
    many = _post(api, f"{study['url']}animals/", [{"tag": "U2"}, {"tag": "U3", "implanted_on": "2025-03-03"}])
    assert many.status_code == 201 and [a["tag"] for a in many.json()] == ["U2", "U3"]
    listing = api.get(f"{study['url']}animals/?unassigned=true").json()
    assert listing["count"] == 3


def test_it_refuses_a_tag_already_in_the_study_and_stores_none_of_the_list(api, study):
    before = Animal.objects.count()
    response = _post(api, f"{study['url']}animals/", [{"tag": "N1"}, {"tag": "A2"}, {"tag": "N3"}])
    assert response.status_code == 400
    assert (
        _error(response)["message"].startswith("rows[1].tag:")
        and "already used" in _error(response)["message"]
    )
    dup = _post(api, f"{study['url']}animals/", [{"tag": "N1"}, {"tag": "N1"}])
    assert _error(dup)["message"].startswith("rows[1].tag:")
    assert Animal.objects.count() == before


def test_it_refuses_a_group_of_another_study(api, study):
    other = create_study(api, name="Other study")
    g = _post(api, f"/api/v1/studies/{other['id']}/groups/", {"name": "G"}).json()
    response = _post(api, f"{study['url']}animals/", {"tag": "Q1", "group": g["id"]})
    assert response.status_code == 400 and _error(response)["message"].startswith("group:")


def test_it_refuses_to_move_an_animal_to_a_group_of_another_study(api, study):
    other = create_study(api, name="Other study")
    g = _post(api, f"/api/v1/studies/{other['id']}/groups/", {"name": "G"}).json()
    a1 = Animal.objects.get(tag="A1")
    r = api.patch(f"/api/v1/animals/{a1.pk}/", {"group": g["id"]}, format="json")
    assert r.status_code == 400 and _error(r)["message"].startswith("group:")
    assert _error(r)["detail"] == {
        "group": ["Group 'G' belongs to the study 'Other study', not to this one."]
    }
    a1.refresh_from_db()
    assert a1.arm_id == study["groups"][0]["id"] and a1.history.count() == 1


def test_it_names_every_bad_animal_of_a_list_by_row_and_field(api, study):
    r = _post(api, f"{study['url']}animals/", [{"tag": "N1", "sex": "x"}, {"tag": " "}, {"tag": "A1"}, "M9"])
    assert r.status_code == 400 and _error(r)["code"] == "validation_error"
    rows = _error(r)["detail"]["rows"]
    assert set(rows) == {"0", "1", "2", "3"} and set(rows["0"]) == {"sex"}
    assert rows["1"] == {"tag": ["This field may not be blank."]}
    assert rows["2"] == {"tag": ["Tag 'A1' is already used in this study."]}
    assert rows["3"] == {"tag": ["Each animal must be an object."]}


# ---- measurements -------------------------------------------------------------------------------


def test_it_records_a_batch_computing_volume_and_swapping_axes(api, study):
    rows = [
        {"animal": "A1", "date": day(7), "length_mm": 6.0, "width_mm": 5.0, "weight_g": 20.1},
        {"animal": "A2", "date": day(7), "length_mm": 4.0, "width_mm": 6.0},  # wrong way round
        {"animal": "A3", "date": day(7), "weight_g": 19.5},  # weight only
        {"animal": "A4", "date": day(7), "length_mm": 0, "width_mm": 0},  # non-palpable
    ]
    response = _post(api, f"{study['url']}measurements/", rows)
    assert response.status_code == 201, response.content
    a1, a2, a3, a4 = response.json()
    assert a1["volume_mm3"] == pytest.approx(6 * 25 / 2) and a1["day"] == 7 and a1["swapped"] is False
    assert (a2["length_mm"], a2["width_mm"], a2["swapped"]) == (6.0, 4.0, True) and "swapped" in a2["note"]
    assert a2["volume_mm3"] == pytest.approx(6 * 16 / 2)
    assert a3["volume_mm3"] is None and a3["weight_g"] == 19.5
    assert a4["volume_mm3"] == 0
    assert api.get(f"{study['url']}measurements/?tag=A2").json()["results"][0]["swapped"] is True
    assert api.get("/api/v1/measurements/?swapped=true").json()["count"] == 1


def test_it_uses_the_ellipsoid_formula_when_the_study_says_so(api, study):
    s = create_study(api, name="Ellipsoid", volume_formula="ellipsoid")
    _post(api, f"/api/v1/studies/{s['id']}/animals/", {"tag": "E1"})
    m = _post(
        api,
        f"/api/v1/studies/{s['id']}/measurements/",
        [{"animal": "E1", "date": day(7), "length_mm": 10, "width_mm": 6}],
    )
    assert m.json()[0]["volume_mm3"] == pytest.approx(3.141592653589793 / 6 * 10 * 36)


BAD_ROWS = [
    ({"width_mm": -3.0}, "width_mm", "negative", "invalid_measurement"),
    ({"length_mm": 120.0}, "length_mm", "larger than 40", "invalid_measurement"),
    ({"length_mm": "abc"}, "length_mm", "not a number", "invalid_measurement"),
    ({"width_mm": None}, "width_mm", "both length and width", "invalid_measurement"),
    ({"length_mm": 0.0}, "length_mm", "one axis is 0", "invalid_measurement"),
    ({"weight_g": 250.0}, "weight_g", "not a mouse", "invalid_measurement"),
    ({"animal": "ZZ9"}, "animal", "No animal tagged 'ZZ9'", "unknown_animal"),
    ({"date": day(-3)}, "date", "before A4's implant", "measurement_before_implant"),
    ({"date": "2030-01-01"}, "date", "in the future", "future_date"),
    ({"date": "03/10/2025"}, "date", "not a date", "invalid_date"),
    ({"lenght_mm": 5}, "lenght_mm", "unknown field", "unknown_field"),
]


@pytest.mark.parametrize("change,field,text,code", BAD_ROWS, ids=[b[1] + ":" + b[3] for b in BAD_ROWS])
def test_it_rejects_the_whole_batch_naming_the_bad_row(api, study, change, field, text, code):
    rows = [
        {"animal": t, "date": day(7), "length_mm": 6.0, "width_mm": 5.0, "weight_g": 20.0}
        for t in ("A1", "A2", "A3", "A4")
    ]
    rows[3] = {**rows[3], **change}
    response = _post(api, f"{study['url']}measurements/", rows)
    assert response.status_code == 400, response.content
    error = _error(response)
    assert error["code"] == code
    assert error["message"].startswith(f"rows[3].{field}: ") and text in error["message"], error["message"]
    assert error["detail"]["rows"]["3"][field]
    assert Measurement.objects.count() == 0  # nothing stored


def test_it_refuses_a_duplicate_in_the_batch_and_against_stored_ones(api, study):
    row = {"animal": "A1", "date": day(7), "length_mm": 6.0, "width_mm": 5.0}
    twice = _post(api, f"{study['url']}measurements/", [row, {**row, "length_mm": 7.0}])
    assert twice.status_code == 409 and _error(twice)["message"].startswith("rows[1].date:")
    assert Measurement.objects.count() == 0
    assert _post(api, f"{study['url']}measurements/", [row]).status_code == 201
    again = _post(api, f"{study['url']}measurements/", [{**row, "animal": "A2"}, row])
    assert again.status_code == 409 and _error(again)["code"] == "duplicate_measurement"
    assert _error(again)["message"].startswith("rows[1].date: A1 already has a measurement")
    assert Measurement.objects.count() == 1


def test_it_refuses_a_measurement_after_death(api, study):
    _post(api, f"{study['url']}measurements/", [{"animal": "A1", "date": day(10), "weight_g": 20}])
    _post(api, f"{study['url']}events/", [{"animal": "A1", "date": day(12), "kind": "found_dead"}])
    response = _post(
        api,
        f"{study['url']}measurements/",
        [
            {"animal": "A2", "date": day(14), "weight_g": 20},
            {"animal": "A1", "date": day(14), "weight_g": 18},
        ],
    )
    assert response.status_code == 400
    assert _error(response)["code"] == "measurement_after_exit"
    assert _error(response)["message"].startswith("rows[1].date: A1 left the study on 2025-03-15")
    assert not Measurement.objects.filter(date=day(14)).exists()


def test_it_lists_every_bad_row_in_the_detail(api, study):
    rows = [
        {"animal": "A1", "date": day(7), "width_mm": 5.0, "length_mm": -1},
        {"animal": "A2", "date": day(7), "weight_g": 20},
        {"animal": "nope", "date": day(7), "weight_g": 20},
    ]
    error = _error(_post(api, f"{study['url']}measurements/", rows))
    assert error["message"].startswith("rows[0].length_mm:") and "1 more row error" in error["message"]
    assert [e["row"] for e in error["detail"]["errors"]] == [0, 2]


def test_it_corrects_a_measurement_and_keeps_the_old_value_in_the_history(api, study):
    m = _post(
        api, f"{study['url']}measurements/", [{"animal": "A1", "date": day(7), "length_mm": 6, "width_mm": 5}]
    ).json()[0]
    response = api.patch(
        f"/api/v1/measurements/{m['id']}/", {"width_mm": 4, "reason": "re-read the sheet"}, format="json"
    )
    assert response.status_code == 200 and response.json()["volume_mm3"] == pytest.approx(6 * 16 / 2)
    record = Measurement.objects.get(pk=m["id"])
    last = record.history.first()
    assert last.history_change_reason == "re-read the sheet" and record.history.count() == 2
    bad = api.patch(f"/api/v1/measurements/{m['id']}/", {"width_mm": -4}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["message"].startswith("measurement.width_mm:")


# ---- events -------------------------------------------------------------------------------------


def test_it_records_events_and_sets_the_animal_status(api, study):
    _post(
        api,
        f"{study['url']}measurements/",
        [{"animal": "A1", "date": day(10), "length_mm": 16, "width_mm": 16}],
    )
    response = _post(
        api,
        f"{study['url']}events/",
        [
            {"animal": "A1", "date": day(10), "kind": "ulceration", "note": "ulcerated"},
            {"animal": "A1", "date": day(10), "kind": "endpoint_euthanasia"},
            {"animal": "B1", "date": day(11), "kind": "withdrawn", "note": "fight wound"},
        ],
    )
    assert response.status_code == 201, response.content
    assert [e["kind"] for e in response.json()] == ["ulceration", "endpoint_euthanasia", "withdrawn"]
    a1 = Animal.objects.get(tag="A1")
    assert a1.status == "endpoint" and a1.exit_date.isoformat() == day(10)
    assert Animal.objects.get(tag="B1").status == "withdrawn"
    # planned doses after the exit are cancelled
    assert not Dose.objects.filter(animal=a1, status="planned", date__gt=a1.exit_date).exists()
    assert api.get(f"{study['url']}events/?kind=withdrawn").json()["count"] == 1


@pytest.mark.parametrize(
    "row,field,code",
    [
        ({"animal": "A1", "date": day(9), "kind": "exploded"}, "kind", "invalid_choice"),
        ({"animal": "Q7", "date": day(9), "kind": "found_dead"}, "animal", "unknown_animal"),
        ({"animal": "A1", "date": day(-1), "kind": "found_dead"}, "date", "event_before_implant"),
        ({"animal": "A1", "date": day(5), "kind": "found_dead"}, "date", "event_before_measurements"),
    ],
)
def test_it_refuses_bad_events(api, study, row, field, code):
    _post(api, f"{study['url']}measurements/", [{"animal": "A1", "date": day(8), "weight_g": 20}])
    response = _post(
        api, f"{study['url']}events/", [{"animal": "B2", "date": day(9), "kind": "ulceration"}, row]
    )
    assert response.status_code == 400
    assert _error(response)["code"] == code and _error(response)["message"].startswith(f"rows[1].{field}:")
    assert Event.objects.count() == 0


def test_it_refuses_a_second_exit(api, study):
    _post(api, f"{study['url']}events/", [{"animal": "A1", "date": day(9), "kind": "found_dead"}])
    again = _post(api, f"{study['url']}events/", [{"animal": "A1", "date": day(9), "kind": "withdrawn"}])
    assert _error(again)["code"] == "already_exited"


def test_it_undoes_an_exit_event_deleted_by_mistake(api, study):
    e = _post(api, f"{study['url']}events/", [{"animal": "A1", "date": day(9), "kind": "found_dead"}]).json()[
        0
    ]
    assert api.delete(f"/api/v1/events/{e['id']}/?reason=wrong+mouse").status_code == 204
    a1 = Animal.objects.get(tag="A1")
    assert a1.status == "alive" and a1.exit_date is None


# ---- randomisation ------------------------------------------------------------------------------


def _unassigned(api, study, volumes):
    rows = [{"tag": f"R{i}"} for i in range(len(volumes))]
    _post(api, f"{study['url']}animals/", rows)
    ms = [
        {"animal": f"R{i}", "date": day(7), "length_mm": (2 * v) ** (1 / 3), "width_mm": (2 * v) ** (1 / 3)}
        for i, v in enumerate(volumes)
    ]
    assert _post(api, f"{study['url']}measurements/", ms).status_code == 201


def test_it_randomises_balancing_means_and_stores_seed_and_tables(api, lab):
    s = create_study(api, name="Rand")
    url = f"/api/v1/studies/{s['id']}/"
    g = [
        _post(api, f"{url}groups/", {"name": n, "capacity": 4, "schedule": "q3d×2"}).json()["id"]
        for n in "ABC"
    ]
    s["url"] = url
    _unassigned(api, s, [55, 60, 62, 65, 70, 72, 75, 80, 84, 88, 92, 97, 30, 140])
    response = _post(
        api,
        f"{url}randomize/",
        {"groups": g, "min_volume_mm3": 50, "max_volume_mm3": 100, "seed": 7, "date": day(7)},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["seed"] == 7 and len(body["assignment"]) == 12
    assert {r["group"] for r in body["assignment"]} == set(g)
    assert [x["n"] for x in body["balance"]["groups"]] == [4, 4, 4]
    assert body["objective"] < body["before"]["random_allocation_objective"]
    reasons = {e["animal"]: e["reason"] for e in body["excluded"]}
    assert "below the window" in reasons["R12"] and "above the window" in reasons["R13"]
    assert Animal.objects.filter(study_id=s["id"], arm__isnull=False).count() == 12
    assert Dose.objects.filter(study_id=s["id"]).count() == 24  # 12 animals × 2 doses from day 7
    # same seed, same input → same allocation (dry run stores nothing)
    Animal.objects.filter(study_id=s["id"]).update(arm=None)
    again = _post(api, f"{url}randomize/", {"groups": g, "seed": 7, "date": day(7), "dry_run": True}).json()
    assert again["assignment"] == body["assignment"] and again["id"] is None
    assert Randomisation.objects.count() == 1


def test_it_refuses_a_window_no_animal_fits(api, study):
    _unassigned(api, study, [20, 30, 150])
    before = Randomisation.objects.count()
    g = [x["id"] for x in study["groups"]]
    response = _post(
        api,
        f"{study['url']}randomize/",
        {"groups": g, "min_volume_mm3": 50, "max_volume_mm3": 100, "date": day(7)},
    )
    assert response.status_code == 400
    error = _error(response)
    assert (
        error["code"] == "no_eligible_animals"
        and "No animal fits the randomisation window 50–100 mm³" in error["message"]
    )
    assert any("already in group" in e["reason"] for e in error["detail"]["excluded"])
    assert Randomisation.objects.count() == before
    assert Animal.objects.filter(tag__startswith="R", arm__isnull=False).count() == 0


def test_it_refuses_bad_randomisation_requests(api, study):
    url = f"{study['url']}randomize/"
    assert _error(_post(api, url, {"groups": [999999]}))["message"].startswith("groups[0]:")
    assert _error(
        _post(api, url, {"groups": [study["groups"][0]["id"]], "min_volume_mm3": 100, "max_volume_mm3": 50})
    )["message"].startswith("max_volume_mm3:")


# ---- analyses -----------------------------------------------------------------------------------


def _measure_growth(api, study):
    rows = []
    for k, t in enumerate(["A1", "A2", "A3", "A4"]):
        for i, d in enumerate((7, 10, 14)):
            side = 5.0 + 1.5 * i + 0.1 * k
            rows.append(
                {
                    "animal": t,
                    "date": day(d),
                    "length_mm": side * 1.2,
                    "width_mm": side,
                    "weight_g": 20 + i * 0.3,
                }
            )
    for k, t in enumerate(["B1", "B2", "B3", "B4"]):
        for i, d in enumerate((7, 10, 14)):
            side = 5.0 + 0.5 * i + 0.1 * k
            rows.append(
                {
                    "animal": t,
                    "date": day(d),
                    "length_mm": side * 1.2,
                    "width_mm": side,
                    "weight_g": 20 - i * 0.4,
                }
            )
    assert _post(api, f"{study['url']}measurements/", rows).status_code == 201


def test_it_runs_the_growth_analysis_as_a_job_and_versions_the_result(api, study):
    _measure_growth(api, study)
    response = _post(api, f"{study['url']}analyses/", {"kind": "growth"})
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "succeeded" and job["url"].endswith(f"/api/v1/jobs/{job['id']}/")
    result = api.get(job["url"]).json()["result"]
    ctrl, treated = (g["id"] for g in study["groups"])
    groups = {g["group"]: g for g in result["groups"]}
    day14 = next(s for s in groups[ctrl]["series"] if s["day"] == 14)
    assert set(day14) >= {"n", "mean_volume", "sem_volume"} and day14["n"] == 4
    tgi = [t for t in result["tgi"] if t["group"] == treated]
    assert [t["day"] for t in tgi] == [10, 14] and all(t["tgi_pct"] > 50 for t in tgi)
    assert {a["animal"] for a in result["animals"]} == {"A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"}
    assert result["version"] == 1 and result["time_origin"] == "day0"
    second = _post(
        api, f"{study['url']}analyses/", {"kind": "growth", "settings": {"mean": "geometric"}}
    ).json()
    assert second["result"]["version"] == 2
    versions = api.get(f"{study['url']}analyses/?kind=growth").json()
    assert versions["count"] == 2 and {v["version"] for v in versions["results"]} == {1, 2}
    assert api.get(f"/api/v1/analyses/{versions['results'][0]['id']}/").json()["inputs_sha256"]


MIXED_MODEL_KEYS = {
    "available", "control_group", "control_slope", "control_slope_se", "control_slope_ci95", "groups",
    "comparisons", "model", "flags", "units", "adjustment", "analysis_version",
}  # fmt: skip


def test_it_adds_the_mixed_model_of_log_volume_to_the_growth_job_and_the_stored_analysis(api, study):
    _measure_growth(api, study)
    job = _post(api, f"{study['url']}analyses/", {"kind": "growth"}).json()
    result = api.get(job["url"]).json()["result"]
    ctrl, treated = (g["id"] for g in study["groups"])
    mixed = result["mixed_model"]
    assert set(mixed) == MIXED_MODEL_KEYS and mixed["available"] is True
    assert mixed["control_group"] == ctrl and mixed["adjustment"] == "holm"
    assert set(mixed["model"]) >= {
        "formula", "random_effects", "random_formula", "method", "converged", "log_likelihood",
        "n_animals", "n_observations", "start_day", "log_offset",
    }  # fmt: skip
    assert mixed["model"]["method"] == "REML" and mixed["model"]["n_animals"] == 8
    assert mixed["model"]["n_observations"] == 24 and mixed["model"]["start_day"] == result["baseline_day"]
    (comp,) = mixed["comparisons"]
    assert set(comp) == {"group", "estimate", "se", "ci95", "z", "p", "p_adjusted"}
    assert comp["group"] == treated and comp["estimate"] < 0 and comp["p_adjusted"] == comp["p"]
    groups = {g["group"]: g for g in mixed["groups"]}
    assert groups[ctrl]["slope"] == mixed["control_slope"] > 0
    assert groups[ctrl]["doubling_time_days"] > 0 and groups[treated]["n_animals"] == 4
    stored = api.get(f"/api/v1/analyses/{result['analysis_id']}/").json()["result"]
    assert stored["mixed_model"] == mixed


def test_it_refuses_bad_analysis_requests(api, study):
    assert _error(_post(api, f"{study['url']}analyses/", {"kind": "pk"}))["message"].startswith("kind:")
    bad = _post(api, f"{study['url']}analyses/", {"kind": "survival", "settings": {"ci_method": "magic"}})
    assert bad.status_code == 400 and "ci_method" in _error(bad)["message"]
    empty = create_study(api, name="Empty")
    r = _post(api, f"/api/v1/studies/{empty['id']}/analyses/", {"kind": "survival"})
    assert r.status_code == 400 and _error(r)["code"] == "no_groups"
    assert not Job.objects.filter(kind="study_survival").exists()


def test_it_generates_planned_doses_and_records_them_given(api, study):
    doses = api.get(f"{study['url']}doses/?tag=A1").json()
    assert [d["day"] for d in doses["results"]] == [7, 10, 13] and doses["results"][0]["status"] == "planned"
    assert doses["results"][0]["amount"] == 200 and doses["results"][0]["unit"] == "µL"
    dose_id = doses["results"][0]["id"]
    r = api.patch(f"/api/v1/doses/{dose_id}/", {"status": "given"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "given" and r.json()["given_by"] == "alice"


def test_it_documents_the_studies_endpoints_in_the_schema(api):
    paths = api.get("/api/v1/schema/?format=json").json()["paths"]
    for p in (
        "studies/",
        "studies/{id}/groups/",
        "studies/{id}/animals/",
        "studies/{id}/measurements/",
        "studies/{id}/events/",
        "studies/{id}/randomize/",
        "studies/{id}/analyses/",
    ):
        assert f"/api/v1/{p}" in paths, p


def test_it_keeps_other_labs_studies_out(api, other_api, study):
    assert other_api.get(study["url"]).status_code == 404
    r = other_api.post(
        f"{study['url']}measurements/", [{"animal": "A1", "date": day(7), "weight_g": 20}], format="json"
    )
    assert r.status_code == 404 and Measurement.objects.count() == 0
    assert other_api.get("/api/v1/studies/").json()["count"] == 0


def test_it_replays_a_retried_batch_without_storing_it_twice(api, study):
    url = f"{study['url']}measurements/"
    rows = [{"animal": "A1", "date": day(7), "weight_g": 20}]
    first = api.post(url, rows, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    second = api.post(url, rows, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201 and Measurement.objects.count() == 1


def test_it_edits_a_group_and_moves_an_animal_keeping_the_history(api, study):
    ctrl, treated = study["groups"]
    r = api.patch(f"/api/v1/groups/{treated['id']}/", {"dose": "2.5 mg/kg", "capacity": 12}, format="json")
    assert r.status_code == 200 and (r.json()["dose"], r.json()["capacity"]) == (2.5, 12)
    clash = api.patch(f"/api/v1/groups/{treated['id']}/", {"name": "Vehicle"}, format="json")
    assert clash.status_code == 400 and _error(clash)["message"].startswith("name:")
    a1 = Animal.objects.get(tag="A1")
    moved = api.patch(f"/api/v1/animals/{a1.pk}/", {"group": treated["id"], "cage": "C7"}, format="json")
    assert moved.status_code == 200 and moved.json()["group_name"] == "IL-2 mutein"
    assert a1.history.count() == 2 and a1.history.first().history_user.username == "alice"
    assert Dose.objects.filter(animal=a1, arm_id=treated["id"]).count() == 3  # the new arm's schedule
    assert not Dose.objects.filter(animal=a1, arm_id=ctrl["id"], status="planned").exists()
    retag = api.patch(f"/api/v1/animals/{a1.pk}/", {"tag": "A2"}, format="json")
    assert retag.status_code == 400 and _error(retag)["message"].startswith("tag:")


def test_it_deletes_a_measurement_entered_by_mistake(api, study):
    m = _post(api, f"{study['url']}measurements/", [{"animal": "A1", "date": day(7), "weight_g": 20}]).json()[
        0
    ]
    assert api.delete(f"/api/v1/measurements/{m['id']}/?reason=wrong+animal").status_code == 204
    assert not Measurement.objects.exists()
    assert (
        Measurement.history.filter(id=m["id"], history_type="-").get().history_change_reason == "wrong animal"
    )
    bad = api.patch(f"/api/v1/doses/{Dose.objects.first().pk}/", {"status": "eaten"}, format="json")
    assert bad.status_code == 400 and _error(bad)["message"].startswith("status:")


def test_it_refuses_more_animals_than_a_request_may_carry_naming_the_limit(api, lab):
    from studies.services.design import MAX_ANIMALS_PER_REQUEST

    study = api.post("/api/v1/studies/", {"name": "Big", "day0": "2026-01-05"}, format="json").json()
    rows = [{"tag": f"M{i}"} for i in range(MAX_ANIMALS_PER_REQUEST + 1)]
    response = api.post(f"/api/v1/studies/{study['id']}/animals/", rows, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "batch_too_large"
    assert f"{MAX_ANIMALS_PER_REQUEST} animals" in response.json()["error"]["message"]


def test_it_checks_a_batch_of_animals_with_one_query_for_the_study_tags(
    api, lab, django_assert_max_num_queries
):
    study = api.post("/api/v1/studies/", {"name": "Q", "day0": "2026-01-05"}, format="json").json()
    rows = [{"tag": f"M{i}"} for i in range(300)]
    with django_assert_max_num_queries(60):  # not one query per animal
        response = api.post(f"/api/v1/studies/{study['id']}/animals/", rows, format="json")
    assert response.status_code == 201 and len(response.json()) == 300
