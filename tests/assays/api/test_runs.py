"""Layouts and runs through the API, on real exports with published answers (tests/refdata)."""

import csv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assays.models import AssayRun, Layout, RunResult
from tests.assays.factories import LOGLOG, REFDATA, SOFTMAX, softmax_layout, upload_refdata

pytestmark = pytest.mark.django_db
ALPHALISA = "biotek_cytation5_gen5-alphalisa-perk-stdcurve-4pl_384well.txt"


def test_it_creates_and_reads_a_layout(api):
    layout_id = softmax_layout(api)
    body = api.get(f"/api/v1/layouts/{layout_id}/").json()
    assert body["rows"] == 8 and len(body["wells"]) == 30
    assert body["wells"][0] == {
        "well": "A1",
        "role": "standard",
        "group": "STD1",
        "concentration": 320.0,
        "unit": "ng/mL",
        "dilution_factor": 1.0,
        "sample": "",
        "lot": None,
    }


def test_it_names_the_bad_layout_well(api):
    wells = [{"well": "A1", "role": "standard", "concentration": 1}, {"well": "Z99", "role": "blank"}]
    response = api.post("/api/v1/layouts/", {"name": "bad", "wells": wells}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("wells[1].well")
    standard_without_conc = api.post(
        "/api/v1/layouts/", {"name": "bad2", "wells": [{"well": "A1", "role": "standard"}]}, format="json"
    )
    assert "wells[0].concentration" in standard_without_conc.json()["error"]["message"]
    assert not Layout.objects.exists()


def test_it_reproduces_softmax_log_log_fit_through_a_run(api):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    # SoftMax's printed equation is one fit over the standards of both plates: a pooled curve
    settings = {**LOGLOG, "standard_curve": "pooled"}
    response = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids, "layout": layout_id, "name": "SoftMax", "settings": settings},
        format="json",
    )
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "succeeded"
    run = api.get(f"/api/v1/runs/{response.json()['run']}/").json()
    assert run["status"] == "succeeded" and run["version"] == 1
    params = run["result"]["curve"]["parameters"]
    assert params["intercept"] == pytest.approx(-3.496629, abs=0.005)
    assert params["slope"] == pytest.approx(1.613188, abs=0.005)
    standards = {s["group"]: s for s in run["result"]["standards"]}
    assert set(standards) == {f"STD{i}" for i in range(1, 8)}
    assert standards["STD1"]["nominal"] == 320 and standards["STD1"]["passed"] is True
    samples = {s["sample"]: s for s in run["result"]["samples"]}
    mouse = samples["mouse-07"]
    assert mouse["dilution_factor"] == 2 and len(mouse["wells"]) == 6  # B4-B6 of both plates
    assert mouse["flag"] is None and mouse["lloq"] <= mouse["concentration"] <= mouse["uloq"]
    assert mouse["reported_concentration"] == pytest.approx(mouse["concentration"] * 2)
    assert run["result"]["analysis_version"] and run["result"]["qc"]["reasons"] is not None
    stored = RunResult.objects.get(run_id=run["id"])
    assert len(stored.inputs_sha256) == 64 and stored.settings == settings


def test_it_reproduces_gen5_4pl_on_the_alphalisa_plate(api):
    plate_ids = upload_refdata(api, ALPHALISA)
    with open(REFDATA / "doseresponse" / "gen5_cytation5_alphalisa_perk_standards.csv") as fh:
        rows = list(csv.DictReader(fh))
    wells = [
        {
            "well": r["well"],
            "role": "standard" if float(r["conc_as_in_file"]) > 0 else "blank",
            "group": r["well_id"],
            "concentration": float(r["conc_as_in_file"]) or None,
            "unit": "ng/mL",
        }
        for r in rows
    ]
    layout = api.post(
        "/api/v1/layouts/", {"name": "AlphaLISA", "rows": 16, "columns": 24, "wells": wells}, format="json"
    )
    assert layout.status_code == 201, layout.json()
    settings = {
        "model": "4PL",
        "weighting": "none",
        "fit_on": "means",
        "blank_subtraction": False,
        "acceptance": {"min_levels": 6},
    }
    response = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids, "layout": layout.json()["id"], "settings": settings},
        format="json",
    )
    assert response.status_code == 202, response.json()
    run = api.get(f"/api/v1/runs/{response.json()['run']}/").json()
    assert run["status"] == "succeeded", run["error"]
    p = run["result"]["curve"]["parameters"]
    # Gen5: A 346.346 (bottom), B 1.497454 (hill), C 121.8431 (EC50), D 1428186 (top)
    assert p["ec50"] == pytest.approx(121.8431, rel=1e-3)
    assert p["hill_slope"] == pytest.approx(1.497454, rel=1e-3)
    assert p["top"] == pytest.approx(1428186, rel=1e-3)


