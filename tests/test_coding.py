"""The MI coder: covert pressure, simple and complex reflections, and per-code scores on a test split never tuned on.

The floors sit a little under what was measured (results/mi_coder.md, written by
`python -m actions.rehearsal.coder_model evaluate`).
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from actions.rehearsal import coder_model
from actions.rehearsal.coder_model import (
    DECIDED,
    LABELS,
    Line,
    extend_splits,
    read_gold,
    read_source,
    read_split,
    score,
)
from actions.rehearsal.coding import Code, code
from kernel.settings import REPO_ROOT

PRESSURE = {Code.ADVICE_WITHOUT_PERMISSION.value, Code.CONFRONT.value, Code.ULTIMATUM.value}


@pytest.fixture(scope="module")
def test_split() -> list[Line]:
    return read_split("test")


def _scores(lines: list[Line], labels: list[str] = LABELS) -> coder_model.Scores:
    predict = {line.text: [c for c in code(line.text) if c in labels] for line in lines}
    return score(lines, predict, labels)


@pytest.mark.parametrize(
    "line",
    [
        "I've booked you in for Tuesday.",
        "I told your sister, she'll talk to you too.",
        "After everything I've done for you.",
        "If you don't go I'll tell your mum.",
        "What you need is a proper rest.",
        "The best thing would be to ring them tomorrow.",
        # round 6: arranged and told as done, a habit taken away, others brought in, sarcasm, blame, care-wrapped orders
        "Sorted you a session with the physio, it's Wednesday at 2.",
        "got u a pass for the pool, first swim is monday",
        "I've unplugged the telly so you can't stay up all night.",
        "my brother and i reckon a few weeks at the retreat would be good",
        "What would really help is a walk every morning.",
        "The only thing that'll change this is you stopping.",
        "can you at least eat half a sandwich",
        "maybe if you went outside you wouldn't feel so flat",
        "Oh I'm sure the pub will pay your rent.",
        "ok mr 'i'll do it tomorrow'",
        "you treat 'next year' like it's magic",
        "You lie in till noon and then wonder why you can't sleep.",
        "What am I meant to tell your nan?",
        "I love you, but I won't keep living like this.",
        "One more letter from the bank and you're on your own.",
        # round 8: kinds other writers used (a favour about help arranged for them, held until they go, minimising,
        # "fit enough to X", a relative held up as the example, an eye-roll)
        "I put the meditation app on your phone last night.",
        "I've rung your counsellor and she's expecting your call.",
        "You can have the car back once you've been to a meeting.",
        "If you're fit enough to go to the pub you're fit enough to go to work.",
        "Your cousin's got three kids and she still manages the school run.",
        "sure, the betting app will sort your debts out 🙄",
        # round 9: blame told as a plain past fact, counting, sarcastic tails, idioms of disbelief, elders as the example,
        # choice + threat
        "you put the car insurance money on a horse",
        "you were supposed to be at the school gate at half three",
        "third takeaway this week, i counted",
        "you forgot the gas bill again. brilliant.",
        "excuses much?",
        "who in their right mind drives after six pints",
        "grandma raised five kids on her own without a therapist",
        "your choice, but i won't be around to clean up after it",
    ],
)
def test_covert_pressure_is_coded_as_pressure(line: str) -> None:
    assert PRESSURE & set(code(line)), code(line)


@pytest.mark.parametrize(
    "line",
    [
        "And you don't want to end up like your dad.",  # their own fear, told back
        "What would people think if you saw someone?",  # a genuine open question asks; it does not tell
        "Thanks.",
        "lol",
        "yep",
        "See you next week.",
        "I booked the cottage for our holiday in July.",  # arranging something, but not for them
        "I've made a dentist appointment for myself at last.",
        "What would really help me is someone doing the bins, haha.",
        "What do you think would really help right now?",
        "I'm sure it'll brighten up tomorrow.",
        "The only thing on telly tonight is the darts.",
        "I'll call your mum to say we're running late.",  # ringing their family, but no threat
        # round 9 look-alikes: past facts told back, warm tails
        "you missed the bus and had to walk, what a day",
        "Two weeks off the bookies, that's brilliant.",
        "Does your dad know how much?",
        # left open by round 9, read right since two more authors' lines were trained on
        "i'm doing fajitas tonight if you're free",
        "you spent years looking after your mum, and it's left you worn out",
    ],
)
def test_lines_that_only_look_like_pressure_are_not_coded_as_pressure(line: str) -> None:
    assert not PRESSURE & set(code(line)), code(line)


@pytest.mark.xfail(strict=True, reason="round 9 left this open: the model alone still reads some errands and warm lines the "
                          "rules find nothing in as pressure "
                          "(a floor picked for F1 fixed it but cost 1.5 to 3 points of pressure recall on sets B and C)")
@pytest.mark.parametrize(
    "line",
    ["your glasses are on the kitchen table"],
)
def test_errands_and_small_talk_said_to_you_are_not_pressure(line: str) -> None:
    assert not PRESSURE & set(code(line)), code(line)


@pytest.mark.parametrize(
    "line",
    # care shown is held to praise's floor before the model alone may call it pressure (they closed the loved one up
    # in practice: "hey son, brought you some food" set off a trigger line)
    ["got you the crisps you like, the salt and vinegar ones", "hey son, brought you some food", "you look really tired, love",
     "i picked you up some of those cakes from the market"],
)
def test_care_shown_is_not_pressure(line: str) -> None:
    assert not PRESSURE & set(code(line)), code(line)


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("Thanks for letting me know you got home.", set()),  # thanks that names no harm is not sarcasm
        ("I got this for you at the shop.", set()),  # a favour that is not about help
        ("hun, how are you feeling about tomorrow?", {"open_question"}),  # a pet name before the question
        ("Hand me your keys. I'm keeping them until you've seen the doctor.", {"ultimatum"}),
        # round 9: warm codes said without their usual words
        ("going to the GP on your own was brave", {"affirmation"}),
        ("fair play for telling your sister", {"affirmation"}),
        ("alright if i text you in the morning?", {"closed_question", "autonomy_support"}),
        ("do you want ideas or just a moan tonight?", {"closed_question", "autonomy_support"}),
        ("my heart sinks when you cancel on the kids", {"i_statement"}),
        ("you lost your dad last spring and it still hurts", set()),  # a past loss told back is not blame
    ],
)
def test_the_rules_read_these_kinds_as_they_are(line: str, codes: set[str]) -> None:
    from actions.rehearsal.coding import rule_codes

    assert {c.value for c in rule_codes(line)} >= codes
    if not codes:
        assert not rule_codes(line) & {Code.CONFRONT, Code.ADVICE_WITHOUT_PERMISSION, Code.ULTIMATUM}


def test_an_ultimatum_absorbs_advice_that_only_the_model_gave() -> None:
    from actions.rehearsal.coding import _settle_conflicts

    both = {Code.ULTIMATUM, Code.ADVICE_WITHOUT_PERMISSION, Code.AUTONOMY_SUPPORT}
    assert _settle_conflicts(both, {Code.ULTIMATUM}) == {Code.ULTIMATUM}
    assert _settle_conflicts(both, {Code.ULTIMATUM, Code.ADVICE_WITHOUT_PERMISSION}) == {Code.ULTIMATUM, Code.ADVICE_WITHOUT_PERMISSION}


def test_training_is_deterministic_in_what_it_feeds_the_model() -> None:
    """The rule markers dropped at random are drawn in a fixed order (sets of str iterate per process)."""
    source = (REPO_ROOT / "actions/rehearsal/coder_model.py").read_text(encoding="utf-8")
    assert "sorted(c.value for c in rule_codes(line.text))" in source
    assert "fix_random_seed(SEED)" in source


def test_transcribed_speech_loses_its_fillers_and_false_starts() -> None:
    from actions.rehearsal.coding import normalise

    assert normalise("Mm-hmm. So, um, you know, it's- it's been a really rough year.") == "so, it's been a really rough year."
    assert normalise("Yeah, and you know, you said that you wanted to, uh, be healthier") == (
        "yeah, and you said that you wanted to, be healthier")
    assert normalise("Do you know what you want?") == "do you know what you want?"  # "you know" that means it stays


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("Mm-hmm. So, um, you know, it's- it's been a really rough year.", {"reflection"}),
        ("Uh, you've kind of been carrying this on your own for a long time.", {"reflection"}),
        ("Yeah, so, um, you've been thinking about cutting down, you know, because of the kids, and, uh, what would that "
         "look like for you?", {"reflection", "open_question"}),
        ("So you stopped for a while, and, um, I'm wondering, what helped you do that?", {"reflection", "open_question"}),
        ("And do you want to, um, tell me a bit about that?", {"open_question"}),
        ("So, you smoke about, what, twenty a day?", {"closed_question"}),
    ],
)
def test_a_counsellor_s_spoken_turn_is_coded_for_what_it_does(line: str, codes: set[str]) -> None:
    assert codes <= set(code(line)), code(line)
    assert not PRESSURE & set(code(line))


def test_a_word_said_twice_in_one_breath_is_said_once() -> None:
    from actions.rehearsal.coding import normalise

    assert normalise("You've-you've got a lot on. It-it was so-so, bye-bye.") == "you've got a lot on. it was so-so, bye-bye."


@pytest.mark.parametrize(
    "line",
    ["Oh, you're welcome.", "Have a good weekend.", "Nice to meet you too.", "ok see you later, take care x",
     "You're very welcome. My pleasure, thank you.", "All right. Great. Well, have a good afternoon."],
)
def test_politeness_is_no_move(line: str) -> None:
    assert code(line) == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("What about it seems so hard?", "open_question"),  # asks which part
        ("what about the group on thursdays?", "closed_question"),  # offers a topic
        ("Marie, can you give me an example of a time it went better?", "open_question"),
        ("Well, tell me, on a scale from one to 10, how ready are you?", "closed_question"),  # a ruler asks for a number
        ("How ready do you feel? Zero being not at all and ten being totally.", "closed_question"),
        ("I'm just wondering how it was for you to go back there.", "open_question"),
        ("I was wondering if you'd be up for talking about the drinking for a few minutes.", "closed_question"),
    ],
)
def test_open_and_closed_as_miti_codes_them(line: str, kind: str) -> None:
    assert kind in code(line) and not ({"open_question", "closed_question"} - {kind}) & set(code(line)), code(line)


def test_a_jab_dressed_as_thanks_is_still_a_jab() -> None:
    assert PRESSURE & set(code("thanks for nothing"))


@pytest.mark.parametrize(
    "line",
    [
        "So, um, you tried it for a couple of weeks and it- it didn't really stick.",
        "Uh, 'cause I'm hearing that the kids matter more to you than anything right now.",
        "And, um, you walk in there and everyone- everyone already knows your name-",  # read again since sets L and M
        "Okay, so you stopped going to the group after the, uh, after the row with Dave.",
    ],
)
def test_spoken_turns_that_say_back_what_was_heard_are_reflections(line: str) -> None:
    """Transcribed speech (hesitations, cut-off words, a word said twice): the model, which learnt pressure from typed
    chat, alone may call such a turn pressure only when it is very sure (coding.SPOKEN_PRESSURE_FLOOR)."""
    assert "reflection" in code(line) and not PRESSURE & set(code(line)), code(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param("so you spent the rent money on the machines again", "confront", marks=pytest.mark.xfail(
            strict=True, reason="session 12: with pressure recall weighted three times (PRESSURE_BETA 3) the combination keeps "
                                "the confront but also the rules' 'so you...' reflection")),
        ("So, you know, you- you could just stop going to the pub.", "advice_without_permission"),
    ],
)
def test_blame_and_advice_are_still_pressure_in_either_register(line: str, kind: str) -> None:
    assert kind in code(line) and "reflection" not in code(line), code(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("So you feel stuck.", "simple_reflection"),
        ("You don't like the new tablets.", "simple_reflection"),
        ("Part of you wants to stop, and part of you is scared of who you'd be without it.", "complex_reflection"),
    ],
)
def test_a_reflection_says_whether_it_is_simple_or_complex(line: str, kind: str) -> None:
    assert code(line) == ["reflection", kind]


def test_every_reflection_gets_exactly_one_kind_and_only_reflections_get_one(test_split: list[Line]) -> None:
    for line in test_split:
        codes = set(code(line.text))
        kinds = codes & {"simple_reflection", "complex_reflection"}
        assert len(kinds) == ("reflection" in codes), (line.text, codes)


def test_family_chat_lines_score_well_on_the_untouched_test_split(test_split: list[Line]) -> None:
    chat = [line for line in test_split if line.register == "chat"]
    scores = _scores(chat, DECIDED)
    # 535 lines, 105 of them round 6's harder covert pressure and look-alikes (measured 0.81 to 0.82 on those alone);
    # measured 0.895 to 0.902 over retrains (the 430 lines there before round 6: 0.909 to 0.915, was 0.914 to 0.922);
    # round 8 (training made deterministic): 0.885, and 0.885 to 0.898 over the retrains before that
    assert scores.macro_f1 >= 0.87, scores.per_code
    # measured 0.920 to 0.930 (the 105 round-6 lines: 0.86; the 430 older lines: 0.932 to 0.941, was 0.941 to 0.962);
    # round 7 added 31 harder lines (flat blame, sarcasm, guilt; 0.67 on those alone): 0.908 over all 564, 0.923 on the rest;
    # round 8: 0.918; round 9: 0.883 over 593 (0.898 on the 563 there before it; its 30 new lines of flat blame, sarcasm
    # and look-alikes 0.455)
    assert scores.extras["pressure_recall"] >= 0.87


def test_family_chat_lines_written_apart_from_the_corpus_still_score_well() -> None:
    """holdout_chat.tsv was written before this round of rules and corpus lines, and never tuned on (not even its errors)."""
    scores = _scores(read_gold(coder_model.HOLDOUT_PATH), DECIDED)
    assert scores.macro_f1 >= 0.91, scores.per_code  # measured 0.922 to 0.934 over retrains (0.906, and 0.792 before that)
    assert scores.extras["pressure_recall"] >= 0.93  # measured 0.947 to 0.967 (round 8: 0.960; once 0.854, 0.589)


def test_counsellor_utterances_questions_and_reflections_on_the_untouched_test_split(test_split: list[Line]) -> None:
    counsellor = [line for line in test_split if line.register == "counsellor"]
    scores = _scores(counsellor)
    assert scores.extras["question_f1"] >= 0.95  # measured 0.978 to 0.984 (264 lines; was 0.972 on 210)
    assert scores.extras["open_vs_closed_accuracy"] >= 0.95  # measured 1.000
    assert scores.per_code["reflection"][2] >= 0.90  # measured 0.94 to 0.95 (was 0.92; rules alone 0.72)
    assert scores.extras["simple_vs_complex_accuracy"] >= 0.90  # measured 0.931 to 0.953


def test_the_old_gold_file_still_codes_well() -> None:
    scores = _scores(read_gold(), DECIDED)
    assert scores.macro_f1 >= 0.93, scores.per_code  # measured 0.943 to 0.956 over retrains (0.969 before this round)


def test_the_committed_splits_match_the_source_and_keep_near_duplicates_apart() -> None:
    committed = {name: read_split(name) for name in coder_model.SPLITS}
    splits = extend_splits(read_source(), committed)
    assert sum(len(lines) for lines in splits.values()) >= 2000
    for name, lines in splits.items():
        assert [(line.text, line.codes) for line in lines] == [(line.text, line.codes) for line in read_split(name)], name
    words = {name: [coder_model._words(line.text) for line in lines] for name, lines in splits.items()}
    for a in words["test"]:
        assert not any(coder_model._near_duplicate(a, b) for b in words["train"] + words["dev"])


def test_no_corpus_line_is_copied_from_the_old_gold_file() -> None:
    gold = {coder_model._key(line.text) for line in read_gold()}
    assert not [line.text for line in read_source() if coder_model._key(line.text) in gold]


def test_no_corpus_line_is_copied_from_the_chat_holdout() -> None:
    holdout = {coder_model._key(line.text) for line in read_gold(coder_model.HOLDOUT_PATH)}
    assert len(holdout) >= 250
    assert not [line.text for line in read_source() if coder_model._key(line.text) in holdout]


def test_coding_a_line_takes_about_a_millisecond(test_split: list[Line]) -> None:
    code("warm up")
    lines = [line.text for line in test_split[:200]]
    started = time.perf_counter()
    for text in lines:
        code(text)
    per_line = (time.perf_counter() - started) / len(lines)
    assert per_line < 0.01  # ~1-2 ms measured; generous for a busy shared machine


def test_the_cli_prints_the_codes_of_each_line_as_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "actions.rehearsal.coding"],
        input="So you feel stuck.\n\nI've booked you in for Tuesday.\n",
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=300, check=True,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [
        {"text": "So you feel stuck.", "codes": ["reflection", "simple_reflection"]},
        {"text": "I've booked you in for Tuesday.", "codes": ["advice_without_permission"]},
    ]


def test_without_a_trained_model_the_rules_still_code_and_call_reflections_simple(monkeypatch: pytest.MonkeyPatch) -> None:
    from actions.rehearsal import coding

    monkeypatch.setattr(coding, "_trained", lambda: None)
    assert code("It sounds like you feel nobody would get it.") == ["reflection", "simple_reflection"]
    assert code("I've booked you in for Tuesday.") == ["advice_without_permission"]


HOLDOUT_DIR = REPO_ROOT / "tests/data/mi_holdout"


def test_counsellor_turns_in_the_style_of_transcribed_sessions() -> None:
    """counsellor_transcript.tsv: spoken-style therapist turns (fillers, reflections without an opener), written blind."""
    scores = _scores(read_gold(HOLDOUT_DIR / "counsellor_transcript.tsv"))
    assert scores.extras["question_f1"] >= 0.93  # measured 0.974 to 0.977
    assert scores.extras["open_vs_closed_accuracy"] >= 0.93  # measured 0.973
    assert scores.per_code["reflection"][2] >= 0.70  # measured 0.77 to 0.79 (issue 12 asks 0.55 on real transcripts)


def test_no_corpus_line_is_copied_from_the_blind_sets() -> None:
    blind = {coder_model._key(line.text) for name in ("chat_family_blind.tsv", "chat_family_seen.tsv", "counsellor_transcript.tsv",
                                                      "../mi_holdout2/chat_family_c.tsv", "../mi_holdout3/chat_family_d.tsv",
                                                      "../mi_holdout4/chat_family_e.tsv", "../mi_holdout5/chat_family_f.tsv",
                                                      "../mi_holdout6/chat_family_g.tsv", "../mi_holdout6/counsellor_g.tsv")
             for line in read_gold(HOLDOUT_DIR / name)}
    assert len(blind) >= 2650
    assert not [line.text for line in read_source() if coder_model._key(line.text) in blind]


# Measured 0.895 / 0.935 (0.889 / 0.944 before two more authors were trained on; 0.854 / 0.888 before B to E were;
# issue 12 asks 0.92 / 0.95 on its hidden set).
MACRO_F, PRESSURE_F = 0.86, 0.91


def test_the_family_chat_set_never_trained_or_tuned_on_scores_as_measured() -> None:
    """mi_holdout5/chat_family_f.tsv: written blind by a sixth author and never read for errors. Sets B to E, by five
    other authors, are trained on (coder_model.OTHER_AUTHORS); F measures what that and the rules give on new voices."""
    scores = _scores(read_gold(REPO_ROOT / "tests/data/mi_holdout5/chat_family_f.tsv"), DECIDED)
    assert scores.macro_f1 >= MACRO_F, scores.per_code
    assert scores.extras["pressure_recall"] >= PRESSURE_F


def test_the_sets_by_other_authors_are_trained_on_and_the_measure_is_not() -> None:
    assert HOLDOUT_DIR / "chat_family_blind.tsv" in coder_model.OTHER_AUTHORS
    assert coder_model.MEASURE_PATH not in coder_model.OTHER_AUTHORS
    measured = {coder_model._key(line.text) for path in (coder_model.MEASURE_PATH, coder_model.HOLDOUT_PATH)
                for line in read_gold(path)}
    trained = coder_model.other_authors_lines()
    assert len(trained) >= 1800 and not [line.text for line in trained if coder_model._key(line.text) in measured]


def test_the_newest_blind_family_chat_set_scores_as_measured() -> None:
    """tests/data/mi_holdout10/chat_family_k.tsv: 459 lines by an eighteenth author in seventeen new voices, written blind
    (its README) and never read, only scored: 0.872 / 0.911 (macro-F1 / pressure recall) as it came, 0.881 / 0.932 once
    set J was trained on too. It is not trained on, and no corpus line copies it."""
    path = REPO_ROOT / "tests/data/mi_holdout10/chat_family_k.tsv"
    assert path not in coder_model.OTHER_AUTHORS
    lines = read_gold(path)
    assert len(lines) >= 450
    assert not [line.text for line in read_source() if coder_model._key(line.text) in {coder_model._key(x.text) for x in lines}]
    scores = _scores(lines, DECIDED)
    assert scores.macro_f1 >= 0.86 and scores.extras["pressure_recall"] >= 0.91, scores.per_code


def test_the_nineteenth_authors_blind_set_scores_as_measured() -> None:
    """tests/data/mi_holdout13/chat_family_n.tsv: 455 lines of an ordinary mix (a third pressure) in seventeen new voices,
    written blind and never read, only scored: 0.840 / 0.883 (macro-F1 / pressure recall) with sets L and M trained on.
    A new author's lines score well below the sets the coder has learnt from; issue 12 asks 0.92 / 0.95."""
    path = REPO_ROOT / "tests/data/mi_holdout13/chat_family_n.tsv"
    assert path not in coder_model.OTHER_AUTHORS
    lines = read_gold(path)
    assert len(lines) >= 450
    scores = _scores(lines, DECIDED)
    assert scores.macro_f1 >= 0.82 and scores.extras["pressure_recall"] >= 0.86, scores.per_code


