"""DELETE /privacy/senders/<sender_id> on the action server: deletes one sender's rehearsals and ratings.

The action server owns the content database, so the Rasa server's privacy endpoint (channels/privacy.py)
asks for this over HTTP instead of writing to that database itself. It needs the token the two servers
share, RASA_AUTH_TOKEN, as ``Authorization: Bearer <token>``: 401 without one, 403 with a wrong one, and
503 when the server was started without a token (the endpoint is then off). Answers 200 with the counts.
"""
from __future__ import annotations

import asyncio
import hmac
import logging
import os

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from contentdb import engine as db
from contentdb.queries import Removed, delete_sender_data

logger = logging.getLogger(__name__)

PATH = "/privacy/senders/<sender_id>"


def shared_token() -> str:
    return os.environ.get("RASA_AUTH_TOKEN", "").strip()


def _delete(sender_id: str) -> Removed:
    with Session(db.get_engine()) as session, session.begin():
        return delete_sender_data(session=session, sender_id=sender_id)


def refusal(request: Request, token: str) -> HTTPResponse | None:
    """The response to a request without the right bearer token, or None if it has it."""
    if not token:
        return response.json({"error": "The privacy endpoint is off: the action server has no RASA_AUTH_TOKEN."}, status=503)
    scheme, _, provided = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not provided.strip():
        return response.json({"error": "A token is needed: Authorization: Bearer <RASA_AUTH_TOKEN>"}, status=401)
    if not hmac.compare_digest(provided.strip().encode(), token.encode()):
        return response.json({"error": "Wrong token."}, status=403)
    return None


def add_privacy_endpoint(app: Sanic) -> None:
    @app.route(PATH, methods=["DELETE"], name="privacy_delete_sender")
    async def delete_sender(request: Request, sender_id: str) -> HTTPResponse:
        refused = refusal(request, shared_token())
        if refused is not None:
            return refused
        removed = await asyncio.get_running_loop().run_in_executor(None, _delete, sender_id)
        logger.info("Deleted through the privacy endpoint: %d rehearsals, %d ratings", removed.rehearsals, removed.item_ratings)
        return response.json({"sender_id": sender_id, "deleted": {"rehearsals": removed.rehearsals, "item_ratings": removed.item_ratings}})
