"""Serum samples linked to study animals: the naming rule, the sample map, the checks (unknown animals,
samples before the first dose, a rule that matches nothing), all-or-nothing storage, and the page."""

from __future__ import annotations

import pytest

from assays import services as assay_services
from studies.models import SerumSample
from studies.serum_demo import plate
from studies.services.common import StudyError
from studies.services.serum import rule_pattern, serum_link, serum_map_parse, serum_preview
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db


def _elisa_run(lab, user, names: list[str], *, kind: str = "elisa", name: str = "serum run"):
    wells, data = plate({n: 50.0 for n in names})
    layout = assay_services.layout_create(lab=lab, user=user, name=name, rows=8, columns=12, wells=wells)
    plates = assay_services.plate_import(lab=lab, data=data, filename=f"{name}.csv", user=user).plates
    run, _ = assay_services.run_create(
        lab=lab, user=user, kind=kind, layout=layout, plates=plates, name=name, settings={}
    )
    return run


@pytest.fixture
def study(lab, user):
    return build_study(lab, user, 8, n_days=20, analyses=False)  # tags M000…M007, first doses day 7


def test_a_rule_reads_tag_day_and_hours_with_any_spacing_and_case():
    pattern = rule_pattern("{animal} d{day} {hours}h")
    assert pattern.fullmatch("M03 d7 2h").groupdict() == {"animal": "M03", "day": "7", "hours": "2"}
    assert pattern.fullmatch("m03  D7 0.5h").group("hours") == "0.5"
    assert pattern.fullmatch("M03 d7") is None
    other = rule_pattern("{animal}_t{hours}_d{day}")  # fields in any order; the rest literal
    assert other.fullmatch("A-1_t24_d14").groupdict() == {"animal": "A-1", "hours": "24", "day": "14"}
    assert other.fullmatch("A-1xt24_d14") is None  # "_" is not a wildcard


@pytest.mark.parametrize(
    "rule, words",
    [
        ("", "Write a naming rule"),
        ("{animal} d{day}", "{hours} exactly once"),
        ("{animal} {animal} d{day} {hours}h", "{animal} exactly once"),
        ("{mouse} d{day} {hours}h", "Unknown field {mouse}"),
        ("{animal} d{day} {hours}h" + "x" * 200, "at most 200"),
    ],
)
def test_a_bad_rule_says_what_is_wrong(rule, words):
    with pytest.raises(StudyError) as err:
        rule_pattern(rule)
    assert words in err.value.message


def test_the_preview_links_matched_samples_and_lists_the_rest(lab, user, study):
    run = _elisa_run(lab, user, ["M000 d7 2h", "M001 d7 6h", "QC high", "M999 d7 2h", "M002 d3 2h"])
    links, unmatched = serum_preview(study=study, run=run, rule="{animal} d{day} {hours}h")
    by = {x.sample: x for x in links}
    assert unmatched == ["QC high"]
    assert by["M000 d7 2h"].problem is None and by["M000 d7 2h"].animal_id is not None
    assert (by["M001 d7 6h"].dose_day, by["M001 d7 6h"].hours) == (7, 6)
    assert "no animal 'M999'" in by["M999 d7 2h"].problem
    assert "before the animal's first dose (day 7)" in by["M002 d3 2h"].problem


def test_nothing_is_linked_while_a_sample_has_a_problem(lab, user, study):
    run = _elisa_run(lab, user, ["M000 d7 2h", "M999 d7 2h"])
    links, _ = serum_preview(study=study, run=run, rule="{animal} d{day} {hours}h")
    with pytest.raises(StudyError) as err:
        serum_link(study=study, run=run, links=links, user=user)
    assert "M999 d7 2h: the study has no animal 'M999'" in err.value.message
    assert not SerumSample.objects.exists()


def test_a_rule_that_matches_nothing_is_refused(lab, user, study):
    run = _elisa_run(lab, user, ["serum 1", "serum 2"])
    links, unmatched = serum_preview(study=study, run=run, rule="{animal} d{day} {hours}h")
    assert links == [] and unmatched == ["serum 1", "serum 2"]
    with pytest.raises(StudyError) as err:
        serum_link(study=study, run=run, links=links, user=user)
    assert err.value.message == "The rule matches none of the run's 2 samples (e.g. 'serum 1')."


