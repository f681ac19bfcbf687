"""Humane endpoint alerts and growth prediction."""

import math

import pytest

from studies.analysis.endpoints import (
    AnimalMonitoring,
    EndpointSettings,
    check_endpoints,
    predict_endpoint_day,
)


def doubling(days, v0=250.0, td=3.0):
    return [(d, v0 * 2 ** (d / td)) for d in days]


def test_it_predicts_the_day_to_endpoint_from_log_linear_growth():
    p = predict_endpoint_day([0, 3, 6], [250, 500, 1000], 2000)
    assert p.doubling_time_days == pytest.approx(3.0)
    assert p.predicted_day == pytest.approx(9.0)
    assert predict_endpoint_day([0, 3, 6], [500, 400, 300]).predicted_day is None  # shrinking
    assert predict_endpoint_day([0, 3], [250, 500]).predicted_day is None  # fewer than 3 points
    assert predict_endpoint_day([0, 3, 6], [0, 20, 40]).predicted_day is None  # non-palpable in the window


def test_it_warns_before_the_volume_endpoint_is_crossed():
    series = doubling([0, 2, 4, 6, 8, 10, 12])  # crosses 2000 mm³ on day 9
    alerts_by_day = {}
    for k in range(3, len(series) + 1):
        seen = series[:k]
        alerts = check_endpoints([AnimalMonitoring("m1", seen)])
        alerts_by_day[seen[-1][0]] = [(a.kind, a.level) for a in alerts]
    assert alerts_by_day[4] == []  # predicted day 9: 5 days ahead
    assert alerts_by_day[6] == [("volume", "warning")]  # 3 days ahead: warned before crossing
    assert alerts_by_day[8] == [("volume", "warning")]
    assert alerts_by_day[10] == [("volume", "reached")]
    warn = check_endpoints([AnimalMonitoring("m1", series[:4])])[0]
    assert warn.predicted_day == pytest.approx(9.0) and warn.threshold == 2000 and "day 9.0" in warn.message
    assert (
        check_endpoints([AnimalMonitoring("m1", series[:3])], EndpointSettings(warn_days=5))[0].level
        == "warning"
    )


def test_it_checks_weight_loss_and_ulceration():
    s = EndpointSettings(weight_loss_pct=20)
    alerts = check_endpoints(
        [
            AnimalMonitoring("thin", weights=[(0, 20.0), (5, 15.8)]),
            AnimalMonitoring("slim", weights=[(0, 20.0), (5, 16.8)]),
            AnimalMonitoring("fine", weights=[(0, 20.0), (5, 19.8)]),
            AnimalMonitoring("ulc", volumes=[(0, 300)], events=[(0, "ulceration")]),
            AnimalMonitoring("base", weights=[(5, 17.5)], baseline_weight_g=22.0),
        ],
        s,
    )
    got = {(a.animal, a.kind): a for a in alerts}
    assert got[("thin", "weight_loss")].level == "reached"
    assert got[("thin", "weight_loss")].value == pytest.approx(21.0)
    assert got[("slim", "weight_loss")].level == "warning"
    assert ("fine", "weight_loss") not in got
    assert got[("ulc", "ulceration")].level == "reached"
    assert got[("base", "weight_loss")].level == "reached"
    assert [a.level for a in alerts] == sorted((a.level for a in alerts), key=lambda x: x != "reached")
    d = alerts[0].to_dict()
    assert {"animal", "kind", "level", "message", "value", "threshold", "predicted_day"} <= set(d)


def test_it_ignores_animals_that_already_left_the_study():
    gone = AnimalMonitoring("x", doubling([0, 2, 4, 6, 8, 10]), events=[(10, "endpoint_euthanasia")])
    assert check_endpoints([gone]) == []
    assert math.isfinite(check_endpoints([AnimalMonitoring("y", [(0, 2500)])])[0].value)


def test_it_says_a_predicted_crossing_in_the_past_happened_and_flags_the_animal_overdue():
    # measured on days 24, 27, 30 doubling every 3 days: 2000 mm³ predicted on day 30.6
    v30 = 2000 * 2 ** (-0.6 / 3)
    series = [(24, v30 / 4), (27, v30 / 2), (30, v30)]
    (alert,) = check_endpoints([AnimalMonitoring("m1", series)], as_of_day=33)
    assert alert.predicted_day == pytest.approx(30.6)
    assert alert.overdue is True and alert.to_dict()["overdue"] is True
    assert "predicted to have reached 2000 mm³ on day 30.6 — 2.4 days ago; measure today" in alert.message
    assert "now" not in alert.message and "predicted to reach" not in alert.message
    assert "on day 30" in alert.message  # the volume is three days old
    # viewed on the day of the measurement: a warning about the future, not overdue
    (same_day,) = check_endpoints([AnimalMonitoring("m1", series)], as_of_day=30)
    assert same_day.overdue is False and "predicted to reach 2000 mm³ in 0.6 days" in same_day.message
    # an overdue predicted crossing sorts before ordinary warnings
    other = AnimalMonitoring("a0", [(24, 300), (27, 500), (30, 800)])  # 2000 mm³ around day 35.6
    alerts = check_endpoints([other, AnimalMonitoring("m1", series)], as_of_day=33)
    assert [a.animal for a in alerts] == ["m1", "a0"]


def test_it_dates_old_weight_and_volume_readings_in_their_alerts():
    alerts = check_endpoints(
        [
            AnimalMonitoring("big", [(28, 1500), (30, 2100)]),
            AnimalMonitoring("thin", weights=[(0, 20), (30, 15)]),
        ],
        as_of_day=33,
    )
    msgs = {a.animal: a.message for a in alerts}
    assert "on day 30" in msgs["big"] and "on day 30" in msgs["thin"]
