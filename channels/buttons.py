"""Buttons on platforms that lack them: numbered options in the text, and a reply of just the number picks one.

The connector remembers the buttons it last showed each sender, in this process's memory. Limitations:
what was shown is lost when Rasa restarts, is not shared between several Rasa instances behind a load
balancer, and only the last `MAX_SENDERS` senders are kept (least recently shown forgotten first). A
number then simply goes to NLU as text. Options only answer the message they came with: any reply
clears them, so a later "2" cannot pick from an old list.
"""
from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Optional

from rasa.core.channels.channel import UserMessage

logger = logging.getLogger(__name__)

Button = dict[str, Any]
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

MAX_SENDERS = 10_000
# "2", "2.", "2)", "#2", with any surrounding spaces.
NUMBER_REPLY = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")


def numbered(text: str, buttons: list[Button], hint: str = "Reply with a number.") -> str:
    """The text with the buttons as a numbered list under its last paragraph (so they travel together)."""
    options = "\n".join(f"{number}. {button.get('title', '')}" for number, button in enumerate(buttons, 1))
    return f"{text.rstrip()}\n{options}" + (f"\n{hint}" if hint else "")


class ButtonMemory:
    """The buttons last shown to each sender, so a reply of "2" can mean the second one."""

    def __init__(self, max_senders: int = MAX_SENDERS) -> None:
        self.max_senders = max_senders
        self._shown: OrderedDict[str, list[Button]] = OrderedDict()

    def remember(self, sender_id: str, buttons: list[Button]) -> None:
        key = str(sender_id)
        self._shown[key] = [dict(button) for button in buttons]
        self._shown.move_to_end(key)
        while len(self._shown) > self.max_senders:
            self._shown.popitem(last=False)

    def shown(self, sender_id: str) -> list[Button]:
        return list(self._shown.get(str(sender_id), []))

    def resolve(self, sender_id: str, text: Optional[str]) -> Optional[str]:
        """The payload of the button a reply picks (by number, or by its exact title), else the text unchanged.

        The sender's options are forgotten either way.
        """
        shown = self._shown.pop(str(sender_id), None)
        if not shown or not text:
            return text
        match = NUMBER_REPLY.match(text)
        if match:
            index = int(match.group(1)) - 1
            chosen = shown[index] if 0 <= index < len(shown) else None
        else:
            wanted = text.strip().casefold()
            chosen = next((b for b in shown if str(b.get("title", "")).strip().casefold() == wanted), None)
        if chosen is None or not chosen.get("payload"):
            return text
        return str(chosen["payload"])


def picking_buttons(memory: ButtonMemory, on_new_message: OnNewMessage) -> OnNewMessage:
    """Wraps Rasa's message handler so that a reply picking a shown option becomes that option's payload."""

    async def handler(message: UserMessage) -> Any:
        resolved = memory.resolve(message.sender_id, message.text)
        if resolved != message.text:
            logger.debug("Reply %r from %s picks the option %r", message.text, message.sender_id, resolved)
            message.text = resolved
        return await on_new_message(message)

    return handler


def drop_custom(channel: str, json_message: Any) -> None:
    """Rasa would hand a `custom` payload straight to the platform's API; ours are for REST and Socket.IO only."""
    keys = sorted(json_message) if isinstance(json_message, dict) else type(json_message).__name__
    logger.debug("Not sending a custom payload (%s) to %s", keys, channel)
