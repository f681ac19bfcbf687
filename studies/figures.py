"""Plotly figures of the studies pages, as plain dicts (``{"data", "layout", "config"}``).

Pure functions of analysis results (no Django). Dicts rather than ``plotly.graph_objects`` because
the spaghetti plot of a 200-animal study has 200 traces and building validated graph objects for
them costs more than the whole rest of the dashboard; the dicts follow plotly.js's schema and
``plotly.graph_objects.Figure(fig)`` accepts every one of them (tested). Every figure can be
downloaded as PNG from its modebar (plotly.js ``toImage``; no server involved).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from il2portal import formatting
from il2portal.plottext import axis_title, log_axis, log_ticks, plain_text

CONTROL_COLOR = "#5b6478"
UNASSIGNED_COLOR = "#a3aabb"
PALETTE = ("#2f6fba", "#0f9d8a", "#d9822b", "#b83280", "#7b61c4", "#8a6d1f", "#1b998b", "#c2410c")
ENDPOINT_COLOR = "#b3261e"
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif", "size": 12}


def arm_colors(arms: Sequence[tuple[Any, bool]]) -> dict:
    """Colour per arm id from ``(arm id, is_control)`` in display order; controls are grey."""
    colors: dict = {}
    k = 0
    for arm_id, is_control in arms:
        if is_control:
            colors[arm_id] = CONTROL_COLOR
        else:
            colors[arm_id] = PALETTE[k % len(PALETTE)]
            k += 1
    colors.setdefault("unassigned", UNASSIGNED_COLOR)
    return colors


def _r(values, digits: int = 1) -> list:
    """Rounded for the browser: the plots need no more, and the page stays small."""
    return [None if v is None else round(v, digits) for v in values]


def _config(filename: str) -> dict:
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "scale": 2,
            "width": 1000,
            "height": 560,
        },
    }


def day_ticks(days: Sequence[float]) -> dict:
    """Whole-day ticks: a step of 1, 2, 5, 7, 10, 14, 20 … days giving at most ~12 ticks."""
    if not days:
        return {}
    span = max(days) - min(0, min(days))
    for step in (1, 2, 5, 7, 10, 14, 20, 28, 30, 50, 100):
        if span / step <= 12:
            return {"tick0": 0, "dtick": step}
    return {}


def _layout(
    title: str, x_title: str, y_title: str, *, days: Sequence[float] = (), legend_rows: int = 1, **extra
) -> dict:
    layout = {
        "title": {"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 14}},
        "font": FONT,
        "margin": {"l": 64, "r": 18, "t": 48, "b": 74 + 20 * legend_rows},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hovermode": "closest",
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 0.005,
            "yanchor": "bottom",
            "font": {"size": 11},
        },
        "xaxis": {
            "title": {"text": x_title, "standoff": 6},
            "zeroline": False,
            "gridcolor": "#eef1f6",
            "linecolor": "#c9d0dc",
            "showline": True,
            "ticks": "outside",
            "automargin": True,
            **day_ticks(days),
        },
        "yaxis": {
            "title": {"text": y_title},
            "zeroline": False,
            "gridcolor": "#eef1f6",
            "linecolor": "#c9d0dc",
            "showline": True,
            "ticks": "outside",
            "rangemode": "tozero",
            "automargin": True,
        },
    }
    layout.update(extra)
    return layout


def _endpoint_trace(days: Sequence[float], volume: float, name: str = "endpoint") -> dict:
    lo, hi = (min(days), max(days)) if days else (0, 1)
    return {
        "type": "scatter",
        "mode": "lines",
        "x": [lo, hi],
        "y": [volume, volume],
        "name": f"{name} {volume:g} mm³",
        "line": {"color": ENDPOINT_COLOR, "dash": "dash", "width": 1.2},
        "hoverinfo": "skip",
    }


def _scale_buttons(
    axes: Sequence[str] = ("yaxis",), values: Sequence[float | None] = (), *, y: float = 1.13
) -> list[dict]:
    """Linear / Log buttons for the y axes named (all switch together); the log axis gets ticks written
    out as numbers (10, 20, 50, 100 …: plottext.log_ticks), never plotly's "2 5 2 5" digits."""
    positive = [v for v in values if v is not None and v > 0]
    ticks = log_ticks(min(positive), max(positive)) if positive else {}
    linear: dict = {}
    log: dict = {}
    for axis in axes:
        linear.update({f"{axis}.type": "linear", f"{axis}.rangemode": "tozero", f"{axis}.tickmode": "auto"})
        log.update({f"{axis}.type": "log", f"{axis}.autorange": True})
        if ticks:
            log.update(
                {
                    f"{axis}.tickmode": "array",
                    f"{axis}.tickvals": ticks["tickvals"],
                    f"{axis}.ticktext": ticks["ticktext"],
                }
            )
    return [
        {
            "type": "buttons",
            "direction": "right",
            "x": 1,
            "xanchor": "right",
            "y": y,
            "yanchor": "top",
            "showactive": True,
            "active": 0,
            "pad": {"r": 0, "t": 0},
            "font": {"size": 11},
            "buttons": [
                {"label": "Linear", "method": "relayout", "args": [linear]},
                {"label": "Log", "method": "relayout", "args": [log]},
            ],
        }
    ]


