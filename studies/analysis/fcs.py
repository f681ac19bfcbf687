"""Raw flow cytometry: FCS 3.0/3.1 files and a gating (a FlowJo 10 workspace or a GatingML 2.0 file) →
each sample's population counts, computed with FlowKit (which applies the compensation and transforms
that the workspace or GatingML file names), and the populations whose computed counts differ from the
counts FlowJo stored in the workspace.

Population paths are the gate names from the first gate down, joined by "/" ("Live/CD45+/CD3+/CD8+"), as
FlowJo's statistics table names them. Every refusal is a ValueError whose message says what is wrong in
words; nothing is half-read. FlowKit is imported inside the functions (it pulls in pandas, bokeh and
pyarrow: seconds of import time that a process importing this module for its constants should not pay).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from defusedxml import ElementTree as SafeET

if TYPE_CHECKING:  # pragma: no cover
    import flowkit

MAX_BYTES = 200 * 1024 * 1024  # one FCS file
MAX_EVENTS = 3_000_000  # events in one FCS file
MAX_GATING_BYTES = 20 * 1024 * 1024  # a .wsp or GatingML file
VERSIONS = ("3.0", "3.1")
_HEADER_LEN = 58
# keywords every FCS 3.0/3.1 data set needs before its DATA segment can be read
_REQUIRED = ("$BYTEORD", "$DATATYPE", "$PAR", "$TOT")
_REQUIRED_PER_CHANNEL = ("B", "N", "R")


# ---------------------------------------------------------------- reading one FCS file


def _header_int(data: bytes, start: int, stop: int, what: str) -> int:
    raw = data[start:stop].decode("ascii", "replace").strip()
    if raw == "":
        return 0
    if not raw.isdigit():
        raise ValueError(f"the HEADER's {what} offset is not a number ({raw!r})")
    return int(raw)


def parse_text_segment(raw: bytes) -> dict[str, str]:
    """The TEXT segment's keyword/value pairs, keywords upper-cased. The first byte is the delimiter, a
    doubled delimiter stands for the character itself, and the segment ends with the delimiter."""
    if len(raw) < 2:
        raise ValueError("the TEXT segment is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    delim = text[0]
    if delim.isalnum() or delim in "\r\n":
        raise ValueError(f"the TEXT segment's delimiter is {delim!r}, which the FCS standard does not allow")
    body = text[1:]
    if not body.endswith(delim):
        raise ValueError("the TEXT segment does not end with its delimiter (cut short or overwritten)")
    parts: list[str] = []
    current: list[str] = []
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if ch == delim:
            if i + 1 < n and body[i + 1] == delim:
                current.append(delim)
                i += 2
                continue
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    if current:
        raise ValueError("the TEXT segment does not end with its delimiter (cut short or overwritten)")
    if len(parts) % 2:
        raise ValueError(
            f"the TEXT segment has an odd number of fields ({len(parts)}): a keyword without a value"
        )
    pairs: dict[str, str] = {}
    for key, value in zip(parts[::2], parts[1::2], strict=True):
        if not key.strip():
            raise ValueError("the TEXT segment has an empty keyword")
        pairs[key.strip().upper()] = value
    return pairs


def _int_keyword(text: dict[str, str], key: str) -> int:
    raw = text.get(key, "").strip()
    if not re.fullmatch(r"\d+", raw):
        raise ValueError(f"the TEXT keyword {key} is not a whole number ({raw!r})")
    return int(raw)


@dataclass(frozen=True)
class FcsCheck:
    """What the HEADER and TEXT of an FCS file say, checked against the file's length."""

    version: str
    text: dict[str, str]
    n_channels: int
    n_events: int
    data_start: int
    data_stop: int


