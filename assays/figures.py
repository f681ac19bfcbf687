"""Plotly figures of the assays app: pure functions from plain data to a figure dict."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from assays.analysis.curves import get_model
from assays.readers.base import row_letter
from il2portal import formatting
from il2portal.plottext import plain_text

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


@plain_text
def plate_heatmap(
    values: list[list[float | None]], flags: list[list[str | None]], *, title: str, unit: str = ""
) -> dict:
    """A heatmap laid out as the plate (A1 top left); flagged wells marked with a symbol."""
    n_rows, n_cols = len(values), len(values[0]) if values else 0
    rows = row_labels(n_rows)
    cols = [str(c + 1) for c in range(n_cols)]
    hover = [
        [
            f"{rows[r]}{c + 1}: "
            + ("—" if values[r][c] is None else f"{values[r][c]:.6g}")
            + (f" ({flags[r][c]})" if flags[r][c] else "")
            for c in range(n_cols)
        ]
        for r in range(n_rows)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=cols,
            y=rows,
            text=hover,
            hoverinfo="text",
            colorscale="Viridis",
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": unit, "side": "right"}, "thickness": 14},
        )
    )
    for flag, symbol in FLAG_SYMBOLS.items():
        xs, ys, texts = [], [], []
        for r in range(n_rows):
            for c in range(n_cols):
                if flags[r][c] == flag:
                    xs.append(cols[c])
                    ys.append(rows[r])
                    texts.append(f"{rows[r]}{c + 1}: {flag}")
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="markers",
                    name=flag,
                    text=texts,
                    hoverinfo="text",
                    marker={
                        "symbol": symbol,
                        "size": 12 if n_cols <= 12 else 7,
                        "color": "#e4572e",
                        "line": {"width": 2, "color": "#e4572e"},
                    },
                )
            )
    cell = 44 if n_cols <= 12 else (22 if n_cols <= 24 else 12)
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 14}},
        yaxis={"autorange": "reversed", "type": "category", "scaleanchor": "x", "constrain": "domain"},
        xaxis={"type": "category", "side": "top", "constrain": "domain"},
        height=max(260, n_rows * cell + 110),
        margin={"l": 40, "r": 20, "t": 70, "b": 20},
        plot_bgcolor="#fff",
        paper_bgcolor="#fff",
        showlegend=any(len(t.x or []) for t in fig.data[1:]),
        legend={"orientation": "h", "y": -0.05},
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


@plain_text
def standard_curve_figure(result: dict, points: list[dict], *, title: str, unit: str = "") -> dict:
    """Standards (replicates and means), the fitted curve, the LLOQ–ULOQ band, samples placed on the curve
    and excluded wells marked. ``points``: [{well, nominal, signal, excluded}] of standard wells."""
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
    used = [p for p in points if not p["excluded"] and p["signal"] is not None and p["nominal"]]
    excluded = [p for p in points if p["excluded"] and p["signal"] is not None and p["nominal"]]
    fig.add_trace(
        go.Scatter(
            x=[p["nominal"] for p in used],
            y=[p["signal"] for p in used],
            mode="markers",
            name="replicates",
            marker={"color": "#9db4d3", "size": 7},
            text=[p["well"] for p in used],
            hovertemplate="%{text}: %{x:.4g} → %{y:.4g}<extra></extra>",
        )
    )
    if excluded:
        fig.add_trace(
            go.Scatter(
                x=[p["nominal"] for p in excluded],
                y=[p["signal"] for p in excluded],
                mode="markers",
                name="excluded",
                marker={"symbol": "x", "color": "#b3261e", "size": 10},
                text=[p["well"] for p in excluded],
                hovertemplate="%{text} (excluded): %{x:.4g} → %{y:.4g}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[s["nominal"] for s in standards],
            y=[s["mean_signal"] for s in standards],
            mode="markers",
            name="standard means",
            marker={
                "color": [
                    "#17803d" if s.get("passed") else ("#b3261e" if s.get("passed") is False else "#5b6478")
                    for s in standards
                ],
                "size": 10,
                "symbol": "diamond",
                "line": {"color": "#fff", "width": 1},
            },
            text=[
                f"{s['group']}: recovery {s['recovery_pct']:.1f}%"
                if s.get("recovery_pct") is not None
                else s["group"]
                for s in standards
            ],
            hovertemplate="%{text}<extra></extra>",
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
                name=f"{curve.get('model', '')} fit",
                line={"color": "#1f4e8c", "width": 2},
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
                name="samples",
                marker={"color": "#e4572e", "size": 9, "symbol": "circle-open", "line": {"width": 2}},
                text=[
                    f"{s.get('sample') or s.get('group')}: {formatting.quantity(s['concentration'], unit)}"
                    for s in samples
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    xs_all = nominals + [s["concentration"] for s in samples if s["concentration"] > 0]
    x_range = [math.log10(min(xs_all) / 2), math.log10(max(xs_all) * 2)] if xs_all else None
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 14}},
        height=430,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        xaxis={
            "type": "log",
            "title": f"concentration ({unit})" if unit else "concentration",
            "gridcolor": "#eef1f6",
            "range": x_range,
        },
        yaxis={
            "title": "signal",
            "gridcolor": "#eef1f6",
            "type": "log" if curve.get("model") == "loglog" else "linear",
        },
        plot_bgcolor="#fff",
        legend={"orientation": "h", "y": -0.2},
    )
    return fig.to_plotly_json()


@plain_text
def recovery_figure(result: dict, *, title: str = "Back-calculated standards (% recovery)") -> dict:
    """Residual view a reviewer reads first: % recovery of each standard against its acceptance band."""
    standards = [s for s in result.get("standards", []) if s.get("recovery_pct") is not None]
    fig = go.Figure(
        go.Bar(
            x=[s["group"] for s in standards],
            y=[s["recovery_pct"] - 100 for s in standards],
            base=100,
            marker={"color": ["#17803d" if s.get("passed") else "#b3261e" for s in standards]},
            text=[f"{s['recovery_pct']:.1f}%" for s in standards],
            textposition="outside",
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    for y in (80, 120):
        fig.add_hline(y=y, line={"dash": "dot", "color": "#8a5a00"})
    fig.add_hline(y=100, line={"color": "#5b6478"})
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 14}},
        height=300,
        yaxis={"title": "% of nominal"},
        margin={"l": 60, "r": 20, "t": 50, "b": 40},
        plot_bgcolor="#fff",
        showlegend=False,
    )
    return fig.to_plotly_json()


@plain_text
def potency_figure(result: dict, points: list[dict], *, unit: str = "") -> dict:
    """Reference and test curves (each its own 4PL), with the observed responses."""
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
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=name + (" (reference)" if curve.get("role") == "reference" else ""),
                    legendgroup=name,
                    line={"color": color, "width": 3 if curve.get("role") == "reference" else 2},
                )
            )
    fig.update_layout(
        title={"text": "Dose–response: reference and test samples", "x": 0, "font": {"size": 14}},
        height=430,
        xaxis={"type": "log", "title": f"dose ({unit})" if unit else "dose", "gridcolor": "#eef1f6"},
        yaxis={"title": "response (fold induction)", "gridcolor": "#eef1f6"},
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        plot_bgcolor="#fff",
        legend={"orientation": "h", "y": -0.2},
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
                name=course["condition"],
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
            "title": "hours after stimulation",
            "tickvals": sorted({t for c in courses for t in c["times_h"]}),
        },
        yaxis={"title": f"concentration ({unit})" if unit else "concentration", "rangemode": "tozero"},
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        plot_bgcolor="#fff",
        legend={"orientation": "h", "y": -0.2},
    )
    return fig.to_plotly_json()


def _downsample(n: int, limit: int) -> list[int]:
    """Indices of at most ``limit`` evenly spread points of ``n`` (first and last kept)."""
    if n <= limit:
        return list(range(n))
    step = (n - 1) / (limit - 1)
    return sorted({round(i * step) for i in range(limit)})


@plain_text
def series_traces_figure(series, *, mode: str, title: str, unit: str = "", max_points: int = 200) -> dict:
    """Per-well traces of a kinetic (x: time) or spectral (x: wavelength) read: one line per well, drawn
    as one trace per plate row (wells separated by gaps) so 1536 wells stay responsive; at most
    ``max_points`` points per well are drawn (the stored series keeps all of them)."""
    spectral = mode == "spectral"
    scale = 1.0
    x_title = "Wavelength (nm)"
    if not spectral:
        span = series.axis[-1] if series.axis else 0
        scale, x_title = (
            (3600.0, "Time (h)")
            if span > 3 * 3600
            else (60.0, "Time (min)")
            if span > 180
            else (
                1.0,
                "Time (s)",
            )
        )
    if len(series.wells) > 96:  # keep the page light: 1536 wells x 60 points is still every trend
        max_points = min(max_points, max(20, 6000 // max(len(series.wells) // 16, 1)))
    idx = _downsample(len(series.axis), max_points)
    xs = [series.axis[i] / scale for i in idx]
    by_row: dict[str, tuple[list, list, list]] = {}
    for w, well in enumerate(series.wells):
        row = well.rstrip("0123456789")
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
                name=f"row {row}",
                line={"width": 1},
                connectgaps=False,
                hovertemplate="%{text}: %{y:.4g} at %{x:.4g}<extra></extra>",
            )
        )
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=380,
        margin={"l": 60, "r": 20, "t": 40, "b": 45},
        xaxis={"title": x_title},
        yaxis={"title": unit or "Signal"},
        legend={"font": {"size": 10}},
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
