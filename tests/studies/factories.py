"""Factories of this app's lab-owned models, registered for the tenancy tests."""

from __future__ import annotations

import datetime as dt

import factory

from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    ArmTreatment,
    Dose,
    Event,
    Measurement,
    Randomisation,
    SheetImport,
    Study,
)
from tests.factories import LabFactory, register

DAY0 = dt.date(2025, 3, 3)


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study

    lab = factory.SubFactory(LabFactory)
    name = factory.Sequence(lambda n: f"MC38 study {n}")
    day0 = DAY0
    implanted_on = DAY0


class ArmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Arm
        skip_postgeneration_save = True

    study = factory.SubFactory(StudyFactory)
    lab = factory.SelfAttribute("study.lab")
    name = factory.Sequence(lambda n: f"Arm {n}")
    treatment = factory.RelatedFactory(
        "tests.studies.factories.ArmTreatmentFactory", factory_related_name="arm", schedule="q3d×5", dose=10.0
    )


class ArmTreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArmTreatment

    arm = factory.SubFactory(ArmFactory, treatment=None)
    lab = factory.SelfAttribute("arm.lab")
    schedule = "q3d×5"
    dose = 10.0


class AnimalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Animal

    study = factory.SubFactory(StudyFactory)
    lab = factory.SelfAttribute("study.lab")
    tag = factory.Sequence(lambda n: f"M{n:03d}")
    cage = "C1"


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    animal = factory.SubFactory(AnimalFactory)
    study = factory.SelfAttribute("animal.study")
    lab = factory.SelfAttribute("animal.lab")
    date = DAY0 + dt.timedelta(days=7)
    length_mm = 6.0
    width_mm = 5.0
    volume_mm3 = 75.0
    weight_g = 20.0


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    animal = factory.SubFactory(AnimalFactory)
    study = factory.SelfAttribute("animal.study")
    lab = factory.SelfAttribute("animal.lab")
    date = DAY0 + dt.timedelta(days=10)
    kind = Event.Kind.ULCERATION


class DoseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dose

    arm = factory.SubFactory(ArmFactory)
    treatment = factory.LazyAttribute(lambda o: o.arm.treatments.first())
    study = factory.SelfAttribute("arm.study")
    lab = factory.SelfAttribute("arm.lab")
    animal = factory.LazyAttribute(lambda o: AnimalFactory(study=o.arm.study, arm=o.arm))
    date = DAY0 + dt.timedelta(days=7)


class RandomisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Randomisation

    study = factory.SubFactory(StudyFactory)
    lab = factory.SelfAttribute("study.lab")
    date = DAY0 + dt.timedelta(days=7)
    seed = 1
    objective = 0.1
    objective_name = "test"
    min_volume_mm3 = 50
    max_volume_mm3 = 100
    analysis_version = "1.0.0"


class AnalysisResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnalysisResult

    study = factory.SubFactory(StudyFactory)
    lab = factory.SelfAttribute("study.lab")
    kind = AnalysisResult.Kind.SURVIVAL
    version = 1
    result = factory.LazyFunction(
        lambda: {"groups": [], "curves": [], "logrank": {"chi2": None, "df": 0, "p": None}}
    )
    analysis_version = "1.0.0"
    inputs_sha256 = "0" * 64


class SheetImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SheetImport

    study = factory.SubFactory(StudyFactory)
    lab = factory.SelfAttribute("study.lab")
    original_filename = "sheet.csv"
    sha256 = "0" * 64
    file = factory.django.FileField(data=b"tag,length\nA1,1\n", filename="sheet.csv")
    status = SheetImport.Status.FAILED
    error_code = "invalid_sheet"


register(Study, lambda lab: StudyFactory(lab=lab))
register(SheetImport, lambda lab: SheetImportFactory(study__lab=lab))
register(Arm, lambda lab: ArmFactory(study__lab=lab))
register(ArmTreatment, lambda lab: ArmTreatmentFactory(arm__study__lab=lab))
register(Animal, lambda lab: AnimalFactory(study__lab=lab))
register(Measurement, lambda lab: MeasurementFactory(animal__study__lab=lab))
register(Event, lambda lab: EventFactory(animal__study__lab=lab))
register(Dose, lambda lab: DoseFactory(arm__study__lab=lab))
register(Randomisation, lambda lab: RandomisationFactory(study__lab=lab))
register(AnalysisResult, lambda lab: AnalysisResultFactory(study__lab=lab))
