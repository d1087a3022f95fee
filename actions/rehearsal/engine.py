"""Choosing the loved one's reply by (scenario, act, topic, stage), so the reply answers what was said.

No I/O here: the actions load the state, call ``take_turn`` and send what it returns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from actions.rehearsal.lines import LineBank, PoolLine, bank, pick
from actions.rehearsal.scenarios import Scenario
from actions.rehearsal.state import Rehearsal, Turn, advance, is_pressure, is_reflection, may_concede, stage_for
from actions.rehearsal.topics import REASONS, SMALL_TALK, TOPICS, WHY_NOT, read_line_scored
from kernel.vocabulary import Stage

# Asking before asking: "can I ask you something?", "mind if we talk for a sec?", "is now an ok time?"
# Asking to be with them: "Dad, can I sit with you for a bit?", "mind if I join you?"
_COMPANY = re.compile(r"\b(?:can|could|may) i (?:sit (?:with you|down|here)|join you|come in|come and sit)\b|"
                      r"\bmind if i (?:sit|join you|come in)\b", re.IGNORECASE)
_PERMISSION = re.compile(
    r"\b(?:can|could|may) i (?:ask|say|tell|run something|talk to) (?:you )?(?:something|a question|about something|for a (?:sec|"
    r"second|minute))\b|"
    r"\b(?:can|could) we (?:talk|have a (?:chat|word|talk))(?:\s+(?:for a (?:sec|second|minute|bit)|about something|"
    r"quickly))?\s*(?:[?.!,]|$)|"
    r"\bmind if (?:i|we) (?:ask|talk|say|chat)(?: you)?(?: something| a question)?\s*(?:[?.!,]|$)|"

    r"\bis (?:now|this) (?:an? )?(?:ok|okay|good|alright|bad) time\b|\bgot a (?:sec|second|minute)\b",
    re.IGNORECASE,
)
_THANKS = re.compile(r"\b(?:thanks|thank (?:you|u)|ta|cheers)\b", re.I)
_DEPTH = {Stage.GUARDED: "deflect", Stage.WARY: "partial", Stage.SOFTENING: "honest", Stage.OPEN: "honest"}
# Talking about a broad topic leads, once they're softening, to the hidden reason that sits under it: how they feel
# to the fear of feeling it, the two of you to their place in the family, the future to whether anything could help.
_LEADS_TO: dict[str, tuple[str, ...]] = {
    "feelings": ("fear_of_feelings",),
    "the_relationship": ("family_role", "independence"),
    "the_future": ("doubt_it_works", "time"),
}


@dataclass
class Reply:
    line_id: str
    text: str
    stage: Stage
    kind: str
    answers: Optional[str] = None
    reveals: Optional[str] = None


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z']+", text.lower())) + " "


def triggered(scenario: Scenario, text: str, codes: list[str]) -> bool:
    """Words or moves that close this person. An open question or a reflection that quotes a word is not an attack."""
    if set(scenario.trigger_moves) & set(codes):
        return True
    if "open_question" in codes or is_reflection(codes):
        return False
    said = _words(text)
    return any(f" {word} " in said for word in scenario.trigger_words)


def _line(
    line: Optional[PoolLine], stage: Stage, kind: str, answers: Optional[str] = None, reveals: Optional[str] = None
) -> Optional[Reply]:
    if line is None:
        return None
    return Reply(line_id=line.id, text=line.text, stage=stage, kind=kind, answers=answers, reveals=reveals)


class Responder:
    def __init__(self, scenario: Scenario, rehearsal: Rehearsal, used: list[str], seed: str, lines: Optional[LineBank] = None) -> None:
        self.scenario, self.rehearsal, self.used, self.seed = scenario, rehearsal, used, seed
        self.lines = lines or bank()
        # Events before this turn: a line like "there it is again" needs pressure earlier, not just now. Once the user
        # has said anything, lines that answer them ("here we go again") fit and openings don't.
        self.events = Rehearsal(turns=rehearsal.turns[:-1]).events() | ({"spoken"} if rehearsal.turns else set())

    def _pick(self, pool: tuple[PoolLine, ...], stage: Stage) -> Optional[PoolLine]:
        return pick(pool, stage.value, self.used, self.events, f"{self.seed}:{len(self.used)}")

    def general(self, stage: Stage) -> Reply:
        """A line for the stage with no particular topic; if the pool has run dry, a neighbouring stage's."""
        form = self.scenario.form
        for nearby in (stage, Stage.WARY, Stage.SOFTENING, Stage.GUARDED, Stage.OPEN):
            line = pick(self.lines.general.get((form, nearby.value), ()), nearby.value, self.used, self.events,
                        f"{self.seed}:{len(self.used)}")
            if line is not None:
                return Reply(line_id=line.id, text=line.text, stage=stage, kind="general")
        return Reply(line_id=f"general.{len(self.used)}", text="...", stage=stage, kind="general")

    def act(self, name: str, stage: Stage, answers: Optional[str] = None) -> Optional[Reply]:
        return _line(self._pick(self.lines.acts[name], stage), stage, name, answers)

    def reveal(self, reason: str, stage: Stage, prefix: str = "", answers: Optional[str] = None) -> Optional[Reply]:
        """A hidden reason in the scenario's own words: first what they let slip, and the honest version when softer.
        The reply answers ``answers`` (the topic asked about), or else the reason itself."""
        hidden = self.scenario.reason(reason)
        if hidden is None:
            return None
        # First time at wary: what they let slip; softer: the honest version. Once out, never back to the shallow one.
        first_time = reason not in self.rehearsal.revealed()
        steps = [("honest", hidden.honest)] if stage is not Stage.WARY else []
        if first_time and stage is Stage.WARY:
            steps = [("reveal", hidden.reveal)]
        for step, text in steps:
            line_id = f"{self.scenario.id}.{reason}.{step}"
            if line_id not in self.used:
                first = reason not in self.rehearsal.revealed()
                return Reply(line_id=line_id, text=prefix + text, stage=stage, kind="reveal", answers=answers or reason,
                             reveals=reason if first else None)
        return None

    def about_topic(self, topic: str, stage: Stage, reflecting: bool, was_guarded: bool = False) -> Reply:
        """An answer about the topic asked or reflected: deflected, partial or honest depending on the stage.
        A hidden reason stays hidden if they were still guarded when it was raised."""
        theirs = topic in self.scenario.reason_names
        reply: Optional[Reply] = None
        own = bool(self.scenario.lines_on(topic))
        if stage is Stage.GUARDED and own:
            reply = self.own_line(topic, ("deflect",), stage)
        elif stage is Stage.GUARDED or (was_guarded and theirs):
            reply = _line(self._pick(self.lines.topics.get((topic, "deflect"), ()), stage), stage, "deflect", topic)
        elif topic in REASONS and theirs:
            reply = self.reveal(topic, stage, prefix="Yeah... " if reflecting else "")
            if reply is None:
                pool = self.lines.topics.get((topic, "more"), ()) + self.lines.by_form_topic.get((self.scenario.form, topic), ())
                reply = _line(self._pick(pool, stage), stage, "more")
        elif topic in REASONS:
            reply = _line(self._pick(self.lines.topics.get((topic, "not_it"), ()), stage), stage, "not_it", topic)
            if reply is None and reflecting:
                reply = self.act("correct", stage, topic)
        else:
            if stage in (Stage.SOFTENING, Stage.OPEN) and not was_guarded:
                heard = set(self.rehearsal.revealed())
                for reason in _LEADS_TO.get(topic, ()):
                    if reason in self.scenario.reason_names and reason not in heard:
                        reply = self.reveal(reason, stage, prefix="Yeah... " if reflecting else "", answers=topic)
                        if reply is not None:
                            return reply
            depths = (_DEPTH[stage], "partial", "honest")
            if own:  # their own words instead of the shared ones, which are written for someone low
                reply = self.own_line(topic, depths, stage)
            else:
                for choice in depths:
                    reply = _line(self._pick(self.lines.topics.get((topic, choice), ()), stage), stage, choice)
                    if reply is not None:
                        break
        if reply is None:
            reply = _line(self.lines.topic_fallback(topic, self.used), stage, "fallback") or self.general(stage)
        reply.answers = topic if reply.kind != "general" else None
        return reply

    def own_line(self, topic: str, depths: tuple[str, ...], stage: Stage) -> Optional[Reply]:
        """One of the scenario's own lines on a broad topic, at the first of ``depths`` that has one left."""
        for depth in depths:
            pool = [PoolLine(id=f"{self.scenario.id}.{topic}.{depth}.{n}", text=text, topic=topic)
                    for n, text in enumerate(self.scenario.lines_on(topic, depth), 1)]
            reply = _line(self._pick(tuple(pool), stage), stage, depth, topic)
            if reply is not None:
                return reply
        return None

    def next_reason(self) -> Optional[str]:
        heard = set(self.rehearsal.revealed())
        return next((r for r in self.scenario.reason_names if r not in heard), None)

    def respond(self, turn: Turn, stage: Stage) -> Reply:
        codes, topic = turn.codes, turn.topic
        asking = "open_question" in codes or "closed_question" in codes
        reflecting = is_reflection(codes)
        if turn.triggered or is_pressure(codes):
            if turn.triggered and f"{self.scenario.id}.trigger" not in self.used:
                return Reply(line_id=f"{self.scenario.id}.trigger", text=self.scenario.trigger_line, stage=stage, kind="trigger")
            kind = "hurt" if "ultimatum" in codes else "defensive" if "confront" in codes or turn.triggered else "pushback"
            return self.act(kind, stage) or self.act("defensive", stage) or self.general(stage)
        if stage is Stage.CONCESSION:
            return Reply(line_id=f"{self.scenario.id}.small_yes", text=self.scenario.small_yes, stage=stage, kind="small_yes",
                         answers=topic if topic in TOPICS and (asking or reflecting) else None)
        was_guarded = stage_for(turn.openness_before) is Stage.GUARDED
        if _COMPANY.search(turn.text) and not reflecting and (topic in (None, SMALL_TALK) or len(turn.text.split()) <= 10):
            return self.act("company", stage) or self.act("permission", stage) or self.general(stage)
        if _PERMISSION.search(turn.text) and not reflecting and (topic in (None, SMALL_TALK) or len(turn.text.split()) <= 10):
            # "Can I ask you something? No pressure.": they answer the asking, warily or warmly, before anything is asked.
            return self.act("permission", stage) or self.general(stage)
        if topic == SMALL_TALK:
            kind = "thanked" if _THANKS.search(turn.text) else "small_talk"
            return self.act(kind, stage) or self.act("small_talk", stage) or self.general(stage)
        if topic == WHY_NOT:
            # "What worries you about talking to someone?": the next hidden reason, once they're past guarded.
            reason = None if was_guarded else self.next_reason()
            reply = self.reveal(reason, stage, prefix="Yeah... " if reflecting else "") if reason else None
            if reply is not None:
                return reply
            heard = self.rehearsal.revealed()
            if heard and not was_guarded:  # all out already: more about the last one they told
                return self.about_topic(heard[-1], stage, reflecting)
            return (self.act("agree", stage) if reflecting and not was_guarded else None) or self.general(stage)
        if topic is not None and (asking or reflecting):
            return self.about_topic(topic, stage, reflecting, was_guarded)
        if not was_guarded and ("open_question" in codes or reflecting):
            reason = self.next_reason()
            if reason is not None:
                reply = self.reveal(reason, stage, prefix="Yeah... " if reflecting else "")
                if reply is not None:
                    return reply
        if reflecting:
            return self.act("agree", stage) or self.general(stage)
        if "autonomy_support" in codes:
            return self.act("relief", stage) or self.general(stage)
        if "affirmation" in codes:
            return self.act("affirmed", stage) or self.general(stage)
        if "closed_question" in codes:
            return self.act("closed", stage) or self.general(stage)
        # "I'm worried about you" is the user's feeling, not a question about theirs.
        if topic is not None and not ("i_statement" in codes and topic in ("feelings", "the_relationship")):
            return self.about_topic(topic, stage, reflecting=False, was_guarded=was_guarded)
        return self.general(stage)