def check_fcs(data: bytes, *, max_bytes: int = MAX_BYTES, max_events: int = MAX_EVENTS) -> FcsCheck:
    """Checks the HEADER, the TEXT segment and the DATA segment's extent (nothing is decoded yet)."""
    if len(data) > max_bytes:
        raise ValueError(f"the file has {len(data):,} bytes, over the limit of {max_bytes:,}")
    if len(data) < _HEADER_LEN or not data.startswith(b"FCS"):
        raise ValueError("not an FCS file: it does not begin with the FCS HEADER ('FCS3.1', 'FCS3.0')")
    version = data[3:6].decode("ascii", "replace")
    if version not in VERSIONS:
        raise ValueError(f"FCS version {version!r}: only FCS 3.0 and 3.1 files are read")
    if data[6:10] != b"    ":
        raise ValueError("not an FCS file: the HEADER's version is not followed by four spaces")
    text_start = _header_int(data, 10, 18, "TEXT start")
    text_stop = _header_int(data, 18, 26, "TEXT end")
    if not (_HEADER_LEN <= text_start < text_stop):
        raise ValueError(
            f"the HEADER gives the TEXT segment as bytes {text_start}–{text_stop}, which is not a range"
        )
    if text_stop >= len(data):
        raise ValueError(
            f"truncated: the TEXT segment should end at byte {text_stop} but the file has {len(data)} bytes"
        )
    text = parse_text_segment(data[text_start : text_stop + 1])
    missing = [k for k in _REQUIRED if k not in text]
    if missing:
        raise ValueError(f"the TEXT segment lacks the required keyword(s) {', '.join(missing)}")
    n_channels = _int_keyword(text, "$PAR")
    n_events = _int_keyword(text, "$TOT")
    if n_channels < 1:
        raise ValueError("the TEXT segment says the file has no channels ($PAR is 0)")
    missing = [
        f"$P{i}{s}"
        for i in range(1, n_channels + 1)
        for s in _REQUIRED_PER_CHANNEL
        if f"$P{i}{s}" not in text
    ]
    if missing:
        shown = ", ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
        raise ValueError(f"the TEXT segment lacks channel keyword(s) {shown}")
    if n_events > max_events:
        raise ValueError(f"the file holds {n_events:,} events, over the limit of {max_events:,}")
    datatype = text["$DATATYPE"].strip().upper()
    if datatype not in ("I", "F", "D"):
        raise ValueError(f"$DATATYPE {datatype!r} is not read (only I, F and D; ASCII data is not)")
    if text.get("$MODE", "L").strip().upper() != "L":
        raise ValueError("only list-mode data ($MODE L) is read")
    nextdata = text.get("$NEXTDATA", "0").strip() or "0"
    if nextdata not in ("0",) and nextdata.strip("0"):
        raise ValueError("the file holds more than one data set ($NEXTDATA is set); export one per file")
    # DATA offsets: the TEXT keywords (needed past 99,999,999 bytes), else the HEADER's
    if "$BEGINDATA" in text and "$ENDDATA" in text:
        data_start, data_stop = _int_keyword(text, "$BEGINDATA"), _int_keyword(text, "$ENDDATA")
    else:
        data_start, data_stop = _header_int(data, 26, 34, "DATA start"), _header_int(data, 34, 42, "DATA end")
    bits = []
    for i in range(1, n_channels + 1):
        raw = text[f"$P{i}B"].strip()
        if datatype == "F":
            bits.append(32)
        elif datatype == "D":
            bits.append(64)
        elif raw.isdigit() and int(raw) % 8 == 0 and int(raw) > 0:
            bits.append(int(raw))
        else:
            raise ValueError(f"$P{i}B is {raw!r}: only whole bytes per value are read")
    needed = n_events * sum(bits) // 8
    if n_events and data_start < text_stop:
        raise ValueError(f"the DATA segment is said to start at byte {data_start}, inside the HEADER or TEXT")
    if n_events and data_stop >= len(data):
        raise ValueError(
            f"truncated: the DATA segment should end at byte {data_stop:,} but the file has {len(data):,} bytes"
        )
    if data_stop - data_start + 1 < needed:
        raise ValueError(
            f"truncated: the DATA segment has {data_stop - data_start + 1:,} bytes, fewer than the {needed:,} "
            f"that {n_events:,} events of {n_channels} channels need"
        )
    return FcsCheck(version, text, n_channels, n_events, data_start, data_stop)


def read_fcs(
    data: bytes, *, name: str | None = None, max_bytes: int = MAX_BYTES, max_events: int = MAX_EVENTS
) -> flowkit.Sample:
    """One FCS 3.0/3.1 file as a FlowKit Sample whose id is ``name`` (else its $FIL keyword). Refuses
    (ValueError, the reason in words) bytes that are not FCS, another FCS version, a broken TEXT segment,
    a truncated DATA segment, a file over ``max_bytes`` or with over ``max_events`` events."""
    import flowio
    import flowkit as fk

    check = check_fcs(data, max_bytes=max_bytes, max_events=max_events)
    sample_id = name or check.text.get("$FIL") or "sample.fcs"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            flow_data = flowio.FlowData(io.BytesIO(data), ignore_offset_discrepancy=True)
            sample = fk.Sample(flow_data, sample_id=sample_id)
    except Exception as exc:  # FlowIO and FlowKit raise KeyError, ValueError, their own errors
        raise ValueError(f"the FCS reader could not read it: {exc}") from exc
    if sample.event_count != check.n_events:
        raise ValueError(f"$TOT says {check.n_events} events but {sample.event_count} were read")
    return sample


# ---------------------------------------------------------------- gating


