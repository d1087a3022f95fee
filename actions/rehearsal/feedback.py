"""Feedback on skills, not on the yes: a short MITI-style summary in plain words for a worried family member.

MITI (the Motivational Interviewing Treatment Integrity code) sets the usual practice thresholds: reflections to
questions 1:1 fair and 2:1 good; open questions 50% of questions fair, 70% good; complex reflections 40% of
reflections fair, 50% good. They stay in the payload; the text says what each figure means.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from actions.rehearsal.scenarios import Scenario
from actions.rehearsal.state import PRESSURE, REFLECTIONS, Turn, is_pressure, is_reflection, stage_for
from actions.rehearsal.topics import TOPIC_NAMES

THRESHOLDS: dict[str, dict[str, float]] = {
    "reflection_to_question": {"fair": 1.0, "good": 2.0},
    "open_question_share": {"fair": 0.5, "good": 0.7},
    "complex_reflection_share": {"fair": 0.4, "good": 0.5},
}
ADHERENT = frozenset({"affirmation", "autonomy_support"})
REWRITES = {
    "ultimatum": "Swap the condition for what you feel and need: “I'm scared and worn out, and I'd like us to find a way through this together.”",
    "confront": "Drop the label and say what you see and feel: “I've noticed you're not sleeping, and I'm worried. How does it seem to you?”",
    "advice_without_permission": "Ask before advising: “Would it be okay if I shared an idea? You can tell me it's not for you.”",
}
DEFAULT_REWRITE = "Say what you feel and ask what they think: “I'm worried about you. How do you see it?”"
# A reflection that adds a feeling, a meaning or both sides counts as complex when the coder doesn't say.
_COMPLEX = re.compile(
    r"\b(?:part of you|on the one hand|but (?:also|at the same time)|at the same time|as if|as though|because|"
    r"scared|afraid|frightened|ashamed|worried|lonely|alone|hurt|tired|exhausted|worn|overwhelmed|angry|sad|stuck|"
    r"torn|trapped|proud|guilty|embarrassed|matters?|means?|important|really want|don't want)\b", re.I)


def plural(n: int, word: str, many: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def times(n: int) -> str:
    return {0: "not at all", 1: "once", 2: "twice"}.get(n, f"{n} times")


def is_complex_reflection(turn: Turn) -> bool:
    if "complex_reflection" in turn.codes:
        return True
    if "simple_reflection" in turn.codes:
        return False
    return "reflection" in turn.codes and (len(turn.text.split()) >= 14 or bool(_COMPLEX.search(turn.text)))


def _grade(value: Optional[float], name: str) -> str:
    if value is None:
        return "not measured"
    limits = THRESHOLDS[name]
    return "good" if value >= limits["good"] else "fair" if value >= limits["fair"] else "below fair"


@dataclass
class Feedback:
    counts: dict[str, int]
    questions: int
    open_questions: int
    reflections: int
    complex_reflections: int
    adherent: int
    non_adherent: int
    reflection_to_question: Optional[float]
    open_question_share: Optional[float]
    complex_reflection_share: Optional[float]
    reasons_found: list[str]
    reasons_total: int
    best_line: Optional[str]
    best_why: Optional[str]
    riskiest_line: Optional[str]
    rewrite: Optional[str]
    openness: list[dict[str, Any]]
    tips: list[str] = field(default_factory=list)
    score: int = 0
    final: bool = True

    def payload(self) -> dict[str, Any]:
        return {
            # One type for the feedback, mid-practice check-ins ("how am i doing?") too; "final" says which (the web page
            # ends its practice look only on the final one).
            "type": "feedback",
            "final": self.final,
            "counts": self.counts,
            "score": self.score,
            "reflection_to_question": self.reflection_to_question,
            "open_question_share": self.open_question_share,
            "complex_reflection_share": self.complex_reflection_share,
            "mi_adherent": self.adherent,
            "mi_non_adherent": self.non_adherent,
            "reasons_found": self.reasons_found,
            "reasons_total": self.reasons_total,
            "thresholds": THRESHOLDS,
            "best_line": self.best_line,
            "riskiest_line": self.riskiest_line,
            "rewrite": self.rewrite,
            "openness": self.openness,
        }

    def openness_line(self) -> str:
        stages = [point["stage"] for point in self.openness]
        return "How open they were: " + " → ".join(stages)

    def text(self, told_a_moment_ago: bool = False) -> str:
        """The feedback in plain words; at the end, when nothing was said since a check-in ("how am i doing?"), only what
        is new: that it stands, and the one thing to take into the real talk."""
        if self.final and told_a_moment_ago:
            lines = [f"How it went: as when you asked a moment ago (skills score {self.score}/100, for what you did, not for a yes)."]
            if self.tips:
                lines.append("The one thing to take into the real talk: " + self.tips[0][:1].lower() + self.tips[0][1:])
            return "\n".join(lines)
        head = "How it went" if self.final else "How it's going so far"
        lines = [f"{head} (skills score {self.score}/100; it measures what you did, not whether they said yes):"]
        lines.append("• " + self._questions_and_reflections())
        if self.questions:
            share = self.open_question_share or 0.0
            meaning = "open questions invite them to talk" if share >= 0.5 else "try starting with “what” or “how” so they can say more than yes or no"
            of = f"{self.open_questions} of your {plural(self.questions, 'question')}" if self.questions > 1 else "Your question"
            verb = "was" if self.questions == 1 or self.open_questions == 1 else "were"  # "1 of your 2 questions was open"
            opened = "open" if self.questions > 1 or self.open_questions else "closed (yes or no)"
            lines.append(f"• {of} {verb} {opened} ({share:.0%} open); {meaning}.")
        if self.reflections:
            meaning = ("you added a feeling or meaning, which shows you really heard them" if self.complex_reflections
                       else "next time, add the feeling under what they said (“…and that scares you”)")
            of = f"{self.complex_reflections} of your {plural(self.reflections, 'reflection')}" if self.reflections > 1 else (
                "Your reflection")
            verb = "went" if self.reflections > 1 or self.complex_reflections else "didn't go"
            lines.append(f"• {of} {verb} deeper than their words; {meaning}.")
        respectful = plural(self.adherent, "line") if self.adherent else "No line"  # not "0 lines showed respect"
        pushy = plural(self.non_adherent, "line") if self.non_adherent else "none"
        lines.append(f"• {respectful} showed respect or support, and {pushy} pushed or blamed"
                     f"{'; pushing makes people dig in' if self.non_adherent else ''}.")
        if self.reasons_total:
            named = ", ".join(TOPIC_NAMES[r] for r in self.reasons_found)
            found = f"{len(self.reasons_found)} of their {self.reasons_total} hidden reasons"
            lines.append(f"• You heard {found}{': ' + named if named else ''}. "
                         f"{'Knowing the real reason tells you what to answer.' if named else 'Ask about what stops them, and reflect what you hear.'}")
        if self.best_line:
            lines.append(f"• Best line: “{self.best_line}” ({self.best_why})")
        if self.riskiest_line:
            lines.append(f"• Riskiest line: “{self.riskiest_line}”\n  Try instead: {self.rewrite}")
        lines.append(self.openness_line())
        if self.tips:
            lines.append("Next time: " + " ".join(self.tips))
        return "\n".join(lines)

    def _questions_and_reflections(self) -> str:
        said = f"You asked {plural(self.questions, 'question')} and reflected {times(self.reflections)}"
        if not self.questions:
            said = f"You didn't ask a question and reflected {times(self.reflections)}"
            if self.reflections:
                return said + "; reflections on their own show you're listening. An open question can invite them further."
            return said + "; try one open question (“what…”, “how…”) and reflect back what you hear."
        if self.reflections >= 2 * max(self.questions, 1):
            return said + "; that's a strong balance: listening more than asking."
        if self.reflections >= self.questions and self.reflections:
            return said + "; a fair balance. One more reflection per question would make it strong."
        return said + "; try reflecting back what they said before your next question."


def summarise(turns: list[Turn], scenario: Optional[Scenario] = None, final: bool = True) -> Feedback:
    counts = Counter(code for turn in turns for code in turn.codes)
    ordered = dict(sorted(counts.items()))
    questions = counts["open_question"] + counts["closed_question"]
    reflection_turns = [t for t in turns if is_reflection(t.codes)]
    reflections = len(reflection_turns)
    complex_count = sum(is_complex_reflection(t) for t in reflection_turns)
    rq = round(reflections / questions, 2) if questions else None
    open_share = round(counts["open_question"] / questions, 2) if questions else None
    complex_share = round(complex_count / reflections, 2) if reflections else None
    pressured = [t for t in turns if is_pressure(t.codes)]
    adherent = sum(1 for t in turns if ADHERENT & set(t.codes) and not is_pressure(t.codes))

    good = [t for t in turns if not is_pressure(t.codes) and (is_reflection(t.codes) or {"open_question", "autonomy_support", "affirmation"} & set(t.codes))]
    best = max(good, key=lambda t: (is_complex_reflection(t), is_reflection(t.codes), t.delta, len(t.text)), default=None)
    worst = min(pressured, key=lambda t: t.delta) if pressured else None
    rewrite = None
    if worst is not None:
        code = next((c for c in ("ultimatum", "confront", "advice_without_permission") if c in worst.codes), None)
        rewrite = REWRITES.get(code or "", DEFAULT_REWRITE)

    tips = []
    if pressured:
        tips.append("Leave out demands, labels and plans made for them; each one raised their guard.")
    if rq is None or rq < 1:
        tips.append("Reflect back what you hear before asking more (“So part of you…”).")
    if open_share is not None and open_share < 0.5:
        tips.append("Turn yes/no questions into what/how questions.")
    if reflections and (complex_share or 0) < 0.4:
        tips.append("Add the feeling under their words when you reflect.")
    if not counts["autonomy_support"]:
        tips.append("Say out loud that it's their choice; it lowers the guard.")
    tips = tips[:3] or ["Keep doing what worked: curiosity and reflections."]

    rq_part = 1.0 if rq is None and not questions and reflections else min((rq or 0) / 2.0, 1.0)
    open_part = min((open_share or 0) / 0.7, 1.0) if questions else 0.5
    complex_part = min((complex_share or 0) / 0.5, 1.0)
    respect_part = 1.0 - min(len(pressured) / max(len(turns), 1), 1.0)
    score = round(100 * (0.3 * rq_part + 0.25 * open_part + 0.15 * complex_part + 0.3 * respect_part)) if turns else 0

    openness = [{"turn": 0, "stage": stage_for(turns[0].openness_before).value if turns else "guarded",
                 "openness": turns[0].openness_before if turns else 1.0}]
    openness += [{"turn": n, "stage": t.stage or stage_for(t.openness_after).value, "openness": t.openness_after}
                 for n, t in enumerate(turns, 1)]
    return Feedback(
        counts=ordered, questions=questions, open_questions=counts["open_question"], reflections=reflections,
        complex_reflections=complex_count, adherent=adherent, non_adherent=len(pressured),
        reflection_to_question=rq, open_question_share=open_share, complex_reflection_share=complex_share,
        reasons_found=[t.reveals for t in turns if t.reveals], reasons_total=len(scenario.reasons) if scenario else 0,
        best_line=best.text if best is not None else None, best_why=_why(best) if best is not None else None,
        riskiest_line=worst.text if worst is not None else None, rewrite=rewrite, openness=openness, tips=tips,
        score=score, final=final,
    )


def _why(turn: Turn) -> str:
    if is_complex_reflection(turn):
        return "a reflection that named what sits under their words"
    if is_reflection(turn.codes):
        return "a reflection: they felt heard"
    if "open_question" in turn.codes:
        return "an open question that let them answer their own way"
    if "autonomy_support" in turn.codes:
        return "you left the choice with them"
    return "it recognised something good in them"


__all__ = ["Feedback", "PRESSURE", "REFLECTIONS", "THRESHOLDS", "plural", "summarise", "times"]
