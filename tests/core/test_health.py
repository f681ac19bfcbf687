from unittest import mock

import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_it_reports_the_database_and_broker(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"] == {"ok": True, "mode": "in-process"}


@pytest.mark.django_db
def test_it_answers_503_when_the_database_is_down(client):
    with mock.patch("il2portal.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False


@pytest.mark.django_db
def test_it_reports_an_unreachable_broker(client, settings):
    settings.JOBS_IN_PROCESS = False
    with mock.patch("il2portal.celery.app.connection_for_write", side_effect=OSError("refused")):
        body = client.get("/healthz").json()
    assert body["broker"]["ok"] is False and body["status"] == "degraded"
