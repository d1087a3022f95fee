"""Choosing content for a conversation: specific before generic, never the same item twice."""
from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from contentdb import engine as db
from contentdb.catalogue import catalogue
from contentdb.queries import Content, pick_content
from kernel.vocabulary import Kind, Topic

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Facts:
    """What we know about the loved one; None means unknown."""

    relationship: Optional[str] = None
    resistance_form: Optional[str] = None
    concern: Optional[str] = None
    struggles: tuple[str, ...] = ()  # the kinds of struggle named (drinking, gambling...), kernel.lexicon.STRUGGLE_KINDS


@dataclass
class Selection:
    """Items picked for one reply; ``exclude`` grows so one reply never repeats itself either."""

    facts: Facts
    seed: str = ""
    exclude: set[str] = field(default_factory=set)
    items: list[Content] = field(default_factory=list)
    failed: bool = False

    def take(self, session: Session, topic: Topic | str, kind: Kind | str, count: int = 1) -> list[Content]:
        found = pick_content(
            session=session,
            topic=topic,
            kind=kind,
            relationship=self.facts.relationship,
            resistance_form=self.facts.resistance_form,
            concern=self.facts.concern,
            exclude=self.exclude,
            limit=count,
            seed=self.seed,
        )
        self.exclude.update(item.id for item in found)
        self.items.extend(found)
        return found


def select_items(
    facts: Facts, shown: Collection[str], wanted: list[tuple[Topic | str, Kind | str, int]], seed: str = ""
) -> tuple[list[list[Content]], Selection]:
    """For each (topic, kind, count) wanted, the best unseen items; [] where the database fails.

    ``seed`` (the conversation id) rotates items that fit equally well.
    """
    selection = Selection(facts=facts, seed=seed, exclude=set(shown))
    if facts.concern == "other":  # "something else" narrows nothing; general items fit
        selection.facts = Facts(relationship=facts.relationship, resistance_form=facts.resistance_form)
    try:
        selection.exclude = catalogue(db.get_engine()).about_other_struggles(facts.struggles, shown)
        with Session(db.get_engine()) as session:
            groups = [selection.take(session, topic, kind, count) for topic, kind, count in wanted]
    except SQLAlchemyError:
        logger.exception("Content database unavailable; answering without curated items")
        selection.failed = True
        groups = [[] for _ in wanted]
    return groups, selection


def select_in_order(facts: Facts, shown: Collection[str], topic: str, kinds: list[str], count: int, seed: str = "",
                    audience: Optional[str] = None) -> list[Content]:
    """``count`` unseen items of ``topic``, one per kind in the order given; [] where the database fails.

    ``audience``: who the items are for ("user" or "loved_one"); None takes any. Chosen from the catalogue
    (contentdb/catalogue.py: the items read through SQLAlchemy, held for ``CONTENT_REFRESH_S``)."""
    concern = None if facts.concern == "other" else facts.concern
    try:
        held = catalogue(db.get_engine())
        return held.pick_in_order(
            topic=topic, kinds=kinds, count=count, relationship=facts.relationship,
            resistance_form=facts.resistance_form, concern=concern, exclude=held.about_other_struggles(facts.struggles, shown),
            seed=seed, audience=audience, struggles=facts.struggles,
        )
    except SQLAlchemyError:
        logger.exception("Content database unavailable; answering without curated items")
        return []


def has_more(facts: Facts, shown: Collection[str], topic: Topic | str, kinds: Collection[Kind | str],
             audience: Optional[str] = None) -> bool:
    """Whether any unseen item of these kinds is left for this topic (for a "more" quick reply)."""
    concern = None if facts.concern == "other" else facts.concern
    try:
        held = catalogue(db.get_engine())
        return held.any_unseen(
            topic=str(getattr(topic, "value", topic)), kinds=[str(getattr(k, "value", k)) for k in kinds],
            relationship=facts.relationship, resistance_form=facts.resistance_form, concern=concern,
            exclude=held.about_other_struggles(facts.struggles, shown), audience=audience,
        )
    except SQLAlchemyError:
        logger.exception("Content database unavailable; no 'more' offered")
        return False


def items_by_id(ids: Collection[str]) -> list[Content]:
    """The items with these ids, in that order (unknown ids left out); [] where the database fails."""
    try:
        held = catalogue(db.get_engine()).items
    except SQLAlchemyError:
        logger.exception("Content database unavailable")
        return []
    return [held[item_id] for item_id in ids if item_id in held]
