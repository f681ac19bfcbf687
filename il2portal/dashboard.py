"""The home dashboard's panels: each app contributes counts and links for the current lab."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Panel:
    title: str
    value: int | str
    caption: str
    url: str | None


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def dashboard_panels(lab) -> list[Panel]:
    from il2portal.models import TestArticle

    panels: list[Panel] = []
    for provider in _providers():
        panels.extend(provider(lab))
    panels.append(
        Panel(
            "Test articles",
            TestArticle.objects.filter(lab=lab).count(),
            "IL-2 variants and antibodies",
            _url("test-article-list"),
        )
    )
    return panels


def _providers():
    from assays.selectors import dashboard_panels as assay_panels
    from studies.selectors import dashboard_panels as study_panels

    return [assay_panels, study_panels]
