/*
 * Salon — a teacher's live view of their classes' messages (chat/teacher.html).
 *
 * Plain ES2017, no build step; needs static/js/salon-dom.js (global `SalonDom`, the shared helpers)
 * and the socket.io-client 4.x bundle (global `io`) loaded before it, all with `defer`. Read only:
 * no room is joined, nothing is sent but the connection.
 * User data is only ever written with textContent / createElement.
 *
 *   - shows the server-rendered times (UTC without JavaScript) in local time;
 *   - opens the socket (the session cookie authenticates it); the server subscribes teachers to
 *     their classes at connect and sends `class:message`
 *     {class_id, class_label, stand_id, stand_name, message, kind?}: a pupil's message, anything said
 *     in a pupil's private question, or an adult's reply in a public room where the class's pupils
 *     are talking;
 *   - puts each message in its class, stand and conversation (the room: the public discussion, or
 *     one pupil's private question), creating them when needed, deduplicated by message id and kept
 *     in id order; the stand with the newest message moves to the top; the class's summary (pupils
 *     who wrote, conversations, professionals' replies) is counted again from the page;
 *   - after a reconnect, fills what was missed from GET /api/classes/{id}/messages
 *     ({class, messages: [{stand_id, stand_name, message, kind, thread_pupil}], summary}),
 *     deduplicated the same way.
 *
 * Strings: <script type="application/json" id="salon-i18n">; keys and French defaults below and in
 * static/js/I18N-KEYS.md (placeholders in Python's syntax: %(name)s).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-teacher]");
  var D = window.SalonDom;
  if (!root || !D) {
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
    anonymous: "Anonyme",
    redacted: "(certaines informations ont été masquées)",
    hidden_tombstone: "Message masqué par la modération",
    hidden_badge: "masqué",
    role_pupil: "Élève",
    role_teacher: "Enseignant·e",
    role_professional: "Professionnel·le",
    role_cfa: "CFA",
    role_organiser: "Organisation",
    role_other: "Participant·e",
    kind_public: "discussion publique",
    kind_private: "question privée",
    other_discussions: "Autres discussions",
    class_no_label: "Classe",
    messages_label: "Messages",
    date_time: "%(date)s à %(time)s",
    conv_public: "Discussion publique du stand",
    conv_private: "Question privée",
    conv_private_of: "Question privée de %(name)s",
    last_activity: "Dernier message le",
    stat_pupils_one: "élève a écrit",
    stat_pupils_many: "élèves ont écrit",
    stat_conversations_one: "conversation",
    stat_conversations_many: "conversations",
    stat_replies_one: "réponse de professionnel",
    stat_replies_many: "réponses de professionnels",
    summary_label: "Résumé des échanges de %(label)s",
    question_pending: "En attente de validation",
    question_approved: "Publiée",
    question_rejected: "Refusée",
    question_answered: "Répondue",
    question_votes_one: "%(num)d vote",
    question_votes_many: "%(num)d votes",
    question_answer_by: "Réponse de %(name)s"
  };

  var ROLES = ["pupil", "teacher", "professional", "cfa", "organiser"];
  var REPLY_ROLES = ["professional", "cfa", "organiser"]; // counted as the professionals' replies
  var ROLE_ICONS = {
    pupil: "user",
    teacher: "school",
    professional: "briefcase",
    cfa: "graduation-cap",
    organiser: "landmark"
  };
  var ICONS_URL = "/static/vendor/icons.svg";
  var SVG_NS = "http://www.w3.org/2000/svg";

  /* ---------- Strings ---------- */

  var t = D.translator(DEFAULT_STRINGS);

  /* ---------- Small helpers (static/js/salon-dom.js) ---------- */

  var make = D.make;
  var setText = D.setText;
  var pad2 = D.pad2;
  var parseIso = D.parseIso;
  var isId = D.isId;

  function formatDate(d) {
    return t("date_time", {
      date: pad2(d.getDate()) + "/" + pad2(d.getMonth() + 1),
      time: D.hhmm(d)
    });
  }

  var status = document.querySelector("[data-teacher-status]");
  var errorBox = document.querySelector("[data-teacher-error]");

  function showError(text) {
    if (errorBox) {
      setText(errorBox, text);
      errorBox.hidden = false;
    }
  }

  function hideError() {
    if (errorBox) {
      errorBox.hidden = true;
      setText(errorBox, "");
    }
  }

  /* ---------- Existing content ---------- */

  Array.prototype.forEach.call(root.querySelectorAll("time[datetime]"), function (el) {
    var d = parseIso(el.getAttribute("datetime"));
    if (d) {
      el.textContent = formatDate(d);
    }
  });

  var seen = Object.create(null); // message id -> true
  Array.prototype.forEach.call(root.querySelectorAll("li[data-id]"), function (li) {
    seen[li.getAttribute("data-id")] = true;
  });

  /* ---------- Sections ---------- */

  function findChild(parent, selector, attr, value) {
    var list = parent.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) {
      if (list[i].getAttribute(attr) === value) {
        return list[i];
      }
    }
    return null;
  }

  function safeId(value) {
    return String(value).replace(/[^A-Za-z0-9_-]/g, "-");
  }

  // A decorative icon of the sprite, as icon() draws it in the templates.
  function icon(name) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var use = document.createElementNS(SVG_NS, "use");
    use.setAttribute("href", ICONS_URL + "#" + name);
    svg.appendChild(use);
    return svg;
  }

  function statItem(key, iconName) {
    var li = make("li", "teacher-stat");
    li.setAttribute("data-stat", key);
    var svg = icon(iconName);
    svg.setAttribute("class", "icon teacher-stat-icon");
    li.appendChild(svg);
    var num = make("span", "teacher-stat-num", "0");
    num.setAttribute("data-stat-num", "");
    li.appendChild(num);
    var label = make("span", "teacher-stat-label", t("stat_" + key + "_one"));
    label.setAttribute("data-stat-label", "");
    li.appendChild(label);
    return li;
  }

  function classSection(classId, label) {
    var key = String(classId);
    var section = findChild(root, "[data-class-id]", "data-class-id", key);
    if (section) {
      return section;
    }
    var none = root.querySelector("[data-no-class]");
    if (none && none.parentNode) {
      none.parentNode.removeChild(none);
    }
    var name = typeof label === "string" && label ? label : t("class_no_label");
    section = make("section", "teacher-class");
    section.setAttribute("data-class-id", key);
    var titleId = "classe-" + safeId(key) + "-titre";
    section.setAttribute("aria-labelledby", titleId);
    var h2 = make("h2", null, name);
    h2.id = titleId;
    section.appendChild(h2);
    var stats = make("ul", "teacher-stats");
    stats.setAttribute("aria-label", t("summary_label", { label: name }));
    stats.appendChild(statItem("pupils", "users"));
    stats.appendChild(statItem("conversations", "message-square"));
    stats.appendChild(statItem("replies", "briefcase"));
    section.appendChild(stats);
    var stands = make("div", "teacher-stands");
    stands.setAttribute("data-stands", "");
    section.appendChild(stands);
    root.appendChild(section);
    return section;
  }

  function standsOf(classSect) {
    var list = classSect.querySelector("[data-stands]");
    if (!list) {
      list = make("div", "teacher-stands");
      list.setAttribute("data-stands", "");
      classSect.appendChild(list);
    }
    return list;
  }

  function standSection(classSect, standId, standName) {
    var key = isId(standId) ? String(standId) : "";
    var list = standsOf(classSect);
    var section = findChild(list, "[data-stand-id]", "data-stand-id", key);
    if (section) {
      return section;
    }
    var empty = classSect.querySelector("[data-class-empty]");
    if (empty) {
      empty.hidden = true;
    }
    section = make("section", "teacher-stand");
    section.setAttribute("data-stand-id", key);
    var titleId = "classe-" + safeId(classSect.getAttribute("data-class-id")) + "-stand-" + (key || "autres") + "-titre";
    section.setAttribute("aria-labelledby", titleId);
    var head = make("div", "teacher-stand-head");
    var h3 = make("h3");
    h3.id = titleId;
    var name = typeof standName === "string" && standName ? standName : "";
    if (key) {
      var link = make("a", null, name || t("other_discussions"));
      link.setAttribute("href", "/stands/" + key);
      h3.appendChild(link);
    } else {
      setText(h3, name || t("other_discussions"));
    }
    head.appendChild(h3);
    section.appendChild(head);
    list.appendChild(section);
    return section;
  }

  function roomTitle(kind, pupilName) {
    if (kind !== "private") {
      return t("conv_public");
    }
    return pupilName ? t("conv_private_of", { name: pupilName }) : t("conv_private");
  }

  function setRoomTitle(h4, kind, pupilName) {
    while (h4.firstChild) {
      h4.removeChild(h4.firstChild);
    }
    h4.appendChild(icon(kind === "private" ? "inbox" : "users"));
    h4.appendChild(document.createTextNode(roomTitle(kind, pupilName)));
  }

  function roomSection(standSect, roomName, kind, pupilName) {
    var section = findChild(standSect, "[data-room]", "data-room", roomName);
    if (section) {
      if (kind === "private" && pupilName && !section.hasAttribute("data-pupil-named")) {
        setRoomTitle(section.querySelector(".teacher-room-title"), kind, pupilName);
        section.setAttribute("data-pupil-named", "");
      }
      return section;
    }
    section = make("section", "teacher-room");
    section.setAttribute("data-room", roomName);
    section.setAttribute("data-kind", kind);
    if (kind === "private" && pupilName) {
      section.setAttribute("data-pupil-named", "");
    }
    var titleId = (standSect.getAttribute("aria-labelledby") || "stand") + "-" + safeId(roomName);
    section.setAttribute("aria-labelledby", titleId);
    var h4 = make("h4", "teacher-room-title");
    h4.id = titleId;
    setRoomTitle(h4, kind, pupilName);
    section.appendChild(h4);
    var ol = make("ol", "teacher-log");
    ol.setAttribute("data-log", "");
    ol.setAttribute("aria-live", "polite");
    ol.setAttribute("aria-relevant", "additions");
    ol.setAttribute("aria-label", t("messages_label"));
    section.appendChild(ol);
    // The public discussion first, then the private questions.
    var first = standSect.querySelector("[data-room]");
    if (kind !== "private" && first) {
      standSect.insertBefore(section, first);
    } else {
      standSect.appendChild(section);
    }
    return section;
  }

  function newestId(standSect) {
    var newest = 0;
    Array.prototype.forEach.call(standSect.querySelectorAll("li[data-id]"), function (li) {
      newest = Math.max(newest, Number(li.getAttribute("data-id")) || 0);
    });
    return newest;
  }

  // The stand's "last message" line, and its place: the stand with the newest message first.
  function touchStand(standSect, m) {
    if (newestId(standSect) !== m.id) {
      return;
    }
    var d = parseIso(m.ts);
    if (d) {
      var line = standSect.querySelector("[data-last-activity]");
      if (!line) {
        line = make("p", "teacher-stand-time", t("last_activity") + " ");
        line.setAttribute("data-last-activity", "");
        line.appendChild(make("time"));
        standSect.querySelector(".teacher-stand-head").appendChild(line);
      }
      var time = line.querySelector("time");
      time.setAttribute("datetime", m.ts);
      setText(time, formatDate(d));
    }
    var list = standSect.parentNode;
    var top = list.querySelector("[data-stand-id]");
    if (top && top !== standSect && newestId(top) < m.id) {
      list.insertBefore(standSect, top);
    }
  }

  // The summary, counted again from what the page shows (the server counts the same way).
  function updateSummary(classSect) {
    var pupils = Object.create(null);
    var nPupils = 0;
    var replies = 0;
    Array.prototype.forEach.call(classSect.querySelectorAll("li[data-id]"), function (li) {
      var role = li.getAttribute("data-role");
      if (role === "pupil") {
        var who = li.getAttribute("data-author-id") || "";
        if (!pupils[who]) {
          pupils[who] = true;
          nPupils += 1;
        }
      } else if (REPLY_ROLES.indexOf(role) >= 0) {
        replies += 1;
      }
    });
    var counts = {
      pupils: nPupils,
      conversations: classSect.querySelectorAll("[data-room]").length,
      replies: replies
    };
    Object.keys(counts).forEach(function (key) {
      var item = findChild(classSect, "[data-stat]", "data-stat", key);
      if (!item) {
        return;
      }
      setText(item.querySelector("[data-stat-num]"), String(counts[key]));
      // French: 0 and 1 take the singular.
      setText(item.querySelector("[data-stat-label]"), t("stat_" + key + (counts[key] < 2 ? "_one" : "_many")));
    });
  }

  /* ---------- Messages ---------- */

  function buildMessage(m) {
    var author = m.author && typeof m.author === "object" ? m.author : {};
    var role = ROLES.indexOf(author.role) >= 0 ? author.role : "other";

    var li = make("li", "msg");
    li.setAttribute("data-id", String(m.id));
    li.setAttribute("data-role", role);
    li.setAttribute("data-author-id", isId(author.id) ? String(author.id) : "");

    var meta = make("p", "msg-meta");
    meta.appendChild(make("strong", "msg-author", typeof author.name === "string" && author.name ? author.name : t("anonymous")));
    meta.appendChild(document.createTextNode(" "));
    var roleTag = make("span", "msg-role");
    if (ROLE_ICONS[role]) {
      roleTag.appendChild(icon(ROLE_ICONS[role]));
    }
    roleTag.appendChild(document.createTextNode(t("role_" + role)));
    meta.appendChild(roleTag);
    var d = parseIso(m.ts);
    if (d) {
      meta.appendChild(document.createTextNode(" "));
      var time = make("time", "msg-time", formatDate(d));
      time.setAttribute("datetime", m.ts);
      meta.appendChild(time);
    }
    li.appendChild(meta);

    D.appendMessageText(li, meta, m, t); // text, or tombstone; hidden badge; redacted note
    return li;
  }

  // `item`: {stand_id, stand_name, message, kind?, thread_pupil?} as the API and `class:message` give it.
  function addMessage(classId, classLabel, item) {
    var m = item.message;
    if (!m || typeof m !== "object" || !isId(m.id) || seen[m.id] || typeof m.room !== "string" || !m.room) {
      return false;
    }
    if (!isId(classId)) {
      return false;
    }
    seen[m.id] = true;
    var author = m.author && typeof m.author === "object" ? m.author : {};
    var kind = item.kind === "private" || item.kind === "public" ? item.kind : m.room.indexOf("thread:") === 0 ? "private" : "public";
    var pupilName = "";
    if (item.thread_pupil && typeof item.thread_pupil.name === "string") {
      pupilName = item.thread_pupil.name;
    } else if (kind === "private" && author.role === "pupil" && typeof author.name === "string") {
      pupilName = author.name; // only the thread's pupil writes in it
    }
    var classSect = classSection(classId, classLabel);
    var standSect = standSection(classSect, item.stand_id, item.stand_name);
    var ol = roomSection(standSect, m.room, kind, pupilName).querySelector("[data-log]");
    var li = buildMessage(m);
    // Keep id order (ids grow with time): usually this appends.
    var ref = null;
    var node = ol.lastElementChild;
    while (node && Number(node.getAttribute("data-id")) > m.id) {
      ref = node;
      node = node.previousElementSibling;
    }
    ol.insertBefore(li, ref);
    touchStand(standSect, m);
    updateSummary(classSect);
    return true;
  }

  /* ---------- Live ---------- */

  if (typeof window.io !== "function") {
    showError(t("unavailable"));
    return;
  }

  var socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });
  window.SalonSocket = socket; // static/js/reminders.js listens on it
  var connectedOnce = false;
  setText(status, t("connecting"));

  function classLabelOf(classId) {
    var section = findChild(root, "[data-class-id]", "data-class-id", String(classId));
    var h2 = section ? section.querySelector("h2") : null;
    return h2 ? h2.textContent : "";
  }

  // After a reconnect: what came while the connection was down, from the history API.
  function catchUp() {
    if (typeof window.fetch !== "function") {
      return;
    }
    Array.prototype.forEach.call(root.querySelectorAll("[data-class-id]"), function (section) {
      var id = Number(section.getAttribute("data-class-id"));
      if (!isId(id)) {
        return;
      }
      window
        .fetch("/api/classes/" + id + "/messages", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (body) {
          if (!body || !Array.isArray(body.messages)) {
            return;
          }
          var label = (body["class"] && typeof body["class"].label === "string" && body["class"].label) || classLabelOf(id);
          body.messages
            .slice()
            .sort(function (a, b) {
              return (a && a.message ? a.message.id : 0) - (b && b.message ? b.message.id : 0);
            })
            .forEach(function (item) {
              if (item && typeof item === "object") {
                addMessage(id, label, item);
              }
            });
        })
        .catch(function () {
          // Best effort: the live events keep coming.
        });
    });
  }

  socket.on("connect", function () {
    setText(status, "");
    hideError();
    if (connectedOnce) {
      catchUp();
    }
    connectedOnce = true;
  });

  socket.on("disconnect", function (reason) {
    if (reason === "io server disconnect") {
      setText(status, "");
      showError(t("disconnected"));
    } else {
      setText(status, t("reconnecting"));
    }
  });

  socket.on("connect_error", function () {
    if (socket.active === false) {
      setText(status, "");
      showError(t("connect_refused"));
    } else {
      setText(status, t("connect_error"));
    }
  });

  /* ---------- Questions in talks ---------- */

  // `class:question` {class_id, class_label, room, talk_id, title, question}: a pupil's question in a talk
  // or a Q&A room, when asked and at each change (approved, answered, a written answer...). Newest first.
  function questionStatus(q) {
    if (q.answered) {
      return t("question_answered");
    }
    return t("question_" + q.status);
  }

  function buildQuestion(p) {
    var q = p.question;
    var li = make("li", "msg teacher-question");
    li.setAttribute("data-question-id", String(q.id));
    var meta = make("p", "msg-meta");
    meta.appendChild(make("strong", "msg-author", q.author && q.author.name ? q.author.name : t("anonymous")));
    meta.appendChild(document.createTextNode(" "));
    if (isId(p.talk_id)) {
      var link = make("a", "", typeof p.title === "string" ? p.title : "");
      link.href = "/talks/" + p.talk_id;
      meta.appendChild(link);
    } else {
      meta.appendChild(make("span", "", typeof p.title === "string" ? p.title : ""));
    }
    meta.appendChild(document.createTextNode(" "));
    var state = q.answered ? "answered" : String(q.status);
    var badge = make("span", "teacher-qstatus teacher-qstatus-" + state.replace(/[^a-z]/g, ""), questionStatus(q));
    badge.setAttribute("data-question-status", "");
    meta.appendChild(badge);
    meta.appendChild(document.createTextNode(" "));
    var n = typeof q.votes === "number" ? q.votes : 0;
    meta.appendChild(make("span", "msg-time", t(n < 2 ? "question_votes_one" : "question_votes_many", { num: n })));
    li.appendChild(meta);
    li.appendChild(make("p", "msg-text", typeof q.text === "string" ? q.text : ""));
    (Array.isArray(q.answers) ? q.answers : []).forEach(function (a) {
      var by = t("question_answer_by", { name: a && a.author && a.author.name ? a.author.name : "" });
      li.appendChild(make("p", "msg-note", by + " : " + (a && typeof a.text === "string" ? a.text : "")));
    });
    return li;
  }

  socket.on("class:question", function (p) {
    if (!p || typeof p !== "object" || !p.question || !isId(p.question.id) || !isId(p.class_id)) {
      return;
    }
    var section = findChild(root, "[data-class-id]", "data-class-id", String(p.class_id));
    var part = section ? section.querySelector("[data-class-questions]") : null;
    var log = part ? part.querySelector("[data-question-log]") : null;
    if (!log) {
      return;
    }
    var li = buildQuestion(p);
    var old = findChild(log, "li[data-question-id]", "data-question-id", String(p.question.id));
    if (old) {
      log.replaceChild(li, old);
    } else {
      log.insertBefore(li, log.firstChild);
    }
    var empty = part.querySelector("[data-questions-empty]");
    if (empty) {
      empty.hidden = true;
    }
  });

  socket.on("class:message", function (p) {
    if (p && typeof p === "object") {
      addMessage(p.class_id, p.class_label, p);
    }
  });
})();