@pytest.mark.parametrize(("name", "macro_f1", "pressure_recall"), [("mi_holdout14/chat_family_o.tsv", 0.84, 0.94),
                                                                    ("mi_holdout15/chat_family_p.tsv", 0.82, 0.94)])
def test_the_development_sets_of_younger_and_older_voices_score_as_measured(name: str, macro_f1: float,
                                                                            pressure_recall: float) -> None:
    """Sets O and P (their READMEs): scored once as they came (0.860 / 0.970 and 0.815 / 0.917), then read; a few rules
    came of them (0.863 / 0.970 and 0.842 / 0.966). Not trained on: trained on, they moved nothing on the sets never read."""
    path = REPO_ROOT / "tests/data" / name
    assert path not in coder_model.OTHER_AUTHORS
    scores = _scores(read_gold(path), DECIDED)
    assert scores.macro_f1 >= macro_f1 and scores.extras["pressure_recall"] >= pressure_recall, scores.per_code


def test_the_two_newest_blind_sets_score_as_measured() -> None:
    """tests/data/mi_holdout6: written blind as training lines by two new authors, then kept out of training because
    they moved nothing measurable (its README). Never read for errors: measured 0.879 / 0.910 (chat) and 0.800, question
    F1 0.979, reflection F1 0.839 (counsellor)."""
    chat = _scores(read_gold(REPO_ROOT / "tests/data/mi_holdout6/chat_family_g.tsv"))
    assert chat.macro_f1 >= 0.86 and chat.extras["pressure_recall"] >= 0.89, chat.per_code
    counsellor = _scores(read_gold(REPO_ROOT / "tests/data/mi_holdout6/counsellor_g.tsv"))
    assert counsellor.extras["question_f1"] >= 0.96 and counsellor.per_code["reflection"][2] >= 0.82, counsellor.per_code


