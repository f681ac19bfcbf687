"""Layout editor, run creation and result pages, as a lab member uses them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assays.models import AssayRun, RunResult
from il2portal import formatting
from tests.assays.factories import LOGLOG, SOFTMAX, bioassay_run, softmax_layout, upload_refdata

pytestmark = pytest.mark.django_db


@pytest.fixture
def elisa_run(api):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    run_id = api.post(
        "/api/v1/runs/",
        {
            "kind": "elisa",
            "plates": plate_ids[:1],
            "layout": layout_id,
            "name": "IL-2 ELISA",
            "settings": LOGLOG,
        },
        format="json",
    ).json()["run"]
    return AssayRun.objects.get(pk=run_id)


def test_it_shows_the_layout_editor_and_a_saved_layout(browser_client, api):
    assert 'id="plate-grid"' in browser_client.get("/assays/layouts/new/").content.decode()
    layout_id = softmax_layout(api)
    page = browser_client.get(f"/assays/layouts/{layout_id}/").content.decode()
    assert "role-standard" in page and "mouse-07" in page
    copy = browser_client.get(f"/assays/layouts/new/?from={layout_id}").content.decode()
    assert "layout-initial" in copy and "STD1" in copy


def test_it_creates_a_run_from_the_form(browser_client, api):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    response = browser_client.post(
        "/assays/runs/new/",
        {
            "plates": plate_ids[:1],
            "layout": layout_id,
            "kind": "elisa",
            "name": "From the form",
            "model": "loglog",
            "weighting": "none",
            "reference_wavelength_nm": "none",
        },
    )
    run = AssayRun.objects.get(name="From the form")
    assert response.status_code == 302 and response["Location"] == f"/assays/runs/{run.pk}/"
    assert RunResult.objects.get(run=run).status == "succeeded"


def test_it_explains_a_refused_run_on_the_form(browser_client, api):
    plate_ids = upload_refdata(api, "biotek_cytation5_gen5-alphalisa-perk-stdcurve-4pl_384well.txt")
    layout_id = softmax_layout(api)
    page = browser_client.post(
        "/assays/runs/new/", {"plates": plate_ids, "layout": layout_id, "kind": "elisa"}
    ).content.decode()
    assert 'id="run-error"' in page and "16×24" in page
    assert not AssayRun.objects.exists()


def test_it_shows_curve_tables_qc_and_exports(browser_client, elisa_run, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        page = browser_client.get(f"/assays/runs/{elisa_run.pk}/").content.decode()
    for marker in (
        'id="qc-panel"',
        'data-kind="curve"',
        'data-kind="recovery"',
        'id="samples-table"',
        'id="standards-table"',
        "mouse-07",
        "Re-analyse",
        "vendor/plotly-cartesian.min.js",
    ):
        assert marker in page, marker
    csv_text = browser_client.get(f"/assays/runs/{elisa_run.pk}/results.csv").content.decode()
    assert csv_text.startswith("plate,sample,group") and "'=SUM(A1)" in csv_text
    xlsx = browser_client.get(f"/assays/runs/{elisa_run.pk}/results.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert browser_client.get(f"/assays/runs/{elisa_run.pk}/results.pdf").status_code == 404


def test_it_reanalyses_from_the_page_and_shows_the_diff(browser_client, elisa_run):
    response = browser_client.post(
        f"/assays/runs/{elisa_run.pk}/", {"excluded_wells": "A1, B2", "reason": "bubbles"}
    )
    assert response.status_code == 302
    assert list(
        RunResult.objects.filter(run=elisa_run).values_list("version", flat=True).order_by("version")
    ) == [1, 2]
    page = browser_client.get(f"/assays/runs/{elisa_run.pk}/").content.decode()
    assert 'id="version-diff"' in page and "A1 B2" in page
    old = browser_client.get(f"/assays/runs/{elisa_run.pk}/?version=1").content.decode()
    assert "v1 · succeeded" in old


def test_it_requires_a_reason_to_reanalyse(browser_client, elisa_run):
    browser_client.post(f"/assays/runs/{elisa_run.pk}/", {"excluded_wells": "A1", "reason": ""})
    assert RunResult.objects.filter(run=elisa_run).count() == 1


def test_it_combines_time_course_runs(browser_client, api):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    for hours, plate in ((6, plate_ids[0]), (24, plate_ids[1])):
        api.post(
            "/api/v1/runs/",
            {
                "kind": "elisa",
                "plates": [plate],
                "layout": layout_id,
                "settings": LOGLOG,
                "series": "OT-I stim",
                "timepoint_h": hours,
            },
            format="json",
        )
    page = browser_client.get("/assays/time-courses/OT-I stim/").content.decode()
    assert 'id="time-course-table"' in page and "mouse-07" in page and "24 h" in page
    assert browser_client.get("/assays/runs/").content.decode().count("OT-I stim") >= 1


def test_it_hides_another_labs_time_course(browser_client, other_api):
    plate_ids = upload_refdata(other_api, SOFTMAX)
    layout_id = softmax_layout(other_api)
    other_api.post(
        "/api/v1/runs/",
        {
            "kind": "elisa",
            "plates": plate_ids[:1],
            "layout": layout_id,
            "settings": LOGLOG,
            "series": "secret",
            "timepoint_h": 6,
        },
        format="json",
    )
    assert browser_client.get("/assays/time-courses/secret/").status_code == 404


def test_it_runs_a_bioassay_with_relative_potency(browser_client, api):
    """A simulated IL-2 reporter plate (documented in assays/demo.py) through the API and the page."""
    response = bioassay_run(api)
    assert response.status_code == 202, response.json()
    run = api.get(f"/api/v1/runs/{response.json()['run']}/").json()
    assert run["status"] == "succeeded", run["error"]
    potency = {p["sample"]: p for p in run["result"]["potency"]}
    assert potency["not-alpha mutein"]["relative_potency"] == pytest.approx(0.25, rel=0.25)
    assert potency["IL-2 wt (test lot)"]["relative_potency"] == pytest.approx(1.0, rel=0.25)
    assert run["result"]["qc"]["z_prime"] > 0.5
    page = browser_client.get(f"/assays/runs/{run['id']}/").content.decode()
    assert 'id="potency-table"' in page and 'data-kind="potency"' in page


def test_it_refuses_a_bad_kind_or_time_point_on_the_form(browser_client, api):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    for extra in (
        {"kind": "nonsense"},
        {"kind": "elisa", "timepoint_h": "-5"},
        {"kind": "elisa", "timepoint_h": "nan"},
    ):
        page = browser_client.post(
            "/assays/runs/new/", {"plates": plate_ids[:1], "layout": layout_id, **extra}
        ).content.decode()
        assert 'id="run-error"' in page, extra
    assert not AssayRun.objects.exists()
    assert browser_client.get("/assays/runs/1/results.csv?version=abc").status_code == 404


def _layout_row(page: str, name: str) -> list[str]:
    """The cells of one layout's row on the layout list."""
    import re

    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if f">{name}</a>" in r)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_it_counts_a_layouts_wells_once_whatever_the_number_of_runs(browser_client, api):
    """'Wells used' is the layout's non-empty wells: a join with the runs must not multiply it."""
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    api.post(
        "/api/v1/layouts/",
        {"name": "with empties", "wells": [{"well": "A1", "role": "blank"}, {"well": "A2", "role": "empty"}]},
        format="json",
    )
    for plate in (*plate_ids, plate_ids[0]):
        api.post(
            "/api/v1/runs/",
            {"kind": "elisa", "plates": [plate], "layout": layout_id, "settings": LOGLOG},
            format="json",
        )
    assert AssayRun.objects.filter(layout_id=layout_id).count() == 3
    page = browser_client.get("/assays/layouts/").content.decode()
    cells = _layout_row(page, "SoftMax ELISA")
    assert cells[2] == "30" and cells[3] == "3"  # 21 standards + 3 blanks + 6 samples; 3 runs
    assert _layout_row(page, "with empties")[2:4] == ["1", "0"]
    detail = browser_client.get(f"/assays/layouts/{layout_id}/").content.decode()
    assert "30 wells assigned" in detail


