"""The demo study shows each behaviour a scientist must read right, and every number its dashboard
shows (means, n, TGI, medians, hazard ratios, p) equals the stored analysis and a value computed here
by hand, independently of the analysis code (plain loops over the stored measurements and events;
R's documented rules for the median; Efron's partial likelihood for the Cox model)."""

from __future__ import annotations

import math
import re
from collections import defaultdict

import numpy as np
import pytest
from scipy import stats

from il2portal.formatting import mean_sem, p_equals, p_value, ratio_ci
from studies import selectors
from studies.demo import TYPO, load_study_demo
from studies.models import AnalysisResult, Animal, Event, Measurement, Study
from studies.services.common import lab_today
from tests.studies.analysis.test_survival import efron_mle, efron_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(lab, user):
    load_study_demo(lab=lab, user=user)
    study = Study.objects.get(lab=lab)
    arms = {a.pk: a for a in study.arms.all()}
    by_name = {a.name: a for a in arms.values()}
    return study, arms, by_name


def _stored(study, kind):
    return AnalysisResult.objects.get(study=study, kind=kind).result


# ---- hand computations from the stored records


def hand_means(study):
    """{(arm id, day): (n, mean, SEM)} of the tumor volumes measured that day."""
    vols = defaultdict(list)
    for m in Measurement.objects.filter(study=study, volume_mm3__isnull=False).select_related("animal"):
        vols[(m.animal.arm_id, study.day_of(m.date))].append(m.volume_mm3)
    out = {}
    for key, v in vols.items():
        a = np.array(v)
        out[key] = (a.size, a.mean(), a.std(ddof=1) / math.sqrt(a.size) if a.size > 1 else None)
    return out


def hand_survival(study):
    """{arm id: [(days from day 0, event)]}: endpoint euthanasia and found dead are events, other exits
    censor at their date, the others at their last measurement."""
    out = defaultdict(list)
    for a in Animal.objects.filter(study=study):
        exit_ = Event.objects.filter(animal=a, kind__in=list(Event.EXIT_STATUS)).first()
        if exit_:
            out[a.arm_id].append(
                (study.day_of(exit_.date), exit_.kind in ("endpoint_euthanasia", "found_dead"))
            )
        else:
            last = Measurement.objects.filter(animal=a).order_by("-date").first()
            out[a.arm_id].append((study.day_of(last.date), False))
    return out


def r_median(pairs):
    """R survfit's median (quantile.survfit, by hand): the first event time where S < 0.5, or, where S
    is exactly 0.5 after an event time, the midpoint to the next event time (or to the last follow-up
    when the curve ends at 0.5). None when not reached."""
    at_risk, s = len(pairs), 1.0
    times = sorted({t for t, _ in pairs})
    flat_from = None
    for t in times:
        d = sum(1 for tt, e in pairs if tt == t and e)
        c = sum(1 for tt, e in pairs if tt == t and not e)
        if d:
            s *= 1 - d / at_risk
            if flat_from is not None:
                return (flat_from + t) / 2
            if abs(s - 0.5) < 1e-8:
                flat_from = t
            elif s < 0.5:
                return float(t)
        at_risk -= d + c
    return (flat_from + max(times)) / 2 if flat_from is not None else None


def hand_logrank(groups):
    """k-group log-rank (Mantel; R survdiff rho = 0) written out: U = O − E, V the hypergeometric
    covariance, χ² = Uᵀ V⁻¹ U on the first k − 1 groups."""
    keys = list(groups)
    k = len(keys)
    times = sorted({t for g in keys for t, e in groups[g] if e})
    o, e_, v = np.zeros(k), np.zeros(k), np.zeros((k, k))
    for t in times:
        n_g = np.array([sum(1 for tt, _ in groups[g] if tt >= t) for g in keys], float)
        d_g = np.array([sum(1 for tt, ee in groups[g] if tt == t and ee) for g in keys], float)
        n, d = n_g.sum(), d_g.sum()
        o += d_g
        e_ += d * n_g / n
        if n > 1:
            v += d * (n - d) / (n - 1) * (np.diag(n_g / n) - np.outer(n_g, n_g) / n**2)
    u = (o - e_)[:-1]
    chi2 = float(u @ np.linalg.solve(v[:-1, :-1], u))
    return chi2, float(stats.chi2.sf(chi2, k - 1))


def _cells(html: str, table_id: str) -> str:
    start = html.index(f'id="{table_id}"')
    return html[start : html.index("</table>", start)]


# ---- the demo shows each behaviour


