"""Simulated flow cytometry for the demo and the tests: small FCS 3.1 files of a mouse tumor/spleen
panel, their gates (GatingML 2.0 and a FlowJo 10 workspace, both written by FlowKit) and the FlowJo-style
statistics table of the counts those gates give.

Every event is drawn into one known population (dead, debris, CD45⁻, CD4⁺ T, Treg, CD8⁺ T, Ki-67⁺ CD8⁺,
double-negative T, NK, other CD45⁺ CD3⁻) from the sample's fractions; each marker is log-normal, bright
(10^3.5) or dim (10^1.5) with a spread of 0.15 decades, so the gates at 10^2.5 sit more than six spreads
from either cluster and the gated counts equal the drawn ones. The cytometer's spillover (FoxP3 into
CD25, CD8 into CD4, CD3 into NK1.1) is mixed into the recorded values and stored as $SPILLOVER; the gates
work on compensated values, so a count is right only if the compensation is applied.
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

CHANNELS = ("FSC-A", "SSC-A", "CD45", "CD3", "CD4", "CD8", "CD25", "FoxP3", "NK1.1", "Ki-67", "Live/Dead")
FLUOROCHROMES = ("CD45", "CD3", "CD4", "CD8", "CD25", "FoxP3", "NK1.1", "Ki-67", "Live/Dead")
PATHS = {
    "live": "Live",
    "cd45": "Live/CD45+",
    "cd3": "Live/CD45+/CD3+",
    "cd4": "Live/CD45+/CD3+/CD4+",
    "treg": "Live/CD45+/CD3+/CD4+/CD25+FoxP3+",
    "cd8": "Live/CD45+/CD3+/CD8+",
    "ki67": "Live/CD45+/CD3+/CD8+/Ki-67+",
    "cd3neg": "Live/CD45+/CD3-",
    "nk": "Live/CD45+/CD3-/NK1.1+",
}
# (into, from, fraction): the recorded `into` channel gets `fraction` of the `from` signal
SPILLOVER = (("CD25", "FoxP3", 0.12), ("CD4", "CD8", 0.15), ("NK1.1", "CD3", 0.04))
BRIGHT, DIM, SPREAD, CUT = 3.5, 1.5, 0.15, 2.5  # log10 units
# the Live gate: a polygon on FSC-A × Live/Dead (cells, not debris; dye-negative)
LIVE_POLYGON = ((10**4.2, 0.0), (10**5.6, 0.0), (10**5.6, 10**CUT), (10**4.2, 10**CUT))


@dataclass(frozen=True)
class Fractions:
    """One sample's population fractions, each of its parent."""

    debris: float = 0.05  # of all events: small, outside the Live gate
    dead: float = 0.12  # of the cells
    cd45: float = 0.45  # CD45⁺ of live cells
    cd3: float = 0.30  # CD3⁺ of CD45⁺
    cd4: float = 0.50  # CD4⁺ of CD3⁺
    cd8: float = 0.35  # CD8⁺ of CD3⁺ (the rest double-negative)
    treg: float = 0.25  # CD25⁺FoxP3⁺ of CD4⁺
    ki67: float = 0.30  # Ki-67⁺ of CD8⁺
    nk: float = 0.12  # NK1.1⁺ of CD3⁻


DEMO_SAMPLES: dict[str, Fractions] = {
    "M01_tumor_d21.fcs": Fractions(cd3=0.28, cd8=0.30, treg=0.30, nk=0.10),
    "M02_tumor_d21.fcs": Fractions(cd3=0.31, cd8=0.32, treg=0.27, nk=0.09),
    "M11_tumor_d21.fcs": Fractions(cd3=0.40, cd8=0.48, cd4=0.40, treg=0.16, nk=0.20, ki67=0.40),
    "M12_tumor_d21.fcs": Fractions(cd3=0.43, cd8=0.50, cd4=0.38, treg=0.15, nk=0.22, ki67=0.42),
    "M01_spleen_d21.fcs": Fractions(cd45=0.90, cd3=0.35, cd8=0.38, treg=0.12, nk=0.05, ki67=0.10),
    "M11_spleen_d21.fcs": Fractions(cd45=0.90, cd3=0.37, cd8=0.42, treg=0.10, nk=0.08, ki67=0.18),
}


