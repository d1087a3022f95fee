"""Small trained models kept on disk beside a digest of what they were trained from (the practice topic reader, the
crisis model): written whole or not at all, read back only while the digest still matches. No Rasa internals."""
from __future__ import annotations

import logging
import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

FILE_NAME = "model.pkl"


def save(model: Any, digest: str, directory: Path) -> None:
    """Write ``model`` with its digest to directory/model.pkl atomically, for a process reading it at the same moment."""
    directory.mkdir(parents=True, exist_ok=True)
    staging = directory / f".model-{os.getpid()}-{threading.get_ident()}.pkl"  # two threads never share one
    with staging.open("wb") as handle:
        pickle.dump({"digest": digest, "model": model}, handle)
    os.replace(staging, directory / FILE_NAME)


def load(directory: Path, digest: str) -> Optional[Any]:
    """The saved model if it was trained from what ``digest`` describes; None when missing, stale, half-written or
    written by another scikit-learn (the caller trains it again)."""
    try:
        with (directory / FILE_NAME).open("rb") as handle:
            saved = pickle.load(handle)  # noqa: S301 - a file save() wrote
    except Exception:
        return None
    return saved["model"] if isinstance(saved, dict) and saved.get("digest") == digest else None


def load_or_train(directory: Path, digest: Callable[[], Optional[str]], train: Callable[[Path], Any], log: logging.Logger,
                  what: str, without: str) -> Optional[Any]:
    """The model saved in ``directory`` while ``digest()`` still matches it, else one trained there now (seconds). None
    when there is nothing to learn from (``digest()`` is None) or loading and training fail: logged as ``what``, with
    what the caller does without it (``without``), so no message ever waits on a model."""
    try:
        expected = digest()
        if expected is None:
            return None
        model = load(directory, expected)
        if model is None:
            log.info("%s: no usable model in %s; training it (seconds)", what, directory)
            model = train(directory)
        return model
    except Exception:
        log.warning("%s: could not load or train %s; %s", what, directory, without, exc_info=True)
        return None


def drop_stop_words(features: Any) -> None:
    """Forget the terms TF-IDF cut by min_df: they are not needed to transform (CVE-2024-5206; README, audit)."""
    for _, part in features.transformer_list:
        if hasattr(part, "stop_words_"):
            part.stop_words_ = None
