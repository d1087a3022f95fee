"""The web chat in a real headless Chromium (Debian's), against the real Rasa and action servers.

Needs /usr/bin/chromium (`apt-get install chromium`; `make web` does it) and Playwright for Python
(requirements-dev.txt). Playwright's own browser download is never used. Screenshots go to results/.

The long conversations are driven by what people type and by the page's own controls; they check how the
page looks and behaves, not what the assistant says (other tests own the wording).
"""
from __future__ import annotations

import json
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from contentdb.engine import make_engine
from contentdb.models import ItemRating
from kernel import resources
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
QUIET_S = 0.6  # a reply is a burst of messages, then its payloads; this long without one and it is complete
XSS = "<img src=x onerror=alert(1)>"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def phone_numbers_pattern(locale: Optional[str] = None) -> str:
    """The locale's numbers, and anything shaped like a North American or UK phone number (written here, apart
    from the page's own linking, so the page can't agree with itself)."""
    numbers = {str(r[key]) for r in resources.locale(locale)["resources"] for key in ("tel", "sms") if r.get(key)}
    known = [re.escape(n).replace(r"\ ", r"[\s-]?").replace(r"\-", r"[\s-]?") for n in sorted(numbers, key=len, reverse=True)]
    generic = [r"\d{3}[\s-]\d{3}[\s-]\d{4}", r"0\d{3}\s?\d{3,4}\s?\d{3,4}"]
    return r"(?<![\d/])(?:" + "|".join(known + generic) + r")(?![\d/])"


# Text nodes in the replies, the crisis cards and the help panel that hold a phone number outside a link.
UNLINKED_NUMBERS_JS = """
pattern => {
  const re = new RegExp(pattern);
  const found = [];
  for (const scope of document.querySelectorAll('.sr-msg-bot, .sr-msg-note, .sr-crisis-card, .sr-help')) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('a[href^="tel:"], a[href^="sms:"]')) continue;
      const m = node.textContent.match(re);
      if (m) found.push(m[0] + ' in: ' + node.textContent.slice(0, 80));
    }
  }
  return found;
}
"""

# How the page sits in the viewport: the document must never be taller than the window.
LAYOUT_JS = """
() => {
  const visible = el => el && !el.hidden && el.getBoundingClientRect().height > 2 ? el.getBoundingClientRect().height : 0;
  const chrome = ['.sr-page-header', '.sr-header', '.sr-practice-banner']
    .map(s => visible(document.querySelector(s))).reduce((a, b) => a + b, 0);
  return {
    scrollHeight: document.documentElement.scrollHeight,
    bodyScrollHeight: document.body.scrollHeight,
    viewport: window.innerHeight,
    chrome: chrome,
  };
}
"""

