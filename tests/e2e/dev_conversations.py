"""The conversation development set (tests/data/conversations) played against the real servers.

Each user turn goes over the REST webhook; the HTTP API tracker gives the slots and the active loop after
it. A turn meets its expectations when every written expectation holds (slots, topic, practice) and none
of the automatic checks fails: no fallback, no reply identical to an earlier one, nothing re-asked that
the user already said, and the loved one unchanged while practising.
"""
from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Protocol

import yaml

CONVERSATIONS_DIR = Path(__file__).resolve().parents[1] / "data" / "conversations"
PRACTICE_LOOPS = frozenset({"roleplay_setup_form", "roleplay_form"})
FALLBACK_MARKERS = ("i'm not sure i understood", "i didn't understand", "i didn’t understand")
# The questions the assistant asks for each slot; asking one when the slot is known is a re-ask.
QUESTIONS = {
    "resistance_form": ("how did the no show up", "which of these is closest to what happens", "how do they say no"),
    "relationship": ("who is it you're thinking of", "who is it you’re thinking of", "which is closest?"),
    "concern": ("what are they mostly struggling with",),
}


class Talker(Protocol):
    def say(self, sender: str, message: str) -> list[dict[str, Any]]: ...

    def tracker(self, sender: str) -> dict[str, Any]: ...


@dataclass
class TurnResult:
    conversation: str
    index: int
    user: str
    reply: str
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def load_conversations(directory: Path = CONVERSATIONS_DIR) -> list[dict[str, Any]]:
    conversations: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.yml")):
        conversations.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"])
    return conversations


# A sentence long enough to be a thought of its own; short lead-ins ("Something to try:") may recur.
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
MIN_SENTENCE = 40
_QUOTED = re.compile(r"“[^”]*”")


def sentences(text: str) -> list[str]:
    """The sentences of a reply that count for "nothing said twice", normalised for comparison."""
    text = _QUOTED.sub(" ", text)  # the user's own lines quoted back (feedback, a talk plan) are theirs, not ours
    found = (" ".join(part.split()).strip(" •“”\"'()").lower() for part in _SENTENCE.findall(text))
    return [sentence for sentence in found if len(sentence) >= MIN_SENTENCE]


def _texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(str(reply.get("text") or "") for reply in replies).strip()


def _topics(replies: list[dict[str, Any]]) -> set[str]:
    topics: set[str] = set()
    for reply in replies:
        custom = reply.get("custom") or {}
        if custom.get("topic"):
            topics.add(str(custom["topic"]))
        topics.update(str(item.get("topic")) for item in custom.get("items", []) if item.get("topic"))
    return topics


def _items(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for reply in replies for item in (reply.get("custom") or {}).get("items", [])]


def _payload_types(replies: list[dict[str, Any]]) -> set[Optional[str]]:
    return {(reply.get("custom") or {}).get("type") for reply in replies if reply.get("custom")}


def _answers(replies: list[dict[str, Any]]) -> list[Optional[str]]:
    """What the loved one's in-character replies answered (a practice-line topic), None for a general reply."""
    return [custom.get("answers") for reply in replies for custom in [reply.get("custom") or {}] if custom.get("in_character")]


def _active_loop(tracker: dict[str, Any]) -> str | None:
    loop = tracker.get("active_loop") or {}
    return loop.get("name") if isinstance(loop, dict) else None