def _bright(rng: np.random.Generator, on: np.ndarray) -> np.ndarray:
    centre = np.where(on, BRIGHT, DIM)
    return 10 ** rng.normal(centre, SPREAD)


def simulate_events(fractions: Fractions, n_events: int, rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    """(events × CHANNELS as recorded, with spillover; {population path: number of events drawn into it})."""
    f = fractions
    n = n_events
    debris = rng.random(n) < f.debris
    dead = ~debris & (rng.random(n) < f.dead)
    live = ~debris & ~dead
    cd45 = live & (rng.random(n) < f.cd45)
    cd3 = cd45 & (rng.random(n) < f.cd3)
    u = rng.random(n)
    cd4 = cd3 & (u < f.cd4)
    cd8 = cd3 & (u >= f.cd4) & (u < f.cd4 + f.cd8)
    treg = cd4 & (rng.random(n) < f.treg)
    ki67 = cd8 & (rng.random(n) < f.ki67)
    cd3neg = cd45 & ~cd3
    nk = cd3neg & (rng.random(n) < f.nk)
    true = {
        "FSC-A": np.where(debris, 10 ** rng.normal(3.3, 0.2, n), 10 ** rng.normal(4.9, 0.12, n)),
        "SSC-A": 10 ** rng.normal(4.3, 0.2, n),
        "CD45": _bright(rng, cd45),
        "CD3": _bright(rng, cd3),
        "CD4": _bright(rng, cd4),
        "CD8": _bright(rng, cd8),
        "CD25": _bright(rng, treg),
        "FoxP3": _bright(rng, treg),
        "NK1.1": _bright(rng, nk),
        "Ki-67": _bright(rng, ki67),
        "Live/Dead": _bright(rng, dead | (debris & (rng.random(n) < 0.5))),
    }
    recorded = dict(true)
    for into, source, frac in SPILLOVER:
        recorded[into] = recorded[into] + frac * true[source]
    events = np.column_stack([recorded[c] for c in CHANNELS]).astype(np.float32)
    masks = {"live": live, "cd45": cd45, "cd3": cd3, "cd4": cd4, "treg": treg, "cd8": cd8, "ki67": ki67}
    masks |= {"cd3neg": cd3neg, "nk": nk}
    return events, {PATHS[k]: int(m.sum()) for k, m in masks.items()}


def spillover_keyword() -> str:
    """$SPILLOVER: n, the n fluorochrome names, then the n×n matrix row by row (row = emitting dye)."""
    m = np.eye(len(FLUOROCHROMES))
    for into, source, frac in SPILLOVER:
        m[FLUOROCHROMES.index(source), FLUOROCHROMES.index(into)] = frac
    cells = [f"{v:g}" for v in m.ravel()]
    return ",".join([str(len(FLUOROCHROMES)), *FLUOROCHROMES, *cells])


def fcs_bytes(name: str, events: np.ndarray) -> bytes:
    """An FCS 3.1 file (float data, FlowIO's writer) with $FIL, the stain names in $PnS and $SPILLOVER."""
    import flowio

    stains = [c if c in ("FSC-A", "SSC-A") else f"{c} stain" for c in CHANNELS]
    meta = {"$FIL": name, "$CYT": "simulated (IL-2 Portal demo)", "$SPILLOVER": spillover_keyword()}
    for i in range(1, len(CHANNELS) + 1):
        meta[f"$P{i}R"] = "262144"
    buf = io.BytesIO()
    flowio.create_fcs(
        buf, events.ravel().tolist(), list(CHANNELS), opt_channel_names=stains, metadata_dict=meta
    )
    return buf.getvalue()


# GatingML gate ids are XML IDs (no "+", no leading digit): the ids the GatingML file uses, each gate's
# population name going with it in <data-type:custom_info><name>, as Cytobank writes them
GATINGML_IDS = {
    "Live": "Live",
    "CD45+": "CD45pos",
    "CD3+": "CD3pos",
    "CD3-": "CD3neg",
    "CD4+": "CD4pos",
    "CD8+": "CD8pos",
    "CD25+FoxP3+": "Treg",
    "Ki-67+": "Ki67pos",
    "NK1.1+": "NK",
}


def gating_strategy(*, gatingml_ids: bool = False):
    """The gates (FlowKit GatingStrategy), on values compensated with the files' own $SPILLOVER; named by
    population ("CD45+"), or with ``gatingml_ids`` by their GatingML ids ("CD45pos")."""
    import flowkit as fk
    from flowkit import gates

    # a Matrix the strategy owns (rather than the reference "FCS"): FlowKit writes it into the workspace
    comp = "Acquisition-defined"
    matrix = fk.Matrix(spillover_keyword(), list(FLUOROCHROMES), fluorochromes=list(FLUOROCHROMES))
    g = GATINGML_IDS.get if gatingml_ids else (lambda name, _=None: name)

    def dim(channel, lo=None, hi=None):
        ref = comp if channel in FLUOROCHROMES else "uncompensated"
        return fk.Dimension(channel, compensation_ref=ref, range_min=lo, range_max=hi)

    cut = 10**CUT
    strategy = fk.GatingStrategy()
    strategy.add_comp_matrix(comp, matrix)
    live = gates.PolygonGate(g("Live"), [dim("FSC-A"), dim("Live/Dead")], [list(v) for v in LIVE_POLYGON])
    strategy.add_gate(live, ("root",))
    strategy.add_gate(gates.RectangleGate(g("CD45+"), [dim("CD45", lo=cut)]), ("root", g("Live")))
    p45 = ("root", g("Live"), g("CD45+"))
    strategy.add_gate(gates.RectangleGate(g("CD3+"), [dim("CD3", lo=cut)]), p45)
    strategy.add_gate(gates.RectangleGate(g("CD3-"), [dim("CD3", hi=cut)]), p45)
    p3 = (*p45, g("CD3+"))
    strategy.add_gate(gates.RectangleGate(g("CD4+"), [dim("CD4", lo=cut), dim("CD8", hi=cut)]), p3)
    strategy.add_gate(gates.RectangleGate(g("CD8+"), [dim("CD8", lo=cut), dim("CD4", hi=cut)]), p3)
    treg = gates.RectangleGate(g("CD25+FoxP3+"), [dim("CD25", lo=cut), dim("FoxP3", lo=cut)])
    strategy.add_gate(treg, (*p3, g("CD4+")))
    strategy.add_gate(gates.RectangleGate(g("Ki-67+"), [dim("Ki-67", lo=cut)]), (*p3, g("CD8+")))
    strategy.add_gate(gates.RectangleGate(g("NK1.1+"), [dim("NK1.1", lo=cut)]), (*p45, g("CD3-")))
    return strategy


def gatingml_bytes() -> bytes:
    """The gates as GatingML 2.0 (FlowKit's writer), each gate's population name in its custom_info."""
    import flowkit as fk
    from lxml import etree

    buf = io.BytesIO()
    fk.export_gatingml(gating_strategy(gatingml_ids=True), buf)
    root = etree.fromstring(buf.getvalue())
    ns_g, ns_dt = root.nsmap["gating"], root.nsmap["data-type"]
    names = {v: k for k, v in GATINGML_IDS.items()}
    for el in root:
        gate_id = el.get(f"{{{ns_g}}}id")
        if gate_id in names and el.tag.endswith("Gate"):
            info = etree.Element(f"{{{ns_dt}}}custom_info")
            etree.SubElement(info, "name").text = names[gate_id]
            el.insert(0, info)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def workspace_bytes(
    fcs_files: Mapping[str, bytes], stored_counts: Mapping[str, Mapping[str, int]] | None = None
) -> bytes:
    """A FlowJo 10 workspace (FlowKit's writer) gating these files; with ``stored_counts`` ({file name:
    {path: count}}) each <Population> gets FlowJo's ``count`` attribute, as a workspace saved after
    FlowJo computed it has."""
    import flowkit as fk
    from lxml import etree

    from studies.analysis.fcs import read_fcs

    samples = [read_fcs(data, name=name) for name, data in fcs_files.items()]
    session = fk.Session(gating_strategy=gating_strategy(), fcs_samples=samples)
    buf = io.BytesIO()
    session.export_wsp(buf, "Tumors and spleens")
    root = etree.fromstring(buf.getvalue())
    # FlowKit writes the matrix once under <Matrices>; FlowJo 10 also writes it into each <Sample>, and
    # that copy is the one FlowKit (and FlowJo) read back: without it the gates would see uncompensated data
    matrix = root.find("Matrices")[0]
    for sample_el in root.iter("Sample"):
        sample_el.insert(1, copy.deepcopy(matrix))

    def walk(el, prefix, counts):
        for sub in el.findall("Subpopulations"):
            for pop in sub.findall("Population"):
                path = f"{prefix}/{pop.get('name')}" if prefix else pop.get("name")
                if path in counts:
                    pop.set("count", str(counts[path]))
                walk(pop, path, counts)

    for node in root.iter("SampleNode"):
        walk(node, "", (stored_counts or {}).get(node.get("name"), {}))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def statistics_csv(counts: Mapping[str, Mapping[str, int]]) -> bytes:
    """The FlowJo table (CSV) of these counts: an unnamed sample column, then "<path> | Count" columns,
    and FlowJo's Mean and SD rows at the bottom."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    paths = list(PATHS.values())
    w.writerow(["", *(f"{p} | Count" for p in paths)])
    table = np.array([[counts[s].get(p, 0) for p in paths] for s in counts], dtype=float)
    for name in counts:
        w.writerow([name, *(counts[name].get(p, 0) for p in paths)])
    if len(table):
        w.writerow(["Mean", *(f"{v:.2f}" for v in table.mean(axis=0))])
        sd = table.std(axis=0, ddof=1) if len(table) > 1 else np.zeros(len(paths))
        w.writerow(["SD", *(f"{v:.2f}" for v in sd)])
    return buf.getvalue().encode()


@dataclass(frozen=True)
class FlowDemo:
    fcs: dict[str, bytes]  # file name → FCS 3.1 bytes
    drawn: dict[str, dict[str, int]]  # file name → {population path: events drawn into it}
    gatingml: bytes
    workspace: bytes  # with FlowJo's stored counts (the computed ones)
    computed: dict[str, dict[str, int]]  # the counts FlowKit computes with the GatingML gates
    statistics_csv: bytes  # the FlowJo table written from ``computed``


def make_demo(
    samples: Mapping[str, Fractions] | None = None, *, n_events: int = 2000, seed: int = 14
) -> FlowDemo:
    """Simulated FCS files (``n_events`` each), their gates, the counts the gates give and the table."""
    from studies.analysis.fcs import population_counts

    samples = dict(samples or DEMO_SAMPLES)
    rng = np.random.default_rng(seed)
    fcs, drawn = {}, {}
    for name, fractions in samples.items():
        events, drawn[name] = simulate_events(fractions, n_events, rng)
        fcs[name] = fcs_bytes(name, events)
    gml = gatingml_bytes()
    computed = population_counts(fcs, gml, "gatingml")
    wsp = workspace_bytes(fcs, computed)
    return FlowDemo(fcs, drawn, gml, wsp, computed, statistics_csv(computed))
