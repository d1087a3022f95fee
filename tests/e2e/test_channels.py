"""Slack, Telegram, Twilio, Facebook Messenger and the callback channel end to end, offline.

One extra Rasa server (sharing the session's action server) runs with every platform on, each
platform's API pointed at a local stand-in that records what the bot sends. Each test posts the
platform's real inbound payload, signed as the platform signs it, to Rasa's webhook, then waits
(bounded) for the outbound API call. All traffic stays on 127.0.0.1.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional
from urllib.parse import parse_qs, urlencode

import pytest
import requests
from twilio.request_validator import RequestValidator

from scripts.credentials import write_credentials
from tests.e2e.conftest import Assistant, free_port

pytestmark = pytest.mark.e2e

MESSAGE = "my husband refuses to see a therapist"
FORM_TITLES = ["Refused outright", "Agreed, then didn't follow through", "Argued it away", "Got overwhelmed or joked it off"]
REPLY_WAIT_S = 20.0  # the first message through a fresh server also warms up the model
NOTHING_WAIT_S = 2.0

SLACK_TOKEN = "xoxb-0000-test"
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TELEGRAM_TOKEN = "123456789:AAtest-token_for_a_local_stand_in"
TELEGRAM_BOT = "rehearsal_test_bot"
TELEGRAM_SECRET = "s3cret-Token_for-webhooks"
TELEGRAM_WEBHOOK = "https://bot.example.org/webhooks/telegram/webhook"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "12345678901234567890123456789012"
TWILIO_NUMBER = "+15005550006"
TWILIO_WEBHOOK = "https://bot.example.org/webhooks/twilio/webhook"
FACEBOOK_VERIFY = "verify-me-please"
FACEBOOK_SECRET = "f" * 32
FACEBOOK_PAGE_TOKEN = "EAAtest-page-token"


@dataclass
class Call:
    """One request the stand-in received."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or form fields (first value of each)

    @property
    def raw(self) -> str:
        return json.dumps(self.body, sort_keys=True)


