"""FCS files + gates → population counts (FlowKit), on the demo's simulated files: the counts are the
simulation's own assignments, the GatingML and the FlowJo workspace give the same counts, so does the
FlowJo statistics table the demo writes, and every bad input is refused with its reason."""

import csv
import io
import re

import pytest

from studies.analysis import fcs
from studies.analysis.flow_demo import DEMO_SAMPLES, PATHS, Fractions, make_demo

N_EVENTS = 2000


@pytest.fixture(scope="module")
def demo():
    return make_demo(n_events=N_EVENTS, seed=14)


def _table_counts(table: bytes) -> dict[str, dict[str, int]]:
    """The FlowJo table read back: rows of samples (not Mean/SD), "<path> | Count" columns."""
    rows = list(csv.reader(io.StringIO(table.decode())))
    header = rows[0]
    assert header[0] == ""
    paths = [h.removesuffix(" | Count") for h in header[1:]]
    return {
        r[0]: dict(zip(paths, map(int, r[1:]), strict=True)) for r in rows[1:] if r[0] not in ("Mean", "SD")
    }


def test_the_demo_gates_give_the_simulated_assignments(demo):
    assert set(demo.fcs) == set(DEMO_SAMPLES)
    for name in DEMO_SAMPLES:
        assert set(demo.computed[name]) == set(PATHS.values())
        assert demo.computed[name] == demo.drawn[name], name
        assert demo.drawn[name]["Live"] > 0.7 * N_EVENTS
        assert demo.drawn[name]["Live/CD45+/CD3+/CD4+/CD25+FoxP3+"] > 0
    # the mutein-like samples have the higher CD8/Treg ratio
    ratio = {
        n: c["Live/CD45+/CD3+/CD8+"] / c["Live/CD45+/CD3+/CD4+/CD25+FoxP3+"] for n, c in demo.computed.items()
    }
    assert min(ratio["M11_tumor_d21.fcs"], ratio["M12_tumor_d21.fcs"]) > max(
        ratio["M01_tumor_d21.fcs"], ratio["M02_tumor_d21.fcs"]
    )


def test_the_workspace_gives_the_gatingml_counts_and_matches_its_stored_counts(demo):
    analysis = fcs.analyse(demo.fcs, demo.workspace, "wsp")
    assert analysis.counts == demo.computed
    assert analysis.workspace_samples_without_file == [] and analysis.files_without_gating == []
    assert (
        fcs.workspace_stored_counts(demo.workspace)["M11_tumor_d21.fcs"] == demo.computed["M11_tumor_d21.fcs"]
    )
    assert fcs.compare_with_workspace(demo.fcs, demo.workspace, analysis=analysis) == []


def test_a_stored_count_that_differs_is_reported(demo):
    stored = demo.computed["M01_tumor_d21.fcs"]["Live/CD45+/CD3+/CD8+"]
    wsp = demo.workspace.decode()
    # the M01 tumor sample's CD8+ population (the workspace lists samples in the files' order)
    start = wsp.index('name="M01_tumor_d21.fcs"')
    cd8 = wsp.index('name="CD8+"', start)
    tampered = wsp[:cd8] + re.sub(r'count="\d+"', f'count="{stored + 7}"', wsp[cd8:], count=1)
    diffs = fcs.compare_with_workspace(demo.fcs, tampered.encode())
    assert diffs == [fcs.CountDifference("M01_tumor_d21.fcs", "Live/CD45+/CD3+/CD8+", stored, stored + 7)]
    assert fcs.compare_with_workspace(demo.fcs, tampered.encode(), tolerance=10) == []


def test_the_flowjo_table_and_the_fcs_path_give_the_same_counts(demo):
    table = _table_counts(demo.statistics_csv)
    assert table == fcs.population_counts(demo.fcs, demo.gatingml, "gatingml")
    assert table == fcs.population_counts(demo.fcs, demo.workspace, "wsp")


def test_the_gates_need_the_compensation(demo):
    """CD8⁺ T cells spill 15% of their CD8 into CD4: uncompensated they sit in neither CD4⁺ nor CD8⁺."""
    uncompensated = re.sub(rb'compensation-ref="[^"]+"', b'compensation-ref="uncompensated"', demo.gatingml)
    counts = fcs.population_counts(demo.fcs, uncompensated, "gatingml")
    name = "M11_tumor_d21.fcs"
    assert counts[name]["Live/CD45+/CD3+/CD8+"] < demo.computed[name]["Live/CD45+/CD3+/CD8+"] // 2