def _curve_points(points: Sequence[Mapping], value: str, error: str) -> tuple[list, list, list, list]:
    """x, y, error and raw points of a group's mean curve: days with n > 0, y and error None on days off
    the curve (fewer than the study's share of the group measured, ``in_curve`` false), and nothing
    after the curve's last day, so the line stops there (DOMAIN.md §8)."""
    pts = [p for p in points if p["n"]]
    on = [i for i, p in enumerate(pts) if p.get("in_curve", True)]
    pts = pts[: on[-1] + 1] if on else []
    x = [p["day"] for p in pts]
    y = [p[value] if p.get("in_curve", True) else None for p in pts]
    err = [(p[error] or 0) if p.get("in_curve", True) else None for p in pts]
    return x, y, err, pts


def _pct(fraction) -> str:
    return f"{float(fraction) * 100:g} %"


@plain_text
def growth_figure(
    growth: Mapping, colors: Mapping, *, endpoint_mm3: float | None = None, filename: str = "tumor-growth"
) -> dict:
    """Group mean ± SEM tumor volume by study day, one line per arm, error bars; linear/log toggle.
    A group's line stops when fewer than ``mean_curve_min_fraction`` of its animals remain (survivor
    bias); the hover gives n of N and the SEM ("n/a" for a single animal)."""
    data = []
    days_all: list[float] = []
    frac = growth.get("mean_curve_min_fraction", 0.5)
    for g in growth.get("groups", []):
        x, y, err, pts = _curve_points(g["series"], "mean_volume", "sem_volume")
        days_all += [s["day"] for s in g["series"] if s["n"]]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": f"{g['name']} (n = {g['n_animals']})",
                "x": x,
                "y": _r(y),
                "connectgaps": False,
                "error_y": {
                    "type": "data",
                    "array": _r(err),
                    "visible": True,
                    "thickness": 1.2,
                    "width": 3,
                },
                "customdata": [
                    [
                        p["n"],
                        g["n_animals"],
                        f"{p['sem_volume']:.0f}" if p.get("sem_volume") is not None else "n/a (n = 1)",
                    ]
                    for p in pts
                ],
                "line": {"color": colors.get(g["group"], UNASSIGNED_COLOR), "width": 2},
                "marker": {"size": 6},
                "hovertemplate": "Day %{x}<br>%{y:.0f} mm³, SEM %{customdata[2]}"
                "<br>n = %{customdata[0]} of %{customdata[1]}"
                f"<extra>{g['name']}</extra>",
            }
        )
    if endpoint_mm3 and days_all:
        data.append(_endpoint_trace(days_all, endpoint_mm3))
    layout = _layout(
        "Tumor volume, mean ± SEM"
        f"<br><sup>each group's curve stops when fewer than {_pct(frac)} of its animals remain "
        "(later means are of the survivors); n per point in the hover</sup>",
        "Day (day 0 = implant)",
        "Tumor volume (mm³)",
        days=days_all,
        updatemenus=_scale_buttons(
            ("yaxis",),
            [
                v
                for g in growth.get("groups", [])
                for v in _curve_points(g["series"], "mean_volume", "sem_volume")[1]
            ],
        ),
    )
    layout["margin"]["t"] = 64
    return {"data": data, "layout": layout, "config": _config(filename)}


SPAGHETTI_COLUMNS = 3  # at most; 2 × 2 for four arms, so an arm's name fits above its panel at 680 px
SPAGHETTI_PANEL_HEIGHT = 210  # px per row of panels


