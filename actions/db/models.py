"""The one module that owns the database models."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, DateTime, Index, String, Text, func
from sqlalchemy.orm import declarative_base

from actions.vocabulary import ANY, Concern, Kind, Relationship, ResistanceForm, Topic, values

Base = declarative_base()


def _one_of(column: str, allowed: list[str]) -> CheckConstraint:
    quoted = ", ".join(f"'{value}'" for value in allowed)
    return CheckConstraint(f"{column} IN ({quoted})", name=f"ck_content_items_{column}")


class ContentItem(Base):  # type: ignore[valid-type,misc]
    """One curated reframe, phrasing, thing to avoid, tip or resource."""

    __tablename__ = "content_items"
    __table_args__ = (
        _one_of("kind", values(Kind)),
        _one_of("topic", values(Topic)),
        _one_of("relationship", [*values(Relationship), ANY]),
        _one_of("resistance_form", [*values(ResistanceForm), ANY]),
        _one_of("concern", [*values(Concern), ANY]),
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
    text = Column(Text, nullable=False)
    reason = Column(Text, nullable=False)
    grounding = Column(String(200), nullable=False)
    alternative = Column(Text, nullable=True)
    source = Column(String(200), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
