"""The trained model on tests/data/dev_nlu.tsv: 266 realistic messages, 14 per contract intent.

The set was written without looking at the training data (short, long, typos, indirect wording). Its
errors then showed which kinds of message the training data lacked (long openers, goodbyes and answers
wrapped in context), and data/nlu/extra_longform.yml was written for those kinds, not from its messages.
So it is a development set now, not a held-out score: these floors catch a regression, they don't
measure generalisation (bench/run.py's cross-validation does that).
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kernel.settings import REPO_ROOT
from tests.conftest import run_async

DEV_SET = REPO_ROOT / "tests" / "data" / "dev_nlu.tsv"


@pytest.fixture(scope="module")
def predictions() -> list[tuple[str, str, dict[str, Any]]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(REPO_ROOT / "models" / "assistant.tar.gz"))
    with DEV_SET.open(newline="") as f:
        rows = [(text, intent) for text, intent in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]

    async def parse_all() -> list[tuple[str, str, dict[str, Any]]]:
        return [(text, intent, await agent.parse_message(text)) for text, intent in rows]

    return run_async(parse_all())


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    right, wanted, said = Counter(), Counter(), Counter()
    for want, got in pairs:
        wanted[want] += 1
        said[got] += 1
        right[want] += want == got
    scores = []
    for intent in wanted:
        precision = right[intent] / said[intent] if said[intent] else 0.0
        recall = right[intent] / wanted[intent]
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def test_the_dev_set_covers_every_contract_intent(predictions: list[tuple[str, str, dict[str, Any]]]) -> None:
    counts = Counter(intent for _, intent, _ in predictions)
    assert len(counts) == 19 and set(counts.values()) == {14}


def test_every_crisis_in_the_dev_set_gets_the_crisis_intent(predictions: list[tuple[str, str, dict[str, Any]]]) -> None:
    missed = [text for text, intent, parsed in predictions if intent == "crisis" and parsed["intent"]["name"] != "crisis"]
    assert missed == []


def test_dev_set_macro_f1_stays_above_its_floor(predictions: list[tuple[str, str, dict[str, Any]]]) -> None:
    score = macro_f1([(intent, parsed["intent"]["name"]) for _, intent, parsed in predictions])
    assert score >= 0.93, f"dev-set macro-F1 {score:.3f}"


def test_the_relationship_is_found_and_normalised(predictions: list[tuple[str, str, dict[str, Any]]]) -> None:
    values = {e["value"] for _, _, parsed in predictions for e in parsed["entities"] if e["entity"] == "relationship"}
    assert values == {"partner", "parent", "child", "sibling", "friend"}


BLIND_2 = REPO_ROOT / "tests" / "data" / "nlu_blind_2.tsv"
BLIND_3 = REPO_ROOT / "tests" / "data" / "nlu_blind_3.tsv"
BLIND_4 = REPO_ROOT / "tests" / "data" / "nlu_blind_4.tsv"
BLIND_5 = REPO_ROOT / "tests" / "data" / "nlu_blind_5.tsv"


@pytest.mark.parametrize(("path", "floor"), [(BLIND_2, 0.93), (BLIND_3, 0.93), (BLIND_4, 0.92), (BLIND_5, 0.94)],
                         ids=["second writer", "third writer", "fourth writer", "fifth writer"])
def test_other_writers_messages_stay_above_their_floor(path: Path, floor: float) -> None:
    """nlu_blind_2.tsv to nlu_blind_5.tsv (their .md files say how they were written and used): 0.931, 0.954, 0.900 and
    0.927 as they came, 0.959, 0.981, 0.939 and 0.970 after the kinds they showed were written into the training data
    in other words. Every crisis in them gets the crisis intent (set 5's poisoning did only after a fix)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(REPO_ROOT / "models" / "assistant.tar.gz"))
    with path.open(newline="") as f:
        rows = [(row["text"], row["intent"]) for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]

    async def parse_all() -> list[tuple[str, str]]:
        return [(intent, (await agent.parse_message(text))["intent"]["name"]) for text, intent in rows]

    pairs = run_async(parse_all())
    assert len(pairs) == 228 and Counter(want for want, _ in pairs) == Counter({intent: 12 for intent, _ in pairs})
    assert [got for want, got in pairs if want == "crisis" and got != "crisis"] == []
    assert macro_f1(pairs) >= floor, f"macro-F1 {macro_f1(pairs):.3f}"

