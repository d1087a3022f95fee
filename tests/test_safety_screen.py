"""actions/safety_screen.py: the violence-or-fear question is asked once, before boundaries advice."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.safety_screen import SCREEN_RESPONSE, needs_screen, resume_topic, screen


def _tracker(slots: dict[str, Any], intent: str = "set_boundaries") -> Tracker:
    return Tracker("someone", slots, {"intent": {"name": intent}}, [], False, None, {}, "action_listen")


def test_boundaries_advice_asks_first_and_only_once() -> None:
    assert needs_screen(_tracker({"safety_screened": False}), "boundaries")
    assert not needs_screen(_tracker({"safety_screened": True}), "boundaries")
    assert not needs_screen(_tracker({"safety_screened": False}), "exhaustion")


def test_the_screen_remembers_the_topic_and_asks_the_question() -> None:
    events = screen("boundaries")
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots == {"safety_screened": True, "safety_screen_topic": "boundaries"}
    assert events[-1]["name"] == SCREEN_RESPONSE
    answered = _tracker({"safety_screened": True, "safety_screen_topic": "boundaries"}, intent="deny")
    assert resume_topic(answered) == "boundaries"
    assert resume_topic(_tracker({"safety_screened": True, "safety_screen_topic": "boundaries"})) is None
