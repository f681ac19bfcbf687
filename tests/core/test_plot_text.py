"""User text in charts stays text: plotly.js renders <a href> and <span style> in legends and hovers."""

from __future__ import annotations

import inspect
import json
import re

import pytest

import assays.figures
import studies.figures
from il2portal.plottext import escape_text, sanitize
from tests.studies.factories import AnimalFactory, ArmFactory, MeasurementFactory, StudyFactory

LINK = '<a href="https://evil.example">Vehicle</a>'


def test_it_escapes_markup_but_keeps_the_portals_own_formatting_tags():
    assert escape_text(LINK) == '&lt;a href="https://evil.example"&gt;Vehicle&lt;/a&gt;'
    assert escape_text("Day 3<br>n = 4<extra>Vehicle</extra>") == "Day 3<br>n = 4<extra>Vehicle</extra>"
    assert escape_text('<span style="font-size:90px">x</span> <b>y</b>') == (
        '&lt;span style="font-size:90px"&gt;x&lt;/span&gt; <b>y</b>'
    )
    assert escape_text("IL-2 > 10 µg") == "IL-2 &gt; 10 µg"
    assert sanitize({"data": [{"name": LINK, "x": [1, 2]}]}) == {
        "data": [{"name": escape_text(LINK), "x": [1, 2]}]
    }


@pytest.mark.parametrize("module", [assays.figures, studies.figures])
def test_it_makes_every_figure_builder_plain_text(module):
    builders = [
        name
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and (name.endswith("_figure") or name == "plate_heatmap")
    ]
    assert builders
    assert [name for name in builders if not getattr(getattr(module, name), "plain_text", False)] == []


def test_it_never_draws_a_link_from_a_group_name_on_the_dashboard(browser_client, lab):
    study = StudyFactory(lab=lab)
    arm = ArmFactory(study=study, name=LINK, is_control=True)
    for i in range(3):
        animal = AnimalFactory(study=study, arm=arm, tag=f"M{i}")
        for day in (7, 10):
            MeasurementFactory(animal=animal, date=study.date_of(day), length_mm=8 + i, width_mm=6)
    page = browser_client.get(f"/studies/{study.pk}/").content.decode()
    figures = [
        json.loads(body)
        for body in re.findall(r'<script id="fig-[^"]+" type="application/json">(.*?)</script>', page)
    ]
    text = json.dumps(figures)
    assert "Vehicle" in text and "&lt;a href" in text
    assert "<a href" not in text