# ---------------------------------------------------------------------------------- ELISA with QCs


def _tcell_run(api, hours=24, seed=2, name=None, series="", settings=None, layout_id=None):
    """A run on the simulated T-cell ELISA plate of assays/demo.py (standards, QC-H/M/L in duplicate,
    four supernatants in triplicate at 1:2)."""
    from assays.demo import elisa_time_course_csv, elisa_time_course_layout

    plate = api.post(
        "/api/v1/plates/",
        {"file": SimpleUploadedFile(f"tcell_{hours}h_{seed}.csv", elisa_time_course_csv(hours, seed))},
        format="multipart",
    ).json()
    if layout_id is None:
        layout_id = api.post(
            "/api/v1/layouts/",
            {"name": f"T-cell ELISA {seed}", "wells": elisa_time_course_layout()},
            format="json",
        ).json()["id"]
    body = {
        "kind": "elisa",
        "plates": [plate["id"]],
        "layout": layout_id,
        "name": name or f"OT-I {hours} h",
        "settings": settings or {"model": "4PL", "weighting": "1/y2"},
    }
    if series:
        body.update(series=series, timepoint_h=hours)
    run_id = api.post("/api/v1/runs/", body, format="json").json()["run"]
    run = api.get(f"/api/v1/runs/{run_id}/").json()
    assert run["status"] == "succeeded", run.get("error")
    return run, layout_id


