"""Plate import keeps an upload's plates in its lab, whoever calls it (API, demo, scripts)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assays import services
from assays.demo import elisa_time_course_csv, elisa_time_course_layout
from assays.models import Plate, PlateImport, StoredFile
from il2portal.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_layout(other_lab, user):
    """A layout of lab B, whose member alice (of lab A) also is."""
    Membership.objects.create(lab=other_lab, user=user, role=Membership.Role.MEMBER)
    return services.layout_create(
        lab=other_lab, user=user, name="B's map", rows=8, columns=12, wells=elisa_time_course_layout()
    )


def test_the_api_refuses_an_upload_with_another_labs_layout(api, lab, other_layout):
    response = api.post(
        "/api/v1/plates/",
        {
            "file": SimpleUploadedFile("p.csv", elisa_time_course_csv(24, 0)),
            "lab": lab.pk,
            "layout": other_layout.pk,
        },
        format="multipart",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "validation_error",
        "layout: this layout belongs to another lab than the plate.",
    )
    assert error["detail"] == {"layout": ["belongs to another lab"]}
    assert not Plate.objects.exists() and not PlateImport.objects.exists() and not StoredFile.objects.exists()


def test_plate_import_refuses_another_labs_layout_before_storing_anything(lab, user, other_layout):
    with pytest.raises(services.ImportRefused) as exc:
        services.plate_import(
            lab=lab, data=elisa_time_course_csv(24, 0), filename="p.csv", user=user, layout=other_layout
        )
    assert (exc.value.code, exc.value.message) == (
        "validation_error",
        "layout: this layout belongs to another lab than the plate.",
    )
    assert exc.value.detail == {"layout": ["belongs to another lab"]} and exc.value.plate_import is None
    assert not Plate.objects.exists() and not PlateImport.objects.exists() and not StoredFile.objects.exists()


def test_plate_import_refuses_an_empty_file_before_storing_it(lab, user):
    for data in (b"", b" \n\t\n"):
        with pytest.raises(services.ImportRefused) as exc:
            services.plate_import(lab=lab, data=data, filename="empty.csv", user=user)
        assert (exc.value.code, exc.value.message) == ("empty_file", "empty.csv is empty.")
    assert not StoredFile.objects.exists() and not PlateImport.objects.exists()
