/*
 * Salon — live chat client (stand pages and the professionals' console).
 *
 * Plain ES2017, no build step, no globals. Needs the socket.io-client 4.x
 * bundle (global `io`) loaded before it, both with `defer`.
 * User data is only ever written with textContent / createElement.
 *
 * Translated strings come from <script type="application/json" id="salon-i18n">,
 * a JSON object built by the server with gettext (see static/js/I18N-KEYS.md).
 * Placeholders use Python's syntax: %(num)d, %(names)s; "%%" is a literal "%".
 * Keys and French defaults (used when a key is missing):
 *
 *   connecting         Connexion à la discussion…
 *   reconnecting       Connexion perdue. Reconnexion en cours…
 *   connect_error      Impossible de joindre le serveur pour l'instant. Nouvel essai automatique…
 *   connect_refused    La discussion vous est fermée : votre session a peut-être expiré. Reconnectez-vous, puis rechargez la page.
 *   disconnected       La discussion a été fermée par le serveur. Rechargez la page pour la rejoindre à nouveau.
 *   unavailable        La discussion en direct n'a pas pu être chargée. Rechargez la page.
 *   join_failed        Impossible de rejoindre cette discussion.
 *   sending            Envoi…
 *   send_retrying      Connexion instable, nouvel essai d'envoi…
 *   send_failed        Votre message n'a pas pu être envoyé. Vérifiez votre connexion, puis réessayez.
 *   send_refused       Votre message a été refusé.
 *   redacted           (certaines informations ont été masquées)
 *   anonymous          Anonyme
 *   staff_online_none  Aucun professionnel en ligne pour l'instant.
 *   staff_online_one   %(num)d professionnel en ligne : %(names)s
 *   staff_online_many  %(num)d professionnels en ligne : %(names)s
 *   visitors_one       %(num)d visiteur connecté
 *   visitors_many      %(num)d visiteurs connectés
 *   role_pupil         Élève
 *   role_teacher       Enseignant·e
 *   role_professional  Professionnel·le
 *   role_cfa           CFA
 *   role_organiser     Organisation
 *   role_other         Participant·e
 */