def test_it_shows_each_fixed_behaviour_in_the_demo(demo, lab):
    study, arms, by_name = demo
    growth = _stored(study, "growth")
    vehicle = next(g for g in growth["groups"] if g["name"] == "Vehicle")
    late = [(s["day"], s["n"], s["in_curve"]) for s in vehicle["series"] if s["day"] >= 23]
    assert late == [(23.0, 6, True), (25.0, 4, False), (28.0, 2, False), (30.0, 1, False)]
    assert vehicle["curve_end_day"] == 23.0 and growth["mean_curve_min_fraction"] == 0.5
    withheld = {(t["group"], t["day"]): t["withheld"] for t in growth["tgi"]}
    for arm in arms.values():
        if not arm.is_control:
            assert withheld[(arm.pk, 23.0)] is None
            assert withheld[(arm.pk, 25.0)] == "control_curve_stopped"
            assert withheld[(arm.pk, 30.0)] == "control_below_min_n"
    survival = _stored(study, "survival")
    assert survival["median_rule"] == "midpoint"
    il2 = next(c for c in survival["curves"] if c["name"] == "IL-2 mutein")
    flat = [t for t, s in zip(il2["times"], il2["survival"], strict=True) if abs(s - 0.5) < 1e-9]
    assert flat and min(flat) == 25.0  # S = 0.5 from day 25 until the next death on day 28
    assert next(g for g in survival["groups"] if g["name"] == "IL-2 mutein")["median_days"] == 26.5
    assert max(t for t, s in zip(il2["times"], il2["survival"], strict=True) if s > 0.5 - 1e-9) == 25.0
    assert [t for t, s in zip(il2["times"], il2["survival"], strict=True) if s < 0.5 - 1e-9][0] == 28.0
    alerts = selectors.study_alerts(selectors.load_study_data(study), lab_today(lab))
    overdue = {a["animal"] for a in alerts if a["overdue"]}
    assert overdue == {"M18", "M19"}
    tag, day, _slip = TYPO
    corrected = Measurement.objects.get(animal__study=study, animal__tag=tag, date=study.date_of(day))
    last = corrected.history.first()
    assert last.history_type == "~" and "caliper sheet" in last.history_change_reason
    assert last.prev_record.length_mm == pytest.approx(corrected.length_mm + 5.0)


