"""Rehearsals over REST against the real Rasa and action servers: replies that answer, reveals, honest pacing,
setbacks, no repeated line, one speaker, rewinds to any turn, check-ins, feedback and the talk plan."""
from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.conftest import Assistant, in_character

pytestmark = pytest.mark.e2e

ORDER = ["guarded", "wary", "softening", "open", "concession"]
ROLEPLAY_KEYS = {"type", "in_character", "stage", "line_id", "scenario", "answers", "reveals"}
# Fresh lines, in neither the NLU training data nor the coding gold set.
PRESSURE = [
    "Honestly you're being pathetic, just call the clinic tomorrow.",
    "Either you see someone this month or I move out.",
    "You're acting like a child, go and get therapy.",
]
OPEN = [
    "What would make it feel safer to talk to someone?",
    "So part of you is worn out and doesn't know where to start.",
    "Whatever you decide, I'll back you.",
]
WARM = ["I've missed you, and I love you to bits.", "It sounds like the last few months have been really heavy."]
# Open questions on each topic, worded as a worried family member might type them (not taken from any data set).
TOPIC_QUESTIONS = [
    ("money", "What's the money side of it like for you?"),
    ("money", "how much would the cost of it weigh on you?"),
    ("time", "How would you manage to fit appointments into your week?"),
    ("time", "what would help you find the time for it?"),
    ("stigma", "What do you imagine the people you work with would think?"),
    ("stigma", "how would you feel if your friends knew you were seeing someone?"),
    ("past_experience", "What was it like the last time you spoke to a therapist?"),
    ("past_experience", "what went wrong with the counsellor you saw before?"),
    ("medication", "What goes through your mind when you think about antidepressants?"),
    ("medication", "how do you feel about the idea of being prescribed something?"),
    ("labels", "What would it be like for you to be given a diagnosis?"),
    ("labels", "what bothers you about people putting a label on it?"),
    ("privacy", "What would you want to stay confidential if you went?"),
    ("privacy", "who would you not want finding out about it?"),
    ("fear_of_feelings", "What frightens you about opening up to a stranger?"),
    ("fear_of_feelings", "what are you afraid might come out if you started talking?"),
    ("doubt_it_works", "How much do you think therapy would actually help?"),
    ("doubt_it_works", "what would make it feel worth trying?"),
    ("independence", "What's it like for you to think about needing help from anyone?"),
    ("independence", "how important is it to you to handle this on your own?"),
    ("culture_faith", "How does your faith sit with the idea of counselling?"),
    ("culture_faith", "what would your family's culture make of getting this kind of support?"),
    ("family_role", "Who do you feel you have to stay strong for?"),
    ("family_role", "how would things go for the kids if you took some time for yourself?"),
    ("feelings", "How have you been feeling in yourself lately?"),
    ("the_relationship", "How do you think things have been between us?"),
    ("the_future", "What do you hope the next year looks like for you?"),
]


