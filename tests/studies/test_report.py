"""The printable study report: study design, the dashboard's figures and tables with the stored numbers,
when it was made and with which analysis versions; another lab gets a 404."""

from __future__ import annotations

import html
import json
import re

import pytest

from il2portal import formatting
from studies.models import AnalysisResult, Animal
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(lab, user):
    return build_study(lab, user, 40, n_days=36)


def _rows(page: str, table_id: str) -> list[list[str]]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S).group(0)
    body = table.split("<tbody>", 1)[1]
    return [
        [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split())
            for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)
        ]
        for r in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def _figure(page: str, element_id: str) -> dict:
    text = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', page, re.S).group(
        1
    )
    return json.loads(text)


def test_the_report_has_the_design_figures_and_tables_with_the_stored_numbers(browser_client, study):
    response = browser_client.get(f"/studies/{study.pk}/report/")
    assert response.status_code == 200
    page = response.content.decode()
    for marker in (
        'id="design"',
        'id="generated-at"',
        'id="report-groups"',
        'id="report-means"',
        'id="report-tgi"',
        'id="report-responses"',
        'id="report-survival"',
        'id="report-logrank"',
        'id="report-exits"',
        "vendor/plotly-cartesian.min.js",
        "css/report.css",
    ):
        assert marker in page, marker
    assert "L·W²/2" in page and study.day0.isoformat() in page

    # figures: the dashboard's, fixed width for paper, no buttons, no hover
    for element_id in ("fig-growth-data", "fig-spaghetti-data", "fig-weight-data", "fig-km-data"):
        figure = _figure(page, element_id)
        assert figure["data"], element_id
        assert figure["layout"]["width"] == 680 and "updatemenus" not in figure["layout"]
        assert figure["config"]["staticPlot"] is True
        assert f'data-figure="{element_id}"' in page

    # analysis versions of what is shown
    survival = AnalysisResult.objects.filter(study=study, kind="survival").latest("version")
    growth = AnalysisResult.objects.filter(study=study, kind="growth").latest("version")
    versions = re.search(r'<ul class="versions" id="analysis-versions">(.*?)</ul>', page, re.S).group(1)
    assert f"Survival analysis v{survival.version}, analysis {survival.analysis_version}" in versions
    assert f"Stored growth analysis v{growth.version}, analysis {growth.analysis_version}" in versions

    # survival: HR (95 % CI) and p exactly as il2portal.formatting writes the stored numbers
    rows = {r[0]: r for r in _rows(page, "report-survival")}
    names = {g["group"]: g["name"] for g in survival.result["groups"]}
    assert set(rows) == set(names.values())
    checked = 0
    for hr in survival.result["hazard_ratios"]:
        row = rows[names[hr["group"]]]
        if hr["hr"] is None:
            assert row[5] == "not estimable"
            continue
        assert row[5] == formatting.ratio_ci(hr["hr"], *hr["ci95"])
        assert row[6] == formatting.p_value(hr["p"])
        checked += 1
    assert checked >= 1
    for g in survival.result["groups"]:
        assert rows[g["name"]][1:3] == [str(g["n"]), str(g["events"])]
    logrank = survival.result["logrank"]
    text = html.unescape(page)
    assert f"df = {logrank['df']}, {formatting.p_equals(logrank['p'])}" in text
    assert "p < 0.0001" in text  # p = 6.4e-05 here

    # TGI: the growth analysis's numbers, as percentages with one decimal
    tgi = {(t["group"], t["day"]): t for t in growth.result["tgi"]}
    tgi_rows = _rows(page, "report-tgi")
    assert len(tgi_rows) == 3  # the treated groups
    cells = re.findall(r'<td class="num" data-day="([\d.]+)"><strong class="tgi">([^<]+)</strong>', page)
    assert len(cells) >= 6
    shown = {formatting.percent(t["tgi_pct"]) for t in tgi.values() if t.get("tgi_pct") is not None}
    assert all(html.unescape(text) in shown for _, text in cells)

    # groups and endpoints
    assert [r[0] for r in _rows(page, "report-groups")] == [
        "Vehicle (control)",
        "anti-PD-1",
        "IL-2 mutein",
        "Combination",
    ]
    exits = _rows(page, "report-exits")
    left = Animal.objects.filter(study=study).exclude(status="alive")
    assert len(exits) == left.count() > 0
    first = left.order_by("exit_date", "tag").first()
    assert exits[0][:4] == [first.tag, first.arm.name, "endpoint (euthanised)", first.exit_date.isoformat()]
    assert exits[0][4] == str(study.day_of(first.exit_date))


def test_the_dashboard_links_to_the_report(browser_client, study):
    page = browser_client.get(f"/studies/{study.pk}/").content.decode()
    assert f'href="/studies/{study.pk}/report/"' in page


def test_another_lab_gets_a_404(client, other_user, study):
    client.force_login(other_user)
    assert client.get(f"/studies/{study.pk}/report/").status_code == 404


def test_a_study_without_analyses_still_has_a_report(browser_client, lab, user):
    bare = build_study(lab, user, 8, n_days=9, analyses=False)
    page = browser_client.get(f"/studies/{bare.pk}/report/").content.decode()
    assert 'id="report-no-survival"' in page and 'id="report-groups"' in page
    assert "fig-km-data" not in page
