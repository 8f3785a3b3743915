/*
 * Salon — the professionals' console (chat/console.html), on top of static/js/chat.js.
 *
 * Plain ES2017, no build step; loaded with `defer` after chat.js and uses its window.SalonChat
 * (socket, t, defaults, emit, openPanel, panel, on) and the helpers of static/js/salon-dom.js
 * (window.SalonDom, which chat.js needs too). User data is only written with textContent.
 *
 *   - "Questions privées": the threads of the caller's stands, from the `console:state` ack
 *     (asked again after every reconnect) and kept live by `thread:updated`. Waiting threads
 *     first, oldest first; then the others, latest activity first. Each entry opens its thread
 *     in the panel area (a chat.js panel), shows the waiting time (refreshed every 30 s), who
 *     took it, the unread count, and "Prendre en charge" / "Libérer" (`thread:take` / `thread:release`).
 *   - A new thread, or one waiting again: highlighted with a "Nouveau" tag, counted in the page
 *     title "(2) Console…", announced in a status line, and a short beep (Web Audio, only after
 *     the first interaction with the page; the "Son des nouvelles questions" checkbox, kept in
 *     localStorage, turns it off).
 *   - Unread counts of the public rooms (from `console:state` `rooms`) next to each panel title;
 *     reset when chat.js marks the room read (room:read).
 *   - "À relire": `message:held` payloads with "Publier" (message:hide hidden:false) / "Laisser masqué".
 *
 * Strings: the same JSON block as chat.js (id="salon-i18n"); keys and French defaults below and in
 * static/js/I18N-KEYS.md.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-console]");
  var S = window.SalonChat;
  if (!root) {
    return;
  }

  var DEFAULTS = {
    state_failed: "Impossible de charger les questions privées pour l'instant. Nouvel essai automatique…",
    thread_state_waiting: "En attente",
    thread_state_answered: "Répondu",
    thread_state_new: "Sans message",
    thread_new_badge: "Nouveau",
    thread_open_label: "Ouvrir la question de %(name)s",
    thread_title: "Question de %(name)s (%(stand)s)",
    waiting_under_minute: "attend depuis moins d'une minute",
    waiting_minutes: "attend depuis %(minutes)d min",
    waiting_hours: "attend depuis %(hours)d h %(minutes)s",
    taken_by: "Pris en charge par %(name)s",
    taken_by_you: "Pris en charge par vous",
    take: "Prendre en charge",
    take_label: "Prendre en charge la question de %(name)s",
    release: "Libérer",
    release_label: "Libérer la question de %(name)s",
    unread_one: "%(num)d message non lu",
    unread_many: "%(num)d messages non lus",
    announce_new_thread: "Nouvelle question privée de %(name)s (%(stand)s)",
    announce_waiting_again: "%(name)s attend une réponse (%(stand)s)",
    title_count: "(%(num)d) %(title)s",
    held_in: "dans %(room)s",
    held_publish: "Publier",
    held_publish_label: "Publier le message de %(name)s",
    held_keep: "Laisser masqué",
    held_keep_label: "Laisser masqué le message de %(name)s",
    held_published: "Message publié.",
    held_kept: "Message laissé masqué.",
    announce_held: "Un message attend votre relecture.",
    action_failed: "L'action n'a pas abouti. Vérifiez votre connexion, puis réessayez.",
    unavailable: "La discussion en direct n'a pas pu être chargée. Rechargez la page.",
    anonymous: "Anonyme"
  };

  var q = function (sel) {
    return root.querySelector(sel);
  };
  var els = {
    list: q("[data-thread-list]"),
    empty: q("[data-threads-empty]"),
    status: q("[data-console-status]"),
    error: q("[data-console-error]"),
    sound: q("[data-sound]"),
    soundWrap: q("[data-sound-wrap]"),
    area: q("[data-thread-area]"),
    placeholder: q("[data-thread-placeholder]"),
    review: q("[data-review-list]"),
    reviewEmpty: q("[data-review-empty]"),
    reviewTitle: document.getElementById("relire-titre")
  };

  function fallbackText(key) {
    return DEFAULTS[key] || "";
  }

  if (!S || !S.socket) {
    if (els.error) {
      els.error.textContent = S ? S.t("unavailable") || fallbackText("unavailable") : fallbackText("unavailable");
      els.error.hidden = false;
    }
    return;
  }

  S.defaults(DEFAULTS);
  var t = S.t;
  var socket = S.socket;
  var myId = root.getAttribute("data-user-id") || "";
  var hasOwn = Object.prototype.hasOwnProperty;

  var STATE_RETRY_MS = 5000;
  var TICK_MS = 30000;
  var SOUND_KEY = "salon.console.sound";

  /* ---------- Helpers ---------- */

  var D = window.SalonDom; // chat.js has started (S.socket): salon-dom.js is there too
  var make = D.make;
  var setText = D.setText;
  var pad2 = D.pad2;
  var ackError = D.ackError;

  function time(iso) {
    var d = D.parseIso(iso);
    return d ? d.getTime() : 0;
  }

  function num(v) {
    return typeof v === "number" && isFinite(v) ? v : 0;
  }

  function nameOf(person) {
    return person && typeof person.name === "string" && person.name ? person.name : t("anonymous");
  }

  function isMe(person) {
    return !!(person && myId && person.id !== undefined && person.id !== null && String(person.id) === myId);
  }

  function showError(text) {
    if (!els.error) {
      return;
    }
    setText(els.error, text);
    els.error.hidden = false;
  }

  function hideError() {
    if (!els.error) {
      return;
    }
    els.error.hidden = true;
    setText(els.error, "");
  }

  function announce(text) {
    // Re-announce the same text too: clear first, then set on the next tick.
    if (!els.status) {
      return;
    }
    els.status.textContent = "";
    setTimeout(function () {
      els.status.textContent = text;
    }, 50);
  }

  function unreadBadge(count) {
    var badge = make("span", "badge badge-unread");
    badge.appendChild(make("span", null, String(count))).setAttribute("aria-hidden", "true");
    badge.appendChild(make("span", "visually-hidden", t(count === 1 ? "unread_one" : "unread_many", { num: count })));
    return badge;
  }

  /* ---------- Read/last seq bookkeeping (threads and public rooms alike) ---------- */

  var counts = Object.create(null); // room -> {last, read, known}

  function countsOf(room) {
    if (!counts[room]) {
      counts[room] = { last: 0, read: 0, known: false };
    }
    return counts[room];
  }

  function unreadOf(room) {
    var c = counts[room];
    return c && c.known ? Math.max(0, c.last - c.read) : 0;
  }

  // From console:state: `unread` is the server's count for the caller.
  function mergeServerCounts(room, lastSeq, unread) {
    var c = countsOf(room);
    c.last = Math.max(c.last, num(lastSeq));
    c.read = Math.max(c.read, num(lastSeq) - num(unread));
    c.known = true;
  }

  /* ---------- Public rooms ---------- */

  var roomTitles = Object.create(null);

  function renderRoomUnread(room) {
    var panel = S.panel(room);
    if (!panel) {
      return;
    }
    var title = panel.root.querySelector(".chat-title");
    if (!title) {
      return;
    }
    var old = title.querySelector(".badge-unread");
    var count = unreadOf(room);
    if (old && old.getAttribute("data-count") === String(count)) {
      return;
    }
    if (old) {
      title.removeChild(old);
    }
    if (count > 0) {
      var badge = unreadBadge(count);
      badge.setAttribute("data-count", String(count));
      title.appendChild(badge);
    }
  }

  /* ---------- Threads ---------- */

  var threads = Object.create(null); // room -> entry
  var selected = "";
  var baseline = false; // the first console:state sets what is already known: no alert for it

  function threadTitle(entry) {
    return t("thread_title", { name: nameOf(entry.data.pupil), stand: entry.data.stand_name || "" });
  }

  function buildEntry(room) {
    var li = make("li", "thread");
    li.setAttribute("data-room", room);

    var head = make("p", "thread-head");
    var open = make("button", "thread-open");
    open.type = "button";
    open.setAttribute("data-open", "");
    var newTag = make("span", "tag tag-new", t("thread_new_badge"));
    newTag.hidden = true;
    var unread = make("span", "thread-unread");
    head.appendChild(open);
    head.appendChild(document.createTextNode(" "));
    head.appendChild(newTag);
    head.appendChild(document.createTextNode(" "));
    head.appendChild(unread);
    li.appendChild(head);

    var meta = make("p", "thread-meta");
    li.appendChild(meta);

    var stateLine = make("p", "thread-state");
    var state = make("span", "badge thread-badge");
    var wait = make("span", "thread-wait");
    stateLine.appendChild(state);
    stateLine.appendChild(document.createTextNode(" "));
    stateLine.appendChild(wait);
    li.appendChild(stateLine);

    var taken = make("p", "thread-taken");
    li.appendChild(taken);

    var actions = make("p", "thread-actions");
    var take = make("button", "button button-secondary button-small", t("take"));
    take.type = "button";
    take.setAttribute("data-take", "");
    var release = make("button", "button button-secondary button-small", t("release"));
    release.type = "button";
    release.setAttribute("data-release", "");
    actions.appendChild(take);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(release);
    li.appendChild(actions);

    var entry = {
      room: room,
      data: {},
      li: li,
      open: open,
      newTag: newTag,
      unread: unread,
      meta: meta,
      state: state,
      wait: wait,
      taken: taken,
      take: take,
      release: release,
      notified: false,
      panel: null,
      busy: false
    };
    open.addEventListener("click", function () {
      selectThread(room, true);
    });
    take.addEventListener("click", function () {
      takeOrRelease(entry, "take");
    });
    release.addEventListener("click", function () {
      takeOrRelease(entry, "release");
    });
    return entry;
  }

  function waitingText(entry) {
    if (entry.data.state !== "waiting") {
      return "";
    }
    var since = time(entry.data.waiting_since);
    if (!since) {
      return "";
    }
    var minutes = Math.max(0, Math.floor((Date.now() - since) / 60000));
    if (minutes < 1) {
      return t("waiting_under_minute");
    }
    if (minutes < 60) {
      return t("waiting_minutes", { minutes: minutes });
    }
    return t("waiting_hours", { hours: Math.floor(minutes / 60), minutes: pad2(minutes % 60) });
  }

  function renderEntry(entry) {
    var d = entry.data;
    var name = nameOf(d.pupil);
    setText(entry.open, name);
    entry.open.setAttribute("aria-label", t("thread_open_label", { name: name }));
    if (selected === entry.room) {
      entry.open.setAttribute("aria-current", "true");
    } else {
      entry.open.removeAttribute("aria-current");
    }

    entry.newTag.hidden = !entry.notified;
    var count = unreadOf(entry.room);
    if (entry.unread.getAttribute("data-count") !== String(count)) {
      entry.unread.setAttribute("data-count", String(count));
      while (entry.unread.firstChild) {
        entry.unread.removeChild(entry.unread.firstChild);
      }
      if (count > 0) {
        entry.unread.appendChild(unreadBadge(count));
      }
    }

    var meta = [];
    if (typeof d.class_label === "string" && d.class_label) {
      meta.push(d.class_label);
    }
    if (typeof d.stand_name === "string" && d.stand_name) {
      meta.push(d.stand_name);
    }
    setText(entry.meta, meta.join(" · "));

    var state = d.state === "waiting" || d.state === "answered" ? d.state : "new";
    setText(entry.state, t("thread_state_" + state));
    entry.state.className = "badge thread-badge thread-badge-" + state;
    setText(entry.wait, waitingText(entry));

    var taker = d.taken_by && typeof d.taken_by === "object" ? d.taken_by : null;
    var mine = taker && isMe(taker);
    setText(entry.taken, taker ? (mine ? t("taken_by_you") : t("taken_by", { name: nameOf(taker) })) : "");
    entry.taken.hidden = !taker;

    entry.take.setAttribute("aria-label", t("take_label", { name: name }));
    entry.release.setAttribute("aria-label", t("release_label", { name: name }));
    // Keep the focus when a button disappears: it moves to the one that replaces it.
    var focused = document.activeElement;
    entry.take.hidden = !!taker;
    entry.release.hidden = !mine;
    if (focused === entry.take && entry.take.hidden && !entry.release.hidden) {
      entry.release.focus();
    } else if (focused === entry.release && entry.release.hidden && !entry.take.hidden) {
      entry.take.focus();
    } else if ((focused === entry.take || focused === entry.release) && focused.hidden) {
      entry.open.focus();
    }

    entry.li.classList.toggle("is-waiting", state === "waiting");
    entry.li.classList.toggle("is-new", entry.notified);
    entry.li.classList.toggle("is-selected", selected === entry.room);
  }

  function compareEntries(a, b) {
    var aw = a.data.state === "waiting";
    var bw = b.data.state === "waiting";
    if (aw !== bw) {
      return aw ? -1 : 1;
    }
    if (aw) {
      return time(a.data.waiting_since) - time(b.data.waiting_since) || num(a.data.id) - num(b.data.id);
    }
    return time(b.data.last_activity) - time(a.data.last_activity) || num(b.data.id) - num(a.data.id);
  }

  function visibleEntries() {
    return Object.keys(threads)
      .map(function (room) {
        return threads[room];
      })
      .filter(function (entry) {
        return entry.data.state !== "new" || entry.room === selected;
      });
  }

  function renderList() {
    var list = visibleEntries().sort(compareEntries);
    var active = document.activeElement;
    var hadFocus = active && els.list.contains(active) ? active : null;
    // Move only what is out of place: moving a node would drop the keyboard focus inside it.
    var current = Array.prototype.slice.call(els.list.children);
    var same =
      current.length === list.length &&
      list.every(function (entry, i) {
        return current[i] === entry.li;
      });
    if (!same) {
      current.forEach(function (li) {
        var room = li.getAttribute("data-room");
        if (!threads[room] || list.indexOf(threads[room]) < 0) {
          els.list.removeChild(li);
        }
      });
      list.forEach(function (entry, i) {
        var at = els.list.children[i];
        if (at !== entry.li) {
          els.list.insertBefore(entry.li, at || null);
        }
      });
      if (hadFocus && document.activeElement !== hadFocus && document.contains(hadFocus)) {
        hadFocus.focus();
      }
    }
    list.forEach(renderEntry);
    if (els.empty) {
      els.empty.hidden = list.length > 0;
    }
    updateTitle();
  }

  /* ---------- Alerts: title, announcement, sound ---------- */

  var baseTitle = document.title;

  function updateTitle() {
    var n = 0;
    Object.keys(threads).forEach(function (room) {
      if (threads[room].notified) {
        n += 1;
      }
    });
    var wanted = n > 0 ? t("title_count", { num: n, title: baseTitle }) : baseTitle;
    if (document.title !== wanted) {
      document.title = wanted;
    }
  }

  var audio = null;
  var interacted = false;

  function soundWanted() {
    return !els.sound || els.sound.checked;
  }

  function readSoundPref() {
    try {
      return window.localStorage.getItem(SOUND_KEY) !== "off";
    } catch (e) {
      return true;
    }
  }

  function saveSoundPref(on) {
    try {
      window.localStorage.setItem(SOUND_KEY, on ? "on" : "off");
    } catch (e) {
      // Private mode or storage full: the choice lasts for this page only.
    }
  }

  function firstInteraction() {
    interacted = true;
    ["pointerdown", "mousedown", "touchstart", "keydown"].forEach(function (name) {
      document.removeEventListener(name, firstInteraction, true);
    });
    var AC = window.AudioContext || window.webkitAudioContext;
    if (!AC) {
      return;
    }
    try {
      audio = audio || new AC();
      if (audio.state === "suspended" && typeof audio.resume === "function") {
        audio.resume();
      }
    } catch (e) {
      audio = null;
    }
  }

  ["pointerdown", "mousedown", "touchstart", "keydown"].forEach(function (name) {
    document.addEventListener(name, firstInteraction, true);
  });

  function beep() {
    if (!interacted || !audio || !soundWanted()) {
      return;
    }
    try {
      if (audio.state === "suspended" && typeof audio.resume === "function") {
        audio.resume();
      }
      var now = audio.currentTime;
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.setValueAtTime(880, now);
      osc.frequency.setValueAtTime(1175, now + 0.12);
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.18, now + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.3);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(now);
      osc.stop(now + 0.32);
    } catch (e) {
      // No sound: the highlight and the title still tell.
    }
  }

  if (els.sound) {
    els.sound.checked = readSoundPref();
    els.sound.addEventListener("change", function () {
      saveSoundPref(els.sound.checked);
    });
  }
  if (els.soundWrap) {
    els.soundWrap.hidden = false;
  }

  function notify(entry, isNew) {
    entry.notified = true;
    var vars = { name: nameOf(entry.data.pupil), stand: entry.data.stand_name || "" };
    announce(t(isNew ? "announce_new_thread" : "announce_waiting_again", vars));
    beep();
  }

  /* ---------- Merging thread data ---------- */

  function mergeThread(data, fromState) {
    if (!data || typeof data !== "object" || typeof data.room !== "string" || !data.room) {
      return null;
    }
    var room = data.room;
    var entry = threads[room];
    var isNew = !entry;
    var before = entry ? entry.data.state : null;
    if (!entry) {
      entry = buildEntry(room);
      threads[room] = entry;
    }
    Object.keys(data).forEach(function (key) {
      if (key !== "unread") {
        entry.data[key] = data[key];
      }
    });
    if (fromState && hasOwn.call(data, "unread")) {
      mergeServerCounts(room, data.last_seq, data.unread);
    } else {
      var c = countsOf(room);
      c.last = Math.max(c.last, num(data.last_seq));
      if (isNew) {
        // A thread met for the first time through thread:updated: everything in it is unread.
        c.known = true;
      }
    }

    var waiting = entry.data.state === "waiting";
    var taker = entry.data.taken_by && typeof entry.data.taken_by === "object" ? entry.data.taken_by : null;
    var colleague = !!taker && !isMe(taker);
    var watching = selected === room && document.visibilityState !== "hidden";
    if (!waiting || colleague) {
      entry.notified = false; // answered, or a colleague answers it
    } else if (baseline && (isNew || before !== "waiting") && !watching) {
      notify(entry, isNew || before === "new");
    }
    return entry;
  }

  function applyState(ack) {
    var seen = Object.create(null);
    (Array.isArray(ack.threads) ? ack.threads : []).forEach(function (data) {
      var entry = mergeThread(data, true);
      if (entry) {
        seen[entry.room] = true;
      }
    });
    // Threads gone from the state (no longer ours) leave the list, except the one open.
    Object.keys(threads).forEach(function (room) {
      if (!seen[room] && room !== selected) {
        delete threads[room];
      }
    });
    (Array.isArray(ack.rooms) ? ack.rooms : []).forEach(function (r) {
      if (r && typeof r.room === "string") {
        mergeServerCounts(r.room, r.last_seq, r.unread);
        if (typeof r.title === "string") {
          roomTitles[r.room] = r.title;
        }
        renderRoomUnread(r.room);
      }
    });
    baseline = true;
    renderList();
  }

  var stateTimer = null;

  function requestState() {
    if (stateTimer) {
      clearTimeout(stateTimer);
      stateTimer = null;
    }
    S.emit(
      "console:state",
      {},
      function (err, ack) {
        if (err) {
          setText(els.status, t("state_failed"));
          stateTimer = setTimeout(function () {
            stateTimer = null;
            if (socket.connected) {
              requestState();
            }
          }, STATE_RETRY_MS);
          return;
        }
        if (!ack || ack.ok !== true) {
          showError(ackError(ack) || t("state_failed"));
          return;
        }
        if (els.status && els.status.textContent === t("state_failed")) {
          setText(els.status, "");
        }
        hideError();
        applyState(ack);
      },
      10000
    );
  }

  /* ---------- Opening, taking, releasing ---------- */

  function selectThread(room, focus) {
    var entry = threads[room];
    if (!entry) {
      return;
    }
    selected = room;
    Object.keys(threads).forEach(function (other) {
      var e = threads[other];
      if (other !== room && e.panel) {
        e.panel.root.hidden = true;
      }
    });
    entry.notified = false;
    entry.panel = S.openPanel(room, threadTitle(entry), els.area, { focus: !!focus });
    if (els.placeholder) {
      els.placeholder.hidden = !!entry.panel;
    }
    if (!entry.panel) {
      showError(t("action_failed"));
    }
    renderList();
  }

  function takeOrRelease(entry, action) {
    if (entry.busy) {
      return;
    }
    entry.busy = true;
    hideError();
    var button = action === "take" ? entry.take : entry.release;
    button.setAttribute("aria-disabled", "true");
    S.emit("thread:" + action, { room: entry.room }, function (err, ack) {
      entry.busy = false;
      button.removeAttribute("aria-disabled");
      if (!err && ack && ack.ok === true) {
        if (ack.thread) {
          mergeThread(ack.thread, false);
        }
        if (action === "take") {
          entry.notified = false;
          renderList();
          selectThread(entry.room, true);
        } else {
          renderList();
        }
        return;
      }
      // `conflict` names the colleague who already took it.
      showError((!err && ackError(ack)) || t("action_failed"));
    });
  }

  /* ---------- Held messages to review ---------- */

  var held = Object.create(null); // message id -> li

  function roomLabel(room) {
    if (threads[room]) {
      return threadTitle(threads[room]);
    }
    return roomTitles[room] || room;
  }

  function updateReviewEmpty() {
    if (els.reviewEmpty) {
      els.reviewEmpty.hidden = Object.keys(held).length > 0;
    }
  }

  function removeHeld(id, message) {
    var li = held[id];
    if (!li) {
      return;
    }
    var focusNext = li.contains(document.activeElement);
    var next = li.nextElementSibling || li.previousElementSibling;
    delete held[id];
    if (li.parentNode) {
      li.parentNode.removeChild(li);
    }
    updateReviewEmpty();
    if (message) {
      announce(message);
    }
    if (focusNext) {
      var target = next ? next.querySelector("button") : els.reviewTitle;
      if (target) {
        target.focus();
      }
    }
  }

  function onHeld(payload) {
    var m = payload && payload.message;
    if (!m || typeof m !== "object" || typeof m.id !== "number" || held[m.id]) {
      return;
    }
    var room = typeof payload.room === "string" ? payload.room : m.room;
    var author = m.author && typeof m.author === "object" ? m.author : {};
    var name = nameOf(author);

    var li = make("li", "review-item");
    li.setAttribute("data-id", String(m.id));
    var meta = make("p", "msg-meta");
    meta.appendChild(make("strong", "msg-author", name));
    var date = D.parseIso(m.ts);
    if (date) {
      meta.appendChild(document.createTextNode(" "));
      var tm = make("time", "msg-time", D.hhmm(date));
      tm.setAttribute("datetime", m.ts);
      meta.appendChild(tm);
    }
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(make("span", "review-room", t("held_in", { room: roomLabel(room || "") })));
    li.appendChild(meta);
    li.appendChild(make("p", "msg-text", typeof m.text === "string" ? m.text : ""));

    var actions = make("p", "review-actions");
    var publish = make("button", "button button-small", t("held_publish"));
    publish.type = "button";
    publish.setAttribute("aria-label", t("held_publish_label", { name: name }));
    var keep = make("button", "button button-secondary button-small", t("held_keep"));
    keep.type = "button";
    keep.setAttribute("aria-label", t("held_keep_label", { name: name }));
    actions.appendChild(publish);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(keep);
    li.appendChild(actions);

    publish.addEventListener("click", function () {
      if (publish.getAttribute("aria-disabled") === "true") {
        return;
      }
      hideError();
      publish.setAttribute("aria-disabled", "true");
      S.emit("message:hide", { message_id: m.id, hidden: false }, function (err, ack) {
        publish.removeAttribute("aria-disabled");
        if (!err && ack && ack.ok === true) {
          removeHeld(m.id, t("held_published"));
          return;
        }
        showError((!err && ackError(ack)) || t("action_failed"));
      });
    });
    keep.addEventListener("click", function () {
      removeHeld(m.id, t("held_kept"));
    });

    held[m.id] = li;
    els.review.appendChild(li);
    updateReviewEmpty();
    announce(t("announce_held"));
  }

  /* ---------- Wiring ---------- */

  S.on("message", function (room, m) {
    var c = counts[room];
    if (!c || !m || typeof m.seq !== "number") {
      return;
    }
    c.last = Math.max(c.last, m.seq);
    if (m.author && isMe(m.author) && c.read >= m.seq - 1) {
      c.read = Math.max(c.read, m.seq); // our own message is read
    }
    if (threads[room]) {
      renderEntry(threads[room]);
      updateTitle();
    } else {
      renderRoomUnread(room);
    }
  });

  S.on("read", function (room, seq) {
    var c = countsOf(room);
    c.read = Math.max(c.read, seq);
    c.last = Math.max(c.last, seq);
    if (threads[room]) {
      renderEntry(threads[room]);
    } else {
      renderRoomUnread(room);
    }
  });

  socket.on("thread:updated", function (data) {
    if (mergeThread(data, false)) {
      renderList();
    }
  });

  socket.on("message:held", onHeld);

  socket.on("message:hidden", function (ev) {
    // Published by a colleague: nothing left to review.
    if (ev && ev.hidden === false && typeof ev.id === "number" && held[ev.id]) {
      removeHeld(ev.id, "");
    }
  });

  socket.on("connect", requestState);
  if (socket.connected) {
    requestState();
  }

  setInterval(function () {
    Object.keys(threads).forEach(function (room) {
      setText(threads[room].wait, waitingText(threads[room]));
    });
  }, TICK_MS);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "hidden" && selected && threads[selected] && threads[selected].notified) {
      threads[selected].notified = false;
      renderList();
    }
  });

  renderList();
})();
