"""kill -9 the Rasa server in the middle of a rehearsal: nothing said before is lost, and practice carries on.

Issue 5, "No data lost". The Rasa process here is our own (own port, own SQLite tracker file), so killing it
leaves the session's server alone; it shares the session's action server through a small proxy that can
hold an action call, which is how the test kills Rasa while a turn is certainly in flight.
Marked `runs_last`, like the other tests that stop servers (tests/conftest.py runs those after the rest).
"""
from __future__ import annotations

import json
import signal
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.e2e.conftest import Assistant, free_port

pytestmark = [pytest.mark.e2e, pytest.mark.runs_last]

SET_UP = [
    "my husband refuses to see a therapist",
    "he agreed to go and then never booked it",
    "can we practise the conversation? play my husband",
    "he's been really low, depressed I think",
    "agree one small step",
]
LINES = [
    "What would make it feel safer to talk to someone?",
    "So part of you is worn out and doesn't know where to start.",
    "Whatever you decide, I'll back you.",
]


class ActionProxy:
    """Forwards Rasa's action calls to the real action server; on request, holds the next one back."""

    def __init__(self, action_port: int) -> None:
        self.target = f"http://127.0.0.1:{action_port}"
        self.holding = False
        self.held = threading.Event()  # set when a call has arrived and is being held
        self.release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if proxy.holding:
                    proxy.holding = False
                    proxy.held.set()
                    proxy.release.wait(120)
                    return  # Rasa is gone by now; the call is simply dropped
                upstream = requests.post(f"{proxy.target}{self.path}", data=body, headers={"Content-Type": "application/json"},
                                         timeout=60)
                self.send_response(upstream.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(upstream.content)))
                self.end_headers()
                self.wfile.write(upstream.content)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def own_rasa(assistant: Assistant, tmp_path: Path) -> Iterator[tuple[Assistant, ActionProxy]]:
    proxy = ActionProxy(assistant.action_port)
    env = {**assistant.env, "TRACKER_DB": str(tmp_path / "tracker.db"), "ACTION_PORT": str(proxy.port)}
    server = Assistant(workdir=tmp_path, env=env, rasa_port=free_port(), action_port=proxy.port, name="rasa-killed")
    try:
        server.start_rasa()
        yield server, proxy
    finally:
        server.stop(server.name)
        proxy.close()


def kill_9(server: Assistant) -> None:
    process = server.processes[server.name]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    server.processes.pop(server.name)


def stored_user_messages(tracker_db: Path, sender: str) -> list[str]:
    """What is on disk, read straight from the SQLite file while no Rasa process is running."""
    with sqlite3.connect(f"file:{tracker_db}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def in_character(replies: list[dict[str, Any]]) -> bool:
    return any((reply.get("custom") or {}).get("type") == "roleplay" for reply in replies)


def test_a_rehearsal_survives_kill_9_between_turns_and_during_a_turn(own_rasa: tuple[Assistant, ActionProxy]) -> None:
    server, proxy = own_rasa
    tracker_db = Path(server.env["TRACKER_DB"])
    sender = f"kill-{uuid.uuid4().hex[:8]}"
    for message in SET_UP:
        server.say(sender, message)
    assert in_character(server.say(sender, LINES[0]))
    before = server.tracker(sender)
    assert before["active_loop"].get("name") == "roleplay_form"
    assert {name: before["slots"][name] for name in ("relationship", "resistance_form", "concern")} == {
        "relationship": "partner", "resistance_form": "passive", "concern": "depression"}

    # 1. Killed between turns: every answered turn was committed before its reply went out.
    kill_9(server)
    assert stored_user_messages(tracker_db, sender) == [*SET_UP, LINES[0]]
    server.start_rasa()
    after = server.tracker(sender)
    assert after["events"] == before["events"]
    assert after["slots"] == before["slots"]
    assert after["active_loop"] == before["active_loop"]
    # Still the husband, still in character, and the rehearsal remembers the earlier line.
    assert in_character(server.say(sender, LINES[1]))
    assert len(server.tracker(sender)["slots"]["rp_state"]["turns"]) == 2

    # 2. Killed while a turn is in flight (Rasa is waiting for the action server): the turn is all or nothing.
    committed = server.tracker(sender)
    proxy.holding = True
    outcome: dict[str, Any] = {}

    def send_in_flight() -> None:
        try:
            outcome["response"] = requests.post(f"{server.url}/webhooks/rest/webhook",
                                                json={"sender": sender, "message": LINES[2]}, timeout=120)
        except requests.ConnectionError as exc:
            outcome["error"] = exc

    client = threading.Thread(target=send_in_flight)
    client.start()
    assert proxy.held.wait(60), "the turn never reached the action server"
    kill_9(server)
    proxy.release.set()
    client.join(60)
    assert "error" in outcome, f"the killed server answered: {outcome}"
    assert stored_user_messages(tracker_db, sender) == [*SET_UP, *LINES[:2]]

    server.start_rasa()
    assert server.tracker(sender)["events"] == committed["events"]
    # The user sends the line again, and practice goes on from where it was.
    assert in_character(server.say(sender, LINES[2]))
    assert len(server.tracker(sender)["slots"]["rp_state"]["turns"]) == 3
    end = server.say(sender, "stop practice")
    feedback = [reply["custom"] for reply in end if (reply.get("custom") or {}).get("type") == "feedback"]
    assert feedback, end
    final = server.tracker(sender)
    assert [e["text"] for e in final["events"] if e.get("event") == "user"] == [*SET_UP, *LINES, "stop practice"]
    assert final["slots"]["relationship"] == "partner" and final["slots"]["concern"] == "depression"
