"""Small conversational moves: "why?", yes and no to an offer, leaving practice."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

MENU = [
    {"title": "They refused help", "payload": "/they_refused_help"},
    {"title": "How to bring it up", "payload": "/how_to_bring_up_therapy"},
    {"title": "Looking after myself", "payload": "/feel_exhausted"},
]


class ActionExplainWhy(Action):
    def name(self) -> str:
        return "action_explain_why"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reason = tracker.get_slot("last_why")
        if reason:
            dispatcher.utter_message(text=reason)
        else:
            dispatcher.utter_message(
                text="I haven't suggested anything yet to explain. Tell me what's going on and I'll say why I suggest what I do."
            )
        return []


class ActionRespondAffirm(Action):
    def name(self) -> str:
        return "action_respond_affirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text="Okay. What would you like to look at?", buttons=MENU)
        return []


class ActionRespondDeny(Action):
    def name(self) -> str:
        return "action_respond_deny"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot("pending_offer"):
            dispatcher.utter_message(text="That's fine, no pressure. Is there something else you'd like to think through?", buttons=MENU)
        else:
            dispatcher.utter_message(text="Okay. Tell me more whenever you're ready, or pick a topic.", buttons=MENU)
        return [SlotSet("pending_offer", None)]


class ActionStopRoleplay(Action):
    def name(self) -> str:
        return "action_stop_roleplay"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="Practice mode is off; I'm me, not your loved one. Say “let's practise” whenever you want to rehearse."
        )
        return [SlotSet("pending_offer", None)]


class ActionOfferPractice(Action):
    """Someone typed what they'd say to their loved one: offer to rehearse it."""

    def name(self) -> str:
        return "action_offer_practice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="That sounds like something you might say to them. Want to practise it? I'll play them and give you feedback.",
            buttons=[{"title": "Yes, let's practise", "payload": "/start_roleplay"}, {"title": "Not now", "payload": "/deny"}],
        )
        return [SlotSet("pending_offer", "rehearse")]
