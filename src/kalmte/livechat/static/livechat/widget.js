/* Kalmte chat widget. Embed with:
 *   <script src="https://DESK/widget.js" data-shop="WIDGET_KEY" async></script>
 * Plain JS, no framework. Everything lives in a shadow root so the host page's styles and
 * ours never meet. User text is only ever set with textContent (never innerHTML).
 */
(function () {
  "use strict";
  var T = /*KALMTE_STRINGS*/{};
  var script = document.currentScript ||
    document.querySelector('script[data-shop][src*="widget.js"]');
  if (!script || window.__kalmteChat) { return; }
  window.__kalmteChat = true;
  var KEY = script.getAttribute("data-shop");
  var BASE = new URL(script.src, location.href).origin;
  var WS_BASE = BASE.replace(/^http/, "ws");
  var STORE = "kalmte-chat:" + KEY;

  function fmt(s, vars) {
    return s.replace(/%\((\w+)\)s/g, function (_, k) { return vars[k] == null ? "" : vars[k]; });
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "c" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text != null) { node.textContent = text; }
    return node;
  }
  // Text with safe links: only http(s) URLs become <a>, everything else stays text.
  function linkify(parent, text) {
    var re = /\bhttps?:\/\/[^\s<>"']+/gi, last = 0, m;
    while ((m = re.exec(text))) {
      var url = m[0].replace(/[.,!?;:)]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var a = el("a", null, url);
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer nofollow ugc";
      parent.appendChild(a);
      last = m.index + url.length;
      re.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  var state = load();  // {token, outbox: [{client_id, text}], open, email}
  state.outbox = state.outbox || [];
  var seen = {};       // message id -> true (de-duplication)
  var lastId = 0;
  var ws = null, wsFailures = 0, fallback = false, pollTimer = null, retryTimer = null;
  var online = false, shopInfo = null, typingTimer = null, lastTypingSent = 0;

  // --- DOM ---------------------------------------------------------------------------
  var host = el("div");
  host.id = "kalmte-chat";
  host.style.cssText = "all:initial;position:fixed;z-index:2147483000;right:16px;bottom:16px;";
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = el("style");
  style.textContent = [
    ":host{all:initial}",
    ".k-wrap{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#222}",
    ".k-launch{background:#1f4d3a;color:#fff;border:0;border-radius:24px;padding:12px 18px;",
    "cursor:pointer;font:inherit;box-shadow:0 2px 8px rgba(0,0,0,.25)}",
    ".k-panel{display:none;flex-direction:column;width:340px;max-width:calc(100vw - 32px);",
    "height:480px;max-height:calc(100vh - 32px);background:#fff;border-radius:12px;",
    "box-shadow:0 4px 24px rgba(0,0,0,.25);overflow:hidden}",
    ".k-open .k-panel{display:flex}.k-open .k-launch{display:none}",
    ".k-head{background:#1f4d3a;color:#fff;padding:10px 12px;display:flex;align-items:center;gap:8px}",
    ".k-head h2{font-size:15px;margin:0;flex:1;font-weight:600}",
    ".k-x{background:none;border:0;color:#fff;font-size:18px;cursor:pointer}",
    ".k-presence{font-size:12px;opacity:.9}.k-dot{display:inline-block;width:8px;height:8px;",
    "border-radius:50%;background:#aaa;margin-right:4px}.k-on .k-dot{background:#5fd38d}",
    ".k-status{font-size:12px;padding:4px 12px;background:#fff8e0;display:none}",
    ".k-status.k-show{display:block}",
    ".k-list{flex:1;overflow-y:auto;padding:10px 12px;margin:0;list-style:none;background:#f7f7f5}",
    ".k-msg{margin:6px 0;max-width:85%;padding:7px 10px;border-radius:10px;white-space:pre-wrap;",
    "word-wrap:break-word}.k-msg a{color:inherit;text-decoration:underline}",
    ".k-customer{margin-left:auto;background:#1f4d3a;color:#fff}",
    ".k-agent,.k-system{background:#fff;border:1px solid #e2e2e2}",
    ".k-who{display:block;font-size:11px;opacity:.7}.k-pending{opacity:.6}",
    ".k-failed{outline:2px solid #c0392b}",
    ".k-empty{color:#666;font-size:13px;text-align:center;margin-top:20px}",
    ".k-typing{font-size:12px;color:#555;padding:0 12px;min-height:16px}",
    ".k-offline,.k-details{padding:8px 12px;border-top:1px solid #eee;font-size:13px;display:none}",
    ".k-offline.k-show,.k-details.k-show{display:block}",
    ".k-offline input,.k-details input{width:100%;box-sizing:border-box;margin:3px 0;padding:6px;",
    "border:1px solid #ccc;border-radius:6px;font:inherit}",
    ".k-form{display:flex;gap:6px;padding:8px;border-top:1px solid #eee}",
    ".k-form textarea{flex:1;resize:none;height:40px;padding:6px;border:1px solid #ccc;",
    "border-radius:6px;font:inherit}",
    ".k-btn{background:#1f4d3a;color:#fff;border:0;border-radius:6px;padding:6px 12px;",
    "cursor:pointer;font:inherit}.k-link{background:none;border:0;color:#fff;font-size:12px;",
    "text-decoration:underline;cursor:pointer}",
    ".k-error{color:#c0392b;font-size:12px;padding:0 12px}"
  ].join("");
  root.appendChild(style);
  var wrap = el("div", "k-wrap");
  root.appendChild(wrap);
  var launch = el("button", "k-launch", T.launcher);
  launch.type = "button";
  var panel = el("div", "k-panel");
  panel.setAttribute("role", "dialog");
  var head = el("div", "k-head");
  var title = el("h2", null, T.launcher);
  var presence = el("span", "k-presence");
  presence.appendChild(el("span", "k-dot"));
  var presenceText = el("span", null, T.connecting);
  presence.appendChild(presenceText);
  var detailsBtn = el("button", "k-link", T.details);
  detailsBtn.type = "button";
  var closeBtn = el("button", "k-x", "×");
  closeBtn.type = "button";
  closeBtn.setAttribute("aria-label", T.close);
  head.appendChild(title); head.appendChild(presence); head.appendChild(detailsBtn);
  head.appendChild(closeBtn);
  var status = el("div", "k-status");
  var list = el("ol", "k-list");
  list.setAttribute("aria-live", "polite");
  var emptyNote = el("li", "k-empty", T.empty);
  list.appendChild(emptyNote);
  var typing = el("div", "k-typing");

  function profileForm(cls, note) {
    var box = el("form", cls);
    if (note) { box.appendChild(note); }
    var name = el("input"); name.name = "name"; name.placeholder = T.name; name.autocomplete = "name";
    var email = el("input"); email.name = "email"; email.type = "email"; email.placeholder = T.email;
    email.autocomplete = "email";
    var ok = el("button", "k-btn", T.save); ok.type = "submit";
    var msg = el("div", "k-error");
    box.appendChild(name); box.appendChild(email); box.appendChild(ok); box.appendChild(msg);
    box.addEventListener("submit", function (ev) {
      ev.preventDefault();
      post("/chat/gegevens/", { token: state.token, name: name.value, email: email.value })
        .then(function (data) {
          state.email = data.customer.email; state.name = data.customer.name; save();
          msg.textContent = T.saved;
          setTimeout(function () { box.classList.remove("k-show"); renderPresence(); }, 1200);
        }, function (err) { msg.textContent = err.message; });
    });
    return box;
  }
  var offlineNote = el("p");
  var offline = profileForm("k-offline", offlineNote);
  var details = profileForm("k-details");
  var form = el("form", "k-form");
  var input = el("textarea");
  input.setAttribute("aria-label", T.placeholder);
  input.placeholder = T.placeholder;
  var sendBtn = el("button", "k-btn", T.send); sendBtn.type = "submit";
  form.appendChild(input); form.appendChild(sendBtn);
  var error = el("div", "k-error");
  panel.appendChild(head); panel.appendChild(status); panel.appendChild(list);
  panel.appendChild(typing); panel.appendChild(error); panel.appendChild(offline);
  panel.appendChild(details); panel.appendChild(form);
  wrap.appendChild(launch); wrap.appendChild(panel);

  // --- rendering ---------------------------------------------------------------------
  function render(m, pending) {
    var key = m.id ? "m" + m.id : "c" + m.client_id;
    if (m.id) {
      if (seen[m.id]) { return; }
      seen[m.id] = true;
      if (m.id > lastId) { lastId = m.id; }
    }
    // a confirmed message replaces its own pending copy
    var existing = m.client_id && list.querySelector('[data-client-id="' + CSS.escape(m.client_id) + '"]');
    var li = existing || el("li");
    li.className = "k-msg k-" + m.author_kind + (pending ? " k-pending" : "");
    li.setAttribute("data-key", key);
    if (m.id) { li.setAttribute("data-message-id", String(m.id)); }
    if (m.client_id) { li.setAttribute("data-client-id", m.client_id); }
    li.textContent = "";
    if (m.author_kind !== "customer") {
      li.appendChild(el("span", "k-who", m.author || T.agent));
    }
    linkify(li, m.body);
    if (pending) { li.appendChild(el("span", "k-who", T.pending)); }
    if (emptyNote.parentNode) { emptyNote.remove(); }
    if (!existing) { list.appendChild(li); }
    list.scrollTop = list.scrollHeight;
    if (m.author_kind === "agent") { typing.textContent = ""; }
  }
  function renderPresence() {
    wrap.classList.toggle("k-on", online);
    presenceText.textContent = online ? T.online : T.offline;
    presence.className = "k-presence" + (online ? " k-on" : "");
    var hours = shopInfo ? shopInfo.opening_hours : "";
    offlineNote.textContent = fmt(T.offline_note, { hours: hours });
    offline.classList.toggle("k-show", !online && !state.email && !!state.token);
  }
  function showStatus(text) {
    status.textContent = text || "";
    status.classList.toggle("k-show", !!text);
  }

  // --- HTTP --------------------------------------------------------------------------
  function request(method, path, body) {
    var opts = { method: method, mode: "cors", credentials: "omit",
                 headers: { "Content-Type": "application/json" } };
    if (body) { opts.body = JSON.stringify(body); }
    return fetch(BASE + path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var e = new Error((data.error && data.error.message) || T.error);
          e.code = data.error && data.error.code; e.status = r.status;
          throw e;
        }
        return data;
      });
    });
  }
  function post(path, body) { return request("POST", path, body); }

  var starting = null;
  function start() {
    if (starting) { return starting; }
    starting = post("/chat/start/", { key: KEY, token: state.token || null }).then(function (data) {
      if (data.token !== state.token) {  // a new conversation: forget the old one
        state.token = data.token; state.outbox = []; state.email = data.customer.email;
        seen = {}; lastId = 0;
        list.textContent = ""; list.appendChild(emptyNote);
      }
      state.email = data.customer.email || state.email;
      save();
      shopInfo = data.shop; online = data.online;
      title.textContent = fmt(T.title, { shop: data.shop.name });
      renderPresence();
      connect();
    }, function (err) { error.textContent = err.message; })
      .then(function () { starting = null; });
    return starting;
  }

  // --- WebSocket with catch-up; HTTP polling when sockets are blocked -----------------
  function connect() {
    clearTimeout(retryTimer);
    if (fallback) { return poll(); }
    var socket;
    try {
      socket = new WebSocket(WS_BASE + "/ws/chat/?token=" + encodeURIComponent(state.token));
    } catch (e) { wsFailures = 99; return useFallback(); }
    ws = socket;
    var opened = false;
    socket.onopen = function () {
      opened = true; wsFailures = 0; showStatus("");
      socket.send(JSON.stringify({ type: "hello", last_id: lastId }));
      flush();
    };
    socket.onmessage = function (ev) {
      var data; try { data = JSON.parse(ev.data); } catch (e) { return; }
      if (data.type === "history") {
        data.messages.forEach(function (m) { render(m); });
        online = data.online; renderPresence();
      } else if (data.type === "message") {
        render(data.message);
      } else if (data.type === "ack") {
        dropFromOutbox(data.client_id); render(data.message);
      } else if (data.type === "typing") {
        typing.textContent = fmt(T.typing, { name: data.name || T.agent });
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typing.textContent = ""; }, 5000);
      } else if (data.type === "presence") {
        online = data.online; renderPresence();
      } else if (data.type === "status") {
        if (data.status === "ended") { showStatus(T.ended); }
      } else if (data.type === "error") {
        error.textContent = data.message;
        if (data.client_id) { markFailed(data.client_id); }
      }
    };
    socket.onclose = function (ev) {
      if (ws !== socket) { return; }
      ws = null;
      if (ev.code === 4401) { state.token = null; save(); return start(); }
      if (!opened) { wsFailures += 1; }
      if (wsFailures >= 3) { return useFallback(); }
      showStatus(T.reconnecting);
      retryTimer = setTimeout(connect, Math.min(1000 * Math.pow(2, wsFailures), 15000));
    };
  }
  function useFallback() {
    fallback = true; showStatus(T.fallback); poll();
  }
  function poll() {
    clearTimeout(pollTimer);
    request("GET", "/chat/berichten/?token=" + encodeURIComponent(state.token) + "&after=" + lastId)
      .then(function (data) {
        data.messages.forEach(function (m) { render(m); });
        online = data.online; renderPresence();
        flush();
      }, function (err) { if (err.code === "bad_token") { state.token = null; save(); start(); } })
      .then(function () { pollTimer = setTimeout(poll, 3000); });
  }

  // --- sending: an outbox survives reloads; client_id makes a resend harmless ----------
  function dropFromOutbox(clientId) {
    state.outbox = state.outbox.filter(function (o) { return o.client_id !== clientId; });
    save();
  }
  function markFailed(clientId) {
    dropFromOutbox(clientId);
    var li = list.querySelector('[data-client-id="' + CSS.escape(clientId) + '"]');
    if (li) { li.classList.add("k-failed"); li.classList.remove("k-pending"); }
  }
  function flush() {
    state.outbox.forEach(function (item) { transmit(item); });
  }
  function transmit(item) {
    if (ws && ws.readyState === 1) {
      ws.send(JSON.stringify({ type: "message", client_id: item.client_id, text: item.text }));
    } else if (fallback) {
      post("/chat/berichten/", { token: state.token, client_id: item.client_id, text: item.text })
        .then(function (data) { dropFromOutbox(item.client_id); render(data.message); },
              function (err) { error.textContent = err.message; if (err.status < 500) { markFailed(item.client_id); } });
    }
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text || !state.token) { return; }
    error.textContent = "";
    var item = { client_id: uuid(), text: text };
    state.outbox.push(item); save();
    render({ client_id: item.client_id, author_kind: "customer", body: text }, true);
    input.value = "";
    lastTypingSent = 0;  // typing the next message is news again
    transmit(item);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });
  input.addEventListener("input", function () {
    var now = Date.now();
    if (ws && ws.readyState === 1 && now - lastTypingSent > 2000) {
      lastTypingSent = now; ws.send(JSON.stringify({ type: "typing" }));
    }
  });
  function open() {
    wrap.classList.add("k-open"); state.open = true; save();
    if (!ws && !pollTimer && !retryTimer) { start(); }
    input.focus();
  }
  launch.addEventListener("click", open);
  closeBtn.addEventListener("click", function () {
    wrap.classList.remove("k-open"); state.open = false; save();
  });
  detailsBtn.addEventListener("click", function () { details.classList.toggle("k-show"); });

  function mount() {
    document.body.appendChild(host);
    if (state.token) { if (state.open) { open(); } else { start(); } }
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
