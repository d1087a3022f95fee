"""How the loved one's openness moves as the user talks: pressure closes them, curiosity opens them.

Openness runs from 0 to 7: guarded below 2, wary below 4, softening below 6, open from 6. It moves at most
one stage a turn, and pressure after progress drops it at least one stage.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from kernel.vocabulary import Stage

START_OPENNESS = 1.0
MAX_OPENNESS = 7.0
MAX_STEP = 2.0
STAGE_FLOOR: dict[Stage, float] = {Stage.GUARDED: 0.0, Stage.WARY: 2.0, Stage.SOFTENING: 4.0, Stage.OPEN: 6.0}
LADDER = [Stage.GUARDED, Stage.WARY, Stage.SOFTENING, Stage.OPEN]
# The small yes needs a real conversation: this many user lines and at least one hidden reason heard.
CONCESSION_MIN_TURNS = 6

# What one turn of each code does to openness. Codes the coder may add later weigh nothing unless named here.
WEIGHTS: dict[str, float] = {
    "open_question": 1.0,
    "reflection": 1.5,
    "simple_reflection": 1.0,
    "complex_reflection": 2.0,
    "affirmation": 1.0,
    "i_statement": 0.5,
    "autonomy_support": 1.0,
    "closed_question": 0.0,
    "advice_without_permission": -1.5,
    "confront": -2.0,
    "ultimatum": -2.5,
}
PRESSURE = frozenset({"advice_without_permission", "confront", "ultimatum"})
REFLECTIONS = frozenset({"reflection", "simple_reflection", "complex_reflection"})
REPEAT_PENALTY = -1.0
_REQUEST = re.compile(r"\b(?:therap|counsel|psycholog|psychiatr|see (?:a|someone|somebody)|get (?:some )?help|talk to (?:a|someone))", re.I)


def is_pressure(codes: list[str]) -> bool:
    return bool(PRESSURE & set(codes)) or any("pressure" in c for c in codes)


def is_reflection(codes: list[str]) -> bool:
    return bool(REFLECTIONS & set(codes))


@dataclass
class Turn:
    """One exchange: what the user said, how it was read, what it did to openness and how they answered."""

    text: str
    codes: list[str]
    delta: float
    openness_before: float
    openness_after: float
    topic: Optional[str] = None
    stage: str = ""
    reply_id: str = ""
    reply: str = ""
    kind: str = ""
    answers: Optional[str] = None
    reveals: Optional[str] = None
    triggered: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        names = cls.__dataclass_fields__.keys()
        return cls(**{name: data[name] for name in names if name in data})


@dataclass
class Rehearsal:
    openness: float = START_OPENNESS
    turns: list[Turn] = field(default_factory=list)

    @property
    def stage(self) -> Stage:
        return stage_for(self.openness)

    def revealed(self) -> list[str]:
        return [t.reveals for t in self.turns if t.reveals]

    def conceded(self) -> bool:
        return any(t.stage == Stage.CONCESSION.value for t in self.turns)

    def events(self) -> set[str]:
        """Earlier events a reply line may assume (see content/roleplay/*.yml `after:`)."""
        found = set()
        if any(is_pressure(t.codes) or t.triggered for t in self.turns):
            found.add("pressure")
        if sum(t.kind == "deflect" for t in self.turns) >= 2:
            found.add("deflected")
        if len(self.turns) >= 2:
            found.add("turns")
        if self.revealed():
            found.add("reveal")
        return found


def stage_for(openness: float) -> Stage:
    for stage in reversed(LADDER):
        if openness >= STAGE_FLOOR[stage]:
            return stage
    return Stage.GUARDED


def is_request(text: str) -> bool:
    return bool(_REQUEST.search(text))


def turn_delta(codes: list[str], text: str, earlier: list[Turn]) -> float:
    """The openness change for one user line: the sum of its codes, bounded, minus repeating the ask."""
    delta = sum(WEIGHTS.get(c, 0.0) for c in codes)
    asked_before = any(is_request(t.text) for t in earlier)
    pressing = not ({"autonomy_support", "open_question"} | REFLECTIONS) & set(codes)
    if asked_before and is_request(text) and pressing:
        delta += REPEAT_PENALTY
    return max(-MAX_STEP - 1, min(MAX_STEP, delta))


def next_openness(before: float, delta: float, pressured: bool) -> float:
    """Apply a change with honest pacing: up at most one stage a turn, and pressure after progress costs a stage."""
    after = max(0.0, min(MAX_OPENNESS, before + delta))
    start, end = LADDER.index(stage_for(before)), LADDER.index(stage_for(after))
    if end > start + 1:
        after = STAGE_FLOOR[LADDER[start + 1]] + 0.5
    if pressured and start > 0:
        after = min(after, STAGE_FLOOR[LADDER[start]] - 0.5)
    return after


def advance(rehearsal: Rehearsal, text: str, codes: list[str], topic: Optional[str] = None, triggered: bool = False) -> Turn:
    """Apply one user line and return the turn (the reply is filled in by the caller)."""
    before = rehearsal.openness
    delta = turn_delta(codes, text, rehearsal.turns)
    if triggered:
        delta = min(delta, -MAX_STEP)
    after = next_openness(before, delta, is_pressure(codes) or triggered)
    turn = Turn(text=text, codes=codes, delta=delta, openness_before=before, openness_after=after, topic=topic,
                triggered=triggered)
    rehearsal.turns.append(turn)
    rehearsal.openness = after
    return turn


def may_concede(rehearsal: Rehearsal, reasons_heard: int) -> bool:
    """The small yes: only after a real conversation, a hidden reason heard, and while open without pressure now."""
    if rehearsal.conceded() or len(rehearsal.turns) < CONCESSION_MIN_TURNS or reasons_heard < 1:
        return False
    last = rehearsal.turns[-1]
    return (
        stage_for(last.openness_before) is Stage.OPEN and stage_for(last.openness_after) is Stage.OPEN
        and last.delta > 0 and not is_pressure(last.codes) and not last.triggered
    )


def rewind(rehearsal: Rehearsal, to_turn: Optional[int] = None) -> list[Turn]:
    """Undo exchanges from turn ``to_turn`` (1-based; default the last) onward, openness included."""
    if not rehearsal.turns:
        return []
    index = len(rehearsal.turns) - 1 if to_turn is None else max(0, min(to_turn - 1, len(rehearsal.turns) - 1))
    undone = rehearsal.turns[index:]
    del rehearsal.turns[index:]
    rehearsal.openness = undone[0].openness_before
    return undone
