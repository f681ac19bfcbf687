"""The folder agent's requests against the real portal code in-process (Django's test client as the
transport): the multipart body, the instrument token, the portal's answers as the agent reads them."""

from __future__ import annotations

import random
import urllib.parse

import pytest
from django.test import Client

from agent import il2_folder_agent as fa
from assays.models import Plate, PlateImport
from il2portal import services
from tests.agent.support import FakeClock, plate_bytes, settle, write_config


def client_transport(client: Client):
    def send(method, url, headers, body, timeout):
        parts = urllib.parse.urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        extra = {
            "HTTP_" + k.upper().replace("-", "_"): v
            for k, v in headers.items()
            if k.lower() != "content-type"
        }
        response = client.generic(
            method, path, data=body or b"", content_type=headers.get("Content-Type"), **extra
        )
        return fa.Response(
            response.status_code, {k.lower(): v for k, v in response.items()}, response.content
        )

    return send


@pytest.fixture
def instrument(lab, user):
    token, key = services.api_token_create_instrument(lab=lab, name="Synergy H1", created_by=user)
    return token, key


def make(tmp_path, key, **settings):
    clock = FakeClock()
    config = fa.load_config(write_config(tmp_path, token=key, **settings))
    agent = fa.Agent(config, clock=clock, transport=client_transport(Client()), rng=random.Random(1))
    return agent, clock


def test_it_uploads_plates_that_the_portal_stores_once_with_their_file_names(tmp_path, lab, instrument):
    agent, clock = make(tmp_path, instrument[1])
    inbox = tmp_path / "in"
    (inbox / "Plate 1 é.csv").write_bytes(plate_bytes(1))
    (inbox / "plate-2.csv").write_bytes(plate_bytes(2))
    (inbox / "plate-2 again.csv").write_bytes(plate_bytes(2))
    settle(agent, clock)
    plates = Plate.objects.filter(lab=lab).select_related("stored_file", "uploaded_by")
    assert sorted(p.stored_file.original_filename for p in plates) == ["Plate 1 é.csv", "plate-2 again.csv"]
    assert {p.uploaded_by_id for p in plates} == {instrument[0].user_id}
    assert sorted(p.name for p in (inbox / "done").iterdir()) == [
        "Plate 1 é.csv",
        "plate-2 again.csv",
        "plate-2.csv",
    ]
    rows = {r["name"]: dict(r) for r in agent.journal.db.execute("SELECT * FROM files")}
    assert (rows["plate-2.csv"]["http_status"], rows["plate-2.csv"]["duplicate"]) == (200, 1)


def test_it_moves_what_the_portal_refuses_to_failed_with_the_portals_code_and_import(
    tmp_path, lab, instrument
):
    agent, clock = make(tmp_path, instrument[1])
    (tmp_path / "in" / "notes.txt").write_bytes(b"garbage: the operator's notes, not a plate\n")
    (tmp_path / "in" / "empty.csv").write_bytes(b"")
    settle(agent, clock)
    failed = tmp_path / "in" / "failed"
    imports = {i.original_filename: i for i in PlateImport.objects.filter(lab=lab)}
    note = (failed / "notes.txt.il2-failed.txt").read_text()
    assert "error: unrecognized_format" in note
    assert f"/api/v1/imports/{imports['notes.txt'].pk}/" in note
    assert "error: empty_file" in (failed / "empty.csv.il2-failed.txt").read_text()
    assert Plate.objects.filter(lab=lab).count() == 0


def test_it_pauses_when_the_lab_admin_revokes_the_token(tmp_path, lab, instrument, caplog):
    token, key = instrument
    agent, clock = make(tmp_path, key)
    services.api_token_revoke(token=token)
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    assert agent.pause is not None and agent.pause.kind == "auth"
    assert (tmp_path / "in" / "p.csv").exists() and agent.journal.queued_count() == 1
    assert Plate.objects.count() == 0


def test_it_sends_the_configured_vendor_and_lab(tmp_path, lab, instrument):
    agent, clock = make(tmp_path, instrument[1], vendor="long_csv", lab=lab.pk)
    (tmp_path / "in" / "p.txt").write_bytes(plate_bytes(1))
    settle(agent, clock)
    plate = Plate.objects.get(lab=lab)
    assert (plate.vendor, plate.plate_import.vendor_requested, plate.plate_import.lab_id) == (
        "long_csv",
        "long_csv",
        lab.pk,
    )
