"""Benchmark: a lab after years of use, on PostgreSQL. Every list page and API list, timed.

Builds (once; ``--rebuild`` to start over) in the database ``BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/bench_scale``) the demo lab (``bootstrap_demo``, for real run
and analysis results), then copies it up to a lab after years of use:

- 20,000 plates (70 % 96-well, 25 % 384-well, 5 % 1536-well: 4.8 M wells), one import and file each;
- 3,000 runs with 5 result versions each, every version a copy of a real demo result, and its job;
- 100 studies of 100 animals (10,000 animals), measured every 3 days for 30 days, 20 of them in life;
- 500 study analysis jobs carrying a real dashboard result.

Rows go in with PostgreSQL's COPY (wells, measurements) and ``bulk_create``; the build takes a few
minutes and about 1 GB. Then it signs in as the demo PI and requests each page ``--runs`` times
through Django's test client (no network), reporting the median, the number of queries and the bytes
of the answer, beside the 200 ms goal. The baseline beside each list is the naive form the portal
used before (offset pagination on a deep page, runs with every version's result): the ratio is
baseline / now.

    .venv/bin/python bench/bench_scale.py [--runs 7] [--rebuild] [--plates 20000] [--studies 100]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 200.0
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_scale"
FORMATS = ((8, 12, 0.70), (16, 24, 0.25), (32, 48, 0.05))


def _setup(url: str, rebuild: bool) -> None:
    import subprocess

    name = url.rsplit("/", 1)[1]
    base = url.rsplit("/", 1)[0]
    if rebuild:
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True)
    os.environ["DATABASE_URL"] = f"{base}/{name}"
    os.environ.setdefault("VAR_DIR", "/tmp/il2bench-scale")
    os.environ.setdefault("FILE_STORAGE_DIR", "/tmp/il2bench-scale/media")
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "il2portal.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _copy(table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples) into a table; returns the count."""
    from django.db import connection

    n = 0
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
    return n


