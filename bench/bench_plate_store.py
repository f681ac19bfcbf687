"""Storing parsed plates: bulk insert (assays.services.plates_store) vs one save() per well.

    .venv/bin/python bench/bench_plate_store.py            # SQLite in a temp dir
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1/bench_il2 .venv/bin/python bench/bench_plate_store.py

Reports, per plate size, the median time from parsed reads to committed rows, the baseline's time and the
ratio; parse time is measured separately (matrix CSV through assays.readers); and the time to import 100
files through the API (POST /api/v1/plates/).
"""

from __future__ import annotations

import random
import time

from _django import setup, timed
from _report import result as report

setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from assays import readers, services  # noqa: E402
from assays.models import Plate, PlateImport, Read, StoredFile, Well  # noqa: E402
from il2portal import services as core  # noqa: E402

User = get_user_model()
user = User.objects.create_user("bench", password="x")
lab = core.lab_create(name="Bench lab", admin=user)
rng = random.Random(0)


def matrix_csv(rows: int, cols: int) -> bytes:
    header = "," + ",".join(str(c + 1) for c in range(cols))
    lines = [header] + [
        readers.well_name(r, 0)[:-1] + "," + ",".join(f"{rng.uniform(0.05, 3.5):.4f}" for _ in range(cols))
        for r in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def fresh_import(data: bytes) -> tuple[StoredFile, PlateImport]:
    stored = services.plates._store_file(
        lab=lab, data=data + str(rng.random()).encode(), filename="b.csv", content_type="", user=user
    )
    record = PlateImport.objects.create(
        lab=lab, stored_file=stored, original_filename="b.csv", status="succeeded"
    )
    return stored, record


def baseline_store(result, stored, record) -> None:
    """One save() per plate, read and well: what a naive importer does."""
    with transaction.atomic():
        for index, parsed in enumerate(result.plates):
            plate = Plate.objects.create(
                lab=lab,
                plate_import=record,
                stored_file=stored,
                index_in_file=index,
                name="baseline",
                vendor=result.vendor,
                rows=parsed.rows,
                columns=parsed.columns,
                uploaded_by=user,
            )
            for r_index, read in enumerate(parsed.reads):
                read_row = Read.objects.create(plate=plate, index=r_index, label=read.label, kind=read.kind)
                for point in read.points:
                    row, column = readers.parse_well(point.well)
                    Well.objects.create(
                        plate=plate,
                        read=read_row,
                        well=point.well,
                        row=row,
                        column=column,
                        time_s=point.time_s,
                        value=point.value,
                        flag=point.flag,
                    )


print(f"{'plate':>6} {'wells':>6} {'parse s':>9} {'bulk s':>9} {'per-well s':>11} {'ratio':>7}")
for n_wells, (rows, cols) in ((96, (8, 12)), (384, (16, 24)), (1536, (32, 48))):
    data = matrix_csv(rows, cols)
    parse_s = timed(lambda data=data: readers.read_plate_file(data, vendor="matrix"), repeat=5)
    result = readers.read_plate_file(data, vendor="matrix")

    def bulk(result=result, data=data):
        stored, record = fresh_import(data)
        with transaction.atomic():
            services.plates_store(lab=lab, plate_import=record, stored=stored, result=result, user=user)

    def naive(result=result, data=data):
        stored, record = fresh_import(data)
        baseline_store(result, stored, record)

    bulk_s = timed(bulk, repeat=7)
    naive_s = timed(naive, repeat=3)
    print(
        f"{n_wells:>6} {n_wells:>6} {parse_s:>9.4f} {bulk_s:>9.4f} {naive_s:>11.4f} {naive_s / bulk_s:>6.1f}x"
    )
    report(f"store a parsed {n_wells}-well plate", bulk_s, naive_s, "s", "one save() per well")

client = APIClient()
client.force_authenticate(user)
files = [matrix_csv(8, 12) for _ in range(100)]
started = time.perf_counter()
for i, data in enumerate(files):
    response = client.post(
        "/api/v1/plates/", {"file": SimpleUploadedFile(f"p{i}.csv", data)}, format="multipart"
    )
    assert response.status_code == 201, response.content
elapsed = time.perf_counter() - started
print(
    f"100 files (96-well matrix CSV) through POST /api/v1/plates/: {elapsed:.2f} s ({elapsed * 10:.1f} ms per file)"
)
