"""With the action server down or frozen, nobody meets silence or a long wait, and crisis replies still work.

Marked `runs_last` (tests/conftest.py runs those after the rest): it stops, freezes and restarts the session's
action server.
"""
from __future__ import annotations

import os
import signal
import time
import uuid

import pytest
import requests

from channels.fallback import UNAVAILABLE
from tests.e2e.conftest import Assistant

pytestmark = [pytest.mark.e2e, pytest.mark.runs_last]


def _crisis_payloads(replies: list[dict]) -> list[dict]:
    return [r["custom"] for r in replies if isinstance(r.get("custom"), dict) and r["custom"].get("type") == "crisis"]


def test_with_the_action_server_frozen_an_ordinary_message_is_answered_within_six_seconds(assistant: Assistant) -> None:
    actions = assistant.processes["actions"]
    os.kill(actions.pid, signal.SIGSTOP)
    try:
        start = time.monotonic()
        replies = assistant.say(f"frozen-{uuid.uuid4().hex[:8]}", "my wife won't even talk about counselling")
        elapsed = time.monotonic() - start
        assert elapsed < 6.0, f"answered after {elapsed:.1f} s"
        assert [r.get("text") for r in replies] == [UNAVAILABLE]
        assert "911" in UNAVAILABLE and "988" in UNAVAILABLE

        start = time.monotonic()
        crisis = assistant.say(f"frozen-{uuid.uuid4().hex[:8]}", "he swallowed a whole packet of paracetamol")
        assert time.monotonic() - start < 6.0
        assert _crisis_payloads(crisis) == [{"type": "crisis", "category": "overdose", "topic": "worried_about_safety"}]
    finally:
        os.kill(actions.pid, signal.SIGCONT)


def test_with_the_action_server_down_replies_are_honest_and_crisis_still_works(assistant: Assistant) -> None:
    assistant.stop("actions")
    try:
        sender = f"down-{uuid.uuid4().hex[:8]}"
        replies = assistant.say(sender, "my wife won't even talk about counselling")
        assert [r.get("text") for r in replies] == [UNAVAILABLE]

        crisis = assistant.say(sender, "she said she wants to end her life")
        text = " ".join(r.get("text", "") for r in crisis)
        assert "988" in text and "911" in text
        assert _crisis_payloads(crisis) == [{"type": "crisis", "category": "loved_one_at_risk", "topic": "worried_about_safety"}]

        greeting = " ".join(r.get("text", "") for r in assistant.say(sender, "hello"))
        assert "not a therapist" in greeting

        # The privacy endpoint can't reach the action server, which deletes rehearsals and ratings: it deletes
        # nothing rather than half, and says so, so the request can be sent again.
        stored = len(assistant.tracker(sender)["events"])
        refused = requests.delete(f"{assistant.url}/privacy/conversations/{sender}", params={"token": assistant.token}, timeout=60)
        assert refused.status_code == 503 and "nothing was deleted" in refused.json()["error"]
        assert len(assistant.tracker(sender)["events"]) == stored
    finally:
        assistant.start_actions()
    assert any(r.get("custom") for r in assistant.say(f"up-{uuid.uuid4().hex[:8]}", "my wife won't even talk about counselling"))
