"""The practice topic reader: what a line said to the loved one is about, measured on lines written apart from it."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from actions.rehearsal import topic_model
from actions.rehearsal.coding import code
from actions.rehearsal.topic_model import all_lines, read_lines
from actions.rehearsal.topics import SMALL_TALK, TOPICS, WHY_NOT, read_line
from kernel.settings import REPO_ROOT

SETS = REPO_ROOT / "tests" / "data" / "practice_lines"


def _score(path: Path, use_model: bool = True) -> float:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    right = 0
    for row in rows:
        got = read_line(row["text"], code(row["text"]), use_model=use_model)
        right += {None: "none", SMALL_TALK: "none"}.get(got, got) == row["topic"]
    return right / len(rows)


@pytest.mark.parametrize("name", ["blind.tsv", "open_questions.tsv", "probes_2.tsv", "probes_3.tsv"])
def test_the_training_lines_use_the_vocabulary_and_share_no_line_with_a_measuring_set(name: str) -> None:
    rows = all_lines()
    assert {topic for _, topic in rows} == {*TOPICS, WHY_NOT, "none"}
    measured = {row["text"].strip().lower() for row in csv.DictReader((SETS / name).open(encoding="utf-8"), delimiter="\t")}
    assert not measured & {text.lower() for text, _ in rows}


def test_a_bad_label_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "lines.tsv"
    bad.write_text("text\ttopic\nis it the cost?\tmoney\nwhat about god\tastrology\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{bad}:3: .*'astrology'"):
        read_lines(bad)


def test_on_lines_never_trained_or_tuned_on_it_reads_most_topics_and_beats_the_lexicon_alone() -> None:
    # tests/data/practice_lines/blind.tsv was written by another author and never used to choose anything:
    # 0.863 with the model (0.540 with the lexicon alone) when this was written.
    with_model = _score(SETS / "blind.tsv")
    assert with_model >= 0.83
    assert with_model > _score(SETS / "blind.tsv", use_model=False) + 0.2


@pytest.mark.parametrize(
    ("line", "topic"),
    [
        ("hi dad, thanks for having me over", SMALL_TALK),
        ("what worries you about talking to someone?", WHY_NOT),
        ("would anyone at the club have to know?", "privacy"),
        ("is it the cost that's bothering you?", "money"),
        ("what's it been like for you since mum died?", "feelings"),
    ],
)
def test_lines_in_everyday_words_are_read_for_their_topic(line: str, topic: str) -> None:
    assert read_line(line, code(line)) == topic


def test_without_its_model_the_reader_falls_back_to_the_lexicon(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(topic_model, "LINES_DIR", tmp_path)
    monkeypatch.setenv("PRACTICE_TOPIC_MODEL", str(tmp_path / "model"))
    topic_model._model.cache_clear()
    try:
        assert topic_model.guess("how would you pay for it?") is None
        assert read_line("How would you pay for it?", ["open_question"]) == "money"
    finally:
        topic_model._model.cache_clear()


@pytest.mark.parametrize(("name", "floor"), [("probes_2.tsv", 0.82), ("probes_3.tsv", 0.84)])
def test_after_two_warm_lines_an_open_question_is_answered_on_its_topic_in_most_probes(name: str, floor: float) -> None:
    """Issue 12's probe, in the engine: tests/data/practice_lines/probes_2.tsv and probes_3.tsv (questions and reflections
    written blind by two other authors, never trained or tuned on; 0.862 and 0.879 of their open questions when first
    scored)."""
    from actions.rehearsal.engine import opening, take_turn
    from actions.rehearsal.scenarios import registry
    from actions.rehearsal.state import Rehearsal

    warm = ["I've missed you, you know.", "It sounds like it's been a really heavy few months."]
    scenarios = list(registry().values())
    rows = [row for row in csv.DictReader((SETS / name).open(encoding="utf-8"), delimiter="\t")
            if "open_question" in code(row["text"])]
    answered = 0
    for n, row in enumerate(rows):
        scenario, rehearsal = scenarios[n % len(scenarios)], Rehearsal()
        used = [opening(scenario, "probe").line_id]
        for line in warm:
            used.append(take_turn(scenario, rehearsal, line, code(line), used, "probe")[1].line_id)
        reply = take_turn(scenario, rehearsal, row["text"], code(row["text"]), used, "probe")[1]
        answered += reply.answers == row["topic"]
    assert len(rows) >= 100
    assert answered / len(rows) >= floor


def test_what_the_habit_does_for_them_is_about_feelings_not_doubt_about_therapy() -> None:
    """"What does it do for you, the weed? Like what does it help with?" asks how it helps them feel; its "help" is not
    a doubt that therapy works (found holding a stranger's conversation, 2026-11-30)."""
    from actions.rehearsal.coding import code
    from actions.rehearsal.topics import read_line

    for line in ("What does it do for you, the weed? Like what does it help with?", "what does the gaming give you, do you think?"):
        assert read_line(line, code(line)) == "feelings", line


def test_a_line_that_ends_on_a_question_is_answered_on_the_question() -> None:
    """"rhi im not calling you a thug ... whats it been like for you since the divorce?" was answered about labels."""
    line = "im not saying youre an addict, ok. i just miss you. how have you been feeling since you lost the job?"
    assert read_line(line, code(line)) == "feelings"