def _table_rows(page: str, table_id: str) -> list[list[str]]:
    import html
    import re

    table = re.search(rf'<table id="{table_id}".*?</table>', page, re.S).group(0)
    body = table.split("<tbody>", 1)[1]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)
        ]
        for r in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_it_shows_each_qc_level_on_the_run_page_and_in_the_exports(browser_client, api):
    import csv
    import io

    from openpyxl import load_workbook

    run, _ = _tcell_run(api)
    result = run["result"]
    levels = result["qcs"]
    assert [(lv["level"], lv["nominal"], len(lv["wells"])) for lv in levels] == [
        ("QC-L", 50.0, 2),
        ("QC-M", 200.0, 2),
        ("QC-H", 800.0, 2),
    ]
    assert result["qc"]["qc_samples"]["n"] == 6
    page = browser_client.get(f"/assays/runs/{run['id']}/").content.decode()
    rows = _table_rows(page, "qc-table")
    assert len(rows) == 3
    for row, lv in zip(rows, levels, strict=True):
        assert row[0] == lv["level"]
        assert row[1] == formatting.quantity(lv["nominal"], "pg/mL")  # "50 pg/mL"
        assert row[2] == " ".join(lv["wells"])
        assert row[3] == formatting.number(lv["mean_signal"], 4)  # signals: 4 significant figures
        assert row[5] == formatting.quantity(lv["back_calculated"])  # "47.8", not "47.8472"
        assert len(row[5].replace(".", "").lstrip("0")) <= 4
        assert row[6] == f"{lv['bias_pct']:+.1f} %"
        assert row[7] == f"{lv['n_passed']} of {lv['n']}"
        assert row[8] == ("pass" if lv["passed"] else "fail")
        # hand value: the mean signal read back through the stored 4PL
        p = result["curve"]["parameters"]
        y = lv["mean_signal"]
        hand = p["ec50"] * ((y - p["bottom"]) / (p["top"] - y)) ** (1 / p["hill_slope"])
        assert lv["back_calculated"] == pytest.approx(hand, rel=1e-9)
        assert lv["bias_pct"] == pytest.approx(100 * (hand / lv["nominal"] - 1), rel=1e-9)
    n_passed = result["qc"]["qc_samples"]["n_passed"]
    assert f"{n_passed} of 6 QC wells pass" in page and "ICH M10" in page
    assert "QC-H" in page and "0 of 1" not in page
    exported = list(
        csv.DictReader(
            io.StringIO(browser_client.get(f"/assays/runs/{run['id']}/results.csv").content.decode())
        )
    )
    qc_rows = [r for r in exported if r["role"] == "qc"]
    assert [r["sample"] for r in qc_rows] == ["QC-L", "QC-M", "QC-H"]
    assert float(qc_rows[2]["reported_concentration"]) == pytest.approx(
        levels[2]["back_calculated"], rel=1e-12
    )
    assert float(qc_rows[2]["bias_pct"]) == pytest.approx(levels[2]["bias_pct"], rel=1e-12)
    book = load_workbook(io.BytesIO(browser_client.get(f"/assays/runs/{run['id']}/results.xlsx").content))
    sheet = book["QC"]
    header = [c.value for c in sheet[1]]
    got = [dict(zip(header, [c.value for c in r], strict=True)) for r in sheet.iter_rows(min_row=2)]
    assert [g["Level"] for g in got] == ["QC-L", "QC-M", "QC-H"]
    assert got[0]["Found (pg/mL)"] == pytest.approx(levels[0]["back_calculated"], rel=1e-12)
    wells = book["QC wells"]
    assert wells.max_row == 1 + 6


def test_it_says_in_words_which_model_it_fitted_and_why(browser_client, api):
    run, _ = _tcell_run(api, settings={"model": "5PL", "weighting": "1/y2"})
    selection = run["result"]["model_selection"]
    assert (selection["requested"], selection["fitted"]) == ("5PL", "4PL"), selection
    page = browser_client.get(f"/assays/runs/{run['id']}/").content.decode()
    assert "5pl_not_justified" not in page
    shown = selection["summary"].replace("F test p ", f"F test {formatting.p_equals(selection['p_value'])} ")
    assert shown in page.replace("&#x27;", "'").replace("&lt;", "<")  # the stored p, as journals write it
    assert 'id="re-model"' in page
    assert "unchanged (5PL requested, 4PL fitted)" in page


