"""Cutting a long conversation to its recent turns (trackers/window.py) never changes what the bot does next.

A 50-turn conversation through the real servers (refusals, forms, a rehearsal, self-care topics), then,
at every point where the bot chose an action, the trained policies predict once from the whole history
and once from the cut one: the action must be the same.
"""
from __future__ import annotations

import uuid

import pytest
from rasa.core.agent import Agent
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from tests.e2e.conftest import MODEL, PEOPLE, Assistant, script
from trackers.cached import DEFAULT_WINDOW_TURNS
from trackers.window import recent_window

pytestmark = pytest.mark.e2e


def test_a_cut_conversation_gets_the_same_next_action_as_the_whole_one(assistant: Assistant) -> None:
    sender = f"window-{uuid.uuid4().hex[:8]}"
    messages = script(PEOPLE[0]) + script(PEOPLE[3]) + script(PEOPLE[1])[:10]
    for message in messages:
        assert assistant.say(sender, message)
    events = [Event.from_parameters(e) for e in assistant.tracker(sender)["events"]]

    agent = Agent.load(str(MODEL))
    domain = agent.domain
    compared = cut = 0
    for index, event in enumerate(events):
        if not isinstance(event, ActionExecuted) or index == 0:
            continue
        history = DialogueStateTracker.from_events(sender, events[:index], slots=domain.slots, domain=domain)
        window = recent_window(history, domain, DEFAULT_WINDOW_TURNS)
        if window is history:
            continue
        cut += 1
        whole = agent.processor.predict_next_with_tracker(history)
        recent = agent.processor.predict_next_with_tracker(window)
        assert whole is not None and recent is not None
        assert _best(recent) == _best(whole), f"at event {index} after {_last_user_text(events[:index])!r}"
        compared += 1
    assert sum(isinstance(e, UserUttered) for e in events) == len(messages)
    assert compared == cut and compared > 80  # most of the conversation, its forms and rehearsals, is past the window


def _best(prediction: dict) -> tuple[str, str]:
    scores = prediction["scores"]
    top = max(scores, key=lambda s: s["score"])
    return top["action"], prediction["policy"]


def _last_user_text(events: list[Event]) -> str:
    return next((e.text or "" for e in reversed(events) if isinstance(e, UserUttered)), "")
