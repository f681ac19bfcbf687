"""The instrument folder agent (agent/il2_folder_agent.py) as it runs on an instrument PC: a separate
process watching a folder, against gunicorn on the test PostgreSQL, through restarts of both and a portal
that is away for a while; files the portal refuses, duplicates, a growing file and a revoked token."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assays.models import Plate, PlateImport
from il2portal import services
from tests.agent.support import plate_bytes, write_config
from tests.integration.servers import Gunicorn, free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
AGENT = ROOT / "agent" / "il2_folder_agent.py"
QUICK = {
    "settle_seconds": 0.5,
    "poll_seconds": 0.2,
    "backoff_base_seconds": 0.2,
    "backoff_max_seconds": 1.5,
    "auth_retry_seconds": 2,
    "timeout_seconds": 30,
}


class AgentProcess:
    """``python il2_folder_agent.py run`` as a separate process, as an instrument PC runs it."""

    def __init__(self, config: Path):
        self.config = config
        self.proc: subprocess.Popen | None = None
        self.output = open(config.parent / "agent-console.log", "a")  # noqa: SIM115

    def start(self) -> AgentProcess:
        self.proc = subprocess.Popen(
            [sys.executable, str(AGENT), "run", "--quiet", "-c", str(self.config)],
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        return self

    def kill(self) -> None:
        self.proc.kill()  # SIGKILL: no chance to tidy up
        self.proc.wait(timeout=10)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.output.close()
        return self.proc.returncode

    @property
    def log(self) -> str:
        path = self.config.parent / "state" / "agent.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_until(condition, timeout: float, what: str, agent: AgentProcess | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if agent is not None and agent.proc.poll() is not None:
            pytest.fail(
                f"the agent exited ({agent.proc.returncode}) while waiting for {what}:\n{agent.log[-3000:]}"
            )
        time.sleep(0.1)
    pytest.fail(f"not within {timeout} s: {what}\n{agent.log[-3000:] if agent else ''}")


def start_portal(tmp_path: Path, broker: str, port: int | None = None) -> Gunicorn:
    """gunicorn on the test database, keeping originals in ``tmp_path/media`` (also after a restart)."""
    server = Gunicorn(
        tmp_path,
        broker=broker,
        workers=1,  # one process to warm up after each start
        threads=2,
        env={"FILE_STORAGE_DIR": str(tmp_path / "media"), "IDEMPOTENCY_STALE_SECONDS": "5"},
    )
    if port is not None:  # the same address as before, as after a restart of the server
        server.port, server.base = port, f"http://127.0.0.1:{port}"
    return server.start()


def check(config: Path) -> subprocess.CompletedProcess:
    """``il2_folder_agent.py check``, as at installation."""
    return subprocess.run(
        [sys.executable, str(AGENT), "check", "-c", str(config)], capture_output=True, text=True, timeout=60
    )


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def journal(tmp_path: Path) -> list[tuple]:
    path = tmp_path / "state" / "queue.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as db:
        return db.execute("SELECT name, state, finished FROM files ORDER BY id").fetchall()


@pytest.fixture
def instrument_key(real_services, lab, user):
    _token, key = services.api_token_create_instrument(lab=lab, name="Synergy H1", created_by=user)
    return key


def test_it_delivers_100_files_exactly_once_across_a_portal_restart_and_an_agent_kill(
    real_services, lab, instrument_key, tmp_path
):
    started = time.monotonic()
    portal = start_portal(tmp_path, real_services)
    config = write_config(tmp_path, portal_url=portal.base, token=instrument_key, **QUICK)
    inbox = tmp_path / "in"
    agent = AgentProcess(config).start()
    expected = {f"plate-{n:03d}.csv": plate_bytes(1000 + n) for n in range(100)}
    names = sorted(expected)
    try:
        for name in names[:50]:
            (inbox / name).write_bytes(expected[name])
        plates = Plate.objects.filter(lab=lab)
        wait_until(lambda: plates.count() >= 15, 40, "15 plates before the portal stops", agent)

        portal.stop()  # gunicorn stops (graceful: requests in flight are answered) ...
        for name in names[50:]:
            (inbox / name).write_bytes(expected[name])  # ... while the instrument goes on exporting
        wait_until(lambda: "the portal cannot be reached" in agent.log, 20, "the agent noticing", agent)
        time.sleep(1.0)
        portal = start_portal(tmp_path, real_services, port=portal.port)

        wait_until(lambda: plates.count() >= 60, 40, "60 plates after the restart", agent)
        agent.kill()  # the instrument PC loses power mid-upload
        agent = AgentProcess(config).start()

        wait_until(lambda: len(files_in(inbox / "done")) == 100, 60, "all 100 files in done/", agent)
        elapsed = time.monotonic() - started
    finally:
        assert agent.stop() == 0
        portal.stop()

    stored = list(plates.select_related("stored_file"))
    assert len(stored) == 100
    assert sorted(p.stored_file.original_filename for p in stored) == names
    assert {p.stored_file.sha256 for p in stored} == {
        hashlib.sha256(b).hexdigest() for b in expected.values()
    }
    assert files_in(inbox) == [] and files_in(inbox / "failed") == []
    assert all((inbox / "done" / n).read_bytes() == expected[n] for n in names)
    assert not PlateImport.objects.filter(lab=lab).exclude(status="succeeded").exists()
    rows = journal(tmp_path)
    assert sorted(name for name, state, finished in rows if state == "done" and finished) == names
    assert "the portal answers again" in agent.log
    print(f"\n100 files delivered exactly once in {elapsed:.1f} s (portal restarted, agent killed once)")


def test_it_holds_its_queue_while_the_portal_is_down_and_delivers_when_it_is_back(
    real_services, lab, instrument_key, tmp_path
):
    port = free_port()
    config = write_config(tmp_path, portal_url=f"http://127.0.0.1:{port}", token=instrument_key, **QUICK)
    inbox = tmp_path / "in"
    agent = AgentProcess(config).start()
    portal = None
    try:
        for n in range(10):
            (inbox / f"p{n}.csv").write_bytes(plate_bytes(2000 + n))
        wait_until(lambda: len(journal(tmp_path)) == 10, 20, "10 files queued", agent)
        time.sleep(3.0)  # several failed tries
        assert [state for _name, state, _finished in journal(tmp_path)] == ["queued"] * 10
        assert len(files_in(inbox)) == 10 and Plate.objects.count() == 0
        assert agent.log.count("the portal cannot be reached") >= 3

        portal = start_portal(tmp_path, real_services, port=port)
        wait_until(lambda: len(files_in(inbox / "done")) == 10, 30, "10 files delivered", agent)
    finally:
        assert agent.stop() == 0
        if portal is not None:
            portal.stop()
    assert Plate.objects.filter(lab=lab).count() == 10
    assert "the portal answers again" in agent.log


def test_it_sorts_refused_duplicate_and_growing_files_and_waits_out_a_revoked_token(
    real_services, lab, user, tmp_path
):
    token, key = services.api_token_create_instrument(lab=lab, name="Synergy H1", created_by=user)
    portal = start_portal(tmp_path, real_services)
    settings = {**QUICK, "settle_seconds": 1.5}
    config = write_config(tmp_path, portal_url=portal.base, token=key, **settings)
    inbox = tmp_path / "in"
    checked = check(config)
    assert checked.returncode == 0 and "token: accepted; lab: Lab A" in checked.stdout, checked.stdout
    agent = AgentProcess(config).start()

    def grow():  # a kinetic read appending a line every 0.2 s for 3 s
        path = inbox / "growing.csv"
        path.write_bytes(b"well,value\n")
        for i in range(15):
            time.sleep(0.2)
            with open(path, "ab") as fh:
                fh.write(f"{'ABCDEFGH'[i // 12]}{i % 12 + 1},{i * 0.1:.3f}\n".encode())

    writer = threading.Thread(target=grow)
    try:
        writer.start()
        (inbox / "notes.txt").write_bytes(b"the operator's notes: not a plate\n")
        (inbox / "empty.csv").write_bytes(b"")
        (inbox / "a.csv").write_bytes(plate_bytes(3000))
        (inbox / "a copy.csv").write_bytes(plate_bytes(3000))
        writer.join()
        wait_until(
            lambda: len(files_in(inbox / "done")) == 3 and len(files_in(inbox / "failed")) == 4,
            30,
            "3 files done and 2 refused",
            agent,
        )
        assert files_in(inbox / "done") == ["a copy.csv", "a.csv", "growing.csv"]
        notes = (inbox / "failed" / "notes.txt.il2-failed.txt").read_text()
        assert "error: unrecognized_format" in notes and "/api/v1/imports/" in notes
        assert "error: empty_file" in (inbox / "failed" / "empty.csv.il2-failed.txt").read_text()
        grown = (inbox / "done" / "growing.csv").read_bytes()
        [plate] = Plate.objects.filter(lab=lab, stored_file__original_filename="growing.csv")
        assert plate.stored_file.sha256 == hashlib.sha256(grown).hexdigest()  # the complete file only
        assert Plate.objects.filter(lab=lab).count() == 2  # a.csv and its copy are one plate
        assert "growing.csv is being written" in agent.log
        assert "is already in the portal" in agent.log

        services.api_token_revoke(token=token)  # a lab admin revokes the token while the agent runs
        (inbox / "after.csv").write_bytes(plate_bytes(3001))
        wait_until(lambda: "refused the instrument token (401" in agent.log, 20, "the 401 logged", agent)
        time.sleep(2.5)  # its periodic retry is refused too
        assert files_in(inbox) == ["after.csv"]
        checked = check(config)
        assert checked.returncode == 1 and "PROBLEM: the portal answered 401" in checked.stdout
        assert not Plate.objects.filter(stored_file__original_filename="after.csv").exists()

        _token, new_key = services.api_token_create_instrument(lab=lab, name="Synergy H1", created_by=user)
        (tmp_path / "edit").mkdir()
        fresh = write_config(tmp_path / "edit", portal_url=portal.base, token=new_key, **settings)
        os.replace(fresh, config)  # the admin puts the new token in the agent's configuration
        wait_until(lambda: "after.csv" in files_in(inbox / "done"), 20, "after.csv delivered", agent)
    finally:
        writer.join()
        assert agent.stop() == 0
        portal.stop()
    assert Plate.objects.filter(lab=lab, stored_file__original_filename="after.csv").count() == 1
    assert "configuration reloaded" in agent.log and new_key not in agent.log and key not in agent.log
