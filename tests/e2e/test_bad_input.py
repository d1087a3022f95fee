"""Bad input over REST gets a clear, kind reply, and the server keeps working."""
from __future__ import annotations

import uuid

import pytest
import requests

from tests.e2e.conftest import Assistant

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", "came through empty"),
        ("     ", "came through empty"),
        ("x" * 100_000, "2,000 characters"),
        ("😭😭😭🙏", "couldn't find words"),
        ("<script>alert('hi')</script>", "plain words"),
        ("'; DROP TABLE events; --", "computer code"),
        ("mi esposo no quiere ir a terapia", "only help in English"),
    ],
)
def test_unusable_messages_get_a_kind_specific_reply(assistant: Assistant, message: str, expected: str) -> None:
    sender = f"bad-{uuid.uuid4().hex[:8]}"
    replies = assistant.say(sender, message)
    assert expected in " ".join(r.get("text", "") for r in replies)
    # The server keeps working for the same conversation.
    assert "not a therapist" in " ".join(r.get("text", "") for r in assistant.say(sender, "hello"))


def test_a_crisis_inside_a_huge_message_still_gets_the_crisis_response(assistant: Assistant) -> None:
    replies = assistant.say(f"bad-{uuid.uuid4().hex[:8]}", "blah " * 5000 + "i want to kill myself")
    assert "988" in " ".join(r.get("text", "") for r in replies)


def test_invalid_json_or_bytes_is_refused_without_a_stack_trace(assistant: Assistant) -> None:
    url = f"{assistant.url}/webhooks/rest/webhook"
    for body in (b"not json", b'{"sender":"x","message":"\xff\xfe"}'):
        response = requests.post(url, data=body, timeout=30)
        assert response.status_code == 400
        assert "Traceback" not in response.text and 'File "' not in response.text
    assert assistant.say("after-bad", "hi")
