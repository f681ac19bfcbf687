"""Kinetic and spectral reads stored as arrays, shown as traces, reduced by the portal; calculated reads."""

from pathlib import Path

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assays import series
from assays.analysis import kinetics
from assays.errors import RunInputError
from assays.models import Read, Well
from assays.selectors import kinetic_reduction
from assays.services import run_settings_check

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).resolve().parents[1] / "refdata" / "corpus"
NIVO = CORPUS / "revvity_victor_nivo" / "nivo_abs600-kinetic-17cycles_96well.csv"
SPECTRUM = CORPUS / "agilent_gen5" / "gen5_synergyh1_abs-spectrum-14-wavelengths-step30_96well.txt"
CALCULATED = CORPUS / "agilent_gen5" / "gen5_synergyh1_fl-2filters-blank-ratio-normalized_96well.txt"


def upload(api, path: Path) -> dict:
    response = api.post(
        "/api/v1/plates/", {"file": SimpleUploadedFile(path.name, path.read_bytes())}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_it_stores_a_kinetic_read_as_one_array_and_serves_it_in_long_form(api):
    plate = upload(api, NIVO)
    read = Read.objects.get(plate_id=plate["id"])
    assert read.mode == "kinetic" and len(read.timepoints) == 17 and len(read.series_wells) == 96
    assert len(read.series) == 96 * 17 * 8  # float64 per point
    assert not Well.objects.filter(read=read).exists()
    assert plate["reads"][0]["mode"] == "kinetic" and plate["reads"][0]["calculated"] is False
    rows = api.get(f"/api/v1/plates/{plate['id']}/wells/?page_size=10000").json()["results"]
    assert len(rows) == 96 * 17
    # values copied from the file: A2 at 0 s and at 28337.4 s, C8 at 1772.1 s
    by_key = {(r["well"], r["time_s"]): r for r in rows}
    assert by_key[("A2", 0.0)]["value"] == 0.078 and by_key[("A2", 28337.4)]["value"] == 0.395
    assert by_key[("C8", 1772.1)]["value"] == 0.113
    assert set(rows[0]) == {"well", "row", "column", "read", "wavelength_nm", "time_s", "value", "flag"}
    assert by_key[("A2", 0.0)]["wavelength_nm"] == 600


def test_it_serves_a_spectrum_with_a_wavelength_per_point(api):
    plate = upload(api, SPECTRUM)
    reads = {r["label"]: r for r in plate["reads"]}
    spectrum = reads["Spectral_Scan_Test:Spectrum"]
    assert spectrum["mode"] == "spectral" and len(spectrum["wavelengths"]) == 14
    assert reads["Mean Max OD [Spectral_Scan_Test:Spectrum]"]["calculated"] is True
    rows = api.get(f"/api/v1/plates/{plate['id']}/wells/?read={spectrum['id']}&page_size=10000").json()[
        "results"
    ]
    assert len(rows) == 96 * 14 and all(r["time_s"] is None for r in rows)
    by_key = {(r["well"], r["wavelength_nm"]): r["value"] for r in rows}
    assert by_key[("A1", 300.0)] == 0.005 and by_key[("A1", 450.0)] == 1.34 and by_key[("H12", 690.0)] == 0.01


def test_it_shows_traces_and_sparklines_for_a_kinetic_plate(api, browser_client):
    plate = upload(api, NIVO)
    page = browser_client.get(f"/assays/plates/{plate['id']}/").content.decode()
    assert 'class="plot traces"' in page and 'class="spark-table"' in page
    assert page.count('<svg viewBox="0 0 100 30"') == 96
    assert "96 wells × 17 time points" in page
    assert "last time point (28337.4 s)" in page
    page = browser_client.get(f"/assays/plates/{plate['id']}/?reduction=max_slope&window=5").content.decode()
    assert "maximum slope (Vmax) over a 5-point window" in page
    page = browser_client.get(f"/assays/plates/{plate['id']}/?reduction=nonsense").content.decode()
    assert "Unknown reduction" in page


def test_it_shows_a_spectrum_and_marks_a_calculated_block(api, browser_client):
    plate = upload(api, SPECTRUM)
    page = browser_client.get(f"/assays/plates/{plate['id']}/").content.decode()
    assert 'data-mode="spectral"' in page and "maximum of each spectrum" in page
    assert "calculated-badge" in page
    plate = upload(api, CALCULATED)
    page = browser_client.get(f"/assays/plates/{plate['id']}/").content.decode()
    assert page.count("calculated-badge") >= 3 and "not a measurement" in page


def test_it_packs_and_unpacks_a_series_without_loss():
    from assays.readers import read_plate_file

    parsed = read_plate_file(NIVO.read_bytes(), filename=NIVO.name).plates[0].reads[0]
    fields = series.pack(parsed)
    stored = Read(**fields)
    s = series.unpack(stored)
    assert s.values.shape == (96, 17)
    assert s.row("H12")[-1] == parsed.value("H12", 28337.4)
    again = {(p.well, p.time_s): p.value for p in series.points(stored)}
    assert again == {(p.well, p.time_s): p.value for p in parsed.points}


def test_it_reduces_a_series_like_prism():
    t = [0, 60, 120, 180, 240, 300]
    y = [0.1, 0.2, 0.4, 0.7, 0.8, 0.85]
    # the steepest 3-point window is 60-180 s: least-squares slope (0.7 - 0.2) / 120
    assert kinetics.reduce(t, y, "max_slope", window=3) == pytest.approx(0.5 / 120)
    assert kinetics.reduce(t, y, "time_to_max") == 300
    assert kinetics.reduce(t, y, "auc") == pytest.approx(60 * (0.15 + 0.3 + 0.55 + 0.75 + 0.825))
    assert kinetics.reduce(t, y, "value_at", at=90) == pytest.approx(0.3)
    assert kinetics.reduce(t, y, "value_at", at=400) is None
    assert kinetics.reduce(t, [np.nan] * 6, "mean") is None
    assert kinetics.reduce(t, y, "last") == 0.85


def test_it_checks_the_kinetic_reduction_of_a_run():
    run_settings_check({"kinetic_reduction": "max_slope", "kinetic_window": 4})
    assert kinetic_reduction({"kinetic_reduction": "max_slope", "kinetic_window": 4}) == {
        "name": "max_slope",
        "window": 4,
    }
    assert kinetic_reduction({}) == {"name": "last"}
    with pytest.raises(RunInputError):
        run_settings_check({"kinetic_reduction": "median"})
    with pytest.raises(RunInputError):
        run_settings_check({"kinetic_reduction": "value_at"})


def test_it_reduces_a_whole_plate_as_it_reduces_one_well():
    rng = np.random.default_rng(7)
    t = np.cumsum(rng.uniform(20, 40, 30))
    values = np.cumsum(rng.normal(0.01, 0.02, (12, 30)), axis=1)
    for name, kw in (
        ("max_slope", {"window": 4}),
        ("auc", {}),
        ("time_to_max", {}),
        ("mean", {}),
        ("last", {}),
    ):
        fast = kinetics.reduce_rows(t, values, name, **kw)
        slow = [kinetics.reduce(t, row, name, **kw) for row in values]
        assert fast == pytest.approx(slow, rel=1e-9), name


def test_it_pages_the_long_form_of_a_kinetic_plate_in_order(api):
    plate = upload(api, NIVO)
    whole = api.get(f"/api/v1/plates/{plate['id']}/wells/?page_size=10000").json()["results"]
    first = api.get(f"/api/v1/plates/{plate['id']}/wells/?page_size=100").json()
    third = api.get(f"/api/v1/plates/{plate['id']}/wells/?page_size=100&page=3").json()
    assert first["count"] == third["count"] == len(whole) == 96 * 17
    assert first["results"] == whole[:100] and third["results"] == whole[200:300]
    assert [(r["time_s"], r["row"], r["column"]) for r in whole] == sorted(
        (r["time_s"], r["row"], r["column"]) for r in whole
    )
