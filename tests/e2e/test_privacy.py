"""Privacy against the real servers: "delete my data" in chat, the authenticated delete endpoint, and logs
that never hold what people wrote. The SQLite files are read directly, not through the servers."""
from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.e2e.conftest import Assistant

pytestmark = pytest.mark.e2e


def text_of(replies: list[dict[str, Any]]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)


def new_sender(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def rows_for(assistant: Assistant, sender: str) -> dict[str, int]:
    counts = {}
    with sqlite3.connect(assistant.env["TRACKER_DB"]) as tracker_db:
        counts["events"] = tracker_db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]
    with sqlite3.connect(assistant.env["CONTENT_DB_PATH"]) as content_db:
        for table in ("rehearsals", "item_ratings"):
            counts[table] = content_db.execute(f"SELECT count(*) FROM {table} WHERE sender_id = ?", (sender,)).fetchone()[0]
    return counts


def user_texts(assistant: Assistant, sender: str) -> list[str]:
    with sqlite3.connect(assistant.env["TRACKER_DB"]) as tracker_db:
        rows = tracker_db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)).fetchall()
    return [row[0] for row in rows]


def store_practice_and_feedback(assistant: Assistant, sender: str) -> None:
    """A saved rehearsal and a "was this helpful?" answer, as the action server and web page write them."""
    with sqlite3.connect(assistant.env["CONTENT_DB_PATH"]) as content_db:
        item = content_db.execute("SELECT id FROM content_items ORDER BY id LIMIT 1").fetchone()[0]
        content_db.execute("INSERT INTO rehearsals (sender_id, turns, final_openness, score, codes) VALUES (?, 4, 3.0, 70, '{}')",
                           (sender,))
        content_db.execute("INSERT INTO item_ratings (item_id, sender_id, helpful) VALUES (?, ?, 1)", (item, sender))


def someone_with_history(assistant: Assistant, prefix: str) -> str:
    sender = new_sender(prefix)
    assistant.say(sender, "my husband flat out refuses to see a therapist")
    store_practice_and_feedback(assistant, sender)
    assert all(rows_for(assistant, sender).values()), rows_for(assistant, sender)
    return sender


def delete(assistant: Assistant, sender: str, **kwargs: Any) -> requests.Response:
    return requests.delete(f"{assistant.url}/privacy/conversations/{sender}", timeout=30, **kwargs)


# --- In chat ------------------------------------------------------------------------------------------------------


def test_saying_delete_my_data_then_yes_deletes_everything_and_the_next_message_starts_fresh(assistant: Assistant) -> None:
    me = someone_with_history(assistant, "forget-me")
    other = someone_with_history(assistant, "keep-me")
    before_other = rows_for(assistant, other)

    question = assistant.say(me, "can you wipe my history")
    assert "Do you want me to delete it all?" in text_of(question)
    assert [b["payload"] for b in question[0]["buttons"]] == ["/affirm", "/deny"]
    assert rows_for(assistant, me)["rehearsals"] == 1  # nothing deleted before the answer

    done = assistant.say(me, "yes")
    assert len(done) == 1 and "I've deleted our conversation, your practice history and your feedback" in done[0]["text"]
    assert rows_for(assistant, me) == {"events": 0, "rehearsals": 0, "item_ratings": 0}
    assert rows_for(assistant, other) == before_other

    assistant.say(me, "hi")
    tracker = assistant.tracker(me)
    assert tracker["slots"]["relationship"] is None
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["hi"]


def test_the_delete_question_answered_with_its_button_deletes_everything(assistant: Assistant) -> None:
    me = someone_with_history(assistant, "button")
    assistant.say(me, "i want my data erased")

    done = assistant.say(me, "/affirm")

    assert len(done) == 1 and "I've deleted" in done[0]["text"]
    assert rows_for(assistant, me) == {"events": 0, "rehearsals": 0, "item_ratings": 0}


def test_saying_no_to_the_delete_question_keeps_everything_and_says_so(assistant: Assistant) -> None:
    me = someone_with_history(assistant, "changed-mind")
    assistant.say(me, "forget everything I told you")

    kept = assistant.say(me, "no")

    assert len(kept) == 1 and "I haven't deleted anything" in kept[0]["text"]
    counts = rows_for(assistant, me)
    assert counts["events"] > 0 and counts["rehearsals"] == 1 and counts["item_ratings"] == 1
    assert assistant.tracker(me)["slots"]["relationship"] == "partner"
    carry_on = assistant.say(me, "how do i bring up therapy with him")  # the conversation simply goes on
    assert "I'm sorry, part of me isn't working" not in text_of(carry_on)


@pytest.mark.parametrize(
    "message",
    ["please delete this conversation", "i'd like everything i told you erased", "can you delete all my data please",
     "wipe out everything you saved about me", "forget all of this"],
)
def test_new_ways_of_asking_to_delete_are_understood(assistant: Assistant, message: str) -> None:
    parsed = requests.post(f"{assistant.url}/model/parse", params={"token": assistant.token}, json={"text": message}, timeout=30)
    assert parsed.json()["intent"]["name"] == "delete_my_data"


