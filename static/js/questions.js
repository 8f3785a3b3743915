/*
 * Salon — CFA Q&A rooms live: a room's page (sessions/qa_room.html) and the CFA staff console
 * (sessions/qa_console.html, one [data-qa-page][data-console] section per room).
 *
 * Plain ES2017, no build step; needs static/js/salon-dom.js (global `SalonDom`) and the socket.io-client
 * bundle (global `io`), loaded with `defer`. User data is only ever written with textContent.
 *
 *   - one socket; per room `room:join` then `question:list` (again after each reconnect), live
 *     `question:new` / `question:update` (a question) and coalesced `question:votes`;
 *   - the room page: asking (`question:ask`, retried with the same client_id), "moi aussi"
 *     (`question:vote`; `conflict` means already said), suggestions of similar questions while typing
 *     (GET /api/qa-rooms/{id}/similar?q=, debounced), answers signed with their CFA, "modifiée",
 *     "Nouvelle réponse" badges as the server rendered them (and on answers arriving live);
 *   - the console: Valider / Refuser (`question:moderate`), "Je m'en occupe" / "Libérer" (`question:claim` /
 *     `question:release`, `conflict` names who holds it), an answer signed with one of the person's CFAs
 *     (`question:answer` {stand_id}), "Marquer résolue" (`question:moderate` resolve), editing one's answer
 *     (`question:answer_edit`).
 */
