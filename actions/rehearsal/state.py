"""How the loved one's openness moves as the user talks: pressure closes them, curiosity opens them."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from actions.rehearsal.coding import Code
from kernel.vocabulary import Stage

START_OPENNESS = 2.0
MAX_OPENNESS = 6.0
MAX_STEP = 2.0

# What one turn of each code does to openness (Motivational-Interviewing consistent moves open;
# pressure, blame and threats close).
WEIGHTS: dict[Code, float] = {
    Code.OPEN_QUESTION: 1.0,
    Code.REFLECTION: 1.5,
    Code.AFFIRMATION: 1.0,
    Code.I_STATEMENT: 0.5,
    Code.AUTONOMY_SUPPORT: 1.0,
    Code.CLOSED_QUESTION: 0.0,
    Code.ADVICE_WITHOUT_PERMISSION: -1.0,
    Code.CONFRONT: -2.0,
    Code.ULTIMATUM: -2.0,
}
REPEAT_PENALTY = -1.0
_REQUEST = re.compile(r"\b(?:therap|counsel|psycholog|psychiatr|see (?:a|someone|somebody)|get (?:some )?help|talk to (?:a|someone))", re.I)


@dataclass
class Turn:
    """One exchange: what the user said, how it was coded, and what it did to openness."""

    text: str
    codes: list[str]
    delta: float
    openness_before: float
    openness_after: float
    reply_id: str = ""
    reply: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        names = ("text", "codes", "delta", "openness_before", "openness_after", "reply_id", "reply")
        return cls(**{name: data[name] for name in names if name in data})


@dataclass
class Rehearsal:
    openness: float = START_OPENNESS
    turns: list[Turn] = field(default_factory=list)

    @property
    def stage(self) -> Stage:
        return stage_for(self.openness)


def stage_for(openness: float) -> Stage:
    if openness < 2:
        return Stage.GUARDED
    if openness < 4:
        return Stage.WARY
    if openness < MAX_OPENNESS:
        return Stage.SOFTENING
    return Stage.OPEN


def is_request(text: str) -> bool:
    return bool(_REQUEST.search(text))


def turn_delta(codes: list[str], text: str, earlier: list[Turn]) -> float:
    """The openness change for one user line: the sum of its codes, bounded, minus repeating the ask."""
    delta = sum(WEIGHTS[Code(c)] for c in codes)
    asked_before = any(is_request(t.text) for t in earlier)
    pressing = not ({Code.AUTONOMY_SUPPORT.value, Code.OPEN_QUESTION.value, Code.REFLECTION.value} & set(codes))
    if asked_before and is_request(text) and pressing:
        delta += REPEAT_PENALTY
    return max(-MAX_STEP, min(MAX_STEP, delta))


def advance(rehearsal: Rehearsal, text: str, codes: list[str]) -> Turn:
    """Apply one user line and return the turn (the reply is filled in by the caller)."""
    before = rehearsal.openness
    delta = turn_delta(codes, text, rehearsal.turns)
    after = max(0.0, min(MAX_OPENNESS, before + delta))
    turn = Turn(text=text, codes=codes, delta=delta, openness_before=before, openness_after=after)
    rehearsal.turns.append(turn)
    rehearsal.openness = after
    return turn


def reply_stage(rehearsal: Rehearsal) -> Stage:
    """Which stage the loved one answers from: at the open end, a second good turn earns a concession."""
    if rehearsal.stage is Stage.OPEN and len(rehearsal.turns) >= 2 and rehearsal.turns[-2].openness_after >= MAX_OPENNESS:
        return Stage.CONCESSION
    if rehearsal.stage is Stage.OPEN and rehearsal.turns and rehearsal.turns[-1].delta >= MAX_STEP:
        return Stage.CONCESSION
    return rehearsal.stage


def rewind(rehearsal: Rehearsal) -> Turn | None:
    """Undo the last exchange, openness included, so a different line can be tried."""
    if not rehearsal.turns:
        return None
    last = rehearsal.turns.pop()
    rehearsal.openness = last.openness_before
    return last