def check_turn(
    *,
    expect: dict[str, Any],
    replies: list[dict[str, Any]],
    slots: dict[str, Any],
    practising: bool,
    was_practising: bool,
    known_before: dict[str, Any],
    said: dict[str, Any],
    earlier_replies: list[str],
    earlier_sentences: Optional[set[str]] = None,
) -> list[str]:
    """The expectations this turn misses, as short labels (e.g. "slot:concern", "topic", "fallback")."""
    failed: list[str] = []
    text = _texts(replies)
    lowered = text.lower()
    for name, value in (expect.get("slots") or {}).items():
        if slots.get(name) != value:
            failed.append(f"slot:{name}")
    if "topic" in expect:
        wanted = expect["topic"] if isinstance(expect["topic"], list) else [expect["topic"]]
        if not _topics(replies) & set(wanted):
            failed.append("topic")
    if "practice" in expect and practising != bool(expect["practice"]):
        failed.append("practice")
    if expect.get("for_user"):  # support the user can use themselves, not help for the loved one
        items = _items(replies)
        if not items or any(item.get("for") not in ("user", "any") for item in items):
            failed.append("for_user")
    for phrase in expect.get("not_says") or []:
        if str(phrase).lower() in lowered:
            failed.append("says")
    if "payload" in expect:
        wanted = expect["payload"] if isinstance(expect["payload"], list) else [expect["payload"]]
        if not _payload_types(replies) & set(wanted):
            failed.append("payload")
    if "answers" in expect:
        allowed = set(expect["answers"])
        answered = _answers(replies)
        if not answered or any(value not in allowed for value in answered):
            failed.append("answers")
    if any(marker in lowered for marker in FALLBACK_MARKERS):
        failed.append("fallback")
    if text and text in earlier_replies:
        failed.append("repeated")
    elif earlier_sentences is not None:
        said_here = sentences(text)
        if any(sentence in earlier_sentences for sentence in said_here) or len(said_here) != len(set(said_here)):
            failed.append("repeated_sentence")
    for name, questions in QUESTIONS.items():
        if (known_before.get(name) or said.get(name)) and any(question in lowered for question in questions):
            failed.append(f"reasked:{name}")
    if was_practising and practising and known_before.get("relationship") != slots.get("relationship"):
        failed.append("loved_one_changed")
    return failed


def run_conversation(talker: Talker, conversation: dict[str, Any]) -> list[TurnResult]:
    sender = f"dev-{conversation['id'][:40]}-{uuid.uuid4().hex[:6]}"
    results: list[TurnResult] = []
    earlier: list[str] = []
    earlier_sentences: set[str] = set()
    said: dict[str, Any] = {}  # what the expectations say is knowable so far
    known: dict[str, Any] = {}
    practising = False
    for index, turn in enumerate(conversation["turns"]):
        expect = turn.get("expect") or {}
        said.update(expect.get("slots") or {})
        replies = talker.say(sender, str(turn["user"]))
        tracker = talker.tracker(sender)
        slots = tracker.get("slots") or {}
        now_practising = _active_loop(tracker) in PRACTICE_LOOPS
        failed = check_turn(
            expect=expect, replies=replies, slots=slots, practising=now_practising, was_practising=practising,
            known_before=known, said=said, earlier_replies=earlier, earlier_sentences=earlier_sentences,
        )
        text = _texts(replies)
        results.append(TurnResult(conversation["id"], index + 1, str(turn["user"]), text, failed))
        earlier.append(text)
        earlier_sentences.update(sentences(text))
        known = {name: slots.get(name) for name in ("relationship", "concern", "resistance_form")}
        practising = now_practising
    return results


def summarise(results: Iterable[TurnResult]) -> tuple[float, Counter[str]]:
    results = list(results)
    counts: Counter[str] = Counter(label.split(":")[0] if label.startswith("reasked") else label for r in results for label in r.failed)
    score = sum(r.ok for r in results) / len(results) if results else 0.0
    return score, counts


def report(results: list[TurnResult]) -> str:
    score, counts = summarise(results)
    lines = []
    for result in results:
        if result.ok:
            continue
        reply = result.reply.replace("\n", " / ")
        lines.append(
            f"[{result.conversation} #{result.index}] {', '.join(result.failed)}\n  user: {result.user}\n  bot:  {reply[:400]}"
        )
    lines.append(f"\n{sum(r.ok for r in results)}/{len(results)} turns meet their expectations ({score:.3f})")
    lines.append("failures by expectation: " + ", ".join(f"{name}={n}" for name, n in counts.most_common()))
    return "\n".join(lines)