(function () {
  "use strict";

  var D = window.SalonDom;
  var QA = window.SalonQA; // static/js/qa-core.js, shared with the talk's page (static/js/talk.js)
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-qa-page]"));
  if (!D || !QA || !sections.length) {
    return;
  }
  var t = D.translator({
    connecting: "Connexion aux questions…",
    connected: "Questions en direct",
    reconnecting: "Connexion perdue. Reconnexion en cours…",
    connect_error: "Impossible de joindre le serveur pour l'instant. Nouvel essai automatique…",
    pending: "En attente de validation",
    answered: "Répondue",
    resolved: "Résolue",
    new_answer: "Nouvelle réponse",
    vote: "Moi aussi",
    vote_label: "Moi aussi : j'ai la même question",
    voted_label: "Moi aussi, déjà dit pour cette question",
    votes_one: "%(num)d « moi aussi »",
    votes_many: "%(num)d « moi aussi »",
    sending: "Envoi…",
    sent_pending: "Question envoyée : elle paraîtra quand l'équipe d'un CFA l'aura validée.",
    held: "Votre question a été retenue par le filtre du salon.",
    failed: "La question n'a pas pu être envoyée. Réessayez.",
    chars_left: "%(num)d caractères restants",
    approve: "Valider",
    reject: "Refuser",
    claim: "Je m'en occupe",
    release: "Libérer",
    claimed_by: "Prise en charge par %(name)s jusqu'à %(time)s",
    resolve: "Marquer résolue",
    answer: "Répondre par écrit",
    answer_send: "Publier la réponse",
    answer_label: "Votre réponse à cette question",
    edit: "Modifier",
    edit_send: "Enregistrer la modification",
    sign_as: "Signer au nom de",
    answer_by: "Réponse de %(name)s",
    answer_by_cfa: "Réponse de %(name)s, %(cfa)s",
    edited: "modifiée",
    redacted: "(certaines informations ont été masquées)",
    refused: "Action refusée.",
    waiting: "attend depuis %(time)s"
  });
  var make = D.make;
  var setText = D.setText;
  var MAX_TEXT = 500;
  var statusLine = document.querySelector("[data-qa-status]");
  var errorLine = document.querySelector("[data-ask-error]");
  var socket = null;

  function say(text) {
    if (statusLine) {
      setText(statusLine, text);
    }
  }

  function showError(text) {
    if (errorLine) {
      setText(errorLine, text);
      errorLine.hidden = !text;
    }
  }

  var randomId = QA.randomId;
  var call = QA.caller(function () {
    return socket;
  });

  // As sessions/qa_room_rules.waiting_label: "3 min", "2 h 05", "4 j".
  function waitingLabel(asked) {
    var minutes = Math.max(0, Math.floor((Date.now() - asked.getTime()) / 60000));
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 24 * 60) {
      return Math.floor(minutes / 60) + " h " + D.pad2(minutes % 60);
    }
    return Math.floor(minutes / (24 * 60)) + " j";
  }

  function button(label, action, cls) {
    var b = make("button", "button button-small" + (cls ? " " + cls : ""), label);
    b.type = "button";
    b.setAttribute("data-action", action);
    return b;
  }

  function Room(root) {
    this.root = root;
    this.name = root.getAttribute("data-room");
    this.console = root.hasAttribute("data-console");
    this.userId = parseInt(root.getAttribute("data-user-id") || "", 10);
    this.open = this.console || root.hasAttribute("data-open");
    this.list = root.querySelector("[data-questions]");
    this.empty = root.querySelector("[data-qa-empty]");
    this.questions = Object.create(null);
    this.items = Object.create(null);
    this.voted = Object.create(null);
    this.fresh = Object.create(null); // ids with "Nouvelle réponse" from the server's rendering
    this.signs = [];
    this.listing = false;
    this.buffered = [];
    var self = this;
    try {
      JSON.parse(root.getAttribute("data-voted") || "[]").forEach(function (id) {
        self.voted[id] = true;
      });
      this.signs = JSON.parse(root.getAttribute("data-signs") || "[]");
    } catch (e) {
      this.signs = [];
    }
    Array.prototype.forEach.call(this.list.querySelectorAll(".badge-new"), function (b) {
      var li = b.closest("[data-question-id]");
      if (li) {
        self.fresh[li.getAttribute("data-question-id")] = true;
      }
    });
    this.list.addEventListener("click", function (ev) {
      self.onClick(ev);
    });
  }

  Room.prototype.visible = function (q) {
    if (this.console) {
      return q.status !== "rejected";
    }
    return q.status === "approved" || (q.status === "pending" && q.author && q.author.id === this.userId);
  };

  Room.prototype.sortKey = function (q) {
    if (this.console) {
      // To approve first, then unanswered, then answered; oldest first in each.
      var rank = q.status === "pending" ? 0 : (!q.answered && !q.resolved ? 1 : 2);
      return [rank, q.ts || "", q.id];
    }
    return [-q.votes, q.ts || "", q.id];
  };

  Room.prototype.fill = function (li, q) {
    var self = this;
    li.className = "question question-" + q.status + (q.answered ? " is-answered" : "") +
      (q.resolved ? " is-resolved" : "");
    li.setAttribute("data-question-id", String(q.id));
    while (li.firstChild) {
      li.removeChild(li.firstChild);
    }
    var meta = make("p", "question-meta");
    meta.appendChild(make("strong", "question-author", q.author && q.author.name ? q.author.name : ""));
    function badge(cls, text) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(make("span", "badge " + cls, text));
    }
    if (this.fresh[q.id]) {
      badge("badge-new", t("new_answer"));
    }
    if (q.resolved) {
      badge("badge-answered", t("resolved"));
    } else if (q.answered) {
      badge("badge-answered", t("answered"));
    }
    if (q.status === "pending") {
      badge("badge-pending", t("pending"));
    }
    var count = make("span", "question-votes", t(q.votes < 2 ? "votes_one" : "votes_many", { num: q.votes }));
    count.setAttribute("data-votes", "");
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(count);
    var asked = this.console && !q.answered ? D.parseIso(q.ts) : null;
    if (asked) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(make("span", "question-waiting", t("waiting", { time: waitingLabel(asked) })));
    }
    li.appendChild(meta);
    li.appendChild(make("p", "question-text", q.text));
    if (q.redacted) {
      li.appendChild(make("p", "msg-note", t("redacted")));
    }
    if (q.claimed_by) {
      var until = D.parseIso(q.claimed_until);
      li.appendChild(make("p", "question-claim", t("claimed_by", {
        name: q.claimed_by.name, time: until ? D.frTime(until) : ""
      })));
    }
    if (q.answers && q.answers.length) {
      var answers = make("ul", "question-answers");
      q.answers.forEach(function (a) {
        var item = make("li", "question-answer");
        item.setAttribute("data-answer-id", String(a.id));
        var name = a.author ? a.author.name : "";
        var by = make("p", "question-answer-by",
          a.cfa ? t("answer_by_cfa", { name: name, cfa: a.cfa.name }) : t("answer_by", { name: name }));
        if (a.edited) {
          by.appendChild(document.createTextNode(" "));
          by.appendChild(make("span", "question-edited", "(" + t("edited") + ")"));
        }
        item.appendChild(by);
        item.appendChild(make("p", "question-text", a.text));
        if (self.console && a.author && a.author.id === self.userId) {
          var edit = button(t("edit"), "edit", "button-ghost");
          edit.setAttribute("data-answer", String(a.id));
          item.appendChild(edit);
        }
        answers.appendChild(item);
      });
      li.appendChild(answers);
    }
    var actions = make("div", "question-actions");
    var own = q.author && q.author.id === this.userId;
    if (!this.console && q.status === "approved" && this.userId && !own) {
      var mine = !!this.voted[q.id];
      var vote = button(t("vote"), "vote", "button-secondary question-vote");
      vote.setAttribute("aria-label", mine ? t("voted_label") : t("vote_label"));
      vote.setAttribute("aria-pressed", mine ? "true" : "false");
      vote.disabled = mine || !this.open;
      actions.appendChild(vote);
    }
    if (this.console) {
      if (q.status === "pending") {
        actions.appendChild(button(t("approve"), "approve"));
        actions.appendChild(button(t("reject"), "reject", "button-danger"));
      } else if (q.status === "approved") {
        var held = q.claimed_by && q.claimed_by.id === this.userId;
        if (!q.resolved) {
          actions.appendChild(held ? button(t("release"), "release", "button-secondary") :
            button(t("claim"), "claim", "button-secondary"));
        }
        actions.appendChild(button(t("answer"), "write", "button-ghost"));
        if (!q.resolved) {
          actions.appendChild(button(t("resolve"), "resolve", "button-secondary"));
        }
      }
    }
    if (actions.firstChild) {
      li.appendChild(actions);
    }
  };

  Room.prototype.render = function () {
    var self = this;
    var shown = [];
    Object.keys(this.questions).forEach(function (id) {
      if (self.visible(self.questions[id])) {
        shown.push(self.questions[id]);
      }
    });
    shown.sort(function (a, b) {
      return QA.compareKeys(self.sortKey(a), self.sortKey(b));
    });
    QA.sync(this.list, this.items, shown, function (li, q) {
      self.fill(li, q);
    }, function (q) {
      // A question with an open answer form is left alone (null) until the form is sent.
      var li = self.items[q.id];
      return li && li.querySelector("form") ? null : JSON.stringify([q, !!self.voted[q.id], !!self.fresh[q.id]]);
    });
    if (this.empty) {
      this.empty.hidden = shown.length > 0;
    }
  };

  Room.prototype.upsert = function (q) {
    if (!q || !D.isId(q.id) || q.room !== this.name) {
      return;
    }
    var known = this.questions[q.id];
    if (known && known.votes > q.votes) {
      q.votes = known.votes;
    }
    // An answer arriving live on a question of mine (or one I said "moi aussi" to) is new to me.
    if (!this.console && known && q.answers && known.answers && q.answers.length > known.answers.length &&
        ((q.author && q.author.id === this.userId) || this.voted[q.id])) {
      this.fresh[q.id] = true;
    }
    this.questions[q.id] = q;
  };

  Room.prototype.onQuestion = function (q) {
    if (this.listing) {
      this.buffered.push(q);
      return;
    }
    this.upsert(q);
    this.render();
  };

  Room.prototype.relist = function () {
    var self = this;
    this.listing = true;
    this.buffered = [];
    socket.timeout(10000).emit("room:join", { room: this.name }, function () {
      socket.timeout(10000).emit("question:list", { room: self.name }, function (err, ack) {
        self.listing = false;
        if (err || !ack || !ack.ok) {
          say(D.ackError(ack) || t("connect_error"));
          return;
        }
        self.questions = Object.create(null);
        (ack.voted || []).forEach(function (id) {
          self.voted[id] = true;
        });
        (ack.questions || []).forEach(function (q) {
          self.upsert(q);
        });
        self.buffered.forEach(function (q) {
          self.upsert(q);
        });
        self.buffered = [];
        self.open = self.console || !!ack.open;
        self.render();
        say(t("connected"));
      });
    });
  };

  Room.prototype.answerForm = function (li, id, answerId) {
    var self = this;
    var old = li.querySelector("form");
    if (old) {
      old.querySelector("textarea").focus();
      return;
    }
    var f = make("form", "qa-form question-answer-form");
    var fieldId = (answerId ? "modif-" + answerId : "reponse-" + id);
    var label = make("label", "", t("answer_label"));
    label.setAttribute("for", fieldId);
    var area = make("textarea");
    area.id = fieldId;
    area.maxLength = MAX_TEXT;
    area.rows = 3;
    area.required = true;
    f.appendChild(label);
    f.appendChild(area);
    var select = null;
    if (!answerId && this.signs.length > 1) {
      var sign = make("p", "qa-sign");
      var signLabel = make("label", "", t("sign_as"));
      signLabel.setAttribute("for", "signe-" + id);
      select = make("select");
      select.id = "signe-" + id;
      this.signs.forEach(function (s) {
        var option = make("option", "", s.name);
        option.value = String(s.id);
        select.appendChild(option);
      });
      sign.appendChild(signLabel);
      sign.appendChild(select);
      f.appendChild(sign);
    }
    if (answerId) {
      var current = li.querySelector('[data-answer-id="' + answerId + '"] .question-text');
      area.value = current ? current.textContent : "";
    }
    var send = make("button", "button button-small", answerId ? t("edit_send") : t("answer_send"));
    send.type = "submit";
    f.appendChild(send);
    var clientId = randomId();
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = area.value.trim();
      if (!text) {
        return;
      }
      send.disabled = true;
      var event = answerId ? "question:answer_edit" : "question:answer";
      var payload = answerId ? { answer_id: answerId, text: text } :
        { question_id: id, text: text, client_id: clientId };
      if (select) {
        payload.stand_id = parseInt(select.value, 10);
      }
      call(event, payload, function (ack) {
        send.disabled = false;
        if (!ack || !ack.ok) {
          showError(D.ackError(ack) || t("refused"));
          return;
        }
        showError("");
        if (f.parentNode) {
          f.parentNode.removeChild(f);
        }
        self.upsert(ack.question);
        self.render();
      });
    });
    li.appendChild(f);
    area.focus();
  };

  Room.prototype.onClick = function (ev) {
    var self = this;
    var target = ev.target.closest ? ev.target.closest("[data-action]") : null;
    var li = target ? target.closest("[data-question-id]") : null;
    if (!target || !li || !socket) {
      return;
    }
    var id = parseInt(li.getAttribute("data-question-id"), 10);
    var action = target.getAttribute("data-action");
    if (action === "write") {
      this.answerForm(li, id, null);
      return;
    }
    if (action === "edit") {
      this.answerForm(li, id, parseInt(target.getAttribute("data-answer"), 10));
      return;
    }
    if (action === "vote") {
      target.disabled = true;
      this.vote(id);
      return;
    }
    var event = action === "claim" ? "question:claim" : action === "release" ? "question:release" :
      "question:moderate";
    var payload = event === "question:moderate" ? { question_id: id, action: action } : { question_id: id };
    call(event, payload, function (ack) {
      if (!ack || !ack.ok) {
        showError(D.ackError(ack) || t("refused"));
        return;
      }
      showError("");
      self.upsert(ack.question);
      self.render();
    });
  };

  Room.prototype.vote = function (id) {
    var self = this;
    call("question:vote", { question_id: id }, function (ack) {
      if (ack && (ack.ok || (ack.error && ack.error.code === "conflict"))) {
        self.voted[id] = true;
        if (ack.ok && self.questions[id] && ack.votes > self.questions[id].votes) {
          self.questions[id].votes = ack.votes;
        }
      } else {
        showError(D.ackError(ack) || t("refused"));
      }
      self.render();
    });
  };

  var rooms = sections.map(function (s) {
    return new Room(s);
  });

  /* ---------- Asking, with suggestions (the room page) ---------- */

  var page = rooms[0];
  var form = page.console ? null : page.root.querySelector("[data-ask-form]");
  if (form) {
    var box = form.querySelector("textarea");
    var left = form.querySelector("[data-chars-left]");
    var similar = form.querySelector("[data-similar]");
    var similarList = form.querySelector("[data-similar-list]");
    var similarUrl = page.root.getAttribute("data-similar-url");
    var timer = null;
    var asked = 0;
    var suggest = function () {
      var text = box.value.trim();
      var mine = ++asked;
      if (text.length < 4) {
        similar.hidden = true;
        return;
      }
      fetch(similarUrl + "?q=" + encodeURIComponent(text.slice(0, 500)), { credentials: "same-origin" })
        .then(function (r) {
          return r.ok ? r.json() : [];
        })
        .then(function (found) {
          if (mine !== asked) {
            return;
          }
          while (similarList.firstChild) {
            similarList.removeChild(similarList.firstChild);
          }
          (found || []).forEach(function (q) {
            var item = make("li");
            item.appendChild(make("span", "", q.text));
            var already = !!page.voted[q.id];
            var b = button(t("vote"), "similar-vote", "button-secondary question-vote");
            b.setAttribute("aria-label", (already ? t("voted_label") : t("vote")) + " : " + q.text);
            b.setAttribute("aria-pressed", already ? "true" : "false");
            b.disabled = already;
            b.addEventListener("click", function () {
              b.disabled = true;
              b.setAttribute("aria-pressed", "true");
              page.vote(q.id);
            });
            item.appendChild(b);
            similarList.appendChild(item);
          });
          similar.hidden = !(found && found.length);
        })
        .catch(function () {
          similar.hidden = true;
        });
    };
    box.addEventListener("input", function () {
      setText(left, t("chars_left", { num: Math.max(0, MAX_TEXT - box.value.length) }));
      clearTimeout(timer);
      timer = setTimeout(suggest, 300);
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
      call("question:ask", { room: page.name, text: text, client_id: randomId() }, function (ack) {
        submit.disabled = false;
        if (!ack || !ack.ok) {
          showError(D.ackError(ack) || t("failed"));
          return;
        }
        box.value = "";
        similar.hidden = true;
        setText(left, t("chars_left", { num: MAX_TEXT }));
        if (ack.question.held) {
          say(t("held"));
          return;
        }
        say(t("sent_pending"));
        page.upsert(ack.question);
        page.render();
      });
    });
  }

  /* ---------- Socket ---------- */

  if (typeof window.io !== "function" || !page.userId) {
    return; // anonymous visitors read the page as rendered
  }
  say(t("connecting"));
  socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });
  window.SalonSocket = socket;
  function byRoom(name) {
    for (var i = 0; i < rooms.length; i++) {
      if (rooms[i].name === name) {
        return rooms[i];
      }
    }
    return null;
  }
  socket.on("connect", function () {
    if (form) {
      form.hidden = false;
    }
    rooms.forEach(function (r) {
      r.relist();
    });
  });
  socket.on("disconnect", function () {
    say(t("reconnecting"));
  });
  socket.on("connect_error", function () {
    say(t("connect_error"));
  });
  function onQuestion(q) {
    var r = q ? byRoom(q.room) : null;
    if (r) {
      r.onQuestion(q);
    }
  }
  socket.on("question:new", onQuestion);
  socket.on("question:update", onQuestion);
  socket.on("question:votes", function (data) {
    var r = data ? byRoom(data.room) : null;
    if (!r || !data.votes) {
      return;
    }
    QA.raiseVotes(r.questions, data);
    if (!r.listing) {
      r.render();
    }
  });
})();
