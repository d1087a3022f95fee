"""Rehearsal: coding what the user says, how openness moves, rewinds, feedback and saved progress."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.rehearsal.actions import (
    ActionBeginRoleplay,
    ActionRehearsalProgress,
    ActionRoleplayFeedback,
    ActionRoleplayHint,
    ActionRoleplayRetry,
    ValidateRoleplayForm,
    ValidateRoleplaySetupForm,
)
from actions.rehearsal.coding import code
from actions.rehearsal.feedback import summarise
from actions.rehearsal.state import START_OPENNESS, Rehearsal, advance, reply_stage, rewind
from contentdb.models import Rehearsal as RehearsalRow
from kernel.settings import REPO_ROOT
from kernel.vocabulary import Stage
from tests.conftest import Run, make_tracker

PRESSURE = ["You need to get help, this is ridiculous.", "If you don't go I'm leaving.", "You should just book it, stop being stubborn."]
OPENING = [
    "What worries you most about talking to someone?",
    "It sounds like you're scared people would judge you.",
    "It's completely your call, and I'm here either way.",
]


def play(lines: list[str]) -> Rehearsal:
    rehearsal = Rehearsal()
    for line in lines:
        advance(rehearsal, line, code(line))
    return rehearsal


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("What worries you most about seeing someone?", ["open_question"]),
        ("Did you call them?", ["closed_question"]),
        ("It sounds like you feel nobody would get it.", ["reflection"]),
        ("I'm scared when I see you this tired.", ["i_statement"]),
        ("Would it be okay if I shared something I read?", ["closed_question", "autonomy_support"]),
        ("You should see a therapist.", ["advice_without_permission"]),
        ("You're being crazy about this.", ["confront"]),
        ("If you don't go, I'm leaving.", ["ultimatum"]),
        ("You've been holding everything together for months.", ["affirmation"]),
    ],
)
def test_each_kind_of_line_gets_its_motivational_interviewing_code(line: str, expected: list[str]) -> None:
    assert code(line) == expected


def test_the_coder_reads_stdin_and_prints_one_json_object_per_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "actions.rehearsal.coding"],
        input="What scares you about it?\nYou need help.\n",
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=True,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [
        {"text": "What scares you about it?", "codes": ["open_question"]},
        {"text": "You need help.", "codes": ["advice_without_permission"]},
    ]


def test_three_pressuring_lines_leave_them_more_guarded_than_three_open_lines() -> None:
    pressured, opened = play(PRESSURE), play(OPENING)
    assert pressured.openness < START_OPENNESS < opened.openness
    assert pressured.stage is Stage.GUARDED
    assert opened.stage in (Stage.SOFTENING, Stage.OPEN)


def test_repeating_the_request_closes_them_further() -> None:
    once = play(["Would you think about seeing a therapist?"])
    twice = play(["Would you think about seeing a therapist?", "Will you see a therapist?"])
    assert twice.openness < once.openness


def test_at_the_open_end_they_concede_something_small() -> None:
    rehearsal = play(OPENING + ["You've carried so much. What would a first small step look like for you?"])
    assert rehearsal.stage is Stage.OPEN
    assert reply_stage(rehearsal) is Stage.CONCESSION


def test_a_rewind_restores_the_openness_before_the_last_line() -> None:
    rehearsal = play(OPENING[:1])
    before = rehearsal.openness
    advance(rehearsal, "If you don't go I'm done.", code("If you don't go I'm done."))
    assert rehearsal.openness < before
    undone = rewind(rehearsal)
    assert undone is not None and undone.text == "If you don't go I'm done."
    assert rehearsal.openness == before and len(rehearsal.turns) == 1


def test_feedback_counts_codes_compares_ratios_and_names_the_riskiest_line() -> None:
    rehearsal = play(OPENING + ["If you don't go I'm leaving."])
    feedback = summarise(rehearsal.turns, rehearsal.openness)
    assert feedback.counts["reflection"] == 1 and feedback.counts["open_question"] == 1
    assert feedback.reflection_to_question == 1.0
    assert feedback.open_question_share == 1.0
    assert feedback.riskiest_line == "If you don't go I'm leaving."
    assert "Swap the condition" in (feedback.rewrite or "")
    assert 1 <= len(feedback.tips) <= 3
    text = feedback.text()
    assert "1:1 fair, 2:1 good" in text and "50% fair, 70% good" in text
    assert len(text) < 900  # short enough to read on a phone


def test_open_lines_score_higher_than_pressure() -> None:
    good, bad = play(OPENING), play(PRESSURE)
    assert summarise(good.turns, good.openness).score > summarise(bad.turns, bad.openness).score


def rehearsal_tracker(slots: dict, text: str = "", intent: str = "inform"):  # type: ignore[no-untyped-def]
    return make_tracker(text, intent, slots={"relationship": "partner", "resistance_form": "passive", **slots})


def test_the_set_up_form_reads_how_they_resist_from_plain_words() -> None:
    form = ValidateRoleplaySetupForm()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker()
    assert form.validate_resistance_form("she agrees and then cancels", dispatcher, tracker, {}) == {"resistance_form": "passive"}
    assert form.validate_resistance_form("hmm", dispatcher, tracker, {}) == {"resistance_form": None}
    assert dispatcher.messages[-1]["buttons"]


def test_a_whole_rehearsal_against_the_database(actions_db: Engine, run_action: Callable[..., Run]) -> None:
    begin = run_action(ActionBeginRoleplay(), rehearsal_tracker({"roleplay_goal": "raise it gently"}))
    assert "Practice mode is on" in begin.text and "stop practice" in begin.text
    state = begin.slot("rp_state")
    assert state["turns"] == [] and state["used"]

    form = ValidateRoleplayForm()
    replies = []
    for line in OPENING:
        dispatcher = CollectingDispatcher()
        tracker = rehearsal_tracker({"rp_state": state}, line, "why_they_resist")
        result = form.validate_roleplay_line(line, dispatcher, tracker, {})
        state = result["rp_state"]
        replies.append(dispatcher.messages[0])
        assert result["roleplay_line"] is None
    assert all(m["custom"]["in_character"] for m in replies)
    assert len({m["custom"]["line_id"] for m in replies}) == 3
    assert replies[-1]["custom"]["stage"] in ("softening", "open", "concession")

    retry = run_action(ActionRoleplayRetry(), rehearsal_tracker({"rp_state": state}, "let me try that again", "roleplay_retry"))
    assert "Rewound" in retry.text
    assert len(retry.slot("rp_state")["turns"]) == 2

    hint = run_action(ActionRoleplayHint(), rehearsal_tracker({"rp_state": state}, "hint", "roleplay_hint"))
    assert "Stepping out of character" in hint.text and "Why:" in hint.text

    end = run_action(ActionRoleplayFeedback(), rehearsal_tracker({"rp_state": state}, "how did i do", "rehearsal_feedback"))
    payload = end.messages[0]["custom"]
    assert payload["type"] == "feedback" and payload["counts"]["open_question"] == 1
    assert end.slot("rp_state") is None
    with Session(actions_db) as session:
        saved = session.scalars(select(RehearsalRow)).all()
    assert len(saved) == 1 and saved[0].sender_id == "test-user" and saved[0].turns == 3

    progress = run_action(ActionRehearsalProgress(), make_tracker("how am i doing", "rehearsal_progress"))
    assert f"{saved[0].score}/100" in progress.text
    assert progress.messages[0]["custom"]["scores"] == [saved[0].score]


def test_the_same_character_answers_differently_in_two_rehearsals(actions_db: Engine, run_action: Callable[..., Run]) -> None:
    openings = set()
    for events in range(6):
        tracker = rehearsal_tracker({})
        tracker.events.extend([{"event": "action", "name": "action_listen"}] * events)
        openings.add(run_action(ActionBeginRoleplay(), tracker).messages[1]["custom"]["line_id"])
    assert len(openings) > 1