def build(n_plates: int, n_runs: int, n_versions: int, n_studies: int, n_animals: int) -> None:
    import datetime as dt

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from assays.models import AssayRun, Layout, Plate, PlateImport, Read, RunResult, StoredFile, Well
    from il2portal.models import Job, Lab
    from studies.models import AnalysisResult, Animal, Arm, Measurement, Study

    if not Lab.objects.exists():
        print("building the demo lab (bootstrap_demo) ...", flush=True)
        call_command("bootstrap_demo", verbosity=0)
    lab = Lab.objects.order_by("id").first()
    have = Plate.objects.filter(lab=lab).count()
    if have >= n_plates:
        print(f"data set present: {have:,} plates", flush=True)
        return
    rng = random.Random(16)
    started = time.perf_counter()
    template_file = StoredFile.objects.filter(lab=lab).order_by("id").first()
    user_id = template_file.uploaded_by_id
    now = timezone.now()
    print(f"adding {n_plates - have:,} plates ...", flush=True)
    with transaction.atomic():
        todo = n_plates - have
        batch = 2000
        made = 0
        while made < todo:
            k = min(batch, todo - made)
            stamp = [now - dt.timedelta(minutes=30 * (made + i)) for i in range(k)]
            files = StoredFile.objects.bulk_create(
                StoredFile(
                    lab=lab,
                    sha256=f"{made + i:064x}",
                    original_filename=f"export_{made + i:05d}.txt",
                    content_type="text/plain",
                    size=template_file.size,
                    file=template_file.file.name,
                    uploaded_by_id=user_id,
                )
                for i in range(k)
            )
            imports = PlateImport.objects.bulk_create(
                PlateImport(
                    lab=lab,
                    stored_file=f,
                    original_filename=f.original_filename,
                    status="succeeded",
                    vendor="softmax_pro",
                    created_by_id=user_id,
                )
                for f in files
            )
            formats = [rng.choices(FORMATS, weights=[w for *_, w in FORMATS])[0] for _ in range(k)]
            plates = Plate.objects.bulk_create(
                Plate(
                    lab=lab,
                    plate_import=imp,
                    stored_file=imp.stored_file,
                    name=f"IL-2 ELISA plate {made + i:05d}" if i % 3 else f"Reporter bioassay {made + i:05d}",
                    barcode=f"BC{made + i:07d}",
                    vendor="softmax_pro",
                    rows=fmt[0],
                    columns=fmt[1],
                    uploaded_by_id=user_id,
                )
                for i, (imp, fmt) in enumerate(zip(imports, formats, strict=True))
            )
            for model, objs in ((StoredFile, files), (PlateImport, imports), (Plate, plates)):
                for obj, when in zip(objs, stamp, strict=True):
                    obj.created_at = when
                model.objects.bulk_update(objs, ["created_at"], batch_size=batch)
            reads = Read.objects.bulk_create(
                Read(plate=p, index=0, label="450", kind="absorbance", wavelength_nm=450.0) for p in plates
            )

            def wells(plates=plates, reads=reads):
                for plate, read in zip(plates, reads, strict=True):
                    for r in range(plate.rows):
                        letter = chr(65 + r) if r < 26 else "A" + chr(65 + r - 26)
                        for c in range(plate.columns):
                            yield (plate.pk, read.pk, f"{letter}{c + 1}", r, c, round(rng.random() * 3, 4))

            _copy(Well._meta.db_table, ["plate_id", "read_id", "well", "row", "column", "value"], wells())
            made += k
            print(f"  {have + made:,} plates ({time.perf_counter() - started:.0f} s)", flush=True)

        print(f"adding {n_runs:,} runs x {n_versions} versions ...", flush=True)
        model_run = AssayRun.objects.filter(lab=lab, versions__status="succeeded").order_by("id").first()
        model_result = model_run.versions.filter(status="succeeded").order_by("-version").first()
        layout = Layout.objects.filter(lab=lab).order_by("id").first()
        plate_ids = list(Plate.objects.filter(lab=lab).values_list("id", flat=True)[:n_runs])
        for start in range(0, n_runs, 500):
            chunk = range(start, min(n_runs, start + 500))
            made_runs = AssayRun.objects.bulk_create(
                AssayRun(
                    lab=lab,
                    name=f"Run {i:05d}",
                    kind=model_run.kind,
                    layout=layout,
                    settings=model_run.settings,
                    created_by_id=user_id,
                )
                for i in chunk
            )
            for run, i in zip(made_runs, chunk, strict=True):
                run.created_at = now - dt.timedelta(hours=4 * i)
            AssayRun.objects.bulk_update(made_runs, ["created_at"])
            AssayRun.plates.through.objects.bulk_create(
                AssayRun.plates.through(assayrun_id=run.pk, plate_id=plate_ids[i % len(plate_ids)])
                for run, i in zip(made_runs, chunk, strict=True)
            )
            jobs = Job.objects.bulk_create(
                Job(
                    lab=lab,
                    kind="run_analysis",
                    status="succeeded",
                    params={"run": run.pk, "version": v},
                    result={"run": run.pk, "version": v},
                    created_by_id=user_id,
                )
                for run in made_runs
                for v in range(1, n_versions + 1)
            )
            RunResult.objects.bulk_create(
                RunResult(
                    run=run,
                    version=v,
                    status="succeeded",
                    settings=model_result.settings,
                    excluded_wells=[],
                    reason="" if v == 1 else "re-analysis",
                    result=model_result.result,
                    analysis_version=model_result.analysis_version,
                    inputs_sha256=model_result.inputs_sha256,
                    job=jobs[k * n_versions + v - 1],
                    created_by_id=user_id,
                )
                for k, run in enumerate(made_runs)
                for v in range(1, n_versions + 1)
            )
        print(f"  runs done ({time.perf_counter() - started:.0f} s)", flush=True)

        print(f"adding {n_studies} studies x {n_animals} animals ...", flush=True)
        model_study = Study.objects.filter(lab=lab).order_by("id").first()
        model_analysis = (
            AnalysisResult.objects.filter(study=model_study, kind="growth").order_by("-version").first()
        )
        today = timezone.localdate()
        for s in range(n_studies):
            day0 = today - dt.timedelta(days=35 + 40 * s)
            study = Study.objects.create(
                lab=lab,
                name=f"MC38 IL-2 study {s:03d}",
                day0=day0,
                implanted_on=day0,
                status="active" if s < n_studies // 5 else "completed",
                created_by_id=user_id,
            )
            arms = Arm.objects.bulk_create(
                Arm(lab=lab, study=study, name=name, is_control=k == 0, order=k, capacity=n_animals // 4)
                for k, name in enumerate(("Vehicle", "anti-PD-1", "IL-2 mutein", "Combination"))
            )
            animals = Animal.objects.bulk_create(
                Animal(lab=lab, study=study, tag=f"M{a:03d}", cage=f"C{a // 5:02d}", arm=arms[a % 4])
                for a in range(n_animals)
            )

            def measurements(study=study, animals=animals, day0=day0):
                for animal in animals:
                    volume = 60 + rng.random() * 60
                    for day in range(7, 37, 3):
                        volume *= 1.1 + rng.random() * 0.2
                        yield (
                            lab.pk, study.pk, animal.pk, day0 + dt.timedelta(days=day), None, None,
                            round(volume, 1), round(20 + rng.random() * 2, 1), False, "", user_id, now,
                        )  # fmt: skip

            _copy(
                Measurement._meta.db_table,
                ["lab_id", "study_id", "animal_id", "date", "length_mm", "width_mm", "volume_mm3",
                 "weight_g", "swapped", "note", "created_by_id", "created_at"],
                measurements(),
            )  # fmt: skip
            if model_analysis is not None:
                for _ in range(5):
                    Job.objects.create(
                        lab=lab,
                        kind="study_analysis",
                        status="succeeded",
                        params={"study": study.pk},
                        result=model_analysis.result,
                        created_by_id=user_id,
                    )
        print(f"  studies done ({time.perf_counter() - started:.0f} s)", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


PAGES = [
    ("home", "/"),
    ("today", "/studies/today/"),
    ("studies", "/studies/"),
    ("plates", "/assays/plates/"),
    ("plates, search", "/assays/plates/?q=bioassay+0420"),
    ("plates, last page", "/assays/plates/?page=last"),
    ("imports", "/assays/imports/"),
    ("layouts", "/assays/layouts/"),
    ("runs", "/assays/runs/"),
    ("API plates", "/api/v1/plates/"),
    ("API plates, search", "/api/v1/plates/?search=bioassay+0420"),
    ("API plates, deep page", "/api/v1/plates/?page=390"),
    ("API runs", "/api/v1/runs/"),
    ("API runs, 1000", "/api/v1/runs/?page_size=1000"),
    ("API jobs", "/api/v1/jobs/"),
    ("API imports", "/api/v1/imports/"),
    ("API studies", "/api/v1/studies/"),
    ("API animals", "/api/v1/animals/"),
    ("API measurements", "/api/v1/measurements/"),
]


def measure(client, path: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, size, queries, status = [], 0, 0, 0
    for k in range(runs + 1):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path, HTTP_ACCEPT="application/json" if "/api/" in path else "text/html")
            content = b"".join(response.streaming_content) if response.streaming else response.content
            elapsed = time.perf_counter() - started
        if k:  # the first request warms caches and imports
            times.append(elapsed)
        size, queries, status = len(content), len(ctx.captured_queries), response.status_code
    return {"ms": 1000 * statistics.median(times), "queries": queries, "bytes": size, "status": status}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--plates", type=int, default=20_000)
    parser.add_argument("--assay-runs", type=int, default=3_000)
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--studies", type=int, default=100)
    parser.add_argument("--animals", type=int, default=100)
    parser.add_argument("--only", help="only pages whose name contains this")
    args = parser.parse_args()
    _setup(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL), args.rebuild)
    build(args.plates, args.assay_runs, args.versions, args.studies, args.animals)

    from django.contrib.auth import get_user_model
    from django.test import Client

    from il2portal.models import Lab, Membership

    lab = Lab.objects.order_by("id").first()
    admin = Membership.objects.filter(lab=lab, role="admin").select_related("user").first().user
    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.get(pk=admin.pk))
    import _report

    print(f"\n{'page':28} {'median ms':>10} {'queries':>8} {'KiB':>8}  status")
    slow = []
    for name, path in PAGES:
        if args.only and args.only not in name:
            continue
        row = measure(client, path, args.runs)
        flag = "" if row["ms"] < TARGET_MS else "  SLOWER THAN 200 ms"
        if row["ms"] >= TARGET_MS:
            slow.append(name)
        print(
            f"{name:28} {row['ms']:10.0f} {row['queries']:8d} {row['bytes'] / 1024:8.0f}  {row['status']}{flag}"
        )
        _report.result(f"scale: {name}", row["ms"], TARGET_MS, "ms", "the goal")
    print(f"\n{len(slow)} page(s) over {TARGET_MS:.0f} ms: {', '.join(slow) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
