"""A 1536-well x 400-point kinetic export through the upload path (limits, forked parse, storage), the
long-form API and the plate page. Figures (time, peak memory, page size) are printed with ``-s``:

    python -m pytest tests/assays/test_series_scale.py -q -s -p no:cacheprovider
"""

import resource
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assays.models import Read, Well

pytestmark = pytest.mark.django_db

ROWS, COLUMNS, POINTS = 32, 48, 400


def gen5_kinetic_1536() -> bytes:
    """A Gen5 kinetic export in column orientation (Time, T° Lum, A1 ... AF48), 400 reads every 30 s."""
    wells = [f"{r}{c}" for r in [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "AA", "AB", "AC", "AD", "AE", "AF"]
             for c in range(1, COLUMNS + 1)]  # fmt: skip
    head = (
        "Software Version\t3.12.08\n\nPlate Number\tPlate 1\nDate\t3/7/2024\nTime\t11:31:30 AM\n"
        "Reader Type:\tSynergy Neo2\n\nProcedure Details\n\nPlate Type\t1536 WELL PLATE\nRead\tLuminescence\n"
        "\tFull Plate\n\nLum\n\n"
    )
    lines = ["Time\tT° Lum\t" + "\t".join(wells)]
    for k in range(POINTS):
        t = k * 30
        stamp = f"{t // 3600}:{t % 3600 // 60:02d}:{t % 60:02d}"
        lines.append(stamp + "\t37.0\t" + "\t".join(str(1000 + k * (i % 97) + i) for i in range(len(wells))))
    return (head + "\n".join(lines) + "\n").encode()


def test_it_takes_a_1536_well_400_point_kinetic_file_through_upload_api_and_page(api, browser_client):
    data = gen5_kinetic_1536()
    started = time.perf_counter()
    response = api.post(
        "/api/v1/plates/", {"file": SimpleUploadedFile("kinetic1536.txt", data)}, format="multipart"
    )
    upload_s = time.perf_counter() - started
    assert response.status_code == 201, response.json()
    plate = response.json()
    assert (plate["rows"], plate["columns"]) == (ROWS, COLUMNS)
    read = Read.objects.get(plate_id=plate["id"], label="Lum")
    assert read.mode == "kinetic" and len(read.timepoints) == POINTS and len(read.series_wells) == 1536
    assert not Well.objects.filter(read=read).exists()
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    started = time.perf_counter()
    page = browser_client.get(f"/assays/plates/{plate['id']}/")
    page_s = time.perf_counter() - started
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<svg viewBox="0 0 100 30"') == 1536 and "1536 wells × 400 time points" in html

    started = time.perf_counter()
    body = api.get(f"/api/v1/plates/{plate['id']}/wells/?read={read.pk}&page_size=10000").json()
    last_page = (1536 * POINTS + 9999) // 10000
    tail = api.get(
        f"/api/v1/plates/{plate['id']}/wells/?read={read.pk}&page_size=10000&page={last_page}"
    ).json()
    api_s = time.perf_counter() - started
    rows = body["results"]
    assert body["count"] == 1536 * POINTS and len(rows) == 10000
    assert tail["results"][-1]["value"] == 1000 + 399 * (1535 % 97) + 1535
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n1536 x {POINTS} kinetic: file {len(data) / 1e6:.1f} MB; upload (limits + forked parse + store) "
        f"{upload_s:.1f} s, parse child peak RSS {child_mb:.0f} MB; plate page {page_s:.1f} s, "
        f"{len(html) / 1e6:.1f} MB HTML; long-form API, first and last page of 10,000 points {api_s:.1f} s; "
        f"test process peak RSS {self_mb:.0f} MB; stored series {len(read.series) / 1e6:.1f} MB"
    )
