/*
 * Salon — live chat client (stand pages, private questions and the professionals' console).
 *
 * Plain ES2017, no build step. Needs static/js/salon-dom.js (global `SalonDom`, the shared
 * helpers) and the socket.io-client 4.x bundle (global `io`) loaded before it, all with `defer`.
 * User data is only ever written with textContent / createElement.
 *
 * What it drives:
 *   - every `.chat[data-room]` panel in the page (rendered by chat/_panel.html): join with
 *     `since` after each reconnect, gap detection, sends retried with the same client_id,
 *     presence, hidden messages (tombstones), per-message actions (report; hide/show and mute
 *     when the panel has data-can-moderate="true"), `room:read` (at most every 2 s per room,
 *     only while the panel is on screen in a visible page), the `queue` line of a pupil's
 *     private question ([data-queue]);
 *   - the "ask a private question" button ([data-open-thread][data-stand-id]): `thread:open`,
 *     then a panel cloned from <template id="chat-panel-template">.
 *
 * The only global it defines, for static/js/console.js (loaded after it):
 *
 *   window.SalonChat = {
 *     socket                         the Socket.IO socket, or null when the client could not start
 *     t(key, vars)                   a translated string (see "Strings" below)
 *     defaults(object)               adds French fallbacks for another script's keys
 *     emit(event, payload, cb, ms)   emits with an ack timeout (default 8 s); cb(err, ack)
 *     openPanel(room, title, container, options)
 *                                    shows the panel of `room` (adopting a `.chat[data-room]` already
 *                                    in the page, or cloning the template into `container`) and
 *                                    joins the room if needed; `title` (optional) replaces the heading;
 *                                    options: {focus: bool}. Returns the panel ({room, root}) or null.
 *     panel(room)                    the panel of `room`, or null
 *     on(name, fn)                   "message": fn(room, message) for each message newly shown;
 *                                    "read": fn(room, seq) when room:read is sent for a room
 *   }
 *
 * Translated strings come from <script type="application/json" id="salon-i18n">,
 * a JSON object built by the server with gettext (see static/js/I18N-KEYS.md).
 * Placeholders use Python's syntax: %(num)d, %(names)s; "%%" is a literal "%".
 * Keys and French defaults (used when a key is missing): see DEFAULT_STRINGS below,
 * listed with the same texts in static/js/I18N-KEYS.md.
 */
