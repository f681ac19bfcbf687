"""Simulated demo study: deterministic and realistic."""

import collections
import json

from studies.analysis.growth import AnimalSeries, summarise_growth
from studies.analysis.simulate import simulate_study
from studies.analysis.volume import tumor_volume


def volumes(study):
    out = collections.defaultdict(list)
    for m in study.measurements:
        out[m.tag].append((m.day, tumor_volume(m.length_mm, m.width_mm, allow_zero=True).volume_mm3))
    return out


def test_it_is_deterministic_for_a_seed():
    assert simulate_study(5) == simulate_study(5)
    assert simulate_study(5) != simulate_study(6)
    json.dumps(simulate_study(5).to_dict(), allow_nan=False)


def test_it_simulates_a_realistic_mc38_study():
    for seed in range(5):
        st = simulate_study(seed)
        assert len(st.arms) == 4 and len(st.animals) == 40
        assert collections.Counter(a.arm for a in st.animals) == {arm.name: 10 for arm in st.arms}
        assert sum(arm.is_control for arm in st.arms) == 1
        assert {a.sex for a in st.animals} == {"F"} and len({a.cage for a in st.animals}) == 8
        vols = volumes(st)
        first = [v[0][1] for v in vols.values()]
        assert all(40 <= v <= 130 for v in first)  # randomised at 50–100 mm³ (caliper noise)
        days = sorted({m.day for m in st.measurements})
        assert days[0] == 7 and 28 <= days[-1] <= 32
        assert all(2 <= b - a <= 3 for a, b in zip(days, days[1:], strict=False))
        assert all(0 <= m.length_mm <= 40 and 15 <= m.weight_g <= 30 for m in st.measurements)
        # every animal that reaches 2000 mm³ is euthanised that day, and nothing is measured after an exit
        exits = {e.tag: e for e in st.events if e.kind in ("endpoint_euthanasia", "found_dead")}
        for tag, series in vols.items():
            big = [d for d, v in series if v >= 2000]
            if big:
                assert exits[tag].kind == "endpoint_euthanasia" and exits[tag].day == big[0]
            if tag in exits:
                assert series[-1][0] <= exits[tag].day
        # vehicle tumors grow to the endpoint within the study; most vehicle mice reach it
        arm_of = {a.tag: a.arm for a in st.animals}
        veh = [t for t in vols if arm_of[t] == "Vehicle"]
        assert sum(t in exits for t in veh) >= 7
        assert sum(e.kind == "found_dead" for e in st.events) == 1
        res = summarise_growth([AnimalSeries(t, arm_of[t], v) for t, v in vols.items()], "Vehicle")
        ctrl = {g.group: g for g in res.groups}["Vehicle"]
        day14 = [d for d in ctrl.series if d.day == 14][0]
        assert 250 < day14.mean_volume < 900
        tgi14 = {t.group: t.tgi_pct for t in res.tgi if t.day == 14}
        assert tgi14["anti-PD-1 + IL-2 mutein"] > 30
