"""Twilio (SMS and WhatsApp): Rasa's connector, plus X-Twilio-Signature checks and numbered options for buttons.

Rasa's TwilioInput accepts any POST. Ours refuses (403) a request whose X-Twilio-Signature does not
match the auth token, the public webhook URL Twilio was given (`webhook_url`, i.e. TWILIO_WEBHOOK_URL)
and the form parameters. Replies go through twilio.rest.Client to `api_url` (TWILIO_API_URL, default
https://api.twilio.com), without blocking Rasa's event loop.
"""
from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator
from typing import Any, Optional
from urllib.parse import parse_qs

import requests
from rasa.core.channels.channel import InputChannel
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from channels.buttons import Button, ButtonMemory, OnNewMessage, drop_custom, numbered, picking_buttons

logger = logging.getLogger(__name__)

TWILIO_API_URL = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"
# Twilio refuses a message body over 1,600 characters.
BODY_LIMIT = 1600


def sms_parts(text: str, limit: int = BODY_LIMIT) -> Iterator[str]:
    """One message per paragraph, as Rasa does, with any paragraph over the limit cut at line or word ends."""
    for paragraph in text.strip().split("\n\n"):
        rest = paragraph.strip()
        while len(rest) > limit:
            cut = rest.rfind("\n", 0, limit)
            if cut <= 0:
                cut = rest.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
            yield rest[:cut].rstrip()
            rest = rest[cut:].lstrip()
        if rest:
            yield rest


class _Params(dict):
    """Form fields as lists of values, in the shape RequestValidator reads (it asks for `getall`)."""

    def getall(self, name: str) -> list[str]:
        return list(self[name])


def signed_params(request: Request) -> _Params:
    """Every form field Twilio sent, empty ones included: Twilio signs them all, but Sanic's request.form drops
    the empty ones (ToCity, FromZip... are often empty), which would make every such signature look wrong."""
    if not (request.content_type or "").startswith("application/x-www-form-urlencoded"):
        return _Params()
    return _Params(parse_qs(request.body.decode("utf-8"), keep_blank_values=True))


class TwilioReplies(TwilioOutput):
    """Sends replies through the Twilio API at a configurable base URL; buttons become numbered options."""

    def __init__(
        self,
        account_sid: Optional[str],
        auth_token: Optional[str],
        twilio_number: Optional[str],
        api_url: str = TWILIO_API_URL,
        buttons: Optional[ButtonMemory] = None,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        # The Messages API lives on the `api` domain; its base URL is a plain attribute of the client.
        self.api.base_url = api_url.rstrip("/")
        self.buttons = buttons if buttons is not None else ButtonMemory()

    async def _send_message(self, message_data: dict[str, Any]) -> Any:
        # twilio.rest.Client is synchronous (requests): run it off the event loop.
        try:
            return await asyncio.to_thread(self.messages.create, **message_data)
        except TwilioRestException as error:
            logger.error("Twilio refused the message to %s: %s", message_data.get("to"), error.msg)
        except requests.RequestException as error:
            logger.error("Could not reach the Twilio API at %s: %s", self.api.base_url, error)
        return None

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in sms_parts(text):
            await self._send_message({"to": recipient_id, "from_": self.twilio_number, "body": part})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[Button], **kwargs: Any) -> None:
        self.buttons.remember(recipient_id, buttons)
        await self.send_text_message(recipient_id, numbered(text, buttons))

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        drop_custom(self.name(), json_message)


class VerifiedTwilioInput(TwilioInput):
    """Twilio input that only accepts requests signed by Twilio. Credentials:

    account_sid, auth_token, twilio_number (e.g. +15551234567, or whatsapp:+15551234567),
    webhook_url (the public URL Twilio posts to, exactly as entered in the Twilio console),
    api_url (optional; TWILIO_API_URL, default https://api.twilio.com).
    """

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        credentials = credentials or {}  # for mypy: the line above raises
        return cls(
            credentials.get("account_sid"),
            credentials.get("auth_token"),
            credentials.get("twilio_number"),
            webhook_url=credentials.get("webhook_url") or os.environ.get("TWILIO_WEBHOOK_URL"),
            api_url=credentials.get("api_url") or os.environ.get("TWILIO_API_URL") or TWILIO_API_URL,
        )

    def __init__(
        self,
        account_sid: Optional[str],
        auth_token: Optional[str],
        twilio_number: Optional[str],
        debug_mode: bool = True,
        webhook_url: Optional[str] = None,
        api_url: str = TWILIO_API_URL,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode)
        if not auth_token or not webhook_url:
            raise InvalidConfigException(
                "The Twilio channel needs `auth_token` and `webhook_url` (TWILIO_AUTH_TOKEN, TWILIO_WEBHOOK_URL) "
                "to check X-Twilio-Signature; without them anyone could post as any phone number."
            )
        self.webhook_url = webhook_url
        self.api_url = api_url
        self.validator = RequestValidator(auth_token)
        self.buttons = ButtonMemory()

    def is_signed_by_twilio(self, request: Request) -> bool:
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature:
            return False
        try:
            return bool(self.validator.validate(self.webhook_url, signed_params(request), signature))
        except Exception:  # a malformed body or header is simply not a valid signature
            logger.debug("Could not check the Twilio signature", exc_info=True)
            return False

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = super().blueprint(picking_buttons(self.buttons, on_new_message))

        @webhook.middleware("request")
        async def require_twilio_signature(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST" and not self.is_signed_by_twilio(request):
                logger.warning("Refused a Twilio webhook request: missing or wrong %s", SIGNATURE_HEADER)
                return response.text(f"Missing or invalid {SIGNATURE_HEADER}", status=403)
            return None

        return self.buttons.attach(webhook)

    def get_output_channel(self) -> TwilioReplies:
        return TwilioReplies(self.account_sid, self.auth_token, self.twilio_number, self.api_url, self.buttons)

