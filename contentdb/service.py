"""Choosing content for a conversation: specific before generic, never the same item twice."""
from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from contentdb import engine as db
from contentdb.queries import Content, pick_content
from kernel.vocabulary import Kind, Topic

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Facts:
    """What we know about the loved one; None means unknown."""

    relationship: Optional[str] = None
    resistance_form: Optional[str] = None
    concern: Optional[str] = None


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
        with Session(db.get_engine()) as session:
            groups = [selection.take(session, topic, kind, count) for topic, kind, count in wanted]
    except SQLAlchemyError:
        logger.exception("Content database unavailable; answering without curated items")
        selection.failed = True
        groups = [[] for _ in wanted]
    return groups, selection


def has_more(facts: Facts, shown: Collection[str], topic: Topic | str, kinds: Collection[Kind | str]) -> bool:
    """Whether any unseen item of these kinds is left for this topic (for a "more" quick reply)."""
    if facts.concern == "other":
        facts = Facts(relationship=facts.relationship, resistance_form=facts.resistance_form)
    probe = Selection(facts=facts, exclude=set(shown))
    try:
        with Session(db.get_engine()) as session:
            return any(probe.take(session, topic, kind, 1) for kind in kinds)
    except SQLAlchemyError:
        logger.exception("Content database unavailable; no 'more' offered")
        return False
