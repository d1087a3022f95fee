/*
 * Web chat for the Supportive rehearsal assistant (Rasa's Socket.IO channel).
 *
 * On the page served by web/server.py it fills the element marked data-sr-chat. Pasted into any other
 * page it shows as a floating panel:
 *   <link rel="stylesheet" href="http://host:8080/chat.css">
 *   <script src="http://host:8080/chat.js" data-server="http://host:5005"></script>
 *
 * Attributes on the <script> tag (all optional):
 *   data-server   Rasa's base URL (default: window.SR_CHAT_CONFIG.server, else this host on port 5005)
 *   data-ratings  where "Was this helpful?" answers are POSTed (default: "ratings" next to chat.js)
 *   data-socketio the Socket.IO browser client (default: "vendor/socket.io.min.js" next to chat.js)
 *
 * Every bot and user string is put on the page with textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  if (window.SRChat) return; // pasted twice: one widget is enough

  var script = document.currentScript;
  var scriptUrl = (script && script.src) || window.location.href;
  var config = window.SR_CHAT_CONFIG || {};
  var data = (script && script.dataset) || {};
  var SERVER = data.server || config.server || window.location.protocol + "//" + window.location.hostname + ":5005";
  var RATINGS_URL = data.ratings || new URL("ratings", scriptUrl).href;
  var IO_URL = data.socketio || new URL("vendor/socket.io.min.js", scriptUrl).href;

  var STORE_KEY = "sr-chat:v1";
  var MAX_ENTRIES = 300;
  var SLOW_REPLY_MS = 20000;
  var PRACTICE_BANNER = "Practice mode: the assistant is playing your loved one.";

  // ---------------------------------------------------------------- storage

  var memoryStore = {};
  function readStore() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(STORE_KEY);
    } catch (e) {
      raw = memoryStore[STORE_KEY] || null;
    }
    if (!raw) return null;
    try {
      var parsed = JSON.parse(raw);
      if (parsed && typeof parsed.session === "string" && Array.isArray(parsed.entries)) return parsed;
    } catch (e) { /* a damaged copy: start afresh */ }
    return null;
  }

  function writeStore() {
    var raw = JSON.stringify(state, function (key, value) {
      return key === "el" || key === "bubble" ? undefined : value;
    });
    try {
      window.localStorage.setItem(STORE_KEY, raw);
    } catch (e) {
      memoryStore[STORE_KEY] = raw;
    }
  }

  function newSessionId() {
    if (window.crypto && window.crypto.getRandomValues) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    }
    return (Date.now().toString(16) + Math.random().toString(16).slice(2)).slice(0, 32);
  }

  function freshState() {
    return { session: newSessionId(), entries: [], practice: false, greeted: false, collapsed: false };
  }

  var state = readStore() || freshState();

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function hiddenText(text) {
    return el("span", { className: "sr-visually-hidden", text: text });
  }

  var BULLET = /^\s*(?:•|-|\*)\s+/;

  /** Text as paragraphs and lists: each line its own element, "• "/"- " lines as list items. */
  function renderText(text) {
    var box = el("div", { className: "sr-text" });
    var list = null;
    String(text).split("\n").forEach(function (line) {
      if (!line.trim()) { list = null; return; }
      if (BULLET.test(line)) {
        if (!list) { list = el("ul"); box.appendChild(list); }
        list.appendChild(el("li", { text: line.replace(BULLET, "") }));
      } else if (list && /^\s{2,}/.test(line)) {
        // continuation of the bullet above ("  Instead: ...")
        list.lastChild.appendChild(el("span", { className: "sr-continued", text: line.trim() }));
      } else {
        list = null;
        box.appendChild(el("p", { text: line }));
      }
    });
    return box;
  }

  // ---------------------------------------------------------------- the widget

  var inline = document.querySelector("[data-sr-chat]");
  var root = el("section", { className: "sr-chat" + (inline ? " sr-inline" : " sr-floating"), "aria-labelledby": "sr-title" });

  var title = el("h2", { className: "sr-title", id: "sr-title", text: "Talk it through" });
  var helpLink = el("a", {
    className: "sr-help-link", href: "#sr-help", "aria-controls": "sr-help", "aria-expanded": "false", text: "Need help now?",
  });
  var restartButton = el("button", { type: "button", className: "sr-button sr-restart", text: "Start over" });
  var collapseButton = inline ? null : el("button", {
    type: "button", className: "sr-button sr-collapse", "aria-controls": "sr-body", "aria-expanded": "true", text: "Minimise",
  });
  var header = el("div", { className: "sr-header" }, [
    title, el("div", { className: "sr-header-actions" }, [helpLink, restartButton, collapseButton]),
  ]);

  var helpClose = el("button", { type: "button", className: "sr-button", text: "Close" });
  var helpPanel = el("div", { className: "sr-help", id: "sr-help", role: "region", "aria-labelledby": "sr-help-title", tabindex: "-1", hidden: true }, [
    el("h3", { id: "sr-help-title", text: "If anyone is in danger, get help now" }),
    el("ul", {}, [
      el("li", {}, [el("a", { href: "tel:911", text: "Call 911" }), document.createTextNode(" if someone is in immediate danger.")]),
      el("li", {}, [
        el("a", { href: "tel:988", text: "Call 988" }), document.createTextNode(" or "),
        el("a", { href: "sms:988", text: "text 988" }),
        document.createTextNode(" (Suicide & Crisis Lifeline, 24/7). It also helps people worried about someone else."),
      ]),
      el("li", {}, [
        document.createTextNode("If someone is hurting or threatening you: National Domestic Violence Hotline "),
        el("a", { href: "tel:18007997233", text: "1-800-799-7233" }), document.createTextNode("."),
      ]),
    ]),
    el("p", { className: "sr-help-note", text: "This assistant is not a therapist and not for emergencies." }),
    helpClose,
  ]);

  var stopPractice = el("button", { type: "button", className: "sr-button sr-stop-practice", text: "Stop practice" });
  var banner = el("div", { className: "sr-practice-banner", hidden: true }, [
    el("p", { text: PRACTICE_BANNER }), stopPractice,
  ]);

  var log = el("div", {
    className: "sr-log", id: "sr-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": "Conversation", tabindex: "0",
  });
  var typing = el("div", { className: "sr-typing", hidden: true }, [
    el("span", { className: "sr-dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
    el("span", { className: "sr-typing-text", text: "The assistant is typing…" }),
  ]);
  var status = el("p", { className: "sr-status", role: "status" });

  var input = el("input", {
    id: "sr-input", className: "sr-input", type: "text", name: "message", autocomplete: "off", maxlength: "1000",
    enterkeyhint: "send", placeholder: "Type a message…",
  });
  var sendButton = el("button", { type: "submit", className: "sr-button sr-send", text: "Send" });
  var form = el("form", { className: "sr-form" }, [
    el("label", { for: "sr-input", className: "sr-visually-hidden", text: "Your message" }), input, sendButton,
  ]);

  var body = el("div", { className: "sr-body", id: "sr-body" }, [helpPanel, banner, log, typing, status, form]);
  root.appendChild(header);
  root.appendChild(body);
  (inline || document.body).appendChild(root);

  // ---------------------------------------------------------------- rendering entries

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function renderEntry(entry) {
    var node;
    if (entry.who === "user") {
      node = el("div", { className: "sr-msg sr-msg-user" }, [hiddenText("You said: "), renderText(entry.text)]);
    } else if (entry.who === "note") {
      node = el("div", { className: "sr-msg sr-msg-note" }, [renderText(entry.text)]);
    } else {
      // A bot message: its bubble, then its quick replies and "Was this helpful?" under it.
      entry.bubble = el("div", { className: "sr-msg sr-msg-bot" }, [hiddenText("Assistant: "), renderText(entry.text)]);
      node = el("div", { className: "sr-entry" }, [entry.bubble]);
    }
    entry.el = node;
    decorate(entry);
    log.appendChild(node);
    return node;
  }

  /** The parts of a bot message that can change after it arrived: its kind, quick replies and rating. */
  function decorate(entry) {
    var node = entry.el;
    var bubble = entry.bubble;
    if (!node || !bubble || entry.who !== "bot") return;
    bubble.classList.toggle("sr-msg-roleplay", entry.kind === "roleplay");
    bubble.classList.toggle("sr-msg-feedback", entry.kind === "feedback");
    bubble.classList.toggle("sr-msg-crisis", entry.kind === "crisis");
    if (entry.kind === "roleplay" && !bubble.querySelector(".sr-role-tag")) {
      // After the hidden "Assistant: " so a screen reader hears "Assistant: in character, ...".
      bubble.insertBefore(el("span", { className: "sr-role-tag", text: "In character" }), bubble.firstChild.nextSibling);
    }
    if (entry.stage) bubble.setAttribute("data-stage", entry.stage);

    var oldReplies = node.querySelector(".sr-replies");
    if (oldReplies) oldReplies.remove();
    if (entry.replies && entry.replies.length && !entry.answered) {
      var replies = el("div", { className: "sr-replies", role: "group", "aria-label": "Suggested replies" });
      entry.replies.forEach(function (reply) {
        var button = el("button", { type: "button", className: "sr-button sr-reply", text: reply.title });
        button.addEventListener("click", function () { send(reply.payload, reply.title); });
        replies.appendChild(button);
      });
      node.appendChild(replies);
    }

    var oldRating = node.querySelector(".sr-rate");
    if (oldRating) oldRating.remove();
    if (entry.items && entry.items.length) node.appendChild(ratingBox(entry));
  }

  function ratingBox(entry) {
    if (entry.rating === true || entry.rating === false) {
      return el("p", { className: "sr-rate sr-rated", text: "Thanks for telling us." });
    }
    var question = el("span", { className: "sr-rate-question", text: "Was this helpful?" });
    var box = el("div", { className: "sr-rate", role: "group", "aria-label": "Was this helpful?" }, [question]);
    [["Yes", true], ["No", false]].forEach(function (choice) {
      var button = el("button", { type: "button", className: "sr-button sr-rate-button", "data-helpful": String(choice[1]), text: choice[0] });
      button.addEventListener("click", function () { rate(entry, choice[1], box); });
      box.appendChild(button);
    });
    return box;
  }

  function rate(entry, helpful, box) {
    Array.prototype.forEach.call(box.querySelectorAll("button"), function (b) { b.disabled = true; });
    fetch(RATINGS_URL, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender_id: state.session, item_ids: entry.items, helpful: helpful }),
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      entry.rating = helpful;
      save();
      decorate(entry);
    }).catch(function () {
      Array.prototype.forEach.call(box.querySelectorAll("button"), function (b) { b.disabled = false; });
      var note = box.querySelector(".sr-rate-error") || box.appendChild(el("span", { className: "sr-rate-error" }));
      note.textContent = "Couldn't save that. Try again?";
    });
  }

  function save() {
    if (state.entries.length > MAX_ENTRIES) state.entries = state.entries.slice(-MAX_ENTRIES);
    writeStore();
  }

  function add(entry) {
    state.entries.push(entry);
    renderEntry(entry);
    save();
    scrollDown();
    return entry;
  }

  function lastBotEntry() {
    for (var i = state.entries.length - 1; i >= 0; i--) {
      if (state.entries[i].who === "bot") return state.entries[i];
      if (state.entries[i].who === "user") return null;
    }
    return null;
  }

  // ---------------------------------------------------------------- modes

  function setPractice(on) {
    state.practice = !!on;
    root.classList.toggle("sr-is-practice", state.practice);
    if (inline) document.body.classList.toggle("practice", state.practice);
    banner.hidden = !state.practice;
    save();
  }

  function setCollapsed(collapsed) {
    if (!collapseButton) return;
    state.collapsed = !!collapsed;
    root.classList.toggle("sr-collapsed", state.collapsed);
    body.hidden = state.collapsed;
    collapseButton.setAttribute("aria-expanded", String(!state.collapsed));
    collapseButton.textContent = state.collapsed ? "Open chat" : "Minimise";
    save();
  }

  function setHelpOpen(open) {
    helpPanel.hidden = !open;
    helpLink.setAttribute("aria-expanded", String(open));
    if (open) {
      setCollapsed(false);
      helpPanel.focus();
    }
  }

  var typingTimer = null;
  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) {
      typingTimer = setTimeout(function () {
        typing.hidden = true;
        status.textContent = "The assistant is taking longer than usual. Your message is kept; try again in a moment.";
      }, SLOW_REPLY_MS);
    }
  }

  // ---------------------------------------------------------------- talking to Rasa

  var socket = null;
  var ready = false;
  var outbox = [];

  function flush() {
    while (ready && socket && outbox.length) {
      socket.emit("user_uttered", { message: outbox.shift(), session_id: state.session });
    }
  }

  function emitSilently(message) {
    outbox.push(message);
    setTyping(true);
    flush();
  }

  function send(message, shown) {
    message = String(message || "").trim();
    if (!message) return;
    state.entries.forEach(function (entry) {
      if (entry.replies && entry.replies.length && !entry.answered) {
        entry.answered = true;
        decorate(entry);
      }
    });
    status.textContent = "";
    add({ who: "user", text: shown || message });
    emitSilently(message);
  }

  var CRISIS_LINES = /\b988\b[\s\S]*\b911\b|\b911\b[\s\S]*\b988\b/;

  function onBotMessage(message) {
    if (!message || typeof message !== "object") return;
    setTyping(false);
    status.textContent = "";
    var custom = message.custom;
    if (!custom && typeof message.type === "string" && !message.text) custom = message; // a bare payload
    if (typeof message.text === "string" && message.text.trim()) {
      var replies = (message.quick_replies || message.buttons || [])
        .filter(function (b) { return b && b.title && b.payload; })
        .map(function (b) { return { title: String(b.title), payload: String(b.payload) }; });
      var entry = { who: "bot", text: message.text, replies: replies };
      if (CRISIS_LINES.test(message.text)) {
        // The crisis response always steps out of practice; the greeting mentions the numbers too.
        setPractice(false);
        if (/799-7233/.test(message.text)) entry.kind = "crisis";
      } else if (/^Practice mode is off/i.test(message.text)) {
        setPractice(false);
      }
      add(entry);
    }
    if (custom && typeof custom === "object") onCustom(custom);
  }

  function onCustom(custom) {
    var target = lastBotEntry();
    if (custom.type === "roleplay") {
      setPractice(true);
      if (target) { target.kind = "roleplay"; target.stage = custom.stage ? String(custom.stage) : null; }
    } else if (custom.type === "feedback") {
      setPractice(false);
      if (target) target.kind = "feedback";
    } else if (custom.type === "content" && Array.isArray(custom.items)) {
      var ids = custom.items.map(function (item) { return item && item.id; }).filter(function (id) { return typeof id === "string"; });
      if (target && ids.length) target.items = (target.items || []).concat(ids);
    }
    if (target) {
      decorate(target);
      save();
      scrollDown();
    }
  }

  function connect() {
    if (typeof window.io !== "function") {
      status.textContent = "The chat could not load its connection library.";
      return;
    }
    socket = window.io(SERVER, { transports: ["websocket"], reconnectionDelayMax: 5000 });
    socket.on("connect", function () {
      ready = false;
      socket.emit("session_request", { session_id: state.session });
    });
    socket.on("session_confirm", function (confirmed) {
      var id = confirmed && typeof confirmed === "object" ? confirmed.session_id : confirmed;
      if (typeof id === "string" && id && id !== state.session) {
        state.session = id;
        save();
      }
      ready = true;
      status.textContent = "";
      if (!state.greeted && !state.entries.length) {
        state.greeted = true;
        save();
        emitSilently("/greet");
      }
      flush();
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("disconnect", function () {
      ready = false;
      status.textContent = "Connection lost. Reconnecting…";
    });
    socket.on("connect_error", function () {
      ready = false;
      status.textContent = "Can't reach the assistant right now. Retrying…";
    });
  }

  function loadSocketIo(done) {
    if (typeof window.io === "function") { done(); return; }
    var tag = document.createElement("script");
    tag.src = IO_URL;
    tag.async = true;
    tag.onload = done;
    tag.onerror = function () { status.textContent = "The chat could not load its connection library."; };
    document.head.appendChild(tag);
  }

  function startOver() {
    outbox = [];
    ready = false;
    setTyping(false);
    var collapsed = state.collapsed;
    state = freshState();
    state.collapsed = collapsed;
    while (log.firstChild) log.removeChild(log.firstChild);
    setPractice(false);
    status.textContent = "";
    save();
    if (socket) {
      // A new socket id, so nothing still on its way for the old conversation lands here.
      socket.disconnect();
      socket.connect();
    }
    input.focus();
  }

  // ---------------------------------------------------------------- events and start-up

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
    input.focus();
  });
  helpLink.addEventListener("click", function (event) {
    event.preventDefault();
    setHelpOpen(helpPanel.hidden);
  });
  helpClose.addEventListener("click", function () {
    setHelpOpen(false);
    helpLink.focus();
  });
  restartButton.addEventListener("click", startOver);
  stopPractice.addEventListener("click", function () { send("stop practice"); });
  if (collapseButton) {
    collapseButton.addEventListener("click", function () { setCollapsed(!state.collapsed); });
  }

  state.entries.forEach(renderEntry);
  setPractice(state.practice);
  setCollapsed(state.collapsed);
  scrollDown();
  loadSocketIo(connect);

  window.SRChat = {
    send: send,
    startOver: startOver,
    get session() { return state.session; },
    get connected() { return ready; },
  };
})();
