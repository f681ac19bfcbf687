"""Factories of this app's lab-owned models, registered for the tenancy tests."""

from __future__ import annotations

import datetime as dt
import math

import factory
import numpy as np

from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    ArmTreatment,
    Dose,
    Event,
    FlowImport,
    FlowReadout,
    FlowSample,
    Measurement,
    Randomisation,
    SerumSample,
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


def build_study(
    lab, user, n_animals: int, *, n_days: int = 36, every: int = 3, seed: int = 1, analyses: bool = True
) -> Study:
    """A study in life of 4 arms (vehicle, anti-PD-1, IL-2 mutein, combination; q3d×5 from day 7) and
    ``n_animals`` mice measured every ``every`` days from day 1 to day ``n_days`` (yesterday): caliper
    and body weight with seeded noise, the vehicle's tumors growing to 2000 mm³ around day 0.85 ×
    ``n_days`` and the other arms' slower; endpoint euthanasia when a tumor passes 2000 mm³, planned
    doses and, with ``analyses``, a stored survival and growth analysis. Bulk inserts: quick at any
    size. The query-count tests and bench/bench_dashboard.py build their studies with it."""
    from studies.services.analyses import analysis_run
    from studies.services.common import lab_today
    from studies.services.design import arm_create
    from studies.services.dosing import doses_plan

    rng = np.random.default_rng(seed)
    today = lab_today(lab)
    day0 = today - dt.timedelta(days=n_days + 1)
    study = Study.objects.create(
        lab=lab, name=f"Study {n_animals}×{n_days}", day0=day0, implanted_on=day0, created_by=user
    )
    arms = [
        arm_create(
            study=study,
            name=name,
            is_control=k == 0,
            order=k,
            schedule="q3d×5",
            dosing_start_day=7,
            dose=10.0,
        )
        for k, name in enumerate(("Vehicle", "anti-PD-1", "IL-2 mutein", "Combination"))
    ]
    Animal.objects.bulk_create(
        [
            Animal(
                lab=lab,
                study=study,
                tag=f"M{i:03d}",
                cage=f"C{i // 5 + 1}",
                arm=arms[i % 4],
                implanted_on=day0,
            )
            for i in range(n_animals)
        ]
    )
    animals = list(Animal.objects.filter(study=study).order_by("tag"))
    rows, events = [], []
    for i, a in enumerate(animals):
        rate = 5.4 / n_days * (1 - 0.22 * (i % 4)) * math.exp(rng.normal(0, 0.25))
        w0 = rng.normal(20, 1)
        for d in range(1, n_days + 1, every):
            v = 20 * math.exp(rate * d) * math.exp(rng.normal(0, 0.08))
            side = (2 * v / 1.3) ** (1 / 3)
            rows.append(
                Measurement(
                    lab=lab,
                    study=study,
                    animal=a,
                    date=day0 + dt.timedelta(days=d),
                    length_mm=round(1.3 * side, 1),
                    width_mm=round(side, 1),
                    volume_mm3=v,
                    weight_g=round(w0 + 0.03 * d + rng.normal(0, 0.3), 1),
                )
            )
            if v >= 2000:
                events.append(
                    Event(
                        lab=lab,
                        study=study,
                        animal=a,
                        date=day0 + dt.timedelta(days=d),
                        kind="endpoint_euthanasia",
                        note=f"tumor volume {v:.0f} mm³",
                    )
                )
                a.status, a.exit_date = Animal.Status.ENDPOINT, day0 + dt.timedelta(days=d)
                break
    Measurement.objects.bulk_create(rows, batch_size=2000)
    Event.objects.bulk_create(events)
    Animal.objects.bulk_update(animals, ["status", "exit_date"])
    doses_plan(study=study)
    if analyses:
        analysis_run(study=study, kind="survival", user=user)
        analysis_run(study=study, kind="growth", user=user)
    return study


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


def make_serum_sample(lab) -> SerumSample:
    from tests.assays.factories import make_run

    animal = AnimalFactory(study__lab=lab)
    return SerumSample.objects.create(
        lab=lab,
        study=animal.study,
        animal=animal,
        run=make_run(lab),
        sample="M01 d7 2h",
        dose_day=7,
        hours_after_dose=2,
    )


register(SerumSample, make_serum_sample)


def make_flow_import(lab) -> FlowImport:
    from django.core.files.base import ContentFile

    study = StudyFactory(lab=lab)
    record = FlowImport(
        lab=lab, study=study, original_filename="table.csv", status="succeeded", sha256="ab" * 32
    )
    record.file.save(record.sha256, ContentFile(b"sample\n"), save=False)
    record.save()
    return record


def make_flow_sample(lab) -> FlowSample:
    record = make_flow_import(lab)
    animal = AnimalFactory(study=record.study, lab=lab)
    return FlowSample.objects.create(
        lab=lab,
        flow_import=record,
        study=record.study,
        animal=animal,
        name="M01_tumor_d21.fcs",
        tissue="tumor",
        harvest_day=21,
    )


register(FlowImport, make_flow_import)
register(FlowSample, make_flow_sample)
register(
    FlowReadout,
    lambda lab: FlowReadout.objects.create(lab=lab, name="CD8 % of CD45", numerator="a/b", denominator="a"),
)
