"""DELETE /privacy/conversations/<sender_id>: delete everything stored for one sender.

Removes the conversation (every event in the tracker store), the sender's rehearsals and their
"was this helpful?" answers, and answers 200 with how many of each were removed (0s for a sender we
never saw). It needs the HTTP API token (`auth_token`, i.e. RASA_AUTH_TOKEN) as `?token=` or as
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

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from contentdb import engine as db
from contentdb.queries import Removed, delete_sender_data
from trackers.store import forgetful_store

logger = logging.getLogger(__name__)


def _provided_token(request: Request) -> Optional[str]:
    token = request.args.get("token")
    if token:
        return str(token)
    scheme, _, value = (request.headers.get("Authorization") or "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _delete_content_data(sender_id: str) -> Removed:
    with Session(db.get_engine()) as session, session.begin():
        return delete_sender_data(session=session, sender_id=sender_id)


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
                removed = await loop.run_in_executor(None, _delete_content_data, sender_id)
                events = await loop.run_in_executor(None, store.delete_conversation, sender_id)
            logger.info("Deleted through the privacy endpoint: %d events, %d rehearsals, %d ratings",
                        events, removed.rehearsals, removed.item_ratings)
            return response.json(
                {"sender_id": sender_id, "deleted": {"events": events, "rehearsals": removed.rehearsals,
                                                     "item_ratings": removed.item_ratings}}
            )

        return privacy