def _check_gating_bytes(gating: bytes, kind: str) -> None:
    if kind not in ("wsp", "gatingml"):
        raise ValueError(f"unknown gating kind {kind!r} (a FlowJo workspace 'wsp' or 'gatingml')")
    if len(gating) > MAX_GATING_BYTES:
        raise ValueError(f"the gating file has {len(gating):,} bytes, over the limit of {MAX_GATING_BYTES:,}")
    head = gating[:4096].lstrip()
    if not head.startswith(b"<"):
        raise ValueError("the gating file is not XML")
    if b"<!DOCTYPE" in gating or b"<!ENTITY" in gating:
        raise ValueError("the gating file declares a DOCTYPE or entities, which are not accepted")


def _workspace_root(gating: bytes):
    try:
        root = SafeET.fromstring(gating)
    except Exception as exc:  # ParseError, DTD/entity refusals
        raise ValueError(f"the workspace is not well-formed XML: {exc}") from exc
    if _local(root.tag) != "Workspace":
        raise ValueError(f"not a FlowJo workspace: the root element is <{_local(root.tag)}>, not <Workspace>")
    return root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_POP_TAGS = ("Population", "AndNode", "OrNode", "NotNode")


def workspace_stored_counts(gating: bytes) -> dict[str, dict[str, int]]:
    """The counts FlowJo stored in a .wsp: {sample name: {population path: count}} from the ``count``
    attributes of the <Population> (and Boolean) nodes; a population without one is left out."""
    _check_gating_bytes(gating, "wsp")
    root = _workspace_root(gating)
    out: dict[str, dict[str, int]] = {}

    def walk(el, prefix: str, into: dict[str, int]) -> None:
        for sub in el:
            if _local(sub.tag) != "Subpopulations":
                continue
            for pop in sub:
                if _local(pop.tag) not in _POP_TAGS:
                    continue
                path = f"{prefix}/{pop.get('name')}" if prefix else str(pop.get("name"))
                count = (pop.get("count") or "").strip()
                if count.isdigit():
                    into[path] = int(count)
                walk(pop, path, into)

    for node in root.iter():
        if _local(node.tag) == "SampleNode":
            counts: dict[str, int] = {}
            walk(node, "", counts)
            out[str(node.get("name"))] = counts
    return out


def workspace_sample_names(gating: bytes) -> list[str]:
    """The sample names (SampleNode names) a FlowJo workspace gates, in its order."""
    _check_gating_bytes(gating, "wsp")
    root = _workspace_root(gating)
    return [str(n.get("name")) for n in root.iter() if _local(n.tag) == "SampleNode"]


def _match_name(wanted: str, samples: dict[str, flowkit.Sample]) -> str | None:
    """The file that a workspace's sample name means: the same file name, the same name without ".fcs"
    (either way, case aside), or the file whose $FIL keyword is that name."""

    def stem(s: str) -> str:
        s = s.strip().lower()
        return s[:-4] if s.endswith(".fcs") else s

    if wanted in samples:
        return wanted
    for key in samples:
        if stem(key) == stem(wanted):
            return key
    for key, sample in samples.items():
        fil = str(sample.get_metadata().get("fil", "")).strip()
        if fil and stem(fil) == stem(wanted):
            return key
    return None


