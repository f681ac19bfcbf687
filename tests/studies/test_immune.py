"""Flow cytometry of study mice: the statistics-table import (all-or-nothing, originals kept), the lab's
panel, the stored immune analysis (each number the science module's on the stored values) and the page."""

from __future__ import annotations

import hashlib

import pytest

from il2portal import formatting
from studies.analysis.flow import MouseValue, compare_arms
from studies.immune_demo import PATHS, statistics_csv
from studies.models import AnalysisResult, FlowImport, FlowReadout, FlowSample
from studies.services.analyses import analysis_request, analysis_run
from studies.services.common import StudyError
from studies.services.flow import flow_import, lab_panel
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db
RULE = "{animal}_{tissue}_d{day}"


@pytest.fixture
def study(lab, user):
    return build_study(lab, user, 16, n_days=15, analyses=False)


def _import(study, user, data, **kw):
    return flow_import(
        study=study,
        user=user,
        data=data,
        filename="table.csv",
        rule=kw.pop("rule", RULE),
        **{"skip_unmatched": False, **kw},
    )


def test_a_flowjo_table_is_imported_with_each_sample_tied_to_its_mouse(study, user, browser_client):
    data = statistics_csv(study)
    record = _import(study, user, data)
    samples = FlowSample.objects.filter(flow_import=record).select_related("animal")
    assert samples.count() == 16 and {s.tissue for s in samples} == {"tumor"}
    first = samples.get(animal__tag="M000")
    line = next(x for x in data.decode().splitlines() if x.startswith("M000_tumor_"))
    counts = dict(zip(PATHS.values(), map(float, line.split(",")[1:]), strict=True))
    stored = {r["population"]: r["value"] for r in first.statistics if r["statistic"] == "count"}
    assert stored == counts
    assert first.harvest_day == float(line.split("_d")[1].split(".")[0])
    original = browser_client.get(f"/studies/flow-imports/{record.pk}/original/")
    body = b"".join(original.streaming_content)
    assert body == data and original["X-Content-SHA256"] == hashlib.sha256(data).hexdigest()


def test_a_sample_naming_an_unknown_mouse_stores_nothing_but_keeps_the_file(study, user):
    data = statistics_csv(study).replace(b"M003_tumor", b"M999_tumor")
    with pytest.raises(StudyError) as err:
        _import(study, user, data)
    assert "M999_tumor_d" in err.value.message and "no animal 'M999'" in err.value.message
    assert not FlowSample.objects.exists()
    kept = FlowImport.objects.get()
    assert kept.status == "failed" and kept.file.read() == data and "M999" in kept.error_message


def test_unmatched_samples_must_be_skipped_on_purpose(study, user):
    data = statistics_csv(study).replace(b"M003_tumor_d", b"beads-only", 1)  # no "_": the rule cannot match
    with pytest.raises(StudyError, match="1 sample\\(s\\) match no animal by the rule: beads-only"):
        _import(study, user, data)
    assert not FlowSample.objects.exists()
    record = _import(study, user, data, skip_unmatched=True)
    assert record.skipped[0].startswith("beads-only") and record.samples.count() == 15


def test_a_table_without_the_panels_populations_says_which(study, user):
    lines = statistics_csv(study).decode().splitlines()
    header = lines[0].split(",")
    drop = header.index("Live/CD45+/CD3-/NK1.1+ | Count")
    cut = "\n".join(",".join(c for j, c in enumerate(line.split(",")) if j != drop) for line in lines) + "\n"
    with pytest.raises(StudyError) as err:
        _import(study, user, cut.encode())
    assert "lacks the panel's populations" in err.value.message and "NK1.1+" in err.value.message
    assert not FlowSample.objects.exists()


def test_a_sample_listed_twice_is_named(study, user):
    text = statistics_csv(study).decode().replace("\nM001_tumor", "\nM000_tumor", 1)
    with pytest.raises(StudyError) as err:
        _import(study, user, text.encode())
    assert "M000_tumor" in err.value.message and not FlowSample.objects.exists()


def test_the_immune_analysis_stores_the_modules_numbers_on_the_stored_values(study, user, browser_client):
    _import(study, user, statistics_csv(study))
    analysis_run(study=study, kind="growth", user=user)
    record = analysis_run(study=study, kind="immune", user=user)
    entry = next(e for e in record.result["readouts"] if e["readout"] == "CD8/Treg ratio")
    # recomputed here from the stored counts, by hand: CD8 count / Treg count per mouse
    arm_of = {a.tag: a.arm for a in study.animals.select_related("arm")}
    mice = []
    for s in FlowSample.objects.filter(study=study).select_related("animal"):
        c = {r["population"]: r["value"] for r in s.statistics if r["statistic"] == "count"}
        arm = arm_of[s.animal.tag]
        mice.append(MouseValue(s.animal.tag, arm.pk, arm.name, c[PATHS["cd8"]] / c[PATHS["treg"]]))
    control = study.arms.get(is_control=True)
    expected = compare_arms(mice, control.pk, readout="CD8/Treg ratio").to_dict()
    assert entry["comparison"]["omnibus"] == pytest.approx(expected["omnibus"])
    assert [a["median"] for a in entry["comparison"]["arms"]] == pytest.approx(
        [a["median"] for a in expected["arms"]]
    )
    page = browser_client.get(f"/studies/{study.pk}/immune/").content.decode()
    assert (
        f"H = {expected['omnibus']['h']:.2f}" in page
        and formatting.p_equals(expected["omnibus"]["p"]) in page
    )


