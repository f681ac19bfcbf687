"""The layout and run services keep a run's records in its lab, whoever calls them (page, API, demo)."""

from __future__ import annotations

import pytest

from assays import services
from assays.demo import elisa_time_course_csv, elisa_time_course_layout
from assays.errors import RunInputError
from assays.models import AssayRun, Layout, RunResult
from il2portal.models import Membership
from tests.factories import LotFactory

pytestmark = pytest.mark.django_db


def _plate(lab, user, seed=0):
    data = elisa_time_course_csv(24, seed)
    return services.plate_import(lab=lab, data=data, filename=f"p{seed}.csv", user=user).plates[0]


def _layout(lab, user, name="T-cell ELISA"):
    return services.layout_create(
        lab=lab, user=user, name=name, rows=8, columns=12, wells=elisa_time_course_layout()
    )


@pytest.fixture
def two_labs(lab, other_lab, user):
    """Alice belongs to both labs; each lab has a plate and a layout."""
    Membership.objects.create(lab=other_lab, user=user, role=Membership.Role.MEMBER)
    return {
        "plate": _plate(lab, user),
        "layout": _layout(lab, user),
        "other_plate": _plate(other_lab, user, seed=1),
        "other_layout": _layout(other_lab, user),
    }


@pytest.mark.parametrize(
    "plate, layout, field",
    [("other_plate", "layout", "plates"), ("plate", "other_layout", "layout")],
)
def test_a_run_takes_only_plates_and_a_layout_of_its_lab(lab, user, two_labs, plate, layout, field):
    with pytest.raises(RunInputError) as exc:
        services.run_create(
            lab=lab,
            user=user,
            kind="elisa",
            layout=two_labs[layout],
            plates=[two_labs["plate"], two_labs[plate]] if field == "plates" else [two_labs[plate]],
            name="mixed",
            settings={},
        )
    assert exc.value.field == field
    assert exc.value.message == "belongs to another lab than the run."
    assert not AssayRun.objects.exists() and not RunResult.objects.exists()


def test_the_api_answers_400_naming_the_field_from_another_lab(api, lab, two_labs):
    body = {"lab": lab.pk, "kind": "elisa", "layout": two_labs["layout"].pk}
    response = api.post("/api/v1/runs/", {**body, "plates": [two_labs["other_plate"].pk]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "plates: belongs to another lab than the run."
    response = api.post(
        "/api/v1/runs/",
        {**body, "layout": two_labs["other_layout"].pk, "plates": [two_labs["plate"].pk]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "layout: belongs to another lab than the run."
    assert not AssayRun.objects.exists()


def test_a_run_of_its_own_labs_records_is_created(lab, user, two_labs):
    run, version = services.run_create(
        lab=lab,
        user=user,
        kind="elisa",
        layout=two_labs["layout"],
        plates=[two_labs["plate"]],
        name="ok",
        settings={},
    )
    assert (run.lab, run.name, version.version) == (lab, "ok", 1)


def test_a_layout_takes_only_lots_of_its_lab(lab, other_lab, user):
    foreign = LotFactory(test_article__lab=other_lab)
    wells = [{"well": "A1", "role": "sample", "sample": "s", "lot": foreign}]
    with pytest.raises(RunInputError) as exc:
        services.layout_create(lab=lab, user=user, name="lots", rows=8, columns=12, wells=wells)
    assert exc.value.field == "wells[0].lot"
    assert exc.value.message == "this lot belongs to another lab."
    assert not Layout.objects.filter(name="lots").exists()
    own = LotFactory(test_article__lab=lab)
    layout = services.layout_create(
        lab=lab, user=user, name="lots", rows=8, columns=12, wells=[{**wells[0], "lot": own}]
    )
    assert layout.wells.get().lot == own


def test_the_api_answers_400_for_a_layout_with_another_labs_lot(api, lab, other_lab, user):
    Membership.objects.create(lab=other_lab, user=user, role=Membership.Role.MEMBER)
    foreign = LotFactory(test_article__lab=other_lab)
    response = api.post(
        "/api/v1/layouts/",
        {
            "lab": lab.pk,
            "name": "lots",
            "wells": [{"well": "A1", "role": "sample", "sample": "s", "lot": foreign.pk}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "wells[0].lot: this lot belongs to another lab."
    assert not Layout.objects.filter(name="lots").exists()
