"""Every answered turn is in the tracker database, whatever happens to the copy the store keeps in memory.

Issue 14: a 24-turn conversation kept only 18 turns. Three ways, each reproduced here through Rasa's own
server paths against a real Rasa server (its own tracker database, the session's action server):

- A. an event broker (Rasa's SQL broker to a SQLite file): Rasa's ``stream_events`` retrieved the
  conversation in the middle of saving it;
- B. more people talking than the store keeps in memory (two here, ``cached_conversations: 2``), evicting
  each other between a turn's retrieve and its save;
- C. reads over the HTTP API that take no conversation lock (GET /conversations/<id>/story and /tracker)
  while the conversation's turns are being answered.

Every conversation runs well past the window (trackers/window.py cuts the copy in memory after 8 turns).
"""
from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import Assistant, free_port
from trackers.cached import DEFAULT_WINDOW_TURNS

pytestmark = pytest.mark.e2e

CACHED = 2
TURNS = [
    "my husband refuses to see a therapist", "he just says he's fine and changes the subject", "why?",
    "i'm completely drained", "how do i set boundaries without being cruel", "am i enabling him?",
    "why does he resist help so much", "how do i bring up therapy with him", "he's been really depressed",
    "thank you", "what can i say to him", "i feel so alone in this", "ok", "how do i look after myself",
]
assert len(TURNS) > 2 * DEFAULT_WINDOW_TURNS + 4  # past the point where the copy in memory is cut


@pytest.fixture(scope="module")
def server(assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    workdir = tmp_path_factory.mktemp("no-turn-lost")
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        "action_endpoint:\n  url: http://${ACTION_HOST}:${ACTION_PORT}/webhook\n  enable_selective_domain: true\n"
        "tracker_store:\n  type: trackers.store.ForgetfulSQLTrackerStore\n  dialect: sqlite\n"
        f"  db: {workdir / 'tracker.db'}\n  cached_conversations: {CACHED}\n"
        f"event_broker:\n  type: SQL\n  dialect: sqlite\n  db: {workdir / 'events.db'}\n"
    )
    rasa = Assistant(workdir=workdir, env={**assistant.env, "TRACKER_DB": str(workdir / "tracker.db")}, rasa_port=free_port(),
                     action_port=assistant.action_port, endpoints=endpoints, name="rasa-no-turn-lost")
    try:
        rasa.start_rasa()
        yield rasa
    finally:
        rasa.stop(rasa.name)


def stored_user_texts(db: Path, sender: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    events = [json.loads(data) for (data,) in rows]
    return [event["text"] for event in events if event["event"] == "user"]


def talk(server: Assistant, sender: str, turns: list[str]) -> None:
    for message in turns:
        assert server.say(sender, message), f"no reply to {message!r}"


def test_with_an_event_broker_every_answered_turn_is_stored_and_published(server: Assistant) -> None:
    sender = f"broker-{uuid.uuid4().hex[:8]}"
    talk(server, sender, TURNS)
    assert stored_user_texts(server.workdir / "tracker.db", sender) == TURNS
    assert stored_user_texts(server.workdir / "events.db", sender) == TURNS


def test_more_people_than_the_store_keeps_in_memory_lose_no_turn(server: Assistant) -> None:
    senders = [f"crowd-{index}-{uuid.uuid4().hex[:6]}" for index in range(3 * CACHED)]
    with ThreadPoolExecutor(max_workers=len(senders)) as pool:
        list(pool.map(lambda sender: talk(server, sender, TURNS), senders))
    for sender in senders:
        assert stored_user_texts(server.workdir / "tracker.db", sender) == TURNS, sender


def test_reading_the_story_and_tracker_while_turns_run_loses_no_turn(server: Assistant) -> None:
    sender = f"reader-{uuid.uuid4().hex[:8]}"
    done = threading.Event()
    reads: list[int] = []

    def read_while_talking() -> None:
        with requests.Session() as http:
            while not done.is_set():
                for path in ("story", "tracker"):
                    response = http.get(f"{server.url}/conversations/{sender}/{path}", params={"token": server.token}, timeout=30)
                    reads.append(response.status_code)

    talk(server, sender, TURNS[:1])  # before its first turn the conversation has no story (404)
    reader = threading.Thread(target=read_while_talking)
    reader.start()
    try:
        talk(server, sender, TURNS[1:])
    finally:
        done.set()
        reader.join()
    assert len(reads) > len(TURNS) and set(reads) == {200}
    assert stored_user_texts(server.workdir / "tracker.db", sender) == TURNS
    said = [e["text"] for e in server.tracker(sender)["events"] if e["event"] == "user"]
    assert said == TURNS