@plain_text
def spaghetti_figure(
    growth: Mapping,
    colors: Mapping,
    names: Mapping,
    *,
    endpoint_mm3: float | None = None,
    filename: str = "tumor-growth-per-animal",
) -> dict:
    """One small panel per arm (the study's arm order, then animals not randomised), one line per
    animal in it, on shared axes so panels compare by eye; each panel titled with its arm and n (its
    animals with a measurement); an animal that left the study ends with ✕; the endpoint volume dashed
    in every panel; a linear/log switch for all panels."""
    by_group: dict = {}
    for a in growth.get("animals", []):
        if a["days"]:
            by_group.setdefault(a["group"], []).append(a)
    order = [g["group"] for g in growth.get("groups", []) if g["group"] in by_group]
    order += [g for g in by_group if g not in order]
    n_panels = max(len(order), 1)
    columns = 2 if n_panels == 4 else min(SPAGHETTI_COLUMNS, n_panels)
    rows = -(-n_panels // columns)
    gap_x = 0.035
    plot_height = rows * SPAGHETTI_PANEL_HEIGHT + (rows - 1) * 70  # px; 70 between rows for a title
    gap_y = 70 / plot_height
    width = (1 - gap_x * (columns - 1)) / columns
    height = (1 - gap_y * (rows - 1)) / rows
    days_all = [d for animals in by_group.values() for a in animals for d in a["days"]]
    volumes_all = [v for animals in by_group.values() for a in animals for v in a["volumes"]]
    data: list[dict] = []
    layout = _layout(
        "Tumor volume per animal, one panel per arm",
        "Day (day 0 = implant)",
        "Tumor volume (mm³)",
        days=days_all,
    )
    x_base, y_base = layout.pop("xaxis"), layout.pop("yaxis")
    annotations = []
    axes_y = []
    for k, g in enumerate(order or [None]):
        row, col = divmod(k, columns)
        suffix = "" if k == 0 else str(k + 1)
        x0 = col * (width + gap_x)
        y1 = 1 - row * (height + gap_y)
        bottom_row = row == rows - 1 or k + columns >= n_panels
        layout[f"xaxis{suffix}"] = {
            **x_base,
            "domain": [x0, x0 + width],
            "anchor": f"y{suffix}",
            "title": {"text": ""},  # one title for all panels, below them (an annotation)
            "showticklabels": bottom_row,
            "automargin": True,
            **({"matches": "x"} if k else {}),
        }
        layout[f"yaxis{suffix}"] = {
            **y_base,
            "domain": [max(y1 - height, 0), y1],
            "anchor": f"x{suffix}",
            "title": y_base["title"] if col == 0 else {"text": ""},
            "showticklabels": col == 0,
            "automargin": True,
            **({"matches": "y"} if k else {}),
        }
        axes_y.append(f"yaxis{suffix}")
        if g is None:
            continue
        animals = by_group[g]
        color = colors.get(g, UNASSIGNED_COLOR)
        name = names.get(g, str(g))
        annotations.append(
            {
                "text": f"<b>{name}</b> (n = {len(animals)})",
                "xref": "paper",
                "yref": "paper",
                "x": x0,
                "xanchor": "left",
                "y": y1,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12, "color": color if color != UNASSIGNED_COLOR else "#5b6478"},
            }
        )
        for a in animals:
            symbols = ["circle"] * len(a["days"])
            if a.get("exit_reason") in ("endpoint_euthanasia", "found_dead", "euthanasia_other"):
                symbols[-1] = "x"
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": list(a["days"]),
                    "y": _r(a["volumes"]),
                    "name": f"{name} (n = {len(animals)})",
                    "legendgroup": str(g),
                    "showlegend": False,
                    "line": {"color": color, "width": 1.2},
                    "marker": {"size": [4] * (len(symbols) - 1) + [7], "symbol": symbols},
                    "opacity": 0.85,
                    "xaxis": f"x{suffix}",
                    "yaxis": f"y{suffix}",
                    "hovertemplate": f"{a['animal']} · {name}<br>day %{{x}}: %{{y:.0f}} mm³<extra></extra>",
                }
            )
        if endpoint_mm3 and days_all:
            data.append(
                {
                    **_endpoint_trace(days_all, endpoint_mm3),
                    "xaxis": f"x{suffix}",
                    "yaxis": f"y{suffix}",
                    "legendgroup": "endpoint",
                    "showlegend": k == 0,
                }
            )
    annotations.append(
        {
            "text": x_base["title"]["text"],
            "xref": "paper",
            "yref": "paper",
            "x": 0.5,
            "xanchor": "center",
            "y": 0,
            "yanchor": "top",
            "yshift": -28,
            "showarrow": False,
            "font": {"size": 12},
        }
    )
    layout["annotations"] = annotations
    layout["height"] = plot_height + 184
    layout["margin"] = {"l": 64, "r": 18, "t": 84, "b": 100}
    layout["updatemenus"] = _scale_buttons(axes_y, volumes_all, y=1 + 72 / plot_height)
    layout["showlegend"] = bool(endpoint_mm3 and days_all)
    return {"data": data, "layout": layout, "config": _config(filename)}


