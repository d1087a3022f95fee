""""Was this helpful?": the answer arrives as a message of the conversation that was shown the item.

The web page sends ``/rate_item{"item_id": [...], "helpful": "yes"|"no"}``, and, after a "no", the reason
the person picked: ``/rate_item{"item_id": [...], "reason": "doesnt_fit"}``. A rating is stored only for
items this conversation was shown (the ``shown_items`` slot), under the tracker's own sender id, so no one
can rate for anyone else.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Optional, cast

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.events import bot_custom
from actions.replies import Reply, bullet, facts_from, send
from contentdb import engine as db
from contentdb.queries import Content, get_content, save_ratings, set_rating_reason
from contentdb.service import Facts, select_items
from kernel.vocabulary import Kind, Topic

logger = logging.getLogger(__name__)

# What was wrong with an item: the stored value -> the button people see.
REASONS: dict[str, str] = {
    "doesnt_fit": "Doesn't fit my situation",
    "tried_it": "Already tried it",
    "unclear": "Too long / unclear",
}

THANKS_HELPFUL = "Glad that was useful. I'll keep it in mind. What would you like to look at next?"
ASK_REASON = "Thanks for being honest, that helps. What was off about it?"
INSTEAD = "Here's a different idea on the same subject:"
NOTHING_ELSE = "I don't have another idea on that subject yet, so I won't make one up."
THANKS_REASON = {
    "doesnt_fit": "Thank you. Every situation is different; tell me more about yours whenever you like and I'll tailor things.",
    "tried_it": "Thank you. It's worth knowing what you've already tried, so I won't suggest it again.",
    "unclear": "Thank you. I'll try to keep things shorter and plainer.",
}
NOT_SHOWN = "I can only take feedback on something I showed you in this conversation, so I haven't saved that."
ASK_WHICH = "Thanks for wanting to tell me. Did my last suggestion help?"
NOT_SAVED = "Sorry, I couldn't save that just now. Thank you for telling me all the same."


@dataclass(frozen=True)
class Rating:
    item_ids: list[str]
    helpful: Optional[bool]
    reason: Optional[str]


def _entity_values(tracker: Tracker, name: str) -> list[str]:
    values: list[str] = []
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") != name:
            continue
        value = entity.get("value")
        values.extend(str(v) for v in (value if isinstance(value, list) else [value]) if v is not None)
    return values


def read_rating(tracker: Tracker) -> Rating:
    """The rating in the latest message, kept to items this conversation was actually shown."""
    shown = set(tracker.get_slot("shown_items") or [])
    items = [item for item in dict.fromkeys(_entity_values(tracker, "item_id")) if item in shown]
    helpful_values = [value.strip().lower() for value in _entity_values(tracker, "helpful")]
    helpful: Optional[bool] = None
    if helpful_values and helpful_values[-1] in ("yes", "true", "1"):
        helpful = True
    elif helpful_values and helpful_values[-1] in ("no", "false", "0"):
        helpful = False
    reasons = [value for value in _entity_values(tracker, "reason") if value in REASONS]
    return Rating(item_ids=items, helpful=helpful, reason=reasons[-1] if reasons else None)


def last_shown(tracker: Tracker) -> list[str]:
    """The items of the latest message that showed curated content, from the conversation itself."""
    for event in reversed(tracker.events):
        custom = bot_custom(event)
        if custom.get("type") == "content":
            return [str(item["id"]) for item in custom.get("items") or [] if isinstance(item, dict) and "id" in item]
    return []


def rating_buttons(item_ids: list[str]) -> list[dict[str, str]]:
    return [
        {"title": title, "payload": "/rate_item" + json.dumps({"item_id": item_ids, "helpful": value}, separators=(",", ":"))}
        for title, value in (("Yes, it helped", "yes"), ("No, it didn't", "no"))
    ]


def reason_buttons(item_ids: list[str]) -> list[dict[str, str]]:
    return [
        {"title": title, "payload": "/rate_item" + json.dumps({"item_id": item_ids, "reason": reason}, separators=(",", ":"))}
        for reason, title in REASONS.items()
    ]


def store(sender_id: str, rating: Rating) -> None:
    with Session(db.get_engine()) as session, session.begin():
        if rating.helpful is not None:
            save_ratings(session=session, sender_id=sender_id, item_ids=rating.item_ids, helpful=rating.helpful)
        if rating.reason is not None:
            set_rating_reason(session=session, sender_id=sender_id, item_ids=rating.item_ids, reason=rating.reason)


def rated_items(item_ids: list[str]) -> list[Content]:
    with Session(db.get_engine()) as session:
        return [item for item in (get_content(session=session, item_id=i) for i in item_ids) if item is not None]


@dataclass(frozen=True)
class RegistryTopic:
    """A topic only the registry knows (kernel/registry.yml), e.g. one added without code; selection reads .value."""

    value: str


def topic_named(name: str) -> Topic:
    try:
        return Topic(name)
    except ValueError:
        return cast(Topic, RegistryTopic(name))


def something_else(rated: list[Content], facts: Facts, shown: Collection[str]) -> Reply:
    """One unseen item on the rated item's topic, of the same kind if there is one, else of any kind."""
    if not rated:
        return Reply(text=NOTHING_ELSE)
    first = rated[0]
    topic = topic_named(first.topic)
    kinds = [Kind(first.kind)] + [kind for kind in Kind if kind.value != first.kind]
    for kind in kinds:
        (found,), selection = select_items(facts, shown, [(topic, kind, 1)])
        if found:
            return Reply(text=INSTEAD + "\n" + "\n".join(bullet(item) for item in found), items=selection.items)
    return Reply(text=NOTHING_ELSE)


class ActionRateItem(Action):
    def name(self) -> str:
        return "action_rate_item"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rating = read_rating(tracker)
        if not _entity_values(tracker, "item_id"):  # typed, not a button: ask about the last suggestion
            items = last_shown(tracker)
            if items:
                dispatcher.utter_message(text=ASK_WHICH, buttons=rating_buttons(items))
                return []
        if not rating.item_ids or (rating.helpful is None and rating.reason is None):
            dispatcher.utter_message(text=NOT_SHOWN)
            return []
        try:
            store(tracker.sender_id, rating)
        except SQLAlchemyError:
            logger.exception("Storing a rating failed")
            dispatcher.utter_message(text=NOT_SAVED)
            return []
        if rating.reason is not None:
            dispatcher.utter_message(text=THANKS_REASON[rating.reason])
            return []
        if rating.helpful:
            dispatcher.utter_message(text=THANKS_HELPFUL)
            return []
        dispatcher.utter_message(text=ASK_REASON, buttons=reason_buttons(rating.item_ids))
        shown = tracker.get_slot("shown_items") or []
        try:
            rated = rated_items(rating.item_ids)
        except SQLAlchemyError:
            logger.exception("Looking up a rated item failed")
            rated = []
        return send(dispatcher, tracker, something_else(rated, facts_from(tracker), shown))
