"""A talk plan: a short card for the real conversation, built from what worked in the rehearsal."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from actions.rehearsal.feedback import is_complex_reflection
from actions.rehearsal.scenarios import Scenario
from actions.rehearsal.state import Turn, is_pressure, is_reflection
from actions.rehearsal.topics import REASON_PROMPTS, TOPIC_NAMES

GOOD_OPENERS = {"open_question", "reflection", "simple_reflection", "complex_reflection", "affirmation", "i_statement", "autonomy_support"}
DEFAULT_OPENER = "“I've been worried about you lately, and I love you. How have things really been?”"
DEFAULT_REFLECTIONS = (
    "“It sounds like part of you knows things aren't right, and part of you doesn't want to make a fuss.”",
    "“You're tired of people telling you what to do.”",
)
AFTER_NO = ("If they say no, thank them for listening, say it's their choice, and leave it for a few days. "
            "A no today isn't a no for ever; keep doing things together in the meantime.")
DOOR_OPEN = "“Whenever you want to talk about it, I'm here. I won't keep bringing it up.”"


@dataclass
class TalkPlan:
    scenario: Optional[str]
    opener: str
    reflections: list[str]
    reasons: list[dict[str, str]]
    avoid: list[str]
    after_no: str
    door_open: str

    def payload(self) -> dict[str, Any]:
        return {"type": "talk_plan", "scenario": self.scenario, "opener": self.opener, "reflections": self.reflections,
                "reasons": self.reasons, "avoid": self.avoid, "after_no": self.after_no, "door_open": self.door_open}

    def text(self) -> str:
        lines = ["Your talk plan:", f"1. Open with: {self.opener}", "2. Reflections that worked:"]
        lines += [f"   • {r}" for r in self.reflections]
        lines.append("3. What may be stopping them, and how to answer it:")
        lines += [f"   • {reason['name'].capitalize()}: {reason['answer']}" for reason in self.reasons]
        lines.append("4. Avoid: " + " ".join(self.avoid))
        lines.append(f"5. After a no: {self.after_no}")
        lines.append(f"6. Leave the door open: {self.door_open}")
        return "\n".join(lines)


def _quoted(text: str) -> str:
    return f"“{text}”"


def build_plan(turns: list[Turn], scenario: Optional[Scenario]) -> TalkPlan:
    opener_turn = next((t for t in turns if GOOD_OPENERS & set(t.codes) and not is_pressure(t.codes)), None)
    # A line used as the opener isn't listed again among the reflections.
    worked = [t for t in turns if is_reflection(t.codes) and not is_pressure(t.codes) and t.delta > 0 and t is not opener_turn]
    worked.sort(key=lambda t: (not is_complex_reflection(t), -t.delta))
    reflections = [_quoted(t.text) for t in worked[:2]]
    # Never present a line the user didn't say as theirs: fillers are marked as ones to try.
    reflections += [f"(one to try) {line}" for line in DEFAULT_REFLECTIONS[: 2 - len(reflections)]]
    found = [t.reveals for t in turns if t.reveals]
    reasons = []
    if scenario is not None:
        for name in found:
            hidden = scenario.reason(name)
            if hidden is not None:
                reasons.append({"reason": name, "name": TOPIC_NAMES[name], "answer": hidden.answer})
        if not reasons:
            hidden = scenario.reasons[0]
            reasons.append({"reason": "", "name": "you haven't heard it yet",
                            "answer": f"Ask, then listen: {REASON_PROMPTS[hidden.reason]}"})
    avoid = []
    pressured = [t for t in turns if is_pressure(t.codes) or t.triggered]
    if pressured:
        avoid.append(f"lines like “{pressured[0].text}”, which raised their guard.")
    if scenario is not None:
        words = ", ".join(f"“{w}”" for w in scenario.trigger_words[:3])
        avoid.append(f"Words such as {words}, ultimatums, and arranging things for them.")
    else:
        avoid.append("Labels, ultimatums, and arranging things for them.")
    return TalkPlan(
        scenario=scenario.id if scenario else None,
        opener=_quoted(opener_turn.text) if opener_turn else DEFAULT_OPENER,
        reflections=reflections, reasons=reasons, avoid=avoid, after_no=AFTER_NO, door_open=DOOR_OPEN,
    )
