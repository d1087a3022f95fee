"""With the action server down, nobody meets silence, and the crisis response still works.

Marked `runs_last` (tests/conftest.py runs those after the rest): it stops and restarts the session's action server.
"""
from __future__ import annotations

import uuid

import pytest
import requests

from channels.fallback import UNAVAILABLE
from tests.e2e.conftest import Assistant

pytestmark = [pytest.mark.e2e, pytest.mark.runs_last]


def test_with_the_action_server_down_replies_are_honest_and_crisis_still_works(assistant: Assistant) -> None:
    assistant.stop("actions")
    try:
        sender = f"down-{uuid.uuid4().hex[:8]}"
        replies = assistant.say(sender, "my wife won't even talk about counselling")
        assert [r.get("text") for r in replies] == [UNAVAILABLE]

        crisis = " ".join(r.get("text", "") for r in assistant.say(sender, "she said she wants to end her life"))
        assert "988" in crisis and "911" in crisis and "Domestic Violence Hotline" in crisis

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
