"""Rehearsal: scenarios, replies that answer, honest pacing, rewinds, feedback on skills, talk plans and saved progress."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.rehearsal.actions import (
    PLAN_ASKED,
    ActionBeginRoleplay,
    ActionRehearsalProgress,
    ActionRoleplayFeedback,
    ActionRoleplayHint,
    ActionRoleplayPlan,
    ActionRoleplayRetry,
    ValidateRoleplayForm,
    ValidateRoleplaySetupForm,
    hint_text,
    requested_turn,
    suicide_question_reply,
)
from actions.rehearsal.coding import code
from actions.rehearsal.engine import Responder, opening, take_turn
from actions.rehearsal.feedback import summarise
from actions.rehearsal.lines import bank
from actions.rehearsal.plan import build_plan
from actions.rehearsal.scenarios import (
    Scenario,
    ScenarioError,
    closest,
    load_scenarios,
    parse_scenario,
    registry,
    scene_for,
)
from actions.rehearsal.state import START_OPENNESS, Rehearsal, Turn, advance, rewind
from actions.rehearsal.topics import REASON_PROMPTS, REASONS, TOPICS, classify_topic
from contentdb.models import Rehearsal as RehearsalRow
from kernel.registry import concern_names
from kernel.settings import REPO_ROOT
from kernel.vocabulary import Relationship, ResistanceForm, Stage, values
from tests.conftest import Run, make_tracker

PRESSURE = ["You need to get help, this is ridiculous.", "If you don't go I'm leaving.", "You should just book it, stop being stubborn."]
OPENING = [
    "What worries you most about talking to someone?",
    "It sounds like you're scared people would judge you.",
    "It's completely your call, and I'm here either way.",
]
WARM = ["I love you, and I've missed you lately.", "It sounds like things have been really heavy for you."]
ORDER = ["guarded", "wary", "softening", "open", "concession"]
REFLECTION_CODES = {"reflection", "simple_reflection", "complex_reflection"}


def normalised(codes: list[str]) -> list[str]:
    """The coder may split reflections into simple and complex; these tests only care that it is a reflection."""
    return sorted({"reflection" if c in REFLECTION_CODES else c for c in codes})


class Conversation:
    """A rehearsal driven through the engine, as the action does, remembering every line said."""

    def __init__(self, scenario_id: str, seed: str = "test") -> None:
        self.scenario = registry()[scenario_id]
        self.rehearsal = Rehearsal()
        first = opening(self.scenario, seed)
        self.seed, self.used, self.replies = seed, [first.line_id], [first]

    def say(self, text: str):  # type: ignore[no-untyped-def]
        turn, reply = take_turn(self.scenario, self.rehearsal, text, code(text), self.used, self.seed)
        self.used.append(reply.line_id)
        self.replies.append(reply)
        return reply


def play(lines: list[str]) -> Rehearsal:
    rehearsal = Rehearsal()
    for line in lines:
        advance(rehearsal, line, code(line))
    return rehearsal


# --- the coder, as the practice partner consumes it -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("What worries you most about seeing someone?", ["open_question"]),
        ("Did you call them?", ["closed_question"]),
        ("It sounds like you feel nobody would get it.", ["reflection"]),
        ("I'm scared when I see you this tired.", ["i_statement"]),
        ("You should see a therapist.", ["advice_without_permission"]),
        ("If you don't go, I'm leaving.", ["ultimatum"]),
    ],
)
def test_each_kind_of_line_gets_its_motivational_interviewing_code(line: str, expected: list[str]) -> None:
    assert normalised(code(line)) == expected


def test_the_coder_reads_stdin_and_prints_one_json_object_per_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "actions.rehearsal.coding"],
        input="What scares you about it?\n",
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=True,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [{"text": "What scares you about it?", "codes": ["open_question"]}]


# --- scenarios as data ----------------------------------------------------------------------------------------------


def test_the_scenario_registry_covers_every_relationship_form_and_enough_concerns() -> None:
    scenarios = list(registry().values())
    assert len(scenarios) >= 24
    assert {s.relationship for s in scenarios} == set(values(Relationship))
    assert {s.form for s in scenarios} == set(values(ResistanceForm))
    concerns = {s.concern for s in scenarios}
    assert len(concerns) >= 8 and {"substance_use", "grief", "psychosis", "eating"} <= concerns
    assert concerns <= set(concern_names())
    for s in scenarios:
        assert 2 <= len(s.reasons) <= 3 and set(s.reason_names) <= set(REASONS), s.id
        assert s.scene and s.small_yes and s.trigger_line and s.call and s.name, s.id
        assert s.trigger_words or s.trigger_moves, s.id
        assert s.suicide_kind in ("relief", "denial", "honest_yes") and s.suicide_line, s.id
        assert all(r.reveal and r.honest and r.answer for r in s.reasons), s.id


def test_every_hidden_reason_and_topic_has_shared_lines_to_answer_with() -> None:
    lines = bank()
    for topic in TOPICS:
        assert lines.topics[(topic, "deflect")], topic
        depths = ("not_it", "more") if topic in REASONS else ("partial", "honest")
        assert all(lines.topics[(topic, depth)] for depth in depths), topic
    ids = [line.id for pool in (*lines.general.values(), *lines.topics.values(), *lines.acts.values()) for line in pool]
    assert len(ids) == len(set(ids))


def test_a_broken_scenario_file_is_reported_with_its_path_and_line(tmp_path: Path) -> None:
    good = (REPO_ROOT / "content/roleplay/scenarios/partner-drinking-direct.yml").read_text()
    bad = tmp_path / "partner-drinking-direct.yml"
    bad.write_text(good.replace("  - reason: stigma", "  - reason: astrology"))
    with pytest.raises(ScenarioError) as error:
        parse_scenario(bad)
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if "astrology" in text)
    assert f"{bad}:{line}:" in str(error.value) and "astrology" in str(error.value)
    (tmp_path / "partner-drinking-direct.yml").write_text(good.replace("small_yes:", "smal_yes:"))
    with pytest.raises(ScenarioError, match="unknown field 'smal_yes'"):
        load_scenarios(tmp_path)


def test_set_up_picks_the_scenario_closest_to_what_the_user_told() -> None:
    dad = closest("parent", "substance_use", "direct", "my dad drinks every day")
    assert (dad.relationship, dad.concern, dad.form) == ("parent", "substance_use", "direct")
    assert closest("friend", "grief", None).relationship == "friend"
    sister = closest("sibling", None, None, "my sister won't get help")
    assert sister.relationship == "sibling" and "sister" in sister.words
    # The struggle outranks how the no sounds, and the user's word for them outranks both.
    assert closest("child", "psychosis", "passive", "my son hears voices").id == "child-son-psychosis-direct"
    daughter = closest("child", "substance_use", "direct", "my daughter")
    assert "daughter" in daughter.words and daughter.id != "child-son-drugs-direct"
    # He or she as the user speaks of them, before the kind of struggle: "my partner" who gambles, spoken of as he.
    fiance = closest("partner", "substance_use", "emotional", "my partner gambles", pronoun="he")
    assert fiance.pronouns == "he/him" and fiance.relationship == "partner"
    assert closest("partner", "substance_use", "emotional", "my partner gambles", pronoun="she").pronouns == "she/her"
    # A wife who is low is played as a wife who is low, not as the wife who gambles (held as a stranger, 2026-11-30).
    wife = closest("partner", "depression", "intellectual", "my wife has been really down", pronoun="she")
    assert (wife.concern, wife.pronouns) == ("depression", "she/her")


@pytest.mark.parametrize("concern", ["psychosis", "eating"])
def test_a_user_who_named_psychosis_or_eating_practises_with_someone_who_has_it(concern: str) -> None:
    names = {"child": ("son", "daughter"), "parent": ("mum", "dad"), "partner": ("husband", "wife"),
             "sibling": ("brother", "sister"), "friend": ("friend",)}
    assert set(names) == set(values(Relationship))
    for relationship, words in names.items():
        for word in ("", *words):
            for form in (None, *values(ResistanceForm)):
                scenario = closest(relationship, concern, form, f"my {word} won't get help")
                assert (scenario.relationship, scenario.concern) == (relationship, concern), (word, form, scenario.id)
                assert not word or word in scenario.words, (word, form, scenario.id)


# --- replies that answer ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "topic"),
    [
        ("How would you pay for it?", "money"),
        ("What happened when you went before?", "past_experience"),
        ("What do you think the neighbours would say?", "stigma"),
        ("How do you feel about tablets?", "medication"),
        ("How would it be to let someone else help for once, rather than doing it all alone?", "independence"),
        ("What does your faith say about it?", "culture_faith"),
        ("Where do you hope to be next year?", "the_future"),
        ("Do you want to talk about anything else?", None),
        # Check-ins on how they are, not time as a barrier.
        ("how have the evenings been for you, love? you seem so far away lately", "feelings"),
        ("how's your week been, honestly? you look shattered", "feelings"),
        ("How has work been for you?", "feelings"),
        ("How have things been with the money side of it?", "money"),
        ("Which evenings would you be free to go?", "time"),
    ],
)
def test_a_line_is_read_for_its_topic(line: str, topic: str) -> None:
    assert classify_topic(line) == topic


def test_the_opening_comes_from_the_guarded_pool() -> None:
    for scenario in registry().values():
        assert opening(scenario, "x").stage is Stage.GUARDED
        assert ".guarded." in opening(scenario, "x").line_id


def test_after_two_warm_lines_a_question_on_a_hidden_reason_is_answered_and_reveals_it() -> None:
    talk = Conversation("partner-drinking-direct")
    for line in WARM:
        talk.say(line)
    reply = talk.say("What would people think, do you reckon, if you went to see someone?")
    assert reply.answers == "stigma" and reply.reveals == "stigma"
    assert "club" in reply.text or "church hall" in reply.text


def test_a_guarded_loved_one_deflects_a_question_but_still_answers_its_topic() -> None:
    talk = Conversation("partner-drinking-direct")
    reply = talk.say("What would people think if you saw someone?")
    assert reply.kind == "deflect" and reply.answers == "stigma" and reply.reveals is None


def test_a_question_on_a_reason_they_do_not_have_gets_an_honest_not_that() -> None:
    talk = Conversation("partner-drinking-direct")
    for line in WARM:
        talk.say(line)
    reply = talk.say("How worried are you about the cost of it?")
    assert reply.answers == "money" and reply.reveals is None and "money" in reply.text.lower()


def test_an_accurate_reflection_gets_a_yes_and_more_and_an_off_one_gets_corrected() -> None:
    talk = Conversation("child-daughter-depression-emotional")
    talk.say(WARM[0])
    talk.say(WARM[1])
    accurate = talk.say("It sounds like the last time you saw someone made things worse.")
    assert accurate.text.startswith("Yeah") and accurate.reveals == "past_experience"
    off = talk.say("So you're mostly worried about the money.")
    assert off.kind == "not_it" and off.answers == "money"


def test_advice_a_label_and_autonomy_each_get_their_own_kind_of_answer() -> None:
    assert Conversation("friend-anxiety-direct").say("You should just see your GP tomorrow.").kind in ("pushback", "trigger")
    labelled = Conversation("parent-dad-drinking-direct").say("Dad, you're an alcoholic.")
    assert labelled.kind in ("trigger", "defensive") and labelled.answers is None
    relieved = Conversation("friend-grief-passive").say("It's completely your decision, and I'll back you whatever you choose.")
    assert relieved.kind == "relief"


# --- honest pacing ------------------------------------------------------------------------------------------------


def test_openness_moves_at_most_one_stage_per_turn_and_three_skilled_lines_do_not_reach_a_yes() -> None:
    talk = Conversation("sibling-sister-depression-direct")
    stages = [talk.say(line).stage.value for line in OPENING]
    assert "concession" not in stages
    path = ["guarded", *stages]
    assert all(ORDER.index(b) - ORDER.index(a) <= 1 for a, b in zip(path, path[1:], strict=False))


def test_pressure_keeps_them_guarded_and_pressure_after_progress_sets_them_back() -> None:
    pressed = Conversation("partner-low-passive")
    assert [pressed.say(line).stage for line in PRESSURE] == [Stage.GUARDED] * 3
    talk = Conversation("partner-low-passive")
    for line in OPENING:
        talk.say(line)
    before = talk.rehearsal.stage
    after = talk.say("If you don't book it this week, I'm done.").stage
    assert ORDER.index(after.value) < ORDER.index(before.value)


def test_the_small_yes_needs_six_lines_and_a_hidden_reason() -> None:
    skilled = [
        "I love you, and I've been worried.",
        "It sounds like you're really tired of all this.",
        "What gets in the way when you think about getting help?",
        "So part of you wants things to change, and part of you is scared of what it would take.",
        "It's your call, and I'm with you either way.",
        "You've kept going through all of it, and I really admire that.",
        "What would a first small step look like, if you wanted one?",
        "It sounds like you'd want it to be on your terms.",
    ]
    talk = Conversation("partner-low-passive")
    stages = [talk.say(line).stage for line in skilled]
    first_yes = stages.index(Stage.CONCESSION) if Stage.CONCESSION in stages else None
    assert first_yes is not None and first_yes + 1 >= 6
    assert talk.rehearsal.revealed()
    assert talk.replies[first_yes + 1].text == talk.scenario.small_yes


def test_no_line_comes_twice_and_lines_assuming_earlier_events_wait_for_them() -> None:
    talk = Conversation("parent-mum-grief-emotional")
    lines = (WARM + OPENING + PRESSURE) * 5
    for line in lines:
        talk.say(line)
    ids = [r.line_id for r in talk.replies]
    assert len(ids) == len(set(ids))
    fresh = Conversation("parent-mum-grief-emotional", seed="other")
    first = fresh.say(WARM[0])
    later_events = {line.id for pool in bank().general.values() for line in pool if line.after not in (None, "spoken")}
    assert first.line_id not in later_events
    # Openings are said only before the user speaks; lines that answer the user only after.
    openings = {line.id for pool in bank().general.values() for line in pool if line.before == "spoken"}
    assert not openings & set(ids[1:])
    for scenario in registry().values():
        for seed in ("a", "b", "c"):
            first_line = opening(scenario, seed)
            assert first_line.line_id in openings, (scenario.id, first_line.text)


def test_a_greeting_is_answered_in_kind_and_a_question_about_what_holds_them_back_gets_a_reason() -> None:
    talk = Conversation("parent-dad-drinking-direct")
    hello = talk.say("hi dad, thanks for having me over")
    assert hello.kind == "thanked" and hello.answers is None
    grief = talk.say("it's been a really hard year without mum")
    assert grief.answers == "feelings"
    talk.say("what's it been like for you, the evenings on your own?")
    reason = talk.say("what worries you about talking to someone?")
    assert reason.reveals in talk.scenario.reason_names and reason.answers == reason.reveals


def test_a_rewind_to_any_turn_restores_the_openness_before_it() -> None:
    rehearsal = play(OPENING + ["If you don't go I'm done."])
    second = rehearsal.turns[1].openness_before
    undone = rewind(rehearsal, 2)
    assert [t.text for t in undone] == [*OPENING[1:], "If you don't go I'm done."]
    assert rehearsal.openness == second and len(rehearsal.turns) == 1
    assert rewind(rehearsal)[0].text == OPENING[0] and rehearsal.openness == START_OPENNESS
    assert requested_turn("go back to turn 3") == 3 and requested_turn("let me redo my second line") == 2
    assert requested_turn("let me try that again") is None


# --- feedback on skills ---------------------------------------------------------------------------------------------


def test_feedback_explains_each_figure_in_plain_words_with_correct_plurals() -> None:
    rehearsal = play(["What's been hardest lately?", "Do you sleep okay?", "How are you, really?",
                      "It sounds like you're worn out.", "If you don't go I'm leaving."])
    feedback = summarise(rehearsal.turns, registry()["partner-low-passive"])
    text = feedback.text()
    assert "You asked 3 questions and reflected once" in text
    assert "try reflecting" in text and "2 of your 3 questions were open" in text
    assert "Riskiest line: “If you don't go I'm leaving.”" in text and "Try instead" in text
    assert "0 of their 3 hidden reasons" in text
    assert "How open they were: guarded" in text
    payload = feedback.payload()
    assert payload["reflection_to_question"] == 0.33 and payload["open_question_share"] == 0.67
    assert payload["thresholds"]["reflection_to_question"] == {"fair": 1.0, "good": 2.0}
    assert payload["reasons_total"] == 3 and payload["reasons_found"] == []
    assert len(payload["openness"]) == 6 and len(text) < 1400


def test_the_score_comes_from_skills_not_from_how_far_they_moved() -> None:
    def turns(openness: float) -> list[Turn]:
        return [Turn(text=line, codes=code(line), delta=0.0, openness_before=openness, openness_after=openness) for line in OPENING]
    assert summarise(turns(0.5)).score == summarise(turns(7.0)).score
    good, bad = play(OPENING), play(PRESSURE)
    assert summarise(good.turns).score > summarise(bad.turns).score


def test_a_talk_plan_uses_the_lines_that_worked_and_the_reason_found() -> None:
    talk = Conversation("partner-drinking-direct")
    for line in [*WARM, "What would people think, do you reckon, if you went to see someone?", "You need to stop drinking."]:
        talk.say(line)
    plan = build_plan(talk.rehearsal.turns, talk.scenario)
    assert plan.opener == f"“{WARM[0]}”"
    assert f"“{WARM[1]}”" in plan.reflections and len(plan.reflections) == 2
    assert plan.reasons[0]["reason"] == "stigma" and "private" in plan.reasons[0]["answer"]
    assert "You need to stop drinking." in plan.avoid[0]
    text = plan.text()
    assert "After a no" in text and "door open" in text
    assert plan.payload()["type"] == "talk_plan"


# --- the actions ----------------------------------------------------------------------------------------------------


def rehearsal_tracker(slots: dict, text: str = "", intent: str = "inform"):  # type: ignore[no-untyped-def]
    return make_tracker(text, intent, slots={"relationship": "partner", "resistance_form": "passive", "concern": "depression", **slots})


def test_the_set_up_form_reads_how_they_resist_from_plain_words() -> None:
    form = ValidateRoleplaySetupForm()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker()
    assert form.validate_resistance_form("she agrees and then cancels", dispatcher, tracker, {}) == {"resistance_form": "passive"}
    assert form.validate_resistance_form("hmm", dispatcher, tracker, {}) == {"resistance_form": None}
    assert dispatcher.messages[-1]["buttons"]


@pytest.mark.parametrize(("answer", "is_line"), [
    ("dad, i miss mum too. i just want to know how you're actually doing", True),
    ("“I love you and I'm worried about you”", True),
    ("I'm not angry with you, I'm scared for you", True),
    ("understand what's stopping her", False),
    ("agree one small step", False),
    ("get him to agree to one phone call", False),
    ("i want to tell her i love her without crying", False),
    ("can you help me stay calm", False),
    ("Mum, I'm not touching anything. I just want you to be safe in your own home.", True),  # "you to be" safe: to her
    ("i need you to be my dad for a bit", False),
])
def test_a_line_typed_as_the_goal_becomes_the_first_line_not_the_goal(
    actions_db: Engine, run_action: Callable[..., Run], answer: str, is_line: bool
) -> None:
    set_up = ValidateRoleplaySetupForm().validate_roleplay_goal(answer, CollectingDispatcher(), make_tracker(answer), {})
    if not is_line:
        assert set_up == {"roleplay_goal": answer}
        return
    assert set_up["roleplay_goal"] == "raise it gently, once" and set_up["rp_state"]["first_line"]
    begin = run_action(ActionBeginRoleplay(), rehearsal_tracker({**set_up}, answer))
    assert f"Your goal: raise it gently, once. I'll take “{set_up['rp_state']['first_line']}” as your first line." in begin.text
    state = begin.slot("rp_state")
    assert [turn["text"] for turn in state["turns"]] == [set_up["rp_state"]["first_line"]]
    assert begin.messages[-1]["custom"]["in_character"] and len(begin.messages) == 2


def say_in_practice(state: dict, line: str, slots: dict | None = None) -> tuple[dict, dict]:
    dispatcher = CollectingDispatcher()
    tracker = rehearsal_tracker({"rp_state": state, **(slots or {})}, line, "why_they_resist")
    result = ValidateRoleplayForm().validate_roleplay_line(line, dispatcher, tracker, {})
    assert result["roleplay_line"] is None
    return result["rp_state"], dispatcher.messages[0]


def test_a_whole_rehearsal_against_the_database(actions_db: Engine, run_action: Callable[..., Run]) -> None:
    begin = run_action(ActionBeginRoleplay(), rehearsal_tracker({"roleplay_goal": "raise it gently"}))
    assert "Practice mode is on" in begin.text and "The scene:" in begin.text
    state = begin.slot("rp_state")
    scenario: Scenario = registry()[state["scenario"]]
    assert (scenario.relationship, scenario.form, scenario.concern) == ("partner", "passive", "depression")
    assert begin.messages[1]["custom"]["stage"] == "guarded" and begin.messages[1]["text"].startswith(f"{scenario.call}: ")

    replies = []
    for line in OPENING:
        # Mentioning other people fills the relationship slot; the speaker must not change.
        state, message = say_in_practice(state, line, {"relationship": "child"})
        replies.append(message)
    customs = [m["custom"] for m in replies]
    assert all(set(c) == {"type", "in_character", "stage", "line_id", "scenario", "answers", "reveals"} for c in customs)
    assert all(m["text"].startswith(f"{scenario.call}: ") for m in replies)
    assert len({c["line_id"] for c in customs}) == 3

    check_in = run_action(ActionRehearsalProgress(), rehearsal_tracker({"rp_state": state}, "how am i doing?", "rehearsal_progress"))
    assert "so far" in check_in.text and "You asked" in check_in.text and check_in.messages[0]["custom"]["type"] == "feedback"
    assert check_in.messages[0]["custom"]["final"] is False

    retry = run_action(ActionRoleplayRetry(), rehearsal_tracker({"rp_state": state}, "go back to turn 2", "roleplay_retry"))
    assert "Rewound to turn 2" in retry.text
    assert len(retry.slot("rp_state")["turns"]) == 1

    hint = run_action(ActionRoleplayHint(), rehearsal_tracker({"rp_state": state}, "hint", "roleplay_hint"))
    assert "Stepping out of character" in hint.text

    # Back to the start, then "how am i doing?" (blind conversation set 29): the lines taken back, not "no line yet".
    start = run_action(ActionRoleplayRetry(), rehearsal_tracker({"rp_state": state}, "go back to turn 1", "roleplay_retry"))
    assert start.slot("rp_state")["turns"] == []
    back = run_action(ActionRehearsalProgress(), rehearsal_tracker({"rp_state": start.slot("rp_state")}, "how am i doing?",
                                                                   "rehearsal_progress"))
    assert "took those lines back" in back.messages[0]["text"] and back.messages[1]["custom"]["type"] == "feedback"
    assert len(back.messages[1]["custom"]["openness"]) == 1 + 3  # the start and the three lines taken back

    end = run_action(ActionRoleplayFeedback(), rehearsal_tracker({"rp_state": state}, "stop", "stop_roleplay"))
    feedback, plan = end.messages[0]["custom"], end.messages[1]["custom"]
    assert feedback["type"] == "feedback" and feedback["reasons_total"] == len(scenario.reasons)
    assert {"reasons_found", "reflection_to_question", "open_question_share", "complex_reflection_share"} <= set(feedback)
    assert plan["type"] == "talk_plan" and "Your talk plan" in end.messages[1]["text"]
    assert end.slot("rp_state") is None and end.slot("rp_plan")["opener"]
    with Session(actions_db) as session:
        saved = session.scalars(select(RehearsalRow)).all()
    assert len(saved) == 1 and saved[0].turns == 3

    again = run_action(ActionRoleplayPlan(), make_tracker("make me a plan", "talk_plan", slots={"rp_plan": end.slot("rp_plan")}))
    assert again.messages[0]["custom"]["type"] == "talk_plan"
    progress = run_action(ActionRehearsalProgress(), make_tracker("show my progress", "rehearsal_progress"))
    assert f"{saved[0].score}/100" in progress.text

    # After practice, "did I do it wrong?" gets honest reassurance from that rehearsal, then words to use.
    recap = run_action(ActionRoleplayFeedback(), make_tracker("did i do it wrong?", "rehearsal_feedback",
                                                              slots={"rp_plan": end.slot("rp_plan"), "relationship": "partner"}))
    assert recap.messages[0]["custom"]["type"] == "feedback_recap" and "wrong" in recap.messages[0]["text"].lower()
    assert "not in practice mode" not in recap.text
    assert any((m.get("custom") or {}).get("topic") == "bring_up" for m in recap.messages[1:])
    again_recap = run_action(ActionRoleplayFeedback(), make_tracker("was that bad?", "rehearsal_feedback",
                                                                    slots={"rp_plan": recap.slot("rp_plan")}))
    assert again_recap.messages[0]["text"] != recap.messages[0]["text"]
    # A plain "how did i do?" after the feedback gets its gist and its payload again, not a reassurance to "was it wrong?".
    asked = run_action(ActionRoleplayFeedback(), make_tracker("how did i do", "rehearsal_feedback", slots={"rp_plan": end.slot("rp_plan")}))
    assert asked.messages[0]["custom"]["type"] == "feedback" and asked.messages[0]["custom"]["recap"] is True
    assert asked.messages[0]["custom"]["score"] == feedback["score"] and f"{feedback['score']}/100" in asked.messages[0]["text"]
    assert "wrong" not in asked.messages[0]["text"].lower() and len(asked.messages) == 1


def test_did_i_do_it_wrong_about_a_real_talk_with_no_rehearsal_is_answered_by_the_listener(
    actions_db: Engine, run_action: Callable[..., Run]
) -> None:
    reply = run_action(ActionRoleplayFeedback(), make_tracker("i tried talking to her last night, did i do it wrong", "rehearsal_feedback"))
    assert "not in practice mode" not in reply.text and reply.messages[0]["custom"]["topic"] == "bring_up"
    plain = run_action(ActionRoleplayFeedback(), make_tracker("how did i do", "rehearsal_feedback"))
    assert "not in practice mode" in plain.text


def test_a_stop_at_the_start_of_a_line_ends_practice_with_feedback() -> None:
    state, _ = say_in_practice({}, "love, i'm not angry with you, i'm worried")
    dispatcher = CollectingDispatcher()
    tracker = rehearsal_tracker({"rp_state": state}, "hmm stop. that last bit was a mistake wasn't it", "practice_line")
    result = ValidateRoleplayForm().validate_roleplay_line(tracker.latest_message["text"], dispatcher, tracker, {})
    assert result["requested_slot"] is None and result["rp_state"] is None and result["rp_plan"]
    assert dispatcher.messages[0]["text"].startswith("Practice mode is off")
    kept, message = say_in_practice(state, "stop drinking so much, please")
    assert message["text"] and kept["turns"]



@pytest.mark.parametrize(("line", "stops"), [("ok i'll stop there. was that alright or did i sound like a nag", True),
                                             ("i'll leave it there for now, how did i do", True),
                                             ("ok i'll stop.", False)])  # said to them, it promises to stop nagging
def test_the_users_own_stop_there_ends_practice(line: str, stops: bool) -> None:
    from actions.rehearsal.actions import STOP_FIRST

    assert bool(STOP_FIRST.match(line)) is stops


def test_the_loved_one_answers_a_practised_suicide_question_in_character() -> None:
    state = {"scenario": "sibling-sister-depression-direct", "speaker": "Anna", "openness": 3.0}
    reply = suicide_question_reply(state)
    assert reply is not None and reply["text"].startswith("Anna: ") and reply["kind"] == "honest_yes"
    assert reply["custom"]["in_character"] and reply["custom"]["stage"] == "wary"
    assert suicide_question_reply(None) is None


def test_the_same_character_opens_differently_in_two_rehearsals(run_action: Callable[..., Run]) -> None:
    openings = set()
    for events in range(6):
        tracker = rehearsal_tracker({})
        tracker.events.extend([{"event": "action", "name": "action_listen"}] * events)
        openings.add(run_action(ActionBeginRoleplay(), tracker).messages[1]["custom"]["line_id"])
    assert len(openings) > 1


def test_the_user_can_choose_another_scenario_from_the_buttons(run_action: Callable[..., Run]) -> None:
    begin = run_action(ActionBeginRoleplay(), rehearsal_tracker({"roleplay_goal": "raise it gently"}))
    buttons = begin.messages[0]["buttons"]
    assert buttons and all(b["payload"].startswith("practise scenario ") for b in buttons)
    chosen = buttons[0]["payload"].rsplit(" ", 1)[1]
    dispatcher = CollectingDispatcher()
    tracker = rehearsal_tracker({"rp_state": begin.slot("rp_state")}, buttons[0]["payload"], "start_roleplay")
    result = ValidateRoleplayForm().validate_roleplay_line(buttons[0]["payload"], dispatcher, tracker, {})
    assert result["rp_state"]["scenario"] == chosen and result["rp_state"]["turns"] == []
    assert dispatcher.messages[1]["text"].startswith(f"{registry()[chosen].call}: ")


def test_hints_fit_the_stage_and_point_at_a_reason_still_hidden() -> None:
    talk = Conversation("partner-drinking-direct")
    assert "guarded" in hint_text(talk.rehearsal, talk.scenario)
    talk.say(WARM[1])
    assert talk.rehearsal.stage is Stage.WARY
    assert REASON_PROMPTS["stigma"] in hint_text(talk.rehearsal, talk.scenario)
    talk.say("What would people think, do you reckon, if you went to see someone?")
    assert talk.rehearsal.revealed() == ["stigma"]
    later = hint_text(talk.rehearsal, talk.scenario)
    assert REASON_PROMPTS["stigma"] not in later and REASON_PROMPTS["family_role"] in later
    talk.say("If you don't stop, I'm leaving.")
    assert "raised their guard" in hint_text(talk.rehearsal, talk.scenario)


def test_set_up_matches_the_kind_of_struggle_named_within_a_concern() -> None:
    wife = closest("partner", "substance_use", "emotional", "my wife refuses to see a therapist, she's been drinking a lot")
    assert wife.id == "partner-drinking-emotional"
    assert closest("partner", "substance_use", "intellectual", "my wife is gambling our savings away").id == "partner-gambling-intellectual"


def test_a_scenario_speaks_its_own_words_on_feelings_instead_of_the_shared_lines() -> None:
    talk = Conversation("parent-dad-bipolar-direct")
    for line in WARM:
        talk.say(line)
    reply = talk.say("How have you been feeling in yourself lately?")
    assert reply.answers == "feelings" and reply.text in talk.scenario.lines_on("feelings", reply.kind)
    assert "tired" not in reply.text.lower()


# Loved ones who are angry, high, frightened of being watched or full of bravado, not low: the shared lines on
# feelings, the two of you and the future ("I feel tired all the time") are written for someone low.
NOT_LOW = [
    "sibling-brother-anger-direct", "partner-anger-emotional", "parent-dad-bipolar-direct", "sibling-sister-bipolar-passive",
    "partner-bipolar-emotional", "partner-stress-direct", "sibling-brother-psychosis-intellectual", "friend-psychosis-direct",
    "parent-mum-psychosis-intellectual", "child-son-psychosis-direct", "partner-psychosis-passive",
    "child-daughter-psychosis-emotional", "partner-gambling-intellectual", "parent-dad-drinking-direct", "child-son-drugs-direct",
    "child-daughter-drugs-passive",
]
BROAD = ("feelings", "the_relationship", "the_future")


def test_every_loved_one_who_is_not_low_has_their_own_lines_at_every_depth() -> None:
    for scenario in registry().values():
        if scenario.concern == "anger" or "bipolar" in scenario.id:
            assert scenario.id in NOT_LOW, scenario.id
    for scenario_id in NOT_LOW:
        scenario = registry()[scenario_id]
        for topic in BROAD:
            for depth in ("deflect", "partial", "honest"):
                assert len(scenario.lines_on(topic, depth)) >= 2, (scenario_id, topic, depth)


@pytest.mark.parametrize("scenario_id", NOT_LOW)
def test_asked_again_and_again_a_loved_one_who_is_not_low_never_borrows_the_shared_low_lines(scenario_id: str) -> None:
    shared = {line.text for topic in BROAD for depth in ("deflect", "partial", "honest") for line in bank().topics[(topic, depth)]}
    questions = {
        "feelings": "How have you been feeling lately?",
        "the_relationship": "How do you feel things are between us at the moment?",
        "the_future": "How do you see the next year going for you?",
    }
    for topic, question in questions.items():
        talk = Conversation(scenario_id, seed=topic)
        # Guarded: the scenario's own deflection, not "I feel fine. Tired. That's all."
        guarded = [Responder(talk.scenario, Rehearsal(), used, "s").about_topic(topic, Stage.GUARDED, reflecting=False)
                   for used in ([], [f"{scenario_id}.{topic}.deflect.{n}" for n in (1, 2)])]
        assert guarded[0].answers == topic and guarded[0].kind == "deflect", (scenario_id, topic, guarded[0].kind)
        assert guarded[0].text in talk.scenario.lines_on(topic, "deflect")
        assert guarded[1].kind == "fallback", (scenario_id, topic)  # and once those are said, never a shared one
        for line in [*WARM, question, "It sounds like there's a lot going on for you.", question, question, question, question]:
            talk.say(line)
        said = [reply.text for reply in talk.replies if reply.answers == topic]
        assert not set(said) & shared, (scenario_id, topic, set(said) & shared)
        # Warmer, they say more of their own before running out ("I've said what I can about ... for now").
        assert {reply.kind for reply in talk.replies if reply.answers == topic} & {"partial", "honest"}, (scenario_id, topic)


def test_own_lines_name_every_depth_or_the_file_and_line_are_reported(tmp_path: Path) -> None:
    good = (REPO_ROOT / "content/roleplay/scenarios/sibling-brother-anger-direct.yml").read_text()
    bad = tmp_path / "sibling-brother-anger-direct.yml"
    bad.write_text(good.replace("    partial:\n", "    sometimes:\n", 1))
    with pytest.raises(ScenarioError, match="unknown field 'sometimes'") as error:
        parse_scenario(bad)
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if "sometimes" in text)
    assert f"{bad}:{line}:" in str(error.value)
    flat = good.split("lines:")[0] + "lines:\n  feelings:\n    - Fine.\n"
    bad.write_text(flat)
    with pytest.raises(ScenarioError, match="expected a mapping"):
        parse_scenario(bad)


def test_a_reflection_follows_the_thread_and_care_shown_does_not_close_them() -> None:
    talk = Conversation("child-son-psychosis-direct")
    assert talk.say("hey son, brought you some food").kind == "small_talk"
    assert talk.say("you look really tired, love").kind != "trigger"
    talk.say("what's it been like for you lately, with everything?")
    # fear of how things are now is a feeling, not fear of what talking would bring up
    assert talk.say("that sounds really frightening").answers == "feelings"
    tablets = talk.say("what bothers you most about the tablets?")
    assert tablets.reveals == "medication"
    # "they" are the tablets: a reflection that only half reads as another reason stays with them
    assert talk.say("so it's the way they make you feel flat that you can't stand").answers == "medication"


# What a scene must not assert, because the user knows it better and may have told it otherwise ("made redundant",
# not "lost two jobs for shouting"): when it started or happened, how long ago, how often, how much.
_WHEN_OR_HOW_MUCH = re.compile(
    r"\b(?:ago|since|during|last (?:week|weekend|month|year|night|summer|spring|autumn|winter|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)|this (?:week|month|term|year|summer|spring|autumn|winter)|"
    r"(?:in|over) the (?:summer|spring|autumn|winter)|lockdown|january|february|march|april|june|july|august|september|"
    r"october|november|december|(?:for|in) (?:days|weeks|months|years)|once|twice|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+) (?:times|jobs|days|weeks|months|years)|"
    r"thousands?|hundreds?|pounds|dollars)\b|[£$]\s*\d",
    re.I,
)


def test_scenes_leave_out_when_how_often_and_how_much() -> None:
    found = {s.id: _WHEN_OR_HOW_MUCH.findall(s.scene) for s in registry().values()}
    assert {sid: hits for sid, hits in found.items() if hits} == {}
    # The old scene that told a user whose brother was made redundant that he "lost two jobs for shouting at managers"
    assert _WHEN_OR_HOW_MUCH.search("Your brother Kev has lost two jobs for shouting at managers")
    assert _WHEN_OR_HOW_MUCH.search("she fainted in the supermarket last month")


def test_the_scene_calls_them_what_the_user_calls_them(run_action: Callable[..., Run]) -> None:
    dan = registry()["partner-anger-emotional"]
    assert scene_for(dan, "husband").startswith("Dan, your husband,")
    assert scene_for(dan, "partner").startswith("Dan, your partner,")
    assert scene_for(dan, None) == scene_for(dan, "wife") == dan.scene  # not a word he answers to: the scene as written
    assert scene_for(registry()["parent-dad-bipolar-direct"], "stepdad").startswith("Your stepdad Viktor")
    # Set up for someone who said "my husband has a temper": the scene says husband, and nothing about what set it off.
    slots = {"relationship": "partner", "concern": "anger", "resistance_form": "emotional", "roleplay_goal": "stay calm",
             "memory": {"word": "husband"}}
    begin = run_action(ActionBeginRoleplay(), make_tracker("let's practise", "start_roleplay", slots=slots))
    scene = begin.text.split("The scene: ")[1].split("\n")[0]
    assert begin.slot("rp_state")["scenario"] == "partner-anger-emotional"
    assert scene == scene_for(dan, "husband", told=True) and "your husband" in scene and "boyfriend" not in scene


@pytest.mark.parametrize(
    ("said", "first_line", "name"),
    [
        ("my husband's temper is awful", "Liam, I love you and I'm not calling you a monster.", "Liam"),
        ("my husband Dave drinks every night", "I've been worried about you.", "Dave"),
        ("my husband drinks every night", "Dad, can we talk?", None),  # a word for them, not a name
        ("my sister Jo is lovely but my husband drinks", "I've been worried about you.", None),  # Jo is not the one practised
        ("My husband Dave drinks every night", "I've been worried about you.", "Dave"),  # a capital at the start
        ("my husband drinks every night", "Alright, can we talk?", None),  # openers and words for them are no names
        ("my husband drinks every night", "Hubby, we need to talk.", None),
        ("my husband drinks every night", "Morning, love. Can we talk?", None),
        # typed in lowercase at the start of the first line (conversation set 6: "I'll play Mark" to a user who said "dave")
        ("my husband drinks every night", "dave i love you and im not having a go at you", "Dave"),
        ("my husband drinks every night", "priya, im worried about you", "Priya"),
        ("my husband drinks every night", "sometimes i think you hate me", None),
        ("my husband drinks every night", "omg i cant do this", None),
        # told with "called" (a stranger: "can i practise? shes called nadia" was played as the scenario's Kirsty)
        ("can i practise? shes called nadia", "I've been worried about you.", "Nadia"),
        ("my husband, his name's Tom, drinks every night", "I've been worried about you.", "Tom"),
        ("my sister's called Jo, but it's my husband who drinks", "I've been worried about you.", None),  # Jo is the sister
        ("he's called names at work and drinks every night", "I've been worried about you.", None),
        ("she's called in sick three times this month", "I've been worried about you.", None),
        ("my husband is named dave and he drinks", "I've been worried about you.", "Dave"),
        ("hes called police on me twice", "I've been worried about you.", None),
        # a stranger's rehearsal: "my wife priya has been really flat" was played as the scenario's Kate
        ("my husband dave has been drinking every night", "I've been worried about you.", "Dave"),
        ("my husband drinks every night", "I've been worried about you.", None),  # "drinks" is no name
    ],
)
def test_the_loved_one_goes_by_the_name_the_user_gave(said: str, first_line: str, name: str | None) -> None:
    from actions.rehearsal.actions import given_name
    from tests.conftest import make_tracker

    assert given_name(make_tracker(said, slots={"relationship": "partner"}), first_line) == name


def test_a_line_typed_while_set_up_asks_how_they_say_no_reaches_the_goal_check_as_the_line() -> None:
    """Extraction hands the line over as the goal: the goal's validation makes it the first line (a slot set beside
    the goal at extraction would be dropped, and the line lost)."""
    from tests.conftest import run_async

    line = "Mum, I miss dad too. I'm not trying to fix you, I just worry when you don't eat."
    tracker = make_tracker(line, intent="practice_line", slots={"relationship": "parent", "requested_slot": "resistance_form"})
    form = ValidateRoleplaySetupForm()
    extracted = run_async(form.extract_roleplay_goal(CollectingDispatcher(), tracker, {}))
    assert extracted == {"roleplay_goal": line}
    validated = form.validate_roleplay_goal(extracted["roleplay_goal"], CollectingDispatcher(), tracker, {})
    assert validated["roleplay_goal"] == "raise it gently, once" and validated["rp_state"]["first_line"] == line


@pytest.mark.parametrize(("told", "answer", "first_line"), [
    # a stranger answered "what would you like to get out of this talk?" with this, and it was kept as the goal
    ("can i practise? shes called nadia", "nadia, what's it been like since the split?", True),
    ("my sister nadia has been so low since the split", "nadia, what's it been like since the split?", True),
    ("My little sister Nadia won't talk to anyone", "nadia what's it been like since the split?", False),  # no comma, no "i"
    ("My little sister Nadia won't talk to anyone", "nadia, what's it been like since the split?", True),
    ("can i practise? shes called nadia", "nadia to know im not judging her", False),  # about her: the goal
    ("can i practise with my sister", "patience, mostly. and for her to hear me", False),
    ("can i practise with my sister", "honesty, can i get that?", False),
])
def test_a_lowercase_name_opening_the_answer_to_the_goal_question_makes_it_the_first_line(told: str, answer: str,
                                                                                          first_line: bool) -> None:
    tracker = make_tracker(answer, slots={"relationship": "sibling", "requested_slot": "roleplay_goal"})
    tracker.events[:0] = [{"event": "user", "text": told}]
    validated = ValidateRoleplaySetupForm().validate_roleplay_goal(answer, CollectingDispatcher(), tracker, {})
    assert ("rp_state" in validated) is first_line
    assert (validated["roleplay_goal"] == answer) is not first_line


def test_a_line_after_a_goal_told_with_the_request_keeps_that_goal() -> None:
    """"could I have a go? I want to try asking how he's really doing", then "Dad, have you got a minute?" while set-up
    asks how he says no: the line is the first line, and the goal stays the one they told us, not the default."""
    from tests.conftest import run_async

    line = "Dad, have you got a minute? I wanted to see how you're doing."
    tracker = make_tracker(line, intent="practice_line", slots={"relationship": "parent", "requested_slot": "resistance_form"})
    tracker.events[:0] = [{"event": "slot", "name": "roleplay_goal", "value": "asking how he's really doing"}]
    form = ValidateRoleplaySetupForm()
    extracted = run_async(form.extract_roleplay_goal(CollectingDispatcher(), tracker, {}))
    tracker.add_slots([{"event": "slot", "name": "roleplay_goal", "value": extracted["roleplay_goal"]}])
    validated = form.validate_roleplay_goal(extracted["roleplay_goal"], CollectingDispatcher(), tracker, {})
    assert validated == {"roleplay_goal": "asking how he's really doing", "rp_state": {"first_line": line}}


def test_a_scene_set_up_from_the_users_story_does_not_say_whose_death_it_was(run_action: Callable[..., Run]) -> None:
    """The user said their mum died and dad won't talk to anyone: the closest scene must not tell them he lost his best
    friend. Picked from the list, the scenario keeps its own story."""
    tom = registry()["parent-dad-grief-passive"]
    assert "best friend" in scene_for(tom, "dad") and "best friend" not in scene_for(tom, "dad", told=True)
    # Grief and substance use: whose death, and what they drink or use, are the user's to tell ("weed", played as Sarah
    # who drinks a bottle a night, would be told the wrong story).
    told = [s for s in registry().values() if s.concern in ("grief", "substance_use")]
    assert told and all(s.scene_told for s in told)
    assert {s.id: _WHEN_OR_HOW_MUCH.findall(s.scene_told) for s in registry().values() if _WHEN_OR_HOW_MUCH.search(s.scene_told)} == {}
    assert not re.search(r"\b(?:bottle|wine|weed|pills|cocaine|kids)\b", registry()["partner-drinking-emotional"].scene_told)
    slots = {"relationship": "parent", "concern": "grief", "resistance_form": "passive", "roleplay_goal": "ask how he is",
             "memory": {"word": "dad"}}
    begin = run_action(ActionBeginRoleplay(), make_tracker("since mum died dad won't see anyone. can we practise", "start_roleplay",
                                                           slots=slots))
    assert begin.slot("rp_state")["scenario"] == tom.id
    assert "Your dad Tom is grieving" in begin.text and "best friend" not in begin.text


def test_asking_to_sit_with_them_makes_room_for_you() -> None:
    """"Dad, can I sit with you for a bit?" was answered "Uh oh. That sounds serious. Go on.", an answer to asking."""
    from actions.rehearsal.engine import _COMPANY

    assert _COMPANY.search("Dad, can I sit with you for a bit?") and not _COMPANY.search("I sat with him for a bit")
    reply = Conversation(sorted(registry())[0]).say("Dad, can I sit with you for a bit?")
    assert reply.kind == "company" and reply.line_id.startswith("act.company.")


@pytest.mark.parametrize("line", ["Hey, can I ask you something? No pressure.", "can we talk for a sec?", "is now an ok time?"])
def test_asking_permission_gets_an_answer_to_the_asking(line: str) -> None:
    talk = Conversation(sorted(registry())[0])
    reply = talk.say(line)
    assert reply.kind == "permission" and reply.line_id.startswith("act.permission.")


@pytest.mark.parametrize(
    ("asked", "goal"),
    [
        ("can we practise? i want to try asking her what makes it hard", "asking her what makes it hard"),
        ("could you play my dad so i can tell him im worried about the drinking", "tell him im worried about the drinking"),
    ],
)
def test_a_goal_said_with_the_request_to_practise_is_the_goal(asked: str, goal: str) -> None:
    from actions.rehearsal.actions import _GOAL_IN_REQUEST

    found = _GOAL_IN_REQUEST.search(asked)
    assert found is not None and found.group(1) == goal


def test_the_loved_one_says_no_the_way_the_user_told_us() -> None:
    """The closest scenario may say no another way; the rehearsal plays the form the user described."""
    from actions.rehearsal.actions import as_told

    scenario = next(s for s in registry().values() if s.form == "intellectual")
    told = as_told(scenario, "emotional")
    assert told.form == "emotional" and told.id == scenario.id and told.reasons == scenario.reasons
    assert opening(told, "seed").line_id.startswith("roleplay.emotional.guarded")
    assert as_told(scenario, None) is scenario and as_told(scenario, "not-a-form") is scenario


def test_one_open_question_of_several_takes_a_singular_verb() -> None:
    feedback = summarise(play(["What's been weighing on you?", "Did you sleep at all?"]).turns, registry()["partner-low-passive"])
    assert "1 of your 2 questions was open" in feedback.text()


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Please would you draw up a plan for me.", True),
        ("can you make me a plan now", True),
        ("write my plan please", True),
        # A plan proposed to them, as a line in practice, doesn't end it.
        ("Can we make a plan together, you and me?", False),
        ("Dad, let's make a plan for getting you some support", False),
        ("I'd like us to make a plan with your doctor", False),
    ],
)
def test_only_a_plan_asked_for_the_user_ends_practice(text: str, asked: bool) -> None:
    assert bool(PLAN_ASKED.search(text)) is asked


@pytest.mark.parametrize(("text", "line"), [
    ("i miss you and i'm worried about you", True),
    ("Dad, can we talk about last night?", True),
    # a question to us about the user's own feelings, its "you" anyone (blind conversation set 17 got a practice offer)
    ("ok. is it normal to be this fed up with someone you love", False),
    ("is it wrong to feel relieved when you get a night off from them", False),
    # "them" is the doctors: a line to the loved one, not the goal (blind conversation set 17)
    ("dan ill sit with you while you ring them. right now, ill stay the whole time", True),
    ("get him to see that you can ring them together", False),
    # blind set 30: a story that opens on someone of theirs, its "you" anyone's (it was offered as a line to practise)
    ("my older sisters flat is full floor to ceiling, newspapers, carrier bags. you have to walk sideways down the hall", False),
    ("i love you and my mum loves you too, we just want you to be ok", True),
    ("my son, i need to talk to you about something", True),  # opens on a word for them, said to them
])
def test_a_question_about_the_users_own_feelings_is_no_line_for_the_loved_one(text: str, line: bool) -> None:
    from actions.rehearsal.actions import looks_like_a_line

    assert looks_like_a_line(text) is line


@pytest.mark.parametrize("line", ["babe can we talk about the weed for a sec, i'm not having a go", "mum i just want to understand"])
def test_a_line_opening_with_a_pet_name_and_no_comma_is_said_to_them(line: str) -> None:
    from actions.rehearsal.actions import looks_like_a_line

    assert looks_like_a_line(line)


@pytest.mark.parametrize(("line", "to_us"), [
    # a stranger's rehearsal: "what if he just changes the subject" was answered in character
    ("what if he just changes the subject", True),
    ("and what if she says shes fine", True),
    ("what do i say to that", True),
    ("what if you just talked to someone, once?", False),  # said to them
    ("what if we went together", False),
])
def test_a_question_about_them_mid_practice_is_for_us(line: str, to_us: bool) -> None:
    from actions.rehearsal.actions import ASKS_US_WHAT_TO_SAY

    assert bool(ASKS_US_WHAT_TO_SAY.search(line)) is to_us


@pytest.mark.parametrize(
    ("relationship", "words", "scenario"),
    [
        ("partner", "my husband is stoned every evening in the garden", "partner-drugs-passive"),
        ("sibling", "my brother's hooked on painkillers since he hurt his back", "sibling-brother-drugs-emotional"),
        ("parent", "mum's on sleeping tablets in the daytime now", "parent-mum-drugs-direct"),
        ("friend", "my mate does coke most weekends", "friend-drugs-intellectual"),
        ("sibling", "my sister's on the online slots half the night", "sibling-sister-gambling-emotional"),
    ],
)
def test_each_relationship_has_a_practice_partner_for_drugs_and_gambling(relationship: str, words: str, scenario: str) -> None:
    """Before session 11 only the child relationship had drug scenarios and only partner a gambling one, so a weed-smoking
    husband was played as a drinker, and the plan said to avoid "alcoholic"."""
    from actions.rehearsal.scenarios import closest

    assert closest(relationship, "substance_use", None, words).id == scenario


@pytest.mark.parametrize(("answer", "concern"), [
    # a stranger's set-up: "she's been really low since the split" was kept as "other", and a gambling sister was played
    ("she's been really low since the split with her husband", "depression"),
    ("she barely eats and hides it", "eating"),
    ("depression", "depression"),
    ("honestly i dont know, she wont say", "other"),  # still an answer: not asked again
])
def test_the_struggle_told_in_the_users_own_words_at_set_up_is_read_as_a_story_is(answer: str, concern: str) -> None:
    tracker = make_tracker(answer, slots={"relationship": "sibling", "requested_slot": "concern"})
    validated = ValidateRoleplaySetupForm().validate_concern(answer, CollectingDispatcher(), tracker, {})
    assert validated["concern"] == concern


@pytest.mark.parametrize(("line", "pronouns", "aside"), [
    # blind set 28, said to Dave about the counsellor: practice went on only because the line before was lost
    ("so it wasnt the talking that was the problem, it was that she didnt get it", "he/him", False),
    ("he just never listens to anything i say honestly", "he/him", True),
    ("so it wasnt the talking that was the problem, it was that she didnt get it", None, True),
])
def test_an_aside_is_about_the_one_being_played(line: str, pronouns: str | None, aside: bool) -> None:
    from actions.rehearsal.actions import an_aside_to_us

    assert an_aside_to_us(line, pronouns) is aside


@pytest.mark.parametrize(("said", "relationship", "pronouns", "name"), [
    ("my sister is called jo", "sibling", "she/her", "Jo"),
    ("my son's girlfriend, she's called amy, thinks he's depressed", "child", "he/him", None),  # "she" is not him
    ("he saw a counsellor once, she's called ruth", "partner", "he/him", None),
    ("can i practise? shes called nadia", "sibling", "she/her", "Nadia"),
])
def test_a_name_told_with_a_pronoun_is_theirs_only_if_the_pronoun_is(said: str, relationship: str, pronouns: str,
                                                                     name: str | None) -> None:
    from actions.rehearsal.actions import given_name

    assert given_name(make_tracker(said, slots={"relationship": relationship}), "I've been worried about you.", pronouns) == name


def test_the_word_for_them_told_at_set_up_is_the_latest() -> None:
    from actions.rehearsal.actions import kin_word_told

    tracker = make_tracker("my sister", slots={"relationship": "sibling"})
    tracker.events[:0] = [{"event": "user", "text": "me and my brother are worried about our sister"}]
    assert kin_word_told(tracker, "sibling") == "sister"
