"""Role-play scenarios as data (content/roleplay/scenarios/*.yml): who the loved one is and why they say no.

Files are validated once when first used; a mistake names the file and line. Run
``python -m actions.rehearsal.scenarios`` to check them all.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

from actions.rehearsal.topics import REASONS
from kernel.lexicon import struggle_kind
from kernel.registry import concern_names
from kernel.settings import REPO_ROOT
from kernel.vocabulary import Relationship, ResistanceForm, values

SCENARIO_DIR = REPO_ROOT / "content" / "roleplay" / "scenarios"
PRONOUNS = ("he/him", "she/her", "they/them")
SUICIDE_ANSWERS = ("relief", "denial", "honest_yes")
# Moves (MI codes) a scenario may name as triggers.
TRIGGER_MOVES = ("advice_without_permission", "confront", "ultimatum", "closed_question")
# Broad topics a scenario may give lines of its own for (`lines:`), each at every depth the shared lines have:
# deflect (guarded), partial (wary), honest (softening and open).
OWN_LINE_TOPICS = ("feelings", "the_relationship", "the_future")
OWN_LINE_DEPTHS = ("deflect", "partial", "honest")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class ScenarioError(ValueError):
    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line = path, line


@dataclass(frozen=True)
class Reason:
    """A hidden reason: what they say when it first comes out, what they say when fully open, and a way to answer it."""

    reason: str
    reveal: str
    honest: str
    answer: str


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    call: str
    pronouns: str
    relationship: str
    concern: str
    form: str
    words: tuple[str, ...]
    scene: str
    reasons: tuple[Reason, ...]
    trigger_words: tuple[str, ...]
    trigger_moves: tuple[str, ...]
    trigger_line: str
    small_yes: str
    suicide_kind: str
    suicide_line: str
    # Their own words on a broad topic (feelings, the_relationship, the_future) at each depth, said instead of the
    # shared lines on it, which are written for someone low: a manic dad doesn't say "I feel tired all the time".
    own_lines: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()
    # The scene for a user who told us the struggle in their own words: it leaves out what they know better (whose
    # death it was), so it can't say "his best friend" to someone whose dad lost his wife.
    scene_told: str = ""

    def lines_on(self, topic: str, depth: Optional[str] = None) -> tuple[str, ...]:
        """Their own lines on a topic, at one depth or (None) at all of them, from guarded to honest."""
        depths = next((by_depth for name, by_depth in self.own_lines if name == topic), ())
        return tuple(line for name, lines in depths if depth in (None, name) for line in lines)

    @property
    def reason_names(self) -> list[str]:
        return [r.reason for r in self.reasons]

    def reason(self, name: str) -> Optional[Reason]:
        return next((r for r in self.reasons if r.reason == name), None)

    def title(self) -> str:
        return f"{self.call} ({self.name}): {self.concern.replace('_', ' ')}, {self.form}"


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _mapping(path: Path, node: yaml.Node, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise ScenarioError(path, _line(node), "expected a mapping")
    fields = {str(k.value): v for k, v in node.value}
    for key, _ in node.value:
        if key.value not in required and key.value not in optional:
            raise ScenarioError(path, _line(key), f"unknown field {key.value!r}")
    missing = [k for k in required if k not in fields]
    if missing:
        raise ScenarioError(path, _line(node), f"missing {', '.join(missing)}")
    return fields


def _text(path: Path, node: yaml.Node, name: str, choices: Optional[tuple[str, ...] | list[str]] = None) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ScenarioError(path, _line(node), f"{name} must be non-empty text")
    value = " ".join(str(node.value).split())
    if choices is not None and value not in choices:
        raise ScenarioError(path, _line(node), f"{name} {value!r} is not one of {list(choices)}")
    return value


def _texts(path: Path, node: yaml.Node, name: str, choices: Optional[tuple[str, ...]] = None) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ScenarioError(path, _line(node), f"{name} must be a list")
    return tuple(_text(path, item, name, choices) for item in node.value)


def parse_scenario(path: Path) -> Scenario:
    """Read and validate one scenario file."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ScenarioError(path, (mark.line + 1) if mark else 1, f"not valid YAML: {error}") from error
    if root is None:
        raise ScenarioError(path, 1, "empty file")
    top = _mapping(
        path, root,
        ("id", "name", "call", "pronouns", "relationship", "concern", "form", "scene", "reasons", "triggers", "small_yes",
         "suicide_question"),
        ("words", "lines", "scene_told"),
    )
    scenario_id = _text(path, top["id"], "id")
    if not _ID.match(scenario_id) or scenario_id != path.stem:
        raise ScenarioError(path, _line(top["id"]), f"id {scenario_id!r} must be lower-case and match the file name")
    reasons_node = top["reasons"]
    if not isinstance(reasons_node, yaml.SequenceNode) or not 2 <= len(reasons_node.value) <= 3:
        raise ScenarioError(path, _line(reasons_node), "reasons must be a list of 2 or 3 hidden reasons")
    reasons = []
    for node in reasons_node.value:
        fields = _mapping(path, node, ("reason", "reveal", "honest", "answer"))
        reasons.append(Reason(
            reason=_text(path, fields["reason"], "reason", REASONS), reveal=_text(path, fields["reveal"], "reveal"),
            honest=_text(path, fields["honest"], "honest"), answer=_text(path, fields["answer"], "answer"),
        ))
    if len({r.reason for r in reasons}) != len(reasons):
        raise ScenarioError(path, _line(reasons_node), "a hidden reason is listed twice")
    triggers = _mapping(path, top["triggers"], ("words", "moves", "line"))
    own_lines = []
    if "lines" in top:
        own = _mapping(path, top["lines"], (), OWN_LINE_TOPICS)
        for topic, node in own.items():
            # Every depth: their own lines replace the shared ones on the topic, so none may be missing.
            depths = _mapping(path, node, OWN_LINE_DEPTHS)
            own_lines.append((topic, tuple((depth, _texts(path, depths[depth], f"{topic} {depth} line"))
                                           for depth in OWN_LINE_DEPTHS)))
    suicide = _mapping(path, top["suicide_question"], ("kind", "line"))
    return Scenario(
        id=scenario_id,
        name=_text(path, top["name"], "name"),
        call=_text(path, top["call"], "call"),
        pronouns=_text(path, top["pronouns"], "pronouns", PRONOUNS),
        relationship=_text(path, top["relationship"], "relationship", values(Relationship)),
        concern=_text(path, top["concern"], "concern", concern_names()),
        form=_text(path, top["form"], "form", values(ResistanceForm)),
        words=tuple(w.lower() for w in _texts(path, top["words"], "words")) if "words" in top else (),
        scene=_text(path, top["scene"], "scene"),
        reasons=tuple(reasons),
        trigger_words=tuple(w.lower() for w in _texts(path, triggers["words"], "trigger word")),
        trigger_moves=_texts(path, triggers["moves"], "trigger move", TRIGGER_MOVES),
        trigger_line=_text(path, triggers["line"], "trigger line"),
        small_yes=_text(path, top["small_yes"], "small_yes"),
        suicide_kind=_text(path, suicide["kind"], "suicide_question kind", SUICIDE_ANSWERS),
        suicide_line=_text(path, suicide["line"], "suicide_question line"),
        own_lines=tuple(own_lines),
        scene_told=_text(path, top["scene_told"], "scene_told") if "scene_told" in top else "",
    )


