"""The one module that owns the queries. Plain functions, plain results, no SQL in actions."""
from __future__ import annotations

import functools
import json
import random
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import bindparam, delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from contentdb.models import ContentItem, ItemRating, Rehearsal, RoleplayLine
from kernel.vocabulary import ANY, Kind, Topic


@dataclass(frozen=True)
class Content:
    id: str
    kind: str
    topic: str
    relationship: str
    resistance_form: str
    concern: str
    text: str
    reason: str
    grounding: str
    alternative: Optional[str] = None
    audience: str = ANY  # who the item is for: "user", "loved_one" or "any"


def _to_content(row: ContentItem) -> Content:
    return Content(
        id=row.id,
        kind=row.kind,
        topic=row.topic,
        relationship=row.relationship,
        resistance_form=row.resistance_form,
        concern=row.concern,
        text=row.text,
        reason=row.reason,
        grounding=row.grounding,
        alternative=row.alternative,
        audience=row.audience or ANY,
    )


def pick_content(
    *,
    session: Session,
    topic: Topic | str,
    kind: Kind | str,
    relationship: Optional[str] = None,
    resistance_form: Optional[str] = None,
    concern: Optional[str] = None,
    exclude: Collection[str] = (),
    limit: int = 1,
    seed: str = "",
) -> list[Content]:
    """Items that fit the conversation, the most specific first, rotated per conversation.

    An item fits when each of its facets is either ``any`` or equal to what we know. A facet we
    don't know only matches ``any`` items. The struggle and the form of refusal weigh as much as the
    relationship, so a husband who drinks hears about drinking, not only about husbands. Among items
    equally specific, ``seed`` (the conversation) decides the order, so two people don't get the
    same items in id order.
    """
    facets = (relationship, resistance_form, concern)
    known = tuple(bool(value) and value != ANY for value in facets)
    params: dict[str, object] = {"topic": _value(topic), "kind": _value(kind), "exclude": list(exclude)}
    for (name, _), is_known, value in zip(_FACETS, known, facets, strict=True):
        params[name] = value if is_known else ANY
    # Rank light (id, facets) rows, then load only the chosen items: building ORM objects for every
    # candidate was most of the cost of a turn.
    rows = session.execute(_pick_statement(known), params).all()
    ranked = sorted(rows, key=lambda row: (-_specificity(row, params, known), _rotation(seed, row.id)))
    chosen = [row.id for row in ranked[:limit]]
    found = {row.id: row for row in session.scalars(select(ContentItem).where(ContentItem.id.in_(chosen)))} if chosen else {}
    return [_to_content(found[item_id]) for item_id in chosen if item_id in found]


def _value(member: object) -> str:
    return str(getattr(member, "value", member))


def _rotation(seed: str, item_id: str) -> int:
    return zlib.crc32(f"{seed}:{item_id}".encode())


_FACETS = (("relationship", 3), ("resistance_form", 3), ("concern", 3))


def _specificity(row: Any, params: dict[str, object], known: tuple[bool, ...]) -> int:
    return sum(
        weight for (name, weight), is_known in zip(_FACETS, known, strict=True) if is_known and getattr(row, name) == params[name]
    )


@functools.lru_cache(maxsize=16)
def _pick_statement(known: tuple[bool, ...]) -> Select:
    """One statement per combination of known facets, with the values as bound parameters.

    Reusing the statement object lets SQLAlchemy skip building it and computing its cache key on every
    lookup, which was most of the action server's time per turn (py-spy). The ranking happens in Python:
    a topic and kind hold a few dozen items at most.
    """
    item = ContentItem
    query = select(item.id, item.relationship, item.resistance_form, item.concern).where(
        item.topic == bindparam("topic"), item.kind == bindparam("kind")
    )
    for (name, _), is_known in zip(_FACETS, known, strict=True):
        column = getattr(item, name)
        if is_known:
            query = query.where(or_(column == bindparam(name), column == ANY))
        else:
            query = query.where(column == bindparam(name))
    return query.where(item.id.not_in(bindparam("exclude", expanding=True)))


