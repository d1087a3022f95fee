"""A real conversation over REST: Rasa server + action server + SQLite content and tracker stores."""
from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy.orm import Session

from contentdb.engine import make_engine
from contentdb.queries import get_content
from tests.e2e.conftest import Assistant

pytestmark = pytest.mark.e2e


def items_in(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for reply in replies for item in (reply.get("custom") or {}).get("items", [])]


def text_of(replies: list[dict[str, Any]]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)


def test_a_five_turn_conversation_brings_curated_content_for_a_partner(assistant: Assistant) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    engine = make_engine(f"sqlite:///{assistant.workdir / 'content.db'}")

    greeting = assistant.say(sender, "hi there")
    assert "not a therapist" in text_of(greeting)

    first = assistant.say(sender, "my husband refuses to see a therapist")
    second = assistant.say(sender, "he just says he's fine and changes the subject")
    for replies in (first, second):
        items = items_in(replies)
        assert items, replies
        with Session(engine) as session:
            stored = [get_content(session=session, item_id=item["id"]) for item in items]
        assert all(row is not None and row.relationship in ("partner", "any") for row in stored)
        assert all({"concern", "resistance_form"} <= set(item) for item in items)
    assert "How did the no show up" in text_of(first)
    # The answer in the user's own words counts: no second question, straight to that form's reframe.
    assert "How did the no show up" not in text_of(second)
    assert not {i["id"] for i in items_in(first)} & {i["id"] for i in items_in(second)}

    why = assistant.say(sender, "why would that help?")
    assert "thinking behind" in text_of(why) and "grounded in" not in text_of(why)

    openers = assistant.say(sender, "ok so how do I actually bring up therapy with him")
    assert any(item["topic"] == "bring_up" for item in items_in(openers))
    assert "struggling with" not in text_of(openers)  # nothing is asked before helping
    final = assistant.say(sender, "he's been really depressed since he lost his job")
    assert items_in(final) and all(item["relationship"] in ("partner", "any") for item in items_in(final))
    assert all(len(reply.get("text") or "") <= 600 for reply in first + second + openers + final)
    engine.dispose()

    slots = assistant.tracker(sender)["slots"]
    assert slots["relationship"] == "partner"
    assert slots["resistance_form"] == "emotional"
    assert slots["concern"] == "depression"


def test_a_crisis_message_gets_the_crisis_resources(assistant: Assistant) -> None:
    replies = assistant.say(f"e2e-{uuid.uuid4().hex[:8]}", "my son told me he wants to kill himself")
    text = text_of(replies)
    assert "988" in text and "911" in text and "Move away what they could use" in text
    assert {"type": "crisis", "category": "loved_one_at_risk", "topic": "worried_about_safety"} in [r.get("custom") for r in replies]



def test_a_figure_of_speech_gets_no_crisis_response_and_a_crisis_names_its_category(assistant: Assistant) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    assert "988" not in text_of(assistant.say(sender, "this job is killing me and I'm dead tired"))
    threatened = assistant.say(sender, "he never hit me but he threatens to")
    assert "911" in text_of(threatened) and "Domestic Violence Hotline" in text_of(threatened)
    assert {"type": "crisis", "category": "user_harmed", "topic": "worried_about_safety"} in [r.get("custom") for r in threatened]
    user_turns = [e for e in assistant.tracker(sender)["events"] if e.get("event") == "user"]
    assert user_turns[-1]["parse_data"]["intent"]["name"] == "crisis"
    assert user_turns[-1]["parse_data"]["crisis_category"] == "VIOLENCE_ABUSE"
    assert "crisis_category" not in user_turns[0]["parse_data"]

def test_the_conversation_carries_on_after_the_server_restarts(assistant: Assistant) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    assistant.say(sender, "my sister keeps refusing counselling")
    assert assistant.tracker(sender)["slots"]["relationship"] == "sibling"

    assistant.restart_rasa()

    tracker = assistant.tracker(sender)
    assert tracker["slots"]["relationship"] == "sibling"
    assert any(e.get("text") == "my sister keeps refusing counselling" for e in tracker["events"])
    replies = assistant.say(sender, "how could I bring it up with her?")
    # She is still known to be a sibling: openers come at once, and nothing is asked again.
    assert any(item["topic"] == "bring_up" for item in items_in(replies))
    assert "who is it" not in text_of(replies)


def test_the_http_api_needs_the_token_but_the_channels_do_not(assistant: Assistant) -> None:
    import requests

    url = f"{assistant.url}/conversations/anyone/tracker"
    assert requests.get(url, timeout=30).status_code == 401
    assert requests.get(url, params={"token": "wrong"}, timeout=30).status_code == 401
    assert requests.get(url, params={"token": assistant.token}, timeout=30).status_code == 200
    assert assistant.say("no-token-needed", "hello")
