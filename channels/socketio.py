"""Rasa's Socket.IO channel with `custom` payloads that arrive instead of crashing the turn.

Rasa 3.6's SocketIOOutput.send_custom_json calls ``sio.emit(event, **json_message)``, so a payload
like {"type": "content", "items": [...]} raises TypeError (emit() has no ``type`` argument). The
exception escapes the prediction loop and the whole turn, user message included, is never saved.
Here every custom payload is sent as its own bot message, ``{"custom": {...}}``, the same shape the
REST channel uses.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Optional

from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint

from channels.fallback import never_silent


class SocketIOOutput(rasa_socketio.SocketIOOutput):
    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class SocketIOInput(rasa_socketio.SocketIOInput):
    """Same events, path and session handling as Rasa's; only the output channel differs."""

    def get_output_channel(self) -> Optional[OutputChannel]:
        return SocketIOOutput(self.sio, self.bot_message_evt) if self.sio is not None else super().get_output_channel()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        answered = never_silent(on_new_message)

        async def with_fixed_output(message: UserMessage) -> Any:
            if self.sio is not None:
                message.output_channel = SocketIOOutput(self.sio, self.bot_message_evt)
            return await answered(message)

        return super().blueprint(with_fixed_output)