# Where the first new bubble of the latest reply is, against the transcript's visible area.
FIRST_NEW_BUBBLE_JS = """
before => {
  const bubbles = document.querySelectorAll('.sr-msg-bot');
  const first = bubbles[before];
  const log = document.querySelector('.sr-log').getBoundingClientRect();
  const box = first.getBoundingClientRect();
  return {top: box.top, logTop: log.top, logBottom: log.bottom, count: bubbles.length - before,
          pill: !document.querySelector('.sr-new-pill').hidden};
}
"""


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
    turns: int = 0
    multi_bubble_replies: int = 0

    def bot_count(self) -> int:
        return int(self.page.locator(".sr-msg-bot").count())

    def wait_for_replies(self, before: int, timeout_s: float = REPLY_S) -> list[str]:
        """Bot messages after the first `before`, once they have stopped arriving."""
        self.page.wait_for_function(
            "n => document.querySelectorAll('.sr-msg-bot').length > n", arg=before, timeout=timeout_s * 1000
        )
        count, quiet_since = self.bot_count(), time.monotonic()
        while time.monotonic() - quiet_since < QUIET_S:
            time.sleep(0.05)
            if self.bot_count() != count:
                count, quiet_since = self.bot_count(), time.monotonic()
        return [str(t) for t in self.page.locator(".sr-msg-bot").all_inner_texts()[before:]]

    def say(self, text: str) -> list[str]:
        before = self.bot_count()
        self.page.fill("#sr-input", text)
        self.page.press("#sr-input", "Enter")
        return self._answered(before)

    def click(self, locator: Any) -> list[str]:
        before = self.bot_count()
        locator.click()
        return self._answered(before)

    def click_first_reply(self) -> list[str]:
        return self.click(self.page.locator(".sr-replies").last.locator(".sr-reply").first)

    def _answered(self, before: int) -> list[str]:
        replies = self.wait_for_replies(before)
        self.turns += 1
        self.check_after_reply(before)
        return replies

    def check_after_reply(self, before: int) -> None:
        """What must hold after every reply, whatever it says."""
        layout = self.layout()
        assert layout["scrollHeight"] == layout["viewport"], f"the page grew past the window: {layout}"
        where = self.page.evaluate(FIRST_NEW_BUBBLE_JS, before)
        assert where["logTop"] - 1 <= where["top"] < where["logBottom"], f"the reply's first bubble is out of view: {where}"
        if where["count"] > 1:
            self.multi_bubble_replies += 1
        assert not self.unlinked_numbers(), self.unlinked_numbers()

    def layout(self) -> dict[str, float]:
        return dict(self.page.evaluate(LAYOUT_JS))

    def unlinked_numbers(self) -> list[str]:
        return list(self.page.evaluate(UNLINKED_NUMBERS_JS, phone_numbers_pattern()))

    def in_practice(self) -> bool:
        return bool(self.page.evaluate("document.body.classList.contains('practice')"))

    def focused_id(self) -> str:
        return str(self.page.evaluate("document.activeElement && document.activeElement.id"))

    def stored(self) -> dict[str, Any]:
        return dict(json.loads(self.page.evaluate("localStorage.getItem('sr-chat:v1')")))

    def axe_violations(self) -> list[dict[str, Any]]:
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("async () => await axe.run(document)")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["html"] for n in v["nodes"]][:3]}
            for v in result["violations"] if v.get("impact") in ("serious", "critical")
        ]


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