def pick_in_order(
    *,
    session: Session,
    topic: str,
    kinds: list[str],
    count: int,
    relationship: Optional[str] = None,
    resistance_form: Optional[str] = None,
    concern: Optional[str] = None,
    exclude: Collection[str] = (),
    seed: str = "",
    audience: Optional[str] = None,
) -> list[Content]:
    """Up to ``count`` items of a topic, one per kind in the order given, each the best fit of its kind.

    ``audience`` ("user": support for the person writing; "loved_one": help for them) leaves out items meant
    for the other one and puts items meant for this one first; None takes any.

    One light query ranks every candidate of the topic, a second loads the chosen items: a reply costs two
    queries however many kinds it walks through.
    """
    params, known = _params(topic, kinds, exclude, relationship, resistance_form, concern)
    rows = [row for row in session.execute(_in_order_statement(known), params).all() if _for(row, audience)]
    chosen: list[str] = []
    for kind in kinds:
        if len(chosen) >= count:
            break
        of_kind = [row for row in rows if row.kind == kind and row.id not in chosen]
        if of_kind:
            best = min(of_kind, key=lambda row: (-_specificity(row, params, known) - (row.audience == audience),
                                                 _rotation(seed, row.id)))
            chosen.append(best.id)
    if not chosen:
        return []
    found = {row.id: row for row in session.scalars(_BY_IDS, {"ids": chosen})}
    return [_to_content(found[item_id]) for item_id in chosen if item_id in found]


def _params(
    topic: str, kinds: Collection[str], exclude: Collection[str], *facets: Optional[str]
) -> tuple[dict[str, object], tuple[bool, ...]]:
    known = tuple(bool(value) and value != ANY for value in facets)
    params: dict[str, object] = {"topic": topic, "kinds": list(kinds), "exclude": list(exclude)}
    for (name, _), is_known, value in zip(_FACETS, known, facets, strict=True):
        params[name] = value if is_known else ANY
    return params, known


def _for(row: Any, audience: Optional[str]) -> bool:
    """Whether an item suits who the reply is for (None: anyone)."""
    return audience is None or row.audience in (audience, ANY)


_BY_IDS = select(ContentItem).where(ContentItem.id.in_(bindparam("ids", expanding=True)))


@functools.lru_cache(maxsize=16)
def _in_order_statement(known: tuple[bool, ...]) -> Select:
    """Light rows of a topic's candidates for the kinds asked, built once per combination of known facets."""
    item = ContentItem
    query = select(item.id, item.kind, item.relationship, item.resistance_form, item.concern, item.audience).where(
        item.topic == bindparam("topic"),
        item.kind.in_(bindparam("kinds", expanding=True)),
        item.id.not_in(bindparam("exclude", expanding=True)),
    )
    for (name, _), is_known in zip(_FACETS, known, strict=True):
        column = getattr(item, name)
        query = query.where(or_(column == bindparam(name), column == ANY) if is_known else column == bindparam(name))
    return query


def any_unseen(*, session: Session, topic: str, kinds: Collection[str], relationship: Optional[str], resistance_form: Optional[str],
               concern: Optional[str], exclude: Collection[str], audience: Optional[str] = None) -> bool:
    """Whether any item of these kinds fits and is still unseen (one light query)."""
    params, known = _params(topic, kinds, exclude, relationship, resistance_form, concern)
    if audience is None:
        return session.execute(_first_unseen_statement(known), params).first() is not None
    return any(_for(row, audience) for row in session.execute(_in_order_statement(known), params))


@functools.lru_cache(maxsize=16)
def _first_unseen_statement(known: tuple[bool, ...]) -> Select:
    return _in_order_statement(known).limit(1)


def get_content(*, session: Session, item_id: str) -> Optional[Content]:
    row = session.get(ContentItem, item_id)
    return _to_content(row) if row is not None else None


def count_content(*, session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(ContentItem)) or 0)


def count_by(*, session: Session, topic: Topic, kind: Kind, relationship: str) -> int:
    query = select(func.count()).select_from(ContentItem).where(
        ContentItem.topic == topic.value,
        ContentItem.kind == kind.value,
        ContentItem.relationship == relationship,
    )
    return int(session.scalar(query) or 0)


@dataclass(frozen=True)
class Line:
    id: str
    text: str


