"""The scientific results as served match their components in the served schema (/api/v1/schema/),
so a generated client's types are the truth. Real analyses of every kind are run (the demo data:
ELISA on a two-plate SoftMax export, a reporter bioassay with relative potency, a T-cell time course
with QCs and a 5PL re-analysis, growth and survival of a simulated tumor study; plus a pooled-curve
ELISA, an ad-hoc fit and a run diff) and every answer is validated with jsonschema. In the result
components an undeclared key is refused too, so a new key in an analysis fails here until declared."""

from __future__ import annotations

import copy

import jsonschema
import pytest
from django.utils.module_loading import import_string

from assays.models import AssayRun, RunResult
from il2portal import registry
from il2portal.api import results
from il2portal.demo import load_demo_data
from il2portal.models import Job
from studies.models import AnalysisResult
from tests.assays.factories import LOGLOG, SOFTMAX, softmax_layout, upload_refdata
from tests.studies.conftest import study, vehicle  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _result_component_names() -> set[str]:
    """The components declared in il2portal/api/results.py (strict: no undeclared keys)."""
    names = set()
    for value in vars(results).values():
        if (
            isinstance(value, type)
            and issubclass(value, results.s.Serializer)
            and value.__module__ == results.__name__
        ):
            if not value.__name__.startswith("_"):
                names.add(value.__name__.removesuffix("Serializer"))
    return names


