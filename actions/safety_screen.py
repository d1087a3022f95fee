"""Safety inside the advice: before boundaries, stepping back or letting consequences happen, ask once.

CRAFT screens for violence before anything else, because a boundary or a step back can make a violent home
more dangerous. The first time a conversation reaches one of those topics, the action that would give the
advice calls ``needs_screen`` and, if it says so, returns ``screen(topic)`` instead of the advice:

    if needs_screen(tracker, topic):
        return screen(topic)

The question is the domain response ``utter_safety_screen`` (rendered per locale). data/rules/safety.yml
handles the answer: a yes gives ``utter_safety_first`` (the DV line and safety planning); a no runs
``action_topic_content`` again, which should then answer ``resume_topic(tracker)``.
"""
from __future__ import annotations

from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet

from kernel.vocabulary import Topic

SCREENED_SLOT = "safety_screened"
TOPIC_SLOT = "safety_screen_topic"
SCREEN_RESPONSE = "utter_safety_screen"
# Topics whose advice includes boundaries, stepping back or natural consequences.
SCREENED_TOPICS = frozenset({Topic.BOUNDARIES.value, Topic.ENABLING.value})


def needs_screen(tracker: Tracker, topic: Optional[str]) -> bool:
    """True the first time in a conversation that advice on ``topic`` could ask the user to step back."""
    value = topic.value if isinstance(topic, Topic) else topic
    return value in SCREENED_TOPICS and not tracker.get_slot(SCREENED_SLOT)


def screen(topic: Optional[str]) -> list[EventType]:
    """Events that ask the violence-or-fear question instead of giving the advice, remembering the topic."""
    value = topic.value if isinstance(topic, Topic) else topic
    return [SlotSet(SCREENED_SLOT, True), SlotSet(TOPIC_SLOT, value), FollowupAction(SCREEN_RESPONSE)]


def resume_topic(tracker: Tracker) -> Optional[str]:
    """The topic whose advice waited for the screen's answer, when the user has just answered it."""
    latest = (tracker.latest_message.get("intent") or {}).get("name")
    if latest in ("deny", "affirm") and tracker.get_slot(SCREENED_SLOT):
        value = tracker.get_slot(TOPIC_SLOT)
        return str(value) if value else None
    return None