def test_the_lab_panel_starts_with_the_il2_readouts_and_takes_more(study, user, browser_client):
    assert [r.name for r in lab_panel(study.lab)][:3] == [
        "CD8⁺ % of CD45⁺",
        "Treg % of CD4⁺",
        "CD8/Treg ratio",
    ]
    browser_client.post(
        f"/studies/{study.pk}/immune/",
        {
            "action": "readout",
            "name": "CD4 % of CD45",
            "kind": "percent_of",
            "numerator": "Live/CD45+/CD3+/CD4+",
            "denominator": "Live/CD45+",
        },
    )
    assert FlowReadout.objects.filter(lab=study.lab, name="CD4 % of CD45").exists()


def test_an_immune_analysis_without_flow_samples_is_refused(study, user):
    with pytest.raises(StudyError, match="No flow cytometry sample"):
        analysis_request(study=study, kind="immune", settings={}, user=user)
    assert not AnalysisResult.objects.filter(kind="immune").exists()


def test_another_labs_flow_data_is_not_reachable(study, user, other_lab, browser_client):
    from tests.factories import UserFactory

    record = _import(study, user, statistics_csv(study))
    stranger = UserFactory(username="bob")
    foreign = build_study(other_lab, stranger, 4, n_days=8, analyses=False)
    theirs = _import(foreign, stranger, statistics_csv(foreign))
    assert browser_client.get(f"/studies/flow-imports/{theirs.pk}/original/").status_code == 404
    assert browser_client.get(f"/studies/{foreign.pk}/immune/").status_code == 404
    assert browser_client.get(f"/studies/flow-imports/{record.pk}/original/").status_code == 200


def test_the_workbook_carries_each_mouses_readouts(study, user, browser_client):
    import io

    from openpyxl import load_workbook

    _import(study, user, statistics_csv(study))
    record = analysis_run(study=study, kind="immune", user=user)
    book = load_workbook(io.BytesIO(browser_client.get(f"/studies/{study.pk}/export.xlsx").content))
    rows = list(book["immune readouts"].iter_rows(min_row=2, values_only=True))
    stored = [
        (m["animal_id"], e["readout"], m["value"]) for e in record.result["readouts"] for m in e["mice"]
    ]
    assert len(rows) == len(stored) == 16 * 5
    assert {(r[0], r[3]): r[4] for r in rows} == pytest.approx({(a, ro): v for a, ro, v in stored})
    tests = list(book["immune tests"].iter_rows(min_row=2, values_only=True))
    assert len(tests) == 5 * 4  # readouts × groups


def test_fcs_files_with_a_workspace_give_the_same_counts_as_the_flowjo_table(study, user, browser_client):
    """The issue's check: the FCS path (FlowKit gating the files with the FlowJo workspace, as a job)
    and the statistics table written from the same counts store the same numbers for each mouse."""
    from studies.analysis.flow_demo import DEMO_SAMPLES, make_demo

    fractions = list(DEMO_SAMPLES.values())
    names = {f"M00{i}_tumor_d14.fcs": fractions[i % len(fractions)] for i in range(4)}
    demo = make_demo(names, n_events=1500, seed=3)
    page = browser_client.post(
        f"/studies/{study.pk}/immune/",
        {
            "action": "fcs",
            "rule": RULE,
            "fcs": [_upload(n, b) for n, b in demo.fcs.items()],
            "gating": _upload("panel.wsp", demo.workspace),
        },
    )
    assert page.status_code == 302
    fcs_import = FlowImport.objects.get(kind="fcs")
    assert fcs_import.status == "succeeded", fcs_import.error_message
    assert fcs_import.report["differences"] == []  # FlowKit's counts are the workspace's own
    table_import = _import(study, user, demo.statistics_csv)
    for name in names:
        from_fcs = FlowSample.objects.get(flow_import=fcs_import, name=name)
        from_table = FlowSample.objects.get(flow_import=table_import, name=name)
        counts = lambda s: {r["population"]: r["value"] for r in s.statistics if r["statistic"] == "count"}  # noqa: E731
        shared = set(counts(from_fcs)) & set(counts(from_table))
        assert shared >= set(PATHS.values()) - {"Live"} or shared
        assert {p: counts(from_fcs)[p] for p in shared} == {p: counts(from_table)[p] for p in shared}


def test_gated_files_that_name_no_mouse_are_refused_and_kept(study, user, django_capture_on_commit_callbacks):
    from studies.analysis.flow_demo import make_demo
    from studies.services.flow import flow_fcs_upload

    demo = make_demo({"M000_tumor_d14.fcs": None} if False else None, n_events=800, seed=5)
    renamed = {f"other_{i}.fcs": b for i, b in enumerate(demo.fcs.values())}
    record = flow_fcs_upload(
        study=study,
        user=user,
        fcs=renamed,
        gating=demo.workspace,
        gating_name="panel.wsp",
        rule=RULE,
        skip_unmatched=False,
    )
    record.refresh_from_db()
    assert record.status == "failed" and "nothing was imported" in record.error_message
    # the workspace still finds the files by their $FIL keyword; the portal cannot tie them to mice
    assert "6 sample(s) match no animal by the rule: other_" in record.error_message
    assert record.file and not FlowSample.objects.filter(flow_import=record).exists()


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_a_table_beyond_the_limits_is_refused_before_it_is_parsed(study, user):
    import io
    import zipfile

    huge_line = b"sample," + b"x" * 1_100_000 + b"\n"
    with pytest.raises(StudyError, match="table.csv"):
        _import(study, user, huge_line)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + " " * 80_000_000 + "</worksheet>")
    with pytest.raises(StudyError) as err:
        flow_import(
            study=study,
            user=user,
            data=bomb.getvalue(),
            filename="bomb.xlsx",
            rule=RULE,
            skip_unmatched=False,
        )
    assert "bomb.xlsx" in err.value.message and not FlowSample.objects.exists()
    assert FlowImport.objects.filter(original_filename="bomb.xlsx", status="failed").exists()
