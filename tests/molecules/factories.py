"""Factories of the molecules app's lab-owned models, registered for the tenancy tests."""

from __future__ import annotations

import itertools

from assays.models import CellLine
from molecules.models import LotRelease
from tests.factories import LotFactory, register


def make_cell_line(lab, name: str = "YT", cd25: bool = False) -> CellLine:
    return CellLine.objects.create(lab=lab, name=name, species="human", cd25=cd25)


_numbers = itertools.count(1)


def make_release(lab) -> LotRelease:
    lot = LotFactory(test_article__lab=lab)
    return LotRelease.objects.create(
        lab=lab,
        lot=lot,
        version=1,
        cell_line=make_cell_line(lab, name=f"cells {next(_numbers)}"),
        result={},
        analysis_version="test",
        inputs_sha256="0" * 64,
    )


register(CellLine, lambda lab: make_cell_line(lab, name=f"CTLL-2 #{next(_numbers)}", cd25=True))
register(LotRelease, make_release)
