"""Plotly figures of the assays app: pure functions from plain data to a figure dict."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from assays.analysis.curves import get_model
from assays.readers.base import row_letter
from il2portal import formatting
from il2portal.plottext import axis_title, log_axis, plain_text

#: how a run page's figures draw (static/js/plots.js): their camera button saves a PNG at twice the size
EXPORT_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

FLAG_SYMBOLS = {"saturated": "triangle-up", "masked": "x", "missing": "circle-open", "invalid": "diamond-x"}


def row_labels(n_rows: int) -> list[str]:
    """The row letters of a plate: A, B, … Z, AA, … AF."""
    return [row_letter(i) for i in range(n_rows)]


READ_UNITS = {"absorbance": "OD", "luminescence": "RLU", "fluorescence": "RFU"}


def read_unit(kind: str | None) -> str:
    """The unit a plate reader writes a read's values in: OD, RLU, RFU (nothing for another kind)."""
    return READ_UNITS.get(kind or "", "")


def read_name(kind: str | None, wavelength_nm: float | None = None, label: str = "") -> str:
    """A read as a paper names it: "OD450", "Luminescence (RLU)", "Fluorescence 520 nm (RFU)"."""
    if kind == "absorbance" and wavelength_nm:
        return f"OD{wavelength_nm:g}"
    if kind == "absorbance":
        return "Absorbance (OD)"
    if kind in ("luminescence", "fluorescence"):
        at = f" {wavelength_nm:g} nm" if wavelength_nm else ""
        return f"{kind.capitalize()}{at} ({read_unit(kind)})"
    return label or "Signal"


def signal_label(
    primary: dict | None, reference: dict | None = None, *, blank_subtracted: bool = False
) -> str:
    """The y-axis title of a curve: what was read, minus the reference wavelength, blank-subtracted:
    "OD450 − OD570, blank-subtracted". ``primary``/``reference``: {kind, wavelength_nm, label}."""
    if not primary:
        text = "Signal"
    else:
        text = read_name(primary.get("kind"), primary.get("wavelength_nm"), primary.get("label") or "")
        if reference:
            text += " − " + read_name(
                reference.get("kind"), reference.get("wavelength_nm"), reference.get("label") or ""
            )
    return f"{text}, blank-subtracted" if blank_subtracted else text


def _n(count: int, noun: str = "") -> str:
    return f"n = {count}{' ' + noun if noun else ''}"


def _value_texts(values: list[list[float | None]]) -> list[list[str]]:
    """Each well's value for writing in its cell, as a plate reader's software writes a plate: one
    number of decimals for the whole plate, four significant figures of its largest value (OD 3.420,
    0.004, 0.000; 0.1090 on a plate reading at most 0.11), so that columns line up and a blank reads as
    a blank; on a plate reading 10 000 or more, whole numbers, from 10 000 in thousands or millions
    (2100, 88.5k, 1.2M, as the colour bar writes them)."""
    finite = [abs(v) for row in values for v in row if v is not None and math.isfinite(v)]
    top = max(finite, default=0.0)
    decimals = min(4, max(0, 3 - math.floor(math.log10(top)))) if top > 0 else 0

    def text(v: float | None) -> str:
        if v is None or not math.isfinite(v):
            return ""
        if top >= 1e4:
            if abs(v) >= 1e6:
                return f"{v / 1e6:.3g}M"
            return f"{v / 1e3:.3g}k" if abs(v) >= 1e4 else f"{v:.0f}"
        out = f"{v:.{decimals}f}"
        return out[1:] if out.startswith("-") and float(out) == 0 else out

    return [[text(v) for v in row] for row in values]


