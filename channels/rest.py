"""Rasa's REST channel, unchanged but for one promise: every message gets an answer."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import rest
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from channels.fallback import never_silent


class RestInput(rest.RestInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(never_silent(on_new_message))
