"""Plots in the browser: click a standard-curve point or a plate-map well to exclude it (the re-analysis
form fills in, a new version leaves it out), the per-well kinetic trace, and screenshots of the run page,
the plate page and the study dashboard (var/screenshots/plots-*.png)."""

import json

import pytest
from playwright.sync_api import expect

from assays.models import AssayRun, RunResult
from tests.assays.factories import SOFTMAX, softmax_layout, softmax_run, upload_refdata
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _elisa_run(api) -> AssayRun:
    run_id = softmax_run(api)
    return AssayRun.objects.get(pk=run_id)


def _figure(page, plot_id: str) -> dict:
    return json.loads(page.locator(f"#{plot_id}-data").text_content())


def _lonely_replicate(page, plot_id: str) -> tuple[dict, set[str]]:
    """The centre of the standard-well point farthest from any point of another well, and the wells
    drawn within 2 px of it (replicates can sit on the same pixel: a click picks one of them)."""
    page.locator(f"#{plot_id}").scroll_into_view_if_needed()
    figure = _figure(page, plot_id)
    index = next(i for i, t in enumerate(figure["data"]) if t["name"].startswith("standard wells"))
    tokens = figure["data"][index]["customdata"]
    traces = page.locator(f"#{plot_id} .scatterlayer .trace")
    centres = []
    for t in range(traces.count()):
        for k, point in enumerate(traces.nth(t).locator("path.point").all()):
            box = point.bounding_box()
            if box:
                label = tokens[k] if t == index else None
                centres.append((label, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))

    def distance(a, b):
        return ((a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2) ** 0.5

    def room(c):
        return min((distance(c, o) for o in centres if distance(c, o) > 2), default=1e9)

    best = max((c for c in centres if c[0]), key=room)
    return {"x": best[1], "y": best[2]}, {c[0] for c in centres if c[0] and distance(c, best) <= 2}


def test_a_click_on_the_curve_or_the_plate_map_fills_the_reanalysis_form(logged_in_page, live_server, api):
    run = _elisa_run(api)
    page = logged_in_page
    page.goto(f"{live_server.url}/assays/runs/{run.pk}/")
    page.wait_for_function("document.querySelectorAll('.run-figure[data-drawn=\"1\"]').length >= 3")
    field = page.locator("#excluded_wells")
    expect(field).to_have_value("")

    curve_id = page.locator(".run-figure[data-kind='curve']").get_attribute("id")
    where, wells = _lonely_replicate(page, curve_id)
    page.mouse.move(where["x"], where["y"])
    page.mouse.click(where["x"], where["y"])
    page.wait_for_function("document.getElementById('excluded_wells').value !== ''")
    well = field.input_value()
    assert well in wells
    expect(page.locator("#exclude-status")).to_contain_text(f"{well} added")
    page.wait_for_timeout(500)  # not a double click (which resets the zoom)
    page.mouse.click(where["x"], where["y"])  # again: taken out
    expect(field).to_have_value("")

    # a well on the plate map: C5, found through the plot's own axes
    map_id = page.locator(".run-figure[data-kind='platemap']").get_attribute("id")
    page.locator(f"#{map_id}").scroll_into_view_if_needed()
    box = page.locator(f"#{map_id}").bounding_box()
    x, y = page.evaluate(
        """(id) => { const el = document.getElementById(id); const l = el._fullLayout;
            const at = (ax, c) => ax._offset + ax.l2p(ax._categories.indexOf(c));
            return [at(l.xaxis, "5"), at(l.yaxis, "C")]; }""",
        map_id,
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(field).to_have_value("C5")
    where, _ = _lonely_replicate(page, curve_id)
    page.mouse.click(where["x"], where["y"])
    expect(field).to_have_value(f"C5, {well}")
    expect(page.locator("[data-exclude-list='excluded_wells']")).to_have_text(f"C5, {well}")
    shot(page, "plots-run-elisa-click-to-exclude")

    page.fill("#reason", "bubble in the well")
    page.click("#reanalyse-form button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#versions tbody tr').length === 2")
    newest = RunResult.objects.filter(run=run).order_by("-version").first()
    assert newest.version == 2 and sorted(newest.excluded_wells) == sorted(["C5", well])
    page.wait_for_function("document.querySelectorAll('.run-figure[data-drawn=\"1\"]').length >= 3")
    figure = _figure(page, curve_id)
    crossed = next(t for t in figure["data"] if t["name"].startswith("excluded wells"))
    assert crossed["customdata"] == [well]  # the new version's curve left it out
    expect(page.locator("#curve-parameters")).to_have_count(0)  # a log-log line: no sigmoid parameters
    shot(page, "plots-run-elisa")


def test_the_bioassay_page_shows_each_curves_parameters(logged_in_page, live_server, api):

    from tests.assays.factories import bioassay_run

    run_id = bioassay_run(api).json()["run"]
    page = logged_in_page
    page.goto(f"{live_server.url}/assays/runs/{run_id}/")
    page.wait_for_function("document.querySelectorAll('.run-figure[data-drawn=\"1\"]').length >= 2")
    expect(page.locator("#curve-parameters tbody tr")).to_have_count(
        len(RunResult.objects.get(run_id=run_id).result["curves"])
    )
    shot(page, "plots-run-bioassay")


def test_a_kinetic_plate_shows_one_wells_trace_chosen_by_a_click(logged_in_page, live_server, api):
    plate_id = upload_refdata(api, "moldev_spectramax340pc_softmaxpro-kinetic-partial-plate_96well.txt")[0]
    page = logged_in_page
    page.goto(f"{live_server.url}/assays/plates/{plate_id}/")
    plot = page.locator(".well-trace-plot").first
    plot_id = plot.get_attribute("id")
    page.wait_for_function(f"document.getElementById('{plot_id}').dataset.drawn === '1'")
    first = plot.get_attribute("data-well")
    heat = page.locator(".plot.heatmap[data-well-select]").first
    heat_id = heat.get_attribute("id")
    page.wait_for_function(f"document.getElementById('{heat_id}').dataset.drawn === '1'")
    options = page.locator(f"#{plot_id}-select option").all_inner_texts()
    target = next(w for w in reversed(options) if w != first)
    row, col = target[0], target[1:]
    heat.scroll_into_view_if_needed()
    box = heat.bounding_box()
    x, y = page.evaluate(
        """([id, c, r]) => { const l = document.getElementById(id)._fullLayout;
            const at = (ax, v) => ax._offset + ax.l2p(ax._categories.indexOf(v));
            return [at(l.xaxis, c), at(l.yaxis, r)]; }""",
        [heat_id, col, row],
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(plot).to_have_attribute("data-well", target)
    expect(page.locator(f"#{plot_id}-select")).to_have_value(target)
    expect(page.locator(f"#{plot_id} .gtitle")).to_contain_text(f"Well {target}")
    shot(page, "plots-plate-kinetic")


def test_the_study_dashboard_draws_one_spaghetti_panel_per_arm(logged_in_page, live_server, lab, user):
    from studies.demo import load_study_demo
    from studies.models import Study

    load_study_demo(lab=lab, user=user)
    study = Study.objects.get(lab=lab)
    page = logged_in_page
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    page.wait_for_function("document.getElementById('fig-spaghetti').dataset.drawn === '1'")
    expect(page.locator("#fig-spaghetti .cartesianlayer .subplot")).to_have_count(study.arms.count())
    page.click("#fig-spaghetti .updatemenu-button >> nth=1")  # log scale, every panel
    page.wait_for_function("document.getElementById('fig-spaghetti').layout.yaxis4.type === 'log'")
    ticks = page.locator("#fig-spaghetti .ytick text").all_text_contents()
    wanted = page.evaluate("() => document.getElementById('fig-spaghetti').layout.yaxis.ticktext")
    assert ticks and set(ticks) <= set(wanted) and len(set(wanted)) == len(wanted)
    assert all(t.isdigit() for t in ticks) and {"100", "1000"} <= set(ticks)
    page.click("#fig-spaghetti .updatemenu-button >> nth=0")
    shot(page, "plots-study-dashboard")


def test_a_two_plate_run_draws_its_recovery_panels_side_by_side(logged_in_page, live_server, api):
    plate_ids = upload_refdata(api, SOFTMAX)
    run_id = api.post(
        "/api/v1/runs/",
        {
            "kind": "elisa",
            "plates": plate_ids[:2],
            "layout": softmax_layout(api),
            "name": "Two plates",
            "settings": {"model": "4PL"},
        },
        format="json",
    ).json()["run"]
    page = logged_in_page
    page.goto(f"{live_server.url}/assays/runs/{run_id}/")
    page.wait_for_function("document.querySelectorAll('.run-figure[data-drawn=\"1\"]').length >= 4")
    recovery = page.locator(".run-figure[data-kind='recovery']")
    expect(recovery.locator(".cartesianlayer .subplot")).to_have_count(2)
    left = recovery.locator(".cartesianlayer .subplot.xy .xtick").last.bounding_box()
    right = recovery.locator(".cartesianlayer .subplot.x2y2 .x2tick").first.bounding_box()
    assert left["x"] + left["width"] < right["x"]  # side by side, not overprinted
    expect(page.locator(".run-figure[data-kind='platemap']")).to_have_count(2)
    expect(page.locator("#curve-parameters tbody tr")).to_have_count(2)  # each plate's standard curve
    shot(page, "plots-run-elisa-two-plates")