@plain_text
def plate_heatmap(
    values: list[list[float | None]],
    flags: list[list[str | None]],
    *,
    title: str,
    unit: str = "",
    show_values: bool | None = None,
    tokens: list[list[str | None]] | None = None,
    excluded: set[str] | None = None,
    subtitle: str = "",
) -> dict:
    """A heatmap laid out as the plate (A1 top left); flagged wells marked with a symbol; the colour bar
    titled with the values' unit; each well's value written in it (3 significant figures) when
    ``show_values`` (default: plates of up to 96 wells; :func:`_value_texts`), with buttons to show or hide them.
    ``tokens``: per well, what a click on it puts in a run's excluded-wells field (run page); wells in
    ``excluded`` (their tokens) are crossed out."""
    n_rows, n_cols = len(values), len(values[0]) if values else 0
    rows = row_labels(n_rows)
    cols = [str(c + 1) for c in range(n_cols)]
    if show_values is None:
        show_values = n_rows * n_cols <= 96
    hover = [
        [
            f"{rows[r]}{c + 1}: "
            + ("—" if values[r][c] is None else f"{values[r][c]:.6g}")
            + (f" {unit}" if unit and values[r][c] is not None else "")
            + (f" ({flags[r][c]})" if flags[r][c] else "")
            for c in range(n_cols)
        ]
        for r in range(n_rows)
    ]
    text = _value_texts(values)
    font_size = 12 if n_cols <= 12 else (8 if n_cols <= 24 else 6)
    heatmap = {
        "type": "heatmap",
        "z": values,
        "x": cols,
        "y": rows,
        "text": text,
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "texttemplate": "%{text}" if show_values else "",
        "textfont": {"size": font_size},
        "colorscale": "Viridis",
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": unit or "value", "side": "right"}, "thickness": 14},
    }
    if tokens is not None:
        heatmap["customdata"] = tokens
    fig = go.Figure(heatmap)
    marks = dict(FLAG_SYMBOLS)
    cells: dict[str, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            if flags[r][c] in marks:
                cells.setdefault(flags[r][c], []).append((r, c))
            if excluded and tokens is not None and tokens[r][c] in excluded:
                cells.setdefault("excluded", []).append((r, c))
    marks["excluded"] = "x-thin-open"
    for flag, symbol in marks.items():
        where = cells.get(flag) or []
        if not where:
            continue
        fig.add_trace(
            go.Scatter(
                x=[cols[c] for _, c in where],
                y=[rows[r] for r, _ in where],
                mode="markers",
                name=f"{flag.replace('_', ' ')} ({_n(len(where))})",
                text=[f"{rows[r]}{c + 1}: {flag.replace('_', ' ')}" for r, c in where],
                customdata=[tokens[r][c] for r, c in where] if tokens is not None else None,
                hoverinfo="text",
                marker={
                    "symbol": symbol,
                    "size": (16 if flag == "excluded" else 12) if n_cols <= 12 else 7,
                    "color": "#e4572e",
                    "line": {"width": 2, "color": "#e4572e"},
                },
            )
        )
    cell = 54 if n_cols <= 12 else (26 if n_cols <= 24 else 12)
    if subtitle:
        title = f"{title}<br><sup>{subtitle}</sup>"
    buttons = [
        {"label": "Values in wells", "method": "restyle", "args": [{"texttemplate": "%{text}"}, [0]]},
        {"label": "Colour only", "method": "restyle", "args": [{"texttemplate": ""}, [0]]},
    ]
    fig.update_layout(
        title={"text": title, "x": 0, "y": 0.98, "yanchor": "top", "font": {"size": 14}},
        yaxis={
            "autorange": "reversed",
            "type": "category",
            "scaleanchor": "x",
            "constrain": "domain",
            "automargin": True,
            "title": {"text": "Row"},
        },
        xaxis={
            "type": "category",
            "side": "top",
            "constrain": "domain",
            "automargin": True,
            "title": {"text": "Column", "standoff": 4},
        },
        height=max(300, n_rows * cell + 190),
        margin={"l": 50, "r": 20, "t": 140, "b": 30},
        plot_bgcolor="#fff",
        paper_bgcolor="#fff",
        showlegend=len(fig.data) > 1,
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "showactive": True,
                "active": 0 if show_values else 1,
                "x": 0,
                "xanchor": "left",
                "y": 1.0,
                "yanchor": "bottom",
                "pad": {"b": 48, "r": 0, "t": 0},
                "font": {"size": 11},
                "buttons": buttons,
            }
        ],
    )
    return fig.to_plotly_json()


