"""The home dashboard's panels: each app contributes counts and links for the current lab
(``register_dashboard_panels`` in its ``AppConfig.ready``), then the core's own."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from il2portal import registry


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
    for provider in registry.dashboard_panel_providers():
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
