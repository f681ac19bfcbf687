"""The SEND-style export: domains, study days and counts match what was recorded."""

import csv
import datetime as dt
import io
import zipfile

import pytest

from studies.models import Dose, Event, Measurement, Study
from studies.send import send_day

pytestmark = pytest.mark.django_db


def test_it_counts_study_days_as_send_does():
    ref = dt.date(2026, 3, 1)
    assert send_day(ref, ref) == 1
    assert send_day(ref + dt.timedelta(days=6), ref) == 7
    assert send_day(ref - dt.timedelta(days=1), ref) == -1  # no day 0 in SEND


def test_it_exports_the_demo_study_as_send_domains(browser_client, lab, user):
    from studies.demo import load_study_demo

    load_study_demo(lab=lab, user=user)
    study = Study.objects.get(lab=lab)
    Dose.objects.filter(study=study).update(status=Dose.Status.GIVEN)
    response = browser_client.get(f"/studies/{study.pk}/send.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {"dm.csv", "bw.csv", "pm.csv", "ds.csv", "ex.csv", "README.txt"}

    def rows(name):
        return list(csv.DictReader(io.StringIO(archive.read(name).decode())))

    assert len(rows("dm.csv")) == study.animals.count()
    assert len(rows("bw.csv")) == Measurement.objects.filter(study=study, weight_g__isnull=False).count()
    volumes = [r for r in rows("pm.csv") if r["PMTESTCD"] == "VOLUME"]
    assert len(volumes) == Measurement.objects.filter(study=study, volume_mm3__isnull=False).count()
    first = Measurement.objects.filter(study=study).order_by("animal__tag", "date").first()
    bw_first = rows("bw.csv")[0]
    assert int(bw_first["BWDY"]) == send_day(first.date, study.day0)
    exits = Event.objects.filter(
        study=study, kind__in=["endpoint_euthanasia", "found_dead", "euthanasia_other", "withdrawn"]
    )
    assert len(rows("ds.csv")) == exits.count()
    assert len(rows("ex.csv")) == Dose.objects.filter(study=study, status="given").count()
    assert "not a conformant SEND package" in archive.read("README.txt").decode()