# ---------------------------------------------------------------------------------------------- curves

MODEL_COLORS = ["#1f4e8c", "#e4572e", "#0f9d8a", "#8e44ad", "#d4a017", "#5b6478", "#c2185b", "#2e7d32"]


def curve_line(curve: dict, x_min: float, x_max: float, n: int = 200) -> tuple[list[float], list[float]]:
    """Points of a fitted curve (API fit-result dict) between two positive doses, on a log grid."""
    params = curve.get("parameters") or {}
    model = get_model(curve.get("model") or "4PL")
    names = model.param_names
    theta = [params.get(name) for name in names]
    if any(v is None for v in theta) or x_min <= 0 or x_max <= x_min:
        return [], []
    xs = np.logspace(np.log10(x_min), np.log10(x_max), n)
    ys = model.fn(xs, np.asarray(theta, dtype=float))
    keep = np.isfinite(ys)
    return xs[keep].tolist(), np.asarray(ys)[keep].tolist()


def _legend_below(n_items: int = 4) -> dict:
    """A horizontal legend under the plot, in the margin (plotly.js grows the margin to fit it)."""
    return {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.2, "yanchor": "top", "font": {"size": 11}}


@plain_text
def standard_curve_figure(
    result: dict, points: list[dict], *, title: str, unit: str = "", signal: str = "Signal"
) -> dict:
    """Standards (replicates and means), the fitted curve, the LLOQ–ULOQ band, samples placed on the curve
    and excluded wells marked. ``points``: [{well, nominal, signal, excluded, token?}] of standard wells;
    ``token`` (what a click puts in the run's excluded-wells field, default the well) is each replicate's
    ``customdata``. ``signal``: the y-axis title (:func:`signal_label`)."""
    curve = result.get("curve") or {}
    standards = [s for s in result.get("standards", []) if s.get("nominal")]
    qc = result.get("qc") or {}
    fig = go.Figure()
    lloq, uloq = qc.get("lloq"), qc.get("uloq")
    if lloq and uloq:
        fig.add_vrect(
            x0=lloq,
            x1=uloq,
            fillcolor="#0f9d8a",
            opacity=0.08,
            line_width=0,
            annotation_text="LLOQ–ULOQ",
            annotation_position="top left",
        )
    fig.add_trace(
        go.Scatter(
            x=[s["nominal"] for s in standards],
            y=[s["mean_signal"] for s in standards],
            mode="markers",
            name=f"standard means ({_n(len(standards), 'levels')})",
            marker={
                "color": [
                    "#17803d" if s.get("passed") else ("#b3261e" if s.get("passed") is False else "#5b6478")
                    for s in standards
                ],
                "size": 14,
                "symbol": "diamond-open",
                "line": {"width": 2},
            },
            text=[
                f"{s['group']}: recovery {formatting.percent(s['recovery_pct'])}"
                if s.get("recovery_pct") is not None
                else s["group"]
                for s in standards
            ],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    used = [p for p in points if not p["excluded"] and p["signal"] is not None and p["nominal"]]
    excluded = [p for p in points if p["excluded"] and p["signal"] is not None and p["nominal"]]
    fig.add_trace(
        go.Scatter(
            x=[p["nominal"] for p in used],
            y=[p["signal"] for p in used],
            mode="markers",
            name=f"standard wells ({_n(len(used))})",
            marker={"color": "#9db4d3", "size": 8},
            text=[p["well"] for p in used],
            customdata=[p.get("token") or p["well"] for p in used],
            hovertemplate="%{text}: %{x:.4g} → %{y:.4g}<extra>click to exclude</extra>",
        )
    )
    if excluded:
        fig.add_trace(
            go.Scatter(
                x=[p["nominal"] for p in excluded],
                y=[p["signal"] for p in excluded],
                mode="markers",
                name=f"excluded wells ({_n(len(excluded))})",
                marker={"symbol": "x", "color": "#b3261e", "size": 10},
                text=[p["well"] for p in excluded],
                customdata=[p.get("token") or p["well"] for p in excluded],
                hovertemplate="%{text} (excluded): %{x:.4g} → %{y:.4g}<extra>click to include</extra>",
            )
        )
    nominals = [s["nominal"] for s in standards if s["nominal"] > 0]
    if nominals and curve.get("parameters"):
        xs, ys = curve_line(curve, min(nominals) / 2, max(nominals) * 2)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=f"{curve.get('model', '')} fit ({_n(curve['n'], 'wells')})"
                if curve.get("n")
                else f"{curve.get('model', '')} fit",
                line={"color": "#1f4e8c", "width": 2},
                hoverinfo="skip",
            )
        )
    samples = [
        s
        for s in result.get("samples", [])
        if s.get("concentration") is not None and s.get("mean_signal") is not None
    ]
    if samples:
        fig.add_trace(
            go.Scatter(
                x=[s["concentration"] for s in samples],
                y=[s["mean_signal"] for s in samples],
                mode="markers",
                name=f"samples ({_n(len(samples))})",
                marker={"color": "#e4572e", "size": 9, "symbol": "circle-open", "line": {"width": 2}},
                text=[
                    f"{s.get('sample') or s.get('group')}: {formatting.quantity(s['concentration'], unit)}"
                    for s in samples
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    xs_all = nominals + [s["concentration"] for s in samples if s["concentration"] > 0]
    loglog = curve.get("model") == "loglog"
    y_values = [p["signal"] for p in points if p["signal"] is not None and p["signal"] > 0]
    y_values += [s["mean_signal"] for s in standards if s.get("mean_signal") and s["mean_signal"] > 0]
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 14}},
        height=460,
        margin={"l": 70, "r": 20, "t": 50, "b": 60},
        xaxis={
            **log_axis(min(xs_all, default=None), max(xs_all, default=None)),
            "title": {"text": axis_title("Concentration", unit)},
            "gridcolor": "#eef1f6",
        },
        yaxis={
            **(
                log_axis(min(y_values, default=None), max(y_values, default=None), pad=1.6)
                if loglog
                else {"type": "linear", "automargin": True}
            ),
            "title": {"text": signal},
            "gridcolor": "#eef1f6",
        },
        plot_bgcolor="#fff",
        legend=_legend_below(),
    )
    return fig.to_plotly_json()