def test_read_fcs_reads_the_header_text_and_events(demo):
    sample = fcs.read_fcs(demo.fcs["M01_tumor_d21.fcs"])
    assert sample.id == "M01_tumor_d21.fcs"  # from $FIL
    assert sample.event_count == N_EVENTS
    assert sample.pnn_labels[:3] == ["FSC-A", "SSC-A", "CD45"] and "Live/Dead" in sample.pnn_labels
    check = fcs.check_fcs(demo.fcs["M01_tumor_d21.fcs"])
    assert (check.version, check.n_channels, check.n_events) == ("3.1", 11, N_EVENTS)
    assert check.text["$SPILLOVER"].startswith("9,CD45,CD3,")


def test_workspace_samples_are_matched_by_stem_or_fil(demo):
    files = {"m01_TUMOR_d21": demo.fcs["M01_tumor_d21.fcs"], "upload-2.fcs": demo.fcs["M11_tumor_d21.fcs"]}
    analysis = fcs.analyse(files, demo.workspace, "wsp")
    assert set(analysis.counts) == {"m01_TUMOR_d21", "upload-2.fcs"}  # the second by its $FIL
    assert analysis.counts["upload-2.fcs"] == demo.computed["M11_tumor_d21.fcs"]
    assert len(analysis.workspace_samples_without_file) == 4


# ------------------------------------------------------------------------- refusals


def _refusal(data: bytes, **caps) -> str:
    with pytest.raises(ValueError) as info:
        fcs.read_fcs(data, **caps)
    return str(info.value)


def test_bytes_that_are_not_fcs_are_refused():
    assert "not an FCS file" in _refusal(b"PK\x03\x04" + b"\0" * 200)
    assert "not an FCS file" in _refusal(b"FCS")


def test_another_fcs_version_is_refused(demo):
    data = demo.fcs["M01_tumor_d21.fcs"]
    assert "only FCS 3.0 and 3.1" in _refusal(b"FCS2.0" + data[6:])


def test_a_broken_text_segment_is_refused(demo):
    data = demo.fcs["M01_tumor_d21.fcs"]
    check = fcs.check_fcs(data)
    start, stop = int(data[10:18]), int(data[18:26])
    text = data[start : stop + 1]
    # the closing delimiter overwritten
    assert "does not end with its delimiter" in _refusal(data[:stop] + b" " + data[stop + 1 :])
    # a keyword whose value is gone: $PAR's value made a keyword of its own
    broken = text.replace(b"/$PAR/11/", b"/$PAR/11//", 1)[: len(text)]
    assert "TEXT" in _refusal(data[:start] + broken + data[stop + 1 :])
    # $TOT not a number
    bad_tot = text.replace(f"/$TOT/{check.n_events}/".encode(), b"/$TOT/2k00/", 1)
    assert "$TOT is not a whole number" in _refusal(data[:start] + bad_tot + data[stop + 1 :])
    # a missing channel keyword
    no_pnn = text.replace(b"/$P3N/CD45/", b"/$X3N/CD45/", 1)
    assert "$P3N" in _refusal(data[:start] + no_pnn + data[stop + 1 :])


def test_a_truncated_file_is_refused(demo):
    data = demo.fcs["M01_tumor_d21.fcs"]
    message = _refusal(data[:-1000])
    assert message.startswith("truncated: the DATA segment should end at byte")
    assert "truncated" in _refusal(data[:300])  # inside the TEXT


def test_the_caps_on_size_and_events(demo):
    data = demo.fcs["M01_tumor_d21.fcs"]
    assert "over the limit of 1,000" in _refusal(data, max_events=1000)
    assert "over the limit of 10,000" in _refusal(data, max_bytes=10_000)
    with pytest.raises(ValueError, match=r"^M01_tumor_d21.fcs: the file holds 2,000 events"):
        fcs.population_counts(demo.fcs, demo.gatingml, "gatingml", max_events=1500)


def test_a_workspace_whose_samples_match_no_file_is_refused(demo):
    files = {"spleen_A.fcs": make_demo({"x": Fractions()}, n_events=200).fcs["x"]}
    with pytest.raises(ValueError) as info:
        fcs.population_counts(files, demo.workspace, "wsp")
    message = str(info.value)
    assert message.startswith("the workspace's sample names match no file: it has ")
    assert '"M01_tumor_d21.fcs"' in message and '"spleen_A.fcs"' in message


def test_gating_files_that_are_not_gating_are_refused(demo):
    with pytest.raises(ValueError, match="not XML"):
        fcs.population_counts(demo.fcs, b"%PDF-1.4", "wsp")
    with pytest.raises(ValueError, match="DOCTYPE"):
        fcs.population_counts(demo.fcs, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', "wsp")
    with pytest.raises(ValueError, match="not a FlowJo workspace"):
        fcs.population_counts(demo.fcs, demo.gatingml, "wsp")
    with pytest.raises(ValueError, match="GatingML file could not be read"):
        fcs.population_counts(demo.fcs, b"<Workspace/>", "gatingml")
    with pytest.raises(ValueError, match="unknown gating kind"):
        fcs.population_counts(demo.fcs, demo.gatingml, "cytobank")