@plain_text
def weight_figure(
    growth: Mapping, colors: Mapping, *, weight_loss_pct: float | None = None, filename: str = "body-weight"
) -> dict:
    """Body-weight % change from baseline, group mean ± SEM, with the weight-loss endpoint; curves stop
    like the tumor-volume means (survivor bias)."""
    data = []
    days_all: list[float] = []
    for g in growth.get("groups", []):
        days, y, err, pts = _curve_points(g.get("body_weight", []), "mean_pct", "sem_pct")
        if not pts:
            continue
        days_all += days
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": f"{g['name']} (n = {g['n_animals']})" if g.get("n_animals") else g["name"],
                "x": days,
                "y": _r(y, 2),
                "connectgaps": False,
                "error_y": {
                    "type": "data",
                    "array": _r(err, 2),
                    "visible": True,
                    "thickness": 1.2,
                    "width": 3,
                },
                "customdata": [w["n"] for w in pts],
                "line": {"color": colors.get(g["group"], UNASSIGNED_COLOR), "width": 2},
                "marker": {"size": 6},
                "hovertemplate": "Day %{x}<br>%{y:+.1f} % ± %{error_y.array:.1f}<br>n = %{customdata}"
                f"<extra>{g['name']}</extra>",
            }
        )
    if weight_loss_pct and days_all:
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": [min(days_all), max(days_all)],
                "y": [-weight_loss_pct, -weight_loss_pct],
                "name": f"endpoint −{weight_loss_pct:g} %",
                "line": {"color": ENDPOINT_COLOR, "dash": "dash", "width": 1.2},
                "hoverinfo": "skip",
            }
        )
    layout = _layout(
        "Body weight, % change from baseline (mean ± SEM)",
        "Day (day 0 = implant)",
        "Body weight change (%)",
        days=days_all,
        legend_rows=1 + len(data) // 4,
    )
    layout["yaxis"]["rangemode"] = "normal"
    layout["yaxis"]["zeroline"] = True
    layout["yaxis"]["zerolinecolor"] = "#c9d0dc"
    return {"data": data, "layout": layout, "config": _config(filename)}


@plain_text
def km_figure(survival: Mapping, colors: Mapping, *, filename: str = "kaplan-meier") -> dict:
    """Kaplan–Meier curves (steps, + for censored animals), numbers at risk below the plot, and the
    log-rank test in the title."""
    curves = survival.get("curves", [])
    data = []
    n_groups = len(curves)
    for c in curves:
        color = colors.get(c["group"], UNASSIGNED_COLOR)
        times, surv = list(c["times"]), [s * 100 for s in c["survival"]]
        last_t = max([*c["censored_times"], times[-1] if times else 0])
        if times and last_t > times[-1]:
            times.append(last_t)
            surv.append(surv[-1])
        n_start = max(
            [r["n"] for r in c.get("at_risk_table") or []] + list(c.get("at_risk") or [])[:1], default=0
        )
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": times,
                "y": surv,
                "name": f"{c['name']} (n = {n_start})" if n_start else c["name"],
                "legendgroup": str(c["group"]),
                "line": {"shape": "hv", "color": color, "width": 2.2},
                "hovertemplate": f"Day %{{x}}: %{{y:.1f}} % surviving<extra>{c['name']}</extra>",
                "xaxis": "x",
                "yaxis": "y",
            }
        )
        cens_y = []
        for t in c["censored_times"]:
            s = 100.0
            for tt, ss in zip(c["times"], c["survival"], strict=False):
                if tt <= t:
                    s = ss * 100
            cens_y.append(s)
        if c["censored_times"]:
            data.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "x": c["censored_times"],
                    "y": cens_y,
                    "name": f"{c['name']} censored",
                    "legendgroup": str(c["group"]),
                    "showlegend": False,
                    "marker": {"symbol": "line-ns-open", "size": 10, "color": color, "line": {"width": 2}},
                    "hovertemplate": f"Censored day %{{x}}<extra>{c['name']}</extra>",
                    "xaxis": "x",
                    "yaxis": "y",
                }
            )
    # numbers at risk: one text row per group on a second y axis under the plot
    risk_rows = []
    for i, c in enumerate(curves):
        table = c.get("at_risk_table") or []
        risk_rows.append(
            {
                "type": "scatter",
                "mode": "text",
                "x": [r["time"] for r in table],
                "y": [i] * len(table),
                "text": [str(r["n"]) for r in table],
                "textfont": {"color": colors.get(c["group"], UNASSIGNED_COLOR), "size": 11},
                "showlegend": False,
                "hoverinfo": "skip",
                "xaxis": "x",
                "yaxis": "y2",
                "cliponaxis": False,
            }
        )
    data += risk_rows
    lr = survival.get("logrank") or {}
    if lr.get("chi2") is not None:
        test = f"log-rank χ² = {lr['chi2']:.2f}, df = {lr['df']}, {formatting.p_equals(lr.get('p'))}"
    else:
        test = "log-rank test not available"
    table_h = min(0.34, 0.06 * max(n_groups, 1) + 0.06)
    tmax = max((t for c in curves for t in [*c["times"], *c["censored_times"]]), default=1.0) or 1.0
    layout = _layout(
        f"Survival (Kaplan–Meier) · {test}", "Day (day 0 = implant)", "Percent surviving", days=[0, tmax]
    )
    layout["yaxis"].update(
        {"domain": [table_h + 0.12, 1], "range": [-3, 105], "rangemode": "normal", "automargin": True}
    )
    layout["xaxis"].update({"anchor": "y", "range": [-0.045 * tmax, tmax * 1.04]})
    layout["yaxis2"] = {
        "domain": [0, table_h],
        "range": [n_groups - 0.5, -0.5],
        "tickvals": list(range(n_groups)),
        "ticktext": [c["name"] for c in curves],
        "tickfont": {"size": 11},
        "showgrid": False,
        "zeroline": False,
        "showline": False,
        "fixedrange": True,
        "automargin": True,
    }
    layout["margin"] = {"l": 64, "r": 18, "t": 78, "b": 24}
    layout["legend"] = {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": 1.0,
        "yanchor": "bottom",
        "font": {"size": 11},
    }
    layout["annotations"] = [
        {
            "text": "Number at risk",
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "xanchor": "left",
            "y": table_h + 0.015,
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 11, "color": "#5b6478"},
        }
    ]
    return {"data": data, "layout": layout, "config": _config(filename)}