def test_it_refuses_a_layout_that_does_not_fit_the_plate(api):
    plate_ids = upload_refdata(api, ALPHALISA)  # 384 wells
    layout_id = softmax_layout(api)  # 96 wells
    response = api.post(
        "/api/v1/runs/", {"kind": "elisa", "plates": plate_ids, "layout": layout_id}, format="json"
    )
    assert response.status_code == 400
    assert "16×24" in response.json()["error"]["message"] and "8×12" in response.json()["error"]["message"]
    assert not AssayRun.objects.exists()


def test_it_refuses_too_few_standard_levels(api):
    plate_ids = upload_refdata(api, SOFTMAX)
    wells = [{"well": f"{r}1", "role": "standard", "concentration": 320 / 2**i} for i, r in enumerate("ABCD")]
    layout = api.post("/api/v1/layouts/", {"name": "four levels", "wells": wells}, format="json").json()
    response = api.post(
        "/api/v1/runs/", {"kind": "elisa", "plates": plate_ids[:1], "layout": layout["id"]}, format="json"
    )
    assert response.status_code == 400
    assert "4 non-zero standard level" in response.json()["error"]["message"]
    assert not AssayRun.objects.exists()


def test_it_refuses_all_flagged_standards(api):
    plate_ids = upload_refdata(api, "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt")
    saturated = ["A8", "B7", "C6", "D5", "E4", "F3", "G2", "H1"]  # OVRFLW wells of that file
    wells = [{"well": w, "role": "standard", "concentration": 1000 / 2**i} for i, w in enumerate(saturated)]
    layout = api.post("/api/v1/layouts/", {"name": "flagged", "wells": wells}, format="json").json()
    response = api.post(
        "/api/v1/runs/", {"kind": "elisa", "plates": plate_ids, "layout": layout["id"]}, format="json"
    )
    assert response.status_code == 400
    assert "flagged" in response.json()["error"]["message"]


def test_it_finishes_a_run_on_a_constant_signal_with_no_curve_and_rejects_it(api):
    body = b"well,value\n" + b"".join(f"{r}{c},0.5\n".encode() for r in "ABCDEFGH" for c in range(1, 13))
    plate = api.post(
        "/api/v1/plates/", {"file": SimpleUploadedFile("flat.csv", body)}, format="multipart"
    ).json()
    wells = [
        {"well": f"{r}1", "role": "standard", "concentration": 1000 / 2**i} for i, r in enumerate("ABCDEFG")
    ]
    layout = api.post("/api/v1/layouts/", {"name": "flat", "wells": wells}, format="json").json()
    response = api.post(
        "/api/v1/runs/", {"kind": "elisa", "plates": [plate["id"]], "layout": layout["id"]}, format="json"
    )
    assert response.status_code == 202
    run = api.get(f"/api/v1/runs/{response.json()['run']}/").json()
    assert run["status"] == "succeeded" and run["result"]["curve"] is None
    assert "All responses are equal" in run["result"]["model_selection"]["summary"]
    assert run["result"]["qc"]["accepted"] is False


def test_it_reanalyses_into_a_new_version_and_diffs(api):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    run_id = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids[:1], "layout": layout_id, "settings": LOGLOG},
        format="json",
    ).json()["run"]
    first = api.get(f"/api/v1/runs/{run_id}/").json()
    missing_reason = api.post(f"/api/v1/runs/{run_id}/reanalyze/", {"excluded_wells": ["A1"]}, format="json")
    assert missing_reason.status_code == 400
    response = api.post(
        f"/api/v1/runs/{run_id}/reanalyze/",
        {"excluded_wells": ["A1", "B2"], "reason": "pipetting error in A1, B2"},
        format="json",
    )
    assert response.status_code == 202 and response.json()["version"] == 2
    versions = api.get(f"/api/v1/runs/{run_id}/versions/").json()
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["result"] == first["result"]  # never overwritten
    assert versions[1]["excluded_wells"] == ["A1", "B2"] and versions[1]["reason"].startswith("pipetting")
    std1 = next(s for s in versions[1]["result"]["standards"] if s["group"] == "STD1")
    assert std1["wells"] == ["A2", "A3"]
    diff = api.get(f"/api/v1/runs/{run_id}/diff/?from=1&to=2").json()
    assert set(diff) >= {"ec50", "accepted", "samples"}


