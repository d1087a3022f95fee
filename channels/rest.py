"""Rasa's REST channel with two promises: every message gets an answer, and a malformed request gets a
clear 400 instead of a server error."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import rest
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from channels.fallback import never_silent

EXPECTED = 'Send a JSON object like {"sender": "someone", "message": "hello"}.'


def _body(request: Request) -> dict[str, Any]:
    body = request.json
    if not isinstance(body, dict):
        raise InvalidUsage(EXPECTED)
    return body


class RestInput(rest.RestInput):
    async def _extract_sender(self, req: Request) -> str:
        sender = _body(req).get("sender")
        return str(sender) if sender not in (None, "") else "default"

    def _extract_message(self, req: Request) -> str:
        message = _body(req).get("message")
        return message if isinstance(message, str) else ""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(never_silent(on_new_message))