@plain_text
def animal_figure(
    rows: Sequence[Mapping],
    *,
    tag: str,
    endpoint_mm3: float,
    events: Sequence[Mapping] = (),
    color: str = PALETTE[0],
) -> dict:
    """One animal: tumor volume (left axis) and body weight (right axis), events as vertical lines."""
    vol = [r for r in rows if r["volume_mm3"] is not None]
    wt = [r for r in rows if r["weight_g"] is not None]
    days = [r["day"] for r in rows] or [0]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "tumor volume (mm³)",
            "x": [r["day"] for r in vol],
            "y": [r["volume_mm3"] for r in vol],
            "line": {"color": color, "width": 2},
            "hovertemplate": "Day %{x}: %{y:.0f} mm³<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "body weight (g)",
            "x": [r["day"] for r in wt],
            "y": [r["weight_g"] for r in wt],
            "yaxis": "y2",
            "line": {"color": "#8a6d1f", "width": 1.5, "dash": "dot"},
            "marker": {"symbol": "square", "size": 5},
            "hovertemplate": "Day %{x}: %{y:.1f} g<extra></extra>",
        },
        _endpoint_trace(days, endpoint_mm3),
    ]
    layout = _layout(
        f"{tag}: tumor volume and body weight", "Day (day 0 = implant)", "Tumor volume (mm³)", days=days
    )
    layout["yaxis2"] = {
        "title": {"text": "Body weight (g)"},
        "overlaying": "y",
        "side": "right",
        "showgrid": False,
        "rangemode": "normal",
        "automargin": True,
    }
    layout["margin"]["r"] = 60
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": e["day"],
            "x1": e["day"],
            "y0": 0,
            "y1": 1,
            "line": {"color": "#8c1d18" if e["exit"] else "#9aa3b5", "dash": "dot", "width": 1},
        }
        for e in events
    ]
    layout["annotations"] = [
        {
            "x": e["day"],
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "text": e["label"],
            "showarrow": False,
            "yanchor": "bottom",
            "font": {"size": 10, "color": "#5b6478"},
        }
        for e in events
    ]
    return {"data": data, "layout": layout, "config": _config(f"animal-{tag}")}


# ---- serum exposure ---------------------------------------------------------------------------------