@plain_text
def recovery_figure(
    result: dict,
    *,
    plates: list[tuple[int, str]] | None = None,
    unit: str = "",
    tolerance_pct: float = 20.0,
    title: str = "Back-calculated standards (% of nominal)",
) -> dict:
    """Residual view a reviewer reads first: % recovery of each standard against its acceptance band,
    one panel per plate side by side (a shared y axis) when the run has several; x is each standard's
    nominal concentration."""
    standards = [s for s in result.get("standards", []) if s.get("recovery_pct") is not None]
    panels = [(pk, name) for pk, name in plates or [] if any(s.get("plate") == pk for s in standards)]
    if len(panels) < 2:
        panels = [(None, "")]
    mine = {
        pk: sorted(
            (s for s in standards if pk is None or s.get("plate") == pk), key=lambda s: s.get("nominal") or 0
        )
        for pk, _ in panels
    }
    titles = [f"{name} ({_n(len(mine[pk]), 'levels')})" for pk, name in panels] if panels[0][0] else None
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        shared_yaxes=True,
        horizontal_spacing=0.04 if len(panels) > 1 else 0.0,
        subplot_titles=titles,
    )
    all_recoveries = [s["recovery_pct"] for s in standards] or [100.0]
    for col, (pk, _) in enumerate(panels, start=1):
        rows = mine[pk]
        fig.add_trace(
            go.Bar(
                x=[s["group"] for s in rows],
                y=[s["recovery_pct"] - 100 for s in rows],
                base=100,
                marker={"color": ["#17803d" if s.get("passed") else "#b3261e" for s in rows]},
                text=[formatting.percent(s["recovery_pct"]).removesuffix(" %") for s in rows],
                textposition="outside",
                textfont={"size": 10},
                constraintext="none",
                cliponaxis=False,
                customdata=[formatting.quantity(s.get("nominal"), unit) for s in rows],
                hovertemplate="%{x}, %{customdata}: %{text} %<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=col,
        )
        fig.update_xaxes(
            tickmode="array",
            tickvals=[s["group"] for s in rows],
            ticktext=[formatting.quantity(s.get("nominal")) for s in rows],
            title={"text": axis_title("Nominal", unit), "standoff": 4},
            automargin=True,
            row=1,
            col=col,
        )
    for y in (100 - tolerance_pct, 100 + tolerance_pct):
        fig.add_hline(y=y, line={"dash": "dot", "color": "#8a5a00"}, row="all", col="all")
    fig.add_hline(y=100, line={"color": "#5b6478"}, row="all", col="all")
    low, high = min(all_recoveries + [100 - tolerance_pct]), max(all_recoveries + [100 + tolerance_pct])
    fig.update_yaxes(range=[min(low - 10, 70), high + 12], automargin=True)
    fig.update_yaxes(title={"text": "Back-calculated / nominal (%)"}, row=1, col=1)
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 14}},
        height=340,
        margin={"l": 70, "r": 20, "t": 70, "b": 50},
        plot_bgcolor="#fff",
        showlegend=False,
    )
    for annotation in fig.layout.annotations or ():
        annotation.font = {"size": 12}
    return fig.to_plotly_json()


