"""An integrator's workflow driven by the generated Python client (clients/python, `make client`) against
the portal as deployed: gunicorn + PostgreSQL + Redis + a Celery worker process.

Everything goes through the generated functions and models, never raw HTTP: if the schema and the server
disagree (a list served where the schema promises a page, an undeclared status, a result typed ``Any``),
the client raises or hands back an untyped dict, and the test says which operation and field. Every
answer is also validated with the generated pydantic models (``--strict-nullable``), which catch a null or
an enum value the schema does not allow. Problems that do not stop the workflow are collected and
reported together at the end, so one run names them all. The last step runs the README's script.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import json
import os
import re
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import attrs
import pytest
from django.contrib.auth import get_user_model

from il2portal import services
from tests.assays.factories import SOFTMAX, softmax_layout_wells
from tests.integration.conftest import _database_url
from tests.integration.live import ROOT, gunicorn
from tests.studies.analysis.test_survival import AML_MAINTAINED, AML_NONMAINTAINED

pytestmark = pytest.mark.integration

CLIENT_DIR = ROOT / "clients" / "python"
PYDANTIC_DIR = ROOT / "clients" / "pydantic"
REFDATA = ROOT / "tests" / "refdata" / "platereader"
GEN5 = "biotek_gen5-sample_fluorescamine-protein-stdcurve-4pl_96well.txt"  # one plate
DAY0 = dt.date(2024, 9, 2)
WAIT_S = 20  # the bounded wait asked of job-starting calls (?wait=)


class Problems:
    """Schema problems that the workflow can go on past; the test fails at the end listing all of them."""

    def __init__(self):
        self.found: list[str] = []
        self.step = ""

    def check(self, ok, message: str) -> bool:
        if not ok and f"[{self.step}] {message}" not in self.found:
            self.found.append(f"[{self.step}] {message}")
        return bool(ok)

    def typed(self, value, what: str) -> bool:
        """A generated attrs model, not the raw dict a field declared ``Any`` or ``object`` gives."""
        return self.check(
            attrs.has(type(value)) and not _free_form(value),
            f"{what} is not typed in the schema: the client hands back {type(value).__name__} {_short(value)}",
        )


def _free_form(value) -> bool:
    # a generated class for a schema that has only additionalProperties: {} (a dict in disguise)
    return attrs.has(type(value)) and not [
        f for f in attrs.fields(type(value)) if f.name != "additional_properties"
    ]


def _short(value) -> str:
    text = repr(value)
    return text if len(text) < 160 else text[:160] + "…"


@contextmanager
def step(problems: Problems, name: str):
    """Name the step in any failure (an assertion, or an exception raised inside the generated client),
    with the problems found before it."""
    problems.step = name
    try:
        yield
    except Exception as exc:
        so_far = "\n".join(problems.found)
        kind = (
            "" if isinstance(exc, AssertionError) else f"the generated client failed: {type(exc).__name__}: "
        )
        pytest.fail(
            f"step '{name}': {kind}{exc}\n"
            + (f"schema problems found before it:\n{so_far}" if so_far else "")
        )


def _conforms(problems: Problems, response) -> None:
    """The raw answer validates against the generated pydantic model of the same component
    (--strict-nullable): a null, a missing field or a value outside an enum that the attrs client lets
    through is a problem here."""
    import il2portal_models
    import pydantic

    parsed = response.parsed
    many = isinstance(parsed, list)
    if many and not parsed:
        return
    component = type(parsed[0] if many else parsed).__name__
    model = getattr(il2portal_models, component, None)
    if not problems.check(model is not None, f"no pydantic model {component} was generated"):
        return
    document = json.loads(response.content)
    for item in document if many else [document]:
        try:
            model.model_validate(item)
        except pydantic.ValidationError as exc:
            errors = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']} (got {e.get('input')!r:.60})"
                for e in exc.errors()[:8]
            )
            problems.check(False, f"the answer does not match the schema's {component}: {errors}")
            return


def _call(problems: Problems, operation, **kwargs):
    """``operation.sync_detailed(**kwargs)``; a keyword the generated function lacks is a schema problem
    (an undeclared parameter or header): it is recorded, and the call made without it (a header in
    ``HEADERS`` is still sent, through the client, so that the workflow can go on)."""
    accepted = inspect.signature(operation.sync_detailed).parameters
    name = operation.__name__.rsplit(".", 1)[-1]
    for key in list(kwargs):
        if key not in accepted:
            problems.check(False, f"{name}: the schema declares no parameter `{key}`")
            value = kwargs.pop(key)
            if key in HEADERS:
                kwargs["client"] = kwargs["client"].with_headers({HEADERS[key]: value})
    return operation.sync_detailed(**kwargs)


HEADERS = {"idempotency_key": "Idempotency-Key"}


def _client_modules():
    if not (CLIENT_DIR / "il2portal_client").is_dir():
        pytest.fail(f"no generated client at {CLIENT_DIR}: run `make client` and commit clients/")
    for folder in (CLIENT_DIR, PYDANTIC_DIR):
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    import il2portal_client

    return il2portal_client


@pytest.fixture
def portal(real_services, celery_worker_process, settings, tmp_path):
    """(base URL, token) of gunicorn on the test database, jobs going to the worker through Redis."""
    user = get_user_model().objects.create_user("integrator", password="a long integration password 1")
    services.lab_create(name="LIMS lab", admin=user)
    _token, key = services.api_token_create_personal(user=user, name="lims")
    env = {
        "DATABASE_URL": _database_url(),
        "REDIS_URL": real_services,
        "CELERY_BROKER_URL": real_services,
        "FILE_STORAGE_DIR": str(settings.MEDIA_ROOT),
        "JOBS_IN_PROCESS": "0",
        "DEBUG": "0",
    }
    with gunicorn(env, workers=2, log_path=tmp_path / "gunicorn.log") as base:
        yield base, key


def _finished_job(problems: Problems, client, response, what: str):
    """The job a job-starting answer describes, finished: 200 with the job when it ended within the
    bounded ``?wait=``, else 202 with ``Location`` and ``Retry-After``, then long polls of the job."""
    from il2portal_client.api.jobs import jobs_retrieve
    from il2portal_client.models import JobStatusEnum

    done = (JobStatusEnum.SUCCEEDED, JobStatusEnum.FAILED)
    job = response.parsed
    problems.typed(job, f"{what}: the job")
    _conforms(problems, response)
    if response.status_code == 200:
        problems.check(job.status in done, f"{what}: answered 200 with an unfinished job ({job.status})")
    else:
        problems.check(
            response.status_code == 202, f"{what}: answered {response.status_code}, not 202 or 200"
        )
        location = response.headers.get("Location")
        problems.check(location, f"{what}: the 202 answer has no Location header to poll")
        if location:
            problems.check(location.rstrip("/").endswith(f"/jobs/{job.id}"), f"{what}: Location {location}")
        if job.status not in done:
            problems.check(response.headers.get("Retry-After"), f"{what}: the 202 answer has no Retry-After")
    deadline = time.monotonic() + 120
    while job.status not in done:
        assert time.monotonic() < deadline, f"{what}: the job did not finish within 120 s: {job}"
        polled = _call(problems, jobs_retrieve, id=job.id, client=client, wait=WAIT_S)
        job = polled.parsed
        _conforms(problems, polled)
        if job.status not in done:
            time.sleep(min(float(polled.headers.get("Retry-After") or 0.5), 5))
    assert job.status == JobStatusEnum.SUCCEEDED, f"{what}: the job failed: {job.error}"
    return job


def test_an_integrator_drives_the_portal_with_the_generated_client(portal, tmp_path):
    base, key = portal
    client_pkg = _client_modules()
    import il2portal_client.errors  # noqa: F401  (client_pkg.errors)
    from il2portal_client.api.jobs import jobs_retrieve
    from il2portal_client.api.layouts import layouts_create
    from il2portal_client.api.plates import plates_create, plates_wells_list
    from il2portal_client.api.runs import (
        runs_create,
        runs_diff_retrieve,
        runs_reanalyze_create,
        runs_retrieve,
        runs_versions_list,
    )
    from il2portal_client.api.studies import (
        studies_analyses_create,
        studies_animals_create,
        studies_create,
        studies_events_create,
        studies_groups_create,
        studies_measurements_create,
    )
    from il2portal_client.models import (
        AnalysisRequestKindEnum,
        AnalysisRequestRequest,
        AnimalRequest,
        ArmRequest,
        EventRowKindEnum,
        EventRowRequest,
        LayoutRequest,
        LayoutWellRequest,
        MeasurementRowRequest,
        PlateUploadRequest,
        ReanalyzeRequest,
        RunCreateRequest,
        RunCreateRequestSettings,
        RunKindEnum,
        StudyRequest,
    )
    from il2portal_client.types import File

    problems = Problems()
    client = client_pkg.AuthenticatedClient(
        base_url=base, token=key, prefix="Token", raise_on_unexpected_status=True, timeout=90
    )

    with step(problems, "upload a refdata export with an Idempotency-Key, then retry it"):
        data = (REFDATA / SOFTMAX).read_bytes()
        idempotency_key = str(uuid.uuid4())

        def upload():
            body = PlateUploadRequest(file=File(payload=io.BytesIO(data), file_name=SOFTMAX))
            return _call(problems, plates_create, client=client, body=body, idempotency_key=idempotency_key)

        first, retry = upload(), upload()
        assert first.status_code == 201, (first.status_code, first.content[:500])
        problems.typed(first.parsed, "POST /plates/ answer")
        _conforms(problems, first)
        plates = first.parsed.plates if hasattr(first.parsed, "plates") else [first.parsed]
        problems.check(
            hasattr(first.parsed, "plates"),
            "POST /plates/ is declared as a Plate, but it answers {plates, duplicate}",
        )
        assert len(plates) == 2, plates  # SoftMax Pro: two plates in one file
        retried = retry.parsed.plates if hasattr(retry.parsed, "plates") else [retry.parsed]
        assert retry.status_code == first.status_code
        assert [p.id for p in retried] == [p.id for p in plates], "the retry made new plates"
        assert retry.headers.get("Idempotent-Replayed") == "true", dict(retry.headers)
        assert first.headers.get("Idempotent-Replayed") is None
        plate_ids = [p.id for p in plates]
        single = plates_create.sync_detailed(
            client=client,
            body=PlateUploadRequest(
                file=File(payload=io.BytesIO((REFDATA / GEN5).read_bytes()), file_name=GEN5)
            ),
        )
        assert single.status_code == 201 and isinstance(single.parsed.id, int), single.content[:300]
        problems.check(not hasattr(single.parsed, "plates"), "a one-plate file is not answered as the plate")
        _conforms(problems, single)

    with step(problems, "page through a plate's wells"):
        seen, page, pages = [], 1, 0
        while True:
            response = _call(
                problems, plates_wells_list, id=plate_ids[0], client=client, page=page, page_size=40
            )
            assert response.status_code == 200
            listing = response.parsed
            _conforms(problems, response)
            seen += listing.results
            pages += 1
            if not listing.next_:
                break
            page += 1
        assert listing.count == len(seen) and pages == -(-listing.count // 40) > 1, (
            listing.count,
            len(seen),
            pages,
        )
        keys = {(w.well, w.read, w.time_s) for w in seen}
        assert len(keys) == len(seen) and {"A1", "H12"} <= {w.well for w in seen}  # no value twice or lost
        flag_type = str(attrs.fields(type(seen[0])).flag.type)
        problems.check(
            "Enum" in flag_type, f"Well.flag is typed `{flag_type}`: a free string, not an enum or null"
        )
        try:
            past_end = plates_wells_list.sync_detailed(id=plate_ids[0], client=client, page=99, page_size=40)
            status, content = past_end.status_code, past_end.content
        except client_pkg.errors.UnexpectedStatus as exc:
            status, content = exc.status_code, exc.content
            problems.check(False, f"plates_wells_list: ?page past the end answers an undeclared {status}")
        problems.check(
            status in (400, 404) and b"Not found in your labs" not in content,
            f"?page past the end answers {status} {content[:120]!r}, not a pagination error",
        )

    with step(problems, "create a layout"):
        wells = [LayoutWellRequest.from_dict(well) for well in softmax_layout_wells()]
        made = layouts_create.sync_detailed(
            client=client, body=LayoutRequest(name="SoftMax ELISA", rows=8, columns=12, wells=wells)
        )
        _conforms(problems, made)
        layout = made.parsed
        assert layout.id and len(layout.wells) == len(wells) == 30

    with step(problems, "start an ELISA run and wait for its job"):
        settings = RunCreateRequestSettings.from_dict(
            {"model": "loglog", "weighting": "none", "blank_subtraction": False, "standard_curve": "pooled"}
        )
        body = RunCreateRequest(
            kind=RunKindEnum.ELISA, plates=plate_ids, layout=layout.id, name="SoftMax", settings=settings
        )
        job = _finished_job(
            problems,
            client,
            _call(problems, runs_create, client=client, body=body, wait=WAIT_S),
            "POST /runs/",
        )
        problems.typed(job.result, "the run job's result")
        run_id = _job_record(job, "run")

    with step(problems, "read the run's typed result"):
        answer = runs_retrieve.sync_detailed(id=run_id, client=client)
        _conforms(problems, answer)
        run = answer.parsed
        assert run.version == 1
        result = run.result
        if problems.typed(result, "Run.result") and problems.typed(result.curve, "Run.result.curve"):
            params = result.curve.parameters
            problems.typed(params, "Run.result.curve.parameters")
            # SoftMax Pro's printed log-log equation over the standards of both plates (tests/refdata)
            assert _get(params, "intercept") == pytest.approx(-3.496629, abs=0.005)
            assert _get(params, "slope") == pytest.approx(1.613188, abs=0.005)
            standards = {s.group: s for s in result.standards}
            problems.typed(result.standards[0], "Run.result.standards[]")
            assert set(standards) == {f"STD{i}" for i in range(1, 8)} and standards["STD1"].nominal == 320
            samples = {s.sample: s for s in result.samples}
            problems.typed(result.samples[0], "Run.result.samples[]")
            assert samples["mouse-07"].dilution_factor == 2
            problems.typed(result.qc, "Run.result.qc")
        else:
            params = result["curve"]["parameters"]
            assert params["intercept"] == pytest.approx(-3.496629, abs=0.005)

    with step(problems, "re-analyse without a well and diff the versions"):
        body = ReanalyzeRequest(excluded_wells=["A1"], reason="pipetting error in A1")
        response = _call(problems, runs_reanalyze_create, id=run_id, client=client, body=body, wait=WAIT_S)
        job = _finished_job(problems, client, response, "POST /runs/{id}/reanalyze/")
        answer = runs_versions_list.sync_detailed(id=run_id, client=client)
        _conforms(problems, answer)
        versions = answer.parsed
        listed = versions.results if hasattr(versions, "results") else versions
        assert [v.version for v in listed] == [1, 2], listed
        answer = _call(problems, runs_diff_retrieve, id=run_id, client=client, from_=1, to=2)
        _conforms(problems, answer)
        diff = answer.parsed
        problems.typed(diff, "the run diff")
        problems.check(
            all(attrs.has(type(s)) for s in diff.samples), "RunDiff.samples[] are untyped (a list of Any)"
        )
        run = runs_retrieve.sync(id=run_id, client=client)
        assert run.version == 2

    with step(problems, "build a small study: groups, animals, measurements, events"):
        answer = studies_create.sync_detailed(
            client=client,
            body=StudyRequest.from_dict({"name": "aml", "tumor_model": "other", "day0": DAY0.isoformat()}),
        )
        _conforms(problems, answer)
        study = answer.parsed
        sid = study.id
        answer = studies_groups_create.sync_detailed(
            id=sid, client=client, body=ArmRequest(name="Maintained", is_control=True)
        )
        _conforms(problems, answer)
        maintained = answer.parsed
        other = studies_groups_create.sync(id=sid, client=client, body=ArmRequest(name="Nonmaintained"))
        problems.typed(maintained, "POST /studies/{id}/groups/ answer")
        animals, measurements, events = [], [], []
        for prefix, group, rows in (("M", maintained, AML_MAINTAINED), ("N", other, AML_NONMAINTAINED)):
            for i, (t, event) in enumerate(rows, start=1):
                tag, day = f"{prefix}{i}", DAY0 + dt.timedelta(days=t)
                animals.append(AnimalRequest(tag=tag, group=group.id, implanted_on=DAY0))
                measurements.append(MeasurementRowRequest(animal=tag, date=day, weight_g=20.0))
                if event:
                    events.append(
                        EventRowRequest(animal=tag, date=day, kind=EventRowKindEnum.ENDPOINT_EUTHANASIA)
                    )
        made = studies_animals_create.sync_detailed(id=sid, client=client, body=animals)
        assert made.status_code == 201 and len(made.parsed) == len(animals), made.content[:300]
        _conforms(problems, made)
        made = studies_measurements_create.sync_detailed(id=sid, client=client, body=measurements)
        assert made.status_code == 201 and len(made.parsed) == len(measurements), made.content[:300]
        _conforms(problems, made)
        made = studies_events_create.sync_detailed(id=sid, client=client, body=events)
        assert made.status_code == 201 and len(made.parsed) == len(events), made.content[:300]
        _conforms(problems, made)

    with step(problems, "run survival analysis and read its typed result"):
        response = _call(
            problems,
            studies_analyses_create,
            id=sid,
            client=client,
            body=AnalysisRequestRequest(kind=AnalysisRequestKindEnum.SURVIVAL),
            wait=WAIT_S,
        )
        job = _finished_job(problems, client, response, "POST /studies/{id}/analyses/")
        result = job.result
        if problems.typed(result, "the survival job's result"):
            # R survival on the aml data (DOMAIN.md §8)
            assert result.logrank.chi2 == pytest.approx(3.3964, abs=1e-4)
            assert result.logrank.p == pytest.approx(0.06534, abs=1e-4)
            groups = {g.group: g for g in result.groups}
            assert groups[maintained.id].median_days == 31 and groups[other.id].median_days == 23
            (hr,) = result.hazard_ratios
            assert hr.hr == pytest.approx(2.498, rel=1e-4)
            problems.typed(result.pairwise[0], "survival pairwise[]")
        else:
            assert result["logrank"]["p"] == pytest.approx(0.06534, abs=1e-4)
        again = jobs_retrieve.sync(id=job.id, client=client)
        assert again.status == job.status and again.id == job.id

    with step(problems, "the lists the issue found mis-declared, and the shared error"):
        from il2portal_client.api.labs import labs_list, labs_members_list
        from il2portal_client.api.plates import plates_formats_list
        from il2portal_client.api.studies import (
            studies_analyses_list,
            studies_animals_list,
            studies_events_list,
            studies_groups_list,
            studies_measurements_list,
        )
        from il2portal_client.models import Error

        lab_id = labs_list.sync(client=client).results[0].id
        for name, answer in (
            ("GET /plates/formats/", plates_formats_list.sync_detailed(client=client)),
            ("GET /labs/{id}/members/", labs_members_list.sync_detailed(id=lab_id, client=client)),
            ("GET /studies/{id}/groups/", studies_groups_list.sync_detailed(id=sid, client=client)),
            ("GET /studies/{id}/animals/", studies_animals_list.sync_detailed(id=sid, client=client)),
            (
                "GET /studies/{id}/measurements/",
                studies_measurements_list.sync_detailed(id=sid, client=client),
            ),
            ("GET /studies/{id}/events/", studies_events_list.sync_detailed(id=sid, client=client)),
            ("GET /studies/{id}/analyses/", studies_analyses_list.sync_detailed(id=sid, client=client)),
        ):
            assert answer.status_code == 200, (name, answer.content[:200])
            listed = answer.parsed if isinstance(answer.parsed, list) else answer.parsed.results
            assert listed, f"{name} parsed to nothing: {answer.content[:200]!r}"
            _conforms(problems, answer)
        junk = PlateUploadRequest(file=File(payload=io.BytesIO(b"no plate here\n"), file_name="notes.txt"))
        refused = plates_create.sync_detailed(client=client, body=junk)
        assert refused.status_code == 400 and isinstance(refused.parsed, Error), refused.content[:300]
        assert refused.parsed.error.code == "unrecognized_format", refused.parsed
        assert refused.parsed.error.message and refused.parsed.error.detail["import_id"]
        _conforms(problems, refused)

    with step(problems, "the README's script, exactly as printed there"):
        _run_readme_script(base, key, layout.id, tmp_path)

    assert not problems.found, "the generated client met schema problems:\n" + "\n".join(problems.found)


def _get(model, name):
    value = getattr(model, name, UNSET_SENTINEL)
    if value is UNSET_SENTINEL:
        value = model.additional_properties[name]
    return value


UNSET_SENTINEL = object()


def _job_record(job, key: str) -> int:
    """The id of the record a job computed: the job's own link (``run``, ``study``)."""
    value = getattr(job, key, None)
    assert isinstance(value, int), f"the job does not name its {key}: {job!r}"
    return value


README_SNIPPET = re.compile(r"<!-- generated-client-example -->\s*```python\n(.*?)```", re.S)


def _run_readme_script(base: str, key: str, layout_id: int, tmp_path: Path) -> None:
    match = README_SNIPPET.search((ROOT / "README.md").read_text())
    assert match, "README.md has no <!-- generated-client-example --> block"
    script = match.group(1)
    (tmp_path / "example.py").write_text(script)
    env = {**os.environ, "IL2_URL": base, "IL2_TOKEN": key, "PYTHONPATH": str(CLIENT_DIR)}
    proc = subprocess.run(
        [sys.executable, str(tmp_path / "example.py"), str(REFDATA / SOFTMAX), str(layout_id)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"the README script failed:\n{proc.stdout}{proc.stderr}"
    assert "mouse-07" in proc.stdout, f"the README script did not print the sample:\n{proc.stdout}"