def _hand_well_concentrations(run: dict, condition: str, hours: float, seed: int) -> list[float]:
    """Each replicate well of a condition read back through the run's stored 4PL by hand (x 2 dilution)."""
    from assays.demo import elisa_time_course_csv, elisa_time_course_layout

    od = {}
    for line in elisa_time_course_csv(hours, seed).decode().splitlines()[1:]:
        well, value, *_ = line.split(",")
        od[well] = float(value)
    p = run["result"]["curve"]["parameters"]
    blank = run["result"]["qc"]["blank_mean"]
    out = []
    for w in elisa_time_course_layout():
        if w.get("sample") == condition:
            y = od[w["well"]] - blank
            out.append(2 * p["ec50"] * ((y - p["bottom"]) / (p["top"] - y)) ** (1 / p["hill_slope"]))
    return out


def test_it_shows_the_replicate_spread_in_a_time_course_and_says_what_it_is(browser_client, api):
    import json
    import statistics

    runs = {}
    layout_id = None
    for hours, seed in ((6, 0), (24, 2)):
        runs[hours], layout_id = _tcell_run(api, hours, seed, series="OT-I stim", layout_id=layout_id)
    response = browser_client.get("/assays/time-courses/OT-I stim/")
    page = response.content.decode()
    course = next(c for c in response.context["courses"] if c["condition"] == "anti-CD3")
    assert course["times_h"] == [6.0, 24.0]
    for index, (hours, seed) in enumerate(((6, 0), (24, 2))):
        hand = _hand_well_concentrations(runs[hours], "anti-CD3", hours, seed)
        assert len(hand) == 3
        assert course["mean"][index] == pytest.approx(
            next(s for s in runs[hours]["result"]["samples"] if s["sample"] == "anti-CD3")[
                "reported_concentration"
            ]
        )
        assert course["sd"][index] == pytest.approx(statistics.stdev(hand), rel=1e-9)
        assert course["sd"][index] > 0 and course["n"][index] == 3
        assert course["spread"][index] == "wells"
    figure = json.loads(page.split('id="tc-data" type="application/json">', 1)[1].split("</script>", 1)[0])
    trace = next(t for t in figure["data"] if t["name"].startswith("anti-CD3 (n = "))
    assert trace["error_y"]["array"] == pytest.approx(course["sd"])
    assert "SD of the replicate wells within each run" in page
    assert "mean ± SD of replicates" not in page
    cells = _table_rows(page, "time-course-table")
    row = next(r for r in cells if r[0] == "anti-CD3")

    mean_text, rest = row[2].split(" ± ")
    sd_text, n_text = rest.split(" ", 1)
    assert n_text == "(3 wells)"  # 4 and 2 significant digits, the numbers stored
    assert float(mean_text) == pytest.approx(course["mean"][1], rel=5e-4)
    assert float(sd_text) == pytest.approx(course["sd"][1], rel=5e-2)
    # hand AUC: trapezoids over the stored reported concentrations (pg/mL x h)
    means = [
        next(s for s in runs[h]["result"]["samples"] if s["sample"] == "anti-CD3")["reported_concentration"]
        for h in (6, 24)
    ]
    assert course["auc"] == pytest.approx((24 - 6) * (means[0] + means[1]) / 2, rel=1e-12)
    assert float(row[5].split()[0]) == pytest.approx(course["auc"], rel=5e-4)


def test_it_takes_the_sd_across_independent_runs_that_share_a_time_point(browser_client, api):
    import statistics

    runs = []
    layout_id = None
    for seed in (2, 5, 7):
        run, layout_id = _tcell_run(
            api, 24, seed, name=f"24 h #{seed}", series="OT-I repeats", layout_id=layout_id
        )
        runs.append(run)
    response = browser_client.get("/assays/time-courses/OT-I repeats/")
    course = next(c for c in response.context["courses"] if c["condition"] == "anti-CD3 + anti-CD28")
    reported = [
        next(s for s in r["result"]["samples"] if s["sample"] == "anti-CD3 + anti-CD28")[
            "reported_concentration"
        ]
        for r in runs
    ]
    assert course["mean"] == [pytest.approx(statistics.mean(reported))]
    assert course["sd"] == [pytest.approx(statistics.stdev(reported))]
    assert course["n"] == [3] and course["spread"] == ["runs"]
    assert "SD of independent runs" in response.content.decode()