# Fear of feelings is the fear of what talking would stir up; a line about fear that says nothing of talking, opening
# up or going back over things is about how they feel.
# Their fear as the user saw it: "you looked really scared at the cinema" is about how they felt, not fear of feelings.
_THEIR_FEAR_SEEN = re.compile(r"\byou (?:looked|seemed|seem|look|were|sounded) (?:\w+ ){0,2}(?:scared|frightened|afraid|terrified|panicky|"
                              r"anxious|shaken)\b", re.I)
_MY_FEAR = re.compile(r"\bi(?:'?m| am) (?:\w+ ){0,2}(?:scared|frightened|afraid|terrified|worried)\b|\bi (?:feel|get|got) (?:so |really )?"
                      r"(?:scared|frightened|afraid)\b", re.I)
_OPENING_UP = re.compile(r"\b(?:talk\w*|open(?:ing)? up|opened up|comes? up|came up|therap\w*|counsel\w*|someone|somebody|dig\w*|"
                         r"go(?:ing)? (?:back|over|there)|cry\w*|tears|feel it|let (?:it|yourself)|floodgates|start(?:ed|ing)?|"
                         r"stir\w*|surface|fall(?:ing)? apart|break(?:ing)? down|lid|box|face it|look at it|"
                         r"rak\w+ (?:it|things) up)\b", re.I)
