"""Deleting everything stored for the person chatting, after asking them to confirm.

The rehearsals and ratings are deleted here. The conversation itself is deleted by the tracker store
(trackers/store.py) at the end of this turn, when it sees the ERASE_SLOT set: Rasa saves the tracker
after the action runs, so deleting it from here would be undone.
"""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.dialogue import MENU
from contentdb import engine as db
from contentdb.queries import Removed, delete_sender_data
from kernel.vocabulary import ERASE_SLOT

logger = logging.getLogger(__name__)

OFFER = "delete_data"

CONFIRM_BUTTONS = [  # titles within Facebook's 20 characters, so they stay real buttons there
    {"title": "Yes, delete it all", "payload": "/affirm"},
    {"title": "No, keep it", "payload": "/deny"},
]
ASK = (
    "I can delete everything I've kept from our chats: this conversation, your practice history and "
    "your answers to “was this helpful?”. It can't be undone. Do you want me to delete it all?"
)
DELETED = (
    "Done. I've deleted our conversation, your practice history and your feedback; none of it is kept. "
    "If you'd like to talk again, just say hi and we'll start fresh. Take care of yourself."
)
KEPT = "Okay, I haven't deleted anything; everything is as it was. What would you like to do next?"
NOT_ASKED = (
    "I haven't deleted anything, because I didn't catch a request to delete your data just before. "
    "If you want me to delete everything, say “delete my data”."
)
FAILED = (
    "I'm sorry, I couldn't delete your data just now, so nothing has been deleted. "
    "Please ask me again in a little while."
)


def deletion_was_just_confirmed(tracker: Tracker) -> bool:
    """True when the message being answered replies to the delete question itself.

    A "yes" much later, after the conversation moved on, must not delete anything. The rules already
    only run the deletion right after the question; this is the action's own check.
    """
    events = list(tracker.events)
    user_turns = [index for index, event in enumerate(events) if event.get("event") == "user"]
    if not user_turns:
        return False
    previous = user_turns[-2] if len(user_turns) > 1 else -1
    return any(
        event.get("event") == "slot" and event.get("name") == "pending_offer" and event.get("value") == OFFER
        for event in events[previous + 1 : user_turns[-1]]
    )


def delete_stored_data(sender_id: str) -> Removed:
    with Session(db.get_engine()) as session, session.begin():
        return delete_sender_data(session=session, sender_id=sender_id)


class ActionAskDeleteMyData(Action):
    def name(self) -> str:
        return "action_ask_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=ASK, buttons=CONFIRM_BUTTONS)
        return [SlotSet("pending_offer", OFFER)]


class ActionDeleteMyData(Action):
    def name(self) -> str:
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if not deletion_was_just_confirmed(tracker):
            dispatcher.utter_message(text=NOT_ASKED, buttons=MENU)
            return [SlotSet("pending_offer", None)]
        try:
            removed = delete_stored_data(tracker.sender_id)
        except SQLAlchemyError:
            logger.exception("Deleting a sender's rehearsals and ratings failed")
            dispatcher.utter_message(text=FAILED, buttons=MENU)
            return [SlotSet("pending_offer", None)]
        logger.info("Deleted at the user's request: %d rehearsals, %d ratings", removed.rehearsals, removed.item_ratings)
        dispatcher.utter_message(text=DELETED)
        return [SlotSet("pending_offer", None), SlotSet(ERASE_SLOT, True)]


class ActionKeepMyData(Action):
    def name(self) -> str:
        return "action_keep_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=KEPT, buttons=MENU)
        return [SlotSet("pending_offer", None)]