@plain_text
def potency_figure(result: dict, points: list[dict], *, unit: str = "", response: str = "Response") -> dict:
    """Reference and test curves (each its own 4PL), with the observed responses; the legend gives each
    curve's number of wells."""
    fig = go.Figure()
    curves = result.get("curves") or []
    doses = [p["dose"] for p in points if p.get("dose")]
    for index, curve in enumerate(curves):
        color = MODEL_COLORS[index % len(MODEL_COLORS)]
        name = curve.get("sample") or f"curve {index + 1}"
        mine = [
            p for p in points if p.get("series") == name and p.get("dose") and p.get("response") is not None
        ]
        if mine:
            fig.add_trace(
                go.Scatter(
                    x=[p["dose"] for p in mine],
                    y=[p["response"] for p in mine],
                    mode="markers",
                    name=f"{name} data",
                    legendgroup=name,
                    showlegend=False,
                    marker={"color": color, "size": 7, "opacity": 0.7},
                )
            )
        if doses:
            xs, ys = curve_line(curve, min(doses) / 2, max(doses) * 2)
            label = name + (" (reference)" if curve.get("role") == "reference" else "")
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=f"{label}, {_n(curve['n'], 'wells')}" if curve.get("n") else label,
                    legendgroup=name,
                    line={"color": color, "width": 3 if curve.get("role") == "reference" else 2},
                    hoverinfo="skip",
                )
            )
    fig.update_layout(
        title={"text": "Dose–response: reference and test samples", "x": 0, "font": {"size": 14}},
        height=460,
        xaxis={
            **log_axis(min(doses, default=None), max(doses, default=None)),
            "title": {"text": axis_title("Dose", unit)},
            "gridcolor": "#eef1f6",
        },
        yaxis={"title": {"text": response}, "gridcolor": "#eef1f6", "automargin": True},
        margin={"l": 70, "r": 20, "t": 50, "b": 60},
        plot_bgcolor="#fff",
        legend=_legend_below(),
    )
    return fig.to_plotly_json()


SPREAD_WORDS = {
    "wells": "SD of the replicate wells within the run",
    "runs": "SD of independent runs",
    None: "no SD (one value)",
}


