"""Turning chosen content into what the user sees, per channel."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from contentdb.queries import Content
from contentdb.service import Facts
from kernel.vocabulary import ResistanceForm

# Channels whose clients understand our `custom` payload. Rasa hands `custom` straight to a
# platform's API elsewhere (Slack, Telegram...), where it would break the message.
CUSTOM_PAYLOAD_CHANNELS = frozenset({"rest", "socketio"})

RELATIONSHIP_LABEL = {
    "partner": "your partner",
    "parent": "your parent",
    "child": "your son or daughter",
    "sibling": "your sibling",
    "friend": "your friend",
}

def form_buttons(intent: str, titles: dict[ResistanceForm, str]) -> list[dict[str, str]]:
    """One button per resistance form, each setting the form through ``intent``."""
    return [
        {"title": titles[form], "payload": f'/{intent}{{"resistance_form":"{form.value}"}}'} for form in ResistanceForm
    ]


REHEARSE_BUTTONS = [
    {"title": "Yes, let's practise", "payload": "/start_roleplay"},
    {"title": "Not now", "payload": "/deny"},
]


def loved_one(relationship: Optional[str]) -> str:
    return RELATIONSHIP_LABEL.get(relationship or "", "them")


def bullet(item: Content) -> str:
    if item.alternative:
        return f"• Avoid: {item.text}\n  Instead: {item.alternative}"
    return f"• {item.text}"


@dataclass
class Reply:
    text: str
    items: list[Content] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)
    pending_offer: Optional[str] = None
    topic: Optional[str] = None  # the advice topic the reply is about, for the client and the dev-set runner
    response: Optional[str] = None  # a domain response to send instead of the text (rendered for the locale by Rasa)


def send(dispatcher: CollectingDispatcher, tracker: Tracker, reply: Reply) -> list[EventType]:
    """Utter the reply and remember what was shown, so nothing repeats."""
    if reply.response:
        dispatcher.utter_message(response=reply.response)
        return []
    kwargs: dict[str, Any] = {"text": reply.text}
    if reply.buttons:
        kwargs["buttons"] = reply.buttons
    if (reply.items or reply.topic) and tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
        kwargs["json_message"] = {
            "type": "content",
            "topic": reply.topic,
            "items": [
                {"id": item.id, "kind": item.kind, "topic": item.topic, "relationship": item.relationship,
                 "concern": item.concern, "resistance_form": item.resistance_form, "for": item.audience}
                for item in reply.items
            ],
        }
    dispatcher.utter_message(**kwargs)
    events: list[EventType] = [SlotSet("pending_offer", reply.pending_offer)]
    if reply.items:
        shown = list(tracker.get_slot("shown_items") or [])
        events.append(SlotSet("shown_items", shown + [item.id for item in reply.items]))
    return events


def facts_from(tracker: Tracker) -> Facts:
    """What the conversation knows about the loved one, for choosing items."""
    return Facts(
        relationship=tracker.get_slot("relationship"),
        resistance_form=tracker.get_slot("resistance_form"),
        concern=tracker.get_slot("concern"),
        struggles=tuple((tracker.get_slot("memory") or {}).get("struggles") or ()),
    )
