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


@dataclass(frozen=True)
class Step:
    """One thing a new lab does first, in order (``order``): done once the lab has any of it."""

    order: int
    title: str  # "Upload a plate-reader export"
    done: bool
    url: str | None
    hint: str  # what it is for, one line


def first_steps(lab) -> list[Step]:
    """The apps' first steps for this lab (registry.register_first_steps), in order."""
    steps: list[Step] = []
    for provider in registry.first_step_providers():
        steps.extend(provider(lab))
    return sorted(steps, key=lambda s: s.order)


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