(function () {
  "use strict";

  var D = window.SalonDom;
  if (!D) {
    return;
  }

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
    staff_online_none: "Personne en ligne : laissez une question, un professionnel répondra plus tard",
    staff_online_one: "%(num)d professionnel en ligne — réponse en direct",
    staff_online_many: "%(num)d professionnels en ligne — réponse en direct",
    staff_names: "En ligne : %(names)s",
    visitors_one: "%(num)d visiteur dans la discussion",
    visitors_many: "%(num)d visiteurs dans la discussion",
    // role_<key>: the role labels, SalonDom.ROLE_LABELS (static/js/salon-dom.js)
    // Moderation
    hidden_tombstone: "Message masqué par la modération",
    hidden_badge: "masqué",
    held_note: "En attente de relecture par un modérateur",
    report: "Signaler",
    report_label: "Signaler le message de %(name)s",
    reported: "Signalé, merci",
    hide: "Masquer",
    hide_label: "Masquer le message de %(name)s",
    unhide: "Afficher",
    unhide_label: "Afficher le message de %(name)s",
    mute: "Mettre en sourdine 15 min",
    mute_label: "Mettre en sourdine 15 min : %(name)s",
    muted_until: "%(name)s est en sourdine jusqu'à %(time)s.",
    muted_done: "%(name)s est en sourdine.",
    action_failed: "L'action n'a pas abouti. Vérifiez votre connexion, puis réessayez.",
    // Private questions
    thread_open_failed: "Impossible d'ouvrir votre question privée pour l'instant. Réessayez dans un moment.",
    queue_position_one: "Vous êtes n° %(position)d dans la file d'attente (%(waiting)d question en attente)",
    queue_position_many: "Vous êtes n° %(position)d dans la file d'attente (%(waiting)d questions en attente)",
    queue_estimate: "Réponse estimée dans environ %(minutes)d min",
    queue_no_estimate: "Pas encore d'estimation du temps d'attente",
    queue_no_staff:
      "Personne de l'équipe n'est en ligne : votre question attendra. Pour lire la réponse, revenez plus tard, " +
      "ici ou sur un autre ordinateur, avec votre code de retour (« Mon code de retour » dans le menu) ; avec " +
      "le code de classe, vous auriez un nouveau pseudonyme, sans cette question.",
    queue_taken: "%(name)s a pris votre question en charge et va vous répondre ici."
  };

  var JOIN_TIMEOUT_MS = 10000;
  var JOIN_RETRY_MS = 3000;
  var SEND_TIMEOUT_MS = 8000;
  var SEND_RETRY_MS = 2000;
  var MAX_SEND_ATTEMPTS = 10;
  var MAX_RESYNC_STREAK = 3; // give up filling a hole after this many fruitless re-joins
  var NEAR_BOTTOM_PX = 80;
  var ACTION_TIMEOUT_MS = 8000;
  var READ_INTERVAL_MS = 2000; // room:read at most once per 2 s per room
  var NOTICE_MS = 6000;
  var MUTE_MINUTES = 15;

  var hasOwn = Object.prototype.hasOwnProperty;

  /* ---------- Strings ---------- */

  var t = D.translator(DEFAULT_STRINGS);

  function addDefaults(more) {
    if (!more || typeof more !== "object") {
      return;
    }
    Object.keys(more).forEach(function (key) {
      if (!hasOwn.call(DEFAULT_STRINGS, key) && typeof more[key] === "string") {
        DEFAULT_STRINGS[key] = more[key];
      }
    });
  }

  /* ---------- Small helpers (static/js/salon-dom.js) ---------- */

  var make = D.make;
  var setText = D.setText;
  var parseTs = D.parseTs;
  var hhmm = D.hhmm;
  var isId = D.isId;
  var ackError = D.ackError;

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

  var SVG_NS = "http://www.w3.org/2000/svg";

  // An icon of the sprite (static/vendor/icons.svg), decorative: the text next to it says the same.
  function icon(name) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var use = document.createElementNS(SVG_NS, "use");
    use.setAttribute("href", "/static/vendor/icons.svg#" + name);
    svg.appendChild(use);
    return svg;
  }

  /* ---------- Hooks and public API ---------- */

  var hooks = { message: [], read: [] };

  function on(name, fn) {
    if (hasOwn.call(hooks, name) && typeof fn === "function") {
      hooks[name].push(fn);
    }
  }

  function fire(name, a, b) {
    hooks[name].forEach(function (fn) {
      try {
        fn(a, b);
      } catch (e) {
        // A listener's fault must not break the chat.
        if (window.console && console.error) {
          console.error(e);
        }
      }
    });
  }

  var socket = null;

  var api = {
    socket: null,
    t: t,
    defaults: addDefaults,
    emit: function (event, payload, callback, ms) {
      if (!socket) {
        if (typeof callback === "function") {
          callback(new Error("no socket"));
        }
        return;
      }
      emitWithTimeout(event, payload, ms || ACTION_TIMEOUT_MS, typeof callback === "function" ? callback : function () {});
    },
    openPanel: openPanel,
    icon: icon,
    panel: function (room) {
      return hasOwn.call(panels, room) ? panels[room] : null;
    },
    on: on
  };
  window.SalonChat = api;

  /* ---------- Panels ---------- */

  var panels = Object.create(null); // room name -> panel
  var panelList = [];
  var queueCache = Object.create(null); // room -> last `queue` payload (it may come before the panel)

  function registerPanel(root) {
    var room = root.getAttribute("data-room");
    var log = root.querySelector("[data-log]");
    if (!room || !log || panels[room]) {
      return null;
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
      queue: root.querySelector("[data-queue]"),
      form: form,
      textarea: form ? form.querySelector("textarea") : null,
      canModerate: root.getAttribute("data-can-moderate") === "true",
      userId: root.getAttribute("data-user-id") || "",
      lastSeq: 0, // every message up to this seq is rendered (or known to be gone)
      maxSeq: 0, // highest seq rendered
      rendered: Object.create(null), // seq -> true
      byId: Object.create(null), // message id -> {m, li}
      sent: Object.create(null), // client_ids sent from this page
      reported: Object.create(null), // message ids reported from this page
      joined: false,
      joinedOnce: false,
      joining: false,
      joinGen: 0,
      joinTimer: null,
      resyncStreak: 0,
      errorFromJoin: false,
      outbox: Object.create(null), // client_id -> pending send
      lastFailed: null, // {text, clientId} of the last message that could not be sent
      readSeq: 0, // highest seq sent with room:read
      lastReadAt: 0,
      readTimer: null,
      inView: true,
      noticeTimer: null,
      queueKey: "",
      presenceKey: "",
      active: false
    };
    panels[room] = panel;
    panelList.push(panel);
    return panel;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".chat[data-room]"), registerPanel);

  var openers = document.querySelectorAll("[data-open-thread]");

  // The hall and the other pages have no chat: no socket at all.
  if (panelList.length === 0 && openers.length === 0 && !document.querySelector("[data-console]")) {
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
    if (panel.noticeTimer) {
      clearTimeout(panel.noticeTimer);
      panel.noticeTimer = null;
    }
    setText(panel.status, text);
  }

  // A short confirmation in the panel's status line (role="status"), cleared after a while.
  function notice(panel, text) {
    setStatus(panel, text);
    panel.noticeTimer = setTimeout(function () {
      panel.noticeTimer = null;
      if (panel.status && panel.status.textContent === text) {
        setText(panel.status, "");
      }
    }, NOTICE_MS);
  }

  function eachPanel(fn) {
    panelList.slice().forEach(fn);
  }

  if (typeof window.io !== "function") {
    eachPanel(function (panel) {
      showError(panel, t("unavailable"));
    });
    Array.prototype.forEach.call(openers, function (btn) {
      var section = btn.closest("[data-thread-section]");
      var error = section ? section.querySelector("[data-thread-error]") : null;
      if (error) {
        setText(error, t("unavailable"));
        error.hidden = false;
      }
    });
    return;
  }

  /* ---------- Socket ---------- */

  socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });
  api.socket = socket;
  window.SalonSocket = socket; // static/js/reminders.js listens on it

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

  function authorOf(m) {
    return m.author && typeof m.author === "object" ? m.author : {};
  }

  function roleOf(author) {
    return D.roleKey(author);
  }

  function nameOf(author) {
    return typeof author.name === "string" && author.name ? author.name : t("anonymous");
  }

  function isOwn(panel, m) {
    var author = authorOf(m);
    if (panel.userId && author.id !== undefined && author.id !== null && String(author.id) === panel.userId) {
      return true;
    }
    return typeof m.client_id === "string" && panel.sent[m.client_id] === true;
  }

  function actionButton(action, text, label) {
    var b = make("button", "msg-action", text);
    b.type = "button";
    b.setAttribute("data-action", action);
    if (label) {
      b.setAttribute("aria-label", label);
    }
    return b;
  }

  function buildActions(panel, m) {
    if (!isId(m.id) || m.held) {
      return null;
    }
    var author = authorOf(m);
    var name = nameOf(author);
    var own = isOwn(panel, m);
    var box = make("div", "msg-actions");
    if (!panel.canModerate && !own && !m.hidden) {
      var report = actionButton("report", t("report"), t("report_label", { name: name }));
      if (panel.reported[m.id]) {
        report.textContent = t("reported");
        report.removeAttribute("aria-label");
        report.setAttribute("aria-disabled", "true");
        report.classList.add("is-done");
      }
      box.appendChild(report);
    }
    if (panel.canModerate) {
      box.appendChild(
        m.hidden
          ? actionButton("hide", t("unhide"), t("unhide_label", { name: name }))
          : actionButton("hide", t("hide"), t("hide_label", { name: name }))
      );
      // Staff, organisers and teachers cannot be muted by staff: only pupils' messages offer it.
      if (!own && roleOf(author) === "pupil" && isId(author.id)) {
        box.appendChild(actionButton("mute", t("mute"), t("mute_label", { name: name })));
      }
    }
    return box.children.length ? box : null;
  }

  function buildMessage(panel, m) {
    var author = authorOf(m);
    var role = roleOf(author);

    var li = make("li", "msg");
    if (m.seq > 0) {
      li.setAttribute("data-seq", String(m.seq));
    }
    if (isId(m.id)) {
      li.setAttribute("data-id", String(m.id));
    }
    li.setAttribute("data-role", role);

    var meta = make("p", "msg-meta");
    meta.appendChild(make("strong", "msg-author", nameOf(author)));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(make("span", "msg-role", D.roleLabel(author, t)));
    var date = parseTs(m.ts);
    if (date) {
      meta.appendChild(document.createTextNode(" "));
      var time = make("time", "msg-time", hhmm(date));
      time.setAttribute("datetime", typeof m.ts === "string" ? m.ts : date.toISOString());
      meta.appendChild(time);
    }
    li.appendChild(meta);

    D.appendMessageText(li, meta, m, t); // text, or tombstone; hidden badge; redacted note
    if (m.held) {
      li.classList.add("held");
      li.appendChild(make("p", "msg-note msg-held", t("held_note")));
    }
    var actions = buildActions(panel, m);
    if (actions) {
      li.appendChild(actions);
    }
    return li;
  }

  // Replaces the rendered message `entry` by `m`, keeping the keyboard focus on the same action.
  function replaceRendered(panel, entry, m) {
    var li = buildMessage(panel, m);
    var active = document.activeElement;
    var refocus = null;
    if (active && entry.li.contains(active)) {
      refocus = active.getAttribute("data-action") || "";
    }
    if (entry.li.parentNode) {
      entry.li.parentNode.replaceChild(li, entry.li);
    }
    entry.li = li;
    entry.m = m;
    if (refocus !== null) {
      var target = refocus ? li.querySelector('[data-action="' + refocus + '"]') : null;
      (target || panel.log).focus();
    }
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
    var known = isId(m.id) && panel.byId[m.id] ? panel.byId[m.id] : null;
    if (known) {
      // Shown before its seq was known (a held message of our own): keep our copy of the text.
      if (known.m.held && m.hidden && !m.text) {
        m.text = known.m.text;
        m.held = true;
      }
      replaceRendered(panel, known, m);
      fire("message", panel.room, m);
      return true;
    }
    var li = buildMessage(panel, m);
    if (isId(m.id)) {
      panel.byId[m.id] = { m: m, li: li };
    }
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
    fire("message", panel.room, m);
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
    scheduleRead(panel);
  }

  // A held message of our own without a seq: shown at the end, replaced if its seq ever comes.
  function showHeldWithoutSeq(panel, m) {
    if (!isId(m.id) || panel.byId[m.id]) {
      return;
    }
    var li = buildMessage(panel, m);
    li.setAttribute("data-seq", String(panel.maxSeq)); // keeps the seq ordering of later inserts
    panel.byId[m.id] = { m: m, li: li };
    var ref = panel.log.querySelector(".pending");
    panel.log.insertBefore(li, ref);
    updateEmpty(panel);
    scrollToBottom(panel);
  }

  /* ---------- Hidden / shown messages ---------- */

  function copyMessage(m) {
    var out = {};
    Object.keys(m).forEach(function (k) {
      out[k] = m[k];
    });
    return out;
  }

  // `ev` is a message:hidden payload {room, id, seq, hidden, message} or the same built from an ack.
  function applyHidden(panel, ev) {
    var id = ev.id;
    var entry = isId(id) ? panel.byId[id] : null;
    var hidden = ev.hidden === true;
    var next = null;
    if (ev.message && typeof ev.message === "object") {
      next = copyMessage(ev.message);
      next.hidden = hidden;
      if (entry && !(Number(next.seq) > 0)) {
        next.seq = entry.m.seq;
      }
      if (entry && hidden && !next.text && panel.canModerate) {
        next.text = entry.m.text; // staff keep seeing what they hid
      }
    } else if (entry) {
      next = copyMessage(entry.m);
      next.hidden = hidden;
      next.held = false;
      if (hidden && !panel.canModerate) {
        next.text = "";
      }
      if (!hidden && !next.text) {
        return; // shown again without its text: the next join brings it
      }
    }
    if (!next) {
      return;
    }
    if (entry) {
      if (typeof next.seq !== "number") {
        next.seq = Number(next.seq) || entry.m.seq;
      }
      replaceRendered(panel, entry, next);
      return;
    }
    // Not rendered yet (e.g. a held message just published): it fills its place in the log.
    if (!hidden) {
      onIncoming(panel, next);
    }
  }

  /* ---------- Message actions ---------- */

  function actionFailed(panel, err, ack) {
    showError(panel, (!err && ackError(ack)) || t("action_failed"));
  }

  function busy(button, on) {
    if (on) {
      button.setAttribute("aria-disabled", "true");
      button.setAttribute("data-busy", "true");
    } else {
      button.removeAttribute("aria-disabled");
      button.removeAttribute("data-busy");
    }
  }

  function doReport(panel, entry, button) {
    var id = entry.m.id;
    emitWithTimeout("message:report", { message_id: id }, ACTION_TIMEOUT_MS, function (err, ack) {
      if (!err && ack && ack.ok === true) {
        panel.reported[id] = true;
        button.removeAttribute("data-busy");
        button.textContent = t("reported");
        button.removeAttribute("aria-label");
        button.classList.add("is-done");
        notice(panel, t("reported"));
        return;
      }
      busy(button, false);
      actionFailed(panel, err, ack);
    });
  }

  function doHide(panel, entry, button) {
    var id = entry.m.id;
    var hidden = !entry.m.hidden;
    emitWithTimeout("message:hide", { message_id: id, hidden: hidden }, ACTION_TIMEOUT_MS, function (err, ack) {
      busy(button, false);
      if (!err && ack && ack.ok === true) {
        applyHidden(panel, { room: panel.room, id: id, hidden: hidden, message: ack.message || null });
        return;
      }
      actionFailed(panel, err, ack);
    });
  }

  function doMute(panel, entry, button) {
    var author = authorOf(entry.m);
    var name = nameOf(author);
    var payload = { room: panel.room, user_id: author.id, minutes: MUTE_MINUTES };
    emitWithTimeout("user:mute", payload, ACTION_TIMEOUT_MS, function (err, ack) {
      busy(button, false);
      if (!err && ack && ack.ok === true) {
        var until = parseTs(ack.until);
        notice(panel, until ? t("muted_until", { name: name, time: hhmm(until) }) : t("muted_done", { name: name }));
        return;
      }
      actionFailed(panel, err, ack);
    });
  }

  function onAction(panel, ev) {
    var button = ev.target && ev.target.closest ? ev.target.closest("button[data-action]") : null;
    if (!button || !panel.log.contains(button)) {
      return;
    }
    if (button.getAttribute("aria-disabled") === "true") {
      return;
    }
    var li = button.closest("li[data-id]");
    var entry = li ? panel.byId[li.getAttribute("data-id")] : null;
    if (!entry) {
      return;
    }
    hideError(panel);
    busy(button, true);
    var action = button.getAttribute("data-action");
    if (action === "report") {
      doReport(panel, entry, button);
    } else if (action === "hide") {
      doHide(panel, entry, button);
    } else if (action === "mute") {
      doMute(panel, entry, button);
    } else {
      busy(button, false);
    }
  }

  /* ---------- Read marks ---------- */

  function pageVisible() {
    return document.visibilityState !== "hidden";
  }

  function panelVisible(panel) {
    if (!pageVisible() || panel.root.hidden || !panel.root.isConnected) {
      return false;
    }
    if (panel.root.getClientRects().length === 0) {
      return false; // display: none, here or in an ancestor
    }
    return panel.inView;
  }

  function scheduleRead(panel) {
    if (!panel.joined || panel.lastSeq <= panel.readSeq || panel.readTimer) {
      return;
    }
    if (!panelVisible(panel)) {
      return;
    }
    var wait = panel.lastReadAt + READ_INTERVAL_MS - Date.now();
    if (wait > 0) {
      panel.readTimer = setTimeout(function () {
        panel.readTimer = null;
        scheduleRead(panel);
      }, wait);
      return;
    }
    sendRead(panel);
  }

  function sendRead(panel) {
    var seq = panel.lastSeq;
    var previous = panel.readSeq;
    panel.readSeq = seq;
    panel.lastReadAt = Date.now();
    emitWithTimeout("room:read", { room: panel.room, seq: seq }, ACTION_TIMEOUT_MS, function (err) {
      if (err && panel.readSeq === seq) {
        panel.readSeq = previous; // lost: the next message or visibility change sends it again
      }
    });
    fire("read", panel.room, seq);
  }

  function readAllVisible() {
    eachPanel(scheduleRead);
  }

  var viewObserver = null;
  if (typeof window.IntersectionObserver === "function") {
    viewObserver = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        var room = entry.target.getAttribute("data-room");
        var panel = room && panels[room];
        if (panel && panel.root === entry.target) {
          panel.inView = entry.isIntersecting;
          scheduleRead(panel);
        }
      });
    });
  }

  document.addEventListener("visibilitychange", readAllVisible);
  window.addEventListener("focus", readAllVisible);

  /* ---------- Private-question waiting line ---------- */

  function onQueue(panel, q) {
    if (!panel.queue) {
      return;
    }
    var lines = [];
    // Who took the question, first: the pupil knows someone is on it (also after a reload: the join's queue).
    var taker = q.taken_by && typeof q.taken_by === "object" ? q.taken_by : null;
    if (taker) {
      lines.push(t("queue_taken", { name: nameOf(taker) }));
    }
    var position = typeof q.position === "number" && q.position > 0 ? q.position : null;
    if (position !== null) {
      var waiting = typeof q.waiting === "number" && q.waiting >= position ? q.waiting : position;
      lines.push(
        t(waiting <= 1 ? "queue_position_one" : "queue_position_many", { position: position, waiting: waiting })
      );
      if (typeof q.estimate_seconds === "number" && isFinite(q.estimate_seconds) && q.estimate_seconds >= 0) {
        lines.push(t("queue_estimate", { minutes: Math.max(1, Math.round(q.estimate_seconds / 60)) }));
      } else {
        lines.push(t("queue_no_estimate"));
      }
    }
    // Nobody online: said while the question waits, and before the first message is written.
    if (q.staff_online === 0 && (position !== null || panel.maxSeq === 0)) {
      lines.push(t("queue_no_staff"));
    }
    var key = lines.join("\n");
    if (key === panel.queueKey) {
      return;
    }
    panel.queueKey = key;
    while (panel.queue.firstChild) {
      panel.queue.removeChild(panel.queue.firstChild);
    }
    lines.forEach(function (line, i) {
      var span = make("span", "chat-queue-line", line);
      if (taker && i === 0) {
        span.className = "chat-queue-line chat-queue-taken";
        span.setAttribute("data-taken", "");
        span.insertBefore(document.createTextNode(" "), span.firstChild);
        span.insertBefore(icon("check"), span.firstChild);
      }
      panel.queue.appendChild(span);
    });
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
        showError(panel, ackError(ack) || t("join_failed"), true);
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
    scheduleRead(panel);
    if (queueCache[panel.room]) {
      onQueue(panel, queueCache[panel.room]); // its wording depends on whether the thread has messages
    }
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

  function onSent(panel, item, message) {
    finishSend(panel, item);
    if (!message || typeof message !== "object") {
      return;
    }
    if (message.held || message.hidden) {
      // Held by the word filter: only its author sees it, with the text they typed.
      message = copyMessage(message);
      message.hidden = true;
      message.held = message.held !== false;
      if (!message.text) {
        message.text = item.text;
      }
      if (!normaliseMessage(message)) {
        showHeldWithoutSeq(panel, message);
        return;
      }
    }
    onIncoming(panel, message);
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
        onSent(panel, item, ack.message);
        return;
      }
      finishSend(panel, item);
      showError(panel, ackError(ack) || t("send_refused"));
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
    panel.sent[clientId] = true;
    panel.log.appendChild(item.el);
    updateEmpty(panel);
    scrollToBottom(panel);
    panel.textarea.value = "";
    attemptSend(panel, item);
  }

  /* ---------- Presence ---------- */

  // The panel's status line: exactly one of the stand's three wordings (the hall says the same), with
  // the names of who is online; staff also see how many visitors are in the room (people, not tabs).
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
    var live = staff.length > 0;
    var state = live
      ? t(staff.length === 1 ? "staff_online_one" : "staff_online_many", { num: staff.length })
      : t("staff_online_none");
    var details = [];
    if (live && names) {
      details.push(t("staff_names", { names: names }));
    }
    if (panel.canModerate && typeof p.visitors === "number" && isFinite(p.visitors) && p.visitors >= 0) {
      details.push(t(p.visitors <= 1 ? "visitors_one" : "visitors_many", { num: p.visitors }));
    }
    var key = state + "\n" + details.join("\n");
    if (panel.presenceKey === key) {
      return; // unchanged: nothing re-announced
    }
    panel.presenceKey = key;
    while (panel.presence.firstChild) {
      panel.presence.removeChild(panel.presence.firstChild);
    }
    panel.presence.setAttribute("data-state", live ? "live" : "offline");
    var line = make("span", "presence-state");
    line.appendChild(icon(live ? "message-circle" : "inbox"));
    line.appendChild(make("span", null, state));
    panel.presence.appendChild(line);
    if (details.length) {
      // The separator keeps the two parts apart on pages whose CSS shows them on one line.
      panel.presence.appendChild(make("span", "presence-sep", " · ")).setAttribute("aria-hidden", "true");
      panel.presence.appendChild(make("span", "presence-detail", details.join(" · ")));
    }
  }

  /* ---------- Wiring a panel ---------- */

  function activatePanel(panel) {
    if (panel.active) {
      return;
    }
    panel.active = true;
    setStatus(panel, socket.connected ? "" : t("connecting"));
    panel.log.addEventListener("click", function (ev) {
      onAction(panel, ev);
    });
    panel.log.addEventListener("scroll", function () {
      scheduleRead(panel);
    });
    if (viewObserver) {
      panel.inView = false; // until the observer has looked
      viewObserver.observe(panel.root);
    }
    if (queueCache[panel.room]) {
      onQueue(panel, queueCache[panel.room]);
    }
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
  }

  // Ids of a panel cloned from the template are rewritten from its placeholder room to the real one.
  var ID_ATTRS = ["id", "for", "aria-labelledby", "aria-describedby", "aria-controls"];

  function renameIds(root, oldPrefix, newPrefix) {
    var nodes = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
    nodes.forEach(function (node) {
      ID_ATTRS.forEach(function (attr) {
        var value = node.getAttribute(attr);
        if (!value) {
          return;
        }
        var renamed = value
          .split(/\s+/)
          .map(function (token) {
            return token.indexOf(oldPrefix) === 0 ? newPrefix + token.slice(oldPrefix.length) : token;
          })
          .join(" ");
        if (renamed !== value) {
          node.setAttribute(attr, renamed);
        }
      });
    });
  }

  function idFor(room) {
    return "chat-" + room.replace(/[^A-Za-z0-9_-]/g, "-");
  }

  function clonePanel(room) {
    var tpl = document.getElementById("chat-panel-template");
    if (!tpl) {
      return null;
    }
    var source = tpl.content ? tpl.content.querySelector(".chat[data-room]") : tpl.querySelector(".chat[data-room]");
    if (!source) {
      return null;
    }
    var root = document.importNode(source, true);
    renameIds(root, idFor(root.getAttribute("data-room") || ""), idFor(room));
    root.setAttribute("data-room", room);
    return root;
  }

  function focusPanel(panel) {
    if (panel.form && !panel.form.hidden && panel.textarea) {
      panel.textarea.focus();
      return;
    }
    var title = panel.root.querySelector(".chat-title");
    if (title) {
      title.setAttribute("tabindex", "-1");
      title.focus();
    }
  }

  function openPanel(room, title, container, options) {
    options = options || {};
    if (typeof room !== "string" || !room) {
      return null;
    }
    var panel = panels[room];
    if (!panel) {
      // A panel already put in the page (rendered by the server later) is adopted; else cloned.
      var root = null;
      Array.prototype.forEach.call(document.querySelectorAll(".chat[data-room]"), function (el) {
        if (!root && el.getAttribute("data-room") === room) {
          root = el;
        }
      });
      if (!root) {
        root = clonePanel(room);
        if (!root) {
          return null;
        }
      }
      if (container && root.parentNode !== container) {
        container.appendChild(root);
      } else if (!root.parentNode) {
        (document.querySelector("main") || document.body).appendChild(root);
      }
      panel = registerPanel(root);
      if (!panel) {
        return null;
      }
    } else if (container && panel.root.parentNode !== container) {
      container.appendChild(panel.root);
    }
    if (typeof title === "string" && title) {
      setText(panel.root.querySelector(".chat-title"), title);
    }
    panel.root.hidden = false;
    activatePanel(panel);
    if (!panel.joined && !panel.joining && socket.connected) {
      join(panel);
    }
    if (options.focus) {
      focusPanel(panel);
    }
    scheduleRead(panel);
    return panel;
  }

  /* ---------- "Ask a private question" ---------- */

  function openThread(button) {
    if (button.getAttribute("aria-disabled") === "true") {
      return;
    }
    var section = button.closest("[data-thread-section]") || button.parentNode;
    var container = section.querySelector("[data-thread-container]") || section;
    var error = section.querySelector("[data-thread-error]");
    var standId = parseInt(button.getAttribute("data-stand-id"), 10);
    if (error) {
      error.hidden = true;
      setText(error, "");
    }
    button.setAttribute("aria-disabled", "true");
    button.setAttribute("aria-busy", "true");
    emitWithTimeout("thread:open", { stand_id: standId }, JOIN_TIMEOUT_MS, function (err, ack) {
      button.removeAttribute("aria-disabled");
      button.removeAttribute("aria-busy");
      var room = !err && ack && ack.ok === true && ack.thread && typeof ack.thread.room === "string" ? ack.thread.room : "";
      var panel = room ? openPanel(room, null, container, { focus: false }) : null;
      if (!panel) {
        if (error) {
          setText(error, (!err && ackError(ack)) || t("thread_open_failed"));
          error.hidden = false;
        }
        return;
      }
      var wrap = button.closest("[data-open-thread-wrap]") || button;
      wrap.hidden = true;
      focusPanel(panel);
    });
  }

  Array.prototype.forEach.call(openers, function (button) {
    button.addEventListener("click", function () {
      openThread(button);
    });
    var wrap = button.closest("[data-open-thread-wrap]");
    if (wrap) {
      wrap.hidden = false;
    }
    button.hidden = false;
  });

  /* ---------- Socket events ---------- */

  eachPanel(activatePanel);

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

  socket.on("message:hidden", function (ev) {
    if (ev && typeof ev.room === "string" && panels[ev.room] && isId(ev.id)) {
      applyHidden(panels[ev.room], ev);
    }
  });

  socket.on("presence", function (p) {
    if (p && typeof p.room === "string" && panels[p.room]) {
      onPresence(panels[p.room], p);
    }
  });

  socket.on("queue", function (q) {
    if (!q || typeof q.room !== "string") {
      return;
    }
    queueCache[q.room] = q;
    if (panels[q.room]) {
      onQueue(panels[q.room], q);
    }
  });
})();
