"""The one module that owns the database models."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, DateTime, Float, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import declarative_base

from kernel.vocabulary import ANY, Kind, Relationship, ResistanceForm, Stage, values

Base = declarative_base()


def _one_of(column: str, allowed: list[str], table: str = "content_items") -> CheckConstraint:
    quoted = ", ".join(f"'{value}'" for value in allowed)
    return CheckConstraint(f"{column} IN ({quoted})", name=f"ck_{table}_{column}")


class ContentItem(Base):  # type: ignore[valid-type,misc]
    """One curated reframe, phrasing, thing to avoid, tip or resource.

    Topic, concern and audience (who the item is for: the user, the loved one or ``any``) are checked by the
    loader against the registry (kernel/registry.yml), not by a CHECK constraint, so adding one needs no migration.
    """

    __tablename__ = "content_items"
    __table_args__ = (
        _one_of("kind", values(Kind)),
        _one_of("relationship", [*values(Relationship), ANY]),
        _one_of("resistance_form", [*values(ResistanceForm), ANY]),
        CheckConstraint(
            "(kind = 'avoid') = (alternative IS NOT NULL)",
            name="ck_content_items_avoid_has_alternative",
        ),
        Index("ix_content_items_lookup", "topic", "kind", "relationship"),
    )

    id = Column(String(120), primary_key=True)
    kind = Column(String(16), nullable=False)
    topic = Column(String(32), nullable=False)
    relationship = Column(String(16), nullable=False, default=ANY)
    resistance_form = Column(String(16), nullable=False, default=ANY)
    concern = Column(String(16), nullable=False, default=ANY)
    audience = Column(String(16), nullable=False, default=ANY, server_default=ANY)
    text = Column(Text, nullable=False)
    reason = Column(Text, nullable=False)
    grounding = Column(String(200), nullable=False)
    alternative = Column(Text, nullable=True)
    source = Column(String(200), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())


class RoleplayLine(Base):  # type: ignore[valid-type,misc]
    """Something the loved one may say in a rehearsal, for one resistance form and openness stage."""

    __tablename__ = "roleplay_lines"
    __table_args__ = (
        _one_of("resistance_form", values(ResistanceForm), "roleplay_lines"),
        _one_of("stage", values(Stage), "roleplay_lines"),
        Index("ix_roleplay_lines_form_stage", "resistance_form", "stage"),
    )

    id = Column(String(120), primary_key=True)
    resistance_form = Column(String(16), nullable=False)
    stage = Column(String(16), nullable=False)
    text = Column(Text, nullable=False)
    source = Column(String(200), nullable=False)


class Rehearsal(Base):  # type: ignore[valid-type,misc]
    """One finished practice conversation, kept per sender so progress can be shown over time."""

    __tablename__ = "rehearsals"
    __table_args__ = (Index("ix_rehearsals_sender_created", "sender_id", "created_at"),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    sender_id = Column(String(255), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    resistance_form = Column(String(16), nullable=True)
    relationship = Column(String(16), nullable=True)
    turns = Column(Integer, nullable=False)
    final_openness = Column(Float, nullable=False)
    score = Column(Integer, nullable=False)
    codes = Column(Text, nullable=False)  # JSON object: code -> count


class ItemRating(Base):  # type: ignore[valid-type,misc]
    """A "was this helpful?" answer for one content item, from the conversation that was shown it.

    ``reason`` is what was wrong with it, when the person said (``actions/ratings.py`` REASONS).
    """

    __tablename__ = "item_ratings"
    __table_args__ = (
        Index("ix_item_ratings_item", "item_id"),
        Index("ix_item_ratings_sender", "sender_id"),
        CheckConstraint("helpful IN (0, 1)", name="ck_item_ratings_helpful"),
    )

    id = Column(Integer, primary_key=True, autoincrement=True)
    item_id = Column(String(120), ForeignKey("content_items.id", ondelete="CASCADE"), nullable=False)
    sender_id = Column(String(255), nullable=False)
    helpful = Column(Integer, nullable=False)
    reason = Column(String(32), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
