"""Feedback after a rehearsal: counts, MI ratios against the usual benchmarks, best and riskiest lines."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from actions.rehearsal.coding import ORDER, Code
from actions.rehearsal.state import MAX_OPENNESS, Turn

# Usual Motivational-Interviewing practice benchmarks (MITI): reflections to questions 1:1 fair,
# 2:1 good; open questions 50% of questions fair, 70% good.
RQ_FAIR, RQ_GOOD = 1.0, 2.0
OPEN_FAIR, OPEN_GOOD = 0.5, 0.7
RISKY = {Code.ULTIMATUM.value, Code.CONFRONT.value, Code.ADVICE_WITHOUT_PERMISSION.value}

REWRITES = {
    Code.ULTIMATUM.value: "Swap the condition for what you feel and need, e.g. “I'm scared and worn out, and I need us to find a way through this together.”",
    Code.CONFRONT.value: "Drop the label and say what you see and feel, e.g. “I've noticed you're not sleeping, and I'm worried. How does it seem to you?”",
    Code.ADVICE_WITHOUT_PERMISSION.value: "Ask before advising, e.g. “Would it be okay if I shared an idea? You can tell me it's not for you.”",
}
TIPS = {
    "reflect": "Before your next question, reflect back what they just said (“So part of you…”).",
    "open": "Turn yes/no questions into what/how questions (“What worries you most about it?”).",
    "pressure": "Leave out ultimatums and labels; they raised defences every time.",
    "permission": "Ask permission before offering advice, and remind them it's their choice.",
    "affirm": "Name one real strength of theirs; it lowers the guard.",
    "keep": "Keep doing what worked: curiosity and reflections opened them up.",
}


def _grade(value: Optional[float], fair: float, good: float) -> str:
    if value is None:
        return "n/a"
    return "good" if value >= good else "fair" if value >= fair else "below fair"


@dataclass
class Feedback:
    counts: dict[str, int]
    reflection_to_question: Optional[float]
    open_question_share: Optional[float]
    best_line: Optional[str]
    riskiest_line: Optional[str]
    rewrite: Optional[str]
    tips: list[str] = field(default_factory=list)
    score: int = 0
    final_openness: float = 0.0

    def payload(self) -> dict[str, Any]:
        return {
            "type": "feedback",
            "counts": self.counts,
            "reflection_to_question": self.reflection_to_question,
            "open_question_share": self.open_question_share,
            "score": self.score,
            "final_openness": self.final_openness,
        }

    def text(self) -> str:
        used = ", ".join(f"{n} {code.replace('_', ' ')}" for code, n in self.counts.items() if n) or "no codable lines"
        rq = "n/a" if self.reflection_to_question is None else f"{self.reflection_to_question:.1f}:1"
        share = "n/a" if self.open_question_share is None else f"{self.open_question_share:.0%}"
        lines = [
            f"How it went (score {self.score}/100):",
            f"• You used: {used}.",
            f"• Reflections to questions {rq} ({_grade(self.reflection_to_question, RQ_FAIR, RQ_GOOD)}; 1:1 fair, 2:1 good).",
            f"• Open questions {share} ({_grade(self.open_question_share, OPEN_FAIR, OPEN_GOOD)}; 50% fair, 70% good).",
        ]
        if self.best_line:
            lines.append(f"• Best line: “{self.best_line}”")
        if self.riskiest_line:
            lines.append(f"• Riskiest line: “{self.riskiest_line}” → {self.rewrite}")
        lines.append("Next time: " + " ".join(self.tips))
        return "\n".join(lines)


def summarise(turns: list[Turn], final_openness: float) -> Feedback:
    counts = Counter(code for turn in turns for code in turn.codes)
    ordered = {code.value: counts.get(code.value, 0) for code in ORDER}
    questions = ordered["open_question"] + ordered["closed_question"]
    rq = round(ordered["reflection"] / questions, 2) if questions else None
    open_share = round(ordered["open_question"] / questions, 2) if questions else None

    best = max(turns, key=lambda t: (t.delta, len(t.text)), default=None)
    risky = [t for t in turns if RISKY & set(t.codes)]
    worst = min(risky, key=lambda t: t.delta) if risky else None
    rewrite = None
    if worst is not None:
        code = next(c for c in (Code.ULTIMATUM.value, Code.CONFRONT.value, Code.ADVICE_WITHOUT_PERMISSION.value) if c in worst.codes)
        rewrite = REWRITES[code]

    tips = []
    if counts[Code.ULTIMATUM.value] or counts[Code.CONFRONT.value]:
        tips.append(TIPS["pressure"])
    if counts[Code.ADVICE_WITHOUT_PERMISSION.value]:
        tips.append(TIPS["permission"])
    if rq is None or rq < RQ_FAIR:
        tips.append(TIPS["reflect"])
    if open_share is not None and open_share < OPEN_FAIR:
        tips.append(TIPS["open"])
    if not counts[Code.AFFIRMATION.value]:
        tips.append(TIPS["affirm"])
    tips = tips[:3] or [TIPS["keep"]]

    openness_part = final_openness / MAX_OPENNESS
    rq_part = min((rq or 0) / RQ_GOOD, 1.0)
    open_part = min((open_share or 0) / OPEN_GOOD, 1.0) if questions else 0.5
    risk_part = 1.0 - min(len(risky) / max(len(turns), 1), 1.0)
    score = round(100 * (0.4 * openness_part + 0.2 * rq_part + 0.2 * open_part + 0.2 * risk_part))
    return Feedback(
        counts=ordered,
        reflection_to_question=rq,
        open_question_share=open_share,
        best_line=best.text if best is not None and best.delta > 0 else None,
        riskiest_line=worst.text if worst is not None else None,
        rewrite=rewrite,
        tips=tips,
        score=score,
        final_openness=final_openness,
    )
