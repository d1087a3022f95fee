"""Serve the web chat with Sanic (installed with Rasa): the page, the widget, the Socket.IO browser client,
/config.js and /resources.json. It writes nothing anywhere: "was this helpful?" answers go through the
conversation itself, to the action server (actions/ratings.py).

    WEB_PORT       port to listen on (default 8080)
    WEB_HOST       address to bind (default 127.0.0.1)
    RASA_URL       where the browser reaches Rasa's Socket.IO channel (default http://localhost:${RASA_PORT:-5005})
    CRISIS_LOCALE  whose crisis resources the help panel and crisis card show (default: safety/crisis_resources.yml)

Run from the repository root: `PYTHONPATH=. .venv/bin/python web/server.py`.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from html import escape
from pathlib import Path
from typing import Any

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, raw, text

WEB_DIR = Path(__file__).resolve().parent
REPO_ROOT = WEB_DIR.parent
if str(REPO_ROOT) not in sys.path:  # so `python web/server.py` finds the kernel package
    sys.path.insert(0, str(REPO_ROOT))

from kernel import resources  # noqa: E402

logger = logging.getLogger("web")

# Only these files are served: nothing else under web/ (server code, node_modules) is reachable.
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/chat.js": ("chat.js", "text/javascript; charset=utf-8"),
    "/chat.css": ("chat.css", "text/css; charset=utf-8"),
    "/vendor/socket.io.min.js": ("node_modules/socket.io-client/dist/socket.io.min.js", "text/javascript; charset=utf-8"),
}
# The widget may be embedded in another site's page: its files and resources are public and read-only.
HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*"}


def rasa_url() -> str:
    explicit = os.environ.get("RASA_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    return f"http://localhost:{os.environ.get('RASA_PORT', '').strip() or '5005'}"


def help_resources() -> dict[str, Any]:
    """The configured locale's crisis resources, as the page shows them in the help panel and crisis card."""
    return {"locale": resources.locale_name(), "resources": list(resources.locale().get("resources") or [])}


def page_config() -> dict[str, Any]:
    return {"server": rasa_url(), **help_resources()}


NOSCRIPT_MARKER = "<!--resources: web/server.py lists the configured locale's crisis resources here-->"


def noscript_resources() -> str:
    """The locale's resources as plain HTML links, for a browser without JavaScript."""
    items = []
    for resource in help_resources()["resources"]:
        ways = []
        if resource.get("tel"):
            ways.append(f'<a href="tel:{_digits(resource["tel"])}">call {escape(str(resource["tel"]))}</a>')
        if resource.get("sms"):
            ways.append(f'<a href="sms:{_digits(resource["sms"])}">text {escape(str(resource["sms"]))}</a>')
        items.append(f"<li>{escape(str(resource.get('label', '')))}: {' or '.join(ways)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _digits(number: str) -> str:
    return "".join(ch for ch in str(number) if ch.isdigit() or ch == "+")


def create_app() -> Sanic:
    app = Sanic("web_chat")
    app.config.ACCESS_LOG = False

    async def static_file(request: Request) -> HTTPResponse:
        name, content_type = STATIC[request.path]
        try:
            body = (WEB_DIR / name).read_bytes()
        except FileNotFoundError:
            hint = " Run 'make web' (npm ci in web/)." if name.startswith("node_modules") else ""
            return text(f"{name} is missing.{hint}\n", status=404, headers=HEADERS)
        if name == "index.html":
            body = body.replace(NOSCRIPT_MARKER.encode(), noscript_resources().encode())
        return raw(body, content_type=content_type, headers=HEADERS)

    for number, path in enumerate(STATIC):
        app.add_route(static_file, path, methods=["GET", "HEAD"], name=f"static_{number}")

    @app.get("/config.js")
    async def config_js(request: Request) -> HTTPResponse:
        body = f"window.SR_CHAT_CONFIG = {json.dumps(page_config())};\n"
        return text(body, content_type="text/javascript; charset=utf-8", headers=HEADERS)

    @app.get("/resources.json")
    async def resources_json(request: Request) -> HTTPResponse:
        return raw(json.dumps(help_resources()).encode(), content_type="application/json", headers=HEADERS)

    @app.get("/health")
    async def health(request: Request) -> HTTPResponse:
        return text("ok\n", headers=HEADERS)

    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s  %(message)s")
    host = os.environ.get("WEB_HOST", "127.0.0.1").strip() or "127.0.0.1"
    port = int(os.environ.get("WEB_PORT", "").strip() or "8080")
    if not (WEB_DIR / STATIC["/vendor/socket.io.min.js"][0]).exists():
        logger.warning("The Socket.IO client is missing: run 'make web' (npm ci in web/).")
    help_resources()  # a bad CRISIS_LOCALE stops the server at start, not on the first page view
    logger.info("Web chat on http://localhost:%d/ talking to Rasa at %s", port, rasa_url())
    create_app().run(host=host, port=port, access_log=False, workers=1, motd=False)


if __name__ == "__main__":
    main()
