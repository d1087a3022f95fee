"""Serve the web chat: the page, the widget, the Socket.IO browser client, /config.js and /ratings.

Standard library only (plus the project's SQLAlchemy models for ratings).

    WEB_PORT   port to listen on (default 8080)
    WEB_HOST   address to bind (default 127.0.0.1)
    RASA_URL   where the browser reaches Rasa's Socket.IO channel (default http://localhost:${RASA_PORT:-5005})

Run from the repository root: `PYTHONPATH=. .venv/bin/python web/server.py`.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

WEB_DIR = Path(__file__).resolve().parent
REPO_ROOT = WEB_DIR.parent
if str(REPO_ROOT) not in sys.path:  # so `python web/server.py` finds the actions package
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy.exc import SQLAlchemyError  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from contentdb.engine import get_engine  # noqa: E402
from contentdb.models import ContentItem, ItemRating  # noqa: E402

logger = logging.getLogger("web")

# Only these files are served: nothing else under web/ (server code, node_modules) is reachable.
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/chat.js": ("chat.js", "text/javascript; charset=utf-8"),
    "/chat.css": ("chat.css", "text/css; charset=utf-8"),
    "/vendor/socket.io.min.js": ("node_modules/socket.io-client/dist/socket.io.min.js", "text/javascript; charset=utf-8"),
}
MAX_BODY = 8 * 1024
MAX_ITEMS = 20
MAX_ID = 120
MAX_SENDER = 255


class BadRating(ValueError):
    pass


def rasa_url() -> str:
    explicit = os.environ.get("RASA_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    return f"http://localhost:{os.environ.get('RASA_PORT', '').strip() or '5005'}"


def parse_rating(body: bytes) -> tuple[str, list[str], bool]:
    """{"sender_id": str, "item_ids": [str, ...], "helpful": bool} -> its parts, or BadRating."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRating("body must be JSON") from exc
    if not isinstance(data, dict):
        raise BadRating("body must be a JSON object")
    sender, items, helpful = data.get("sender_id"), data.get("item_ids"), data.get("helpful")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER:
        raise BadRating(f"sender_id must be a non-empty string of at most {MAX_SENDER} characters")
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
        raise BadRating(f"item_ids must be a list of 1 to {MAX_ITEMS} ids")
    if not all(isinstance(item, str) and 0 < len(item) <= MAX_ID for item in items):
        raise BadRating(f"each item id must be a non-empty string of at most {MAX_ID} characters")
    if not isinstance(helpful, bool):
        raise BadRating("helpful must be true or false")
    return sender.strip(), list(dict.fromkeys(items)), helpful


def store_rating(sender: str, items: list[str], helpful: bool) -> None:
    """One ItemRating row per item, in one transaction; unknown items refuse the whole rating."""
    with Session(get_engine()) as session, session.begin():
        known = {row.id for row in session.query(ContentItem.id).filter(ContentItem.id.in_(items))}
        unknown = [item for item in items if item not in known]
        if unknown:
            raise BadRating(f"unknown content item(s): {', '.join(unknown)}")
        session.add_all(ItemRating(item_id=item, sender_id=sender, helpful=int(helpful)) for item in items)


class Handler(BaseHTTPRequestHandler):
    server_version = "WebChat/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        logger.debug("%s %s", self.address_string(), format % args)

    def log_error(self, format: str, *args: Any) -> None:  # noqa: A002
        logger.warning("%s %s", self.address_string(), format % args)

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        if status != HTTPStatus.NO_CONTENT:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        self._cors()
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _cors(self) -> None:
        # The embedded widget may rate from another site's page; ratings are anonymous and validated.
        if self.path.split("?")[0] == "/ratings":
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
        elif self.path.split("?")[0] in STATIC:
            self.send_header("Access-Control-Allow-Origin", "*")  # static widget files, for embedding

    def _json_error(self, status: int, message: str) -> None:
        self._send(status, json.dumps({"error": message}).encode(), "application/json")

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?")[0]
        if path == "/config.js":
            config = json.dumps({"server": rasa_url()})
            self._send(HTTPStatus.OK, f"window.SR_CHAT_CONFIG = {config};\n".encode(), "text/javascript; charset=utf-8")
            return
        if path == "/health":
            self._send(HTTPStatus.OK, b"ok\n")
            return
        if path not in STATIC:
            self._send(HTTPStatus.NOT_FOUND, b"Not found\n")
            return
        name, content_type = STATIC[path]
        try:
            body = (WEB_DIR / name).read_bytes()
        except FileNotFoundError:
            hint = " Run 'make web' (npm ci in web/)." if name.startswith("node_modules") else ""
            self._send(HTTPStatus.NOT_FOUND, f"{name} is missing.{hint}\n".encode())
            return
        self._send(HTTPStatus.OK, body, content_type)

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._send(HTTPStatus.NO_CONTENT)

    def do_POST(self) -> None:  # noqa: N802
        if self.path.split("?")[0] != "/ratings":
            self._send(HTTPStatus.NOT_FOUND, b"Not found\n")
            return
        if self.headers.get_content_type() != "application/json":
            self._json_error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json")
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._json_error(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
            return
        if not 0 < length <= MAX_BODY:
            self._json_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body must be 1 to {MAX_BODY} bytes")
            return
        try:
            store_rating(*parse_rating(self.rfile.read(length)))
        except BadRating as exc:
            self._json_error(HTTPStatus.UNPROCESSABLE_ENTITY, str(exc))
            return
        except SQLAlchemyError:
            logger.exception("Could not store a rating")
            self._json_error(HTTPStatus.SERVICE_UNAVAILABLE, "ratings are unavailable right now")
            return
        self._send(HTTPStatus.NO_CONTENT)


def make_server(host: str, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s  %(message)s")
    host = os.environ.get("WEB_HOST", "127.0.0.1").strip() or "127.0.0.1"
    port = int(os.environ.get("WEB_PORT", "").strip() or "8080")
    if not (WEB_DIR / STATIC["/vendor/socket.io.min.js"][0]).exists():
        logger.warning("The Socket.IO client is missing: run 'make web' (npm ci in web/).")
    server = make_server(host, port)
    logger.info("Web chat on http://localhost:%d/ talking to Rasa at %s", port, rasa_url())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
