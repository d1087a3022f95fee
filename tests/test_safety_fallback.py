"""channels/fallback.py without servers: a slow turn still gets an answer in time, the action server call
gives up early, and past danger gets its short note."""
from __future__ import annotations

import asyncio
import time
from typing import Any

from rasa.core.actions import action as rasa_action
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels import fallback
from tests.conftest import run_async


def _handle(on_new_message: Any, text: str) -> tuple[list[dict[str, Any]], float]:
    # In the Rasa process the crisis layers are loaded long before any turn; load them before timing too.
    fallback._crisis_category("warm up")
    output = CollectingOutputChannel()

    async def go() -> float:
        start = time.monotonic()
        await fallback.never_silent(on_new_message)(UserMessage(text, output, "someone"))
        return time.monotonic() - start

    elapsed = run_async(go())
    return output.messages, elapsed


def test_the_action_server_call_gives_up_well_before_rasas_five_minutes() -> None:
    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == fallback.ACTION_TIMEOUT_S <= 5


def test_a_turn_that_hangs_gets_the_honest_reply_within_the_turn_timeout(monkeypatch: Any) -> None:
    monkeypatch.setattr(fallback, "TURN_TIMEOUT_S", 0.5)

    async def hangs(message: UserMessage) -> None:
        await asyncio.sleep(3)

    messages, elapsed = _handle(hangs, "my wife won't even talk about counselling")
    assert elapsed < 1.5
    assert [m.get("text") for m in messages] == [fallback.UNAVAILABLE]
    assert "part of me isn't working" in fallback.UNAVAILABLE and "988" in fallback.UNAVAILABLE


def test_a_turn_that_fails_gets_the_honest_reply() -> None:
    async def fails(message: UserMessage) -> None:
        raise RuntimeError("the action server is down")

    messages, _ = _handle(fails, "hello")
    assert [m.get("text") for m in messages] == [fallback.UNAVAILABLE]


def test_past_danger_gets_a_short_note_beside_the_normal_answer() -> None:
    async def answers(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "the normal answer")

    messages, _ = _handle(answers, "my brother tried to kill himself years ago, he's doing well now, but he won't see anyone")
    assert [m.get("text") for m in messages] == ["the normal answer", fallback.PAST_NOTE]
    assert "happening now" in fallback.PAST_NOTE


def test_no_note_after_a_crisis_reply_or_on_an_ordinary_message() -> None:
    async def crisis(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "the crisis reply")
        await message.output_channel.send_custom_json(message.sender_id, {"type": "crisis", "category": "general"})

    messages, _ = _handle(crisis, "she overdosed years ago and now she's taken pills again and won't wake up")
    assert fallback.PAST_NOTE not in [m.get("text") for m in messages]

    async def answers(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "the normal answer")

    messages, _ = _handle(answers, "he says he'll book something and never does")
    assert [m.get("text") for m in messages] == ["the normal answer"]


def test_a_crisis_message_whose_turn_hangs_still_gets_the_crisis_reply_and_payload(monkeypatch: Any) -> None:
    monkeypatch.setattr(fallback, "TURN_TIMEOUT_S", 0.5)

    async def hangs(message: UserMessage) -> None:
        await asyncio.sleep(3)

    messages, elapsed = _handle(hangs, "my husband just hit me and he's coming back")
    assert elapsed < 1.5
    assert messages[-1].get("custom") == {"type": "crisis", "category": "user_harmed", "topic": "worried_about_safety"}
    assert "1-800-799-7233" in messages[0]["text"]
