"""A trained reader of what a practice line is about, to back the keyword lexicon in topics.py.

The training lines are content/roleplay/topic_lines*.tsv (`text<TAB>topic`): the topics of topics.TOPICS, plus
`why_not` (what holds them back from help, no reason named) and `none` (greetings, small talk, the user's own
feelings, advice). A linear model over word and character n-grams (scikit-learn, installed with Rasa) learns them in a
couple of seconds; it is saved under models/practice_topics with a hash of the lines, and trained again in the process
that needs it if missing or stale. No network, no Rasa internals.

    python -m actions.rehearsal.topic_model train            # models/practice_topics/model.pkl
    python -m actions.rehearsal.topic_model evaluate FILE... # accuracy on labelled TSVs (text, topic)
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import logging
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from actions.rehearsal.topics import SMALL_TALK, TOPICS, WHY_NOT, lexicon_topic
from kernel.saved_model import drop_stop_words, load_or_train, save
from kernel.settings import REPO_ROOT

log = logging.getLogger(__name__)

LINES_DIR = REPO_ROOT / "content" / "roleplay"
LINES_GLOB = "topic_lines*.tsv"
MODEL_DIR = REPO_ROOT / "models" / "practice_topics"
NONE = "none"
# How much the lexicon's reading weighs beside the n-grams (chosen on tests/data/practice_lines/open_questions.tsv and
# blind.tsv: 0 reads questions on a reason as "why_not" too often, 1 and more follows the lexicon's mistakes).
LEXICON_WEIGHT = 0.5


LABELS = [*TOPICS, WHY_NOT, NONE]


@dataclass(frozen=True)
class Guess:
    topic: str
    confidence: float


def read_lines(path: Path) -> list[tuple[str, str]]:
    """Labelled lines from a TSV with a header `text<TAB>topic` (more columns are ignored). Errors name file and line."""
    known = {*TOPICS, WHY_NOT, NONE, SMALL_TALK}
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for number, row in enumerate(reader, 2):
            text, topic = (row.get("text") or "").strip(), (row.get("topic") or "").strip()
            if not text or topic not in known:
                raise ValueError(f"{path}:{number}: expected a text and one of {sorted(known)}, got {topic!r}")
            rows.append((text, NONE if topic == SMALL_TALK else topic))
    return rows


def line_files(directory: Optional[Path] = None) -> list[Path]:
    return sorted((directory or LINES_DIR).glob(LINES_GLOB))


def all_lines(directory: Optional[Path] = None) -> list[tuple[str, str]]:
    """Every training line, from content/roleplay/topic_lines*.tsv."""
    files = line_files(directory)
    if not files:
        raise FileNotFoundError(f"{directory or LINES_DIR}: no {LINES_GLOB}")
    return [row for path in files for row in read_lines(path)]


def _digest(files: list[Path]) -> str:
    """The lines, the lexicon the model weighs (topics.py) and scikit-learn's version: a change to any means retrain."""
    import sklearn

    from actions.rehearsal import topics

    digest = hashlib.sha256(sklearn.__version__.encode())
    for path in [*files, Path(topics.__file__)]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


class LexiconFeature:
    """The keyword lexicon's reading of a line (topics.lexicon_topic) as a one-hot feature, so the model learns how far
    to trust it, topic by topic. Weighed against the n-grams by ``weight``."""

    def __init__(self, weight: float = LEXICON_WEIGHT) -> None:
        self.weight = weight

    def fit(self, texts: Any, labels: Any = None) -> LexiconFeature:
        return self

    def transform(self, texts: Any) -> Any:
        from scipy.sparse import csr_matrix

        rows, cols = [], []
        for row, text in enumerate(texts):
            rows.append(row)
            cols.append(LABELS.index(lexicon_topic(text) or NONE))
        return csr_matrix(([self.weight] * len(rows), (rows, cols)), shape=(len(texts), len(LABELS)))

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"weight": self.weight}

    def set_params(self, **params: Any) -> LexiconFeature:
        self.weight = params.get("weight", self.weight)
        return self


def build(rows: list[tuple[str, str]]) -> Any:
    """Word 1-2-grams, character 2-5-grams inside words (TF-IDF) and the lexicon's reading, into a multinomial
    logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True,
                                  token_pattern=r"(?u)\b\w[\w']*\b")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, lowercase=True)),
        ("lexicon", LexiconFeature()),
    ])
    model = Pipeline([("features", features), ("classify", LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced"))])
    texts, labels = zip(*rows, strict=False)
    model.fit(list(texts), list(labels))
    drop_stop_words(features)
    return model


def train(out: Path = MODEL_DIR, directory: Optional[Path] = None) -> Any:
    model = build(all_lines(directory))
    save(model, _digest(line_files(directory)), out)
    return model


@lru_cache(maxsize=1)
def _model() -> Optional[Any]:
    """The trained model, loaded once per process; trained if missing or older than the lines; None if that fails."""
    return load_or_train(Path(os.environ.get("PRACTICE_TOPIC_MODEL", str(MODEL_DIR))), lambda: _digest(line_files()), train, log,
                         "practice topics", "reading topics with the lexicon only")


def guess(text: str) -> Optional[Guess]:
    """The model's topic for a line (a topic, `why_not` or `none`) and its probability, or None without a model."""
    model = _model()
    if model is None:
        return None
    probabilities = model.predict_proba([text])[0]
    best = int(probabilities.argmax())
    return Guess(topic=str(model.classes_[best]), confidence=float(probabilities[best]))


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.rehearsal.topic_model", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("train")
    evaluate = sub.add_parser("evaluate")
    evaluate.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "train":
        # Through the imported module, so the pickle names actions.rehearsal.topic_model.LexiconFeature, not __main__'s.
        from actions.rehearsal import topic_model

        topic_model.train()
        print(f"practice topics: model written to {MODEL_DIR / 'model.pkl'}")
        return 0
    from actions.rehearsal.coding import code
    from actions.rehearsal.topics import read_line  # reads through the imported module's model, as the engine does

    for path in args.files:
        rows = read_lines(path)
        right = 0
        for text, gold in rows:
            got = read_line(text, code(text)) or NONE
            right += (NONE if got == SMALL_TALK else got) == gold
        print(f"{path}: {right}/{len(rows)} = {right / len(rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