def _json_schema(node):
    """OpenAPI 3.0 schema objects as JSON Schema: ``nullable`` becomes ``anyOf [..., null]``."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        key: (
            _json_schema(value)
            if key not in ("properties",)
            else {k: _json_schema(v) for k, v in value.items()}
        )
        for key, value in node.items()
        if key not in ("nullable", "readOnly", "writeOnly", "example", "discriminator")
    }
    if node.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture
def served(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    strict = _result_component_names()
    components = {}
    for name, component in schema["components"]["schemas"].items():
        converted = _json_schema(copy.deepcopy(component))
        if name in strict and "properties" in converted:
            converted.setdefault("additionalProperties", False)
        components[name] = converted
    document = {"components": {"schemas": components}}
    resolver = jsonschema.RefResolver.from_schema(document)

    def check(instance, component: str, where: str):
        validator = jsonschema.Draft7Validator(
            {"$ref": f"#/components/schemas/{component}"}, resolver=resolver
        )
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        assert not errors, f"{where} does not match {component}: " + "; ".join(
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errors[:5]
        )

    check.strict = strict
    check.schema = schema
    return check


@pytest.fixture
def analysed(api, lab, user):
    """Every kind of analysis, run for real (in-process jobs)."""
    load_demo_data(lab=lab, user=user)
    plates = upload_refdata(api, SOFTMAX)
    layout = softmax_layout(api, name="pooled")
    pooled = api.post(
        "/api/v1/runs/",
        {
            "kind": "elisa",
            "plates": plates,
            "layout": layout,
            "settings": {**LOGLOG, "standard_curve": "pooled"},
        },
        format="json",
    )
    assert pooled.status_code == 202
    fit = api.post(
        "/api/v1/fits/",
        {
            "model": "5PL",
            "points": [
                {"x": x, "y": 100 / (1 + (x / 3.0) ** 1.2) ** 0.7} for x in (0.1, 0.3, 1, 3, 10, 30, 100, 300)
            ],
            "unknowns": [50, 1e6, -5],
        },
        format="json",
    )
    assert fit.json()["status"] == "succeeded", fit.json()
    for run in AssayRun.objects.filter(lab=lab):
        reanalysed = api.post(
            f"/api/v1/runs/{run.pk}/reanalyze/",
            {"excluded_wells": ["B4", "A1"], "reason": "drift check"},
            format="json",
        )
        assert reanalysed.status_code == 202
    from studies import live
    from studies.models import Study
    from studies.selectors import load_study_data

    live.summaries(load_study_data(Study.objects.filter(lab=lab).first()), user=user)  # a refresh job
    return lab


def test_it_serves_every_kind_of_result_as_its_component_declares(api, analysed, served):
    runs = AssayRun.objects.filter(lab=analysed)
    kinds = {
        "elisa": runs.filter(kind="elisa", series="").exists(),
        "bioassay": runs.filter(kind="bioassay").exists(),
        "time course": runs.exclude(series="").count() >= 4,
        "pooled curve": RunResult.objects.filter(run__in=runs, settings__standard_curve="pooled").exists(),
        "5PL": RunResult.objects.filter(run__in=runs, settings__model="5PL").exists(),
        "QC levels": any(v.result.get("qcs") for v in RunResult.objects.filter(run__in=runs) if v.result),
        "potency": any(v.result.get("potency") for v in RunResult.objects.filter(run__in=runs) if v.result),
        "growth": AnalysisResult.objects.filter(kind="growth").exists(),
        "survival": AnalysisResult.objects.filter(kind="survival").exists(),
    }
    assert all(kinds.values()), kinds
    checked = set()
    for run in runs:
        body = api.get(f"/api/v1/runs/{run.pk}/").json()
        assert body["result"] is not None, body
        served(body["result"], "RunAnalysisResult", f"run {run.name!r} result")
        served(body, "Run", f"run {run.name!r}")
        for version in api.get(f"/api/v1/runs/{run.pk}/versions/").json():
            served(version, "RunVersion", f"run {run.name!r} version {version['version']}")
        diff = api.get(f"/api/v1/runs/{run.pk}/diff/?from=1&to=2").json()
        served(diff, "RunDiff", f"diff of run {run.name!r}")
        checked.add("run")
    jobs = api.get("/api/v1/jobs/?page_size=200").json()["results"]
    assert {job["kind"] for job in jobs} >= {
        *("fit", "run_analysis", "study_growth", "study_survival", "study_live_refresh")
    }
    for item in jobs:
        assert item["status"] == "succeeded", item
        assert "result" not in item  # a list carries no results; each job's url does
        served(item, "JobListItem", f"{item['kind']} job {item['id']} in the list")
        job = api.get(item["url"]).json()
        served(job, "Job", f"{job['kind']} job {job['id']}")
        component = _job_result_components()[job["kind"]]
        served(job["result"], component, f"{job['kind']} job result")
    for analysis in api.get("/api/v1/analyses/").json()["results"]:
        served(analysis, "AnalysisResult", f"{analysis['kind']} analysis")
        served(
            analysis["result"],
            results.STUDY_ANALYSIS_COMPONENTS[analysis["kind"]],
            f"{analysis['kind']} analysis result",
        )
        checked.add(analysis["kind"])
    assert checked >= {"run", "growth", "survival", "synergy", "exposure"}


def test_it_declares_the_numbers_a_client_needs(served):
    c = served.schema["components"]["schemas"]
    fit = c["CurveFit"]["properties"]
    assert {"parameters", "standard_errors", "ec50_ci95", "sy_x", "unknowns"} <= set(
        c["CurveFit"]["required"]
    )
    assert c["CurveParameters"]["properties"]["ec50"]["nullable"] is True
    assert fit["ec50_ci95"]["maxItems"] == fit["ec50_ci95"]["minItems"] == 2
    run = c["RunAnalysisResult"]["properties"]
    assert {"curve", "standards", "samples", "qc", "potency", "curves", "qcs", "model_selection"} <= set(run)
    assert set(c["PotencyEstimate"]["properties"]) >= {"relative_potency", "ci95", "similar", "withheld"}
    survival = c["SurvivalAnalysis"]["properties"]
    assert {"groups", "logrank", "pairwise", "hazard_ratios", "curves", "cox_tests"} <= set(survival)
    assert c["SurvivalGroup"]["properties"]["median_days"]["nullable"] is True
    growth = c["GrowthAnalysis"]["properties"]
    assert {"groups", "tgi", "animals", "mixed_model", "statistics"} <= set(growth)
    job_result = c["Job"]["properties"]["result"]
    assert job_result["nullable"] is True and job_result["allOf"][0]["$ref"].endswith("/JobResult")
    assert {ref["$ref"].rsplit("/", 1)[1] for ref in c["JobResult"]["oneOf"]} == {
        "CurveFit", "RunAnalysisJobResult", "GrowthAnalysisJobResult", "SurvivalAnalysisJobResult",
        "DashboardRefreshJobResult", "SynergyAnalysisJobResult", "ExposureAnalysisJobResult",
        "ImmuneAnalysisJobResult", "FlowFcsJobResult",
    }  # fmt: skip


def test_the_check_refuses_a_result_that_drifted(analysed, served):
    """The validation above would notice: an undeclared key, a missing one, a wrong type."""
    stored = RunResult.objects.filter(run__lab=analysed, result__isnull=False).first().result
    served(stored, "RunAnalysisResult", "stored result")
    for broken in (
        {**stored, "new_key": 1},
        {k: v for k, v in stored.items() if k != "qc"},
        {**stored, "standards": [{**stored["standards"][0], "cv_pct": "12 %"}]},
    ):
        with pytest.raises(AssertionError, match="does not match RunAnalysisResult"):
            served(broken, "RunAnalysisResult", "broken result")
    growth = AnalysisResult.objects.filter(kind="growth").first().result
    with pytest.raises(AssertionError):
        served({**growth, "tgi": [{**growth["tgi"][0], "tgi_pct_new": 3}]}, "GrowthAnalysis", "broken growth")
    assert Job.objects.filter(kind="study_growth").exists()


def test_degenerate_analyses_are_served_as_declared_too(api, study, served):  # noqa: F811
    """The null paths: one measurement day (no growth rate, no mixed model, no TGI), nobody dead
    (medians not reached, no hazard ratio), a curve without a plateau."""
    rows = [
        {"animal": tag, "date": "2025-03-10", "length_mm": 8.0 + i, "width_mm": 6.0, "weight_g": 20.0}
        for i, tag in enumerate(["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"])
    ]
    assert api.post(f"{study['url']}measurements/", rows, format="json").status_code == 201
    for kind in ("growth", "survival"):
        job = api.post(f"{study['url']}analyses/", {"kind": kind}, format="json").json()
        assert job["status"] == "succeeded", job
        served(job, "Job", f"degenerate {kind} job")
        served(job["result"], f"{kind.capitalize()}AnalysisJobResult", f"degenerate {kind} result")
        if kind == "growth":
            assert job["result"]["mixed_model"]["available"] is False
        else:
            assert all(g["median_days"] is None for g in job["result"]["groups"])
    rising = [{"x": x, "y": 10.0 * x} for x in (1, 2, 4, 8, 16, 32)]
    fit = api.post("/api/v1/fits/", {"model": "4PL", "points": rising, "unknowns": [5]}, format="json").json()
    served(fit, "Job", "no-plateau fit")
    assert fit["status"] == "succeeded" and fit["result"]["parameters"]["top"] is None, fit
    served(fit["result"], "CurveFit", "no-plateau fit result")


def _job_result_components() -> dict[str, str]:
    """The component of each registered job kind's result (``register_job_kind(..., result=)``)."""
    return {
        kind.name: import_string(kind.result).__name__.removesuffix("Serializer")
        for kind in registry.job_kinds().values()
        if kind.result
    }


def test_every_job_kind_and_analysis_kind_has_a_declared_result(served):
    """A new kind of job or study analysis fails here until its result is declared."""
    from studies.models import AnalysisResult as Stored

    kinds = {kind for kind in registry.job_kinds() if not kind.startswith("test_")}
    components = _job_result_components()
    assert kinds == set(components)
    assert set(components.values()) <= _result_component_names()
    assert set(Stored.Kind.values) == set(results.STUDY_ANALYSIS_COMPONENTS)
    union = served.schema["components"]["schemas"]["JobResult"]["oneOf"]
    assert {ref["$ref"].rsplit("/", 1)[1] for ref in union} == set(components.values())
