"""Plotly figures of the assays app: pure functions from plain data to a figure dict."""

from __future__ import annotations

import plotly.graph_objects as go

FLAG_SYMBOLS = {"saturated": "triangle-up", "masked": "x", "missing": "circle-open", "invalid": "diamond-x"}


def row_labels(n_rows: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [letters[i] if i < 26 else "A" + letters[i - 26] for i in range(n_rows)]


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
