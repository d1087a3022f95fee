"""The closed vocabularies shared by content, NLU post-processing and actions."""
from __future__ import annotations

import re
from enum import Enum

from kernel.registry import audience_names, concern_names, registry, topic_names

ANY = "any"
# Set by action_delete_my_data; trackers/store.py then deletes the conversation instead of saving it.
ERASE_SLOT = "erase_conversation"


class Kind(str, Enum):
    REFRAME = "reframe"
    PHRASING = "phrasing"
    AVOID = "avoid"
    TIP = "tip"
    RESOURCE = "resource"


class Relationship(str, Enum):
    PARTNER = "partner"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    FRIEND = "friend"


class ResistanceForm(str, Enum):
    """The four ways a refusal shows up (direct, passive, intellectual, emotional)."""

    DIRECT = "direct"
    PASSIVE = "passive"
    INTELLECTUAL = "intellectual"
    EMOTIONAL = "emotional"


class Topic(str, Enum):
    """The topics code refers to by name; the full list is the registry (kernel/registry.yml)."""

    REFUSAL = "refusal"
    RESENTMENT = "resentment"
    BRING_UP = "bring_up"
    EXHAUSTION = "exhaustion"
    BOUNDARIES = "boundaries"
    WHY_RESIST = "why_resist"
    ENABLING = "enabling"
    SUPPORT = "support"
    PROGRESS = "progress"


def values(enum: type[Enum]) -> list[str]:
    return [member.value for member in enum]


# Which content topic answers which intent: the registry says (kernel/registry.yml).
TOPIC_FOR_INTENT: dict[str, str] = registry().topic_for_intent()


class Stage(str, Enum):
    """How open the loved one is during a rehearsal, from guarded to open."""

    GUARDED = "guarded"
    WARY = "wary"
    SOFTENING = "softening"
    OPEN = "open"
    CONCESSION = "concession"


def topics() -> list[str]:
    """Every content topic, from the registry."""
    return topic_names()


def concerns() -> list[str]:
    """Every concern (struggle) the assistant knows, from the registry."""
    return concern_names()


def audiences() -> list[str]:
    """Who an item can be for (besides ``any``), from the registry."""
    return audience_names()


# What people call the loved one when they speak to them ("Mum, ...", "..., love"): a line that opens or ends with one
# is said to them. Shared by the NLU's input guard, the practice set-up and the practice topic reader.
TERMS_OF_ADDRESS: tuple[str, ...] = (
    "mum", "mummy", "mom", "mommy", "mam", "mama", "dad", "daddy", "papa", "son", "love", "babe", "baby", "hun", "honey",
    "sweetheart", "darling", "mate", "bro", "sis", "pal", "buddy", "nan", "gran", "grandad",
)
ADDRESS = "(?:" + "|".join(TERMS_OF_ADDRESS) + ")"


# "actually no sorry, im not ready for that yet. can we talk about...": backing out of practising, just after asking for it
# (components/input_guard.py makes it a stop; actions/dialogue.py answers it kindly).
BACKING_OUT = re.compile(
    r"^\W*(?:(?:actually|sorry|hmm+|wait|oh|ok(?:ay)?|um+|erm+|no|nah|nope|on second thoughts?)\W+){0,3}"
    r"(?:i'?m|im|i am|i'?m just|im just) not (?:really |quite )?ready (?:for (?:that|this|it)|to (?:practi[sc]e|rehearse|role ?play|"
    r"do (?:that|this|it)|try (?:that|this|it)))(?: (?:yet|just yet|today|now|tonight))?\b|"
    r"^\W*(?:(?:actually|sorry|hmm+|wait|ok(?:ay)?)\W+){0,2}(?:i'?ve |ive |i )?changed my mind\b"
    r"(?![^.!?]*\b(?:about (?:him|her|them|you)|you)\b)",
    re.IGNORECASE,
)
