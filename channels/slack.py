"""Slack: Rasa's connector (which already checks X-Slack-Signature), with a configurable Web API URL.

- `api_url` (SLACK_API_URL, default https://slack.com/api/) is where chat.postMessage goes.
- Buttons stay Slack buttons. Beyond Slack's five per message (where Rasa would drop them all), or
  with a text too long for a block, they come as numbered options, and a reply of the number picks one.
- `custom` payloads are not forwarded: ours are for the web chat only.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint
from slack_sdk.web.async_client import AsyncWebClient

from channels.buttons import Button, ButtonMemory, OnNewMessage, drop_custom, numbered, picking_buttons

logger = logging.getLogger(__name__)

SLACK_API_URL = "https://slack.com/api/"
MAX_BUTTONS = 5  # per actions block
SECTION_TEXT_LIMIT = 3000  # characters in a section block's text


class SlackReplies(SlackBot):
    """Posts to the Slack Web API at a configurable base URL."""

    def __init__(
        self,
        token: str,
        slack_channel: Optional[str] = None,
        thread_id: Optional[str] = None,
        proxy: Optional[str] = None,
        api_url: str = SLACK_API_URL,
        buttons: Optional[ButtonMemory] = None,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url)
        self.buttons = buttons if buttons is not None else ButtonMemory()

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[Button], **kwargs: Any) -> None:
        if len(buttons) <= MAX_BUTTONS and len(text) <= SECTION_TEXT_LIMIT:
            await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)
            return
        self.buttons.remember(recipient_id, buttons)
        await self.send_text_message(recipient_id, numbered(text, buttons), **kwargs)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        drop_custom(self.name(), json_message)


class ConfigurableSlackInput(SlackInput):
    """Slack input whose replies go to `api_url`. Credentials as Rasa's `slack`, plus `api_url` (optional)."""

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        assert isinstance(channel, ConfigurableSlackInput)
        channel.api_url = (credentials or {}).get("api_url") or channel.api_url
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.api_url: str = os.environ.get("SLACK_API_URL") or SLACK_API_URL
        self.buttons = ButtonMemory()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return self.buttons.attach(super().blueprint(picking_buttons(self.buttons, on_new_message)))

    def get_output_channel(self, channel: Optional[str] = None, thread_id: Optional[str] = None) -> OutputChannel:
        return SlackReplies(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url, self.buttons)