def pick_roleplay_line(*, session: Session, resistance_form: str, stage: str, exclude: Collection[str], seed: str) -> Optional[Line]:
    """One unused line for this form and stage, chosen by a per-conversation seed so rehearsals differ."""
    query = (
        select(RoleplayLine.id, RoleplayLine.text)
        .where(RoleplayLine.resistance_form == resistance_form, RoleplayLine.stage == stage)
        .order_by(RoleplayLine.id)
    )
    rows = [Line(id=row.id, text=row.text) for row in session.execute(query)]
    fresh = [line for line in rows if line.id not in exclude] or rows
    return random.Random(seed).choice(fresh) if fresh else None


@dataclass(frozen=True)
class RehearsalSummary:
    created_at: datetime
    score: int
    turns: int
    final_openness: float
    codes: dict[str, int]


def save_rehearsal(
    *, session: Session, sender_id: str, resistance_form: Optional[str], relationship: Optional[str],
    turns: int, final_openness: float, score: int, codes: dict[str, int],
) -> None:
    session.add(
        Rehearsal(
            sender_id=sender_id, resistance_form=resistance_form, relationship=relationship, turns=turns,
            final_openness=final_openness, score=score, codes=json.dumps(codes, sort_keys=True),
        )
    )


def rehearsal_history(*, session: Session, sender_id: str, limit: int = 10) -> list[RehearsalSummary]:
    """This sender's most recent rehearsals, oldest first."""
    query = (
        select(Rehearsal)
        .where(Rehearsal.sender_id == sender_id)
        .order_by(Rehearsal.created_at.desc(), Rehearsal.id.desc())
        .limit(limit)
    )
    rows = list(session.scalars(query))[::-1]
    return [
        RehearsalSummary(created_at=r.created_at, score=r.score, turns=r.turns, final_openness=r.final_openness, codes=json.loads(r.codes))
        for r in rows
    ]


@dataclass(frozen=True)
class Removed:
    """How many rows of each kind were deleted."""

    rehearsals: int
    item_ratings: int


def delete_sender_data(*, session: Session, sender_id: str) -> Removed:
    """Every rehearsal and "was this helpful?" answer of this sender. The caller commits."""
    rehearsals = session.execute(delete(Rehearsal).where(Rehearsal.sender_id == sender_id))
    ratings = session.execute(delete(ItemRating).where(ItemRating.sender_id == sender_id))
    return Removed(rehearsals=int(rehearsals.rowcount or 0), item_ratings=int(ratings.rowcount or 0))  # type: ignore[attr-defined]


def delete_data_older_than(*, session: Session, cutoff: datetime) -> Removed:
    """Rehearsals and ratings created before `cutoff` (timezone-aware, UTC). The caller commits."""
    rehearsals = session.execute(delete(Rehearsal).where(Rehearsal.created_at < cutoff))
    ratings = session.execute(delete(ItemRating).where(ItemRating.created_at < cutoff))
    return Removed(rehearsals=int(rehearsals.rowcount or 0), item_ratings=int(ratings.rowcount or 0))  # type: ignore[attr-defined]


def save_ratings(*, session: Session, sender_id: str, item_ids: Collection[str], helpful: bool) -> int:
    """One "was this helpful?" row per known item; unknown ids are skipped. Returns how many were stored.
    The caller commits."""
    known = set(session.scalars(select(ContentItem.id).where(ContentItem.id.in_(list(item_ids)))))
    rows = [ItemRating(item_id=item, sender_id=sender_id, helpful=int(helpful)) for item in item_ids if item in known]
    session.add_all(rows)
    return len(rows)


def set_rating_reason(*, session: Session, sender_id: str, item_ids: Collection[str], reason: str) -> int:
    """Attach ``reason`` to this sender's latest rating of each item. Returns how many ratings changed.
    The caller commits."""
    changed = 0
    for item in item_ids:
        latest = session.scalars(
            select(ItemRating)
            .where(ItemRating.sender_id == sender_id, ItemRating.item_id == item)
            .order_by(ItemRating.created_at.desc(), ItemRating.id.desc())
            .limit(1)
        ).first()
        if latest is not None:
            latest.reason = reason
            changed += 1
    return changed
