"""The content items held in memory, read from the content database through SQLAlchemy, for each turn's choices.

A turn picks items for one topic and asks whether more are left: with the queries in contentdb/queries.py that
was two or three SQL round trips, two fifths of the action server's time per turn (py-spy). The catalogue is a few
hundred short items, read whole once and again every ``CONTENT_REFRESH_S`` seconds (default 30; 0 reads the
database for every choice), so content loaded with ``make content`` while the server runs shows within that time.
The choice is the same as the SQL one (tests/test_content_db.py compares them on every topic, kind and facet):
an item fits when each facet is ``any`` or what we know, the most specific first, rotated per conversation.
"""
from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Collection
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from contentdb.models import ContentItem
from contentdb.queries import _FACETS, Content, _for, _params, _rotation, _specificity, _to_content
from kernel.vocabulary import ANY


def refresh_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("CONTENT_REFRESH_S", "30")))
    except ValueError:
        return 30.0


@dataclass(frozen=True)
class Catalogue:
    items: dict[str, Content]
    by_topic: dict[str, list[Content]]
    read_at: float

    @classmethod
    def read(cls, engine: Engine) -> Catalogue:
        with Session(engine) as session:
            items = [_to_content(row) for row in session.scalars(select(ContentItem).order_by(ContentItem.id))]
        by_topic: dict[str, list[Content]] = {}
        for item in items:
            by_topic.setdefault(item.topic, []).append(item)
        return cls({item.id: item for item in items}, by_topic, time.monotonic())

    def candidates(self, topic: str, kinds: Collection[str], exclude: Collection[str], relationship: Optional[str],
                   resistance_form: Optional[str], concern: Optional[str]) -> tuple[list[Content], dict[str, object], tuple[bool, ...]]:
        """What the SQL in ``_in_order_statement`` selects: the topic's unseen items of these kinds that fit."""
        params, known = _params(topic, kinds, exclude, relationship, resistance_form, concern)
        wanted, skip = set(kinds), set(exclude)
        found = [
            item for item in self.by_topic.get(topic, ())
            if item.kind in wanted and item.id not in skip and all(
                getattr(item, name) in ((params[name], ANY) if is_known else (ANY,))
                for (name, _), is_known in zip(_FACETS, known, strict=True))
        ]
        return found, params, known

    def pick_in_order(self, *, topic: str, kinds: list[str], count: int, relationship: Optional[str] = None,
                      resistance_form: Optional[str] = None, concern: Optional[str] = None, exclude: Collection[str] = (),
                      seed: str = "", audience: Optional[str] = None) -> list[Content]:
        """As ``contentdb.queries.pick_in_order``, from memory."""
        rows, params, known = self.candidates(topic, kinds, exclude, relationship, resistance_form, concern)
        rows = [row for row in rows if _for(row, audience)]
        chosen: list[Content] = []
        for kind in kinds:
            if len(chosen) >= count:
                break
            of_kind = [row for row in rows if row.kind == kind and row not in chosen]
            if of_kind:
                chosen.append(min(of_kind, key=lambda row: (-_specificity(row, params, known) - (row.audience == audience),
                                                             _rotation(seed, row.id))))
        return chosen

    def any_unseen(self, *, topic: str, kinds: Collection[str], relationship: Optional[str], resistance_form: Optional[str],
                   concern: Optional[str], exclude: Collection[str], audience: Optional[str] = None) -> bool:
        """As ``contentdb.queries.any_unseen``, from memory."""
        rows, _, _ = self.candidates(topic, kinds, exclude, relationship, resistance_form, concern)
        return any(_for(row, audience) for row in rows)


_held: weakref.WeakKeyDictionary[Engine, Catalogue] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def catalogue(engine: Engine) -> Catalogue:
    """The items of this engine's database, read again when older than ``CONTENT_REFRESH_S``."""
    held = _held.get(engine)
    limit = refresh_seconds()
    if held is not None and limit > 0 and time.monotonic() - held.read_at < limit:
        return held
    with _lock:
        fresh = Catalogue.read(engine)
        if limit > 0:
            _held[engine] = fresh
        return fresh


def forget(engine: Optional[Engine] = None) -> None:
    """Drop what is held (after loading content in this process), for one engine or all."""
    with _lock:
        if engine is None:
            _held.clear()
        else:
            _held.pop(engine, None)
