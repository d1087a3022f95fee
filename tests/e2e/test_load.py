"""Fifty people talking at once over REST: every turn answered, every conversation stored whole.

Issue 5, "No data lost". It runs against the session's real servers (`assistant`), not servers of its own:
the point is the configuration `make run` serves (one Rasa process, one action server, the SQLite tracker
store), and starting another pair would cost start-up time on our two cores for no extra coverage.
Every sender is fresh, so the other tests never see these conversations. The session's Rasa keeps only
E2E_CACHED_CONVERSATIONS (16) conversations in memory (tests/e2e/conftest.py), fewer than the fifty people
here, rather than hundreds of people against the default 256: people evict each other from the tracker
store's memory between a turn's retrieve and its save, and every turn must still be stored (issue 14).
"""
from __future__ import annotations

import json
import socket
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from channels.fallback import UNAVAILABLE
from kernel.settings import REPO_ROOT
from tests.e2e.conftest import E2E_CACHED_CONVERSATIONS, PEOPLE, Assistant, Person, script

pytestmark = pytest.mark.e2e

CONVERSATIONS = 50
TURNS = 20
# A turn waits behind up to 49 others on two shared cores: p95 15-23 s and at most 29 s in our runs.
TURN_TIMEOUT_S = 120


def conversations() -> list[tuple[list[str], Person]]:
    return [(script(PEOPLE[index % len(PEOPLE)]), PEOPLE[index % len(PEOPLE)]) for index in range(CONVERSATIONS)]


@dataclass
class Turn:
    message: str
    status: int
    replies: list[dict[str, Any]]
    seconds: float


def converse(url: str, sender: str, turns: list[str]) -> list[Turn]:
    """One person's conversation, turn after turn, as a client would send it."""
    done: list[Turn] = []
    with requests.Session() as http:
        for message in turns:
            started = time.monotonic()
            response = http.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=TURN_TIMEOUT_S)
            replies = response.json() if response.status_code == 200 else []
            done.append(Turn(message, response.status_code, replies, time.monotonic() - started))
    return done


def problems_with_replies(turns: list[Turn]) -> list[str]:
    problems = []
    for number, turn in enumerate(turns, start=1):
        texts = [reply.get("text") for reply in turn.replies]
        if turn.status != 200:
            problems.append(f"turn {number} ({turn.message!r}): HTTP {turn.status}")
        elif not turn.replies:
            problems.append(f"turn {number} ({turn.message!r}): no reply")
        elif UNAVAILABLE in texts:
            problems.append(f"turn {number} ({turn.message!r}): the action-server-down fallback")
    # The rehearsal must keep its state under load: three lines in character, then feedback.
    kinds = [[(reply.get("custom") or {}).get("type") for reply in turn.replies] for turn in turns]
    if not all("roleplay" in kinds[index] for index in (12, 13, 14, 15)):
        problems.append(f"the rehearsal did not stay in character: {kinds[12:16]}")
    if "feedback" not in kinds[16]:
        problems.append(f"no feedback when the rehearsal stopped: {turns[16].replies}")
    return problems


def problems_with_tracker(tracker: dict[str, Any], said: list[str], person: Person) -> list[str]:
    problems = []
    events = [e for e in tracker["events"] if e.get("event") in ("user", "bot")]
    user_texts = [e.get("text") for e in events if e["event"] == "user"]
    if user_texts != said:
        problems.append(f"stored user messages differ: {user_texts}")
    kinds = [e["event"] for e in events]
    # Each user message is answered before the next one (and the last one is answered too).
    for index, kind in enumerate(kinds):
        if kind == "user" and (index + 1 == len(kinds) or kinds[index + 1] != "bot"):
            problems.append(f"user message {kinds[: index + 1].count('user')} has no bot utterance after it")
    if any(e.get("text") == UNAVAILABLE for e in events):
        problems.append("the stored conversation contains the fallback reply")
    expected = {"relationship": person.relationship, "concern": person.concern, "resistance_form": person.resistance_form}
    slots = {name: tracker["slots"].get(name) for name in expected}
    if slots != expected:
        problems.append(f"slots {slots}, expected {expected}")
    return problems


def test_fifty_people_at_once_all_get_answers_and_every_conversation_is_stored_whole(assistant: Assistant) -> None:
    assert CONVERSATIONS > E2E_CACHED_CONVERSATIONS  # more people than the store keeps in memory
    planned = conversations()
    senders = [f"load-{index:02d}-{uuid.uuid4().hex[:6]}" for index in range(CONVERSATIONS)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        results = list(pool.map(lambda pair: converse(assistant.url, pair[0], pair[1][0]), zip(senders, planned, strict=True)))
    elapsed = time.monotonic() - started

    latencies = sorted(turn.seconds for turns in results for turn in turns)
    requests_sent = len(latencies)
    summary = (
        f"{CONVERSATIONS} conversations x {TURNS} turns = {requests_sent} requests in {elapsed:.1f}s: "
        f"{requests_sent / elapsed:.1f} turns/s, latency p50 {latencies[len(latencies) // 2]:.2f}s, "
        f"p95 {latencies[int(len(latencies) * 0.95)]:.2f}s, max {latencies[-1]:.2f}s"
    )
    print(summary)
    # pytest hides the print when the test passes; the numbers stay readable here.
    (REPO_ROOT / "results").mkdir(exist_ok=True)
    (REPO_ROOT / "results" / "load.txt").write_text(summary + "\n")
    assert requests_sent == CONVERSATIONS * TURNS

    problems = {sender: found for sender, turns in zip(senders, results, strict=True) if (found := problems_with_replies(turns))}
    assert not problems, f"{len(problems)} conversations went wrong under load ({summary}): {problems}"

    for sender, (said, person) in zip(senders, planned, strict=True):
        found = problems_with_tracker(assistant.tracker(sender), said, person)
        assert not found, f"{sender} ({person.loved_one}) was not stored whole: {found}"


def test_an_action_request_that_a_busy_rasa_is_slow_to_send_is_still_answered(assistant: Assistant) -> None:
    # Under load Rasa's event loop can be busy for seconds between opening the connection to the action
    # server and writing the request. Sanic's default drops such a connection after 5 s ("Can not write
    # request body"), the action is lost and the conversation breaks; we start the action server with 60 s.
    body = json.dumps({"next_action": "action_respond", "sender_id": "slow", "version": "3.6.21", "domain": {},
                       "tracker": {"sender_id": "slow", "slots": {}, "latest_message": {}, "events": []}}).encode()
    with socket.create_connection(("127.0.0.1", assistant.action_port), timeout=30) as connection:
        time.sleep(6)
        connection.sendall(b"POST /webhook HTTP/1.1\r\nHost: actions\r\nContent-Type: application/json\r\n"
                           b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        assert connection.recv(64).startswith(b"HTTP/1.1 200")
