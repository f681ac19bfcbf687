"""The studies figures read like a paper figure: the spaghetti plot as one small panel per arm on shared
axes with n in each panel's title, n in the legends, a log switch whose ticks are numbers."""

import plotly.graph_objects as go
import pytest

from studies import figures
from studies.demo import DEMO_NAME, load_study_demo
from studies.models import AnalysisResult, Study

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(lab, user):
    load_study_demo(lab=lab, user=user)
    study = Study.objects.get(name=DEMO_NAME)
    arms = list(study.arms.all())
    return {
        "growth": AnalysisResult.objects.get(study=study, kind="growth").result,
        "survival": AnalysisResult.objects.get(study=study, kind="survival").result,
        "colors": figures.arm_colors([(a.pk, a.is_control) for a in arms]),
        "names": {a.pk: a.name for a in arms},
        "arms": arms,
    }


def test_the_spaghetti_plot_has_one_panel_per_arm_on_shared_axes(demo):
    growth = demo["growth"]
    fig = figures.spaghetti_figure(growth, demo["colors"], demo["names"], endpoint_mm3=2000)
    go.Figure({"data": fig["data"], "layout": fig["layout"]})
    groups = [
        g for g in growth["groups"] if any(a["group"] == g["group"] and a["days"] for a in growth["animals"])
    ]
    assert len(groups) == 4
    layout = fig["layout"]
    y_axes = sorted(k for k in layout if k.startswith("yaxis"))
    x_axes = sorted(k for k in layout if k.startswith("xaxis"))
    assert len(y_axes) == len(x_axes) == 4  # one panel per arm
    assert all(layout[k]["matches"] == "y" for k in y_axes if k != "yaxis")  # shared axes
    assert all(layout[k]["matches"] == "x" for k in x_axes if k != "xaxis")
    for k, g in enumerate(groups):
        suffix = "" if k == 0 else str(k + 1)
        lines = [t for t in fig["data"] if t.get("mode") == "lines+markers" and t["yaxis"] == f"y{suffix}"]
        n = sum(1 for a in growth["animals"] if a["group"] == g["group"] and a["days"])
        assert len(lines) == n and all(t["legendgroup"] == str(g["group"]) for t in lines)
        title = f"<b>{demo['names'][g['group']]}</b> (n = {n})"
        assert title in [a["text"] for a in layout["annotations"]]
    # panels do not overlap
    boxes = [
        (tuple(layout[x]["domain"]), tuple(layout[y]["domain"])) for x, y in zip(x_axes, y_axes, strict=True)
    ]
    for i, (bx, by) in enumerate(boxes):
        for cx, cy in boxes[i + 1 :]:
            assert bx[1] <= cx[0] or cx[1] <= bx[0] or by[1] <= cy[0] or cy[1] <= by[0]
    # the log switch changes every panel's axis, with ticks that are numbers
    log = fig["layout"]["updatemenus"][0]["buttons"][1]["args"][0]
    assert {k.split(".")[0] for k in log} == set(y_axes)
    assert log["yaxis.tickmode"] == "array" and all(t.isdigit() for t in log["yaxis.ticktext"])
    assert len(set(log["yaxis.ticktext"])) == len(log["yaxis.ticktext"])


def test_the_study_legends_say_n(demo):
    growth = demo["growth"]
    weight = figures.weight_figure(growth, demo["colors"], weight_loss_pct=20)
    mean = figures.growth_figure(growth, demo["colors"], endpoint_mm3=2000)
    km = figures.km_figure(demo["survival"], demo["colors"])
    for g in growth["groups"]:
        name = f"{g['name']} (n = {g['n_animals']})"
        assert name in [t["name"] for t in mean["data"]]
        assert name in [t["name"] for t in weight["data"]]
    km_names = [t["name"] for t in km["data"] if t.get("mode") == "lines"]
    assert km_names and all(n.endswith(" (n = 10)") for n in km_names)  # 10 animals per demo arm
    for fig in (weight, mean, km):
        assert fig["layout"]["xaxis"]["automargin"] and fig["layout"]["yaxis"]["automargin"]
        assert fig["layout"]["yaxis"]["title"]["text"]
