"""What "Randomise and assign" stores is exactly what the preview showed: the preview draws the seed,
shows it and carries it (and the inputs it used) in the form; assignment refuses, changing nothing,
when the animals or their volumes changed since the preview."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from studies.models import Animal, Measurement, Randomisation
from studies.services.common import lab_today
from studies.services.design import animals_create, arm_create, study_create
from studies.services.measurements import measurement_update, measurements_record

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """The fields a browser submits for one form of the page (text, number, date, hidden, checked boxes)."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        elif tag == "input" and self.inside and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button"):
                return
            self.fields.append((a["name"], a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str) -> dict:
    parser = _FormFields(form_id)
    parser.feed(html)
    data: dict = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def _preview_table(html: str) -> list[tuple[str, str]]:
    section = html[html.index('id="preview"') :]
    section = section[section.index("<h3>Assignment</h3>") :]
    section = section[: section.index("</table>")]
    return re.findall(r"<tr><td>([^<]+)</td><td class=\"num\">[^<]*</td><td>([^<]+)</td></tr>", section)


@pytest.fixture
def ready(lab, user):
    today = lab_today(lab)
    study = study_create(lab=lab, user=user, name="R", day0=today - dt.timedelta(days=8))
    for n in ("Vehicle", "Drug", "Combination"):
        arm_create(study=study, name=n, capacity=4, schedule="q3d×2")
    animals_create(study=study, rows=[{"tag": f"M{i:02d}"} for i in range(14)])
    measurements_record(
        study=study,
        user=user,
        rows=[
            {"animal": f"M{i:02d}", "date": today.isoformat(), "length_mm": 5 + 0.25 * i, "width_mm": 5}
            for i in range(14)
        ],
    )
    return study


def test_it_assigns_exactly_what_the_preview_showed_without_a_seed(browser_client, ready):
    url = f"/studies/{ready.pk}/randomise/"
    start = form_fields(browser_client.get(url).content.decode(), "randomise-form")
    assert start["seed"] == [""]  # no seed given
    preview = browser_client.post(url, {**start, "preview": "1"}).content.decode()
    shown = _preview_table(preview)
    assert len(shown) == 12 and Randomisation.objects.count() == 0
    seed = re.search(r'id="rand-seed">(\d+)<', preview).group(1)
    # the browser now submits the form as the preview left it, pressing "Randomise and assign"
    again = form_fields(preview, "randomise-form")
    assert again["seed"] == [seed]
    done = browser_client.post(url, {**again, "assign": "1"})
    assert done.status_code == 302, done.content.decode()[-3000:]
    record = Randomisation.objects.get()
    assert str(record.seed) == seed
    stored = sorted((r["animal"], r["group_name"]) for r in record.assignment)
    assert stored == sorted(shown)
    assigned = sorted(Animal.objects.filter(study=ready, arm__isnull=False).values_list("tag", "arm__name"))
    assert assigned == sorted(shown)


def test_it_refuses_to_assign_when_a_volume_changed_since_the_preview(browser_client, ready, user):
    url = f"/studies/{ready.pk}/randomise/"
    start = form_fields(browser_client.get(url).content.decode(), "randomise-form")
    preview = browser_client.post(url, {**start, "preview": "1"}).content.decode()
    m = Measurement.objects.get(study=ready, animal__tag="M03")
    measurement_update(measurement=m, data={"length_mm": 7.5}, user=user, reason="re-read")
    for form_id in ("randomise-form", "assign-preview"):
        response = browser_client.post(url, {**form_fields(preview, form_id), "assign": "1"}, follow=True)
        page = response.content.decode()
        assert "Nothing was assigned" in page and "M03" in page and "since the preview" in page, form_id
    assert Randomisation.objects.count() == 0
    assert not Animal.objects.filter(study=ready, arm__isnull=False).exists()


def test_it_refuses_to_assign_when_the_settings_changed_since_the_preview(browser_client, ready):
    url = f"/studies/{ready.pk}/randomise/"
    start = form_fields(browser_client.get(url).content.decode(), "randomise-form")
    preview = browser_client.post(url, {**start, "preview": "1"}).content.decode()
    changed = {**form_fields(preview, "randomise-form"), "max_volume_mm3": "90", "assign": "1"}
    page = browser_client.post(url, changed, follow=True).content.decode()
    assert "Nothing was assigned" in page and "window" in page and "Preview again" in page
    assert Randomisation.objects.count() == 0


def test_it_refuses_an_api_assignment_whose_inputs_changed_since_the_dry_run(api, ready, user):
    from studies.models import Arm

    url = f"/api/v1/studies/{ready.pk}/randomize/"
    body = {"groups": list(Arm.objects.filter(study=ready).values_list("pk", flat=True)), "n_iter": 500}
    dry = api.post(url, {**body, "dry_run": True}, format="json").json()
    assert dry["inputs_sha256"] and dry["id"] is None
    exact = {**body, "seed": dry["seed"], "inputs_sha256": dry["inputs_sha256"]}
    m = Measurement.objects.get(study=ready, animal__tag="M03")
    old_length = m.length_mm
    measurement_update(measurement=m, data={"length_mm": 7.5}, user=user, reason="re-read")
    stale = api.post(url, exact, format="json")
    assert stale.status_code == 400 and stale.json()["error"]["code"] == "preview_stale"
    assert Randomisation.objects.count() == 0
    # back to the dry run's volume: the same inputs, so exactly the dry run's allocation is stored
    measurement_update(measurement=m, data={"length_mm": old_length}, user=user, reason="undo")
    done = api.post(url, exact, format="json")
    assert done.status_code == 201, done.content
    assert done.json()["assignment"] == dry["assignment"] and done.json()["seed"] == dry["seed"]
