"""A model loaded over the HTTP API (PUT /model) predicts exactly what the freshly started server did.

rasa_patches keeps its caches on the objects they are about (the graph runner, the rule policy, the tracker):
a swapped-in model must start with none of the old model's, and a stale one would show here as a different
intent ranking or next-action scores for the same conversation.
"""
from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests

from tests.e2e.conftest import MODEL, Assistant, free_port

pytestmark = pytest.mark.e2e

MESSAGES = ["my husband refuses to see a therapist", "he argues that therapy is a scam", "can we practise the conversation?",
            "i'm completely drained", "she said she wants to end her life", "asdf qwerty", "thanks, bye"]
CONVERSATION = ["hi there", "my mum refuses to see a therapist", "she said she would book an appointment and then never did",
                "how do i bring up therapy with her", "can we practise the conversation?", "What would make it feel safer?"]


def what_the_model_says(assistant: Assistant) -> dict[str, Any]:
    token = {"token": assistant.token}
    parsed = [requests.post(f"{assistant.url}/model/parse", params=token, json={"text": m}, timeout=60).json() for m in MESSAGES]
    sender = f"swap-{uuid.uuid4().hex[:8]}"
    predicted = []
    for message in CONVERSATION:
        assistant.say(sender, message)
        answer = requests.post(f"{assistant.url}/conversations/{sender}/predict", params=token, timeout=60)
        assert answer.status_code == 200, answer.text
        predicted.append((answer.json()["scores"], answer.json()["policy"]))
    return {"intents": [(p["intent"], p["intent_ranking"], p["entities"]) for p in parsed], "next_actions": predicted}


def test_a_model_swapped_in_over_the_http_api_predicts_what_a_fresh_start_did(
    assistant: Assistant, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A Rasa server of its own, just started (the session's has served other tests), sharing the action server.
    workdir = tmp_path_factory.mktemp("model-swap")
    rasa = Assistant(workdir=workdir, env={**assistant.env, "TRACKER_DB": str(workdir / "tracker.db")}, rasa_port=free_port(),
                     action_port=assistant.action_port, name="rasa-model-swap")
    try:
        rasa.start_rasa()
        fresh = what_the_model_says(rasa)
        for message in CONVERSATION * 2:  # fill the patches' caches on the first model
            rasa.say(f"warm-{uuid.uuid4().hex[:8]}", message)

        swapped = requests.put(f"{rasa.url}/model", params={"token": rasa.token}, json={"model_file": str(MODEL)}, timeout=300)
        assert swapped.status_code == 204, swapped.text

        assert what_the_model_says(rasa) == fresh
    finally:
        rasa.stop(rasa.name)
