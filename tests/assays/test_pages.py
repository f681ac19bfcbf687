from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db
PLATEREADER = Path(__file__).resolve().parents[1] / "refdata" / "platereader"


@pytest.fixture
def plate_id(api):
    data = (PLATEREADER / "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt").read_bytes()
    return api.post(
        "/api/v1/plates/", {"file": SimpleUploadedFile("h1.txt", data)}, format="multipart"
    ).json()["id"]


def test_it_shows_the_upload_page_with_the_formats(browser_client):
    page = browser_client.get("/assays/upload/").content.decode()
    assert 'id="dropzone"' in page and "SoftMax" in page and "upload.js" in page


def test_it_lists_and_searches_plates(browser_client, plate_id):
    page = browser_client.get("/assays/plates/").content.decode()
    assert "h1" in page and "gen5" in page
    assert "No plates match" in browser_client.get("/assays/plates/?q=zzz").content.decode()


def test_it_shows_a_heatmap_per_read_with_flags(browser_client, plate_id, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        response = browser_client.get(f"/assays/plates/{plate_id}/")
    page = response.content.decode()
    assert "vendor/plotly-cartesian.min.js" in page and "cdn" not in page.lower()
    assert page.count('class="plot heatmap" data-figure="heatmap-') >= 1 and "js/plots.js" in page
    assert "saturated" in page and "flagged" in page
    assert "Audit trail" in page


def test_it_downloads_the_original_and_long_csv_from_the_page(browser_client, plate_id):
    data = (PLATEREADER / "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt").read_bytes()
    original = browser_client.get(f"/assays/plates/{plate_id}/original/")
    assert b"".join(original.streaming_content) == data
    csv_text = browser_client.get(f"/assays/plates/{plate_id}/long.csv").content.decode()
    assert "saturated" in csv_text


def test_it_lists_failed_imports_with_a_retry(browser_client, api):
    api.post(
        "/api/v1/plates/", {"file": SimpleUploadedFile("junk.bin", b"\x00\x01junk" * 50)}, format="multipart"
    )
    page = browser_client.get("/assays/imports/?status=failed").content.decode()
    assert "junk.bin" in page and "retry-form" in page


def test_it_counts_plates_on_the_dashboard(browser_client, plate_id):
    page = browser_client.get("/").content.decode()
    assert 'data-panel="Plates"' in page


def test_it_filters_the_plate_list_by_date(browser_client, plate_id):
    page = browser_client.get("/assays/plates/?created_after=2000-01-01").content.decode()
    assert "h1" in page and "errorlist" not in page
    assert (
        "No plates match" in browser_client.get("/assays/plates/?created_before=2000-01-01").content.decode()
    )


def test_it_shows_what_the_file_says_about_each_read(browser_client, api):
    """Read metadata on the plate page: excitation, gain, temperature and the kinetic interval of a SoftMax
    Pro kinetic read, and the wavelength with its bandwidth and read times of a SparkControl read."""
    corpus = PLATEREADER.parent / "corpus"
    pages = []
    for path in (
        corpus / "moldev_softmaxpro" / "softmaxpro_fl-kinetic-3wavelengths-7reads_96well.txt",
        corpus / "tecan_sparkcontrol" / "sparkcontrol_abs600-700-gfp-gain-series_96well.csv",
    ):
        response = api.post(
            "/api/v1/plates/", {"file": SimpleUploadedFile(path.name, path.read_bytes())}, format="multipart"
        )
        assert response.status_code == 201, response.content
        pages.append(browser_client.get(f"/assays/plates/{response.json()['id']}/").content.decode())
    softmax, spark = pages
    for text in ("Excitation 485 nm", "Gain Medium", "Temperature 35 °C", "Interval 90 s", "Run time 600 s"):
        assert text in softmax, text
    assert "Bandwidth" in spark and "Read times" in spark and "Gain" in spark


def test_a_victor_x3_kinetic_run_shows_as_traces_with_its_settings(browser_client, api):
    path = (
        PLATEREADER.parent
        / "corpus"
        / "revvity_victor_x3"
        / ("victorx3_abs600-gfp-kinetic-repeats-1-2-of-17-excerpt_96well.txt")
    )
    response = api.post(
        "/api/v1/plates/", {"file": SimpleUploadedFile(path.name, path.read_bytes())}, format="multipart"
    )
    assert response.status_code == 201, response.content
    page = browser_client.get(f"/assays/plates/{response.json()['id']}/").content.decode()
    assert page.count("96 wells × 2 time points") == 2  # one kinetic panel per label, not one read per repeat
    assert "Excitation 485 nm" in page


def test_every_plot_is_drawn_by_one_script():
    """static/js/plots.js draws the figures of every page (assays and studies), with one default config."""
    root = Path(__file__).resolve().parents[2]
    sources = [*root.glob("templates/**/*.html"), *root.glob("static/js/*.js")]
    drawing = sorted(p.relative_to(root).as_posix() for p in sources if "Plotly.newPlot" in p.read_text())
    assert drawing == ["static/js/plots.js"]
