/*
 * Salon — the professionals' console (chat/console.html), an inbox, on top of static/js/chat.js.
 *
 * Plain ES2017, no build step; loaded with `defer` after chat.js and uses its window.SalonChat
 * (socket, t, defaults, emit, openPanel, panel, icon, on) and the helpers of static/js/salon-dom.js
 * (window.SalonDom). User data is only written with textContent.
 *
 *   - One list of conversations ([data-thread-list]): the public rooms of the caller's stands (their
 *     panels are in the page and stay joined, so unread counts keep counting in the background), the
 *     private questions of those stands (`console:state`, asked again after every reconnect, kept live by
 *     `thread:updated`, which comes with every thread message) and, last, "Messages à relire" (the
 *     `message:held` payloads). Order: waiting private questions, oldest first; then conversations with
 *     unread messages, latest first; then the others, latest first. Each row: title (stand or pupil), kind,
 *     unread count, waiting time (refreshed every 30 s), who took it, the last message.
 *   - One conversation open at a time in the pane beside the list (below 60rem: instead of the list, with
 *     "Retour à la liste"; `data-view` on the root says which one shows). Choosing a row opens it; the other
 *     panels are hidden, so chat.js does not mark them read.
 *   - Alerts: a new private question (or one waiting again) shows the banner [data-console-alert] until it
 *     is opened, taken (by anyone) or answered; the page title counts the conversations that need the
 *     caller, "(3) Console — Salon"; a short beep (Web Audio, after the first interaction with the page,
 *     at most one per 1.5 s; the "Alerte sonore" checkbox, kept in localStorage, turns it off) for a new
 *     question and for each new message of a pupil or teacher in a conversation the caller is not reading.
 *   - Shortcuts (outside text fields, no Ctrl/Meta): j / Alt+↓ next conversation, k / Alt+↑ previous,
 *     n next unread or waiting, t take the open private question, r focus the answer box, ? the help.
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
    state_failed: "Impossible de charger vos conversations pour l'instant. Nouvel essai automatique…",
    kind_public: "Discussion publique",
    kind_private: "Question privée",
    thread_state_waiting: "En attente",
    thread_state_answered: "Répondu",
    thread_state_new: "Sans message",
    thread_new_badge: "Nouveau",
    thread_title: "Question de %(name)s (%(stand)s)",
    waiting_under_minute: "depuis moins d'une minute",
    waiting_minutes: "depuis %(minutes)d min",
    waiting_hours: "depuis %(hours)d h %(minutes)s",
    taken_by: "Pris par %(name)s",
    taken_by_you: "Pris par vous",
    not_taken: "Personne ne l'a encore prise",
    take: "Prendre la question",
    take_label: "Prendre la question de %(name)s",
    release: "Libérer",
    release_label: "Libérer la question de %(name)s",
    taken_done: "Vous avez pris la question de %(name)s : répondez-lui ci-dessous.",
    released_done: "Question de %(name)s libérée : un collègue peut la prendre.",
    unread_one: "%(num)d message non lu",
    unread_many: "%(num)d messages non lus",
    preview_author: "%(name)s : %(text)s",
    preview_you: "Vous : %(text)s",
    preview_hidden: "message masqué",
    preview_none: "Pas encore de message",
    summary_waiting_one: "%(num)d question en attente",
    summary_waiting_many: "%(num)d questions en attente",
    summary_calm: "Aucune question en attente",
    announce_new_thread: "Nouvelle question privée de %(name)s (%(stand)s)",
    announce_waiting_again: "%(name)s attend une réponse (%(stand)s)",
    alert_many: "%(num)d nouvelles questions privées attendent une réponse",
    alert_open: "Ouvrir",
    alert_open_label: "Ouvrir la question de %(name)s",
    title_count: "(%(num)d) %(title)s",
    review_title: "Messages à relire",
    review_kind: "Modération",
    review_none: "Rien à relire",
    review_some_one: "%(num)d message retenu par le filtre",
    review_some_many: "%(num)d messages retenus par le filtre",
    no_conversation: "Aucune conversation ouverte",
    held_in: "dans %(room)s",
    held_publish: "Publier",
    held_publish_label: "Publier le message de %(name)s",
    held_keep: "Laisser masqué",
    held_keep_label: "Laisser masqué le message de %(name)s",
    held_published: "Message publié.",
    held_kept: "Message laissé masqué.",
    announce_held: "Un message attend votre relecture.",
    panel_empty: "Pas encore de message dans cette discussion.",
    panel_hint:
      "Entrée pour envoyer, Maj + Entrée pour aller à la ligne (500 caractères au maximum). " +
      "Ne demandez jamais de coordonnées personnelles à un élève.",
    action_failed: "L'action n'a pas abouti. Vérifiez votre connexion, puis réessayez.",
    unavailable: "La discussion en direct n'a pas pu être chargée. Rechargez la page.",
    anonymous: "Anonyme"
  };

  var q = function (sel) {
    return root.querySelector(sel);
  };
  var els = {
    list: q("[data-thread-list]"),
    summary: q("[data-inbox-summary]"),
    alert: q("[data-console-alert]"),
    status: q("[data-console-status]"),
    error: q("[data-console-error]"),
    pane: q("[data-pane]"),
    back: q("[data-back]"),
    kind: q("[data-pane-kind]"),
    title: q("[data-pane-title]"),
    paneStatus: q("[data-pane-status]"),
    actions: q("[data-pane-actions]"),
    take: q("[data-take]"),
    release: q("[data-release]"),
    placeholder: q("[data-thread-placeholder]"),
    roomArea: q("[data-room-area]"),
    area: q("[data-thread-area]"),
    reviewBox: q("[data-review]"),
    review: q("[data-review-list]"),
    reviewEmpty: q("[data-review-empty]"),
    sound: document.querySelector("[data-sound]"),
    soundWrap: document.querySelector("[data-sound-wrap]"),
    keys: document.querySelector("[data-keys]")
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
  var STATUS_CLEAR_MS = 8000;
  var BEEP_GAP_MS = 1500;
  var SOUND_KEY = "salon.console.sound";
  var REVIEW = "review"; // the key of the "Messages à relire" row
  var STAFF_ROLES = ["professional", "cfa", "counsellor", "ambassador", "organiser"];
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60rem)") : null;

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

  function clear(el) {
    while (el.firstChild) {
      el.removeChild(el.firstChild);
    }
  }

  function isWide() {
    return !wide || wide.matches;
  }

  function pageVisible() {
    return document.visibilityState !== "hidden";
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

  var statusTimer = null;

  // For screen readers (the region is visually hidden); cleared after a while so that no stale text stays.
  function announce(text) {
    if (!els.status) {
      return;
    }
    if (statusTimer) {
      clearTimeout(statusTimer);
    }
    els.status.textContent = "";
    setTimeout(function () {
      els.status.textContent = text;
    }, 50);
    statusTimer = setTimeout(function () {
      statusTimer = null;
      els.status.textContent = "";
    }, STATUS_CLEAR_MS);
  }

  function unreadBadge(count, label) {
    var badge = make("span", "badge badge-unread");
    badge.appendChild(make("span", null, String(count))).setAttribute("aria-hidden", "true");
    badge.appendChild(
      make("span", "visually-hidden", label || t(count === 1 ? "unread_one" : "unread_many", { num: count }))
    );
    return badge;
  }

  /* ---------- Read / last seq bookkeeping (threads and public rooms alike) ---------- */

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

  /* ---------- Conversations ---------- */

  var convs = Object.create(null); // room (or REVIEW) -> conversation
  var selected = "";
  var baseline = false; // the first console:state sets what is already known: no alert for it

  function isThread(conv) {
    return conv.kind === "thread";
  }

  function takerOf(conv) {
    var d = conv.data;
    return isThread(conv) && d.taken_by && typeof d.taken_by === "object" ? d.taken_by : null;
  }

  function isWaiting(conv) {
    return isThread(conv) && conv.data.state === "waiting";
  }

  function threadTitle(conv) {
    return t("thread_title", { name: nameOf(conv.data.pupil), stand: conv.data.stand_name || "" });
  }

  function titleOf(conv) {
    if (conv.kind === REVIEW) {
      return t("review_title");
    }
    return isThread(conv) ? nameOf(conv.data.pupil) : conv.data.title || conv.room;
  }

  function svg(name) {
    return S.icon(name);
  }

  // A public room's row shows its stand's face (logo, else initials mark, from console:state); a private
  // question a pupil icon; the review row a hand.
  function paintMark(conv) {
    var mark = conv.mark;
    var data = conv.data || {};
    var stand = conv.kind !== REVIEW && !isThread(conv);
    while (mark.firstChild) {
      mark.removeChild(mark.firstChild);
    }
    mark.className = "inbox-mark";
    if (stand && typeof data.logo_url === "string" && data.logo_url.indexOf("/media/") === 0) {
      var logo = document.createElement("img");
      logo.className = "inbox-logo";
      logo.src = data.logo_url;
      logo.alt = ""; // decorative: the row's title names the stand
      mark.appendChild(logo);
    } else if (stand && typeof data.initials === "string" && data.initials) {
      mark.classList.add("stand-mark", "mark-" + ((Number(data.mark_colour) || 0) % 6));
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = data.initials;
    } else {
      mark.appendChild(svg(conv.kind === REVIEW ? "hand" : isThread(conv) ? "user" : "users"));
    }
  }

  function buildRow(conv) {
    var li = make("li", "inbox-item");
    li.setAttribute("data-conv", conv.room);
    li.setAttribute("data-kind", conv.kind);
    var button = make("button", "inbox-row");
    button.type = "button";
    button.setAttribute("data-open", "");
    var mark = make("span", "inbox-mark");
    conv.mark = mark;
    paintMark(conv);
    button.appendChild(mark);
    var body = make("span", "inbox-body");
    var top = make("span", "inbox-top");
    var title = make("span", "inbox-title");
    var when = make("span", "inbox-time");
    top.appendChild(title);
    top.appendChild(when);
    var kindLine = make("span", "inbox-kind");
    var kind = make("span", "inbox-kind-text");
    var unread = make("span", "inbox-unread");
    kindLine.appendChild(kind);
    kindLine.appendChild(unread);
    var state = make("span", "inbox-state");
    var preview = make("span", "inbox-preview");
    body.appendChild(top);
    body.appendChild(kindLine);
    body.appendChild(state);
    body.appendChild(preview);
    button.appendChild(body);
    li.appendChild(button);
    conv.li = li;
    conv.button = button;
    conv.parts = { title: title, when: when, kind: kind, unread: unread, state: state, preview: preview };
    button.addEventListener("click", function () {
      // Wide screens keep the focus on the row (j / k go on from there); small ones show the pane instead.
      select(conv.room, { user: true, focus: isWide() ? "" : "title" });
    });
    return conv;
  }

  function newConv(room, kind, data) {
    var conv = { room: room, kind: kind, data: data || {}, notified: false, announcement: "", panel: null, busy: false };
    convs[room] = buildRow(conv);
    return conv;
  }

  var lastMessages = Object.create(null); // room -> {author, text, ts, hidden}

  function setLast(room, last) {
    if (!last || typeof last !== "object") {
      return;
    }
    var known = lastMessages[room];
    if (known && time(known.ts) > time(last.ts)) {
      return;
    }
    lastMessages[room] = last;
  }

  function waitingText(conv) {
    if (!isWaiting(conv)) {
      return "";
    }
    var since = time(conv.data.waiting_since);
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

  function previewText(room) {
    var last = lastMessages[room];
    if (!last) {
      return t("preview_none");
    }
    var text = last.hidden || !last.text ? t("preview_hidden") : String(last.text).replace(/\s+/g, " ");
    var author = last.author && typeof last.author === "object" ? last.author : {};
    if (isMe(author)) {
      return t("preview_you", { text: text });
    }
    var conv = convs[room];
    var pupil = conv && isThread(conv) && conv.data.pupil ? conv.data.pupil : null;
    if (pupil && author.id !== undefined && String(author.id) === String(pupil.id)) {
      return text; // the row is already named after the pupil
    }
    return t("preview_author", { name: nameOf(author), text: text });
  }

  function activityOf(conv) {
    var last = lastMessages[conv.room];
    return Math.max(last ? time(last.ts) : 0, isThread(conv) ? time(conv.data.last_activity) : 0);
  }

  function clockOf(ms) {
    if (!ms) {
      return "";
    }
    var d = new Date(ms);
    var now = new Date();
    if (d.toDateString() !== now.toDateString()) {
      return pad2(d.getDate()) + "/" + pad2(d.getMonth() + 1);
    }
    return D.hhmm(d);
  }

  function stateChips(conv, into) {
    // Private question: its state, for how long it waits, who took it. Shared by the row and the pane.
    clear(into);
    var d = conv.data;
    var state = d.state === "waiting" || d.state === "answered" ? d.state : "new";
    var badge = make("span", "chip chip-" + state, t("thread_state_" + state));
    var wait = waitingText(conv);
    if (wait) {
      badge.appendChild(document.createTextNode(" " + wait));
    }
    into.appendChild(badge);
    var taker = takerOf(conv);
    if (taker) {
      into.appendChild(document.createTextNode(" "));
      var mine = isMe(taker);
      into.appendChild(
        make("span", "chip chip-taken" + (mine ? " is-mine" : ""), mine ? t("taken_by_you") : t("taken_by", { name: nameOf(taker) }))
      );
    }
    if (conv.notified) {
      into.appendChild(document.createTextNode(" "));
      into.appendChild(make("span", "chip chip-new", t("thread_new_badge")));
    }
  }

  function renderRow(conv) {
    var p = conv.parts;
    var count = conv.kind === REVIEW ? heldCount() : unreadOf(conv.room);
    setText(p.title, titleOf(conv));
    if (p.unread.getAttribute("data-count") !== String(count)) {
      p.unread.setAttribute("data-count", String(count));
      clear(p.unread);
      if (count > 0) {
        var label =
          conv.kind === REVIEW ? t(count === 1 ? "review_some_one" : "review_some_many", { num: count }) : "";
        p.unread.appendChild(unreadBadge(count, label));
      }
    }
    if (conv.kind === REVIEW) {
      setText(p.kind, t("review_kind"));
      setText(p.when, "");
      setText(p.state, "");
      p.state.hidden = true;
      var n = heldCount();
      setText(p.preview, n ? t(n === 1 ? "review_some_one" : "review_some_many", { num: n }) : t("review_none"));
    } else if (isThread(conv)) {
      setText(p.kind, t("kind_private") + " · " + (conv.data.stand_name || ""));
      setText(p.when, clockOf(activityOf(conv)));
      p.state.hidden = false;
      stateChips(conv, p.state);
      setText(p.preview, previewText(conv.room));
    } else {
      setText(p.kind, t("kind_public") + (conv.data.event ? " · " + conv.data.event : ""));
      setText(p.when, clockOf(activityOf(conv)));
      setText(p.state, "");
      p.state.hidden = true;
      setText(p.preview, previewText(conv.room));
    }
    if (selected === conv.room) {
      conv.button.setAttribute("aria-current", "true");
    } else {
      conv.button.removeAttribute("aria-current");
    }
    conv.li.classList.toggle("is-selected", selected === conv.room);
    conv.li.classList.toggle("is-unread", count > 0);
    conv.li.classList.toggle("is-waiting", isWaiting(conv) && !takerOf(conv));
    conv.li.classList.toggle("is-new", conv.notified);
  }

  // Waiting private questions, oldest first; then unread conversations, latest first; then the rest,
  // latest first (public rooms without any message by name). "Messages à relire" stays last.
  function rank(conv) {
    if (conv.kind === REVIEW) {
      return 3;
    }
    if (isWaiting(conv)) {
      return 0;
    }
    return unreadOf(conv.room) > 0 ? 1 : 2;
  }

  function sortKey(conv) {
    return {
      rank: rank(conv),
      waiting: time(conv.data.waiting_since),
      id: num(conv.data.id),
      activity: activityOf(conv),
      title: titleOf(conv)
    };
  }

  // The open conversation keeps the place it had when it was opened (reading it, answering it or taking it
  // would otherwise move it under the cursor, and j / k would skip or repeat rows); it moves once left.
  var frozen = null; // {room, key}

  function keyOf(conv) {
    return frozen && frozen.room === conv.room ? frozen.key : sortKey(conv);
  }

  function compare(a, b) {
    var ka = keyOf(a);
    var kb = keyOf(b);
    if (ka.rank !== kb.rank) {
      return ka.rank - kb.rank;
    }
    if (ka.rank === 0) {
      return ka.waiting - kb.waiting || ka.id - kb.id;
    }
    return kb.activity - ka.activity || ka.title.localeCompare(kb.title, "fr");
  }

  function listed() {
    return Object.keys(convs)
      .map(function (room) {
        return convs[room];
      })
      .filter(function (conv) {
        return !isThread(conv) || conv.data.state !== "new" || conv.room === selected;
      })
      .sort(compare);
  }

  function renderList() {
    var list = listed();
    var active = document.activeElement;
    var hadFocus = active && els.list.contains(active) ? active : null;
    // Move only what is out of place: moving a node would drop the keyboard focus inside it.
    var current = Array.prototype.slice.call(els.list.children);
    var same =
      current.length === list.length &&
      list.every(function (conv, i) {
        return current[i] === conv.li;
      });
    if (!same) {
      current.forEach(function (li) {
        var room = li.getAttribute("data-conv");
        if (!convs[room] || list.indexOf(convs[room]) < 0) {
          els.list.removeChild(li);
        }
      });
      list.forEach(function (conv, i) {
        var at = els.list.children[i];
        if (at !== conv.li) {
          els.list.insertBefore(conv.li, at || null);
        }
      });
      if (hadFocus && document.activeElement !== hadFocus && document.contains(hadFocus)) {
        hadFocus.focus();
      }
    }
    list.forEach(renderRow);
    renderSummary(list);
    renderPane();
    renderAlert();
    updateTitle();
  }

  function renderSummary(list) {
    if (!els.summary) {
      return;
    }
    var waiting = list.filter(function (conv) {
      return isWaiting(conv) && !takerOf(conv);
    }).length;
    setText(
      els.summary,
      waiting ? t(waiting === 1 ? "summary_waiting_one" : "summary_waiting_many", { num: waiting }) : t("summary_calm")
    );
    els.summary.classList.toggle("is-waiting", waiting > 0);
  }

  /* ---------- The open conversation ---------- */

  function hideOtherPanels(keep) {
    Object.keys(convs).forEach(function (room) {
      var panel = room === keep ? null : S.panel(room);
      if (panel) {
        panel.root.hidden = true;
      }
    });
  }

  function renderPane() {
    var conv = selected ? convs[selected] : null;
    if (els.placeholder) {
      els.placeholder.hidden = !!conv;
    }
    if (els.reviewBox) {
      els.reviewBox.hidden = !(conv && conv.kind === REVIEW);
    }
    if (!conv) {
      setText(els.title, t("no_conversation"));
      setText(els.kind, "");
      els.paneStatus.hidden = true;
      els.actions.hidden = true;
      return;
    }
    setText(els.title, titleOf(conv));
    clear(els.kind);
    els.kind.appendChild(svg(conv.kind === REVIEW ? "hand" : isThread(conv) ? "user" : "users"));
    var parts = [];
    if (conv.kind === REVIEW) {
      parts.push(t("review_kind"));
    } else if (isThread(conv)) {
      parts.push(t("kind_private"), conv.data.stand_name || "");
      if (conv.data.class_label) {
        parts.push(conv.data.class_label);
      }
    } else {
      parts.push(t("kind_public"));
      if (conv.data.event) {
        parts.push(conv.data.event);
      }
    }
    els.kind.appendChild(make("span", null, parts.filter(Boolean).join(" · ")));
    if (!isThread(conv)) {
      els.paneStatus.hidden = true;
      els.actions.hidden = true;
      return;
    }
    els.paneStatus.hidden = false;
    stateChips(conv, els.paneStatus);
    if (!takerOf(conv) && conv.data.state === "waiting") {
      els.paneStatus.appendChild(document.createTextNode(" "));
      els.paneStatus.appendChild(make("span", "pane-untaken", t("not_taken")));
    }
    var taker = takerOf(conv);
    var mine = !!taker && isMe(taker);
    var name = nameOf(conv.data.pupil);
    els.take.setAttribute("aria-label", t("take_label", { name: name }));
    els.release.setAttribute("aria-label", t("release_label", { name: name }));
    // Keep the focus when a button disappears: it moves to the one that replaces it.
    var focused = document.activeElement;
    els.take.hidden = !!taker;
    els.release.hidden = !mine;
    els.actions.hidden = els.take.hidden && els.release.hidden;
    if (focused === els.take && els.take.hidden) {
      if (!focusAnswer(conv)) {
        els.title.focus();
      }
    } else if (focused === els.release && els.release.hidden) {
      (els.take.hidden ? els.title : els.take).focus();
    }
  }

  function setView(view) {
    root.setAttribute("data-view", view);
  }

  // Opens a conversation in the pane. options: user (chosen by the person: on a small screen the pane
  // replaces the list), focus: "row" | "title" | "answer" | "" (where the keyboard focus goes).
  function select(room, options) {
    options = options || {};
    var conv = convs[room];
    if (!conv) {
      return;
    }
    if (selected !== room) {
      frozen = { room: room, key: sortKey(conv) };
    }
    selected = room;
    hideOtherPanels(conv.kind === REVIEW ? "" : room);
    if (conv.kind === REVIEW) {
      conv.panel = null;
    } else {
      conv.panel = S.openPanel(room, isThread(conv) ? threadTitle(conv) : null, isThread(conv) ? els.area : els.roomArea, {
        focus: false
      });
      if (!conv.panel) {
        showError(t("action_failed"));
      } else {
        staffWording(conv.panel);
      }
    }
    if (conv.notified) {
      conv.notified = false;
    }
    if (options.user) {
      setView("conversation");
    }
    renderList();
    if (options.focus === "row" && isWide()) {
      conv.button.focus();
    } else if (options.focus === "answer") {
      if (!focusAnswer(conv)) {
        els.title.focus();
      }
    } else if (options.focus) {
      els.title.focus();
    }
  }

  function focusAnswer(conv) {
    var panel = conv && conv.panel;
    var textarea = panel && panel.root.querySelector("textarea");
    if (!textarea || textarea.closest("[hidden]")) {
      return false;
    }
    textarea.focus();
    return true;
  }

  // The panels' shared template speaks to pupils; on the console it speaks to staff.
  function staffWording(panel) {
    if (panel.root.getAttribute("data-staff-wording")) {
      return;
    }
    panel.root.setAttribute("data-staff-wording", "true");
    var empty = panel.root.querySelector("[data-empty]");
    if (empty) {
      setText(empty, t("panel_empty"));
    }
    var hint = panel.root.querySelector("[data-form] .hint");
    if (hint) {
      setText(hint, t("panel_hint"));
    }
  }

  if (els.back) {
    els.back.addEventListener("click", function () {
      setView("list");
      var conv = selected && convs[selected];
      if (conv) {
        conv.button.focus();
      }
    });
  }

  /* ---------- Alerts: banner, title, sound ---------- */

  var baseTitle = document.title;

  function notifiedConvs() {
    return Object.keys(convs)
      .map(function (room) {
        return convs[room];
      })
      .filter(function (conv) {
        return conv.notified;
      })
      .sort(compare);
  }

  function renderAlert() {
    if (!els.alert) {
      return;
    }
    var pending = notifiedConvs();
    var key = pending
      .map(function (conv) {
        return conv.room + ":" + (conv.announcement || "");
      })
      .join(",");
    if (els.alert.getAttribute("data-key") === key) {
      return;
    }
    els.alert.setAttribute("data-key", key);
    clear(els.alert);
    if (!pending.length) {
      return;
    }
    var first = pending[0];
    els.alert.appendChild(svg("bell"));
    var text =
      pending.length === 1 ? first.announcement || threadTitle(first) : t("alert_many", { num: pending.length });
    els.alert.appendChild(make("span", "console-alert-text", text));
    var open = make("button", "button button-small", t("alert_open"));
    open.type = "button";
    open.setAttribute("aria-label", t("alert_open_label", { name: nameOf(first.data.pupil) }));
    open.addEventListener("click", function () {
      select(first.room, { user: true, focus: "answer" });
    });
    els.alert.appendChild(open);
  }

  function needsMe(conv) {
    if (conv.kind === REVIEW) {
      return heldCount() > 0;
    }
    var taker = takerOf(conv);
    if (taker && !isMe(taker)) {
      return false; // a colleague's
    }
    return conv.notified || unreadOf(conv.room) > 0;
  }

  function updateTitle() {
    var n = Object.keys(convs).filter(function (room) {
      return needsMe(convs[room]);
    }).length;
    var wanted = n > 0 ? t("title_count", { num: n, title: baseTitle }) : baseTitle;
    if (document.title !== wanted) {
      document.title = wanted;
    }
  }

  var audio = null;
  var interacted = false;
  var lastBeep = 0;

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
    var now = Date.now();
    if (!interacted || !audio || !soundWanted() || now - lastBeep < BEEP_GAP_MS) {
      return;
    }
    lastBeep = now;
    try {
      if (audio.state === "suspended" && typeof audio.resume === "function") {
        audio.resume();
      }
      var at = audio.currentTime;
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.setValueAtTime(880, at);
      osc.frequency.setValueAtTime(1175, at + 0.12);
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.32);
    } catch (e) {
      // No sound: the banner and the title still tell.
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

  function watching(room) {
    return selected === room && pageVisible() && (isWide() || root.getAttribute("data-view") === "conversation");
  }

  // A new message someone else wrote, in a conversation the caller is not reading: beep for pupils' and
  // teachers' messages (colleagues answering make no sound).
  function soundFor(room, author) {
    if (!author || isMe(author) || STAFF_ROLES.indexOf(author.role) >= 0 || watching(room)) {
      return;
    }
    beep();
  }

  function notify(conv, isNew) {
    conv.notified = true;
    var vars = { name: nameOf(conv.data.pupil), stand: conv.data.stand_name || "" };
    conv.announcement = t(isNew ? "announce_new_thread" : "announce_waiting_again", vars);
    beep();
  }

  /* ---------- Merging thread data ---------- */

  function mergeThread(data, fromState) {
    if (!data || typeof data !== "object" || typeof data.room !== "string" || !data.room) {
      return null;
    }
    var room = data.room;
    var conv = convs[room];
    var isNew = !conv;
    var before = conv ? conv.data.state : null;
    if (!conv) {
      conv = newConv(room, "thread", {});
    }
    var c = countsOf(room);
    var previousLast = c.last;
    Object.keys(data).forEach(function (key) {
      if (key !== "unread") {
        conv.data[key] = data[key];
      }
    });
    if (data.last_message) {
      setLast(room, data.last_message);
    }
    if (fromState && hasOwn.call(data, "unread")) {
      mergeServerCounts(room, data.last_seq, data.unread);
    } else {
      c.last = Math.max(c.last, num(data.last_seq));
      if (isNew) {
        c.known = true; // a thread met for the first time through thread:updated: all of it is unread
      }
    }

    var waiting = conv.data.state === "waiting";
    if (!waiting || takerOf(conv)) {
      conv.notified = false; // answered, or someone (the caller or a colleague) took it
    } else if (baseline && (isNew || before !== "waiting") && !watching(room)) {
      notify(conv, isNew || before === "new");
    }
    if (baseline && !fromState && num(data.last_seq) > previousLast && data.last_message) {
      soundFor(room, data.last_message.author);
    }
    return conv;
  }

  function applyState(ack) {
    var seen = Object.create(null);
    (Array.isArray(ack.threads) ? ack.threads : []).forEach(function (data) {
      var conv = mergeThread(data, true);
      if (conv) {
        seen[conv.room] = true;
      }
    });
    // Threads gone from the state (no longer ours) leave the list, except the one open.
    Object.keys(convs).forEach(function (room) {
      if (isThread(convs[room]) && !seen[room] && room !== selected) {
        var li = convs[room].li;
        if (li.parentNode) {
          li.parentNode.removeChild(li);
        }
        delete convs[room];
      }
    });
    (Array.isArray(ack.rooms) ? ack.rooms : []).forEach(function (r) {
      if (r && typeof r.room === "string" && convs[r.room] && !isThread(convs[r.room])) {
        mergeServerCounts(r.room, r.last_seq, r.unread);
        if (r.last_message) {
          setLast(r.room, r.last_message);
        }
        var face = convs[r.room];
        face.data.logo_url = r.logo_url || null;
        face.data.initials = r.initials || "";
        face.data.mark_colour = r.mark_colour;
        paintMark(face);
      }
    });
    var first = !baseline;
    baseline = true;
    root.setAttribute("data-loaded", "true"); // the list holds the server's state (tests wait for it)
    renderList();
    if (first && !selected && isWide()) {
      // A wide screen shows a conversation at once: the first public room (opening a private question
      // is the person's choice).
      var room = listed().filter(function (conv) {
        return conv.kind === "room";
      })[0];
      if (room) {
        select(room.room, {});
      }
    }
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
          showError(t("state_failed"));
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
        hideError();
        applyState(ack);
      },
      10000
    );
  }

  /* ---------- Taking, releasing ---------- */

  function takeOrRelease(conv, action) {
    if (!conv || !isThread(conv) || conv.busy) {
      return;
    }
    conv.busy = true;
    hideError();
    var button = action === "take" ? els.take : els.release;
    button.setAttribute("aria-disabled", "true");
    S.emit("thread:" + action, { room: conv.room }, function (err, ack) {
      conv.busy = false;
      button.removeAttribute("aria-disabled");
      if (!err && ack && ack.ok === true) {
        if (ack.thread) {
          mergeThread(ack.thread, false);
        }
        var name = nameOf(conv.data.pupil);
        announce(t(action === "take" ? "taken_done" : "released_done", { name: name }));
        if (action === "take") {
          select(conv.room, { user: true, focus: "answer" });
        } else {
          renderList();
        }
        return;
      }
      // `conflict` names the colleague who already took it.
      showError((!err && ackError(ack)) || t("action_failed"));
    });
  }

  els.take.addEventListener("click", function () {
    if (els.take.getAttribute("aria-disabled") !== "true") {
      takeOrRelease(convs[selected], "take");
    }
  });
  els.release.addEventListener("click", function () {
    if (els.release.getAttribute("aria-disabled") !== "true") {
      takeOrRelease(convs[selected], "release");
    }
  });

  /* ---------- Held messages to review ---------- */

  var held = Object.create(null); // message id -> li

  function heldCount() {
    return Object.keys(held).length;
  }

  function roomLabel(room) {
    var conv = convs[room];
    if (!conv) {
      return room;
    }
    return isThread(conv) ? threadTitle(conv) : titleOf(conv);
  }

  function updateReview() {
    if (els.reviewEmpty) {
      els.reviewEmpty.hidden = heldCount() > 0;
    }
    renderList();
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
    updateReview();
    if (message) {
      announce(message);
    }
    if (focusNext) {
      var target = next ? next.querySelector("button") : els.title;
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
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(make("span", "msg-role", D.roleLabel(author, t)));
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
    updateReview();
    announce(t("announce_held"));
    beep();
  }

  /* ---------- Keyboard shortcuts ---------- */

  function typingIn(el) {
    if (!el || el === document.body) {
      return false;
    }
    var tag = el.tagName;
    return el.isContentEditable || tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT";
  }

  function step(delta) {
    var list = listed();
    if (!list.length) {
      return;
    }
    var at = list.indexOf(convs[selected]);
    var next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
    select(list[next].room, { user: true, focus: isWide() ? "row" : "title" });
  }

  function nextUnread() {
    var list = listed();
    var at = list.indexOf(convs[selected]);
    for (var i = 1; i <= list.length; i++) {
      var conv = list[(at + i + list.length) % list.length];
      if (conv.room !== selected && (needsMe(conv) || (isWaiting(conv) && !takerOf(conv)))) {
        select(conv.room, { user: true, focus: isWide() ? "row" : "title" });
        return;
      }
    }
  }

  function toggleKeys() {
    if (!els.keys) {
      return;
    }
    els.keys.open = !els.keys.open;
    var summary = els.keys.querySelector("summary");
    if (summary) {
      summary.focus();
    }
  }

  var SHORTCUTS = {
    j: function () {
      step(1);
    },
    k: function () {
      step(-1);
    },
    n: nextUnread,
    t: function () {
      var conv = convs[selected];
      if (conv && isThread(conv) && !takerOf(conv)) {
        takeOrRelease(conv, "take");
      }
    },
    r: function () {
      var conv = convs[selected];
      if (conv && conv.kind !== REVIEW) {
        setView("conversation");
        focusAnswer(conv);
      }
    },
    "?": toggleKeys
  };

  document.addEventListener("keydown", function (ev) {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.isComposing || typingIn(ev.target)) {
      return;
    }
    var action = null;
    if (ev.key === "Escape" && els.keys && els.keys.open) {
      els.keys.open = false;
      var summary = els.keys.querySelector("summary");
      if (summary) {
        summary.focus();
      }
      return;
    }
    if (ev.altKey) {
      if (ev.key === "ArrowDown") {
        action = SHORTCUTS.j;
      } else if (ev.key === "ArrowUp") {
        action = SHORTCUTS.k;
      }
    } else if (hasOwn.call(SHORTCUTS, ev.key) && (ev.key === "?" || !ev.shiftKey)) {
      action = SHORTCUTS[ev.key];
    }
    if (!action) {
      return;
    }
    ev.preventDefault();
    action();
  });

  /* ---------- Wiring ---------- */

  // The public rooms: one row per panel the page holds.
  Array.prototype.forEach.call(els.roomArea.querySelectorAll(".chat[data-room]"), function (el) {
    var room = el.getAttribute("data-room");
    var title = el.querySelector(".chat-title");
    var event = el.querySelector(".chat-event");
    newConv(room, "room", {
      title: title ? title.textContent.trim() : room,
      event: event ? event.textContent.trim() : ""
    });
    el.hidden = true; // until it is chosen; chat.js keeps it joined
    var panel = S.panel(room);
    if (panel) {
      staffWording(panel);
    }
  });
  newConv(REVIEW, REVIEW, {});
  setView("list");

  S.on("message", function (room, m) {
    var c = counts[room];
    if (!c || !m || typeof m.seq !== "number") {
      return;
    }
    var fresh = c.known && m.seq > c.last;
    c.last = Math.max(c.last, m.seq);
    if (m.author && isMe(m.author) && c.read >= m.seq - 1) {
      c.read = Math.max(c.read, m.seq); // our own message is read
    }
    if (!m.held) {
      setLast(room, {
        author: m.author,
        text: m.hidden ? "" : m.text,
        ts: m.ts,
        hidden: !!m.hidden
      });
    }
    if (fresh && baseline && !m.hidden) {
      soundFor(room, m.author);
    }
    if (convs[room]) {
      renderList();
    }
  });

  S.on("read", function (room, seq) {
    var c = countsOf(room);
    c.read = Math.max(c.read, seq);
    c.last = Math.max(c.last, seq);
    if (convs[room]) {
      renderList();
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
    Object.keys(convs).forEach(function (room) {
      if (isWaiting(convs[room])) {
        renderRow(convs[room]);
      }
    });
    renderPane();
  }, TICK_MS);

  document.addEventListener("visibilitychange", function () {
    var conv = selected && convs[selected];
    if (pageVisible() && conv && conv.notified) {
      conv.notified = false;
      renderList();
    }
  });

  if (wide && typeof wide.addEventListener === "function") {
    wide.addEventListener("change", renderList);
  }

  renderList();
})();
