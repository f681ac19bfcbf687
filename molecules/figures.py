"""Plotly figures of the molecules app: pure functions from stored numbers to a figure dict."""

from __future__ import annotations

import math

from il2portal import formatting
from il2portal.plottext import axis_title, log_axis, plain_text

STATUS_COLOURS = {"in_control": "#1f6f8b", "warning": "#b7791f", "rejection": "#c0392b", "missing": "#999"}
STATUS_WORDS = {
    "in_control": "in control",
    "warning": "warning (1-2s)",
    "rejection": "rejected (Westgard)",
    "missing": "no value",
}


@plain_text
def selectivity_figure(rows: list[dict], *, unit: str | None, pos_cells: str, neg_cells: str) -> dict:
    """Log–log scatter of each molecule's EC50 on CD25⁺ cells (x) against CD25⁻ cells (y), with 95 %
    CIs as error bars, the wild type marked and the line of equal EC50."""
    traces = []
    xs: list[float] = []
    for row in sorted(rows, key=lambda r: bool(r.get("is_wild_type"))):  # the wild type drawn on top
        pos, neg = row["cd25_pos"], row["cd25_neg"]
        if not (pos.get("estimable") and neg.get("estimable")):
            continue
        x, y = pos["ec50"], neg["ec50"]
        xs += [x, y]
        ci_x, ci_y = pos.get("ci95"), neg.get("ci95")
        wt = row.get("is_wild_type")
        fold = (row.get("fold_loss_cd25_dependence") or {}).get("estimate")
        hover = (
            f"{row['molecule']}<br>CD25⁺ EC50 {formatting.quantity(x, unit)}<br>CD25⁻ EC50 "
            f"{formatting.quantity(y, unit)}<br>ratio CD25⁻/CD25⁺ {formatting.number(row['ratio']['estimate'])}"
            + (f"<br>fold loss of CD25 dependence {formatting.number(fold)}" if fold else "")
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": row["molecule"] + (" (wild type)" if wt else ""),
                "x": [x],
                "y": [y],
                "hovertext": [hover],
                "hoverinfo": "text",
                "marker": {
                    "size": 15 if wt else 10,
                    "symbol": "star" if wt else "circle",
                    "opacity": 1 if wt else 0.8,
                    "line": {"width": 1, "color": "#fff"},
                },
                "error_x": {
                    "type": "data",
                    "symmetric": False,
                    "array": [ci_x[1] - x],
                    "arrayminus": [x - ci_x[0]],
                }
                if ci_x
                else {"visible": False},
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": [ci_y[1] - y],
                    "arrayminus": [y - ci_y[0]],
                }
                if ci_y
                else {"visible": False},
            }
        )
    low, high = (min(xs), max(xs)) if xs else (0.001, 10)
    lo, hi = low / 3, high * 3
    traces.append(
        {
            "type": "scatter",
            "mode": "lines",
            "name": "equal EC50 on both cells",
            "x": [lo, hi],
            "y": [lo, hi],
            "line": {"dash": "dot", "color": "#888"},
            "hoverinfo": "skip",
        }
    )
    axis = log_axis(low, high, pad=3)
    return {
        "data": traces,
        "layout": {
            "title": {"text": "EC50 on CD25⁺ against CD25⁻ cells"},
            "xaxis": {**axis, "title": {"text": axis_title(f"EC50 on {pos_cells}", unit)}},
            "yaxis": {**axis, "title": {"text": axis_title(f"EC50 on {neg_cells}", unit)}},
            "legend": {"orientation": "h", "y": -0.25},
            "margin": {"t": 50, "r": 20},
            "height": 460,
        },
    }


@plain_text
def control_chart_figure(chart, *, title: str) -> dict:
    """A Levey–Jennings chart: each run's value in time order, the baseline mean and ±1/2/3 SD lines,
    points coloured by their Westgard status."""
    points = [p for p in chart.points if p["value"] is not None]
    x = [p["o"].date.isoformat() for p in points]
    traces = []
    for status in ("in_control", "warning", "rejection"):
        chosen = [p for p in points if p["status"] == status]
        if not chosen:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"{STATUS_WORDS[status]} (n = {len(chosen)})",
                "x": [p["o"].date.isoformat() for p in chosen],
                "y": [p["value"] for p in chosen],
                "marker": {
                    "size": 9,
                    "color": STATUS_COLOURS[status],
                    "symbol": ["circle" if p["baseline"] else "diamond" for p in chosen],
                },
                "hovertext": [
                    f"{p['o'].run_name} ({p['o'].date.isoformat()})<br>{chart.label} "
                    f"{formatting.quantity(p['value'], chart.unit) if chart.unit else formatting.number(p['value'])}"
                    + (f"<br>z = {formatting.number(p['z'])}" if p["z"] is not None else "")
                    + (f"<br>Westgard: {', '.join(p['completes'])}" if p["completes"] else "")
                    + ("<br>baseline run" if p["baseline"] else "")
                    for p in chosen
                ],
                "hoverinfo": "text",
                "customdata": [p["o"].run_url for p in chosen],
            }
        )
    shapes = []
    annotations = []
    if chart.limits and x:
        lines = [(0, chart.limits["center"], "mean", "#1f6f8b", "solid")]
        for limit in chart.limits["limits"]:
            colour = {1: "#9ab", 2: "#b7791f", 3: "#c0392b"}[limit["k"]]
            lines += [
                (limit["k"], limit["upper_value"], f"+{limit['k']} SD", colour, "dash"),
                (-limit["k"], limit["lower_value"], f"−{limit['k']} SD", colour, "dash"),
            ]
        for _k, value, name, colour, dash in lines:
            shapes.append(
                {
                    "type": "line",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "y0": value,
                    "y1": value,
                    "line": {"color": colour, "dash": dash, "width": 1},
                }
            )
            annotations.append(
                {
                    "xref": "paper",
                    "x": 1.0,
                    "xanchor": "left",
                    "y": value,
                    "text": name,
                    "showarrow": False,
                    "font": {"size": 10, "color": colour},
                }
            )
    values = [p["value"] for p in points]
    if chart.limits:
        values += [lim[k] for lim in chart.limits["limits"] for k in ("lower_value", "upper_value")]
    yaxis: dict = {"title": {"text": axis_title(chart.label, chart.unit)}, "automargin": True}
    if chart.log and values and min(values) > 0 and max(values) / min(values) > 10:
        yaxis.update(
            log_axis(min(values), max(values), pad=1.15)
        )  # within a decade a linear axis reads better
    return {
        "data": traces,
        "layout": {
            "title": {"text": title},
            "xaxis": {"title": {"text": "Run date"}, "type": "date", "automargin": True},
            "yaxis": yaxis,
            "shapes": shapes,
            "annotations": annotations,
            "legend": {"orientation": "h", "y": -0.22},
            "margin": {"t": 50, "r": 60},
            "height": 420,
        },
    }


def finite(value) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)
