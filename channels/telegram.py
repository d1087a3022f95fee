"""Telegram: Rasa's connector without the network call at start-up, with a configurable API URL.

Rasa's TelegramInput calls Telegram's setWebhook while the server starts, so `rasa run` exits when
api.telegram.org cannot be reached. Ours makes no call at start-up: set the webhook on demand with
GET /webhooks/telegram/set_webhook (it registers `webhook_url`, and `secret_token` when configured).

- `api_url` (TELEGRAM_API_URL, default https://api.telegram.org) is where the Bot API calls go.
- `secret_token` (TELEGRAM_SECRET_TOKEN, optional, 1-256 of A-Z a-z 0-9 _ -): passed to setWebhook, after
  which Telegram sends it in X-Telegram-Bot-Api-Secret-Token; webhook requests without it get 403.
- Buttons come as numbered options in the text and as an inline keyboard; a reply of just the number
  picks the option, as does tapping it (the tap is answered with answerCallbackQuery).
- The bot's own username (`verify`) is fetched with getMe once, not on every message.
"""
from __future__ import annotations

import hmac
import logging
import os
from typing import Any, Optional

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, User
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.buttons import Button, ButtonMemory, OnNewMessage, drop_custom, numbered, picking_buttons

logger = logging.getLogger(__name__)

TELEGRAM_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for an inline button's callback_data
TAP_HINT = "Tap one, or reply with its number."


class TelegramReplies(TelegramOutput):
    """The Bot API client, pointed at `api_url`; buttons come numbered in the text and as an inline keyboard."""

    def __init__(
        self,
        access_token: Optional[str],
        api_url: str = TELEGRAM_API_URL,
        secret_token: Optional[str] = None,
        buttons: Optional[ButtonMemory] = None,
    ) -> None:
        # TelegramOutput.__init__ only calls Bot.__init__, which is where the server goes.
        Bot.__init__(self, access_token, server=TelegramAPIServer.from_base(api_url))
        self.secret_token = secret_token
        self.buttons = buttons if buttons is not None else ButtonMemory()
        self._me: Optional[User] = None

    async def get_me(self) -> User:
        """The bot's own account, asked of Telegram once (Rasa asks on every incoming message)."""
        if self._me is None:
            self._me = await super().get_me()
        return self._me

    async def set_webhook(self, url: str, *args: Any, **kwargs: Any) -> bool:
        """Registers the webhook, with the secret token if there is one. False, and a log line, on failure."""
        payload: dict[str, Any] = {"url": url}
        if self.secret_token:
            payload["secret_token"] = self.secret_token
        try:
            return bool(await self.request("setWebhook", payload))
        except TelegramAPIError as error:
            logger.error("Telegram did not set the webhook to %s: %s", url, error)
            return False

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[Button], button_type: Optional[str] = "inline", **kwargs: Any
    ) -> None:
        self.buttons.remember(recipient_id, buttons)
        keyboard = InlineKeyboardMarkup()
        for number, button in enumerate(buttons, 1):
            title = str(button.get("title", ""))
            if button.get("url"):
                keyboard.row(InlineKeyboardButton(title, url=button["url"]))
                continue
            payload = str(button.get("payload", ""))
            # A tap sends the payload itself when it fits, else the number (resolved like a typed one).
            data = payload if len(payload.encode("utf-8")) <= CALLBACK_DATA_LIMIT else str(number)
            keyboard.row(InlineKeyboardButton(title, callback_data=data))
        await self.send_message(recipient_id, numbered(text, buttons, hint=TAP_HINT), reply_markup=keyboard)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        drop_custom(self.name(), json_message)


class OfflineSafeTelegramInput(TelegramInput):
    """Telegram input that starts without network. Credentials:

    access_token (from BotFather), verify (the bot's username), webhook_url (public URL of
    /webhooks/telegram/webhook), secret_token (optional), api_url (optional).
    """

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        credentials = credentials or {}  # for mypy: the line above raises
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_url=credentials.get("api_url") or os.environ.get("TELEGRAM_API_URL") or TELEGRAM_API_URL,
            secret_token=credentials.get("secret_token") or None,
        )

    def __init__(
        self,
        access_token: Optional[str],
        verify: Optional[str],
        webhook_url: Optional[str],
        debug_mode: bool = True,
        api_url: str = TELEGRAM_API_URL,
        secret_token: Optional[str] = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_url = api_url
        self.secret_token = secret_token
        self.buttons = ButtonMemory()
        self._output: Optional[TelegramReplies] = None
        if not secret_token:
            logger.warning("TELEGRAM_SECRET_TOKEN is not set: anyone who finds the Telegram webhook URL can post to it")

    def has_secret_token(self, request: Request) -> bool:
        if not self.secret_token:
            return True
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode("utf-8"), self.secret_token.encode("utf-8"))

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = super().blueprint(picking_buttons(self.buttons, on_new_message))

        @webhook.middleware("request")
        async def require_secret_token(request: Request) -> Optional[HTTPResponse]:
            if not request.path.rstrip("/").endswith("/webhook"):
                return None  # the health and set_webhook routes
            if not self.has_secret_token(request):
                logger.warning("Refused a Telegram webhook request: missing or wrong %s", SECRET_HEADER)
                return response.text(f"Missing or invalid {SECRET_HEADER}", status=403)
            await self._acknowledge_tap(request)
            return None

        return self.buttons.attach(webhook)

    async def _acknowledge_tap(self, request: Request) -> None:
        """Answers a button tap, so the user's Telegram stops showing it as loading (Rasa's connector does not)."""
        try:
            body = request.json if request.method == "POST" else None
        except Exception:  # not JSON: Rasa's handler deals with it
            return
        query_id = (body.get("callback_query") or {}).get("id") if isinstance(body, dict) else None
        if not query_id:
            return
        try:
            await self.get_output_channel().answer_callback_query(query_id)
        except TelegramAPIError as error:
            logger.warning("Could not answer Telegram callback query %s: %s", query_id, error)

    def get_output_channel(self) -> TelegramReplies:
        """One client for the connector's lifetime, created without calling Telegram."""
        if self._output is None:
            self._output = TelegramReplies(self.access_token, self.api_url, self.secret_token, self.buttons)
        return self._output