@plain_text
def concentration_time_figure(pk: Mapping, colors_by_name: Mapping, *, filename: str = "serum-il2") -> dict:
    """Serum concentration against hours after the dose, per arm: each animal a thin line, the arm's
    mean ± SD (of the measured values) as markers; a sample below the LLOQ is an open marker drawn at
    the LLOQ, never at zero; log scale."""
    unit = pk.get("concentration_unit") or ""
    traces = []
    for arm in pk.get("arms") or []:
        color = colors_by_name.get(arm["arm_name"], PALETTE[0])
        for a in (x for x in pk.get("animals") or [] if x["arm_name"] == arm["arm_name"]):
            measured = [p for p in a["points"] if not p["below_lloq"] and p["concentration"]]
            blq = [p for p in a["points"] if p["below_lloq"] and p.get("lloq")]
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": [p["time_h"] for p in measured],
                    "y": [p["concentration"] for p in measured],
                    "line": {"color": color, "width": 1},
                    "opacity": 0.35,
                    "name": str(a["animal_id"]),
                    "legendgroup": arm["arm_name"],
                    "showlegend": False,
                    "hovertemplate": f"{a['animal_id']}: %{{y:.3g}} {unit} at %{{x}} h<extra></extra>",
                }
            )
            if blq:
                traces.append(
                    {
                        "type": "scatter",
                        "mode": "markers",
                        "x": [p["time_h"] for p in blq],
                        "y": [p["lloq"] for p in blq],
                        "marker": {"symbol": "circle-open", "color": color, "size": 7},
                        "name": "below LLOQ (drawn at the LLOQ)",
                        "legendgroup": "blq",
                        "showlegend": False,
                        "hovertemplate": f"{a['animal_id']}: below LLOQ (%{{y:.3g}} {unit}) at %{{x}} h<extra></extra>",
                    }
                )
        points = [c for c in arm["concentration_time"] if c["mean"] is not None]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": [c["nominal_time_h"] for c in points],
                "y": [c["mean"] for c in points],
                "error_y": {"type": "data", "array": [c["sd"] or 0 for c in points], "visible": True},
                "line": {"color": color, "width": 2.5},
                "marker": {"color": color, "size": 8},
                "name": f"{arm['arm_name']} (n = {arm['n_animals']})",
                "legendgroup": arm["arm_name"],
                "hovertemplate": "mean %{y:.3g} " + unit + " at %{x} h<extra>" + arm["arm_name"] + "</extra>",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": [None],
            "y": [None],
            "marker": {"symbol": "circle-open", "color": "#555", "size": 7},
            "name": "below LLOQ (drawn at the LLOQ)",
        }
    )
    layout = _layout(
        "Serum IL-2 after the dose (mean ± SD of measured values; thin lines: each mouse)",
        "Hours after the dose",
        axis_title("Serum concentration", unit),
        legend_rows=2,
    )
    values = [
        v
        for a in pk.get("animals") or []
        for p in a["points"]
        for v in (p["concentration"], p.get("lloq") if p["below_lloq"] else None)
        if v
    ]
    layout["yaxis"].update(
        {**log_axis(min(values), max(values), pad=1.5), "rangemode": "normal"} if values else {"type": "log"}
    )
    layout["xaxis"].pop("dtick", None)
    layout["xaxis"].pop("tick0", None)
    return {"data": traces, "layout": layout, "config": _config(filename)}


@plain_text
def exposure_response_figure(
    er: Mapping,
    colors_by_name: Mapping,
    *,
    unit: str,
    response_label: str,
    filename: str = "exposure-response",
) -> dict:
    """Each animal's exposure (AUC0–last, log scale) against its tumor response, coloured by arm."""
    traces = []
    by_arm: dict = {}
    for p in er.get("points") or []:
        by_arm.setdefault(p["arm_name"], []).append(p)
    for name, points in by_arm.items():
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [p["exposure"] for p in points],
                "y": [p["response"] for p in points],
                "text": [str(p["animal_id"]) for p in points],
                "marker": {"color": colors_by_name.get(name, PALETTE[0]), "size": 10},
                "name": f"{name} (n = {len(points)})",
                "hovertemplate": "%{text}: AUC %{x:.3g}, response %{y:.3g}<extra></extra>",
            }
        )
    overall = er.get("overall") or {}
    rho = overall.get("rho")
    title = "Exposure and tumor response"
    if rho is not None:
        title += f" (Spearman ρ = {rho:.2f}, {formatting.p_equals(overall.get('p'))}, n = {overall.get('n')})"
    layout = _layout(title, axis_title("AUC0–last", f"{unit}·h" if unit else ""), response_label)
    xs = [p["exposure"] for p in er.get("points") or [] if p["exposure"] and p["exposure"] > 0]
    layout["xaxis"].update(log_axis(min(xs), max(xs), pad=1.3) if xs else {"type": "log"})
    layout["xaxis"].pop("dtick", None)
    layout["xaxis"].pop("tick0", None)
    layout["yaxis"]["rangemode"] = "normal"
    return {"data": traces, "layout": layout, "config": _config(filename)}


# ---- combination synergy ---------------------------------------------------------------------------

REFERENCE_COLORS = {"bliss": "#2f6fba", "hsa": "#d9822b"}
REFERENCE_NAMES = {"bliss": "Bliss independence", "hsa": "highest single agent"}


def _synergy_days(synergy: Mapping) -> list[Mapping]:
    return [d for d in synergy.get("days") or [] if d.get("bliss")]