def test_linking_stores_each_sample_with_history_and_a_second_link_replaces_the_first(lab, user, study):
    run = _elisa_run(lab, user, ["M000 d7 2h", "M001 d7 6h"])
    links, _ = serum_preview(study=study, run=run, rule="{animal} d{day} {hours}h")
    serum_link(study=study, run=run, links=links, user=user)
    stored = {s.sample: (s.animal.tag, s.dose_day, s.hours_after_dose) for s in SerumSample.objects.all()}
    assert stored == {"M000 d7 2h": ("M000", 7, 2), "M001 d7 6h": ("M001", 7, 6)}
    assert SerumSample.history.count() == 2
    serum_link(study=study, run=run, links=links[:1], user=user)
    assert list(SerumSample.objects.values_list("sample", flat=True)) == ["M000 d7 2h"]


def test_only_the_labs_elisa_runs_can_be_linked(lab, user, other_lab, study):
    from tests.factories import UserFactory

    stranger = UserFactory(username="bob")
    foreign = _elisa_run(other_lab, stranger, ["M000 d7 2h"])
    with pytest.raises(StudyError, match="another lab"):
        serum_preview(study=study, run=foreign, rule="{animal} d{day} {hours}h")


def test_a_sample_map_names_its_bad_lines(lab, user, study):
    run = _elisa_run(lab, user, ["s1", "s2", "s3"])
    links, unmatched = serum_map_parse(
        study=study, run=run, data=b"sample,animal,day,hours\ns1,M000,7,2\ns2,M001,7,6\nnope,M001,7,6\n"
    )
    assert [(x.sample, x.animal, x.problem) for x in links] == [
        ("s1", "M000", None),
        ("s2", "M001", None),
        ("nope", "M001", "line 4: the run has no sample 'nope'"),
    ]
    assert unmatched == ["s3"]
    with pytest.raises(StudyError, match="Line 2: day and hours must be numbers"):
        serum_map_parse(study=study, run=run, data=b"sample,animal,day,hours\ns1,M000,seven,2\n")
    with pytest.raises(StudyError, match="missing: hours"):
        serum_map_parse(study=study, run=run, data=b"sample,animal,day\ns1,M000,7\n")
    with pytest.raises(StudyError, match="not UTF-8"):
        serum_map_parse(study=study, run=run, data="sample,animal,day,hours\nä,M0,7,2\n".encode("utf-16"))


def test_the_page_previews_then_links(browser_client, lab, user, study):
    run = _elisa_run(lab, user, ["M000 d7 2h", "M001 d7 6h", "QC"])
    url = f"/studies/{study.pk}/serum/"
    page = browser_client.get(url, {"run": run.pk, "rule": "{animal} d{day} {hours}h"})
    text = page.content.decode()
    assert page.status_code == 200 and "2 samples matched" in text and "Link these 2 samples" in text
    assert not SerumSample.objects.exists()  # a preview stores nothing
    done = browser_client.post(url, {"run": run.pk, "rule": "{animal} d{day} {hours}h", "apply": "1"})
    assert done.status_code == 302 and SerumSample.objects.count() == 2
    bad = browser_client.get(url, {"run": run.pk, "rule": "{mouse}"})
    assert bad.status_code == 400 and "Unknown field {mouse}" in bad.content.decode()


def test_another_labs_study_or_run_is_not_reachable(browser_client, lab, user, other_lab, study):
    from tests.factories import UserFactory

    stranger = UserFactory(username="bob")
    foreign_study = build_study(other_lab, stranger, 4, n_days=10, analyses=False)
    assert browser_client.get(f"/studies/{foreign_study.pk}/serum/").status_code == 404
    foreign_run = _elisa_run(other_lab, stranger, ["M000 d7 2h"])
    page = browser_client.get(f"/studies/{study.pk}/serum/", {"run": foreign_run.pk})
    assert page.status_code == 400 and "Choose one of your lab&#x27;s ELISA runs." in page.content.decode()
