/*
 * Salon — a talk's page and its speaker view, live (sessions/talk.html, sessions/speaker.html).
 *
 * Plain ES2017, no build step; needs static/js/salon-dom.js (global `SalonDom`) and the socket.io-client
 * bundle (global `io`), all loaded with `defer`. User data is only ever written with textContent.
 *
 *   - the state: a countdown to the start computed from data-starts (without JavaScript the page says
 *     "Commence à 14 h 00"), then "En direct" at the start and "Terminé" at the end, without a reload, from
 *     the clock or from the server's `talk:state` {room, state}, whichever comes first; the stream shows
 *     while live, the replay once ended;
 *   - the Q&A: after `room:join`, `question:list` {room} answers the questions as this viewer sees them
 *     (and which ones they voted for); live `question:new` / `question:update` (a question), coalesced
 *     `question:votes` {room, votes: {id: n}} (counts only grow: the highest wins). Events that arrive
 *     while a list is on its way are applied again after it. After a reconnect the page lists again;
 *   - asking: `question:ask` {room, text, client_id} with an 8 s ack timeout, retried with the same
 *     client_id (the server answers the same question); the asker's pending ones show "En attente de
 *     validation"; voting: `question:vote` {question_id}, the button is disabled once voted;
 *   - the speaker view (data-speaker): Valider / Refuser / Épingler / Détacher / Marquer répondue
 *     (`question:moderate`), a written answer (`question:answer`), and the audience from `presence`.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-talk]");
  var D = window.SalonDom;
  if (!root || !D) {
    return;
  }

  // French defaults; the page's strings (sessions.talk_views.page_strings) win.
  var t = D.translator({
    connecting: "Connexion aux questions…",
    connected: "Questions en direct",
    reconnecting: "Connexion perdue. Reconnexion en cours…",
    connect_error: "Impossible de joindre le serveur pour l'instant. Nouvel essai automatique…",
    pending: "En attente de validation",
    rejected: "Refusée",
    answered: "Répondue",
    pinned: "Épinglée",
    vote: "+1",
    vote_label: "Voter pour cette question",
    voted_label: "Vous avez voté pour cette question",
    votes_one: "%(num)d vote",
    votes_many: "%(num)d votes",
    empty: "Aucune question pour l'instant.",
    sending: "Envoi…",
    sent_pending: "Question envoyée : elle paraîtra quand l'intervenant l'aura validée.",
    sent: "Question envoyée.",
    held: "Votre question a été retenue par le filtre du salon.",
    failed: "La question n'a pas pu être envoyée. Réessayez.",
    chars_left: "%(num)d caractères restants",
    state_upcoming: "À venir",
    state_live: "En direct",
    state_ended: "Terminé",
    countdown: "Commence dans %(time)s",
    countdown_soon: "Commence dans un instant",
    starts_at: "Commence à %(time)s",
    approve: "Valider",
    reject: "Refuser",
    pin: "Épingler",
    unpin: "Détacher",
    mark_answered: "Marquer répondue",
    answer: "Répondre par écrit",
    answer_send: "Publier la réponse",
    answer_label: "Votre réponse à cette question",
    audience_one: "%(num)d personne connectée",
    audience_many: "%(num)d personnes connectées",
    role_pupil: "Élève",
    by: "par %(name)s",
    answer_by: "Réponse de %(name)s",
    redacted: "(certaines informations ont été masquées)",
    refused: "Action refusée.",
    qa_ended: "La conférence est terminée : les questions sont fermées."
  });
  var make = D.make;
  var setText = D.setText;
  var room = root.getAttribute("data-room");
  var speaker = root.hasAttribute("data-speaker");
  var moderator = root.hasAttribute("data-moderator");
  var userId = parseInt(root.getAttribute("data-user-id") || "", 10);
  var starts = D.parseIso(root.getAttribute("data-starts"));
  var ends = D.parseIso(root.getAttribute("data-ends"));
  var QA_OPENS_BEFORE = 15 * 60 * 1000;
  var MAX_TEXT = 500;

  var list = root.querySelector("[data-questions]");
  var empty = root.querySelector("[data-qa-empty]");
  var statusLine = root.querySelector("[data-qa-status]");
  var form = root.querySelector("[data-ask-form]");
  var askError = root.querySelector("[data-ask-error]");
  var closedNote = root.querySelector("[data-qa-closed]");

  /* ---------- State of the talk ---------- */

  var state = root.getAttribute("data-state") || "upcoming";
  var ORDER = { upcoming: 0, live: 1, ended: 2 };

  function setState(next) {
    if (!(next in ORDER) || next === state) {
      return;
    }
    state = next;
    root.setAttribute("data-state", next);
    var badge = root.querySelector("[data-talk-state]");
    if (badge) {
      badge.className = "badge talk-state talk-state-" + next;
      setText(badge, t("state_" + next));
    }
    var countdown = root.querySelector("[data-countdown]");
    if (countdown) {
      countdown.hidden = next !== "upcoming";
    }
    var stream = root.querySelector("[data-stream]");
    if (stream) {
      stream.hidden = next !== "live";
    }
    var replay = root.querySelector("[data-replay]");
    if (replay) {
      replay.hidden = next !== "ended";
    }
    renderAll();
  }

  function qaOpen(now) {
    return !!(starts && ends) && now >= starts.getTime() - QA_OPENS_BEFORE && now < ends.getTime() &&
      state !== "ended";
  }

  function tick() {
    var now = Date.now();
    if (starts && ends) {
      if (now >= ends.getTime()) {
        setState("ended");
      } else if (now >= starts.getTime() && state === "upcoming") {
        setState("live");
      }
    }
    var countdown = root.querySelector("[data-countdown]");
    if (countdown && state === "upcoming" && starts) {
      var left = Math.max(0, Math.round((starts.getTime() - now) / 1000));
      var h = Math.floor(left / 3600);
      var m = Math.floor((left % 3600) / 60);
      var s = left % 60;
      var text = h > 0 ? h + " h " + D.pad2(m) + " min" : m > 0 ? m + " min " + D.pad2(s) + " s" : s + " s";
      setText(countdown, left > 0 ? t("countdown", { time: text }) : t("countdown_soon"));
    }
    var open = qaOpen(now);
    if (form) {
      form.hidden = !open || !connected;
    }
    if (closedNote) {
      closedNote.hidden = open;
      if (state === "ended") {
        setText(closedNote, t("qa_ended"));
      }
    }
    if (connected && !listing) {
      say(open ? t("connected") : "");
    }
  }

  /* ---------- Questions ---------- */

  var questions = Object.create(null); // id -> question
  var voted = Object.create(null); // id -> true
  var items = Object.create(null); // id -> li

  // The speaker view shows every question to the room's moderators; the talk's page shows everyone (its
  // speakers included) what the audience sees, plus their own pending questions.
  function visible(q) {
    if (q.status === "approved" || (speaker && moderator)) {
      return true;
    }
    return q.status === "pending" && q.author && q.author.id === userId;
  }

  function sortKey(q) {
    var rank = 0;
    if (speaker) {
      rank = q.status === "pending" ? 0 : q.status === "approved" ? 1 : 2;
    }
    return [rank, q.status === "pending" && speaker ? 0 : q.pinned ? 0 : 1,
      q.status === "pending" && speaker ? 0 : -q.votes, q.ts || "", q.id];
  }

  function compare(a, b) {
    var ka = sortKey(a);
    var kb = sortKey(b);
    for (var i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) {
        return -1;
      }
      if (ka[i] > kb[i]) {
        return 1;
      }
    }
    return 0;
  }

  function votesText(n) {
    return t(n === 1 || n === 0 ? "votes_one" : "votes_many", { num: n });
  }

  function badge(cls, text) {
    return make("span", "badge " + cls, text);
  }

  function button(label, action, cls) {
    var b = make("button", "button button-small" + (cls ? " " + cls : ""), label);
    b.type = "button";
    b.setAttribute("data-action", action);
    return b;
  }

  function fill(li, q) {
    var answerForm = li.querySelector("[data-answer-form]");
    li.className = "question question-" + q.status + (q.pinned ? " is-pinned" : "") + (q.answered ? " is-answered" : "");
    li.setAttribute("data-question-id", String(q.id));
    while (li.firstChild) {
      li.removeChild(li.firstChild);
    }
    var meta = make("p", "question-meta");
    meta.appendChild(make("strong", "question-author", q.author && q.author.name ? q.author.name : ""));
    if (q.pinned) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(badge("badge-pinned", t("pinned")));
    }
    if (q.answered) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(badge("badge-answered", t("answered")));
    }
    if (q.status === "pending") {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(badge("badge-pending", t("pending")));
    }
    if (q.status === "rejected") {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(badge("badge-rejected", t("rejected")));
    }
    var count = make("span", "question-votes", votesText(q.votes));
    count.setAttribute("data-votes", "");
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(count);
    li.appendChild(meta);
    li.appendChild(make("p", "question-text", q.text));
    if (q.redacted) {
      li.appendChild(make("p", "msg-note", t("redacted")));
    }
    if (q.answers && q.answers.length) {
      var answers = make("ul", "question-answers");
      q.answers.forEach(function (a) {
        var item = make("li", "question-answer");
        item.appendChild(make("p", "question-answer-by", t("answer_by", { name: a.author ? a.author.name : "" })));
        item.appendChild(make("p", "question-text", a.text));
        answers.appendChild(item);
      });
      li.appendChild(answers);
    }
    var actions = make("div", "question-actions");
    if (q.status === "approved" && !speaker && userId) {
      var mine = !!voted[q.id];
      var vote = button(t("vote"), "vote", "button-secondary question-vote");
      vote.setAttribute("aria-label", mine ? t("voted_label") : t("vote_label"));
      vote.setAttribute("aria-pressed", mine ? "true" : "false");
      vote.disabled = mine || !qaOpen(Date.now());
      actions.appendChild(vote);
    }
    if (speaker) {
      if (q.status !== "approved") {
        actions.appendChild(button(t("approve"), "approve"));
      }
      if (q.status !== "rejected") {
        actions.appendChild(button(t("reject"), "reject", "button-danger"));
      }
      if (q.status === "approved") {
        actions.appendChild(button(q.pinned ? t("unpin") : t("pin"), q.pinned ? "unpin" : "pin", "button-secondary"));
        if (!q.answered) {
          actions.appendChild(button(t("mark_answered"), "answered", "button-secondary"));
        }
        actions.appendChild(button(t("answer"), "write", "button-ghost"));
      }
    }
    if (actions.firstChild) {
      li.appendChild(actions);
    }
    if (answerForm && speaker && q.status === "approved") {
      li.appendChild(answerForm);
    }
  }

  function renderAll() {
    var active = document.activeElement;
    var activeLi = active && active.closest ? active.closest("[data-question-id]") : null;
    var activeAction = active && active.getAttribute ? active.getAttribute("data-action") : null;
    var shown = [];
    Object.keys(questions).forEach(function (id) {
      if (visible(questions[id])) {
        shown.push(questions[id]);
      }
    });
    shown.sort(compare);
    var keep = Object.create(null);
    shown.forEach(function (q, index) {
      var li = items[q.id];
      if (!li) {
        li = make("li");
        items[q.id] = li;
      }
      // Only a question that changed is drawn again: the list is a live region.
      var signature = JSON.stringify([q, !!voted[q.id], qaOpen(Date.now())]);
      if (li.getAttribute("data-signature") !== signature) {
        fill(li, q);
        li.setAttribute("data-signature", signature);
      }
      keep[q.id] = true;
      if (list.children[index] !== li) {
        list.insertBefore(li, list.children[index] || null);
      }
    });
    Array.prototype.slice.call(list.children).forEach(function (li) {
      var id = li.getAttribute("data-question-id");
      if (!keep[id] || items[id] !== li) { // gone, or the server-rendered copy of one drawn here
        list.removeChild(li);
        if (!keep[id]) {
          delete items[id];
        }
      }
    });
    if (empty) {
      empty.hidden = shown.length > 0;
    }
    if (activeLi && document.activeElement !== active) {
      var again = activeAction ? activeLi.querySelector('[data-action="' + activeAction + '"]') : null;
      var target = again || activeLi.querySelector("textarea, button") || null;
      if (target && activeLi.parentNode) {
        target.focus();
      }
    }
  }

  function upsert(q) {
    if (!q || !D.isId(q.id)) {
      return;
    }
    var known = questions[q.id];
    if (known && known.votes > q.votes) {
      q.votes = known.votes; // a coalesced count may be ahead of a question's copy
    }
    questions[q.id] = q;
  }

  /* ---------- Socket ---------- */

  var socket = null;
  var connected = false;
  var listing = false;
  var buffered = [];

  function say(text) {
    setText(statusLine, text);
  }

  function showError(text) {
    if (askError) {
      setText(askError, text);
      askError.hidden = !text;
    }
  }

  function onQuestion(q) {
    if (listing) {
      buffered.push(q);
      return;
    }
    upsert(q);
    renderAll();
  }

  function relist() {
    listing = true;
    buffered = [];
    socket.timeout(10000).emit("room:join", { room: room }, function () {
      socket.timeout(10000).emit("question:list", { room: room }, function (err, ack) {
        listing = false;
        if (err || !ack || !ack.ok) {
          say(D.ackError(ack) || t("connect_error"));
          return;
        }
        questions = Object.create(null);
        (ack.voted || []).forEach(function (id) {
          voted[id] = true;
        });
        (ack.questions || []).forEach(upsert);
        buffered.forEach(upsert);
        buffered = [];
        moderator = moderator || !!ack.moderator;
        renderAll();
        tick();
      });
    });
  }

  function randomId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  // Emit with an ack; on a timeout try again with the same payload (the client_id makes it safe).
  function call(event, payload, done, attempt) {
    attempt = attempt || 1;
    socket.timeout(8000).emit(event, payload, function (err, ack) {
      if (err && attempt < 5) {
        setTimeout(function () {
          call(event, payload, done, attempt + 1);
        }, 2000);
        return;
      }
      done(err ? null : ack);
    });
  }

  function start() {
    // Sockets need an account: anonymous visitors read the page, and its state follows the clock.
    if (typeof window.io !== "function" || !room || !userId) {
      return;
    }
    say(t("connecting"));
    socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });
    window.SalonSocket = socket; // static/js/reminders.js listens on it
    socket.on("connect", function () {
      connected = true;
      relist();
    });
    socket.on("disconnect", function () {
      connected = false;
      say(t("reconnecting"));
      tick();
    });
    socket.on("connect_error", function () {
      say(t("connect_error"));
    });
    socket.on("question:new", onQuestion);
    socket.on("question:update", onQuestion);
    socket.on("question:votes", function (data) {
      if (!data || data.room !== room || !data.votes) {
        return;
      }
      Object.keys(data.votes).forEach(function (id) {
        var q = questions[id];
        var n = data.votes[id];
        if (q && typeof n === "number" && n > q.votes) {
          q.votes = n;
        }
      });
      if (!listing) {
        renderAll();
      }
    });
    socket.on("talk:state", function (data) {
      if (data && data.room === room) {
        setState(data.state);
      }
    });
    socket.on("presence", function (data) {
      var out = root.querySelector("[data-audience-text]");
      if (out && data && data.room === room && typeof data.visitors === "number") {
        var n = data.visitors + (data.staff_online ? data.staff_online.length : 0);
        setText(out, t(n === 1 || n === 0 ? "audience_one" : "audience_many", { num: n }));
      }
    });
  }

  /* ---------- Asking and voting ---------- */

  if (form) {
    var box = form.querySelector("textarea");
    var left = form.querySelector("[data-chars-left]");
    box.addEventListener("input", function () {
      setText(left, t("chars_left", { num: Math.max(0, MAX_TEXT - box.value.length) }));
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = box.value.trim();
      if (!text || !socket) {
        return;
      }
      var submit = form.querySelector("button[type=submit]");
      submit.disabled = true;
      showError("");
      say(t("sending"));
      call("question:ask", { room: room, text: text, client_id: randomId() }, function (ack) {
        submit.disabled = false;
        if (!ack || !ack.ok) {
          showError(D.ackError(ack) || t("failed"));
          return;
        }
        box.value = "";
        setText(left, t("chars_left", { num: MAX_TEXT }));
        var q = ack.question;
        if (q.held) {
          say(t("held"));
          return;
        }
        say(q.status === "pending" ? t("sent_pending") : t("sent"));
        upsert(q);
        renderAll();
      });
    });
  }

  function answerForm(li, id) {
    var existing = li.querySelector("[data-answer-form]");
    if (existing) {
      existing.querySelector("textarea").focus();
      return;
    }
    var f = make("form", "qa-form question-answer-form");
    f.setAttribute("data-answer-form", "");
    var fieldId = "reponse-" + id;
    var label = make("label", "", t("answer_label"));
    label.setAttribute("for", fieldId);
    var area = make("textarea");
    area.id = fieldId;
    area.maxLength = MAX_TEXT;
    area.rows = 3;
    area.required = true;
    var send = make("button", "button button-small", t("answer_send"));
    send.type = "submit";
    f.appendChild(label);
    f.appendChild(area);
    f.appendChild(send);
    var clientId = randomId();
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = area.value.trim();
      if (!text) {
        return;
      }
      send.disabled = true;
      call("question:answer", { question_id: id, text: text, client_id: clientId }, function (ack) {
        send.disabled = false;
        if (!ack || !ack.ok) {
          showError(D.ackError(ack) || t("refused"));
          return;
        }
        showError("");
        if (f.parentNode) {
          f.parentNode.removeChild(f);
        }
        upsert(ack.question);
        renderAll();
      });
    });
    li.appendChild(f);
    area.focus();
  }

  list.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target.closest("[data-action]") : null;
    var li = target ? target.closest("[data-question-id]") : null;
    if (!target || !li || !socket) {
      return;
    }
    var id = parseInt(li.getAttribute("data-question-id"), 10);
    var action = target.getAttribute("data-action");
    if (action === "write") {
      answerForm(li, id);
      return;
    }
    if (action === "vote") {
      target.disabled = true;
      call("question:vote", { question_id: id }, function (ack) {
        if (ack && (ack.ok || (ack.error && ack.error.code === "conflict"))) {
          voted[id] = true;
          if (ack.ok && questions[id] && ack.votes > questions[id].votes) {
            questions[id].votes = ack.votes;
          }
        } else {
          showError(D.ackError(ack) || t("refused"));
        }
        renderAll();
      });
      return;
    }
    call("question:moderate", { question_id: id, action: action }, function (ack) {
      if (!ack || !ack.ok) {
        showError(D.ackError(ack) || t("refused"));
        return;
      }
      showError("");
      upsert(ack.question);
      renderAll();
    });
  });

  tick();
  setInterval(tick, 1000);
  start();
})();