@pytest.mark.parametrize(
    ("message", "intent"),
    [("my husband flat out refuses to see a therapist", "they_refused_help"), ("show me my rehearsal history", "rehearsal_progress"),
     ("how do i delete my instagram", "out_of_scope"), ("no, forget it", "deny"), ("let me start over", "roleplay_retry"),
     ("i'm so exhausted", "feel_exhausted"), ("how do i bring up therapy with my dad", "how_to_bring_up_therapy")],
)
def test_other_requests_are_not_taken_for_a_delete_request(assistant: Assistant, message: str, intent: str) -> None:
    parsed = requests.post(f"{assistant.url}/model/parse", params={"token": assistant.token}, json={"text": message}, timeout=30)
    assert parsed.json()["intent"]["name"] == intent


# --- The endpoint -------------------------------------------------------------------------------------------------


def test_the_delete_endpoint_refuses_a_missing_or_wrong_token_and_deletes_nothing(assistant: Assistant) -> None:
    me = someone_with_history(assistant, "api-refused")
    before = rows_for(assistant, me)

    assert delete(assistant, me).status_code == 401
    assert delete(assistant, me, params={"token": "not-the-token"}).status_code == 403
    assert delete(assistant, me, headers={"Authorization": "Bearer not-the-token"}).status_code == 403
    assert rows_for(assistant, me) == before


def test_the_delete_endpoint_with_the_token_removes_the_senders_rows_and_no_one_elses(assistant: Assistant) -> None:
    me = someone_with_history(assistant, "api-forget")
    other = someone_with_history(assistant, "api-keep")
    before_other = rows_for(assistant, other)
    events = rows_for(assistant, me)["events"]

    response = delete(assistant, me, params={"token": assistant.token})

    assert response.status_code == 200, response.text
    assert response.json() == {"sender_id": me, "deleted": {"events": events, "rehearsals": 1, "item_ratings": 1}}
    assert rows_for(assistant, me) == {"events": 0, "rehearsals": 0, "item_ratings": 0}
    assert rows_for(assistant, other) == before_other
    assert [e for e in assistant.tracker(me)["events"] if e["event"] == "user"] == []


def test_the_delete_endpoint_accepts_the_token_as_a_bearer_header(assistant: Assistant) -> None:
    me = someone_with_history(assistant, "api-bearer")
    response = delete(assistant, me, headers={"Authorization": f"Bearer {assistant.token}"})
    assert response.status_code == 200, response.text
    assert rows_for(assistant, me) == {"events": 0, "rehearsals": 0, "item_ratings": 0}


def test_a_turn_racing_the_delete_request_never_writes_the_old_conversation_back(assistant: Assistant) -> None:
    marker = f"walrus{uuid.uuid4().hex[:6]}"
    for _ in range(3):
        me = new_sender("race")
        assistant.say(me, f"my husband refuses to see a therapist, he calls it {marker}")
        turn = threading.Thread(target=assistant.say, args=(me, "he just says he's fine and changes the subject"))
        turn.start()
        response = delete(assistant, me, params={"token": assistant.token})
        turn.join()
        assert response.status_code == 200
        assert not [data for data in user_texts(assistant, me) if marker in data]


# --- Logs ---------------------------------------------------------------------------------------------------------


def wait_for_line(log: Path, words: str, limit: float = 30) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        content = log.read_text(errors="replace")
        if words in content:
            return content
        time.sleep(0.3)
    raise AssertionError(f"{log.name} never logged {words!r}; its end:\n{log.read_text(errors='replace')[-2000:]}")


def test_message_text_never_reaches_the_rasa_or_action_server_logs(assistant: Assistant) -> None:
    secret = f"marmalade{uuid.uuid4().hex[:10]}"
    me = new_sender("logs")
    replies = assistant.say(me, f"my husband refuses to see a therapist and he told me {secret}")
    assert replies
    assistant.say(me, f"he says {secret} whenever i bring it up")
    # End with a deletion: both servers log it at INFO, which shows their logs are written up to here.
    assistant.say(me, "delete my data")
    assistant.say(me, "yes")
    rasa_log = wait_for_line(assistant.workdir / "rasa.log", "Conversation erased at the user's request")
    actions_log = wait_for_line(assistant.workdir / "actions.log", "Deleted at the user's request")

    assert secret not in rasa_log
    assert secret not in actions_log
    assert me not in actions_log  # nor who said it


def test_the_action_servers_delete_endpoint_needs_the_shared_token_and_deletes_only_content_rows(assistant: Assistant) -> None:
    # Rasa's privacy endpoint deletes rehearsals and ratings through this one: the action server owns that database.
    me = someone_with_history(assistant, "actions-forget")
    other = someone_with_history(assistant, "actions-keep")
    before_other, events = rows_for(assistant, other), rows_for(assistant, me)["events"]
    url = f"http://127.0.0.1:{assistant.action_port}/privacy/senders/{me}"

    assert requests.delete(url, timeout=30).status_code == 401
    assert requests.delete(url, headers={"Authorization": "Bearer not-the-token"}, timeout=30).status_code == 403
    assert rows_for(assistant, me)["rehearsals"] == 1
    answer = requests.delete(url, headers={"Authorization": f"Bearer {assistant.token}"}, timeout=30)

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"sender_id": me, "deleted": {"rehearsals": 1, "item_ratings": 1}}
    assert rows_for(assistant, me) == {"events": events, "rehearsals": 0, "item_ratings": 0}  # the conversation is Rasa's
    assert rows_for(assistant, other) == before_other
