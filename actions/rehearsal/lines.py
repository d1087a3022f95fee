"""The loved one's shared lines, read once from content/roleplay/: per form and stage, per topic, per kind of move.

- content/roleplay/<form>.yml: general lines per stage (also loaded into the content database);
  a `topic:` tag marks lines about one hidden reason, an `after:` tag the earlier event a line assumes, a `before:`
  tag an event that must not have happened yet (openings are `before: spoken`: said before the user has spoken).
- content/roleplay/replies/topics.yml: answers by topic and depth.
- content/roleplay/replies/acts.yml: answers to a kind of move (pushback, relief...), optionally per stage.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from actions.rehearsal.topics import TOPIC_NAMES, TOPICS
from kernel.settings import REPO_ROOT
from kernel.vocabulary import ResistanceForm, Stage, values

ROLEPLAY_DIR = REPO_ROOT / "content" / "roleplay"
DEPTHS = ("deflect", "partial", "honest", "not_it", "more")
ACTS = ("agree", "correct", "pushback", "defensive", "hurt", "relief", "affirmed", "closed", "small_talk", "thanked", "permission",
        "company")
EVENTS = ("spoken", "pressure", "deflected", "turns", "reveal")
# When a topic's lines have all been said, one of these still answers it, once each.
TOPIC_FALLBACKS = (
    "I don't know what more to say about {name}, honestly.",
    "Can we come back to {name} another time?",
    "I've said what I can about {name} for now.",
)


class LineError(ValueError):
    pass


@dataclass(frozen=True)
class PoolLine:
    id: str
    text: str
    stages: tuple[str, ...] = ()
    after: Optional[str] = None
    topic: Optional[str] = None
    before: Optional[str] = None

    def fits(self, stage: str, used: Iterable[str], events: set[str]) -> bool:
        return (
            (not self.stages or stage in self.stages) and self.id not in used
            and (self.after is None or self.after in events) and (self.before is None or self.before not in events)
        )


@dataclass(frozen=True)
class LineBank:
    general: dict[tuple[str, str], tuple[PoolLine, ...]]
    by_form_topic: dict[tuple[str, str], tuple[PoolLine, ...]]
    topics: dict[tuple[str, str], tuple[PoolLine, ...]]
    acts: dict[str, tuple[PoolLine, ...]]

    def topic_fallback(self, topic: str, used: Iterable[str]) -> Optional[PoolLine]:
        for n, template in enumerate(TOPIC_FALLBACKS, 1):
            line = PoolLine(id=f"topic.{topic}.fallback.{n}", text=template.format(name=TOPIC_NAMES[topic]), topic=topic)
            if line.id not in used:
                return line
        return None


def _check(condition: bool, path: Path, message: str) -> None:
    if not condition:
        raise LineError(f"{path}: {message}")


def _form_lines(path: Path) -> tuple[str, list[PoolLine]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    form = data["resistance_form"]
    lines = []
    for row in data["lines"]:
        _check(row.get("topic") in (None, *TOPICS), path, f"{row['id']}: unknown topic {row.get('topic')!r}")
        for tag in ("after", "before"):
            _check(row.get(tag) in (None, *EVENTS), path, f"{row['id']}: unknown event {row.get(tag)!r}")
        lines.append(PoolLine(id=row["id"], text=" ".join(row["text"].split()), stages=(row["stage"],), after=row.get("after"),
                              topic=row.get("topic"), before=row.get("before")))
    return form, lines


def load_bank(directory: Path = ROLEPLAY_DIR) -> LineBank:
    general: dict[tuple[str, str], list[PoolLine]] = {}
    by_form_topic: dict[tuple[str, str], list[PoolLine]] = {}
    for path in sorted(directory.glob("*.yml")):
        form, lines = _form_lines(path)
        for line in lines:
            if line.topic:
                by_form_topic.setdefault((form, line.topic), []).append(line)
            else:
                general.setdefault((form, line.stages[0]), []).append(line)
    topics_path = directory / "replies" / "topics.yml"
    topic_data = yaml.safe_load(topics_path.read_text(encoding="utf-8"))
    topics: dict[tuple[str, str], tuple[PoolLine, ...]] = {}
    for topic, depths in topic_data.items():
        _check(topic in TOPICS, topics_path, f"unknown topic {topic!r}")
        for depth, texts in depths.items():
            _check(depth in DEPTHS, topics_path, f"{topic}: unknown depth {depth!r}")
            topics[(topic, depth)] = tuple(PoolLine(id=f"topic.{topic}.{depth}.{n}", text=t, topic=topic) for n, t in enumerate(texts, 1))
    missing = [t for t in TOPICS if (t, "deflect") not in topics]
    _check(not missing, topics_path, f"no deflect lines for {missing}")
    acts_path = directory / "replies" / "acts.yml"
    act_data = yaml.safe_load(acts_path.read_text(encoding="utf-8"))
    acts: dict[str, tuple[PoolLine, ...]] = {}
    for act, rows in act_data.items():
        _check(act in ACTS, acts_path, f"unknown act {act!r}")
        pool = []
        for n, row in enumerate(rows, 1):
            stages = tuple(row.get("stages", ()))
            _check(set(stages) <= set(values(Stage)), acts_path, f"{act} #{n}: unknown stage in {stages}")
            after = (row.get("after") or [None])[0]
            _check(after in (None, *EVENTS), acts_path, f"{act} #{n}: unknown event {after!r}")
            pool.append(PoolLine(id=f"act.{act}.{n}", text=row["text"], stages=stages, after=after))
        acts[act] = tuple(pool)
    _check(set(acts) == set(ACTS), acts_path, f"missing acts {sorted(set(ACTS) - set(acts))}")
    for form in values(ResistanceForm):
        for stage in (Stage.GUARDED, Stage.WARY, Stage.SOFTENING, Stage.OPEN):
            _check(bool(general.get((form, stage.value))), directory, f"no general {stage.value} lines for {form}")
    return LineBank(
        general={k: tuple(v) for k, v in general.items()},
        by_form_topic={k: tuple(v) for k, v in by_form_topic.items()},
        topics=topics,
        acts=acts,
    )


@lru_cache(maxsize=1)
def bank() -> LineBank:
    """Every shared line, read once per process."""
    return load_bank()


def pick(candidates: Iterable[PoolLine], stage: str, used: Iterable[str], events: set[str], seed: str) -> Optional[PoolLine]:
    """One line that fits the stage and what has happened, not said before; varied by the seed but repeatable."""
    used_ids = set(used)
    fitting = [line for line in candidates if line.fits(stage, used_ids, events)]
    if not fitting:
        return None
    digest = int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16)
    return fitting[digest % len(fitting)]