def test_it_refuses_a_foreign_plate_in_a_run(api, other_api):
    foreign = upload_refdata(other_api, SOFTMAX)
    layout_id = softmax_layout(api)
    response = api.post(
        "/api/v1/runs/", {"kind": "elisa", "plates": foreign[:1], "layout": layout_id}, format="json"
    )
    assert response.status_code == 400 and "plates" in response.json()["error"]["detail"]


def test_it_fits_one_curve_per_plate_and_keeps_every_plates_rows(api):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    run_id = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids, "layout": layout_id, "settings": LOGLOG},
        format="json",
    ).json()["run"]
    result = api.get(f"/api/v1/runs/{run_id}/").json()["result"]
    assert [p["plate"] for p in result["plates"]] == sorted(plate_ids)
    assert all(p["curve"]["parameters"]["slope"] for p in result["plates"])
    assert {s["plate"] for s in result["standards"]} == set(plate_ids)
    assert len(result["standards"]) == 14 and len(result["samples"]) == 4
    plate_lloqs = [p["qc"]["lloq"] for p in result["plates"]]
    assert result["qc"]["lloq"] == max(plate_lloqs) and result["qc"]["uloq"] is not None


@pytest.mark.parametrize(
    "bad,field",
    [
        ({"acceptance": [[1]]}, "settings.acceptance"),
        ({"acceptance": {"min_levels": "six"}}, "settings.acceptance.min_levels"),
        ({"wavelength_nm": "abc"}, "settings.wavelength_nm"),
        ({"reference_wavelength_nm": [1]}, "settings.reference_wavelength_nm"),
        ({"slope_ratio_margin": 5}, "settings.slope_ratio_margin"),
        ({"model": "7PL"}, "settings"),
        ({"standard_curve": "sideways"}, "settings.standard_curve"),
    ],
)
def test_it_refuses_malformed_settings_with_the_setting_named(api, bad, field):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    response = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids[:1], "layout": layout_id, "settings": bad},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["message"].startswith(field)
    assert not AssayRun.objects.exists()


def test_it_refuses_malformed_settings_on_reanalysis(api):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    run_id = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids[:1], "layout": layout_id, "settings": LOGLOG},
        format="json",
    ).json()["run"]
    response = api.post(
        f"/api/v1/runs/{run_id}/reanalyze/", {"settings": {"acceptance": [[1]]}, "reason": "x"}, format="json"
    )
    assert response.status_code == 400
    assert RunResult.objects.filter(run_id=run_id).count() == 1


def test_it_subtracts_a_570_nm_reference_read_from_a_two_block_mars_export(api):
    """Both MARS blocks are imported, so a reference-wavelength ELISA on them runs (it was refused:
    "No read at 570 nm on the plate")."""
    (plate_id,) = upload_refdata(api, "bmg_pherastar_mars-elisa-abs450-ref570_96well.csv")
    reads = api.get(f"/api/v1/plates/{plate_id}/").json()["reads"]
    assert [(r["label"], r["wavelength_nm"]) for r in reads] == [("450nm", 450.0), ("570nm", 570.0)]
    wells = [
        {"well": f"{row}{col}", "role": "standard", "group": f"S{level}", "concentration": 100 / 2**level}
        for level, row in enumerate("ABCDEFG")
        for col in (1, 2, 3)
    ] + [{"well": f"H{col}", "role": "blank"} for col in (1, 2, 3)]
    layout = api.post("/api/v1/layouts/", {"name": "dsRNA", "wells": wells}, format="json").json()["id"]
    response = api.post(
        "/api/v1/runs/",
        {
            "kind": "elisa",
            "plates": [plate_id],
            "layout": layout,
            "settings": {"model": "4PL", "reference_wavelength_nm": 570},
        },
        format="json",
    )
    assert response.status_code == 202, response.json()
    run = api.get(f"/api/v1/runs/{response.json()['run']}/").json()
    assert run["status"] == "succeeded", run.get("error")
    # hand value: blank = mean over H1-H3 of (OD450 - OD570)
    blank = ((0.069 - 0.038) + (0.076 - 0.036) + (0.074 - 0.037)) / 3
    assert run["result"]["qc"]["blank_mean"] == pytest.approx(blank, rel=1e-12)
    top = next(s for s in run["result"]["standards"] if s["group"] == "S0")
    assert top["mean_signal"] == pytest.approx(
        ((1.691 - 0.040) + (1.557 - 0.040) + (1.583 - 0.049)) / 3 - blank, rel=1e-12
    )
