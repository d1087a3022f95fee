""""Was this helpful?" answers, stored by the action server for items the conversation was shown."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.ratings import ASK_REASON, NOT_SHOWN, REASONS, THANKS_HELPFUL, ActionRateItem
from contentdb.models import ContentItem, ItemRating
from tests.conftest import Run, make_tracker

RunAction = Callable[..., Run]
SHOWN = "refusal.partner.reframe.01"


def rating(entities: dict[str, Any], shown: list[str], **slots: Any) -> Tracker:
    payload = "/rate_item" + json.dumps(entities)
    found = [
        {"entity": name, "value": value}
        for name, values in entities.items()
        for value in (values if isinstance(values, list) else [values])
    ]
    return make_tracker(payload, "rate_item", entities=found, slots={"shown_items": shown, **slots}, channel="socketio")


def stored(engine: Engine) -> list[tuple[str, str, int, Any]]:
    with Session(engine) as session:
        rows = session.scalars(select(ItemRating).order_by(ItemRating.id)).all()
        return [(row.item_id, row.sender_id, row.helpful, row.reason) for row in rows]


def test_yes_is_stored_for_this_conversation_and_thanked(actions_db: Engine, run_action: RunAction) -> None:
    result = run_action(ActionRateItem(), rating({"item_id": [SHOWN], "helpful": "yes"}, [SHOWN]))
    assert stored(actions_db) == [(SHOWN, "test-user", 1, None)]
    assert result.text == THANKS_HELPFUL
    assert not result.items  # nothing new is offered after a yes


def test_no_asks_what_was_wrong_and_offers_a_different_item_on_the_same_topic(
    actions_db: Engine, run_action: RunAction
) -> None:
    result = run_action(ActionRateItem(), rating({"item_id": [SHOWN], "helpful": "no"}, [SHOWN], relationship="partner"))
    assert stored(actions_db) == [(SHOWN, "test-user", 0, None)]
    assert result.messages[0]["text"] == ASK_REASON
    titles = [button["title"] for button in result.messages[0]["buttons"]]
    assert titles == list(REASONS.values())
    assert len(result.items) == 1
    other = result.items[0]
    assert other["id"] != SHOWN and other["topic"] == "refusal"
    assert result.slot("shown_items") == [SHOWN, other["id"]]  # so it can be rated, and is never repeated


def test_yes_and_no_get_different_replies(actions_db: Engine, run_action: RunAction) -> None:
    yes = run_action(ActionRateItem(), rating({"item_id": [SHOWN], "helpful": "yes"}, [SHOWN]))
    no = run_action(ActionRateItem(), rating({"item_id": [SHOWN], "helpful": "no"}, [SHOWN]))
    assert yes.messages[0]["text"] != no.messages[0]["text"]


def test_the_reason_picked_after_no_is_stored_with_the_rating(actions_db: Engine, run_action: RunAction) -> None:
    no = run_action(ActionRateItem(), rating({"item_id": [SHOWN], "helpful": "no"}, [SHOWN]))
    payload = next(b["payload"] for b in no.messages[0]["buttons"] if b["title"] == REASONS["tried_it"])
    entities = json.loads(payload.removeprefix("/rate_item"))
    result = run_action(ActionRateItem(), rating(entities, [SHOWN]))
    assert stored(actions_db) == [(SHOWN, "test-user", 0, "tried_it")]
    assert "tried" in result.text and result.text != no.messages[0]["text"]


def test_an_item_this_conversation_never_saw_is_not_stored(actions_db: Engine, run_action: RunAction) -> None:
    result = run_action(ActionRateItem(), rating({"item_id": [SHOWN], "helpful": "no"}, ["refusal.partner.reframe.02"]))
    assert stored(actions_db) == []
    assert result.text == NOT_SHOWN


def test_an_unknown_reason_or_answer_stores_nothing(actions_db: Engine, run_action: RunAction) -> None:
    run_action(ActionRateItem(), rating({"item_id": [SHOWN], "helpful": "maybe"}, [SHOWN]))
    run_action(ActionRateItem(), rating({"item_id": [SHOWN], "reason": "DROP TABLE"}, [SHOWN]))
    assert stored(actions_db) == []


def test_typed_feedback_asks_about_the_last_suggestion_with_buttons(actions_db: Engine, run_action: RunAction) -> None:
    tracker = make_tracker("that suggestion wasn't helpful", "rate_item", slots={"shown_items": [SHOWN]})
    tracker.events.insert(0, {"event": "bot", "text": "…", "data": {"custom": {"type": "content", "items": [{"id": SHOWN}]}}})
    result = run_action(ActionRateItem(), tracker)
    assert stored(actions_db) == []
    payloads = [json.loads(b["payload"].removeprefix("/rate_item")) for b in result.messages[0]["buttons"]]
    assert payloads == [{"item_id": [SHOWN], "helpful": "yes"}, {"item_id": [SHOWN], "helpful": "no"}]


def test_no_on_a_topic_only_the_registry_knows_still_offers_something_else(
    actions_db: Engine, run_action: RunAction
) -> None:
    with Session(actions_db) as session:
        ids = session.scalars(select(ContentItem.id).where(ContentItem.topic == "worried_about_safety").order_by(ContentItem.id)).all()
    assert len(ids) >= 2
    result = run_action(ActionRateItem(), rating({"item_id": [ids[0]], "helpful": "no"}, [ids[0]]))
    assert result.items and result.items[0]["topic"] == "worried_about_safety" and result.items[0]["id"] != ids[0]
