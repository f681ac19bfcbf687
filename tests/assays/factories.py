"""Factories of the assays app's lab-owned models, registered for the tenancy tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from assays.models import AssayRun, Layout, LayoutWell, Plate, PlateImport, RunResult, StoredFile
from tests.factories import LabFactory, register


class StoredFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoredFile

    lab = factory.SubFactory(LabFactory)
    original_filename = "plate.csv"
    content = factory.Sequence(lambda n: f"well,value\nA1,{n}\n".encode())
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    size = factory.LazyAttribute(lambda o: len(o.content))
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="plate.csv"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.pop("content", None)
        return super()._create(model_class, *args, **kwargs)


class PlateImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlateImport

    stored_file = factory.SubFactory(StoredFileFactory)
    lab = factory.SelfAttribute("stored_file.lab")
    original_filename = "plate.csv"
    status = PlateImport.Status.SUCCEEDED
    vendor = "long_csv"


class PlateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plate

    plate_import = factory.SubFactory(PlateImportFactory)
    lab = factory.SelfAttribute("plate_import.lab")
    stored_file = factory.SelfAttribute("plate_import.stored_file")
    name = factory.Sequence(lambda n: f"Plate {n}")
    vendor = "long_csv"
    rows = 8
    columns = 12


class LayoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Layout
        skip_postgeneration_save = True

    lab = factory.SubFactory(LabFactory)
    name = factory.Sequence(lambda n: f"Layout {n}")

    @factory.post_generation
    def wells(obj, create, extracted, **kwargs):
        if create:
            LayoutWell.objects.create(layout=obj, well="A1", row=0, column=0, role="blank")


register(StoredFile, lambda lab: StoredFileFactory(lab=lab))
register(PlateImport, lambda lab: PlateImportFactory(stored_file__lab=lab))
register(Plate, lambda lab: PlateFactory(plate_import__stored_file__lab=lab))
register(Layout, lambda lab: LayoutFactory(lab=lab))


def make_run(lab) -> AssayRun:
    plate = PlateFactory(plate_import__stored_file__lab=lab)
    run = AssayRun.objects.create(lab=lab, name="run", kind="elisa", layout=LayoutFactory(lab=lab))
    run.plates.set([plate])
    RunResult.objects.create(run=run, version=1, status="succeeded", result={"samples": [], "standards": []})
    return run


register(AssayRun, make_run)
register(RunResult, lambda lab: make_run(lab).versions.get())  # a run's version (signing pages)


# ---- the SoftMax Pro ELISA export of tests/refdata and its layout, as the API tests build them -----------

REFDATA = Path(__file__).resolve().parents[1] / "refdata"
SOFTMAX = "moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt"
LOGLOG = {"model": "loglog", "weighting": "none", "blank_subtraction": False, "reference_wavelength_nm": None}


def upload_refdata(api, name: str) -> list[int]:
    """Upload a plate-reader export of tests/refdata/platereader; the ids of its plates."""
    data = (REFDATA / "platereader" / name).read_bytes()
    body = api.post("/api/v1/plates/", {"file": SimpleUploadedFile(name, data)}, format="multipart").json()
    return [p["id"] for p in body["plates"]] if "plates" in body else [body["id"]]


def softmax_layout_wells() -> list[dict]:
    """The layout of the SoftMax export: 7 standards (320 ng/mL, 1:2) in triplicate in A1:G3, blanks in
    H1:H3, a sample named like a spreadsheet formula in A4:A6 (1:10) and mouse-07 in B4:B6 (1:2)."""
    wells = [
        {
            "well": f"{row}{col}",
            "role": "standard",
            "group": f"STD{level + 1}",
            "concentration": 320 / 2**level,
            "unit": "ng/mL",
        }
        for level, row in enumerate("ABCDEFG")
        for col in (1, 2, 3)
    ]
    wells += [{"well": f"H{c}", "role": "blank", "group": "zero"} for c in (1, 2, 3)]
    wells += [
        {"well": f"A{c}", "role": "sample", "sample": "=SUM(A1)", "dilution_factor": 10, "unit": "ng/mL"}
        for c in (4, 5, 6)
    ]
    wells += [
        {"well": f"B{c}", "role": "sample", "sample": "mouse-07", "dilution_factor": 2} for c in (4, 5, 6)
    ]
    return wells


def softmax_layout(api, name: str = "SoftMax ELISA") -> int:
    """Save :func:`softmax_layout_wells` through the API; the layout's id."""
    body = {"name": name, "rows": 8, "columns": 12, "wells": softmax_layout_wells()}
    response = api.post("/api/v1/layouts/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def softmax_run(api, name: str = "IL-2", plates: int = 1) -> int:
    """An ELISA run of the SoftMax export's first ``plates`` plates (log-log, as the refdata file was
    analysed), through the API; the run's id."""
    plate_ids = upload_refdata(api, SOFTMAX)
    body = {"kind": "elisa", "plates": plate_ids[:plates], "layout": softmax_layout(api), "name": name}
    response = api.post("/api/v1/runs/", {**body, "settings": LOGLOG}, format="json")
    assert response.status_code == 202, response.json()
    return response.json()["run"]


def bioassay_run(api):
    """The simulated IL-2 reporter plate of assays/demo.py, analysed as a bioassay through the API; the
    POST's response (202, ``{"run": id, ...}``)."""
    from assays.demo import bioassay_layout, bioassay_plate_csv

    upload = SimpleUploadedFile("bioassay.csv", bioassay_plate_csv())
    plate = api.post("/api/v1/plates/", {"file": upload}, format="multipart").json()
    layout = api.post(
        "/api/v1/layouts/", {"name": "bioassay", "wells": bioassay_layout()}, format="json"
    ).json()
    body = {"kind": "bioassay", "plates": [plate["id"]], "layout": layout["id"]}
    return api.post("/api/v1/runs/", body, format="json")
