"""Asking who the loved one is and what they struggle with, for the forms that need to know (practice set-up)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from kernel.lexicon import normalise_concern, normalise_relationship, read_message

OTHER_CONCERN = "other"


RELATIONSHIP_BUTTONS = [
    {"title": "My partner", "payload": '/inform{"relationship":"partner"}'},
    {"title": "My parent", "payload": '/inform{"relationship":"parent"}'},
    {"title": "My adult child", "payload": '/inform{"relationship":"child"}'},
    {"title": "My sibling", "payload": '/inform{"relationship":"sibling"}'},
    {"title": "A friend", "payload": '/inform{"relationship":"friend"}'},
]
CONCERN_BUTTONS = [
    {"title": "Low mood or depression", "payload": '/inform{"concern":"depression"}'},
    {"title": "Anxiety or panic", "payload": '/inform{"concern":"anxiety"}'},
    {"title": "Drinking or drugs", "payload": '/inform{"concern":"substance_use"}'},
    {"title": "Trauma", "payload": '/inform{"concern":"trauma"}'},
    {"title": "Grief", "payload": '/inform{"concern":"grief"}'},
    {"title": "Stress or burnout", "payload": '/inform{"concern":"stress"}'},
    {"title": "Anger", "payload": '/inform{"concern":"anger"}'},
    {"title": "Eating problems", "payload": '/inform{"concern":"eating"}'},
    {"title": "Psychosis or bipolar", "payload": '/inform{"concern":"psychosis"}'},
    {"title": "Not sure / something else", "payload": '/inform{"concern":"other"}'},
]


class ActionAskRelationship(Action):
    """Asked by any form that needs to know who the loved one is."""

    def name(self) -> str:
        return "action_ask_relationship"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text="So I can tailor this: who is it you're thinking of?", buttons=RELATIONSHIP_BUTTONS)
        return []


class ActionAskConcern(Action):
    def name(self) -> str:
        return "action_ask_concern"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text="And what are they mostly struggling with, as far as you can tell?", buttons=CONCERN_BUTTONS)
        return []


class LovedOneSlots:
    """Validation of who the loved one is and what they struggle with, shared by the forms."""

    def validate_relationship(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        normalised = normalise_relationship(str(value)) if value else None
        if normalised is None:
            dispatcher.utter_message(
                text="I can tailor this for a partner, a parent, an adult child, a sibling or a friend. Which is closest?"
            )
        return {"relationship": normalised}

    def validate_concern(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # An answer in their own words is read as the listener reads a story ("she's been really low since the split":
        # depression, which the names of the struggles alone miss); one we can't map is still an answer: keep the
        # advice general rather than ask again.
        normalised = (normalise_concern(str(value)) or read_message(str(value)).concern) if value else None
        return {"concern": normalised or OTHER_CONCERN}