@dataclass
class StandIn:
    """Slack's Web API, Telegram's Bot API, Twilio's REST API, Facebook's Send API and a callback receiver, in one server."""

    calls: list[Call] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    message_ids: Iterator[int] = field(default_factory=lambda: iter(range(1000, 10**9)))

    def record(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)

    def matching(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self.lock:
            return [call for call in self.calls if predicate(call)]

    def wait_for(self, predicate: Callable[[Call], bool], done: Callable[[list[Call]], bool], limit: float = REPLY_WAIT_S) -> list[Call]:
        """The calls matching `predicate`, once `done` holds for them; fails after `limit` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            calls = self.matching(predicate)
            if calls and done(calls):
                return calls
            time.sleep(0.1)
        calls = self.matching(predicate)
        pytest.fail(f"The stand-in did not get the expected calls within {limit}s; it got: {[c.body for c in calls]}")

    def answer(self, call: Call) -> tuple[int, Any]:
        path = call.path
        if path.startswith("/slack/api/"):
            return 200, {"ok": True, "channel": call.body.get("channel"), "ts": f"{time.time():.6f}"}
        if path.startswith("/telegram/bot"):
            method = path.rsplit("/", 1)[-1]
            if method == "getMe":
                user = {"id": 123456789, "is_bot": True, "first_name": "Rehearsal", "username": TELEGRAM_BOT}
                return 200, {"ok": True, "result": user}
            if method == "sendMessage":
                chat = {"id": int(call.body["chat_id"]), "type": "private"}
                message = {"message_id": next(self.message_ids), "date": int(time.time()), "chat": chat, "text": call.body.get("text")}
                return 200, {"ok": True, "result": message}
            if method in ("setWebhook", "answerCallbackQuery"):
                return 200, {"ok": True, "result": True}
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if path.startswith("/twilio/2010-04-01/Accounts/") and path.endswith("/Messages.json"):
            sid = f"SM{uuid.uuid4().hex}"
            return 201, {"sid": sid, "account_sid": TWILIO_SID, "to": call.body.get("To"), "from": call.body.get("From"),
                         "body": call.body.get("Body"), "status": "queued", "num_segments": "1", "direction": "outbound-api",
                         "api_version": "2010-04-01", "uri": f"/2010-04-01/Accounts/{TWILIO_SID}/Messages/{sid}.json"}
        if path.startswith("/facebook/me/messages"):
            return 200, {"recipient_id": call.body["recipient"]["id"], "message_id": f"m_{uuid.uuid4().hex}"}
        if path == "/callback":
            return 200, {"ok": True}
        return 404, {"error": "unknown path"}

    def serve(self) -> ThreadingHTTPServer:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                content_type = self.headers.get("Content-Type", "")
                if "json" in content_type:
                    body: Any = json.loads(raw or "null")
                else:
                    body = {key: values[0] for key, values in parse_qs(raw, keep_blank_values=True).items()}
                call = Call(self.command, self.path, dict(self.headers.items()), body)
                stand_in.record(call)
                status, answer = stand_in.answer(call)
                data = json.dumps(answer).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


@dataclass
class Platforms:
    rasa: Assistant
    stand_in: StandIn
    calls_at_start_up: list[Call]

    def post(self, platform: str, **kwargs: Any) -> requests.Response:
        return requests.post(f"{self.rasa.url}/webhooks/{platform}/webhook", timeout=30, **kwargs)

    def user_intents(self, sender: str) -> list[Optional[str]]:
        events = self.rasa.tracker(sender)["events"]
        return [(e.get("parse_data") or {}).get("intent", {}).get("name") for e in events if e["event"] == "user"]


@pytest.fixture(scope="session")
def platforms(assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platforms]:
    stand_in = StandIn()
    server = stand_in.serve()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    workdir: Path = tmp_path_factory.mktemp("platforms")
    env = {
        **assistant.env,
        "TRACKER_DB": str(workdir / "tracker.db"),
        "CALLBACK_URL": f"{base}/callback",
        "SLACK_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": f"{base}/slack/api/",
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_BOT_NAME": TELEGRAM_BOT,
        "TELEGRAM_WEBHOOK_URL": TELEGRAM_WEBHOOK,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": f"{base}/telegram",
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_NUMBER": TWILIO_NUMBER,
        "TWILIO_WEBHOOK_URL": TWILIO_WEBHOOK,
        "TWILIO_API_URL": f"{base}/twilio",
        "FACEBOOK_VERIFY_TOKEN": FACEBOOK_VERIFY,
        "FACEBOOK_APP_SECRET": FACEBOOK_SECRET,
        "FACEBOOK_PAGE_ACCESS_TOKEN": FACEBOOK_PAGE_TOKEN,
        "FACEBOOK_API_URL": f"{base}/facebook",
    }
    credentials = workdir / "credentials.yml"
    on, off = write_credentials(credentials, env=env)
    assert not off and len(on) == 8, (on, off)  # REST, Socket.IO, callback, privacy and the four platforms
    assert SLACK_SECRET not in credentials.read_text()  # secrets stay in the environment
    rasa = Assistant(workdir=workdir, env=env, rasa_port=free_port(), action_port=assistant.action_port, credentials=credentials)
    try:
        rasa.start_rasa()
        yield Platforms(rasa=rasa, stand_in=stand_in, calls_at_start_up=list(stand_in.calls))
    finally:
        rasa.stop("rasa")
        server.shutdown()


# A content item id, as the `custom` payload on REST lists them: refusal.partner.reframe.01
ITEM_ID = re.compile(r"\b[a-z_]+\.(partner|parent|child|sibling|friend|any)\.[a-z_]+\.\d+\b")


def no_custom_leaked(calls: list[Call]) -> None:
    for call in calls:
        assert "custom" not in call.raw and '"items"' not in call.raw and not ITEM_ID.search(call.raw), call.body


def new_id(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


# --- Slack -----------------------------------------------------------------------------------------------------


def slack_event(user: str, channel: str, text: str) -> bytes:
    ts = f"{time.time():.6f}"
    return json.dumps({
        "token": "unused-verification-token",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "event": {"client_msg_id": str(uuid.uuid4()), "type": "message", "text": text, "user": user, "ts": ts,
                  "team": "T0TEAM", "channel": channel, "event_ts": ts, "channel_type": "im"},
        "type": "event_callback",
        "event_id": new_id("Ev"),
        "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": "T0TEAM", "user_id": "U0BOT", "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    }).encode("utf-8")


def slack_headers(body: bytes, secret: str = SLACK_SECRET, timestamp: Optional[int] = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode("utf-8"), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def test_slack_message_is_answered_through_chat_post_message(platforms: Platforms) -> None:
    user, channel = new_id("U"), new_id("D")
    body = slack_event(user, channel, MESSAGE)
    reply = platforms.post("slack", data=body, headers=slack_headers(body))
    assert reply.status_code == 200, reply.text

    calls = platforms.stand_in.wait_for(
        lambda c: c.path.endswith("/chat.postMessage") and c.body.get("channel") == channel,
        lambda cs: any("How did the no show up" in (c.body.get("text") or "") for c in cs),
    )
    assert all(c.headers.get("Authorization") == f"Bearer {SLACK_TOKEN}" for c in calls)
    text = "\n".join(c.body.get("text") or "" for c in calls)
    assert "partner" in text and "How did the no show up" in text
    no_custom_leaked(calls)
    # Slack has buttons: they stay Slack buttons, with their payloads, and are not numbered.
    asked = next(c for c in calls if "How did the no show up" in (c.body.get("text") or ""))
    actions = next(block for block in asked.body["blocks"] if block["type"] == "actions")
    assert [element["text"]["text"] for element in actions["elements"]] == FORM_TITLES
    assert actions["elements"][0]["value"] == '/describe_refusal{"resistance_form":"direct"}'
    assert "1. Refused outright" not in text


def test_slack_button_click_picks_the_option(platforms: Platforms) -> None:
    user, channel = new_id("U"), new_id("D")
    body = slack_event(user, channel, MESSAGE)
    platforms.post("slack", data=body, headers=slack_headers(body))
    calls = platforms.stand_in.wait_for(
        lambda c: c.path.endswith("/chat.postMessage") and c.body.get("channel") == channel,
        lambda cs: any("How did the no show up" in (c.body.get("text") or "") for c in cs),
    )
    asked = next(c for c in calls if "How did the no show up" in (c.body.get("text") or ""))
    button = next(block for block in asked.body["blocks"] if block["type"] == "actions")["elements"][2]

    # What Slack posts to the Interactivity request URL when the user clicks "Argued it away".
    click = {
        "type": "block_actions",
        "user": {"id": user, "username": "ana", "name": "ana", "team_id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "unused-verification-token",
        "container": {"type": "message", "message_ts": asked.body.get("ts", "1.0"), "channel_id": channel, "is_ephemeral": False},
        "trigger_id": "1.2.3",
        "team": {"id": "T0TEAM", "domain": "example"},
        "channel": {"id": channel, "name": "directmessage"},
        "message": {"type": "message", "text": asked.body["text"], "user": "U0BOT", "ts": f"{time.time():.6f}"},
        "response_url": "https://hooks.slack.com/actions/T0TEAM/1/abc",
        "actions": [{"action_id": "a1", "block_id": "b1", "text": button["text"], "value": button["value"], "type": "button",
                     "action_ts": f"{time.time():.6f}"}],
    }
    form = urlencode({"payload": json.dumps(click)}).encode("utf-8")
    headers = {**slack_headers(form), "Content-Type": "application/x-www-form-urlencoded"}
    reply = platforms.post("slack", data=form, headers=headers)
    assert reply.status_code == 200, reply.text

    deadline = time.monotonic() + REPLY_WAIT_S  # Slack messages are handled in the background
    while time.monotonic() < deadline and platforms.rasa.tracker(user)["slots"].get("resistance_form") is None:
        time.sleep(0.2)
    assert platforms.rasa.tracker(user)["slots"]["resistance_form"] == "intellectual"
    assert platforms.user_intents(user)[-1] == "describe_refusal"


def test_slack_refuses_a_badly_signed_or_stale_request(platforms: Platforms) -> None:
    user, channel = new_id("U"), new_id("D")
    body = slack_event(user, channel, MESSAGE)
    forged = platforms.post("slack", data=body, headers=slack_headers(body, secret="not-the-signing-secret"))
    stale = platforms.post("slack", data=body, headers=slack_headers(body, timestamp=int(time.time()) - 600))
    unsigned = platforms.post("slack", data=body, headers={"Content-Type": "application/json"})
    # Rasa's Slack connector answers 400 Bad Request to a request it cannot verify.
    assert [forged.status_code, stale.status_code, unsigned.status_code] == [400, 400, 400]
    assert "X-Slack-Signature" in forged.text

    time.sleep(NOTHING_WAIT_S)
    assert not platforms.stand_in.matching(lambda c: isinstance(c.body, dict) and c.body.get("channel") == channel)
    assert platforms.user_intents(user) == []


# --- Telegram --------------------------------------------------------------------------------------------------


def telegram_update(chat_id: int, text: str) -> dict[str, Any]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Ana", "language_code": "en"}
    return {
        "update_id": int(time.time() * 1000) % 10**9,
        "message": {"message_id": int(time.time()) % 10**6, "from": person,
                    "chat": {"id": chat_id, "first_name": "Ana", "type": "private"}, "date": int(time.time()), "text": text},
    }


def telegram_tap(chat_id: int, data: str) -> dict[str, Any]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Ana", "language_code": "en"}
    bot = {"id": 123456789, "is_bot": True, "first_name": "Rehearsal", "username": TELEGRAM_BOT}
    message = {"message_id": 1, "from": bot, "chat": {"id": chat_id, "first_name": "Ana", "type": "private"},
               "date": int(time.time()), "text": "How did the no show up?"}
    return {"update_id": int(time.time() * 1000) % 10**9,
            "callback_query": {"id": str(uuid.uuid4().int)[:18], "from": person, "message": message,
                               "chat_instance": "-1234567890", "data": data}}


def telegram_chat() -> int:
    return 100_000_000 + uuid.uuid4().int % 800_000_000


def sent_to(chat_id: int) -> Callable[[Call], bool]:
    return lambda c: c.path.endswith("/sendMessage") and str(c.body.get("chat_id")) == str(chat_id)


def test_telegram_starts_without_calling_telegram_and_sets_the_webhook_on_demand(platforms: Platforms) -> None:
    assert not [c for c in platforms.calls_at_start_up if c.path.startswith("/telegram")]

    answer = requests.get(f"{platforms.rasa.url}/webhooks/telegram/set_webhook", timeout=30)
    assert answer.status_code == 200 and answer.text == "Webhook setup successful"
    (call,) = platforms.stand_in.matching(lambda c: c.path.endswith("/setWebhook"))
    assert call.path == f"/telegram/bot{TELEGRAM_TOKEN}/setWebhook"
    assert call.body == {"url": TELEGRAM_WEBHOOK, "secret_token": TELEGRAM_SECRET}


def test_telegram_message_is_answered_with_numbered_options_and_a_number_picks_one(platforms: Platforms) -> None:
    chat_id = telegram_chat()
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    reply = platforms.post("telegram", json=telegram_update(chat_id, MESSAGE), headers=headers)
    assert reply.status_code == 200 and reply.text == "success", reply.text

    calls = platforms.stand_in.wait_for(sent_to(chat_id), lambda cs: any("How did the no show up" in c.body["text"] for c in cs))
    text = "\n".join(c.body["text"] for c in calls)
    assert "partner" in text
    no_custom_leaked(calls)
    asked = next(c for c in calls if "How did the no show up" in c.body["text"])
    for number, title in enumerate(FORM_TITLES, 1):
        assert f"\n{number}. {title}" in asked.body["text"]
    keyboard = json.loads(asked.body["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == FORM_TITLES
    assert keyboard[1][0]["callback_data"] == '/describe_refusal{"resistance_form":"passive"}'

    before = len(platforms.stand_in.matching(sent_to(chat_id)))
    reply = platforms.post("telegram", json=telegram_update(chat_id, "2"), headers=headers)
    assert reply.status_code == 200, reply.text
    platforms.stand_in.wait_for(sent_to(chat_id), lambda cs: len(cs) > before)
    assert platforms.user_intents(str(chat_id))[-1] == "describe_refusal"
    assert platforms.rasa.tracker(str(chat_id))["slots"]["resistance_form"] == "passive"


def test_telegram_button_tap_is_answered_and_picks_the_option(platforms: Platforms) -> None:
    chat_id = telegram_chat()
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    platforms.post("telegram", json=telegram_update(chat_id, MESSAGE), headers=headers)
    platforms.stand_in.wait_for(sent_to(chat_id), lambda cs: any("How did the no show up" in c.body["text"] for c in cs))

    tap = telegram_tap(chat_id, '/describe_refusal{"resistance_form":"intellectual"}')
    assert platforms.post("telegram", json=tap, headers=headers).status_code == 200
    answered = platforms.stand_in.matching(lambda c: c.path.endswith("/answerCallbackQuery"))
    assert any(c.body.get("callback_query_id") == tap["callback_query"]["id"] for c in answered)
    assert platforms.rasa.tracker(str(chat_id))["slots"]["resistance_form"] == "intellectual"


def test_telegram_refuses_a_request_without_the_secret_token(platforms: Platforms) -> None:
    chat_id = telegram_chat()
    wrong = platforms.post("telegram", json=telegram_update(chat_id, MESSAGE), headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
    missing = platforms.post("telegram", json=telegram_update(chat_id, MESSAGE))
    assert (wrong.status_code, missing.status_code) == (403, 403)

    time.sleep(NOTHING_WAIT_S)
    assert not platforms.stand_in.matching(sent_to(chat_id))
    assert platforms.user_intents(str(chat_id)) == []


# --- Twilio ----------------------------------------------------------------------------------------------------


def twilio_params(sender: str, text: str) -> dict[str, str]:
    sid = new_id("SM")
    return {
        "ToCountry": "US", "ToState": "CA", "SmsMessageSid": sid, "NumMedia": "0", "ToCity": "", "FromZip": "",
        "SmsSid": sid, "FromState": "NY", "SmsStatus": "received", "FromCity": "", "Body": text, "FromCountry": "US",
        "To": TWILIO_NUMBER, "ToZip": "", "NumSegments": "1", "MessageSid": sid, "AccountSid": TWILIO_SID,
        "From": sender, "ApiVersion": "2010-04-01",
    }


def twilio_signature(params: dict[str, str], token: str = TWILIO_TOKEN, url: str = TWILIO_WEBHOOK) -> str:
    return str(RequestValidator(token).compute_signature(url, params))


def texted(number: str) -> Callable[[Call], bool]:
    return lambda c: c.path.endswith("/Messages.json") and c.body.get("To") == number


def phone() -> str:
    return f"+1555{uuid.uuid4().int % 10**7:07d}"


def test_twilio_message_is_answered_with_numbered_options_and_a_number_picks_one(platforms: Platforms) -> None:
    sender = phone()
    params = twilio_params(sender, MESSAGE)
    reply = platforms.post("twilio", data=params, headers={"X-Twilio-Signature": twilio_signature(params)})
    assert reply.status_code == 204, reply.text

    calls = platforms.stand_in.wait_for(texted(sender), lambda cs: any("How did the no show up" in c.body["Body"] for c in cs))
    assert all(c.path == f"/twilio/2010-04-01/Accounts/{TWILIO_SID}/Messages.json" for c in calls)
    expected_auth = "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
    assert all(c.headers.get("Authorization") == expected_auth for c in calls)
    assert all(c.body["From"] == TWILIO_NUMBER and set(c.body) == {"To", "From", "Body"} for c in calls)
    text = "\n".join(c.body["Body"] for c in calls)
    assert "partner" in text
    no_custom_leaked(calls)
    asked = next(c.body["Body"] for c in calls if "How did the no show up" in c.body["Body"])
    assert asked.endswith("\n".join(f"{n}. {title}" for n, title in enumerate(FORM_TITLES, 1)) + "\nReply with a number.")

    before = len(platforms.stand_in.matching(texted(sender)))
    params = twilio_params(sender, "1")
    reply = platforms.post("twilio", data=params, headers={"X-Twilio-Signature": twilio_signature(params)})
    assert reply.status_code == 204, reply.text
    platforms.stand_in.wait_for(texted(sender), lambda cs: len(cs) > before)
    assert platforms.user_intents(sender)[-1] == "describe_refusal"
    assert platforms.rasa.tracker(sender)["slots"]["resistance_form"] == "direct"


def test_a_number_sent_after_rasa_restarts_still_picks_from_the_options_shown_before(platforms: Platforms) -> None:
    # The options are read from the conversation in the tracker store, not from the Rasa process's memory.
    sender = phone()
    params = twilio_params(sender, MESSAGE)
    assert platforms.post("twilio", data=params, headers={"X-Twilio-Signature": twilio_signature(params)}).status_code == 204
    platforms.stand_in.wait_for(texted(sender), lambda cs: any("How did the no show up" in c.body["Body"] for c in cs))

    platforms.rasa.restart_rasa()

    before = len(platforms.stand_in.matching(texted(sender)))
    params = twilio_params(sender, "2")
    assert platforms.post("twilio", data=params, headers={"X-Twilio-Signature": twilio_signature(params)}).status_code == 204
    platforms.stand_in.wait_for(texted(sender), lambda cs: len(cs) > before)
    assert platforms.user_intents(sender)[-1] == "describe_refusal"
    assert platforms.rasa.tracker(sender)["slots"]["resistance_form"] == "passive"  # "Agreed, then didn't follow through"


def test_twilio_refuses_a_badly_signed_request_with_403(platforms: Platforms) -> None:
    sender = phone()
    params = twilio_params(sender, MESSAGE)
    tampered = {**params, "Body": "something else entirely"}
    attempts = {
        "wrong token": platforms.post("twilio", data=params, headers={"X-Twilio-Signature": twilio_signature(params, token="x" * 32)}),
        "wrong url": platforms.post("twilio", data=params, headers={"X-Twilio-Signature": twilio_signature(params, url="https://evil.example/")}),
        "tampered body": platforms.post("twilio", data=tampered, headers={"X-Twilio-Signature": twilio_signature(params)}),
        "no signature": platforms.post("twilio", data=params),
    }
    assert {name: r.status_code for name, r in attempts.items()} == dict.fromkeys(attempts, 403)

    time.sleep(NOTHING_WAIT_S)
    assert not platforms.stand_in.matching(texted(sender))
    assert platforms.user_intents(sender) == []


# --- Facebook Messenger ----------------------------------------------------------------------------------------


def facebook_event(psid: str, text: str) -> bytes:
    now = int(time.time() * 1000)
    return json.dumps({
        "object": "page",
        "entry": [{"id": "PAGE0001", "time": now, "messaging": [{
            "sender": {"id": psid}, "recipient": {"id": "PAGE0001"}, "timestamp": now,
            "message": {"mid": f"m_{uuid.uuid4().hex}", "text": text},
        }]}],
    }).encode("utf-8")


def facebook_headers(body: bytes, secret: str = FACEBOOK_SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"}


def messaged(psid: str) -> Callable[[Call], bool]:
    return lambda c: c.path.startswith("/facebook/me/messages") and c.body["recipient"]["id"] == psid and "message" in c.body


def test_facebook_verifies_the_webhook_with_the_verify_token(platforms: Platforms) -> None:
    url = f"{platforms.rasa.url}/webhooks/facebook/webhook"
    challenge = {"hub.mode": "subscribe", "hub.challenge": "1158201444"}
    good = requests.get(url, params={**challenge, "hub.verify_token": FACEBOOK_VERIFY}, timeout=30)
    bad = requests.get(url, params={**challenge, "hub.verify_token": "guess"}, timeout=30)
    assert (good.status_code, good.text) == (200, "1158201444")
    assert bad.status_code == 403


def test_facebook_message_is_answered_with_numbered_options_and_a_number_picks_one(platforms: Platforms) -> None:
    psid = str(uuid.uuid4().int % 10**16)
    body = facebook_event(psid, MESSAGE)
    reply = platforms.post("facebook", data=body, headers=facebook_headers(body))
    assert (reply.status_code, reply.text) == (200, "success")

    calls = platforms.stand_in.wait_for(messaged(psid), lambda cs: any("How did the no show up" in c.raw for c in cs))
    assert all(f"access_token={FACEBOOK_PAGE_TOKEN}" in c.path for c in calls)
    texts = [c.body["message"].get("text", "") for c in calls]
    assert "partner" in "\n".join(texts)
    no_custom_leaked(calls)
    # Four buttons do not fit Messenger's button template (three at most): numbered options instead.
    asked = next(t for t in texts if "How did the no show up" in t)
    assert "\n1. Refused outright\n2. Agreed, then didn't follow through\n3. Argued it away\n4. Got overwhelmed or joked it off" in asked

    before = len(platforms.stand_in.matching(messaged(psid)))
    body = facebook_event(psid, "3")
    assert platforms.post("facebook", data=body, headers=facebook_headers(body)).status_code == 200
    platforms.stand_in.wait_for(messaged(psid), lambda cs: len(cs) > before)
    assert platforms.rasa.tracker(psid)["slots"]["resistance_form"] == "intellectual"


def test_facebook_refuses_a_badly_signed_request_with_403(platforms: Platforms) -> None:
    psid = str(uuid.uuid4().int % 10**16)
    body = facebook_event(psid, MESSAGE)
    forged = platforms.post("facebook", data=body, headers=facebook_headers(body, secret="not-the-app-secret"))
    unsigned = platforms.post("facebook", data=body, headers={"Content-Type": "application/json"})
    assert (forged.status_code, unsigned.status_code) == (403, 403)

    time.sleep(NOTHING_WAIT_S)
    assert not platforms.stand_in.matching(lambda c: c.path.startswith("/facebook/") and c.body["recipient"]["id"] == psid)
    assert platforms.user_intents(psid) == []


# --- Callback --------------------------------------------------------------------------------------------------


def test_callback_channel_posts_each_bot_message_to_the_callback_url(platforms: Platforms) -> None:
    sender = f"cb-{uuid.uuid4().hex[:8]}"
    reply = platforms.post("callback", json={"sender": sender, "message": MESSAGE})
    assert reply.status_code == 200 and reply.text == "success"

    calls = platforms.stand_in.wait_for(
        lambda c: c.path == "/callback" and c.body.get("recipient_id") == sender,
        lambda cs: any("How did the no show up" in (c.body.get("text") or "") for c in cs),
    )
    assert "partner" in "\n".join(c.body.get("text") or "" for c in calls)
    no_custom_leaked(calls)
    # The callback receiver gets Rasa's message JSON, buttons included as data.
    asked = next(c for c in calls if "How did the no show up" in (c.body.get("text") or ""))
    assert [button["title"] for button in asked.body["buttons"]] == FORM_TITLES


# --- What decides which channels are on (no server needed) ----------------------------------------------------


def test_credentials_turn_a_platform_on_only_when_its_required_variables_are_set(tmp_path: Path) -> None:
    out = tmp_path / "credentials.yml"
    on, off = write_credentials(out, env={"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "t"})
    assert on == ["channels.rest.RestInput", "channels.socketio.SocketIOInput", "callback"]
    assert off["channels.twilio.VerifiedTwilioInput"] == ["TWILIO_NUMBER", "TWILIO_WEBHOOK_URL"]
    assert "url: http://localhost:5034/bot" in out.read_text()  # CALLBACK_URL's default

    env = {"TELEGRAM_TOKEN": "1:a", "TELEGRAM_BOT_NAME": "b", "TELEGRAM_WEBHOOK_URL": "https://h/w", "CALLBACK_URL": "http://x/y"}
    on, _ = write_credentials(out, env=env)
    assert "channels.telegram.OfflineSafeTelegramInput" in on
    text = out.read_text()
    # Set variables stay unquoted ${VAR} for Rasa to expand; unset optional ones are left out; defaults filled in.
    assert "access_token: ${TELEGRAM_TOKEN}\n" in text and "url: ${CALLBACK_URL}\n" in text
    assert "secret_token" not in text and "api_url: https://api.telegram.org\n" in text