@plain_text
def combination_index_figure(synergy: Mapping, *, filename: str = "combination-index") -> dict:
    """Combination index exp(δ·t) per day with its 95 % CI, for Bliss and HSA; 1 is additivity,
    below 1 synergy (SynergyLMM)."""
    days = _synergy_days(synergy)
    traces = []
    for ref in ("bliss", "hsa"):
        ci = [d[ref]["combination_index_ci95"] for d in days]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": [d["day"] for d in days],
                "y": [d[ref]["combination_index"] for d in days],
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": [hi - d[ref]["combination_index"] for d, (lo, hi) in zip(days, ci, strict=True)],
                    "arrayminus": [
                        d[ref]["combination_index"] - lo for d, (lo, hi) in zip(days, ci, strict=True)
                    ],
                },
                "name": REFERENCE_NAMES[ref],
                "line": {"color": REFERENCE_COLORS[ref]},
                "marker": {"color": REFERENCE_COLORS[ref]},
                "hovertemplate": "day %{x}: CI %{y:.3g}<extra>" + REFERENCE_NAMES[ref] + "</extra>",
            }
        )
    if days:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": [days[0]["day"], days[-1]["day"]],
                "y": [1, 1],
                "line": {"color": "#777", "dash": "dash"},
                "name": "additivity (CI = 1)",
                "hoverinfo": "skip",
            }
        )
    layout = _layout(
        "Combination index over time (below 1: synergy)",
        "Study day",
        "Combination index",
        days=[d["day"] for d in days],
    )
    bounds = [
        v for d in days for v in (*d["bliss"]["combination_index_ci95"], *d["hsa"]["combination_index_ci95"])
    ]
    positive = [v for v in bounds if v and v > 0]
    layout["yaxis"].update(
        {**log_axis(min(positive), max(positive), pad=1.2), "rangemode": "normal"}
        if positive
        else {"type": "log"}
    )
    return {"data": traces, "layout": layout, "config": _config(filename)}


@plain_text
def synergy_score_figure(synergy: Mapping, *, filename: str = "synergy-score") -> dict:
    """Synergy score −δ/SE per day with its 95 % CI; 0 is additivity, above 0 synergy."""
    days = _synergy_days(synergy)
    traces = []
    for ref in ("bliss", "hsa"):
        ss = [d[ref]["synergy_score"] for d in days]
        ci = [d[ref]["synergy_score_ci95"] for d in days]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": [d["day"] for d in days],
                "y": ss,
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": [hi - s for s, (lo, hi) in zip(ss, ci, strict=True)],
                    "arrayminus": [s - lo for s, (lo, hi) in zip(ss, ci, strict=True)],
                },
                "name": REFERENCE_NAMES[ref],
                "line": {"color": REFERENCE_COLORS[ref]},
                "marker": {"color": REFERENCE_COLORS[ref]},
            }
        )
    if days:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": [days[0]["day"], days[-1]["day"]],
                "y": [0, 0],
                "line": {"color": "#777", "dash": "dash"},
                "name": "additivity (SS = 0)",
                "hoverinfo": "skip",
            }
        )
    layout = _layout(
        "Synergy score over time (above 0: synergy)",
        "Study day",
        "Synergy score (−δ / SE)",
        days=[d["day"] for d in days],
    )
    layout["yaxis"]["rangemode"] = "normal"
    layout["yaxis"]["zeroline"] = True
    return {"data": traces, "layout": layout, "config": _config(filename)}


@plain_text
def residuals_figure(diagnostics: Mapping, colors_by_name: Mapping, *, filename: str = "residuals") -> dict:
    """Pearson residuals against fitted log relative volume, coloured by arm."""
    by: dict = {}
    for r in diagnostics.get("residuals") or []:
        by.setdefault(r["arm"], []).append(r)
    traces = [
        {
            "type": "scatter",
            "mode": "markers",
            "x": [r["fitted"] for r in rows],
            "y": [r["pearson"] for r in rows],
            "text": [f"{r['animal']} day {r['day']:g}" for r in rows],
            "marker": {"color": colors_by_name.get(arm, PALETTE[0]), "size": 6, "opacity": 0.75},
            "name": arm,
            "hovertemplate": "%{text}: residual %{y:.2f}<extra></extra>",
        }
        for arm, rows in by.items()
    ]
    layout = _layout(
        "Residuals against fitted values",
        "Fitted log relative tumor volume",
        "Pearson residual",
        legend_rows=2,
    )
    layout["yaxis"]["rangemode"] = "normal"
    layout["yaxis"]["zeroline"] = True
    return {"data": traces, "layout": layout, "config": _config(filename)}