@contextmanager
def _web_server(assistant: Assistant, log_dir: Path, **env: str) -> Iterator[str]:
    port = free_port()
    log = log_dir / f"web-{port}.log"
    process = subprocess.Popen(
        [str(BIN / "python"), str(WEB_DIR / "server.py")], cwd=REPO_ROOT,
        env={**assistant.env, "WEB_PORT": str(port), "WEB_HOST": "127.0.0.1", "RASA_URL": assistant.url, **env},
        stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", process, log, limit=30)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def web(assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    missing = [path for path in (SOCKET_IO, AXE) if not path.exists()]
    if missing:
        pytest.fail(f"{', '.join(map(str, missing))} missing: run 'make web' (npm ci in web/).")
    with _web_server(assistant, tmp_path_factory.mktemp("web")) as url:
        yield Web(url=url, content_db=assistant.workdir / "content.db")


@contextmanager
def _open(browser: Any, url: str, **context_args: Any) -> Iterator[Chat]:
    context = browser.new_context(**{"viewport": DESKTOP, **context_args})
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


def _ratings(web: Web, sender: str) -> list[tuple[str, int, Optional[str]]]:
    engine = make_engine(f"sqlite:///{web.content_db}")
    try:
        with Session(engine) as session:
            rows = session.scalars(select(ItemRating).where(ItemRating.sender_id == sender).order_by(ItemRating.id)).all()
            return [(row.item_id, row.helpful, row.reason) for row in rows]
    finally:
        engine.dispose()


SET_UP_ANSWERS = ["my mom", "she's been anxious for months and won't talk about it", "she refuses outright",
                  "I want to understand what's stopping her"]
PRACTICE_LINES = [
    "Mom, can I ask how you've been feeling lately?",
    "It sounds like you're worn out and don't want to be pushed.",
    "I'm not trying to fix you, I just miss you.",
    "What would make talking to someone feel less scary?",
    "Whatever you decide, I'm on your side.",
]


def _start_practice(chat: Chat) -> None:
    """"let's practise", then the set-up questions answered as a person would, until the rehearsal starts."""
    chat.say("let's practise")
    for answer in SET_UP_ANSWERS:
        if chat.in_practice():
            return
        chat.say(answer)
    for _ in range(3):  # a set-up question these answers didn't settle: take the first suggestion
        if chat.in_practice():
            return
        chat.click_first_reply()
    assert chat.in_practice(), "practice did not start after the set-up questions"


def _thirty_turns(chat: Chat, web: Web, viewport: str) -> None:
    page = chat.page
    limit = 0.15 if viewport == "phone" else 0.25

    # Advice, with "Was this helpful?" answered both ways.
    chat.say("my mom won't even consider therapy")
    page.locator(".sr-rate").last.wait_for(timeout=REPLY_S * 1000)
    first_items = next(e["items"] for e in reversed(chat.stored()["entries"]) if e.get("items"))
    yes = chat.click(page.locator(".sr-rate").last.get_by_role("button", name="Yes"))
    assert chat.focused_id() == "sr-input", "the focus did not go back to the message box after rating"

    chat.say("she says she's fine and changes the subject")
    page.locator(".sr-rate:not(.sr-rated)").last.wait_for(timeout=REPLY_S * 1000)
    second_items = next(e["items"] for e in reversed(chat.stored()["entries"]) if e.get("items") and e.get("rating") is None)
    no = chat.click(page.locator(".sr-rate:not(.sr-rated)").last.get_by_role("button", name="No"))
    assert yes != no, "Yes and No got the same reply"
    assert len(no) >= 2, f"after No, a question about why and something else on the topic: {no}"
    offered = next(e["items"] for e in reversed(chat.stored()["entries"]) if e.get("items"))
    assert offered and not set(offered) & set(second_items), "after No, the same item came back"
    chat.click_first_reply()  # the reason
    assert chat.focused_id() == "sr-input", "the focus did not go back to the message box after a quick reply"
    session = chat.stored()["session"]
    ratings = _ratings(web, session)
    assert [(item, 1, None) for item in first_items] == ratings[: len(first_items)]
    assert [r for r in ratings if r[1] == 0] and all(r[2] for r in ratings if r[1] == 0), ratings

    chat.say("why does she resist help so much?")
    chat.say("how do I bring it up with her?")
    if page.locator(".sr-replies").count():
        chat.click_first_reply()
    chat.say("honestly I'm exhausted by all of this")
    chat.say("am I enabling her by covering for her?")

    # Practice, with feedback at the end.
    _start_practice(chat)
    for line in PRACTICE_LINES:
        chat.say(line)
        assert chat.in_practice(), f"practice ended after {line!r}"
    page.locator(".sr-practice-banner").wait_for(state="visible")
    layout = chat.layout()
    assert layout["chrome"] <= limit * layout["viewport"], f"the headers take too much of the screen in practice: {layout}"
    _screenshot(chat, f"web-{viewport}-practice.png")
    assert not chat.axe_violations(), "axe-core: serious or critical violations in practice mode"
    chat.say("how did I do?")
    page.wait_for_function("!document.body.classList.contains('practice')", timeout=5000)
    _screenshot(chat, f"web-{viewport}-feedback.png")

    chat.say("how am I doing?")
    chat.say("where can I find support for myself?")
    chat.say("what are signs of progress?")
    chat.say("I feel resentful about all of this")
    while chat.turns < 29:
        chat.say("how do I set a boundary with her without a fight?")

    page.get_by_role("link", name="Need help now?").click()
    assert page.locator("#sr-help").is_visible()
    hrefs = page.locator("#sr-help a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for resource in resources.locale()["resources"]:
        number = re.sub(r"[^\d+]", "", resource.get("tel") or resource["sms"])
        assert any(h.startswith(("tel:", "sms:")) and h.split(":")[1].split("?")[0] == number for h in hrefs), \
            f"{resource['label']} is missing from the help panel"
    _screenshot(chat, f"web-{viewport}-help.png")
    assert not chat.axe_violations(), "axe-core: serious or critical violations with the help panel open"
    page.get_by_role("button", name="Close").click()
    layout = chat.layout()
    assert layout["chrome"] <= limit * layout["viewport"], f"the headers take too much of the screen: {layout}"

    # The 30th turn: danger. The crisis reply (known by its payload) gets the same resources as the help panel.
    chat.say("my mom told me she wants to kill herself")
    assert not chat.in_practice()
    page.locator(".sr-crisis-card").last.wait_for(timeout=5000)
    assert page.locator(".sr-msg-crisis").last.get_attribute("data-category"), "the crisis payload carries no category"
    links = page.locator(".sr-crisis-card").last.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    help_links = page.locator("#sr-help a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links == help_links and all(h.startswith(("tel:", "sms:")) for h in links), "the crisis card and help panel differ"
    assert chat.turns >= 30 and chat.multi_bubble_replies >= 2, (chat.turns, chat.multi_bubble_replies)
    _screenshot(chat, f"web-{viewport}.png")


def test_thirty_turns_on_a_phone_keep_the_page_still_the_chrome_small_and_every_reply_readable(
    browser: Any, web: Web
) -> None:
    with _open(browser, web.url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2) as chat:
        chat.page.goto(web.url)
        chat.wait_for_replies(0)
        _thirty_turns(chat, web, "phone")
        width = chat.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px wide)"
        assert not chat.errors, chat.errors


def test_thirty_turns_on_a_desktop_keep_the_page_still_and_every_reply_readable(browser: Any, web: Web) -> None:
    with _open(browser, web.url, viewport=DESKTOP) as chat:
        chat.page.goto(web.url)
        chat.wait_for_replies(0)
        _thirty_turns(chat, web, "desktop")
        assert not chat.errors, chat.errors


MORE_BELOW_JS = "(() => { const l = document.querySelector('.sr-log'); return l.scrollHeight - l.scrollTop - l.clientHeight; })()"


def test_a_long_reply_opens_at_its_first_bubble_with_a_pill_for_the_rest(browser: Any, web: Web) -> None:
    with _open(browser, web.url, viewport={"width": 390, "height": 420}, is_mobile=True, has_touch=True) as chat:
        page = chat.page
        page.goto(web.url)
        chat.wait_for_replies(0)
        chat.say("my dad refuses to get help for his drinking")
        before = chat.bot_count()
        chat.say("he just changes the subject")  # a reframe and a next step: taller than this small window
        where = page.evaluate(FIRST_NEW_BUBBLE_JS, before)
        assert page.evaluate(MORE_BELOW_JS) > 24, "the reply fits the window, so this test can't see the pill"
        assert where["pill"], "more of the reply is below, but nothing says so"
        page.locator(".sr-new-pill").click()
        assert page.locator(".sr-new-pill").is_hidden() and page.evaluate(MORE_BELOW_JS) <= 24
        assert chat.focused_id() == "sr-input"


def test_start_over_asks_first_works_from_the_keyboard_and_keeps_my_rehearsals_reachable(
    chat: Chat, assistant: Assistant
) -> None:
    page = chat.page
    chat.say("my sister keeps refusing counselling")
    session = chat.stored()["session"]
    restart = page.get_by_role("button", name="Start over")
    restart.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("alertdialog", name="Start a new conversation?")
    assert dialog.is_visible()
    assert "how am I doing?" in dialog.inner_text() and "delete my data" in dialog.inner_text()
    assert chat.focused_id() == "" and page.get_by_role("button", name="Keep this one").evaluate("b => b === document.activeElement")
    _screenshot(chat, "web-start-over.png")
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert page.evaluate("document.activeElement === document.querySelector('.sr-restart')"), "the focus did not come back"
    assert "sister" in page.locator(".sr-log").inner_text()  # nothing happened

    restart.click()
    page.get_by_role("button", name="Start a new conversation").click()
    chat.wait_for_replies(0)  # the log is cleared, and the new conversation greets me
    assert "sister" not in page.locator(".sr-log").inner_text()
    assert chat.stored()["session"] == session  # the same person: their rehearsals stay theirs
    tracker = assistant.tracker(session)
    assert tracker["slots"].get("relationship") is None, "the server still remembers the old conversation"

    # Keyboard only: Tab to a suggested reply and press Enter.
    chat.say("my brother won't see a therapist")
    page.locator(".sr-replies").last.locator(".sr-reply").first.focus()
    before = chat.bot_count()
    page.keyboard.press("Enter")
    chat.wait_for_replies(before)
    assert chat.focused_id() == "sr-input"


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
    assert page.locator(".sr-msg-user").last.inner_text().endswith(XSS)
    assert page.locator("img").count() == 0
    assert not chat.dialogs


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
        chat.click(chat.page.locator(".sr-rate").last.get_by_role("button", name="No"))
        assert chat.page.locator(".sr-rated").count() == 1
        # The help panel has the locale's resources here too (fetched from resources.json next to chat.js).
        chat.page.get_by_role("link", name="Need help now?").click()
        chat.page.locator("#sr-help .sr-res").first.wait_for(timeout=5000)
        _screenshot(chat, "web-embedded.png")
        chat.page.get_by_role("button", name="Close").click()
        chat.page.get_by_role("button", name="Minimise").click()
        assert chat.page.get_by_role("link", name="Need help now?").is_visible()
        assert not chat.page.locator("#sr-log").is_visible()
        assert not chat.errors, chat.errors


def test_the_web_server_only_serves_the_widget_and_writes_nothing(web: Web) -> None:
    assert requests.get(f"{web.url}server.py", timeout=5).status_code == 404
    assert requests.get(f"{web.url}node_modules/axe-core/axe.min.js", timeout=5).status_code == 404
    config = requests.get(f"{web.url}config.js", timeout=5).text
    assert config.startswith("window.SR_CHAT_CONFIG = ")
    assert requests.get(f"{web.url}resources.json", timeout=5).json()["resources"] == resources.locale()["resources"]
    # Ratings go through the conversation to the action server; the web server takes none.
    rating = {"sender_id": "x", "item_ids": ["refusal.partner.reframe.01"], "helpful": True}
    assert requests.post(f"{web.url}ratings", json=rating, timeout=5).status_code in (404, 405)


# A stand-in for the Socket.IO client, so the page can be shown exactly the messages a test wants.
FAKE_SOCKET_JS = """
window.io = function () {
  const on = {};
  const later = (fn, ms) => setTimeout(fn, ms || 0);
  const socket = {
    on(event, fn) { on[event] = fn; return socket; },
    emit(event, data) {
      if (event === 'session_request') later(() => on.session_confirm({session_id: data.session_id}));
      if (event === 'user_uttered') (window.fakeReplies[data.message] || [{text: 'Okay.'}])
        .forEach((reply, i) => later(() => on.bot_uttered(reply), 20 * (i + 1)));
    },
    connect() { later(() => on.connect()); },
    disconnect() {},
  };
  later(() => on.connect());
  return socket;
};
window.fakeReplies = {
  '/greet': [{text: 'Hi, I can help you think it through.'}],
  'practise': [{text: 'Mom: I am fine, really.'}, {custom: {type: 'roleplay', stage: 'precontemplation'}}],
  'news': [{text: 'On the news they said call 911 or 988 if anyone is in danger; the hotline is 1-800-799-7233.'}],
  'danger': [{text: 'Please get help right now.'}, {custom: {type: 'crisis', category: 'overdose'}}],
  'payload first': [{custom: {type: 'crisis', category: 'user_harmed'}}, {text: 'Please get somewhere safe.'}],
};
"""


def test_the_page_knows_a_crisis_reply_by_its_payload_never_by_its_text(browser: Any, web: Web) -> None:
    with _open(browser, web.url, viewport=PHONE, is_mobile=True, has_touch=True) as chat:
        page = chat.page
        page.add_init_script(FAKE_SOCKET_JS)
        page.goto(web.url)
        chat.wait_for_replies(0)
        chat.say("practise")
        assert chat.in_practice()
        chat.say("news")  # numbers in the text, no crisis payload: no crisis card
        assert page.locator(".sr-msg-crisis, .sr-crisis-card").count() == 0
        chat.say("practise")
        chat.say("danger")  # the payload: the card, with every resource of the locale as a link, and practice ends
        assert not chat.in_practice()
        assert page.locator(".sr-msg-crisis").get_attribute("data-category") == "overdose"
        links = page.locator(".sr-crisis-card a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        help_links = page.locator("#sr-help a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert links == help_links and all(h.startswith(("tel:", "sms:")) for h in links)
        assert len(page.locator(".sr-crisis-card .sr-res").all()) == len(resources.locale()["resources"])
        _screenshot(chat, "web-phone-crisis-card.png")
        chat.say("payload first")  # the payload may come before its text: it marks the bubble that follows
        assert page.locator(".sr-msg-crisis").last.get_attribute("data-category") == "user_harmed"
        assert not chat.errors, chat.errors


def test_the_help_panel_follows_the_configured_locale(
    browser: Any, assistant: Assistant, tmp_path_factory: pytest.TempPathFactory
) -> None:
    us_only = [r for r in resources.locale("us")["resources"] if r.get("tel")]
    with _web_server(assistant, tmp_path_factory.mktemp("web-uk"), CRISIS_LOCALE="uk") as url:
        page_html = requests.get(url, timeout=5).text
        assert "tel:999" in page_html and "911" not in page_html  # the no-JavaScript list too
        with _open(browser, url, viewport=PHONE) as chat:
            chat.page.goto(url)
            chat.page.get_by_role("link", name="Need help now?").click()
            panel = chat.page.locator("#sr-help").inner_text()
            for resource in resources.locale("uk")["resources"]:
                assert resource["label"] in panel
            assert not any(r["tel"] in panel for r in us_only), panel