@pytest.mark.parametrize(
    ("line", "question"),
    [("Dec, can I ask you something? What does the weed do for you at the end of the day?", "open_question"),
     ("can i ask you a question, how did the appointment go", "open_question"),
     ("can i ask you something? do you still go to the club?", "closed_question")],
)
def test_leave_to_ask_is_coded_for_the_question_that_follows(line: str, question: str) -> None:
    """Found holding a stranger's practice (session 11): the courtesy made an open question count as closed."""
    codes = code(line)
    assert question in codes and not ({"open_question", "closed_question"} - {question}) & set(codes), codes


@pytest.mark.parametrize("line", ["Mm-hmm. Yeah?", "Okay?", "uh-huh... right?"])
def test_a_listening_noise_asks_nothing(line: str) -> None:
    """AnnoMI's therapists keep a client talking with "Yeah?" (no question there); it was coded a closed question."""
    assert code(line) == []


@pytest.mark.parametrize(("line", "not_code"), [
    # review of session 13: praise and blame that the new rules must tell apart
    ("you were the one who made this mess in the first place", "affirmation"),
    ("you dont show me much respect these days", "affirmation"),
    ("ten years and you never once missed a chance to have a go at me", "affirmation"),
    ("you think hes stupid for drinking?", "confront"),
    ("What would people think if you saw someone?", "confront"),
    ("you too", "reflection"),
])
def test_the_rules_tell_a_record_from_a_charge(line: str, not_code: str) -> None:
    from actions.rehearsal.coding import rule_codes

    assert not_code not in {c.value for c in rule_codes(line)}
