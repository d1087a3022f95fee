"""No turn ends in silence, and no turn waits long: every message gets an answer within ACTION_TIMEOUT_S.

Rasa logs a failed custom action and carries on without its messages, so without this a user who reaches
out could get no answer at all. A frozen action server is worse: the HTTP call would wait Rasa's default
five minutes. Here the call to the action server gives up after ACTION_TIMEOUT_S (default 4 s), and if the
whole turn still isn't done by TURN_TIMEOUT_S (default 5 s) the honest "part of me isn't working" reply goes
out at once while the turn finishes in the background. The crisis response doesn't depend on this (it is a
domain response triggered by a rule), but if even that turn hangs (waiting behind an earlier one), the
crisis reply for the message's category goes out from here instead of the "not working" one.

It also adds the short safety note beside the normal answer when the message spoke of danger that is over
or someone else's (components/crisis_grade.py's ``past`` level), unless a crisis reply already went out.
"""
from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.actions import action as rasa_action
from rasa.core.channels.channel import UserMessage

from kernel import resources

logger = logging.getLogger(__name__)


def _seconds(name: str, default: float) -> float:
    try:
        return max(0.5, float(os.environ.get(name, default)))
    except ValueError:
        return default


ACTION_TIMEOUT_S = _seconds("ACTION_TIMEOUT_S", 4.0)
TURN_TIMEOUT_S = _seconds("TURN_TIMEOUT_S", ACTION_TIMEOUT_S + 1.0)
# Rasa reads this module global on every custom-action call (rasa/core/actions/action.py, RemoteAction.run).
rasa_action.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT_S  # type: ignore[attr-defined]

UNAVAILABLE = resources.text("unavailable")
PAST_NOTE = resources.text("past_note")
# Turns still running after their fallback reply went out; kept so they aren't garbage-collected.
_LATE_TURNS: set[asyncio.Task[Any]] = set()


class CountingOutput:
    """Wraps an output channel and remembers what was sent through it."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.sent = 0
        self.crisis_sent = False

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name.startswith("send_") and callable(attribute):
            async def counted(*args: Any, **kwargs: Any) -> Any:
                self.sent += 1
                if name == "send_custom_json" and any(isinstance(a, dict) and a.get("type") == "crisis" for a in args):
                    self.crisis_sent = True
                return await attribute(*args, **kwargs)

            return counted
        return attribute


def _spoke_of_past_danger(text: str) -> bool:
    from components.crisis_grade import PAST
    from components.crisis_guard import grade_message

    try:
        return grade_message(text, None, [])[0].level == PAST
    except Exception:  # a note is a courtesy; never let it break a turn
        logger.exception("Grading the message for the safety note failed")
        return False


def _crisis_category(text: str) -> str | None:
    """The crisis category of a message whose turn failed or hung, so the crisis reply still goes out."""
    from components.crisis_grade import CRISIS
    from components.crisis_guard import grade_message

    try:
        result = grade_message(text, None, [])[0]
    except Exception:
        logger.exception("Grading a message whose turn failed did not work")
        return None
    return result.category if result.level == CRISIS else None


async def _send_fallback(output: CountingOutput, message: UserMessage) -> None:
    category = _crisis_category(message.text) if isinstance(message.text, str) else None
    if category is None:
        await output._inner.send_text_message(message.sender_id, UNAVAILABLE)
        return
    # The same reply and payload the domain's utter_crisis gives for this category.
    await output._inner.send_text_message(message.sender_id, resources.text(f"crisis_{category}"))
    await output._inner.send_custom_json(message.sender_id, {"type": "crisis", "category": category, "topic": "worried_about_safety"})


def never_silent(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handle(message: UserMessage) -> Any:
        output = CountingOutput(message.output_channel)
        message.output_channel = output  # type: ignore[assignment]
        turn = asyncio.ensure_future(on_new_message(message))
        done, _ = await asyncio.wait({turn}, timeout=TURN_TIMEOUT_S)
        result = None
        if turn in done:
            try:
                result = turn.result()
            except Exception:
                logger.exception("Handling a message failed; sending the fallback reply")
        else:
            logger.error("A turn took longer than %.1f s; sending the fallback reply now", TURN_TIMEOUT_S)
            _LATE_TURNS.add(turn)
            turn.add_done_callback(_LATE_TURNS.discard)
        if output.sent == 0:
            await _send_fallback(output, message)
        elif not output.crisis_sent and isinstance(message.text, str) and _spoke_of_past_danger(message.text):
            await output._inner.send_text_message(message.sender_id, PAST_NOTE)
        return result

    return handle
