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
import re
import threading
import time
import weakref
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from contentdb.models import ContentItem
from contentdb.queries import _FACETS, Content, _for, _params, _rotation, _specificity, _to_content
from kernel.lexicon import SUBSTANCE_KINDS, struggle_kinds
from kernel.resources import fill
from kernel.vocabulary import ANY


def refresh_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("CONTENT_REFRESH_S", "30")))
    except ValueError:
        return 30.0


# Names that say which kind of substance use an item is for, besides the words for the kind itself (the family groups
# placeholder becomes "Al-Anon, Nar-Anon or ..."; naloxone is for opioids). "Using" alone is too common a word
# ("using labels"), so only where it means taking something.
_ITEM_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("drinking", re.compile(r"\b(?:al-anon|alcoholics anonymous|hangover|hungover)\b", re.I)),
    ("drugs", re.compile(r"\b(?:nar-anon|naloxone|narcan|opioids?|overdose|high\b|(?:of|not|after|while|or) using|"
                         r"using (?:often|has|more))\b", re.I)),
    ("gambling", re.compile(r"\b(?:gam-anon|gamcare|gamstop|gamban|betblocker)\b", re.I)),
)
# Within substance use, what a drinker's and a drug user's families need is much the same (Al-Anon and Nar-Anon, sober
# time, naloxone in case); a gambler's is not. Until the user names a kind, the concern is its label: drinking or drugs.
_FAMILY = {"drinking": "substances", "drugs": "substances", "gambling": "gambling"}
_UNNAMED = frozenset({"substances"})


def item_struggles(item: Content) -> frozenset[str]:
    """The kinds of substance use an item is written for, from what it says (filled as the locale shows it): none
    for most items, {"drinking", "drugs"} for Al-Anon and Nar-Anon, {"gambling"} for Gam-Anon."""
    said = " ".join(fill(text) for text in (item.text, item.alternative or ""))
    kinds = {kind for kind in struggle_kinds(said) if kind in SUBSTANCE_KINDS}
    return frozenset(kinds | {kind for kind, pattern in _ITEM_MARKERS if pattern.search(said)})


@dataclass(frozen=True)
class Catalogue:
    items: dict[str, Content]
    by_topic: dict[str, list[Content]]
    read_at: float
    struggles: dict[str, frozenset[str]] = field(default_factory=dict)  # item id -> kinds it is written for

    @classmethod
    def read(cls, engine: Engine) -> Catalogue:
        with Session(engine) as session:
            items = [_to_content(row) for row in session.scalars(select(ContentItem).order_by(ContentItem.id))]
        by_topic: dict[str, list[Content]] = {}
        for item in items:
            by_topic.setdefault(item.topic, []).append(item)
        # Only items of the substance-use concern: a general item that mentions drinking ("drinking or using more" as a
        # warning sign) or an overdose is for everyone.
        kinds = {item.id: item_struggles(item) for item in items if item.concern == "substance_use"}
        return cls({item.id: item for item in items}, by_topic, time.monotonic(), {k: v for k, v in kinds.items() if v})

    def about_other_struggles(self, named: Collection[str], exclude: Collection[str] = ()) -> set[str]:
        """``exclude`` and the substance-use items written only for a kind the user hasn't named: a gambler's partner
        is not sent to Al-Anon or told to keep naloxone, a drinker's is not sent to Gam-Anon."""
        wanted = frozenset(_FAMILY[kind] for kind in named if kind in _FAMILY) or _UNNAMED
        return set(exclude) | {item_id for item_id, kinds in self.struggles.items()
                               if not {_FAMILY[kind] for kind in kinds} & wanted}

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
                      seed: str = "", audience: Optional[str] = None, struggles: Collection[str] = ()) -> list[Content]:
        """As ``contentdb.queries.pick_in_order``, from memory. Among items that fit equally well, one written for the
        kind of struggle the user named (``struggles``: Gam-Anon for a gambler's partner) comes first."""
        named = frozenset(struggles)
        rows, params, known = self.candidates(topic, kinds, exclude, relationship, resistance_form, concern)
        rows = [row for row in rows if _for(row, audience)]
        chosen: list[Content] = []
        for kind in kinds:
            if len(chosen) >= count:
                break
            of_kind = [row for row in rows if row.kind == kind and row not in chosen]
            if of_kind:
                chosen.append(min(of_kind, key=lambda row: (-_specificity(row, params, known) - (row.audience == audience),
                                                             not self.struggles.get(row.id, frozenset()) & named,
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