def customs(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [reply["custom"] for reply in replies if reply.get("custom")]


def start(assistant: Assistant, sender: str) -> list[dict[str, Any]]:
    assistant.say(sender, "my husband refuses to see a therapist")
    assistant.say(sender, "he agreed to go and then never booked it")
    setup = assistant.say(sender, "can we practise the conversation? play my husband")
    # Relationship and form are known; the set-up asks only for what is missing.
    assert "struggling with" in " ".join(r.get("text", "") for r in setup)
    assistant.say(sender, "he's been really low, depressed I think")
    return assistant.say(sender, "agree one small step")


class Rehearsal:
    """One rehearsal over REST, keeping every in-character reply."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant, self.sender = assistant, f"rp-{uuid.uuid4().hex[:8]}"
        self.opening = start(assistant, self.sender)
        assert "Practice mode is on" in self.opening[0]["text"] and "The scene:" in self.opening[0]["text"]
        self.replies = in_character(self.opening)
        assert self.replies and self.replies[0]["custom"]["stage"] == "guarded"
        self.speaker = self.replies[0]["text"].split(":", 1)[0]

    def say(self, line: str) -> dict[str, Any]:
        replies = self.assistant.say(self.sender, line)
        spoken = in_character(replies)
        assert len(spoken) == 1, replies
        self.replies.append(spoken[0])
        return dict(spoken[0]["custom"])

    def aside(self, line: str) -> list[dict[str, Any]]:
        """Something said out of character (hint, rewind, check-in, plan, stop)."""
        replies = self.assistant.say(self.sender, line)
        assert not in_character(replies), replies
        return replies


def test_an_open_question_on_a_topic_gets_a_reply_that_answers_that_topic(assistant: Assistant) -> None:
    answered = []
    for topic, question in TOPIC_QUESTIONS:
        talk = Rehearsal(assistant)
        for line in WARM:
            talk.say(line)
        reply = talk.say(question)
        answered.append(reply["answers"] == topic)
    rate = sum(answered) / len(answered)
    missed = [q for (_, q), ok in zip(TOPIC_QUESTIONS, answered, strict=True) if not ok]
    assert len(TOPIC_QUESTIONS) >= 20 and rate >= 0.8, (rate, missed)


def test_every_in_character_reply_keeps_the_payload_contract_the_speaker_and_never_repeats_a_line(assistant: Assistant) -> None:
    talk = Rehearsal(assistant)
    lines = [*WARM, "I know the kids have noticed you're quiet too.", "What did your father used to say about this sort of thing?",
             *OPEN, *PRESSURE, "What would you want me to understand?", "It sounds like nobody's really asked you that."]
    for line in lines:
        talk.say(line)
    assert all(set(r["custom"]) == ROLEPLAY_KEYS and r["custom"]["in_character"] is True for r in talk.replies)
    assert {r["text"].split(":", 1)[0] for r in talk.replies} == {talk.speaker}
    assert {r["custom"]["scenario"] for r in talk.replies} == {talk.replies[0]["custom"]["scenario"]}
    ids = [r["custom"]["line_id"] for r in talk.replies]
    assert len(ids) == len(set(ids))


def test_hidden_reasons_come_out_to_questions_and_reflections_once_past_guarded(assistant: Assistant) -> None:
    talk = Rehearsal(assistant)
    first = talk.say("What's stopping you from going, do you think?")
    assert first["reveals"] is None  # they were guarded when asked
    revealed = []
    curious = ["What gets in the way, when you think about booking it?", "So part of you wants to, and part of you is dreading it."]
    for line in [*WARM, *curious]:
        custom = talk.say(line)
        if custom["reveals"]:
            revealed.append(custom["reveals"])
    assert revealed, talk.replies
    end = talk.aside("stop practice")
    feedback = [c for c in customs(end) if c.get("type") == "feedback"][0]
    assert feedback["reasons_found"] == revealed and feedback["reasons_total"] >= 2


def test_pacing_moves_one_stage_at_a_time_and_three_skilled_lines_do_not_win_a_yes(assistant: Assistant) -> None:
    talk = Rehearsal(assistant)
    stages = ["guarded"] + [talk.say(line)["stage"] for line in [WARM[1], *OPEN]]
    assert "concession" not in stages[:4]
    assert all(ORDER.index(b) - ORDER.index(a) <= 1 for a, b in zip(stages, stages[1:], strict=False))


def test_pressure_keeps_them_guarded_and_pressure_after_progress_sets_them_back(assistant: Assistant) -> None:
    pressed = Rehearsal(assistant)
    assert [pressed.say(line)["stage"] for line in PRESSURE] == ["guarded"] * 3
    talk = Rehearsal(assistant)
    reached = [talk.say(line)["stage"] for line in [*WARM, *OPEN]][-1]
    assert ORDER.index(reached) >= ORDER.index("softening")
    after = talk.say(PRESSURE[1])["stage"]
    assert ORDER.index(after) < ORDER.index(reached)


def test_a_rewind_goes_back_to_any_earlier_turn(assistant: Assistant) -> None:
    talk = Rehearsal(assistant)
    stages = [talk.say(line)["stage"] for line in [*WARM, OPEN[0], PRESSURE[0]]]
    replies = talk.aside("go back to turn 2")
    text = " ".join(r.get("text", "") for r in replies)
    assert "Rewound to turn 2" in text
    state = talk.assistant.tracker(talk.sender)["slots"]["rp_state"]
    assert len(state["turns"]) == 1
    # The next line is turn 2 again, from where turn 1 left them.
    again = talk.say(OPEN[1])
    assert ORDER.index(again["stage"]) - ORDER.index(stages[0]) <= 1
    assert len(talk.assistant.tracker(talk.sender)["slots"]["rp_state"]["turns"]) == 2
    last = talk.aside("let me try that again")
    assert "Rewound to turn 2" in " ".join(r.get("text", "") for r in last)


def test_feedback_after_taking_back_the_only_line_is_about_that_line(assistant: Assistant) -> None:
    """Blind set 23: one line, "let me try that again", then "stop there. was that ok?" answered "You didn't try a line"."""
    talk = Rehearsal(assistant)
    talk.say(OPEN[0])
    talk.aside("let me try that again")
    end = talk.aside("stop there. was that ok?")
    text = " ".join(r.get("text", "") for r in end)
    assert "didn't try a line" not in text and "the one you tried" in text
    assert [c for c in customs(end) if c.get("type") == "feedback"], end


def test_ok_done_howd_i_do_ends_the_practice_with_feedback(assistant: Assistant) -> None:
    talk = Rehearsal(assistant)
    talk.say(WARM[0])
    end = talk.aside("ok done. howd i do")
    assert [c for c in customs(end) if c.get("type") == "feedback" and c.get("final")], end


def test_how_am_i_doing_mid_practice_gives_feedback_not_final_and_asking_for_a_plan_ends_it(assistant: Assistant) -> None:
    talk = Rehearsal(assistant)
    for line in [*WARM, OPEN[0]]:
        talk.say(line)
    check_in = talk.aside("how am i doing so far?")
    text = " ".join(r.get("text", "") for r in check_in)
    assert "haven't finished" not in text and "so far" in text and "You asked 1 question" in text
    # one feedback type; "final" false keeps the page's practice look
    assert [(c["type"], c["final"]) for c in customs(check_in)] == [("feedback", False)]
    talk.say(OPEN[1])  # still in practice after the check-in
    # Asking for the plan ends the rehearsal (two blind writers expected it to): the feedback, then the plan.
    end = talk.aside("make me a plan")
    cards = [c for c in customs(end) if c.get("type") == "talk_plan"]
    assert cards and cards[0]["opener"] and len(cards[0]["reflections"]) == 2 and cards[0]["after_no"] and cards[0]["door_open"]
    assert not (talk.assistant.tracker(talk.sender).get("active_loop") or {}).get("name")  # practice is off
    kinds = [c.get("type") for c in customs(end)]
    assert kinds == ["feedback", "talk_plan"]
    feedback = customs(end)[0]
    expected = {"reasons_found", "reasons_total", "reflection_to_question", "open_question_share", "complex_reflection_share",
                "thresholds", "openness"}
    assert expected <= set(feedback)
    assert "Your talk plan" in " ".join(r.get("text", "") for r in end)


def test_pressure_scores_lower_than_curiosity_and_feedback_arrives(assistant: Assistant) -> None:
    scores = {}
    for name, lines in (("pressure", PRESSURE), ("open", OPEN)):
        talk = Rehearsal(assistant)
        for line in lines:
            talk.say(line)
        feedback = [c for c in customs(talk.aside("stop practice")) if c.get("type") == "feedback"][0]
        scores[name] = feedback["score"]
    assert scores["open"] > scores["pressure"]


def test_a_crisis_message_during_practice_breaks_character(assistant: Assistant) -> None:
    sender = f"rp-{uuid.uuid4().hex[:8]}"
    start(assistant, sender)
    replies = assistant.say(sender, "honestly i want to kill myself, nothing works")
    text = " ".join(r.get("text", "") for r in replies)
    assert "988" in text and "911" in text
    assert not [c for c in customs(replies) if c.get("type") == "roleplay"]
    assert assistant.tracker(sender)["active_loop"] in ({}, None) or not assistant.tracker(sender)["active_loop"].get("name")


def test_danger_to_the_loved_one_mentioned_during_practice_breaks_character(assistant: Assistant) -> None:
    sender = f"rp-{uuid.uuid4().hex[:8]}"
    start(assistant, sender)
    replies = assistant.say(sender, "sorry, pause - my son just texted that he swallowed a load of his tablets")
    text = " ".join(r.get("text", "") for r in replies)
    assert "988" in text and "911" in text
    assert not [c for c in customs(replies) if c.get("type") == "roleplay"]
    user_turns = [e for e in assistant.tracker(sender)["events"] if e.get("event") == "user"]
    assert user_turns[-1]["parse_data"]["crisis_category"] == "MEANS_OVERDOSE"