def test_it_diffs_each_dilution_of_a_sample_on_its_own():
    """Two dilutions of one sample are two rows: a version diff keyed by sample name alone kept one."""
    from assays.selectors import run_version_diff

    def result(c10, c100):
        return {
            "samples": [
                {
                    "plate": 1,
                    "sample": "serum 1",
                    "group": "serum 1@10",
                    "dilution_factor": 10.0,
                    "reported_concentration": c10,
                },
                {
                    "plate": 1,
                    "sample": "serum 1",
                    "group": "serum 1@100",
                    "dilution_factor": 100.0,
                    "reported_concentration": c100,
                },
            ]
        }

    diff = run_version_diff(result(50.0, 400.0), result(55.0, 400.0))
    assert [(d["sample"], d["old_concentration"], d["new_concentration"]) for d in diff["samples"]] == [
        ("serum 1 at 1:10", 50.0, 55.0)  # in words, not the group key "serum 1@10"
    ]
    diff = run_version_diff(result(50.0, 400.0), result(50.0, 420.0))
    assert [(d["sample"], d["new_concentration"]) for d in diff["samples"]] == [("serum 1 at 1:100", 420.0)]


@pytest.mark.parametrize(
    "p,reason,shown",
    [
        (
            0.0496,
            "the 5PL does not fit significantly better (extra-sum-of-squares F test p ≥ 0.05)",
            "p = 0.0496 ≥ 0.05",
        ),
        (3.2e-9, "extra-sum-of-squares F test p < 0.05", "F test p < 0.0001 < 0.05"),
    ],
)
def test_it_writes_the_model_tests_p_value_as_journals_do(p, reason, shown):
    """The stored summary says the decision; the page adds the stored p (never "p = 0.05" for 0.0496,
    never "3.2e-09")."""
    from assays.views import _fit_in_words

    result = {
        "curve": {"model": "4PL", "flags": []},
        "model_selection": {"summary": f"4PL fitted: 5PL requested, but {reason}", "p_value": p},
    }
    line = _fit_in_words(result, None)["lines"][0]["summary"]
    assert shown in line and "e-" not in line


def test_the_version_diff_lists_only_changed_samples_sorted_as_people_sort_them():
    from assays.selectors import natural_key, run_version_diff

    names = ["S10", "S2", "s1", "QC-M", "S3", "S20", "S11"]

    def result(bump: set, flag_of: dict | None = None):
        return {
            "samples": [
                {
                    "plate": 1,
                    "sample": n,
                    "group": f"{n}@1",
                    "unit": "pg/mL",
                    "reported_concentration": None
                    if (flag_of or {}).get(n)
                    else (110.0 if n in bump else 100.0),
                    "flag": (flag_of or {}).get(n),
                }
                for n in names
            ]
        }

    diff = run_version_diff(result(set()), result({"S10", "S2", "S20"}, {"S3": "below_range"}), words=True)
    assert [d["sample"] for d in diff["samples"]] == ["S2", "S3", "S10", "S20"]  # S2 before S10
    assert diff["n_unchanged"] == 3
    by = {d["sample"]: d for d in diff["samples"]}
    assert by["S2"]["changes"] == ["concentration 100 → 110 pg/mL (+10.0 %)"]
    assert by["S3"]["changes"] == ["concentration 100 → —", "flag none → below LLOQ"]
    assert sorted(["S10", "s1", "S2", "A", "QC-H", "QC-L"], key=natural_key) == [
        "A",
        "QC-H",
        "QC-L",
        "s1",
        "S2",
        "S10",
    ]


def test_the_run_history_says_which_version_is_shown_and_what_changed(browser_client, elisa_run):
    assert (
        browser_client.post(
            f"/assays/runs/{elisa_run.pk}/", {"excluded_wells": "A1, B2", "reason": "bubbles"}
        ).status_code
        == 302
    )
    newest = browser_client.get(f"/assays/runs/{elisa_run.pk}/").content.decode()
    assert 'id="older-version"' not in newest
    assert "<strong>Inputs:</strong> excluded A1, B2." in newest
    old = browser_client.get(f"/assays/runs/{elisa_run.pk}/?version=1").content.decode()
    assert 'id="older-version"' in old and 'href="?version=2">See the newest, v2</a>' in old
    listing = browser_client.get("/assays/runs/").content.decode()
    row = listing[listing.index(f'/assays/runs/{elisa_run.pk}/"') :].split("</tr>")[0]
    accepted = RunResult.objects.get(run=elisa_run, version=2).summary["accepted"]
    assert "v2" in row and ("✓ accepted" if accepted else "✗ rejected") in row