@plain_text
def time_course_figure(courses: list[dict], *, unit: str = "") -> dict:
    """Mean concentration over time per condition with an error bar of ±1 SD where there is one (no bar,
    never a bar of 0, where there is none); the hover says what the SD is of and n."""
    fig = go.Figure()
    for index, course in enumerate(courses):
        color = MODEL_COLORS[index % len(MODEL_COLORS)]
        spread = course.get("spread") or [None] * len(course["times_h"])
        fig.add_trace(
            go.Scatter(
                x=course["times_h"],
                y=course["mean"],
                mode="lines+markers",
                name=f"{course['condition']} ({_n_range(course['n'])})",
                error_y={"type": "data", "array": list(course["sd"]), "visible": True},
                text=[
                    "—"
                    if mean is None
                    else f"{t:g} h: {formatting.number(mean, 4)}"
                    + (f" ± {formatting.number(sd, 2)}" if sd is not None else "")
                    + (f" {unit}" if unit else "")
                    + f"<br>{SPREAD_WORDS.get(sp, '')}, n = {n}"
                    for t, mean, sd, n, sp in zip(
                        course["times_h"], course["mean"], course["sd"], course["n"], spread, strict=True
                    )
                ],
                hovertemplate=f"%{{text}}<extra>{course['condition']}</extra>",
                line={"color": color},
                marker={"size": 8},
            )
        )
    kinds = sorted({sp for c in courses for sp in (c.get("spread") or []) if sp}, key=["wells", "runs"].index)
    what = " / ".join(SPREAD_WORDS[k] for k in kinds) or "no replicate spread"
    fig.update_layout(
        title={"text": f"IL-2 over time: mean ± SD ({what})", "x": 0, "font": {"size": 14}},
        height=420,
        xaxis={
            "title": {"text": "Time after stimulation (h)"},
            "tickvals": sorted({t for c in courses for t in c["times_h"]}),
            "automargin": True,
        },
        yaxis={
            "title": {"text": axis_title("IL-2 concentration", unit)},
            "rangemode": "tozero",
            "automargin": True,
        },
        margin={"l": 70, "r": 20, "t": 50, "b": 60},
        plot_bgcolor="#fff",
        legend=_legend_below(),
    )
    return fig.to_plotly_json()


def _n_range(counts) -> str:
    """``n = 3``, or ``n = 2–3`` when the count differs between points (missing counts left out)."""
    values = [int(c) for c in counts if c]
    if not values:
        return "n = 0"
    lo, hi = min(values), max(values)
    return f"n = {lo}" if lo == hi else f"n = {lo}–{hi}"


def _downsample(n: int, limit: int) -> list[int]:
    """Indices of at most ``limit`` evenly spread points of ``n`` (first and last kept)."""
    if n <= limit:
        return list(range(n))
    step = (n - 1) / (limit - 1)
    return sorted({round(i * step) for i in range(limit)})


def _axis_scale(series, mode: str) -> tuple[float, str]:
    """(divisor of the stored axis, x-axis title): wavelengths in nm; times in s, min or h by the span."""
    if mode == "spectral":
        return 1.0, "Wavelength (nm)"
    span = series.axis[-1] if series.axis else 0
    if span > 3 * 3600:
        return 3600.0, "Time (h)"
    if span > 180:
        return 60.0, "Time (min)"
    return 1.0, "Time (s)"


