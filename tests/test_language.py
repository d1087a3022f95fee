"""Rule layers in the NLU pipeline: who the loved one is, what they struggle with, and danger."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.crisis_guard import speaks_of_danger
from components.entity_normaliser import normalise_entities
from components.input_guard import InputGuard
from kernel.lexicon import classify_resistance, find_relationship, normalise_concern, normalise_relationship
from kernel.vocabulary import ResistanceForm


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("husband", "partner"), ("my hubby", "partner"), ("girlfriend", "partner"), ("fiancée", "partner"),
        ("mum", "parent"), ("Mom", "parent"), ("stepdad", "parent"), ("mother-in-law", "parent"),
        ("my 19-year-old", "child"), ("my 24 year old", "child"), ("daughter", "child"), ("teenager", "child"),
        ("bro", "sibling"), ("big sis", "sibling"), ("twin", "sibling"),
        ("best friend", "friend"), ("bestie", "friend"), ("flatmate", "friend"),
        ("partner", "partner"),
    ],
)
def test_everyday_words_for_a_loved_one_map_to_one_relationship(words: str, expected: str) -> None:
    assert normalise_relationship(words) == expected


def test_a_word_that_is_no_relationship_maps_to_nothing() -> None:
    assert normalise_relationship("the weather") is None
    assert normalise_relationship("so what should I do about it") is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [("he drinks a lot", "substance_use"), ("panic attacks", "anxiety"), ("PTSD", "trauma"),
     ("his dad passed away", "grief"), ("burnt out from work", "stress"), ("depressed", "depression")],
)
def test_struggles_map_to_one_concern(words: str, expected: str) -> None:
    assert normalise_concern(words) == expected


@pytest.mark.parametrize(
    ("description", "form"),
    [
        ("he just says he's fine and changes the subject", ResistanceForm.EMOTIONAL),
        ("she laughs it off every time", ResistanceForm.EMOTIONAL),
        ("she said she'd book an appointment and then cancelled", ResistanceForm.PASSIVE),
        ("he has a reason for everything, says therapists just want your money", ResistanceForm.INTELLECTUAL),
        ("he flat out refused and told me to drop it", ResistanceForm.DIRECT),
    ],
)
def test_descriptions_of_a_refusal_are_read_as_one_of_the_four_forms(description: str, form: ResistanceForm) -> None:
    assert classify_resistance(description) is form


def test_a_description_with_no_cue_is_left_unclassified() -> None:
    assert classify_resistance("it's complicated") is None


@pytest.mark.parametrize(
    "message",
    [
        "i want to die",
        "I don't want to be here anymore",
        "my son said he wants to kill himself",
        "she took a whole bottle of pills",
        "he has a gun and keeps talking about ending it all",
        "he hits me when i bring up therapy",
        "she threatened to hurt me",
        "kms",
        "I've been cutting again",
    ],
)
def test_plain_mentions_of_danger_are_caught_by_the_rules(message: str) -> None:
    assert speaks_of_danger(message)


@pytest.mark.parametrize(
    "message",
    ["I'm dead tired", "dying to know how to start this talk", "this situation is killing me",
     "my husband refuses therapy", "he says he'd rather argue than go",
     "no thanks, i'm not ready to go down that road yet", "typing this on my lunch break in the car",
     "i dont think another list is going to help me right now", "he acts like the idea is poison"],
)
def test_hyperbole_and_ordinary_messages_are_not_crises(message: str) -> None:
    assert not speaks_of_danger(message)


def test_the_normaliser_maps_an_extracted_word_and_fills_in_a_missed_one() -> None:
    text = "my hubby won't go, he's drinking again"
    diet = [{"entity": "relationship", "start": 3, "end": 8, "value": "hubby", "extractor": "DIETClassifier"}]
    entities = normalise_entities(text, diet)
    by_name = {e["entity"]: e for e in entities}
    assert by_name["relationship"]["value"] == "partner"
    assert by_name["concern"]["value"] == "substance_use"
    assert text[by_name["concern"]["start"]:by_name["concern"]["end"]] == "drinking"


def test_the_normaliser_drops_a_relationship_it_cannot_map() -> None:
    entities = normalise_entities("the cat", [{"entity": "relationship", "start": 4, "end": 7, "value": "cat"}])
    assert entities == []


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("", "empty"), ("   \n ", "empty"), ("😭😭😭", "no_words"), ("<img src=x onerror=alert(1)>", "markup"),
        ("'; DROP TABLE events; --", "code"), ("x" * 100_000, "too_long"),
        ("mi esposo no quiere ir a terapia", "not_english"), ("mon mari refuse de voir un psy", "not_english"),
        ("мой муж не хочет идти к психологу", "not_english"),
    ],
)
def test_messages_without_usable_english_words_are_recognised(message: str, problem: str) -> None:
    from components.input_guard import input_problem

    assert input_problem(message) == problem


@pytest.mark.parametrize("message", ["my husband refuses therapy", "select a therapist from the list", "ok", "why?"])
def test_ordinary_messages_are_not_flagged_as_bad_input(message: str) -> None:
    from components.input_guard import input_problem

    assert input_problem(message) is None


@pytest.mark.parametrize("message", ["quiero morir", "je veux mourir", "ich will sterben", "mi novio me pega"])
def test_danger_in_another_language_is_still_caught(message: str) -> None:
    assert speaks_of_danger(message)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("she's been low since her dad died and won't talk to anyone", None),
        ("he says therapy is for weak people, his brother said the same", None),
        ("my husband's mother thinks counselling is nonsense", "partner"),
        ("my best friend keeps cancelling, her mum is ill", "friend"),
        ("my dad won't see a doctor since his sister died", "parent"),
        ("our son refuses to go back to the therapist", "child"),
        ("their father left and now my sister shuts everyone out", "sibling"),
    ],
)
def test_someone_elses_relative_is_not_taken_for_the_loved_one(message: str, expected: str | None) -> None:
    found = find_relationship(message)
    assert (found[0] if found else None) == expected


def _classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={TEXT: text, INTENT: entries[0], INTENT_RANKING_KEY: entries})


@pytest.mark.parametrize("text", ["ok so how would i push, gently", "okay what do I say to her then", "sure, but what if he says no?"])
def test_an_acknowledgement_in_front_of_a_question_is_the_question_not_a_yes(text: str) -> None:
    message = _classified(text, [("affirm", 0.5), ("how_to_bring_up_therapy", 0.3)])
    InputGuard().process([message])
    assert message.get(INTENT)["name"] == "how_to_bring_up_therapy"


@pytest.mark.parametrize("text", ["ok", "yes, how do I keep us safe?", "sure why not?", "ok go on, let's do it"])
def test_a_yes_stays_a_yes(text: str) -> None:
    message = _classified(text, [("affirm", 0.5), ("how_to_bring_up_therapy", 0.3)])
    InputGuard().process([message])
    assert message.get(INTENT)["name"] == "affirm"


@pytest.mark.parametrize(("text", "goodbye"), [
    # blind set 31: a first line to the loved one, typed at the set-up's goal question, ended the set-up as a goodbye
    ("jake, love, can i come in for a minute? im not here to have a go", False),
    ("ok thats me for tonight, thanks", True),
    ("right im off", True),
    ("ok cheers", True),  # short, names no one: the classifier's guess stands
])
def test_a_goodbye_says_goodbye(text: str, goodbye: bool) -> None:
    message = _classified(text, [("goodbye", 0.6), ("practice_line", 0.3)])
    InputGuard().process([message])
    assert (message.get(INTENT)["name"] == "goodbye") is goodbye
