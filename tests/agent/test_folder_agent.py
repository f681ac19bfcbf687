"""The instrument folder agent's logic, with a fake clock and a fake portal on a real temporary folder."""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import random
import re
import sqlite3
from pathlib import Path

import pytest

from agent import il2_folder_agent as fa
from tests.agent.support import (
    FakeClock,
    FakePortal,
    answer,
    make_agent,
    plate_bytes,
    refusal,
    settle,
    write_config,
)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def portal():
    return FakePortal()


@pytest.fixture
def caplog_agent(caplog):
    caplog.set_level(logging.INFO, logger="il2_folder_agent")
    return caplog


def journal_rows(agent: fa.Agent) -> list[dict]:
    return [dict(r) for r in agent.journal.db.execute("SELECT * FROM files ORDER BY id")]


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ---- waiting for complete files


def test_it_sends_a_file_only_after_it_has_not_changed_for_the_settle_period(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock, settle_seconds=5)
    (tmp_path / "in" / "p1.csv").write_bytes(plate_bytes(1))
    agent.step()
    clock.advance(4.9)
    agent.step()
    assert portal.requests == []
    clock.advance(0.2)
    agent.step()
    assert [r["filename"] for r in portal.requests] == ["p1.csv"]
    assert portal.requests[0]["data"] == plate_bytes(1)


def test_it_never_sends_a_file_that_keeps_growing_and_says_so_in_the_log(
    tmp_path, clock, portal, caplog_agent
):
    agent = make_agent(tmp_path, portal, clock, settle_seconds=5, growing_warn_seconds=60)
    path = tmp_path / "in" / "kinetic.csv"
    path.write_bytes(b"well,value\n")
    for i in range(40):  # a new line every 3 s for 2 minutes: never still for 5 s
        agent.step()
        with open(path, "ab") as fh:
            fh.write(f"A{i % 12 + 1},{i}\n".encode())
        clock.advance(3)
    agent.step()
    assert portal.requests == []
    messages = [r.getMessage() for r in caplog_agent.records]
    assert sum("kinetic.csv is being written" in m for m in messages) == 1
    assert any("kinetic.csv keeps changing" in m and "not sent while it changes" in m for m in messages)
    settle(agent, clock)
    assert len(portal.requests) == 1
    assert portal.requests[0]["data"] == path.parent.joinpath("done", "kinetic.csv").read_bytes()
    assert portal.requests[0]["data"].count(b"\n") == 41