@plain_text
def series_traces_figure(series, *, mode: str, title: str, unit: str = "", max_points: int = 200) -> dict:
    """Per-well traces of a kinetic (x: time) or spectral (x: wavelength) read: one line per well, drawn
    as one trace per plate row (wells separated by gaps) so 1536 wells stay responsive; at most
    ``max_points`` points per well are drawn (the stored series keeps all of them)."""
    scale, x_title = _axis_scale(series, mode)
    if len(series.wells) > 96:  # keep the page light: 1536 wells x 60 points is still every trend
        max_points = min(max_points, max(20, 6000 // max(len(series.wells) // 16, 1)))
    idx = _downsample(len(series.axis), max_points)
    xs = [series.axis[i] / scale for i in idx]
    by_row: dict[str, tuple[list, list, list]] = {}
    row_counts: dict[str, int] = {}
    for w, well in enumerate(series.wells):
        row = well.rstrip("0123456789")
        row_counts[row] = row_counts.get(row, 0) + 1
        x, y, text = by_row.setdefault(row, ([], [], []))
        values = series.values[w]
        for k, i in enumerate(idx):
            v = values[i]
            x.append(xs[k])
            y.append(None if np.isnan(v) else float(v))
            text.append(well)
        x.append(None)
        y.append(None)
        text.append("")
    fig = go.Figure()
    for row, (x, y, text) in by_row.items():
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                text=text,
                mode="lines",
                name=f"row {row} ({_n(row_counts[row], 'wells')})",
                line={"width": 1},
                connectgaps=False,
                hovertemplate="%{text}: %{y:.4g} at %{x:.4g}<extra></extra>",
            )
        )
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=380,
        margin={"l": 70, "r": 20, "t": 40, "b": 50},
        xaxis={"title": {"text": x_title}, "automargin": True},
        yaxis={"title": {"text": axis_title("Signal", unit)}, "automargin": True},
        legend={"font": {"size": 10}},
        template="plotly_white",
    )
    return fig.to_plotly_json()


@plain_text
def well_trace_figure(series, well: str, *, mode: str, unit: str = "", max_points: int = 2000) -> dict | None:
    """One well's kinetic (or spectral) trace, every stored point up to ``max_points``: the plate page's
    per-well view (its well chooser redraws it, in the browser, from the all-wells figure's points)."""
    if well not in series.wells:
        return None
    scale, x_title = _axis_scale(series, mode)
    idx = _downsample(len(series.axis), max_points)
    values = series.values[series.wells.index(well)]
    fig = go.Figure(
        go.Scatter(
            x=[series.axis[i] / scale for i in idx],
            y=[None if np.isnan(values[i]) else float(values[i]) for i in idx],
            mode="lines+markers",
            name=well,
            line={"width": 2, "color": "#1f4e8c"},
            marker={"size": 4},
            hovertemplate=f"{well}: %{{y:.4g}} at %{{x:.4g}}<extra></extra>",
        )
    )
    fig.update_layout(
        title={
            "text": f"Well {well} ({_n(len(idx), 'time points' if mode != 'spectral' else 'wavelengths')})",
            "x": 0,
            "font": {"size": 14},
        },
        height=320,
        margin={"l": 70, "r": 20, "t": 40, "b": 50},
        xaxis={"title": {"text": x_title}, "automargin": True},
        yaxis={"title": {"text": axis_title("Signal", unit)}, "automargin": True},
        showlegend=False,
        template="plotly_white",
    )
    return fig.to_plotly_json()


def sparkline_grid(series, rows: int, columns: int, *, max_points: int = 40) -> dict:
    """A plate of sparklines: for every well its series as an SVG polyline path (0..100 x 0..30 box), on
    one y scale for the whole plate (so wells compare by eye), with the well's min and max for the title."""
    finite = series.values[~np.isnan(series.values)] if series.values.size else np.array([])
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    span = (hi - lo) or 1.0
    idx = _downsample(len(series.axis), max_points)
    n = max(len(idx) - 1, 1)
    cells: dict[str, dict] = {}
    for w, well in enumerate(series.wells):
        values = series.values[w]
        parts = []
        pen = "M"
        for k, i in enumerate(idx):
            v = values[i]
            if np.isnan(v):
                pen = "M"
                continue
            parts.append(f"{pen}{100 * k / n:.1f} {30 - 28 * (float(v) - lo) / span - 1:.1f}")
            pen = "L"
        row_finite = values[~np.isnan(values)]
        cells[well] = {
            "path": " ".join(parts),
            "title": f"{well}: {float(row_finite.min()):.4g} to {float(row_finite.max()):.4g}"
            if row_finite.size
            else f"{well}: no values",
        }
    grid = []
    for r in range(rows):
        label = row_labels(rows)[r]
        grid.append((label, [cells.get(f"{label}{c + 1}") for c in range(columns)]))
    return {"rows": grid, "low": lo, "high": hi}
