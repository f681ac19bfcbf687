"""Factories of the assays app's lab-owned models, registered for the tenancy tests."""

from __future__ import annotations

import hashlib

import factory
from django.core.files.base import ContentFile

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
