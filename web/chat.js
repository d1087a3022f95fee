/*
 * Web chat for the Supportive rehearsal assistant (Rasa's Socket.IO channel).
 *
 * On the page served by web/server.py it fills the element marked data-sr-chat. Pasted into any other
 * page it shows as a floating panel:
 *   <link rel="stylesheet" href="http://host:8080/chat.css">
 *   <script src="http://host:8080/chat.js" data-server="http://host:5005"></script>
 *
 * Attributes on the <script> tag (all optional):
 *   data-server    Rasa's base URL (default: window.SR_CHAT_CONFIG.server, else this host on port 5005)
 *   data-resources the crisis resources for the help panel (default: "resources.json" next to chat.js)
 *   data-socketio  the Socket.IO browser client (default: "vendor/socket.io.min.js" next to chat.js)
 *
 * Every bot and user string is put on the page with textContent, never parsed as HTML. A crisis reply is
 * recognised by its payload ({"type": "crisis", "category": ...}), never by what its text says.
 */
(function () {
  "use strict";

  if (window.SRChat) return; // pasted twice: one widget is enough

  var script = document.currentScript;
  var scriptUrl = (script && script.src) || window.location.href;
  var config = window.SR_CHAT_CONFIG || {};
  var data = (script && script.dataset) || {};
  var SERVER = data.server || config.server || window.location.protocol + "//" + window.location.hostname + ":5005";
  var RESOURCES_URL = data.resources || new URL("resources.json", scriptUrl).href;
  var IO_URL = data.socketio || new URL("vendor/socket.io.min.js", scriptUrl).href;

  var STORE_KEY = "sr-chat:v1";
  var MAX_ENTRIES = 300;
  var SLOW_REPLY_MS = 20000;
  var TURN_SETTLED_MS = 900; // a reply is several messages in a burst; after this quiet gap it is complete
  var NEAR_BOTTOM_PX = 24;

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

  function freshState(session) {
    return { session: session || newSessionId(), entries: [], practice: false, greeted: false, collapsed: false };
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

  function txt(text) {
    return document.createTextNode(text);
  }

  function hiddenText(text) {
    return el("span", { className: "sr-visually-hidden", text: text });
  }

  // ---------------------------------------------------------------- crisis resources (the locale's, from the server)

  var resources = Array.isArray(config.resources) ? config.resources : [];

  function digits(number) {
    return String(number).replace(/[^\d+]/g, "");
  }

  function smsHref(number, body) {
    return "sms:" + digits(number) + (body ? "?body=" + encodeURIComponent(body) : "");
  }

  /** One resource as a list item: what it is, when to use it, and a tel:/sms: link for each way to reach it. */
  function resourceItem(resource) {
    var ways = [];
    if (resource.tel) {
      ways.push(el("a", { className: "sr-res-link", href: "tel:" + digits(resource.tel), text: "Call " + resource.tel }));
    }
    if (resource.sms) {
      var label = resource.sms_body ? "Text " + resource.sms_body + " to " + resource.sms : "Text " + resource.sms;
      ways.push(el("a", { className: "sr-res-link", href: smsHref(resource.sms, resource.sms_body), text: label }));
    }
    return el("li", { className: "sr-res", "data-resource": resource.id || null }, [
      line("span", String(resource.label || ""), true, "sr-res-label"),
      resource.when ? line("span", String(resource.when), true, "sr-res-when") : null,
      el("span", { className: "sr-res-ways" }, ways),
    ]);
  }

  function resourceList() {
    if (!resources.length) {
      return el("p", { text: "If anyone is in immediate danger, call your local emergency number now." });
    }
    return el("ul", { className: "sr-resources" }, resources.map(resourceItem));
  }

  // Phone numbers in replies become links: the locale's numbers, and anything shaped like a phone number.
  var phonePattern = null;
  function phoneRegExp() {
    if (phonePattern) return phonePattern;
    var known = [];
    resources.forEach(function (r) {
      if (r.tel) known.push(String(r.tel));
      if (r.sms) known.push(String(r.sms));
    });
    known.sort(function (a, b) { return b.length - a.length; });
    var parts = known.map(function (n) {
      return n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/(\\?[\s-])+/g, "[\\s-]?");
    });
    parts.push("\\+?1?[\\s-]?\\(?\\d{3}\\)?[\\s-]\\d{3}[\\s-]\\d{4}", "0\\d{3}[\\s]?\\d{3,4}[\\s]?\\d{3,4}", "\\b1\\d\\d[\\s]\\d{3}\\b");
    phonePattern = new RegExp("(^|[^\\d/])(" + parts.join("|") + ")(?![\\d/])", "g");
    return phonePattern;
  }

  function smsOnly(number) {
    var d = digits(number);
    return resources.some(function (r) { return r.sms && digits(r.sms) === d && !r.tel; });
  }

  function smsBodyFor(number) {
    var d = digits(number);
    for (var i = 0; i < resources.length; i++) {
      if (resources[i].sms && digits(resources[i].sms) === d) return resources[i].sms_body || "";
    }
    return "";
  }

  /** Append `text` to `node`, with every phone number in it as a tel: (or, after "text", an sms:) link. */
  function appendLinked(node, text) {
    var pattern = phoneRegExp();
    var last = 0;
    var match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text)) !== null) {
      var start = match.index + match[1].length;
      var number = match[2];
      var before = text.slice(Math.max(0, start - 24), start).toLowerCase();
      var texting = smsOnly(number) || (/\btext\b/.test(before) && !/\bcall\b/.test(before));
      if (start > last) node.appendChild(txt(text.slice(last, start)));
      node.appendChild(el("a", {
        className: "sr-phone", href: texting ? smsHref(number, smsBodyFor(number)) : "tel:" + digits(number), text: number,
      }));
      last = start + number.length;
    }
    if (last < text.length) node.appendChild(txt(text.slice(last)));
    return node;
  }

  function line(tag, text, linked, className) {
    var node = el(tag, { className: className || null });
    if (linked) appendLinked(node, text);
    else node.textContent = text;
    return node;
  }

  var BULLET = /^\s*(?:•|-|\*)\s+/;

  /** Text as paragraphs and lists: each line its own element, "• "/"- " lines as list items. */
  function renderText(text, linked) {
    var box = el("div", { className: "sr-text" });
    var list = null;
    String(text).split("\n").forEach(function (row) {
      if (!row.trim()) { list = null; return; }
      if (BULLET.test(row)) {
        if (!list) { list = el("ul"); box.appendChild(list); }
        list.appendChild(line("li", row.replace(BULLET, ""), linked));
      } else if (list && /^\s{2,}/.test(row)) {
        // continuation of the bullet above ("  Instead: ...")
        list.lastChild.appendChild(line("span", row.trim(), linked, "sr-continued"));
      } else {
        list = null;
        box.appendChild(line("p", row, linked));
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
  var restartButton = el("button", { type: "button", className: "sr-button sr-restart", "aria-haspopup": "dialog", text: "Start over" });
  var collapseButton = inline ? null : el("button", {
    type: "button", className: "sr-button sr-collapse", "aria-controls": "sr-body", "aria-expanded": "true", text: "Minimise",
  });
  var header = el("div", { className: "sr-header" }, [
    title, el("div", { className: "sr-header-actions" }, [helpLink, restartButton, collapseButton]),
  ]);

  var helpClose = el("button", { type: "button", className: "sr-button", text: "Close" });
  var helpList = el("div", { className: "sr-help-list" });
  var helpPanel = el("div", { className: "sr-help", id: "sr-help", role: "region", "aria-labelledby": "sr-help-title", tabindex: "-1", hidden: true }, [
    el("h3", { id: "sr-help-title", text: "If anyone is in danger, get help now" }),
    helpList,
    el("p", { className: "sr-help-note", text: "This assistant is not a therapist and not for emergencies." }),
    helpClose,
  ]);

  var stopPractice = el("button", { type: "button", className: "sr-button sr-stop-practice", text: "Stop practice" });
  var banner = el("div", { className: "sr-practice-banner", hidden: true }, [
    el("p", {}, [
      el("span", { className: "sr-practice-badge", text: "Practice" }),
      el("span", { className: "sr-practice-more", text: " The assistant is playing your loved one." }),
    ]),
    stopPractice,
  ]);

  var log = el("div", {
    className: "sr-log", id: "sr-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": "Conversation", tabindex: "0",
  });
  var pill = el("button", { type: "button", className: "sr-button sr-new-pill", hidden: true }, [
    txt("New messages "), el("span", { "aria-hidden": "true", text: "↓" }),
  ]);
  var logWrap = el("div", { className: "sr-log-wrap" }, [log, pill]);
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

  var confirmYes = el("button", { type: "button", className: "sr-button sr-confirm-yes", text: "Start a new conversation" });
  var confirmNo = el("button", { type: "button", className: "sr-button", text: "Keep this one" });
  var confirmBox = el("div", {
    className: "sr-confirm", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "sr-confirm-title",
    "aria-describedby": "sr-confirm-text", hidden: true,
  }, [
    el("h3", { id: "sr-confirm-title", text: "Start a new conversation?" }),
    el("div", { id: "sr-confirm-text" }, [
      el("p", { text: "This clears the chat from this screen and starts afresh; I won't remember what we talked about." }),
      el("p", { text: "Your past rehearsals stay on this device: ask “how am I doing?” to see them, until you say “delete my data”." }),
    ]),
    el("div", { className: "sr-confirm-actions" }, [confirmYes, confirmNo]),
  ]);

  var body = el("div", { className: "sr-body", id: "sr-body" }, [helpPanel, banner, logWrap, typing, status, form, confirmBox]);
  root.appendChild(header);
  root.appendChild(body);
  (inline || document.body).appendChild(root);

  function renderHelp() {
    while (helpList.firstChild) helpList.removeChild(helpList.firstChild);
    helpList.appendChild(resourceList());
  }
  renderHelp();

  // ---------------------------------------------------------------- scrolling: read each reply from its start

  var turn = { first: null, sawRoleplay: false, settle: null, pending: null };

  function nearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight <= NEAR_BOTTOM_PX;
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
    pill.hidden = true;
  }

  /** Show the reply from its first new bubble; if the rest doesn't fit, the pill says there is more. */
  function followReply() {
    var first = turn.first;
    if (!first || !first.isConnected) { scrollDown(); return; }
    var top = Math.max(0, first.offsetTop - 8);
    if (log.scrollHeight - top <= log.clientHeight) {
      scrollDown();
    } else {
      log.scrollTop = top;
      pill.hidden = nearBottom();
    }
  }

  log.addEventListener("scroll", function () { if (nearBottom()) pill.hidden = true; });
  pill.addEventListener("click", function () {
    scrollDown();
    input.focus();
  });

  // ---------------------------------------------------------------- rendering entries

  function renderEntry(entry) {
    var node;
    if (entry.who === "user") {
      node = el("div", { className: "sr-msg sr-msg-user" }, [hiddenText("You said: "), renderText(entry.text, false)]);
    } else if (entry.who === "note") {
      node = el("div", { className: "sr-msg sr-msg-note" }, [renderText(entry.text, true)]);
    } else {
      // A bot message: its bubble, then its quick replies, crisis card and "Was this helpful?" under it.
      entry.bubble = el("div", { className: "sr-msg sr-msg-bot" }, [hiddenText("Assistant: "), renderText(entry.text, true)]);
      node = el("div", { className: "sr-entry" }, [entry.bubble]);
    }
    entry.el = node;
    decorate(entry);
    log.appendChild(node);
    return node;
  }

  /** The parts of a bot message that can change after it arrived: its kind, quick replies, crisis card, rating. */
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
    if (entry.category) bubble.setAttribute("data-category", entry.category);

    var oldCard = node.querySelector(".sr-crisis-card");
    if (oldCard) oldCard.remove();
    if (entry.kind === "crisis") {
      node.appendChild(el("div", { className: "sr-crisis-card", role: "group", "aria-label": "Get help now" }, [
        el("p", { className: "sr-crisis-card-title", text: "Get help now" }), resourceList(),
      ]));
    }

    var oldReplies = node.querySelector(".sr-replies");
    if (oldReplies) oldReplies.remove();
    if (entry.replies && entry.replies.length && !entry.answered) {
      var replies = el("div", { className: "sr-replies", role: "group", "aria-label": "Suggested replies" });
      entry.replies.forEach(function (reply) {
        var button = el("button", { type: "button", className: "sr-button sr-reply", text: reply.title });
        button.addEventListener("click", function () {
          send(reply.payload, reply.title);
          input.focus(); // so the next thing typed goes to the box, not the page
        });
        replies.appendChild(button);
      });
      node.appendChild(replies);
    }

    var oldRating = node.querySelector(".sr-rate");
    if (oldRating) oldRating.remove();
    if (entry.items && entry.items.length) {
      var rating = ratingBox(entry);
      if (rating) node.appendChild(rating);
    }
  }

  function ratingBox(entry) {
    if (entry.rating === true || entry.rating === false) {
      return el("p", { className: "sr-rate sr-rated", text: entry.rating ? "You said this helped." : "You said this didn't help." });
    }
    // Only the latest reply can be rated: the answer is a message, and later in the conversation (a question
    // being asked, a rehearsal) it would land where it doesn't belong.
    if (entry.expired) return null;
    var question = el("span", { className: "sr-rate-question", text: "Was this helpful?" });
    var box = el("div", { className: "sr-rate", role: "group", "aria-label": "Was this helpful?" }, [question]);
    [["Yes", true], ["No", false]].forEach(function (choice) {
      var button = el("button", { type: "button", className: "sr-button sr-rate-button", "data-helpful": String(choice[1]), text: choice[0] });
      button.addEventListener("click", function () {
        rate(entry, choice[1]);
        input.focus();
      });
      box.appendChild(button);
    });
    return box;
  }

  /** The answer goes to the assistant as a message of this conversation; the action server stores it. */
  function rate(entry, helpful) {
    var payload = "/rate_item" + JSON.stringify({ item_id: entry.items, helpful: helpful ? "yes" : "no" });
    entry.rating = helpful;
    decorate(entry);
    send(payload, helpful ? "Yes, that was helpful" : "No, that wasn't helpful");
  }

  function save() {
    if (state.entries.length > MAX_ENTRIES) state.entries = state.entries.slice(-MAX_ENTRIES);
    writeStore();
  }

  function add(entry) {
    state.entries.push(entry);
    var node = renderEntry(entry);
    save();
    if (entry.who === "bot") {
      if (!turn.first) turn.first = node;
      followReply();
      if (turn.pending) {
        var pending = turn.pending;
        turn.pending = null;
        onCustom(pending);
      }
    } else {
      scrollDown();
    }
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
  var restartPending = false;

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
      var changed = false;
      if (entry.replies && entry.replies.length && !entry.answered) {
        entry.answered = true;
        changed = true;
      }
      if (entry.items && entry.items.length && !entry.expired) {
        entry.expired = true;
        changed = true;
      }
      if (changed) decorate(entry);
    });
    status.textContent = "";
    clearTimeout(turn.settle);
    turn = { first: null, sawRoleplay: false, settle: null, pending: null };
    add({ who: "user", text: shown || message });
    emitSilently(message);
  }

  /** A reply is complete once its burst of messages stops. In practice every reply carries the loved one's
   * line; a complete reply without one means practice has ended (stopped, finished, or a safety reply). */
  function settleTurn() {
    clearTimeout(turn.settle);
    turn.settle = setTimeout(function () {
      if (state.practice && !turn.sawRoleplay && turn.first) setPractice(false);
    }, TURN_SETTLED_MS);
  }

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
      add({ who: "bot", text: message.text, replies: replies });
    }
    if (custom && typeof custom === "object") onCustom(custom);
    settleTurn();
  }

  function onCustom(custom) {
    var target = lastBotEntry();
    if (custom.type === "roleplay") {
      turn.sawRoleplay = true;
      setPractice(true);
    } else if ((custom.type === "feedback" && custom.final !== false) || custom.type === "crisis") {
      // Safety steps out of practice at once, and the card under the reply links the locale's resources. A check-in
      // mid-practice ("how am I doing?", final false) keeps the practice look.
      setPractice(false);
    }
    if (!target) {
      // A payload that came before its text (a response may be ordered either way): it marks the next bubble.
      if (custom.type === "roleplay" || custom.type === "feedback" || custom.type === "crisis") turn.pending = custom;
      return;
    }
    if (custom.type === "roleplay") {
      target.kind = "roleplay";
      target.stage = custom.stage ? String(custom.stage) : null;
    } else if (custom.type === "feedback") {
      target.kind = "feedback";
    } else if (custom.type === "crisis") {
      target.kind = "crisis";
      target.category = custom.category ? String(custom.category) : null;
    } else if (custom.type === "content" && Array.isArray(custom.items)) {
      var ids = custom.items.map(function (item) { return item && item.id; }).filter(function (id) { return typeof id === "string"; });
      if (ids.length) target.items = (target.items || []).concat(ids);
    }
    decorate(target);
    save();
    followReply();
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
      if (restartPending) {
        // The same person on the same device: a new conversation, but their rehearsals stay theirs.
        restartPending = false;
        emitSilently("/restart");
      }
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

  function loadResources() {
    if (resources.length || typeof window.fetch !== "function") return;
    window.fetch(RESOURCES_URL).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (found) {
      if (!found || !Array.isArray(found.resources)) return;
      resources = found.resources;
      phonePattern = null;
      renderHelp();
      state.entries.forEach(function (entry) { if (entry.kind === "crisis") decorate(entry); });
    }).catch(function () { /* the panel keeps its generic advice */ });
  }

  function startOver() {
    outbox = [];
    ready = false;
    setTyping(false);
    clearTimeout(turn.settle);
    turn = { first: null, sawRoleplay: false, settle: null, pending: null };
    var collapsed = state.collapsed;
    state = freshState(state.session);
    state.collapsed = collapsed;
    while (log.firstChild) log.removeChild(log.firstChild);
    pill.hidden = true;
    setPractice(false);
    status.textContent = "";
    save();
    restartPending = true;
    if (socket) {
      // A new socket id, so nothing still on its way for the old conversation lands here.
      socket.disconnect();
      socket.connect();
    }
  }

  // ---------------------------------------------------------------- start over, with a confirmation

  var focusBeforeConfirm = null;
  function setConfirmOpen(open) {
    confirmBox.hidden = !open;
    root.classList.toggle("sr-confirming", open);
    if (open) {
      focusBeforeConfirm = document.activeElement;
      confirmNo.focus();
    } else if (focusBeforeConfirm && focusBeforeConfirm.focus) {
      focusBeforeConfirm.focus();
    }
  }

  confirmBox.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      setConfirmOpen(false);
    } else if (event.key === "Tab") {
      // Keep the focus on the two choices while the question is open.
      var other = document.activeElement === confirmYes ? confirmNo : confirmYes;
      event.preventDefault();
      other.focus();
    }
  });
  confirmYes.addEventListener("click", function () {
    focusBeforeConfirm = input;
    setConfirmOpen(false);
    startOver();
  });
  confirmNo.addEventListener("click", function () { setConfirmOpen(false); });

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
  helpPanel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      setHelpOpen(false);
      helpLink.focus();
    }
  });
  restartButton.addEventListener("click", function () { setConfirmOpen(true); });
  stopPractice.addEventListener("click", function () {
    send("stop practice");
    input.focus();
  });
  if (collapseButton) {
    collapseButton.addEventListener("click", function () { setCollapsed(!state.collapsed); });
  }

  state.entries.forEach(renderEntry);
  setPractice(state.practice);
  setCollapsed(state.collapsed);
  scrollDown();
  loadResources();
  loadSocketIo(connect);

  window.SRChat = {
    send: send,
    startOver: startOver,
    get session() { return state.session; },
    get connected() { return ready; },
  };
})();