def load_scenarios(directory: Path = SCENARIO_DIR) -> dict[str, Scenario]:
    scenarios = [parse_scenario(path) for path in sorted(directory.glob("*.yml"))]
    if not scenarios:
        raise ScenarioError(directory, 0, "no scenario files")
    return {s.id: s for s in scenarios}


@lru_cache(maxsize=1)
def registry() -> dict[str, Scenario]:
    """Every scenario, read once per process."""
    return load_scenarios()


# Other words for the same person, so that a word no scenario lists ("my lad", "my missus") still says who they are
# without outranking the struggle: a lad who smokes weed is the son who uses drugs, not the low son whose file lists "lad".
SAME_PERSON = {
    "lad": "son", "boy": "son", "lass": "daughter", "girl": "daughter", "hubby": "husband", "fella": "husband", "bf": "boyfriend",
    "wifey": "wife", "missus": "wife", "gf": "girlfriend", "mam": "mum", "ma": "mum", "mama": "mum", "mummy": "mum", "mom": "mum",
    "mother": "mum", "daddy": "dad", "pa": "dad", "papa": "dad", "father": "dad", "bro": "brother", "sis": "sister",
}


def closest(relationship: Optional[str], concern: Optional[str], form: Optional[str], words: str = "", salt: int = 0,
            pronoun: Optional[str] = None) -> Scenario:
    """The scenario that fits what the user already told us best: relationship first, then the user's own word for them
    ("dad" is never played as a mum), then concern, then he or she as the user speaks of them (a twin brother is not
    played as a sister), then form. The struggle outranks the form because it is the scene and the reasons (a son who
    hears voices played as a son who drinks is a different conversation), while the form is only how the no sounds."""
    said = set(re.findall(r"[a-z]+", words.lower()))
    said |= {SAME_PERSON[word] for word in said if word in SAME_PERSON}
    kind = struggle_kind(words)

    def fit(s: Scenario) -> int:
        # Powers of two: each match outranks all the ones after it together. Within a concern, he or she, then the kind
        # of struggle the user named (drinking, not gambling) come before the form.
        return (64 * (s.relationship == relationship) + 32 * bool(said & set(s.words)) + 16 * (s.concern == concern)
                + 8 * (pronoun is not None and s.pronouns.startswith(f"{pronoun}/"))
                + 4 * (kind is not None and kind == struggle_kind(f"{s.id} {s.scene}")) + (s.form == form))

    ranked = sorted(registry().values(), key=lambda s: (-fit(s), s.id))
    best = [s for s in ranked if fit(s) == fit(ranked[0])]
    return best[salt % len(best)]


def scene_for(scenario: Scenario, word: Optional[str], told: bool = False) -> str:
    """The scene as this user hears it. Scenes leave out what the user knows better (when it started and why, how long,
    how often, how much: tests/test_rehearsal.py checks); when the user told us the struggle themselves (``told``), the
    scenario's ``scene_told`` leaves out the rest of its story. Where the user's own word for them is one this scenario
    answers to, the scene uses it: "Dan, your husband" to someone who said husband, not "your boyfriend"."""
    scene = scenario.scene_told if told and scenario.scene_told else scenario.scene
    word = (word or "").lower()
    if not word or word not in scenario.words or re.search(rf"\b{re.escape(word)}\b", scene, re.I):
        return scene
    theirs = "|".join(re.escape(w) for w in sorted(scenario.words, key=len, reverse=True))
    return re.sub(rf"(\b[Yy]our (?:\w+ )?)(?:{theirs})\b", lambda m: m.group(1) + word, scene, count=1)


def describe(scenario: Scenario) -> dict[str, Any]:
    return {"id": scenario.id, "title": scenario.title(), "relationship": scenario.relationship, "concern": scenario.concern,
            "form": scenario.form}


if __name__ == "__main__":
    try:
        found = load_scenarios()
    except ScenarioError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from error
    print(f"{len(found)} scenarios OK")