def test_it_shows_on_the_dashboard_the_stored_and_hand_computed_numbers(demo, browser_client):
    study, arms, by_name = demo
    html = browser_client.get(f"/studies/{study.pk}/").content.decode()
    growth = _stored(study, "growth")
    hand = hand_means(study)

    # group means by day: page = stored = hand (mean, SEM, n); days off the curve marked
    means = _cells(html, "group-means")
    rows = dict(re.findall(r'<tr data-group="(\d+)">(.*?)</tr>', means, re.S))
    checked = 0
    for g in growth["groups"]:
        cells = dict(re.findall(r'data-day="([\d.]+)"[^>]*>(.*?)</td>', rows[str(g["group"])], re.S))
        for s in g["series"]:
            n, mean, sem = hand[(g["group"], int(s["day"]))]
            assert (s["n"], s["mean_volume"]) == (n, pytest.approx(mean, rel=1e-12))
            assert s["sem_volume"] == (pytest.approx(sem, rel=1e-12) if sem is not None else None)
            text = cells[str(s["day"])]
            shown = mean_sem(mean, sem)  # SEM to 2 significant figures, mean to the same place
            assert text.startswith(shown), (g["name"], s["day"], text)
            assert f"n = {n}" in text and (("not plotted" in text) == (not s["in_curve"]))
            checked += 1
    assert checked == sum(len(g["series"]) for g in growth["groups"]) > 40

    # the groups table: the last mean on each curve with n of N
    arm_rows = _cells(html, "arms")
    for g in growth["groups"]:
        last = [s for s in g["series"] if s["in_curve"]][-1]
        n, mean, sem = hand[(g["group"], int(last["day"]))]
        assert f"{mean_sem(mean, sem)} mm³" in arm_rows
        assert f"(day {int(last['day'])}, n = {n} of {g['n_animals']})" in arm_rows

    # TGI and T/C: page = stored = hand (1 − ΔT/ΔC)·100 from the hand means; n treated vs control
    control = by_name["Vehicle"].pk
    base = growth["baseline_day"]
    tgi_table = _cells(html, "tgi")
    tgi_rows = re.findall(r"<tr><td[^>]*>.*?</span>(.*?)</td>(.*?)</tr>", tgi_table, re.S)
    assert len(tgi_rows) == 3
    for name, row in tgi_rows:
        arm = by_name[name.strip()]
        cells = dict(re.findall(r'data-day="([\d.]+)"[^>]*>(.*?)</td>', row, re.S))
        for day, text in cells.items():
            t = next(x for x in growth["tgi"] if x["group"] == arm.pk and x["day"] == float(day))
            nt, mt, _ = hand[(arm.pk, int(float(day)))]
            nc, mc, _ = hand[(control, int(float(day)))]
            assert f"n {nt} vs {nc}" in text and (t["n_treated"], t["n_control"]) == (nt, nc)
            if nc < 3 or t["withheld"]:
                assert "no TGI" in text and t["tgi_pct"] is None and t["tc_pct"] is None
                continue
            dt = mt - hand[(arm.pk, int(base))][1]
            dc = mc - hand[(control, int(base))][1]
            tc = mt / mc * 100
            assert t["tc_pct"] == pytest.approx(tc, rel=1e-12) and f"T/C {tc:.1f} %" in text
            if dt < 0:
                reg = (1 - mt / hand[(arm.pk, int(base))][1]) * 100
                assert t["regression_pct"] == pytest.approx(reg, rel=1e-12) and f"regr. {reg:.1f} %" in text
            else:
                tgi = (1 - dt / dc) * 100
                assert (
                    t["tgi_pct"] == pytest.approx(tgi, rel=1e-12) and f"<strong>{tgi:.1f} %</strong>" in text
                )

    # survival: medians (R rule), CI, HR with CI and Wald p, log-rank and Cox tests
    survival = _stored(study, "survival")
    groups = hand_survival(study)
    table = _cells(html, "survival-table")
    srows = dict(re.findall(r'<tr data-group="(\d+)">(.*?)</tr>', table, re.S))
    hr_by = {h["group"]: h for h in survival["hazard_ratios"]}
    fitted = [a for a in groups if a != control and hr_by[a]["coef"] is not None]
    keep = [(t, e, a) for a in [control, *fitted] for t, e in groups[a]]
    T = np.array([t for t, _, _ in keep], float)
    E = np.array([int(e) for _, e, _ in keep])
    X = np.array([[float(a == f) for f in fitted] for _, _, a in keep])
    beta = efron_mle(T, E, X)
    _, _, info = efron_reference(T, E, X, beta)
    se = np.sqrt(np.diag(np.linalg.inv(info)))
    for g in survival["groups"]:
        row = srows[str(g["group"])]
        median = r_median(groups[g["group"]])
        assert g["median_days"] == median
        cell = re.search(r'class="num median">(.*?)</td>', row).group(1)
        assert cell == (f"{median:g}" if median is not None else "not reached")
        ci = re.search(r'class="num nowrap median-ci">(.*?)</td>', row).group(1)
        if median is not None:
            lo, hi = g["median_ci95"]
            assert ci == f"{lo:g} – " + (f"{hi:g}" if hi is not None else "NR")
        hr_cell = re.search(r'class="num nowrap hr">(.*?)</td>', row).group(1)
        p_cell = re.search(r'class="num nowrap hr-p">(.*?)</td>', row).group(1)
        if g["group"] == control:
            assert hr_cell == "reference" and p_cell == "—"
            continue
        k = fitted.index(g["group"])
        h = hr_by[g["group"]]
        assert h["coef"] == pytest.approx(beta[k], abs=1e-9) and h["se"] == pytest.approx(se[k], abs=1e-9)
        p = 2 * stats.norm.sf(abs(beta[k]) / se[k])
        assert h["p"] == pytest.approx(p, abs=1e-10)
        z = stats.norm.ppf(0.975)
        lo, hi = math.exp(beta[k] - z * se[k]), math.exp(beta[k] + z * se[k])
        assert hr_cell == ratio_ci(math.exp(beta[k]), lo, hi)
        assert p_cell == p_value(p).replace("<", "&lt;")
    chi2, p = hand_logrank({a: groups[a] for a in [g["group"] for g in survival["groups"]]})
    assert survival["logrank"]["chi2"] == pytest.approx(chi2, rel=1e-9)
    assert survival["logrank"]["p"] == pytest.approx(p, rel=1e-6)
    assert f"Log-rank (all groups): χ² = {chi2:.2f}, df = 3, {p_equals(p)}".replace("<", "&lt;") in html
    ll1, _, _ = efron_reference(T, E, X, beta)
    ll0, u0, i0 = efron_reference(T, E, X, np.zeros(len(fitted)))
    tests = survival["cox_tests"]
    assert tests["likelihood_ratio"]["chi2"] == pytest.approx(2 * (ll1 - ll0), rel=1e-9)
    assert tests["score"]["chi2"] == pytest.approx(float(u0 @ np.linalg.solve(i0, u0)), rel=1e-9)
    lr = 2 * (ll1 - ll0)
    lr_p = stats.chi2.sf(lr, len(fitted))
    lr_text = p_equals(lr_p).replace("<", "&lt;")
    assert f"likelihood ratio χ² = {lr:.2f}, df = {len(fitted)}, {lr_text}" in html
    il2 = next(g for g in survival["groups"] if g["group"] == by_name["IL-2 mutein"].pk)
    assert (
        "IL-2 mutein: the curve stays at exactly 50 % from day 25 to day 28, so the median is the midpoint, "
        "26.5 days" in html
    )
    assert il2["median_days"] == 26.5
    # every p on the page is written one way (il2portal.formatting): never a run of zeros
    tables = html[html.index('id="survival-table"') : html.index('id="survival-method"')]
    assert "0.0000" not in tables and "e-" not in tables
