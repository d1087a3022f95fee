"""Buttons on platforms that lack them: numbered options in the text, and a reply of just the number picks one.

Which options a number picks is read from the conversation itself: the buttons of the bot's last messages
in the tracker (Rasa stores them with each bot message), not from this process's memory. So a "2" means the
same after a restart, on another Rasa server behind a load balancer, or in another Sanic worker. Options only
answer the message they came with: once the person has replied, a later "2" cannot pick from an old list.
Anything that picks nothing (no options shown, a number out of range) goes to NLU as the text it was.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Optional

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered, Event, UserUttered
from sanic import Blueprint, Sanic

logger = logging.getLogger(__name__)

Button = dict[str, Any]
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

# "2", "2.", "2)", "#2", with any surrounding spaces.
NUMBER_REPLY = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")


def numbered(text: str, buttons: list[Button], hint: str = "Reply with a number.") -> str:
    """The text with the buttons as a numbered list under its last paragraph (so they travel together)."""
    options = "\n".join(f"{number}. {button.get('title', '')}" for number, button in enumerate(buttons, 1))
    return f"{text.rstrip()}\n{options}" + (f"\n{hint}" if hint else "")


def last_shown_buttons(events: Iterable[Event]) -> list[Button]:
    """The buttons of the bot's last message that had any, if the person has not replied since."""
    for event in reversed(list(events)):
        if isinstance(event, UserUttered):
            return []
        if isinstance(event, BotUttered) and event.data.get("buttons"):
            return [dict(button) for button in event.data["buttons"]]
    return []


def picked(shown: list[Button], text: Optional[str]) -> Optional[str]:
    """The payload of the option a reply picks (by number, or by its exact title), else the text unchanged."""
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


class ButtonMemory:
    """Looks up the options last shown to a sender in the Rasa server's tracker store.

    A connector ``attach``es it to its blueprint, which hands it the server (and so the agent and its tracker
    store) when the server starts. ``remember`` is kept for the connectors and does nothing: the tracker
    already holds every bot message with its buttons.
    """

    def __init__(self) -> None:
        self._app: Optional[Sanic] = None

    def attach(self, blueprint: Blueprint) -> Blueprint:
        @blueprint.listener("before_server_start")
        async def know_the_server(app: Sanic, _loop: Any) -> None:
            self._app = app

        return blueprint

    def remember(self, sender_id: str, buttons: list[Button]) -> None:
        return None

    async def shown(self, sender_id: str) -> list[Button]:
        agent = getattr(self._app.ctx, "agent", None) if self._app is not None else None
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return []
        try:
            tracker = await store.retrieve(str(sender_id))
        except Exception:  # a number that can't be looked up is still a message: it goes to NLU as text
            logger.exception("Could not read the conversation to find the options shown")
            return []
        return last_shown_buttons(tracker.events) if tracker is not None else []

    async def resolve(self, sender_id: str, text: Optional[str]) -> Optional[str]:
        if not text:
            return text
        return picked(await self.shown(sender_id), text)


def picking_buttons(memory: ButtonMemory, on_new_message: OnNewMessage) -> OnNewMessage:
    """Wraps Rasa's message handler so that a reply picking a shown option becomes that option's payload."""

    async def handler(message: UserMessage) -> Any:
        resolved = await memory.resolve(message.sender_id, message.text)
        if resolved != message.text:
            logger.debug("A reply picks the option %r", resolved)
            message.text = resolved
        return await on_new_message(message)

    return handler


def drop_custom(channel: str, json_message: Any) -> None:
    """Rasa would hand a `custom` payload straight to the platform's API; ours are for REST and Socket.IO only."""
    keys = sorted(json_message) if isinstance(json_message, dict) else type(json_message).__name__
    logger.debug("Not sending a custom payload (%s) to %s", keys, channel)