def test_it_waits_again_when_a_queued_file_changes_before_it_is_sent(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [fa.TransportError("connection refused")]
    path = tmp_path / "in" / "p.csv"
    path.write_bytes(plate_bytes(1))
    settle(agent, clock)  # queued, the portal is unreachable
    path.write_bytes(plate_bytes(2))  # the instrument rewrote it
    clock.advance(60)
    agent.step()
    assert len(portal.requests) == 1  # the changed bytes were not sent under the old record
    settle(agent, clock)
    assert portal.requests[-1]["data"] == plate_bytes(2)
    assert [r["state"] for r in journal_rows(agent)] == ["changed", "done"]


def test_it_skips_temporary_hidden_and_its_own_files_and_only_takes_included_names(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock, include="*.csv *.txt")
    inbox = tmp_path / "in"
    for name in ("~$book.csv", ".hidden.csv", "run.csv.tmp", "run.part", "x.csv.il2-failed.txt", "pic.png"):
        (inbox / name).write_bytes(b"garbage")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "nested.csv").write_bytes(plate_bytes(3))
    (inbox / "real.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    assert [r["filename"] for r in portal.requests] == ["real.csv"]


def test_it_looks_into_subfolders_when_recursive_and_keeps_them_under_done(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock, recursive="yes")
    (tmp_path / "in" / "2026-03-01").mkdir()
    (tmp_path / "in" / "2026-03-01" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    settle(agent, clock)  # done/ itself is not watched
    assert len(portal.requests) == 1
    assert names(tmp_path / "in" / "done" / "2026-03-01") == ["p.csv"]


# ---- the upload


def test_it_uploads_with_the_instrument_token_and_an_idempotency_key_from_the_sha256(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock, vendor="gen5", lab=3)
    (tmp_path / "in" / "Plate 1 é.txt").write_bytes(plate_bytes(1))
    settle(agent, clock)
    request = portal.requests[0]
    assert request["url"] == "http://portal.test/api/v1/plates/?lab=3"
    assert request["headers"]["Authorization"] == "Token instrument-key"
    assert request["headers"]["Idempotency-Key"].startswith(hashlib.sha256(plate_bytes(1)).hexdigest() + "-")
    assert request["fields"] == {"vendor": "gen5", "lab": "3"}
    assert request["filename"] == "Plate 1 é.txt"


def test_it_moves_an_uploaded_file_to_done_and_records_the_plate(tmp_path, clock, portal, caplog_agent):
    agent = make_agent(tmp_path, portal, clock)
    (tmp_path / "in" / "p1.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    assert names(tmp_path / "in") == ["done"]
    assert names(tmp_path / "in" / "done") == ["p1.csv"]
    [row] = journal_rows(agent)
    assert (row["state"], row["finished"], json.loads(row["plates"]), row["http_status"]) == (
        "done",
        1,
        [1],
        201,
    )
    assert any("uploaded p1.csv -> plate 1 (201" in r.getMessage() for r in caplog_agent.records)


def test_it_counts_a_duplicate_as_done(tmp_path, clock, portal, caplog_agent):
    agent = make_agent(tmp_path, portal, clock)
    (tmp_path / "in" / "a.csv").write_bytes(plate_bytes(1))
    (tmp_path / "in" / "a copy.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    assert [r["filename"] for r in portal.requests] == ["a copy.csv", "a.csv"]
    assert names(tmp_path / "in" / "done") == ["a copy.csv", "a.csv"]
    assert [(r["state"], r["duplicate"]) for r in journal_rows(agent)] == [("done", 0), ("done", 1)]
    assert any(
        "a.csv is already in the portal (plate 1, duplicate)" in r.getMessage() for r in caplog_agent.records
    )


def test_it_records_every_plate_of_a_file_holding_several(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [answer(201, {"plates": [{"id": 7}, {"id": 8}], "duplicate": False})]
    (tmp_path / "in" / "two.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    [row] = journal_rows(agent)
    assert json.loads(row["plates"]) == [7, 8] and row["state"] == "done"
    assert names(tmp_path / "in" / "done") == ["two.csv"]


def test_it_finds_a_free_name_in_done_for_a_second_file_of_the_same_name(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    for n in (1, 2):
        (tmp_path / "in" / "export.csv").write_bytes(plate_bytes(n))
        settle(agent, clock)
    assert names(tmp_path / "in" / "done") == ["export (2).csv", "export.csv"]
    assert (tmp_path / "in" / "done" / "export (2).csv").read_bytes() == plate_bytes(2)


# ---- refused files


@pytest.mark.parametrize(
    ("content", "code"), [(b"garbage, not a plate\n", "unrecognized_format"), (b"", "empty_file")]
)
def test_it_moves_a_refused_file_to_failed_with_the_reason_beside_it_and_never_retries_it(
    tmp_path, clock, portal, content, code
):
    agent = make_agent(tmp_path, portal, clock)
    (tmp_path / "in" / "bad.csv").write_bytes(content)
    settle(agent, clock)
    for _ in range(5):
        clock.advance(3600)
        agent.step()
    assert len(portal.requests) == 1
    failed = tmp_path / "in" / "failed"
    assert names(failed) == ["bad.csv", "bad.csv.il2-failed.txt"]
    assert (failed / "bad.csv").read_bytes() == content
    note = (failed / "bad.csv.il2-failed.txt").read_text()
    assert f"error: {code}" in note and "http_status: 400" in note
    assert "import: http://portal.test/api/v1/imports/1/" in note
    [row] = journal_rows(agent)
    assert (row["state"], row["error_code"], row["finished"]) == ("failed", code, 1)


def test_it_treats_a_parse_error_as_the_files_fault_but_a_bad_lab_setting_as_its_own(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [
        refusal(400, "parse_error", "line 4: not a number", {"line": 4, "import_id": 9}),
        refusal(400, "validation_error", "lab: no such lab", {"lab": ["Invalid pk"]}),
    ]
    (tmp_path / "in" / "a.csv").write_bytes(plate_bytes(1))
    (tmp_path / "in" / "b.csv").write_bytes(plate_bytes(2))
    settle(agent, clock)
    assert names(tmp_path / "in" / "failed") == ["a.csv", "a.csv.il2-failed.txt"]
    assert "line 4: not a number" in (tmp_path / "in" / "failed" / "a.csv.il2-failed.txt").read_text()
    assert (tmp_path / "in" / "b.csv").exists()  # kept: the agent's configuration is at fault
    assert agent.pause is not None and agent.pause.kind == "config"


def test_it_does_not_send_a_file_over_max_file_mb(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock, max_file_mb=0.001)
    (tmp_path / "in" / "huge.csv").write_bytes(b"x" * 2000)
    settle(agent, clock)
    assert portal.requests == []
    assert "max_file_mb" in (tmp_path / "in" / "failed" / "huge.csv.il2-failed.txt").read_text()


# ---- leaving files in place


def test_it_leaves_files_in_place_with_a_marker_in_marker_mode_and_sends_new_content_again(
    tmp_path, clock, portal
):
    agent = make_agent(tmp_path, portal, clock, after_upload="marker")
    inbox = tmp_path / "in"
    (inbox / "p.csv").write_bytes(plate_bytes(1))
    (inbox / "bad.csv").write_bytes(b"garbage")
    settle(agent, clock)
    assert names(inbox) == ["bad.csv", "bad.csv.il2-failed.txt", "p.csv", "p.csv.il2-uploaded.txt"]
    assert "plates: http://portal.test/api/v1/plates/1/" in (inbox / "p.csv.il2-uploaded.txt").read_text()
    agent.close()
    restarted = make_agent(tmp_path, portal, clock, after_upload="marker")  # a fresh process
    settle(restarted, clock)
    assert len(portal.requests) == 2
    (inbox / "p.csv").write_bytes(plate_bytes(2))  # the instrument overwrote its export
    settle(restarted, clock)
    assert len(portal.requests) == 3 and portal.requests[-1]["data"] == plate_bytes(2)


# ---- a revoked token


def test_it_pauses_on_a_revoked_token_keeps_the_queue_and_resumes_when_the_config_has_a_new_one(
    tmp_path, clock, portal, caplog_agent
):
    agent = make_agent(tmp_path, portal, clock, auth_retry_seconds=300)
    inbox = tmp_path / "in"
    (inbox / "p1.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    portal.token = "new-key"  # revoked on the portal while the agent runs
    for n in (2, 3, 4):
        (inbox / f"p{n}.csv").write_bytes(plate_bytes(n))
    settle(agent, clock)
    for _ in range(10):
        clock.advance(10)
        agent.step()
    assert [r["headers"]["Authorization"] for r in portal.requests] == ["Token instrument-key"] * 2
    assert sorted(names(inbox)) == ["done", "p2.csv", "p3.csv", "p4.csv"]
    assert agent.journal.queued_count() == 3
    errors = [r.getMessage() for r in caplog_agent.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "refused the instrument token (401: Invalid or revoked token.)" in errors[0]
    assert "queue is kept (3 files waiting)" in errors[0]

    clock.advance(300)  # the periodic retry: still refused, said once more, still paused
    agent.step()
    assert len(portal.requests) == 3 and agent.pause is not None
    assert "still refused (401)" in caplog_agent.records[-1].getMessage()

    write_config(tmp_path, token="new-key", auth_retry_seconds=300)
    os.utime(tmp_path / "agent.ini", (clock.time() + 5, clock.time() + 5))  # a visibly newer file
    agent.step()
    assert [r["headers"]["Authorization"] for r in portal.requests[3:]] == ["Token new-key"] * 3
    assert names(inbox / "done") == ["p1.csv", "p2.csv", "p3.csv", "p4.csv"]
    messages = [r.getMessage() for r in caplog_agent.records]
    assert any("configuration reloaded" in m and "token" in m for m in messages)
    assert not any("new-key" in m for m in messages)  # the token itself is never logged


def test_it_pauses_on_403_too(tmp_path, clock, portal, caplog_agent):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [refusal(403, "permission_denied", "Instrument tokens can only push plates")]
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    assert agent.pause is not None and (tmp_path / "in" / "p.csv").exists()
    assert any("does not let this token upload plates (403" in r.getMessage() for r in caplog_agent.records)
    clock.advance(301)
    agent.step()
    assert names(tmp_path / "in" / "done") == ["p.csv"]


def test_it_keeps_the_previous_configuration_when_the_new_file_is_broken(
    tmp_path, clock, portal, caplog_agent
):
    agent = make_agent(tmp_path, portal, clock)
    (tmp_path / "agent.ini").write_text("[agent]\nportal_url = not a url\n")
    os.utime(tmp_path / "agent.ini", (clock.time() + 5, clock.time() + 5))
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    assert len(portal.requests) == 1 and portal.requests[0]["url"].startswith("http://portal.test/")
    assert any(
        "was not applied" in r.getMessage() and "portal_url" in r.getMessage() for r in caplog_agent.records
    )


# ---- network loss, overload, restarts


def test_it_retries_connection_errors_with_growing_jittered_delays_and_keeps_the_queue(
    tmp_path, clock, portal, caplog_agent
):
    agent = make_agent(tmp_path, portal, clock, backoff_base_seconds=2, backoff_max_seconds=300)
    portal.script = [fa.TransportError("[Errno 111] Connection refused")] * 6
    for n in range(3):
        (tmp_path / "in" / f"p{n}.csv").write_bytes(plate_bytes(n))
    settle(agent, clock)
    delays = []
    for _ in range(200):
        if len(portal.requests) > len(delays) and len(delays) < 6:
            delays.append(agent.portal_wait_until - clock.time())
        if names(tmp_path / "in") == ["done"]:
            break
        clock.advance(0.5)
        agent.step()
    # one try at a time while the portal is away: the n-th waits between half and all of 2 * 2**(n-1) s
    for n, delay in enumerate(delays[:6], start=1):
        assert 2 ** (n - 1) <= delay <= 2**n + 1e-9, (n, delays)
    assert len(set(delays)) == len(delays)  # jittered
    assert len(portal.requests) == 6 + 3
    assert names(tmp_path / "in" / "done") == ["p0.csv", "p1.csv", "p2.csv"]
    messages = [r.getMessage() for r in caplog_agent.records]
    assert any("the portal cannot be reached" in m and "3 files in the queue" in m for m in messages)
    assert any("the portal answers again (after 6 failed tries)" in m for m in messages)


def test_it_sends_files_in_the_order_they_were_made_after_an_outage(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [fa.TransportError("[Errno 111] Connection refused")] * 2
    for n in range(4):
        (tmp_path / "in" / f"p{n}.csv").write_bytes(plate_bytes(n))
    settle(agent, clock)
    for _ in range(20):
        clock.advance(1)
        agent.step()
    sent = [r["filename"] for r in portal.requests[2:]]
    assert sent == ["p0.csv", "p1.csv", "p2.csv", "p3.csv"]


def test_it_caps_the_backoff_at_backoff_max_seconds():
    rng = random.Random(1)
    assert all(5 <= fa.backoff_delay(n, 2, 10, rng) <= 10 for n in range(4, 60))


def test_it_retries_a_server_error_for_that_file_while_others_go_on(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [refusal(500, "server_error", "boom")]
    (tmp_path / "in" / "a.csv").write_bytes(plate_bytes(1))
    (tmp_path / "in" / "b.csv").write_bytes(plate_bytes(2))
    settle(agent, clock)
    assert names(tmp_path / "in" / "done") == ["b.csv"]
    clock.advance(3)
    agent.step()
    assert names(tmp_path / "in" / "done") == ["a.csv", "b.csv"]
    assert [r["filename"] for r in portal.requests] == ["a.csv", "b.csv", "a.csv"]


@pytest.mark.parametrize(("status", "as_date"), [(503, False), (429, True), (502, False)])
def test_it_honours_retry_after(tmp_path, clock, portal, status, as_date):
    agent = make_agent(tmp_path, portal, clock, backoff_base_seconds=0.5)

    def busy(request):  # "Retry-After: 30" or the HTTP date 30 s from now
        retry_after = email.utils.formatdate(clock.time() + 30, usegmt=True) if as_date else "30"
        return refusal(status, "unavailable", "busy", headers={"Retry-After": retry_after})

    portal.script = [busy]
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    clock.advance(29.5)
    agent.step()
    assert len(portal.requests) == 1
    clock.advance(1.1)
    agent.step()
    assert len(portal.requests) == 2 and names(tmp_path / "in" / "done") == ["p.csv"]


def test_it_retries_later_with_the_same_key_when_the_key_is_in_progress(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [refusal(409, "idempotency_key_in_progress", "still being processed")]
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    clock.advance(5)
    agent.step()
    keys = [r["headers"]["Idempotency-Key"] for r in portal.requests]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert names(tmp_path / "in" / "done") == ["p.csv"]


def test_it_takes_a_new_key_when_the_portal_refuses_the_old_one(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [refusal(422, "idempotency_key_reused", "used for a different request")]
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    keys = [r["headers"]["Idempotency-Key"] for r in portal.requests]
    assert len(keys) == 2 and keys[0] != keys[1]
    assert names(tmp_path / "in" / "done") == ["p.csv"]


def test_it_sends_with_the_same_key_after_a_lost_answer_and_a_restart_so_one_plate_is_made(
    tmp_path, clock, portal, caplog_agent
):
    agent = make_agent(tmp_path, portal, clock)

    def stored_then_lost(request):  # the portal made the plate, the answer never arrived
        portal.respond(request)
        raise fa.TransportError("Connection reset by peer")

    portal.script = [stored_then_lost]
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    agent.close()  # the agent is killed: only the journal remains
    restarted = make_agent(tmp_path, portal, clock)
    clock.advance(10)
    restarted.step()
    first, second = portal.requests
    assert first["headers"]["Idempotency-Key"] == second["headers"]["Idempotency-Key"]
    assert len(portal.plates) == 1
    assert names(tmp_path / "in" / "done") == ["p.csv"]
    assert any("the portal's earlier answer replayed" in r.getMessage() for r in caplog_agent.records)


def test_it_moves_the_file_after_a_restart_when_it_died_between_the_answer_and_the_move(
    tmp_path, clock, portal, monkeypatch
):
    agent = make_agent(tmp_path, portal, clock)
    monkeypatch.setattr(fa.Agent, "finish_all", lambda self: None)  # dies before moving
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    agent.close()
    monkeypatch.undo()
    restarted = make_agent(tmp_path, portal, clock)
    settle(restarted, clock)
    assert len(portal.requests) == 1
    assert names(tmp_path / "in" / "done") == ["p.csv"]


def test_it_forgets_a_queued_file_that_was_deleted(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [fa.TransportError("timed out")]
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    (tmp_path / "in" / "p.csv").unlink()
    clock.advance(60)
    agent.step()
    assert len(portal.requests) == 1
    assert [r["state"] for r in journal_rows(agent)] == ["gone"]


@pytest.mark.parametrize(
    ("response", "words"),
    [
        (answer(404, {"error": {"code": "not_found", "message": "Not found."}}), "is portal_url right?"),
        (answer(308, None, {"Location": "https://portal.test/api/v1/plates/"}), "redirects to"),
        (fa.Response(200, {}, b"<html>captive portal</html>"), "not with a plate"),
    ],
)
def test_it_pauses_with_a_clear_message_when_portal_url_is_wrong(
    tmp_path, clock, portal, caplog_agent, response, words
):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [response]
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    assert agent.pause is not None and (tmp_path / "in" / "p.csv").exists()
    assert any(words in r.getMessage() for r in caplog_agent.records if r.levelno == logging.ERROR)


def test_it_logs_an_unexpected_error_and_goes_on(tmp_path, clock, portal, caplog_agent, monkeypatch):
    agent = make_agent(tmp_path, portal, clock)
    calls = []

    def step():
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database or disk is full")
        agent.stop_event.set()
        return False

    monkeypatch.setattr(agent, "step", step)
    monkeypatch.setattr(agent.stop_event, "wait", lambda timeout=None: None)
    agent.run_forever()
    assert len(calls) == 2
    [error] = [r for r in caplog_agent.records if r.levelno == logging.ERROR]
    assert "unexpected error" in error.getMessage() and "disk is full" in str(error.exc_info[1])


# ---- configuration, journal, lock, log


def test_it_reads_the_configuration_and_resolves_paths_next_to_it(tmp_path, monkeypatch):
    (tmp_path / "token.txt").write_text("key-from-file\n")
    path = write_config(
        tmp_path, token="", token_file="token.txt", portal_url="https://p.example.org/api/v1/", lab=""
    )
    config = fa.load_config(path)
    assert config.token == "key-from-file"
    assert config.portal_url == "https://p.example.org"
    assert config.upload_url == "https://p.example.org/api/v1/plates/"
    assert config.watch_dir == tmp_path / "in"
    assert config.done_dir == tmp_path / "in" / "done" and config.failed_dir == tmp_path / "in" / "failed"
    assert config.log_file == tmp_path / "state" / "agent.log"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"portal_url": "portal.example.org"}, "portal_url must be the portal's address"),
        ({"token": ""}, "no token"),
        ({"settle_seconds": "ten"}, "settle_seconds = 'ten' is not a number"),
        ({"after_upload": "delete"}, "after_upload must be move or marker"),
        ({"lab": "Lab A"}, "lab must be the lab's id"),
        ({"colour": "blue"}, "unknown setting(s) colour"),
        ({"recursive": "perhaps"}, "use yes or no"),
    ],
)
def test_it_names_the_setting_that_is_wrong(tmp_path, monkeypatch, values, message):
    monkeypatch.delenv("IL2_AGENT_TOKEN", raising=False)
    with pytest.raises(fa.ConfigError, match="agent.ini") as caught:
        fa.load_config(write_config(tmp_path, **values))
    assert message in str(caught.value)


def test_it_keeps_its_queue_in_a_journal_that_survives_a_restart(tmp_path, clock, portal):
    agent = make_agent(tmp_path, portal, clock)
    portal.script = [fa.TransportError("Network is unreachable")] * 3
    (tmp_path / "in" / "p.csv").write_bytes(plate_bytes(1))
    settle(agent, clock)
    agent.close()
    with sqlite3.connect(tmp_path / "state" / "queue.sqlite3") as db:
        assert db.execute("SELECT name, state, attempts FROM files").fetchall() == [("p.csv", "queued", 1)]
    assert fa.main(["status", "--json", "-c", str(tmp_path / "agent.ini")]) == 0


def test_it_refuses_to_run_twice_on_one_state_folder(tmp_path):
    lock = fa.InstanceLock(tmp_path)
    try:
        with pytest.raises(fa.AgentError, match="another agent is already running"):
            fa.InstanceLock(tmp_path)
    finally:
        lock.release()
    fa.InstanceLock(tmp_path).release()  # free again once the first is gone


def test_it_rotates_its_log_file(tmp_path):
    config = fa.load_config(write_config(tmp_path, log_max_mb=0.01, log_backups=2))
    try:
        fa.setup_logging(config, console=False)
        for i in range(500):
            fa.log.info("line %s of a long day of uploads", i)
    finally:
        for handler in fa.log.handlers:
            handler.close()
        fa.log.handlers[:] = []
        fa.log.propagate = True
    logs = names(tmp_path / "state")
    assert logs == ["agent.log", "agent.log.1", "agent.log.2"]
    assert all((tmp_path / "state" / n).stat().st_size <= 10_100 for n in logs)


# ---- the files shipped beside the agent


def test_it_documents_every_setting_in_the_example_configuration(tmp_path):
    example = Path(fa.__file__).with_name("agent.example.ini")
    text = example.read_text(encoding="utf-8")
    settings = set(fa.Config.__dataclass_fields__) - {"path"}
    documented = set(re.findall(r"^#? ?(\w+) =", text, re.M))
    assert settings == documented
    config = fa.load_config(example)  # loads as shipped (the token is a placeholder to replace)
    assert (config.portal_url, config.after_upload, config.settle_seconds) == (
        "https://il2portal.example.org",
        "move",
        10.0,
    )


def test_it_ships_a_systemd_unit_that_runs_the_agent():
    unit = Path(fa.__file__).with_name("il2-folder-agent.service").read_text(encoding="utf-8")
    [exec_start] = re.findall(r"^ExecStart=(.+)$", unit, re.M)
    assert exec_start.split()[1:4] == ["/opt/il2-agent/il2_folder_agent.py", "run", "--config"]
    assert "Restart=always" in unit and "ExecReload=/bin/kill -HUP $MAINPID" in unit