# Below this, a reflection read as a reason they don't have is more likely misread than off the mark.
SURE_ENOUGH_TO_CORRECT = 0.6


def read_topic(
    text: str, codes: list[str], scenario: Optional[Scenario] = None, rehearsal: Optional[Rehearsal] = None
) -> Optional[str]:
    """The topic a practice line raises (see topics.read_line): one of TOPICS, WHY_NOT, SMALL_TALK or None.

    A reflection that reads, but not surely, as a reason this person doesn't have ("so it's the way they make you feel
    flat", just after they spoke of their tablets) follows the thread: the topic the last reply was about, or none."""
    topic, sure = read_line_scored(text, codes)
    if topic == "fear_of_feelings" and (is_reflection(codes) or _MY_FEAR.search(text) or _THEIR_FEAR_SEEN.search(text)) \
            and not _OPENING_UP.search(text):
        # "that sounds really frightening": their fear now; "im just scared, thats all": the user's own; neither is fear
        # of what talking would bring up
        topic = "feelings"
    if (scenario is not None and is_reflection(codes) and topic in REASONS and topic not in scenario.reason_names
            and sure < SURE_ENOUGH_TO_CORRECT):
        last = rehearsal.turns[-1] if rehearsal is not None and rehearsal.turns else None
        return (last.reveals or last.answers) if last is not None else None
    return topic


def take_turn(scenario: Scenario, rehearsal: Rehearsal, text: str, codes: list[str], used: list[str], seed: str) -> tuple[Turn, Reply]:
    """Apply one user line: move openness honestly, then pick the reply that answers it."""
    turn = advance(rehearsal, text, codes, read_topic(text, codes, scenario, rehearsal), triggered(scenario, text, codes))
    heard = len(rehearsal.revealed())
    stage = Stage.CONCESSION if may_concede(rehearsal, heard) else rehearsal.stage
    reply = Responder(scenario, rehearsal, used, seed).respond(turn, stage)
    turn.stage, turn.reply_id, turn.reply, turn.kind = reply.stage.value, reply.line_id, reply.text, reply.kind
    turn.answers, turn.reveals = reply.answers, reply.reveals
    return turn, reply


def opening(scenario: Scenario, seed: str) -> Reply:
    """The first in-character line: always from the guarded pool."""
    return Responder(scenario, Rehearsal(), [], seed).general(Stage.GUARDED)
