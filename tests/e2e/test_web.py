"""The web chat in a real headless Chromium (Debian's), against the real Rasa and action servers.

Needs /usr/bin/chromium (`apt-get install chromium`; `make web` does it) and Playwright for Python
(requirements-dev.txt). Playwright's own browser download is never used. Screenshots go to results/.
"""
from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from contentdb.engine import make_engine
from contentdb.models import ItemRating
from kernel.settings import REPO_ROOT
from tests.e2e.conftest import BIN, Assistant, free_port, wait_until_up

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]
WEB_DIR = REPO_ROOT / "web"
AXE = WEB_DIR / "node_modules" / "axe-core" / "axe.min.js"
SOCKET_IO = WEB_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
RESULTS = REPO_ROOT / "results"
REPLY_S = 10  # "within a few seconds", with room for a slow CI machine
XSS = "<img src=x onerror=alert(1)>"


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is not installed: run 'make test' (it installs requirements-dev.txt).")
    return sync_playwright


@dataclass
class Web:
    url: str
    content_db: Path


@dataclass
class Chat:
    """One browser tab on the chat page, with what it noticed on the side."""

    page: Any
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def bot_count(self) -> int:
        return int(self.page.locator(".sr-msg-bot").count())

    def wait_for_replies(self, before: int, timeout_s: float = REPLY_S) -> list[str]:
        """Bot messages after the first `before`, once they have stopped arriving."""
        self.page.wait_for_function(
            "n => document.querySelectorAll('.sr-msg-bot').length > n", arg=before, timeout=timeout_s * 1000
        )
        count, quiet_since = self.bot_count(), time.monotonic()
        while time.monotonic() - quiet_since < 1.0:  # a turn is several messages, then the custom payloads
            time.sleep(0.1)
            if self.bot_count() != count:
                count, quiet_since = self.bot_count(), time.monotonic()
        return [str(t) for t in self.page.locator(".sr-msg-bot").all_inner_texts()[before:]]

    def say(self, text: str) -> list[str]:
        before = self.bot_count()
        self.page.fill("#sr-input", text)
        self.page.press("#sr-input", "Enter")
        return self.wait_for_replies(before)

    def click_reply(self, title: str) -> list[str]:
        before = self.bot_count()
        self.page.get_by_role("button", name=title, exact=True).last.click()
        return self.wait_for_replies(before)

    def stored(self) -> dict[str, Any]:
        return dict(json.loads(self.page.evaluate("localStorage.getItem('sr-chat:v1')")))

    def axe_violations(self) -> list[dict[str, Any]]:
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("async () => await axe.run(document)")
        return [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the web tests drive Debian's Chromium. Run 'make web' "
            "(as root it runs 'apt-get install -y chromium'), or install it with: sudo apt-get install -y chromium"
        )
    with _playwright()() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def web(assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    missing = [path for path in (SOCKET_IO, AXE) if not path.exists()]
    if missing:
        pytest.fail(f"{', '.join(map(str, missing))} missing: run 'make web' (npm ci in web/).")
    port = free_port()
    log = tmp_path_factory.mktemp("web") / "web.log"
    env = {**assistant.env, "WEB_PORT": str(port), "WEB_HOST": "127.0.0.1", "RASA_URL": assistant.url}
    process = subprocess.Popen(
        [str(BIN / "python"), str(WEB_DIR / "server.py")], cwd=REPO_ROOT, env=env,
        stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", process, log, limit=30)
        yield Web(url=f"http://127.0.0.1:{port}/", content_db=assistant.workdir / "content.db")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def _open(browser: Any, url: str, **context_args: Any) -> Iterator[Chat]:
    context = browser.new_context(**{"viewport": {"width": 1000, "height": 800}, **context_args})
    page = context.new_page()
    chat = Chat(page=page)

    def on_dialog(dialog: Any) -> None:
        chat.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: chat.errors.append(str(error)))
    try:
        yield chat
    finally:
        context.close()


@pytest.fixture
def chat(browser: Any, web: Web) -> Iterator[Chat]:
    """A fresh browser profile (empty localStorage) on the chat page, greeted by the assistant."""
    with _open(browser, web.url) as chat:
        chat.page.goto(web.url)
        chat.wait_for_replies(0)
        yield chat
        assert not chat.errors, chat.errors


def _screenshot(chat: Chat, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    chat.page.screenshot(path=str(RESULTS / name))


def test_a_refusal_gets_curated_content_and_it_can_be_rated(chat: Chat, web: Web) -> None:
    page = chat.page
    assert "not a therapist" in page.locator(".sr-log").inner_text()
    log = page.locator("[role=log]")
    assert log.get_attribute("aria-live") == "polite"
    assert page.get_by_label("Your message").is_visible()

    started = time.monotonic()
    replies = chat.say("my mom won't even consider therapy")
    assert any("parent" in reply for reply in replies), replies
    helpful = page.locator(".sr-rate").last
    helpful.wait_for(timeout=REPLY_S * 1000)
    assert time.monotonic() - started < REPLY_S
    shown = [entry for entry in chat.stored()["entries"] if entry.get("items")]
    assert shown and all(item.startswith("refusal.") for item in shown[-1]["items"]), shown
    assert helpful.get_by_role("button", name="Yes").is_visible()
    assert page.locator(".sr-reply").count() >= 2
    assert page.locator(".sr-reply").first.evaluate("b => b.tagName") == "BUTTON"
    _screenshot(chat, "web-chat.png")

    helpful.get_by_role("button", name="Yes").click()
    page.get_by_text("Thanks for telling us.").wait_for(timeout=5000)
    engine = make_engine(f"sqlite:///{web.content_db}")
    with Session(engine) as session:
        rows = session.scalars(select(ItemRating).where(ItemRating.sender_id == chat.stored()["session"])).all()
    engine.dispose()
    assert sorted(row.item_id for row in rows) == sorted(shown[-1]["items"])
    assert all(row.helpful == 1 for row in rows)

    # A quick reply is a real button: clicking it sends its payload and shows its title as my message.
    replies = chat.click_reply("Refused outright")
    assert page.locator(".sr-msg-user").last.inner_text().endswith("Refused outright")
    assert any("outright" in reply.lower() or "no" in reply.lower() for reply in replies), replies
    assert page.locator(".sr-rate").count() >= 2  # the reframe that followed came with content too


def test_the_crisis_link_is_always_there(chat: Chat) -> None:
    page = chat.page
    link = page.get_by_role("link", name="Need help now?")
    assert link.is_visible()
    link.click()
    panel = page.locator("#sr-help")
    assert panel.is_visible()
    hrefs = panel.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {"tel:911", "tel:988", "sms:988", "tel:18007997233"} <= set(hrefs)
    assert "1-800-799-7233" in panel.inner_text()
    assert not chat.axe_violations(), "axe-core: serious or critical violations with the help panel open"


def test_three_turns_of_rehearsal_look_like_practice(chat: Chat) -> None:
    page = chat.page
    body = page.locator("body")
    banner = page.get_by_text("Practice mode: the assistant is playing your loved one")
    assert "practice" not in (body.get_attribute("class") or "").split()
    assert not banner.is_visible()

    assert "who is it" in " ".join(chat.say("let's practise"))
    assert "struggling with" in " ".join(chat.click_reply("My parent"))
    assert "say no" in " ".join(chat.say("she's been anxious for months and won't talk about it"))
    assert "get out of this" in " ".join(chat.click_reply("Refuses outright"))
    opening = chat.click_reply("Understand what's stopping them")
    assert "Practice mode is on" in " ".join(opening)
    page.wait_for_selector("body.practice", timeout=5000)
    assert banner.is_visible()

    for line in ["Mom, can I ask how you've been feeling lately?",
                 "It sounds like you're worn out and don't want to be pushed.",
                 "Whatever you decide, I'm on your side."]:
        before = page.locator(".sr-msg-roleplay").count()
        chat.say(line)
        page.wait_for_function(
            "n => document.querySelectorAll('.sr-msg-roleplay').length > n", arg=before, timeout=REPLY_S * 1000
        )
    assert page.locator(".sr-msg-roleplay").count() >= 4  # the opening line and an answer to each of mine
    assert page.locator(".sr-msg-roleplay").last.get_attribute("data-stage")
    assert "practice" in (body.get_attribute("class") or "").split() and banner.is_visible()
    _screenshot(chat, "web-practice.png")
    assert not chat.axe_violations(), "axe-core: serious or critical violations in practice mode"

    # Danger steps out of character at once: crisis text clears the practice look.
    replies = chat.say("my mom told me she wants to kill herself")
    assert any("988" in reply and "911" in reply for reply in replies), replies
    page.wait_for_function("!document.body.classList.contains('practice')", timeout=5000)
    assert not banner.is_visible()
    assert page.locator(".sr-msg-crisis").count() == 1


def test_a_reload_continues_the_conversation(chat: Chat) -> None:
    page = chat.page
    chat.say("my sister keeps refusing counselling")
    session = chat.stored()["session"]
    before = page.locator(".sr-log .sr-msg").all_inner_texts()

    page.reload()
    page.wait_for_function("() => window.SRChat && window.SRChat.connected", timeout=REPLY_S * 1000)
    assert page.locator(".sr-log .sr-msg").all_inner_texts() == before
    assert chat.stored()["session"] == session
    # The server still knows it is her sister: openers come at once, without asking who it is.
    openers = " ".join(chat.say("how could I bring it up with her?"))
    assert "Something you could say" in openers and "who is it" not in openers

    page.get_by_role("button", name="Start over").click()
    chat.wait_for_replies(0)  # the log is cleared, and a new conversation greets me
    assert chat.stored()["session"] != session
    assert "sister" not in page.locator(".sr-log").inner_text()


def test_markup_in_a_message_is_shown_as_text_while_the_typing_indicator_shows(chat: Chat) -> None:
    page = chat.page
    page.evaluate(
        """() => {
            const typing = document.querySelector('.sr-typing');
            window.typingSeen = false;
            new MutationObserver(() => { if (!typing.hidden) window.typingSeen = true; })
                .observe(typing, { attributes: true, attributeFilter: ['hidden'] });
        }"""
    )
    chat.say(XSS)
    assert page.evaluate("window.typingSeen"), "no typing indicator while waiting for the reply"
    assert page.locator(".sr-typing").is_hidden()
    page.wait_for_timeout(500)
    assert page.locator(".sr-msg-user").last.inner_text().endswith(XSS)
    assert page.locator("img").count() == 0
    assert not chat.dialogs


def test_the_page_has_no_serious_accessibility_violations(chat: Chat) -> None:
    chat.say("my husband flat out refuses to see a therapist")
    violations = chat.axe_violations()
    assert not violations, json.dumps(
        [{"id": v["id"], "impact": v["impact"], "nodes": [n["html"] for n in v["nodes"]][:3]} for v in violations], indent=1
    )


def test_it_fits_a_phone(browser: Any, web: Web) -> None:
    with _open(browser, web.url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True) as chat:
        chat.page.goto(web.url)
        chat.wait_for_replies(0)
        chat.say("my dad refuses to get help for his drinking")
        width = chat.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways on a phone ({width}px wide)"
        assert chat.page.get_by_role("link", name="Need help now?").is_visible()
        assert chat.page.get_by_label("Your message").is_visible()
        _screenshot(chat, "web-phone.png")


@contextmanager
def _another_site(html: str) -> Iterator[str]:
    """A page on another origin (same machine, so Chromium's local-network rules allow the widget's requests)."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/blog/post.html"
    finally:
        server.shutdown()
        server.server_close()


def test_the_widget_embeds_in_another_site_with_two_lines(browser: Any, web: Web, assistant: Assistant) -> None:
    snippet = (
        f'<link rel="stylesheet" href="{web.url}chat.css">\n'
        f'<script src="{web.url}chat.js" data-server="{assistant.url}"></script>'
    )
    readme = (WEB_DIR / "README.md").read_text()
    assert '<link rel="stylesheet" href=' in readme and "data-server=" in readme
    html = (
        "<!doctype html><html lang=en><head><title>Another site</title></head>"
        f"<body><main><h1>Another site</h1></main>{snippet}</body></html>"
    )
    with _another_site(html) as host, _open(browser, host) as chat:
        chat.page.goto(host)
        chat.wait_for_replies(0)
        assert chat.page.locator(".sr-chat.sr-floating").is_visible()
        chat.say("my brother won't see a therapist")
        chat.page.locator(".sr-rate").last.wait_for(timeout=REPLY_S * 1000)
        chat.page.locator(".sr-rate").last.get_by_role("button", name="No").click()
        chat.page.get_by_text("Thanks for telling us.").wait_for(timeout=5000)
        _screenshot(chat, "web-embedded.png")
        chat.page.get_by_role("button", name="Minimise").click()
        assert chat.page.get_by_role("link", name="Need help now?").is_visible()
        assert not chat.page.locator("#sr-log").is_visible()
        assert not chat.errors, chat.errors


def test_the_web_server_only_serves_the_widget(web: Web) -> None:
    assert requests.get(f"{web.url}server.py", timeout=5).status_code == 404
    assert requests.get(f"{web.url}node_modules/axe-core/axe.min.js", timeout=5).status_code == 404
    config = requests.get(f"{web.url}config.js", timeout=5).text
    assert config.startswith("window.SR_CHAT_CONFIG = ")
    bad = requests.post(f"{web.url}ratings", json={"sender_id": "x", "item_ids": ["no.such.item"], "helpful": True}, timeout=5)
    assert bad.status_code == 422 and "unknown" in bad.json()["error"]
    assert requests.post(f"{web.url}ratings", json={"sender_id": "x", "item_ids": [], "helpful": True}, timeout=5).status_code == 422
    assert requests.post(f"{web.url}ratings", data="helpful", timeout=5).status_code == 415
