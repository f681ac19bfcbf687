"""Humane endpoint checks with early warning (DOMAIN.md §7).

For each live animal (animals with an exit event — endpoint euthanasia, found dead, other euthanasia,
withdrawn — are skipped) the latest data are compared with the study's endpoints:

* **volume**: ``reached`` when the latest volume ≥ ``volume_mm3`` (default 2000 mm³). Otherwise the day the
  endpoint will be reached is predicted from the recent exponential growth: ordinary least squares of
  ln V on day over the last ``fit_points`` (≥ 3, default 3) measurements, all > 0; growth rate b (per
  day), doubling time ln 2 / b, and, anchored at the latest measurement (t_L, V_L),
  predicted_day = t_L + (ln V_end − ln V_L) / b. No prediction when b ≤ 0 (not growing) or with fewer
  than 3 usable measurements. ``warning`` when predicted_day − as_of_day ≤ ``warn_days`` (default 3).
  A predicted day already past (the animal was last measured before ``as_of_day`` and the crossing
  falls in between) is said as such — "predicted to have reached 2000 mm³ on day 30.6 — 2.4 days ago;
  measure today" — and the alert is ``overdue``: the animal needs measuring today whatever its
  measurement schedule.
* **weight_loss**: loss % = (W_0 − W)/W_0·100 against ``baseline_weight_g`` (else the first weight);
  ``reached`` when loss > ``weight_loss_pct`` (default 20 %), ``warning`` when loss ≥ ``weight_loss_pct``
  − ``weight_warning_margin_pct`` (default 5 points, i.e. from 15 %).
* **events**: an ``ulceration`` or ``moribund`` event is an endpoint (``reached``).

Log-linear extrapolation over a few days is a rough guide (Gompertzian tumors slow down, calipers are
noisy); it is meant to warn early, not to schedule euthanasia. Readings older than ``as_of_day`` are
dated in the message ("on day 30"). Alerts sort ``reached`` first, then overdue predictions, then the
other warnings.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._common import json_float, jsonable

EXIT_KINDS = frozenset({"endpoint_euthanasia", "found_dead", "euthanasia_other", "withdrawn"})
ENDPOINT_EVENT_KINDS = ("ulceration", "moribund")


@dataclass(frozen=True)
class AnimalMonitoring:
    """Data of one animal: (day, volume mm³), (day, weight g), (day, event kind)."""

    animal_id: Hashable
    volumes: Sequence[tuple[float, float]] = ()
    weights: Sequence[tuple[float, float]] = ()
    events: Sequence[tuple[float, str]] = ()
    baseline_weight_g: float | None = None
    group_id: Hashable | None = None


@dataclass(frozen=True)
class EndpointSettings:
    volume_mm3: float = 2000.0
    weight_loss_pct: float = 20.0
    warn_days: float = 3.0
    fit_points: int = 3
    weight_warning_margin_pct: float = 5.0
    endpoint_event_kinds: tuple[str, ...] = ENDPOINT_EVENT_KINDS


@dataclass(frozen=True)
class GrowthPrediction:
    predicted_day: float | None
    rate_per_day: float | None
    doubling_time_days: float | None
    n_points: int

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Alert:
    animal: Hashable
    kind: str
    level: str  # "warning" | "reached"
    message: str
    value: float | None
    threshold: float | None
    predicted_day: float | None = None
    day: float | None = None
    doubling_time_days: float | None = None
    overdue: bool = False  # a predicted crossing already past: measure today

    def to_dict(self) -> dict[str, Any]:
        return {
            "overdue": self.overdue,
            "animal": jsonable(self.animal),
            "kind": self.kind,
            "level": self.level,
            "message": self.message,
            "value": json_float(self.value),
            "threshold": json_float(self.threshold),
            "predicted_day": json_float(self.predicted_day),
            "day": json_float(self.day),
            "doubling_time_days": json_float(self.doubling_time_days),
        }


def _series(pairs: Sequence[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    rows = sorted((float(d), float(v)) for d, v in pairs if v is not None and math.isfinite(float(v)))
    return np.array([r[0] for r in rows], float), np.array([r[1] for r in rows], float)


def predict_endpoint_day(
    days: Sequence[float] | np.ndarray,
    volumes: Sequence[float] | np.ndarray,
    endpoint_volume: float = 2000.0,
    fit_points: int = 3,
) -> GrowthPrediction:
    """Predicted day V reaches ``endpoint_volume`` from a log-linear fit on the last ``fit_points``
    measurements (module docstring). ``predicted_day`` is None when not growing."""
    if fit_points < 3:
        raise ValueError("fit_points must be ≥ 3")
    d = np.asarray(days, dtype=float)
    v = np.asarray(volumes, dtype=float)
    order = np.argsort(d, kind="stable")
    d, v = d[order][-fit_points:], v[order][-fit_points:]
    if d.size < 3 or np.any(v <= 0) or np.ptp(d) == 0:
        return GrowthPrediction(None, None, None, int(d.size))
    b = float(np.polyfit(d, np.log(v), 1)[0])
    if not b > 0:
        return GrowthPrediction(None, b, None, int(d.size))
    pred = float(d[-1] + (math.log(endpoint_volume) - math.log(v[-1])) / b)
    return GrowthPrediction(pred, b, math.log(2.0) / b, int(d.size))


def check_endpoints(
    animals: Sequence[AnimalMonitoring],
    settings: EndpointSettings | None = None,
    *,
    as_of_day: float | None = None,
) -> list[Alert]:
    """Alerts for all animals, ``reached`` before ``warning``. ``as_of_day`` defaults per animal to its
    latest measurement day (volume or weight)."""
    s = settings or EndpointSettings()
    alerts: list[Alert] = []
    for a in animals:
        kinds = {str(k) for _, k in a.events}
        if kinds & EXIT_KINDS:
            continue
        vd, vv = _series(a.volumes)
        wd, ww = _series(a.weights)
        last_days = [x[-1] for x in (vd, wd) if x.size]
        today = float(as_of_day) if as_of_day is not None else (max(last_days) if last_days else None)
        if vd.size:
            alerts.extend(_volume_alerts(a.animal_id, vd, vv, today, s))
        if ww.size:
            w0 = float(a.baseline_weight_g) if a.baseline_weight_g else float(ww[0])
            loss = (w0 - ww[-1]) / w0 * 100.0
            when = _on_day(float(wd[-1]), today)
            if loss > s.weight_loss_pct:
                alerts.append(
                    Alert(
                        a.animal_id,
                        "weight_loss",
                        "reached",
                        f"Body weight {loss:.1f} % below baseline{when} (limit {s.weight_loss_pct:g} %).",
                        loss,
                        s.weight_loss_pct,
                        None,
                        float(wd[-1]),
                    )
                )
            elif loss >= s.weight_loss_pct - s.weight_warning_margin_pct:
                alerts.append(
                    Alert(
                        a.animal_id,
                        "weight_loss",
                        "warning",
                        f"Body weight {loss:.1f} % below baseline{when}, approaching the "
                        f"{s.weight_loss_pct:g} % limit.",
                        loss,
                        s.weight_loss_pct,
                        None,
                        float(wd[-1]),
                    )
                )
        for day, kind in sorted(a.events, key=lambda e: float(e[0])):
            if kind in s.endpoint_event_kinds and (today is None or float(day) <= today):
                alerts.append(
                    Alert(
                        a.animal_id,
                        str(kind),
                        "reached",
                        f"{str(kind).capitalize()} recorded on day {float(day):g}: humane endpoint.",
                        None,
                        None,
                        None,
                        float(day),
                    )
                )
    alerts.sort(key=lambda x: (x.level != "reached", not x.overdue, str(x.animal), x.kind))
    return alerts


def _on_day(day: float, today: float | None) -> str:
    """ " on day N" when a reading is older than the day the alerts are for, else ""."""
    return f" on day {day:g}" if today is not None and day < today - 1e-9 else ""


def _volume_alerts(
    animal: Hashable, vd: np.ndarray, vv: np.ndarray, today: float | None, s: EndpointSettings
) -> list[Alert]:
    latest = float(vv[-1])
    last_day = float(vd[-1])
    when = _on_day(last_day, today)
    if latest >= s.volume_mm3:
        return [
            Alert(
                animal,
                "volume",
                "reached",
                f"Tumor volume {latest:.0f} mm³{when} ≥ endpoint {s.volume_mm3:g} mm³.",
                latest,
                s.volume_mm3,
                None,
                last_day,
            )
        ]
    pred = predict_endpoint_day(vd, vv, s.volume_mm3, s.fit_points)
    if pred.predicted_day is None:
        return []
    ref = today if today is not None else last_day
    days_left = pred.predicted_day - ref
    if days_left > s.warn_days + 1e-9:  # tolerance: 3.0000000001 days is "within 3 days"
        return []
    overdue = days_left <= 0 and ref > last_day
    if overdue and days_left > -0.05:
        text = (
            f"Tumor volume {latest:.0f} mm³{when} predicted to reach {s.volume_mm3:g} mm³ today (day "
            f"{pred.predicted_day:.1f}); measure today (doubling time {pred.doubling_time_days:.1f} days)."
        )
    elif overdue:
        text = (
            f"Tumor volume {latest:.0f} mm³{when} predicted to have reached {s.volume_mm3:g} mm³ on day "
            f"{pred.predicted_day:.1f} — {-days_left:.1f} days ago; measure today (doubling time "
            f"{pred.doubling_time_days:.1f} days)."
        )
    else:
        text = (
            f"Tumor volume {latest:.0f} mm³{when} predicted to reach {s.volume_mm3:g} mm³ in "
            f"{days_left:.1f} days (day {pred.predicted_day:.1f}; doubling time "
            f"{pred.doubling_time_days:.1f} days)."
        )
    return [
        Alert(
            animal,
            "volume",
            "warning",
            text,
            latest,
            s.volume_mm3,
            pred.predicted_day,
            last_day,
            pred.doubling_time_days,
            overdue,
        )
    ]
