"""The molecules app's part of a test article's page (il2portal.registry.register_test_article_sections)."""

from __future__ import annotations

from django.urls import reverse

from il2portal.registry import Section
from molecules.comparison import molecule_summaries
from molecules.figures import control_chart_figure
from molecules.views import FIGURE_CONFIG


def sections(request, article) -> list[Section]:
    summary = molecule_summaries(article.lab, [article.pk])[0]
    figure = None
    if summary.chart is not None and summary.chart.limits:
        cells = summary.chart.points[0]["o"].cell_line if summary.chart.points else None
        title = f"{summary.chart.label} over time" + (f" · {cells}" if cells else "")
        figure = {**control_chart_figure(summary.chart, title=title), "config": FIGURE_CONFIG}
    monitoring_url = reverse("molecules:monitoring") + f"?article={article.pk}"
    return [
        Section(
            "molecules/_molecule_sections.html",
            {"summary": summary, "figure": figure, "monitoring_url": monitoring_url},
        )
    ]
