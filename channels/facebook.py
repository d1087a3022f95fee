"""Facebook Messenger: Rasa's connector, with signature failures refused and a configurable Graph API URL.

- Rasa's connector answers 200 "not validated" to a request whose signature is wrong, and only knows
  X-Hub-Signature (SHA-1). Ours checks X-Hub-Signature-256 (else X-Hub-Signature) and answers 403.
- `api_url` (FACEBOOK_API_URL, Graph API base URL with its version; default fbmessenger's
  https://graph.facebook.com/v2.12) is where the Send API calls go.
- Buttons: Messenger's button template takes at most 3 buttons, titles of 20 characters and 640
  characters of text (Rasa drops all buttons beyond 3). Anything beyond that comes as numbered
  options, and a reply of the number picks one.
- `custom` payloads are not forwarded: ours are for the web chat only.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
from typing import Any, Optional

from fbmessenger import MessengerClient
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.buttons import Button, ButtonMemory, OnNewMessage, drop_custom, numbered, picking_buttons

logger = logging.getLogger(__name__)

TEMPLATE_MAX_BUTTONS = 3
TEMPLATE_TITLE_LIMIT = 20
TEMPLATE_TEXT_LIMIT = 640


def messenger_client(page_access_token: str, api_url: Optional[str]) -> MessengerClient:
    client = MessengerClient(page_access_token)
    if api_url:
        client.graph_url = api_url.rstrip("/")
    return client


class MessengerReplies(MessengerBot):
    """Send API replies; buttons that do not fit a button template come as numbered options."""

    def __init__(self, messenger_client: MessengerClient, buttons: Optional[ButtonMemory] = None) -> None:
        super().__init__(messenger_client)
        self.buttons = buttons if buttons is not None else ButtonMemory()

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[Button], **kwargs: Any) -> None:
        fits = (
            len(buttons) <= TEMPLATE_MAX_BUTTONS
            and len(text) <= TEMPLATE_TEXT_LIMIT
            and all(len(str(b.get("title", ""))) <= TEMPLATE_TITLE_LIMIT for b in buttons)
        )
        if fits:
            await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)
            return
        self.buttons.remember(recipient_id, buttons)
        await self.send_text_message(recipient_id, numbered(text, buttons), **kwargs)

    async def send_custom_json(self, recipient_id: str, json_message: Any, **kwargs: Any) -> None:
        drop_custom(self.name(), json_message)


class PageMessenger(Messenger):
    """Rasa's webhook event handling, replying through our output channel."""

    def __init__(self, client: MessengerClient, on_new_message: OnNewMessage, buttons: ButtonMemory) -> None:
        self.on_new_message = on_new_message
        self.client = client
        self.last_message: dict[str, Any] = {}
        self.buttons = buttons

    async def _handle_user_message(self, text: str, sender_id: str, metadata: Optional[dict[str, Any]]) -> None:
        out_channel = MessengerReplies(self.client, self.buttons)
        await out_channel.send_action(sender_id, sender_action="mark_seen")
        user_msg = UserMessage(text, out_channel, sender_id, input_channel=self.name(), metadata=metadata)
        await out_channel.send_action(sender_id, sender_action="typing_on")
        try:
            await self.on_new_message(user_msg)
        except Exception:
            logger.exception("Exception when trying to handle webhook for facebook message.")
        finally:
            await out_channel.send_action(sender_id, sender_action="typing_off")


class SignedFacebookInput(FacebookInput):
    """Facebook input. Credentials as Rasa's `facebook` (verify, secret, page-access-token), plus `api_url` (optional)."""

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        credentials = credentials or {}  # for mypy: the line above raises
        return cls(
            credentials.get("verify"),
            credentials.get("secret"),
            credentials.get("page-access-token"),
            api_url=credentials.get("api_url") or os.environ.get("FACEBOOK_API_URL") or None,
        )

    def __init__(
        self, fb_verify: Optional[str], fb_secret: Optional[str], fb_access_token: Optional[str], api_url: Optional[str] = None
    ) -> None:
        if not fb_secret or not fb_access_token:
            raise InvalidConfigException("The Facebook channel needs `secret` (the app secret) and `page-access-token`.")
        super().__init__(fb_verify or "", fb_secret, fb_access_token)
        self.api_url = api_url
        self.buttons = ButtonMemory()

    def is_signed_by_facebook(self, request: Request) -> bool:
        if not self.fb_secret:
            return False
        for header, algorithm in (("X-Hub-Signature-256", hashlib.sha256), ("X-Hub-Signature", hashlib.sha1)):
            given = request.headers.get(header)
            if given:
                expected = f"{algorithm().name}=" + hmac.new(self.fb_secret.encode("utf-8"), request.body, algorithm).hexdigest()
                return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
        return False

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        fb_webhook = Blueprint("fb_webhook", __name__)
        handler = picking_buttons(self.buttons, on_new_message)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            if self.fb_verify and request.args.get("hub.verify_token") == self.fb_verify:
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("Invalid Facebook verify token: it must match the webhook settings of the Facebook app")
            return response.text("failure, invalid token", status=403)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_signed_by_facebook(request):
                logger.warning("Refused a Facebook webhook request: missing or wrong X-Hub-Signature-256")
                return response.text("Missing or invalid X-Hub-Signature-256", status=403)
            messenger = PageMessenger(self.get_output_channel().messenger_client, handler, self.buttons)
            await messenger.handle(request.json, self.get_metadata(request))
            return response.text("success")

        return self.buttons.attach(fb_webhook)

    def get_output_channel(self) -> MessengerReplies:
        return MessengerReplies(messenger_client(self.fb_access_token, self.api_url), self.buttons)
