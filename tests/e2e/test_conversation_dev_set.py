"""The conversation development set, every turn against the real Rasa and action servers.

`make journeys` runs this file with -s and prints every failing turn; results/journeys.txt keeps the report.
"""
from __future__ import annotations

import pytest

from kernel.settings import REPO_ROOT
from tests.e2e.conftest import Assistant
from tests.e2e.dev_conversations import load_conversations, report, run_conversation, summarise

pytestmark = pytest.mark.e2e

FLOOR = 0.90


def test_most_turns_of_the_dev_conversations_get_a_reply_that_fits(assistant: Assistant) -> None:
    conversations = load_conversations()
    assert len(conversations) >= 60
    results = [result for conversation in conversations for result in run_conversation(assistant, conversation)]
    text = report(results)
    out = REPO_ROOT / "results" / "journeys.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(text)
    score, _ = summarise(results)
    assert score >= FLOOR, f"only {score:.3f} of turns meet their expectations; see {out}"
