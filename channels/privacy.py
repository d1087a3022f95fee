"""DELETE /privacy/conversations/<sender_id>: delete everything stored for one sender.

Removes the conversation (every event in the tracker store), the sender's rehearsals and their
"was this helpful?" answers, and answers 200 with how many of each were removed (0s for a sender we
never saw). The rehearsals and answers live in the action server's database, so they are deleted by the
action server's own endpoint (actions/privacy_endpoint.py), called with the same token; if it can't be
reached, nothing is deleted and the answer is 503, so the request can simply be sent again.
It needs the HTTP API token (`auth_token`, i.e. RASA_AUTH_TOKEN) as `?token=` or as
`Authorization: Bearer <token>`: 401 without one, 403 with a wrong one. credentials.yml turns this
channel on only when RASA_AUTH_TOKEN is set, so it is never open without a token.

The conversation's lock is held while deleting, so a turn of the same conversation being handled
at that moment cannot write its events back afterwards.
"""
from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Optional
from urllib.parse import quote

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.utils.endpoints import EndpointConfig
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from trackers.store import forgetful_store

logger = logging.getLogger(__name__)


def _provided_token(request: Request) -> Optional[str]:
    token = request.args.get("token")
    if token:
        return str(token)
    scheme, _, value = (request.headers.get("Authorization") or "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


ACTION_SERVER_TIMEOUT_S = 30


class ActionServerDidNotDelete(Exception):
    """The action server could not be reached, or refused to delete."""


async def delete_on_the_action_server(action_endpoint: Optional[EndpointConfig], sender_id: str, token: str) -> dict[str, int]:
    """Asks the action server to delete the sender's rehearsals and ratings; returns its counts."""
    if action_endpoint is None or not action_endpoint.url:
        raise ActionServerDidNotDelete("no action endpoint is configured")
    base = action_endpoint.url.rstrip("/").removesuffix("/webhook")
    url = f"{base}/privacy/senders/{quote(sender_id, safe='')}"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=ACTION_SERVER_TIMEOUT_S)) as http:
            async with http.delete(url, headers={"Authorization": f"Bearer {token}"}) as answer:
                if answer.status != 200:
                    raise ActionServerDidNotDelete(f"it answered HTTP {answer.status}")
                deleted = (await answer.json()).get("deleted") or {}
                return {"rehearsals": int(deleted["rehearsals"]), "item_ratings": int(deleted["item_ratings"])}
    except (aiohttp.ClientError, TimeoutError, ValueError, KeyError) as error:
        raise ActionServerDidNotDelete(f"{type(error).__name__}") from error


class PrivacyInput(InputChannel):
    """Not a chat channel: the authenticated endpoint that deletes a sender's data."""

    @classmethod
    def name(cls) -> str:
        return "privacy"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        token = str((credentials or {}).get("auth_token") or "")
        if not token:
            cls.raise_missing_credentials_exception()
        return cls(token)

    def __init__(self, auth_token: str) -> None:
        self.auth_token = auth_token

    def url_prefix(self) -> str:
        return "/privacy"

    def _refusal(self, request: Request) -> Optional[HTTPResponse]:
        provided = _provided_token(request)
        if provided is None:
            return response.json({"error": "A token is needed: ?token=<RASA_AUTH_TOKEN>"}, status=401)
        if not hmac.compare_digest(provided.encode(), self.auth_token.encode()):
            return response.json({"error": "Wrong token."}, status=403)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        privacy = Blueprint("privacy", __name__)

        @privacy.route("/conversations/<sender_id>", methods=["DELETE"])
        async def delete_conversation(request: Request, sender_id: str) -> HTTPResponse:
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            agent = request.app.ctx.agent
            store = forgetful_store(getattr(agent, "tracker_store", None))
            if store is None:
                logger.error("The tracker store cannot delete conversations: use trackers.store.ForgetfulSQLTrackerStore")
                return response.json({"error": "This server's tracker store cannot delete conversations."}, status=500)
            loop = asyncio.get_running_loop()
            async with agent.lock_store.lock(sender_id):
                try:
                    removed = await delete_on_the_action_server(agent.action_endpoint, sender_id, self.auth_token)
                except ActionServerDidNotDelete as error:
                    logger.error("The privacy endpoint deleted nothing: the action server did not delete (%s)", error)
                    return response.json({"error": "Could not delete everything right now; nothing was deleted. Please try again."},
                                         status=503)
                events = await loop.run_in_executor(None, store.delete_conversation, sender_id)
            logger.info("Deleted through the privacy endpoint: %d events, %d rehearsals, %d ratings",
                        events, removed["rehearsals"], removed["item_ratings"])
            return response.json({"sender_id": sender_id, "deleted": {"events": events, **removed}})

        return privacy