@plain_text
def qq_figure(
    points: Sequence[Mapping], *, x: str, y: str, title: str, flagged: Sequence = (), filename: str = "qq"
) -> dict:
    """A normal QQ plot with the line through the quartiles (as R's qqline)."""
    import numpy as np

    xs = [p[x] for p in points]
    ys = [p[y] for p in points]
    traces = [
        {
            "type": "scatter",
            "mode": "markers",
            "x": xs,
            "y": ys,
            "text": [str(p.get("animal", "")) for p in points],
            "marker": {
                "color": ["#b3261e" if p.get("animal") in flagged else "#2f6fba" for p in points],
                "size": 7,
            },
            "name": "observed",
            "hovertemplate": "%{text}: %{y:.3g}<extra></extra>",
        }
    ]
    if len(ys) >= 4:
        q1y, q3y = np.percentile(ys, [25, 75])
        q1x, q3x = np.percentile(xs, [25, 75])
        slope = (q3y - q1y) / (q3x - q1x) if q3x != q1x else 0.0
        icpt = q1y - slope * q1x
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": [min(xs), max(xs)],
                "y": [icpt + slope * min(xs), icpt + slope * max(xs)],
                "line": {"color": "#777", "dash": "dash"},
                "name": "normal (through the quartiles)",
                "hoverinfo": "skip",
            }
        )
    layout = _layout(title, "Normal quantile", "Sample quantile")
    layout["yaxis"]["rangemode"] = "normal"
    return {"data": traces, "layout": layout, "config": _config(filename)}


@plain_text
def power_figure(sample_size: Mapping, *, filename: str = "power") -> dict:
    """A priori power of the Bliss test against mice per arm (simulated, with the analytic curve)."""
    curve = sample_size.get("curve") or []
    n = [c["n_per_arm"] for c in curve]
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": n,
            "y": [c["power"] for c in curve],
            "name": f"simulated ({sample_size.get('n_sim')} studies per size)",
            "line": {"color": "#2f6fba"},
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": n,
            "y": [c.get("power_analytic") for c in curve],
            "name": "analytic (normal approximation)",
            "line": {"color": "#999", "dash": "dot"},
        },
    ]
    if n:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": [n[0], n[-1]],
                "y": [sample_size.get("target", 0.8)] * 2,
                "line": {"color": "#b3261e", "dash": "dash"},
                "name": f"target power {sample_size.get('target', 0.8):g}",
                "hoverinfo": "skip",
            }
        )
    layout = _layout(
        "Power of the Bliss test by group size (observed effect and variances)", "Mice per arm", "Power"
    )
    layout["yaxis"].update({"range": [0, 1.02], "rangemode": "normal"})
    layout["xaxis"].update({"dtick": 1})
    return {"data": traces, "layout": layout, "config": _config(filename)}


@plain_text
def readout_figure(
    entry: Mapping, colors_by_name: Mapping, order: Sequence[str], *, filename: str = "readout"
) -> dict:
    """One immune readout: each mouse a dot in its arm (jittered), the arm's median as a bar and its IQR
    as a box outline."""
    comparison = entry["comparison"]
    arms = sorted(
        comparison["arms"], key=lambda a: order.index(a["arm_name"]) if a["arm_name"] in order else 99
    )
    traces = []
    for k, arm in enumerate(arms):
        color = colors_by_name.get(arm["arm_name"], PALETTE[0])
        values = arm.get("values") or []
        n = len(values)
        xs = [k + (0.3 * ((j + 0.5) / n - 0.5) if n > 1 else 0) for j in range(n)]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": xs,
                "y": values,
                "marker": {"color": color, "size": 8, "line": {"width": 1, "color": "#fff"}},
                "name": f"{arm['arm_name']} (n = {arm['n']})",
                "hovertemplate": "%{y:.3g}<extra>" + arm["arm_name"] + "</extra>",
            }
        )
        if arm.get("median") is not None:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": [k - 0.3, k + 0.3, None, k - 0.22, k + 0.22, k + 0.22, k - 0.22, k - 0.22],
                    "y": [
                        arm["median"],
                        arm["median"],
                        None,
                        arm["q1"],
                        arm["q1"],
                        arm["q3"],
                        arm["q3"],
                        arm["q1"],
                    ],
                    "line": {"color": "#333", "width": 1.5},
                    "showlegend": False,
                    "hoverinfo": "skip",
                }
            )
    unit = "%" if entry["kind"] == "percent_of" else ""
    layout = _layout(
        f"{entry['readout']} · {entry['tissue']}",
        "",
        axis_title(entry["readout"], unit if unit and "%" not in entry["readout"] else ""),
        legend_rows=2,
    )
    layout["xaxis"].update(
        {"tickmode": "array", "tickvals": list(range(len(arms))), "ticktext": [a["arm_name"] for a in arms]}
    )
    layout["xaxis"].pop("dtick", None)
    layout["showlegend"] = False
    return {"data": traces, "layout": layout, "config": _config(filename)}
