"""Small conversational moves: "why?", yes and no to an offer, entering and leaving practice."""
from __future__ import annotations

from collections.abc import Collection
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.content_service import Facts, select_items
from actions.refusal import facts_from
from actions.replies import Reply, bullet, loved_one, send
from actions.vocabulary import Kind, Topic

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
        if tracker.get_slot("pending_offer") == "rehearse":
            return await ActionStartRoleplay().run(dispatcher, tracker, domain)
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


def compose_practice_start(relationship: Optional[str], shown: Collection[str]) -> Reply:
    facts = Facts(relationship=relationship)
    (openers,), selection = select_items(facts, shown, [(Topic.BRING_UP, Kind.PHRASING, 1)])
    who = loved_one(relationship)
    lines = [
        f"Practice mode: I'll answer the way {who} might. Say \"stop practice\" at any time to step out.",
    ]
    if openers:
        lines.append("If you'd like a first line to try:\n" + bullet(openers[0]))
    lines.append("Go ahead whenever you're ready: what would you say to open the conversation?")
    return Reply(text="\n\n".join(lines), items=selection.items)


class ActionStartRoleplay(Action):
    def name(self) -> str:
        return "action_start_roleplay"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reply = compose_practice_start(facts_from(tracker).relationship, tracker.get_slot("shown_items") or [])
        return send(dispatcher, tracker, reply)


class ActionStopRoleplay(Action):
    def name(self) -> str:
        return "action_stop_roleplay"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text="We're out of practice mode. I'm me again, not your loved one.")
        return [SlotSet("pending_offer", None)]