@dataclass
class FlowAnalysis:
    """Population counts per sample, and what could not be matched."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    workspace_samples_without_file: list[str] = field(default_factory=list)
    files_without_gating: list[str] = field(default_factory=list)
    workspace_names: dict[str, str] = field(default_factory=dict)  # file name → workspace sample name


def gatingml_names(gating: bytes) -> dict[str, str]:
    """GatingML gate id → population name, where a gate's <data-type:custom_info> holds a <name> (as
    Cytobank writes it, and the demo): GatingML ids are XML IDs, which cannot be "CD45+"."""
    try:
        root = SafeET.fromstring(gating)
    except Exception as exc:
        raise ValueError(f"the GatingML file is not well-formed XML: {exc}") from exc
    names: dict[str, str] = {}
    for gate in root:
        gate_id = next((v for k, v in gate.attrib.items() if _local(k) == "id"), None)
        if gate_id is None:
            continue
        for info in gate:
            if _local(info.tag) != "custom_info":
                continue
            for el in info.iter():
                if _local(el.tag) == "name" and (el.text or "").strip():
                    names[gate_id] = el.text.strip()
                    break
    return names


def _path(gate_path: tuple, gate_name: str, names: dict[str, str]) -> str:
    return "/".join(names.get(p, p) for p in [*gate_path, gate_name] if p != "root")


def _report_counts(report, names: dict[str, str] | None = None) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row in report.itertuples(index=False):
        path = _path(tuple(row.gate_path), str(row.gate_name), names or {})
        out.setdefault(str(row.sample_id), {})[path] = int(row.count)
    return out


def analyse(
    fcs_files: dict[str, bytes],
    gating: bytes,
    kind: Literal["wsp", "gatingml"] = "wsp",
    *,
    max_bytes: int = MAX_BYTES,
    max_events: int = MAX_EVENTS,
) -> FlowAnalysis:
    """FCS files (file name → bytes) gated by a FlowJo workspace or a GatingML 2.0 file. With a workspace,
    each workspace sample is matched to a file by name (see ``_match_name``) and gated with its own gates,
    compensation and transforms; with GatingML every file is gated the same way."""
    import flowkit as fk

    _check_gating_bytes(gating, kind)
    if not fcs_files:
        raise ValueError("no FCS files were given")
    samples: dict[str, fk.Sample] = {}
    for name, data in fcs_files.items():
        try:
            samples[name] = read_fcs(data, name=name, max_bytes=max_bytes, max_events=max_events)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from exc
    result = FlowAnalysis()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "gatingml":
            try:
                strategy = fk.parse_gating_xml(io.BytesIO(gating))
            except Exception as exc:
                raise ValueError(f"the GatingML file could not be read: {exc}") from exc
            if not strategy.get_gate_ids():
                raise ValueError("the GatingML file defines no gates")
            session = fk.Session(gating_strategy=strategy, fcs_samples=list(samples.values()))
            _analyse(session, "the GatingML gates")
            result.counts = _report_counts(session.get_analysis_report(), gatingml_names(gating))
            return result

        names = workspace_sample_names(gating)
        if not names:
            raise ValueError("the workspace has no samples")
        matched: dict[str, str] = {}  # workspace name → file name
        for wanted in names:
            key = _match_name(wanted, samples)
            if key is None:
                result.workspace_samples_without_file.append(wanted)
            else:
                matched[wanted] = key
        if not matched:
            raise ValueError(
                f"the workspace's sample names match no file: it has {_list(names)}; the files are "
                f"{_list(sorted(samples))}"
            )
        result.files_without_gating = sorted(set(samples) - set(matched.values()))
        renamed = []
        for wanted, key in matched.items():
            sample = samples[key]
            sample.id = wanted  # FlowKit pairs workspace samples and files by id
            renamed.append(sample)
        try:
            workspace = fk.Workspace(io.BytesIO(gating), fcs_samples=renamed)
        except Exception as exc:
            raise ValueError(f"the workspace could not be read: {exc}") from exc
        _analyse(workspace, "the workspace's gates")
        back = dict(matched.items())
        result.workspace_names = {k: w for w, k in matched.items()}
        result.counts = {back[s]: c for s, c in _report_counts(workspace.get_analysis_report()).items()}
    return result


def _analyse(container, what: str) -> None:
    try:
        container.analyze_samples(use_mp=False)
    except Exception as exc:  # a gate on a channel the file lacks, a bad transform, …
        raise ValueError(f"{what} could not be applied: {exc}") from exc


def _list(names: list[str], limit: int = 12) -> str:
    shown = ", ".join(f'"{n}"' for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def population_counts(
    fcs_files: dict[str, bytes],
    gating: bytes,
    kind: Literal["wsp", "gatingml"] = "wsp",
    *,
    max_bytes: int = MAX_BYTES,
    max_events: int = MAX_EVENTS,
) -> dict[str, dict[str, int]]:
    """{file name: {population path: count}} (see ``analyse``)."""
    return analyse(fcs_files, gating, kind, max_bytes=max_bytes, max_events=max_events).counts


@dataclass(frozen=True)
class CountDifference:
    sample: str  # the file name
    path: str
    computed: int | None  # None: the workspace stores a population FlowKit did not compute
    stored: int | None  # None: FlowJo stored no count for it


def compare_with_workspace(
    fcs_files: dict[str, bytes],
    wsp: bytes,
    *,
    analysis: FlowAnalysis | None = None,
    tolerance: int = 0,
    max_bytes: int = MAX_BYTES,
    max_events: int = MAX_EVENTS,
) -> list[CountDifference]:
    """The populations whose counts computed here differ (by more than ``tolerance`` events) from the
    counts FlowJo stored in the workspace, sample by sample (file names). Pass ``analysis`` (``analyse``
    of these files with this workspace) to avoid gating twice. Populations without a stored count are not
    compared; a stored population that was not computed is reported with ``computed`` None."""
    if analysis is None:
        analysis = analyse(fcs_files, wsp, "wsp", max_bytes=max_bytes, max_events=max_events)
    stored_by_name = workspace_stored_counts(wsp)
    differences: list[CountDifference] = []
    for file_name, counts in analysis.counts.items():
        stored = stored_by_name.get(analysis.workspace_names.get(file_name, file_name), {})
        for path in sorted(stored):
            have, want = counts.get(path), stored[path]
            if have is None or abs(have - want) > tolerance:
                differences.append(CountDifference(file_name, path, have, want))
    return differences
