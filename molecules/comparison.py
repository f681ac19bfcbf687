"""What the portal knows about a molecule (a test article), gathered from stored results: its runs
(newest version, EC50, RP, accepted), its receptor selectivity, its potency over time, its lots'
release results and the study arms it was dosed in. The molecule's page and the side-by-side
comparison read the same summary."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from il2portal.models import Lot, TestArticle
from molecules.models import LotRelease
from molecules.selectors import Observation, chart_curves, control_chart, observations, selectivity_pairs


@dataclass
class MoleculeSummary:
    article: TestArticle
    lots: list
    runs: list[Observation]  # this molecule's curves, newest run first
    selectivity: list = field(default_factory=list)  # [(pair, row)] newest first
    releases: list = field(default_factory=list)  # [(lot, newest LotRelease or None)]
    arms: list = field(default_factory=list)  # studies.selectors.arms_dosed_with rows
    chart: object | None = None  # a ControlChart of its main metric

    @property
    def latest_selectivity(self):
        return self.selectivity[0] if self.selectivity else None

    @property
    def ec50_by_cells(self) -> list[dict]:
        """The newest EC50 on each cell line: [{cells, ec50, ci95, unit, run}]."""
        seen: dict = {}
        for o in self.runs:
            if o.cell_line and o.cell_line not in seen and o.ec50 is not None:
                seen[o.cell_line] = {
                    "cells": o.cells,
                    "ec50": o.ec50,
                    "ci95": o.ec50_ci95,
                    "unit": o.unit,
                    "o": o,
                }
        return list(seen.values())


def molecule_summaries(lab, article_ids: list[int], *, chart: bool = True) -> list[MoleculeSummary]:
    """Summaries of the lab's articles with these ids, in the order asked; a fixed number of queries
    whatever the number of runs, lots and arms."""
    from studies.selectors import arms_dosed_with

    articles = {a.pk: a for a in TestArticle.objects.filter(lab=lab, pk__in=article_ids)}
    ids = [i for i in article_ids if i in articles]
    obs = observations(lab, article_ids=ids)
    pairs, _unset = selectivity_pairs(obs)
    lots = defaultdict(list)
    for lot in Lot.objects.filter(lab=lab, test_article_id__in=ids).order_by("lot_number"):
        lots[lot.test_article_id].append(lot)
    newest: dict[int, LotRelease] = {}
    for release in (
        LotRelease.objects.filter(lab=lab, lot__test_article_id__in=ids)
        .select_related("cell_line")
        .order_by("lot_id", "-version")
    ):
        newest.setdefault(release.lot_id, release)
    arms = arms_dosed_with(lab, ids)
    for rows in arms.values():
        for arm in rows:  # the shape the hr_ci filter reads
            survival = arm.get("survival") or {}
            survival["hazard_ratio"] = {"hr": survival.get("hr"), "ci95": survival.get("hr_ci95")}
    out = []
    for pk in ids:
        mine = [o for o in obs if o.article_id == pk]
        summary = MoleculeSummary(
            article=articles[pk],
            lots=lots[pk],
            runs=sorted(mine, key=lambda o: (o.date, o.run_id), reverse=True),
            selectivity=[(p, row) for p in pairs for row in p.rows if row.get("article_id") == pk],
            releases=[(lot, newest.get(lot.pk)) for lot in lots[pk]],
            arms=arms.get(pk, []),
        )
        if chart and mine:
            choice = chart_curves(mine)
            summary.chart = control_chart(choice.curves, choice.metric)
        out.append(summary)
    return out
