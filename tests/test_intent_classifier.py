"""The intent classifier's fast scoring gives exactly the trained pipeline's probabilities."""
from __future__ import annotations

import numpy as np

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