(function () {
  "use strict";

  var DEFAULT_STRINGS = {
    connecting: "Connexion à la discussion…",
    reconnecting: "Connexion perdue. Reconnexion en cours…",
    connect_error: "Impossible de joindre le serveur pour l'instant. Nouvel essai automatique…",
    connect_refused:
      "La discussion vous est fermée : votre session a peut-être expiré. Reconnectez-vous, puis rechargez la page.",
    disconnected: "La discussion a été fermée par le serveur. Rechargez la page pour la rejoindre à nouveau.",
    unavailable: "La discussion en direct n'a pas pu être chargée. Rechargez la page.",
    join_failed: "Impossible de rejoindre cette discussion.",
    sending: "Envoi…",
    send_retrying: "Connexion instable, nouvel essai d'envoi…",
    send_failed: "Votre message n'a pas pu être envoyé. Vérifiez votre connexion, puis réessayez.",
    send_refused: "Votre message a été refusé.",
    redacted: "(certaines informations ont été masquées)",
    anonymous: "Anonyme",
    staff_online_none: "Aucun professionnel en ligne pour l'instant.",
    staff_online_one: "%(num)d professionnel en ligne : %(names)s",
    staff_online_many: "%(num)d professionnels en ligne : %(names)s",
    visitors_one: "%(num)d visiteur connecté",
    visitors_many: "%(num)d visiteurs connectés",
    role_pupil: "Élève",
    role_teacher: "Enseignant·e",
    role_professional: "Professionnel·le",
    role_cfa: "CFA",
    role_organiser: "Organisation",
    role_other: "Participant·e"
  };

  var ROLES = ["pupil", "teacher", "professional", "cfa", "organiser"];
  var JOIN_TIMEOUT_MS = 10000;
  var JOIN_RETRY_MS = 3000;
  var SEND_TIMEOUT_MS = 8000;
  var SEND_RETRY_MS = 2000;
  var MAX_SEND_ATTEMPTS = 10;
  var MAX_RESYNC_STREAK = 3; // give up filling a hole after this many fruitless re-joins
  var NEAR_BOTTOM_PX = 80;

  var hasOwn = Object.prototype.hasOwnProperty;

  /* ---------- Strings ---------- */

  function readStrings() {
    var node = document.getElementById("salon-i18n");
    if (!node) {
      return {};
    }
    try {
      var parsed = JSON.parse(node.textContent || "{}");
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (e) {
      return {};
    }
  }

  var strings = readStrings();

  function t(key, vars) {
    var s = hasOwn.call(strings, key) && typeof strings[key] === "string" ? strings[key] : DEFAULT_STRINGS[key];
    if (typeof s !== "string") {
      return "";
    }
    return s.replace(/%(?:\((\w+)\)[sdi]|%)/g, function (match, name) {
      if (!name) {
        return "%";
      }
      return vars && hasOwn.call(vars, name) ? String(vars[name]) : match;
    });
  }

  /* ---------- Small DOM helpers ---------- */

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text !== undefined && text !== null) {
      el.textContent = text;
    }
    return el;
  }

  function setText(el, text) {
    // Only touch live regions when the text really changes, to avoid repeated announcements.
    if (el && el.textContent !== text) {
      el.textContent = text;
    }
  }

  function pad2(n) {
    return n < 10 ? "0" + n : String(n);
  }

  function parseTs(ts) {
    var d = null;
    if (typeof ts === "number" && isFinite(ts)) {
      d = new Date(ts < 1e12 ? ts * 1000 : ts); // seconds or milliseconds
    } else if (typeof ts === "string" && ts) {
      d = new Date(ts);
    }
    return d && !isNaN(d.getTime()) ? d : null;
  }

  function newClientId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") {
      try {
        return c.randomUUID();
      } catch (e) {
        // randomUUID is missing or throws outside secure contexts: fall through.
      }
    }
    var bytes = new Uint8Array(16);
    if (c && typeof c.getRandomValues === "function") {
      c.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    var hex = "";
    for (var j = 0; j < bytes.length; j++) {
      hex += (bytes[j] < 16 ? "0" : "") + bytes[j].toString(16);
    }
    return hex;
  }

  /* ---------- Panels ---------- */

  var panels = Object.create(null); // room name -> panel
  var panelList = [];

  Array.prototype.forEach.call(document.querySelectorAll(".chat[data-room]"), function (root) {
    var room = root.getAttribute("data-room");
    var log = root.querySelector("[data-log]");
    if (!room || !log || panels[room]) {
      return;
    }
    var form = root.querySelector("[data-form]");
    var panel = {
      room: room,
      root: root,
      log: log,
      presence: root.querySelector("[data-presence]"),
      status: root.querySelector("[data-status]"),
      error: root.querySelector("[data-error]"),
      empty: root.querySelector("[data-empty]"),
      form: form,
      textarea: form ? form.querySelector("textarea") : null,
      lastSeq: 0, // every message up to this seq is rendered (or known to be gone)
      maxSeq: 0, // highest seq rendered
      rendered: Object.create(null), // seq -> true
      joined: false,
      joinedOnce: false,
      joining: false,
      joinGen: 0,
      joinTimer: null,
      resyncStreak: 0,
      errorFromJoin: false,
      outbox: Object.create(null), // client_id -> pending send
      lastFailed: null // {text, clientId} of the last message that could not be sent
    };
    panels[room] = panel;
    panelList.push(panel);
  });

  // The hall and the other pages have no chat panel: no socket at all.
  if (panelList.length === 0) {
    return;
  }

  function showError(panel, text, fromJoin) {
    if (!panel.error) {
      return;
    }
    panel.errorFromJoin = !!fromJoin;
    setText(panel.error, text);
    panel.error.hidden = false;
  }

  function hideError(panel) {
    if (!panel.error) {
      return;
    }
    panel.errorFromJoin = false;
    panel.error.hidden = true;
    setText(panel.error, "");
  }

  function setStatus(panel, text) {
    setText(panel.status, text);
  }

  function eachPanel(fn) {
    panelList.forEach(fn);
  }

  if (typeof window.io !== "function") {
    eachPanel(function (panel) {
      showError(panel, t("unavailable"));
    });
    return;
  }

  /* ---------- Socket ---------- */

  var socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });

  function emitWithTimeout(event, payload, ms, callback) {
    if (typeof socket.timeout === "function") {
      socket.timeout(ms).emit(event, payload, callback);
      return;
    }
    // socket.io-client < 4.4 has no .timeout(): same contract, by hand.
    var done = false;
    var timer = setTimeout(function () {
      if (!done) {
        done = true;
        callback(new Error("operation has timed out"));
      }
    }, ms);
    socket.emit(event, payload, function (ack) {
      if (!done) {
        done = true;
        clearTimeout(timer);
        callback(null, ack);
      }
    });
  }

  /* ---------- Rendering ---------- */

  function isNearBottom(log) {
    return log.scrollHeight - log.scrollTop - log.clientHeight < NEAR_BOTTOM_PX;
  }

  function scrollToBottom(panel) {
    panel.log.scrollTop = panel.log.scrollHeight;
  }

  function updateEmpty(panel) {
    if (panel.empty) {
      panel.empty.hidden = !(panel.joinedOnce && panel.log.children.length === 0);
    }
  }

  function normaliseMessage(m) {
    if (!m || typeof m !== "object") {
      return null;
    }
    var seq = Number(m.seq);
    if (!(seq > 0) || Math.floor(seq) !== seq) {
      return null;
    }
    m.seq = seq;
    return m;
  }

  function buildMessage(m) {
    var author = m.author && typeof m.author === "object" ? m.author : {};
    var role = ROLES.indexOf(author.role) >= 0 ? author.role : "other";

    var li = make("li", "msg");
    li.setAttribute("data-seq", String(m.seq));
    li.setAttribute("data-role", role);

    var meta = make("p", "msg-meta");
    meta.appendChild(make("strong", "msg-author", typeof author.name === "string" && author.name ? author.name : t("anonymous")));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(make("span", "msg-role", t("role_" + role)));
    var date = parseTs(m.ts);
    if (date) {
      meta.appendChild(document.createTextNode(" "));
      var time = make("time", "msg-time", pad2(date.getHours()) + ":" + pad2(date.getMinutes()));
      time.setAttribute("datetime", typeof m.ts === "string" ? m.ts : date.toISOString());
      meta.appendChild(time);
    }
    li.appendChild(meta);

    li.appendChild(make("p", "msg-text", typeof m.text === "string" ? m.text : ""));
    if (m.redacted) {
      li.appendChild(make("p", "msg-note", t("redacted")));
    }
    return li;
  }

  // Inserts a message at its place in seq order (pending messages always stay last).
  function insertMessage(panel, m) {
    if (panel.rendered[m.seq]) {
      return false;
    }
    panel.rendered[m.seq] = true;
    if (m.seq > panel.maxSeq) {
      panel.maxSeq = m.seq;
    }
    if (typeof m.client_id === "string" && hasOwn.call(panel.outbox, m.client_id)) {
      finishSend(panel, panel.outbox[m.client_id]);
    }
    var li = buildMessage(m);
    var ref = null;
    var node = panel.log.lastElementChild;
    while (node) {
      if (node.classList.contains("pending") || Number(node.getAttribute("data-seq")) > m.seq) {
        ref = node;
        node = node.previousElementSibling;
      } else {
        break;
      }
    }
    panel.log.insertBefore(li, ref);
    return true;
  }

  function advance(panel) {
    while (panel.rendered[panel.lastSeq + 1]) {
      panel.lastSeq += 1;
    }
  }

  // Something is missing between lastSeq and maxSeq: ask the server again.
  function checkGap(panel) {
    if (panel.maxSeq <= panel.lastSeq) {
      panel.resyncStreak = 0;
      return;
    }
    if (panel.joining) {
      return; // the ack of the join in flight calls checkGap again
    }
    if (panel.resyncStreak >= MAX_RESYNC_STREAK) {
      // The server keeps not sending these seqs (deleted messages?): stop asking.
      panel.lastSeq = panel.maxSeq;
      panel.resyncStreak = 0;
      return;
    }
    panel.resyncStreak += 1;
    join(panel);
  }

  function onIncoming(panel, raw) {
    var m = normaliseMessage(raw);
    if (!m) {
      return;
    }
    if (panel.rendered[m.seq]) {
      if (typeof m.client_id === "string" && hasOwn.call(panel.outbox, m.client_id)) {
        finishSend(panel, panel.outbox[m.client_id]);
      }
      return;
    }
    var own = typeof m.client_id === "string" && hasOwn.call(panel.outbox, m.client_id);
    var stick = own || isNearBottom(panel.log);
    insertMessage(panel, m);
    updateEmpty(panel);
    if (stick) {
      scrollToBottom(panel);
    }
    if (!panel.joined) {
      return; // the join in flight fills whatever came before
    }
    advance(panel);
    checkGap(panel);
  }

  /* ---------- Joining a room ---------- */

  function scheduleJoin(panel) {
    if (panel.joinTimer) {
      clearTimeout(panel.joinTimer);
    }
    panel.joinTimer = setTimeout(function () {
      panel.joinTimer = null;
      join(panel);
    }, JOIN_RETRY_MS);
  }

  function join(panel) {
    if (panel.joinTimer) {
      clearTimeout(panel.joinTimer);
      panel.joinTimer = null;
    }
    if (!socket.connected) {
      return; // the next "connect" joins again
    }
    var since = panel.lastSeq;
    var payload = { room: panel.room };
    if (since > 0) {
      payload.since = since;
    }
    panel.joinGen += 1;
    var gen = panel.joinGen;
    panel.joining = true;
    emitWithTimeout("room:join", payload, JOIN_TIMEOUT_MS, function (err, ack) {
      if (gen !== panel.joinGen) {
        return; // superseded by a newer join
      }
      panel.joining = false;
      if (err) {
        panel.joined = false;
        scheduleJoin(panel);
        return;
      }
      if (!ack || ack.ok !== true) {
        panel.joined = false;
        var msg = ack && ack.error && typeof ack.error.message === "string" ? ack.error.message : "";
        showError(panel, msg || t("join_failed"), true);
        return;
      }
      onJoined(panel, since, ack);
    });
  }

  function onJoined(panel, since, ack) {
    var first = !panel.joinedOnce;
    panel.joined = true;
    panel.joinedOnce = true;
    if (panel.errorFromJoin) {
      hideError(panel);
    }

    var list = (Array.isArray(ack.messages) ? ack.messages : []).map(normaliseMessage).filter(Boolean);
    list.sort(function (a, b) {
      return a.seq - b.seq;
    });

    var stick = first || isNearBottom(panel.log);
    var fresh = list.filter(function (m) {
      return !panel.rendered[m.seq];
    });
    // Do not read a whole backlog aloud: mute the live region while it is inserted.
    var mute = fresh.length > 1;
    if (mute) {
      panel.log.setAttribute("aria-live", "off");
    }
    var top = since;
    list.forEach(function (m) {
      if (m.seq > top) {
        top = m.seq;
      }
      insertMessage(panel, m);
    });
    if (mute) {
      setTimeout(function () {
        panel.log.setAttribute("aria-live", "polite");
      }, 500);
    }
    updateEmpty(panel);
    if (stick) {
      scrollToBottom(panel);
    }

    var serverLast = typeof ack.last_seq === "number" ? ack.last_seq : top;
    if (top > panel.lastSeq) {
      panel.lastSeq = top;
    }
    if (list.length > 0 && serverLast > top && top > since) {
      join(panel); // the server sent one page of several: ask for the next one
      return;
    }
    if (serverLast > panel.lastSeq) {
      panel.lastSeq = serverLast;
    }
    advance(panel);
    checkGap(panel);
  }

  /* ---------- Sending ---------- */

  function setPendingStatus(item, text) {
    setText(item.statusEl, text);
  }

  function buildPending(item) {
    var li = make("li", "msg pending");
    li.setAttribute("data-role", "self");
    var meta = make("p", "msg-meta");
    item.statusEl = make("span", "msg-status", t("sending"));
    meta.appendChild(item.statusEl);
    li.appendChild(meta);
    li.appendChild(make("p", "msg-text", item.text));
    item.el = li;
  }

  function finishSend(panel, item) {
    if (!item || item.done) {
      return;
    }
    item.done = true;
    if (item.timer) {
      clearTimeout(item.timer);
      item.timer = null;
    }
    if (item.el && item.el.parentNode) {
      item.el.parentNode.removeChild(item.el);
    }
    delete panel.outbox[item.clientId];
    updateEmpty(panel);
  }

  function restoreText(panel, text) {
    if (!panel.textarea) {
      return;
    }
    var current = panel.textarea.value;
    panel.textarea.value = current.trim() ? text + "\n" + current : text;
  }

  function failSend(panel, item) {
    finishSend(panel, item);
    panel.lastFailed = { text: item.text, clientId: item.clientId };
    showError(panel, t("send_failed"));
    restoreText(panel, item.text);
  }

  function retryLater(panel, item) {
    if (item.done) {
      return;
    }
    if (item.attempts >= MAX_SEND_ATTEMPTS) {
      failSend(panel, item);
      return;
    }
    setPendingStatus(item, t("send_retrying"));
    item.timer = setTimeout(function () {
      attemptSend(panel, item);
    }, SEND_RETRY_MS);
  }

  function attemptSend(panel, item) {
    item.timer = null;
    if (item.done) {
      return;
    }
    item.attempts += 1;
    if (!socket.connected) {
      retryLater(panel, item);
      return;
    }
    var payload = { room: panel.room, text: item.text, client_id: item.clientId };
    emitWithTimeout("chat:send", payload, SEND_TIMEOUT_MS, function (err, ack) {
      if (item.done) {
        return;
      }
      if (err) {
        retryLater(panel, item);
        return;
      }
      if (ack && ack.ok === true) {
        finishSend(panel, item);
        if (ack.message) {
          onIncoming(panel, ack.message);
        }
        return;
      }
      finishSend(panel, item);
      var msg = ack && ack.error && typeof ack.error.message === "string" ? ack.error.message : "";
      showError(panel, msg || t("send_refused"));
      restoreText(panel, item.text);
    });
  }

  function submit(panel) {
    if (!panel.textarea) {
      return;
    }
    var text = panel.textarea.value.trim();
    if (!text) {
      return;
    }
    hideError(panel);
    // Sending again the text that just failed reuses its client_id: the server
    // recognises it if the first try did arrive after all.
    var clientId =
      panel.lastFailed && panel.lastFailed.text === text ? panel.lastFailed.clientId : newClientId();
    panel.lastFailed = null;
    if (hasOwn.call(panel.outbox, clientId)) {
      return;
    }
    var item = { clientId: clientId, text: text, attempts: 0, timer: null, done: false, el: null, statusEl: null };
    buildPending(item);
    panel.outbox[clientId] = item;
    panel.log.appendChild(item.el);
    updateEmpty(panel);
    scrollToBottom(panel);
    panel.textarea.value = "";
    attemptSend(panel, item);
  }

  /* ---------- Presence ---------- */

  function onPresence(panel, p) {
    if (!panel.presence) {
      return;
    }
    var staff = Array.isArray(p.staff_online) ? p.staff_online : [];
    var names = staff
      .map(function (s) {
        return s && typeof s.name === "string" ? s.name : "";
      })
      .filter(Boolean)
      .join(", ");
    var parts = [];
    if (staff.length === 0) {
      parts.push(t("staff_online_none"));
    } else {
      parts.push(t(staff.length === 1 ? "staff_online_one" : "staff_online_many", { num: staff.length, names: names }));
    }
    if (typeof p.visitors === "number" && isFinite(p.visitors)) {
      parts.push(t(p.visitors <= 1 ? "visitors_one" : "visitors_many", { num: p.visitors }));
    }
    setText(panel.presence, parts.join(" · "));
  }

  /* ---------- Wiring ---------- */

  eachPanel(function (panel) {
    setStatus(panel, t("connecting"));
    if (!panel.form || !panel.textarea) {
      return;
    }
    panel.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      submit(panel);
    });
    panel.textarea.addEventListener("keydown", function (ev) {
      if ((ev.key === "Enter" || ev.keyCode === 13) && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
        ev.preventDefault();
        submit(panel);
      }
    });
    panel.form.hidden = false;
  });

  socket.on("connect", function () {
    eachPanel(function (panel) {
      setStatus(panel, "");
      join(panel);
      // Messages waiting for a retry go now rather than at their next tick.
      Object.keys(panel.outbox).forEach(function (id) {
        var item = panel.outbox[id];
        if (item.timer) {
          clearTimeout(item.timer);
          attemptSend(panel, item);
        }
      });
    });
  });

  socket.on("disconnect", function (reason) {
    eachPanel(function (panel) {
      panel.joined = false;
      panel.joining = false;
      panel.joinGen += 1; // acks of the old connection will not come
      if (reason === "io server disconnect") {
        setStatus(panel, "");
        showError(panel, t("disconnected"));
      } else {
        setStatus(panel, t("reconnecting"));
      }
    });
  });

  socket.on("connect_error", function () {
    // socket.active is false when the server refused the connection (e.g. not logged in):
    // socket.io will not try again by itself.
    var refused = socket.active === false;
    eachPanel(function (panel) {
      if (refused) {
        setStatus(panel, "");
        showError(panel, t("connect_refused"));
      } else {
        setStatus(panel, t("connect_error"));
      }
    });
  });

  socket.on("chat:message", function (m) {
    if (m && typeof m.room === "string" && panels[m.room]) {
      onIncoming(panels[m.room], m);
    }
  });

  socket.on("presence", function (p) {
    if (p && typeof p.room === "string" && panels[p.room]) {
      onPresence(panels[p.room], p);
    }
  });
})();
