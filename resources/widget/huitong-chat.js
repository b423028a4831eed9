/*
 * Huitong web chat widget. Embed with one tag:
 *   <script src="https://<huitong server>/widget/huitong-chat.js" async></script>
 * A launcher button, a chat window with a pre-chat form, messages both ways over a WebSocket (resumed
 * after drops and page reloads), typing indicators, attachments, and a rating when the chat ends.
 * No framework, no build step. All text from the visitor or the agent is rendered with textContent.
 */
(function () {
  "use strict";
  if (window.HuitongChat) { return; }

  var script = document.currentScript || (function () {
    var all = document.getElementsByTagName("script");
    for (var i = all.length - 1; i >= 0; i--) {
      if (/huitong-chat\.js(\?|$)/.test(all[i].src)) { return all[i]; }
    }
    return null;
  })();
  var BASE = script ? new URL(script.src, location.href).origin : location.origin;
  var API = BASE + "/api/v1/webchat";
  var WS_BASE = BASE.replace(/^http/, "ws") + "/api/v1/webchat/ws";
  var STORE_KEY = "huitong-chat:" + BASE;
  var HEADER = "X-Huitong-Visitor";

  var TEXT = {
    en: {
      launcher: "Chat with us", title: "Chat with us", close: "Close chat",
      intro: "Tell us who you are (optional) so we can find your earlier calls and e-mails.",
      name: "Name", email: "E-mail", phone: "Phone", start: "Start chat",
      placeholder: "Type a message…", send: "Send", attach: "Attach a file",
      typing: "Agent is typing…", you: "You", agent: "Agent",
      sending: "Sending…", sent: "Sent", failed: "Not sent — will retry",
      tooBig: "The file is too large (max {size}).", badType: "This type of file is not accepted.",
      uploadFailed: "The file could not be sent: {reason}",
      offline: "Connection lost — reconnecting…", ended: "The conversation has ended.",
      rate: "How was your chat?", comment: "Anything to add? (optional)", submit: "Send rating",
      thanks: "Thank you for your feedback!", star: "{n} of 5 stars", error: "Error: {reason}",
      attachment: "Attachment"
    },
    zh: {
      launcher: "在线咨询", title: "在线咨询", close: "关闭对话",
      intro: "留下您的联系方式（可选），方便我们找到您之前的来电和邮件。",
      name: "姓名", email: "电子邮箱", phone: "电话", start: "开始对话",
      placeholder: "输入消息…", send: "发送", attach: "添加附件",
      typing: "客服正在输入…", you: "我", agent: "客服",
      sending: "发送中…", sent: "已发送", failed: "未发送，将自动重试",
      tooBig: "文件太大（最大 {size}）。", badType: "不支持这种文件类型。",
      uploadFailed: "文件未能发送：{reason}",
      offline: "连接已断开，正在重连…", ended: "对话已结束。",
      rate: "您对本次服务满意吗？", comment: "还有什么想说的吗？（可选）", submit: "提交评价",
      thanks: "感谢您的评价！", star: "{n} 星（满分 5 星）", error: "出错了：{reason}",
      attachment: "附件"
    }
  };
  var LANG = /^zh/i.test(navigator.language || "") ? "zh" : "en";
  function t(key, values) {
    var s = TEXT[LANG][key] || TEXT.en[key] || key;
    if (values) { Object.keys(values).forEach(function (k) { s = s.split("{" + k + "}").join(values[k]); }); }
    return s;
  }

  // ---- storage (localStorage may be blocked: then the chat lives as long as the page) ----
  var memory = {};
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE_KEY) || "{}") || {}; } catch (e) { return memory; }
  }
  function save(state) {
    memory = state;
    try { localStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  var stored = load();
  stored.outbox = stored.outbox || [];
  function persist() { save(stored); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    (window.crypto || {}).getRandomValues ? crypto.getRandomValues(b) : b.forEach(function (_, i) { b[i] = Math.random() * 256; });
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // ---- DOM helpers: text only ----
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "className") { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
      });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function safeUrl(url) {
    if (typeof url !== "string" || !url) { return null; }
    if (url.charAt(0) === "/" && url.charAt(1) !== "/") { return BASE + url; }
    try {
      var u = new URL(url);
      return (u.protocol === "https:" || u.protocol === "http:") ? u.href : null;
    } catch (e) { return null; }
  }
  function formatSize(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1).replace(/\.0$/, "") + " MB"
      : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  // ---- the UI ----
  var css = el("link", { rel: "stylesheet", href: BASE + "/widget/huitong-chat.css" });
  var root = el("div", { id: "huitong-chat", lang: LANG === "zh" ? "zh-CN" : "en" });
  var launcher = el("button", { id: "hc-launcher", type: "button", "aria-label": t("launcher") });
  launcher.appendChild(el("span", { className: "hc-launcher-icon", "aria-hidden": "true" }, "\u{1F4AC}"));
  launcher.appendChild(el("span", { className: "hc-launcher-text" }, t("launcher")));
  var badge = el("span", { id: "hc-badge", hidden: "" });
  launcher.appendChild(badge);

  var panel = el("section", { id: "hc-panel", role: "dialog", "aria-label": t("title"), hidden: "" });
  var header = el("header", { className: "hc-header" });
  header.appendChild(el("span", { className: "hc-title" }, t("title")));
  var closeBtn = el("button", { id: "hc-close", type: "button", "aria-label": t("close") }, "\u00D7");
  header.appendChild(closeBtn);
  var notice = el("div", { id: "hc-notice", role: "alert", hidden: "" });

  var prechat = el("form", { id: "hc-prechat", hidden: "" });
  prechat.appendChild(el("p", { className: "hc-intro" }, t("intro")));
  function field(id, label, type, max) {
    var wrap = el("label", { className: "hc-field" });
    wrap.appendChild(el("span", null, label));
    var input = el("input", { id: id, type: type, maxlength: String(max), autocomplete: "on" });
    wrap.appendChild(input);
    prechat.appendChild(wrap);
    return input;
  }
  var nameInput = field("hc-name", t("name"), "text", 100);
  var emailInput = field("hc-email", t("email"), "email", 254);
  var phoneInput = field("hc-phone", t("phone"), "tel", 40);
  var startBtn = el("button", { id: "hc-start", type: "submit" }, t("start"));
  prechat.appendChild(startBtn);

  var log = el("ol", { id: "hc-log", "aria-live": "polite" });
  var typing = el("div", { id: "hc-typing", hidden: "" }, t("typing"));

  var rating = el("div", { id: "hc-rating", hidden: "" });
  rating.appendChild(el("p", null, t("rate")));
  var stars = el("div", { className: "hc-stars", role: "radiogroup" });
  var chosen = 0;
  var starButtons = [];
  [1, 2, 3, 4, 5].forEach(function (n) {
    var b = el("button", { type: "button", className: "hc-star", "data-score": String(n),
                           "aria-label": t("star", { n: n }) }, "\u2605");
    b.addEventListener("click", function () {
      chosen = n;
      starButtons.forEach(function (s, i) { s.classList.toggle("hc-on", i < n); });
    });
    starButtons.push(b);
    stars.appendChild(b);
  });
  rating.appendChild(stars);
  var ratingComment = el("textarea", { id: "hc-rating-comment", maxlength: "1000", rows: "2",
                                       placeholder: t("comment") });
  rating.appendChild(ratingComment);
  var ratingSubmit = el("button", { id: "hc-rating-submit", type: "button" }, t("submit"));
  rating.appendChild(ratingSubmit);
  var ratingThanks = el("p", { id: "hc-rating-thanks", hidden: "" }, t("thanks"));

  var composer = el("form", { id: "hc-composer", hidden: "" });
  var fileInput = el("input", { id: "hc-file", type: "file", hidden: "",
                                accept: "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain" });
  var attachBtn = el("button", { id: "hc-attach", type: "button", "aria-label": t("attach"),
                                 title: t("attach") }, "\u{1F4CE}");
  var input = el("textarea", { id: "hc-input", rows: "1", maxlength: "4000", placeholder: t("placeholder"),
                               "aria-label": t("placeholder") });
  var sendBtn = el("button", { id: "hc-send", type: "submit" }, t("send"));
  [fileInput, attachBtn, input, sendBtn].forEach(function (n) { composer.appendChild(n); });

  [header, notice, prechat, log, typing, rating, ratingThanks, composer].forEach(function (n) {
    panel.appendChild(n);
  });
  root.appendChild(launcher);
  root.appendChild(panel);

  // ---- state ----
  var session = null;          // {token, visitor_id, profile, limits}
  var ws = null;
  var wsOpen = false;
  var retryDelay = 500;
  var reconnectTimer = null;
  var shown = {};              // message id -> element
  var pendingEls = {};         // client id -> element
  var currentInteraction = null;
  var currentStatus = null;
  var unread = 0;
  var typingTimer = null;
  var lastTypingSent = 0;
  var stopTypingTimer = null;
  var lastId = 0;              // the newest message id shown on this page: a reconnect resumes after it

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }
  function isOpen() { return !panel.hidden; }
  function setBadge() {
    badge.textContent = unread > 9 ? "9+" : String(unread);
    badge.hidden = unread === 0 || isOpen();
  }

  function renderAttachments(container, attachments) {
    (attachments || []).forEach(function (a) {
      var url = safeUrl(a && a.url);
      if (!url) { return; }
      var name = String(a.name || t("attachment"));
      var link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer", className: "hc-file-link" });
      if (/^image\/(png|jpeg|gif|webp)$/.test(a.mime || "")) {
        var img = el("img", { src: url, alt: name, className: "hc-image", loading: "lazy" });
        link.appendChild(img);
      } else {
        link.textContent = "\u{1F4C4} " + name + (a.size ? " (" + formatSize(a.size) + ")" : "");
      }
      container.appendChild(link);
    });
  }

  function messageElement(direction, author) {
    var li = el("li", { className: "hc-msg hc-" + (direction === "out" ? "agent" : "visitor") });
    li.appendChild(el("span", { className: "hc-author" }, author));
    li.appendChild(el("div", { className: "hc-body" }));
    li.appendChild(el("div", { className: "hc-files" }));
    li.appendChild(el("span", { className: "hc-state" }));
    return li;
  }
  function fill(li, m) {
    li.querySelector(".hc-body").textContent = m.body || "";
    var files = li.querySelector(".hc-files");
    while (files.firstChild) { files.removeChild(files.firstChild); }
    renderAttachments(files, m.attachments);
  }
  function setState(li, text, cls) {
    var s = li.querySelector(".hc-state");
    s.textContent = text;
    s.className = "hc-state" + (cls ? " " + cls : "");
  }
  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function showMessage(m) {
    if (!m || typeof m.id !== "number" || shown[m.id]) { return; }
    var li = (m.client_id && pendingEls[m.client_id]) || null;
    if (li) {
      delete pendingEls[m.client_id];
      dropFromOutbox(m.client_id);
    } else {
      li = messageElement(m.direction, m.direction === "out" ? (m.author_name || t("agent")) : t("you"));
      log.appendChild(li);
    }
    fill(li, m);
    li.setAttribute("data-id", String(m.id));
    setState(li, m.direction === "in" ? t("sent") : "", "hc-sent");
    shown[m.id] = li;
    if (m.interaction_id) { currentInteraction = m.interaction_id; }
    if (m.id > lastId) { lastId = m.id; }
    if (m.direction === "out") {
      typing.hidden = true;
      send({ type: "delivered", id: m.id });
      if (isOpen() && document.visibilityState !== "hidden") {
        send({ type: "read", id: m.id });
      } else {
        unread += 1;
        setBadge();
      }
    }
    scrollDown();
  }

  function showPending(item) {
    var li = messageElement("in", t("you"));
    fill(li, { body: item.body, attachments: item.preview || [] });
    setState(li, t("sending"), "hc-sending");
    li.setAttribute("data-client-id", item.client_id);
    pendingEls[item.client_id] = li;
    log.appendChild(li);
    scrollDown();
  }
  function dropFromOutbox(clientId) {
    stored.outbox = stored.outbox.filter(function (x) { return x.client_id !== clientId; });
    persist();
  }

  // ---- server link ----
  function send(frame) {
    if (ws && wsOpen) {
      try { ws.send(JSON.stringify(frame)); return true; } catch (e) { return false; }
    }
    return false;
  }
  function flushOutbox() {
    stored.outbox.forEach(function (item) {
      send({ type: "message", client_id: item.client_id, body: item.body, attachments: item.attachments,
             page: location.href.slice(0, 1000) });
    });
  }

  function connect() {
    if (!session || ws) { return; }
    clearTimeout(reconnectTimer);
    var url = WS_BASE + "?token=" + encodeURIComponent(session.token) + "&since=" + lastId;
    try { ws = new WebSocket(url); } catch (e) { scheduleReconnect(); return; }
    ws.onopen = function () { wsOpen = true; retryDelay = 500; showNotice(""); };
    ws.onmessage = function (ev) {
      var frame;
      try { frame = JSON.parse(ev.data); } catch (e) { return; }
      handle(frame);
    };
    ws.onclose = function (ev) {
      var wasOpen = wsOpen;
      ws = null;
      wsOpen = false;
      if (ev.code === 4401) { session = null; stored.token = ""; persist(); start(); return; }
      if (wasOpen) { showNotice(t("offline")); }
      scheduleReconnect();
    };
  }
  function scheduleReconnect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 10000);
  }

  function handle(frame) {
    switch (frame.type) {
      case "hello":
        currentInteraction = frame.interaction_id;
        currentStatus = frame.status;
        flushOutbox();
        if ((frame.status === "closed" || frame.status === "abandoned") && !frame.rated) { showRating(); }
        if (frame.rated) { rating.hidden = true; }
        break;
      case "message":
        showMessage(frame.message);
        break;
      case "ack": {
        var li = pendingEls[frame.client_id];
        if (li) { setState(li, t("sent"), "hc-sent"); }
        dropFromOutbox(frame.client_id);
        currentInteraction = frame.interaction_id;
        if (currentStatus === "closed" || currentStatus === "abandoned") {
          currentStatus = "queued";
          rating.hidden = true;
          ratingThanks.hidden = true;
        }
        break;
      }
      case "typing":
        typing.hidden = !frame.active;
        clearTimeout(typingTimer);
        if (frame.active) { typingTimer = setTimeout(function () { typing.hidden = true; }, 8000); }
        break;
      case "status":
        if (frame.interaction_id !== currentInteraction) { break; }
        currentStatus = frame.status;
        if (frame.status === "closed" || frame.status === "abandoned") { showRating(); }
        break;
      case "rated":
        rating.hidden = true;
        ratingThanks.hidden = false;
        break;
      case "error":
        if (frame.client_id && pendingEls[frame.client_id]) {
          var bad = pendingEls[frame.client_id];
          if (frame.code === "rate_limited" || frame.code === "internal_error") {
            setState(bad, t("failed"), "hc-failed");
            setTimeout(flushOutbox, Math.max(1000, (frame.retry_after || 2) * 1000));
          } else {
            setState(bad, t("error", { reason: frame.message || frame.code }), "hc-failed");
            dropFromOutbox(frame.client_id);
          }
        } else if (frame.code !== "not_closed") {
          showNotice(t("error", { reason: frame.message || frame.code }));
        }
        break;
      default:
        break;
    }
  }

  function showRating() {
    typing.hidden = true;
    if (!ratingThanks.hidden) { return; }
    rating.hidden = false;
    chosen = 0;
    starButtons.forEach(function (s) { s.classList.remove("hc-on"); });
    scrollDown();
  }

  function request(method, path, body, contentType) {
    var headers = {};
    if (session) { headers[HEADER] = session.token; }
    if (body !== undefined) { headers["Content-Type"] = contentType || "application/json"; }
    return fetch(API + path, { method: method, headers: headers, mode: "cors", credentials: "omit",
                               body: body === undefined ? undefined
                                 : (contentType ? body : JSON.stringify(body)) })
      .then(function (r) {
        return r.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
          if (!r.ok) {
            var err = new Error((data && data.error && data.error.message) || ("HTTP " + r.status));
            err.status = r.status;
            throw err;
          }
          return data;
        });
      });
  }

  function start() {
    return request("POST", "/session", { token: stored.token || "" }).then(function (s) {
      session = s;
      stored.token = s.token;
      if (s.profile) { stored.profileDone = true; }
      persist();
      showView();
      stored.outbox.forEach(showPending);
      connect();
    }).catch(function (e) {
      showNotice(t("error", { reason: e.message }));
      setTimeout(start, 5000);
    });
  }

  function showView() {
    var needForm = !stored.profileDone;
    prechat.hidden = !needForm;
    log.hidden = needForm;
    composer.hidden = needForm;
  }

  function queueMessage(body, attachments, preview) {
    var item = { client_id: uuid(), body: body, attachments: attachments || [], preview: preview || [] };
    stored.outbox.push(item);
    persist();
    showPending(item);
    send({ type: "message", client_id: item.client_id, body: body, attachments: item.attachments,
           page: location.href.slice(0, 1000) });
  }

  // ---- events ----
  launcher.addEventListener("click", function () {
    panel.hidden = !panel.hidden;
    if (isOpen()) {
      unread = 0;
      setBadge();
      var ids = Object.keys(shown).map(Number);
      if (ids.length) { send({ type: "read", id: Math.max.apply(null, ids) }); }
      (prechat.hidden ? input : nameInput).focus();
    }
    stored.open = isOpen();
    persist();
  });
  closeBtn.addEventListener("click", function () { panel.hidden = true; stored.open = false; persist(); });

  prechat.addEventListener("submit", function (ev) {
    ev.preventDefault();
    showNotice("");
    var fields = { name: nameInput.value.trim(), email: emailInput.value.trim(), phone: phoneInput.value.trim(),
                   page: location.href.slice(0, 1000) };
    var done = function () { stored.profileDone = true; persist(); showView(); input.focus(); };
    if (!fields.name && !fields.email && !fields.phone) { done(); return; }
    startBtn.disabled = true;
    request("POST", "/profile", fields).then(done).catch(function (e) {
      showNotice(t("error", { reason: e.message }));
    }).then(function () { startBtn.disabled = false; });
  });

  composer.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var body = input.value;
    if (!body.trim()) { return; }
    input.value = "";
    sendTyping(false);
    queueMessage(body);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      composer.requestSubmit ? composer.requestSubmit() : sendBtn.click();
    }
  });
  function sendTyping(active) {
    clearTimeout(stopTypingTimer);
    if (active) {
      var now = Date.now();
      if (now - lastTypingSent > 2000) { lastTypingSent = now; send({ type: "typing", active: true }); }
      stopTypingTimer = setTimeout(function () { sendTyping(false); }, 3000);
    } else if (lastTypingSent) {
      lastTypingSent = 0;
      send({ type: "typing", active: false });
    }
  }
  input.addEventListener("input", function () { sendTyping(input.value.length > 0); });

  attachBtn.addEventListener("click", function () { fileInput.click(); });
  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (!file || !session) { return; }
    showNotice("");
    var limits = session.limits || {};
    if (limits.max_attachment_bytes && file.size > limits.max_attachment_bytes) {
      showNotice(t("tooBig", { size: formatSize(limits.max_attachment_bytes) }));
      return;
    }
    if (file.type && limits.allowed_types && limits.allowed_types.indexOf(file.type) < 0) {
      showNotice(t("badType"));
      return;
    }
    request("POST", "/attachments?name=" + encodeURIComponent(file.name), file,
            file.type || "application/octet-stream")
      .then(function (att) {
        queueMessage("", [att.id], [{ name: att.name, mime: att.mime, size: att.size, url: att.url }]);
      })
      .catch(function (e) { showNotice(t("uploadFailed", { reason: e.message })); });
  });

  ratingSubmit.addEventListener("click", function () {
    if (!chosen || !currentInteraction) { return; }
    var frame = { type: "rate", interaction_id: currentInteraction, score: chosen,
                  comment: ratingComment.value.slice(0, 1000) };
    if (!send(frame)) {
      request("POST", "/rating", frame).then(function () { handle({ type: "rated" }); })
        .catch(function (e) { showNotice(t("error", { reason: e.message })); });
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && isOpen()) {
      var ids = Object.keys(shown).map(Number);
      if (ids.length) { send({ type: "read", id: Math.max.apply(null, ids) }); }
    }
  });

  function mount() {
    document.head.appendChild(css);
    document.body.appendChild(root);
    if (stored.open) { panel.hidden = false; }
    start();
  }
  window.HuitongChat = { open: function () { if (!isOpen()) { launcher.click(); } } };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
