"""The intent classifier's fast scoring gives exactly the trained pipeline's probabilities."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from components.concepts import with_concepts
from components.intent_classifier import LinearScorer, build_pipeline

TRAINING = [
    ("my husband refuses to see a therapist", "they_refused_help"),
    ("she said no to counselling again", "they_refused_help"),
    ("he won't get help, he says he's fine", "they_refused_help"),
    ("i'm so tired of carrying all of this", "feel_exhausted"),
    ("completely drained, nothing left", "feel_exhausted"),
    ("exhausted from looking after my mum", "feel_exhausted"),
    ("how do i bring up therapy with my son", "how_to_bring_up_therapy"),
    ("what should i say to suggest counselling", "how_to_bring_up_therapy"),
    ("how can i raise the subject of a therapist", "how_to_bring_up_therapy"),
]
UNSEEN = ["my wife just says no to therapy", "im worn out", "how do i even start that conversation", "", "🙂", "x" * 500]


def test_fast_scoring_matches_the_pipeline_on_new_messages() -> None:
    pipeline = build_pipeline().fit([with_concepts(t) for t, _ in TRAINING], [label for _, label in TRAINING])
    scorer = LinearScorer(pipeline)
    texts = [with_concepts(t) for t in UNSEEN]

    fast, slow = scorer.predict_proba(texts), pipeline.predict_proba(texts)

    assert list(scorer.classes_) == list(pipeline.classes_)
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-12)
    assert list(fast.argmax(axis=1)[:3]) == [list(pipeline.classes_).index(i) for i in
                                             ("they_refused_help", "feel_exhausted", "how_to_bring_up_therapy")]


def test_with_exactly_two_intents_scoring_matches_the_pipeline() -> None:
    two = [(text, label) for text, label in TRAINING if label != "how_to_bring_up_therapy"]
    pipeline = build_pipeline().fit([with_concepts(t) for t, _ in two], [label for _, label in two])
    scorer = LinearScorer(pipeline)
    texts = [with_concepts(t) for t in UNSEEN]

    fast, slow = scorer.predict_proba(texts), pipeline.predict_proba(texts)

    assert fast.shape == (len(UNSEEN), 2)
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-12)
    assert list(fast.argmax(axis=1)[:2]) == [list(pipeline.classes_).index(i) for i in ("they_refused_help", "feel_exhausted")]


@pytest.mark.parametrize("intents", [2, 3])
def test_the_component_trains_persists_with_skops_and_loads_back(tmp_path: Path, intents: int) -> None:
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from components.intent_classifier import MODEL_FILE, LinearIntentClassifier

    labels = ["they_refused_help", "feel_exhausted", "how_to_bring_up_therapy"][:intents]
    data = TrainingData([Message(data={"text": t, "intent": label}) for t, label in TRAINING if label in labels])
    storage, resource = LocalModelStorage(tmp_path), Resource("intent_classifier")
    context = ExecutionContext(GraphSchema({}), "test")
    trained = LinearIntentClassifier.create({}, storage, resource, context)
    trained.train(data)
    with storage.read_from(resource) as directory:
        assert sorted(path.name for path in directory.iterdir()) == [MODEL_FILE]

    loaded = LinearIntentClassifier.load({}, storage, resource, context)
    ours = [Message(data={"text": text}) for text in UNSEEN]
    theirs = [Message(data={"text": text}) for text in UNSEEN]
    loaded.process(ours)
    trained.process(theirs)
    assert [m.get("intent") for m in ours] == [m.get("intent") for m in theirs]
    assert {m.get("intent")["name"] for m in ours} <= set(labels)
    assert ours[0].get("intent")["name"] == "they_refused_help"


@pytest.mark.parametrize(("text", "greets"), [
    # a stranger's first word was answered with content on progress
    ("i dont know if this is the right place", True),
    ("hi, not sure where to start really", True),
    ("is this the right place?", True),
    ("i dont know if this is the right place but my son drinks every night", False),
])
def test_a_first_word_that_only_asks_if_this_is_the_place_is_a_greeting(text: str, greets: bool) -> None:
    from components.input_guard import _ONLY_UNSURE

    assert bool(_ONLY_UNSURE.match(text)) is greets
