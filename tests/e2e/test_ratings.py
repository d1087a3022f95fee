""""Was this helpful?" over the real servers: a rating is a message of the conversation that saw the item."""
from __future__ import annotations

import json
import uuid
from typing import Any, Optional

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from contentdb.engine import make_engine
from contentdb.models import ItemRating
from tests.e2e.conftest import Assistant

pytestmark = pytest.mark.e2e


def items_in(replies: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for reply in replies for item in (reply.get("custom") or {}).get("items", [])]


def rate(assistant: Assistant, sender: str, **entities: Any) -> list[dict[str, Any]]:
    return assistant.say(sender, "/rate_item" + json.dumps(entities))


def ratings(assistant: Assistant, sender: str) -> list[tuple[str, int, Optional[str]]]:
    engine = make_engine(f"sqlite:///{assistant.workdir / 'content.db'}")
    try:
        with Session(engine) as session:
            rows = session.scalars(select(ItemRating).where(ItemRating.sender_id == sender).order_by(ItemRating.id))
            return [(row.item_id, row.helpful, row.reason) for row in rows]
    finally:
        engine.dispose()


def test_no_is_stored_for_my_conversation_with_my_reason_and_brings_something_else(assistant: Assistant) -> None:
    me = f"e2e-rate-{uuid.uuid4().hex[:8]}"
    shown = items_in(assistant.say(me, "my husband flat out refuses to see a therapist"))
    assert shown

    no = rate(assistant, me, item_id=shown, helpful="no")
    assert ratings(assistant, me) == [(item, 0, None) for item in shown]
    other = items_in(no)
    assert other and not set(other) & set(shown), "after No, a different item"
    reasons = [button for reply in no for button in reply.get("buttons") or []]
    assert len(reasons) >= 2

    rate(assistant, me, **json.loads(reasons[0]["payload"].removeprefix("/rate_item")))
    assert all(reason for _, _, reason in ratings(assistant, me))

    yes = rate(assistant, me, item_id=other, helpful="yes")
    assert [r for r in ratings(assistant, me) if r[0] in other] == [(item, 1, None) for item in other]
    assert [reply.get("text") for reply in yes] != [reply.get("text") for reply in no]


def test_no_one_can_rate_an_item_their_conversation_was_not_shown(assistant: Assistant) -> None:
    me, stranger = f"e2e-rate-{uuid.uuid4().hex[:8]}", f"e2e-rate-{uuid.uuid4().hex[:8]}"
    shown = items_in(assistant.say(me, "my mom won't even consider therapy"))
    assert shown

    replies = rate(assistant, stranger, item_id=shown, helpful="no")
    assert replies and ratings(assistant, stranger) == []
    rate(assistant, me, item_id=["refusal.no.such.item"], helpful="yes")
    assert ratings(assistant, me) == []
