"""No turn ends in silence: if nothing was said (the action server is down, say), send an honest reply.

Rasa logs a failed custom action and carries on without its messages, so without this a user who
reaches out could get no answer at all. The crisis response never depends on this: it is a domain
response triggered by a rule.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "I'm sorry, part of me isn't working right now, so I can't give you my usual guidance. "
    "Please try again in a little while. If you or anyone is in danger, call 911, or call or text 988 (free, 24/7)."
)


class CountingOutput:
    """Wraps an output channel and remembers whether anything was sent through it."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.sent = 0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name.startswith("send_") and callable(attribute):
            async def counted(*args: Any, **kwargs: Any) -> Any:
                self.sent += 1
                return await attribute(*args, **kwargs)

            return counted
        return attribute


def never_silent(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handle(message: UserMessage) -> Any:
        output = CountingOutput(message.output_channel)
        message.output_channel = output  # type: ignore[assignment]
        result = None
        try:
            result = await on_new_message(message)
        except Exception:
            logger.exception("Handling a message failed; sending the fallback reply")
        if output.sent == 0:
            await output._inner.send_text_message(message.sender_id, UNAVAILABLE)
        return result

    return handle
