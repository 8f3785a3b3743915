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
 *     {class_id, class_label, stand_id, stand_name, message};
 *   - appends each message to its class and stand section, creating them when needed,
 *     deduplicated by message id and kept in id order;
 *   - after a reconnect, fills what was missed from GET /api/classes/{id}/messages
 *     ({class, messages: [{stand_id, stand_name, message}]}), deduplicated the same way.
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
    date_time: "%(date)s à %(time)s"
  };

  var ROLES = ["pupil", "teacher", "professional", "cfa", "organiser"];

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
    section = make("section", "teacher-class");
    section.setAttribute("data-class-id", key);
    var titleId = "classe-" + key.replace(/[^A-Za-z0-9_-]/g, "-") + "-titre";
    section.setAttribute("aria-labelledby", titleId);
    var h2 = make("h2", null, typeof label === "string" && label ? label : t("class_no_label"));
    h2.id = titleId;
    section.appendChild(h2);
    root.appendChild(section);
    return section;
  }

  function standSection(classSect, standId, standName) {
    var key = isId(standId) ? String(standId) : "";
    var section = findChild(classSect, "[data-stand-id]", "data-stand-id", key);
    if (section) {
      return section;
    }
    var empty = classSect.querySelector("[data-class-empty]");
    if (empty) {
      empty.hidden = true;
    }
    section = make("section", "teacher-conv");
    section.setAttribute("data-stand-id", key);
    var titleId = "classe-" + classSect.getAttribute("data-class-id").replace(/[^A-Za-z0-9_-]/g, "-") + "-stand-" + (key || "autres") + "-titre";
    section.setAttribute("aria-labelledby", titleId);
    var h3 = make("h3", null, typeof standName === "string" && standName ? standName : t("other_discussions"));
    h3.id = titleId;
    section.appendChild(h3);
    var ol = make("ol", "teacher-log");
    ol.setAttribute("data-log", "");
    ol.setAttribute("aria-live", "polite");
    ol.setAttribute("aria-relevant", "additions");
    ol.setAttribute("aria-label", t("messages_label"));
    section.appendChild(ol);
    classSect.appendChild(section);
    return section;
  }

  /* ---------- Messages ---------- */

  function buildMessage(m) {
    var author = m.author && typeof m.author === "object" ? m.author : {};
    var role = ROLES.indexOf(author.role) >= 0 ? author.role : "other";
  
    var li = make("li", "msg");
    li.setAttribute("data-id", String(m.id));
    li.setAttribute("data-role", role);

    var meta = make("p", "msg-meta");
    meta.appendChild(make("strong", "msg-author", typeof author.name === "string" && author.name ? author.name : t("anonymous")));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(make("span", "msg-role", t("role_" + role)));
    var d = parseIso(m.ts);
    if (d) {
      meta.appendChild(document.createTextNode(" "));
      var time = make("time", "msg-time", formatDate(d));
      time.setAttribute("datetime", m.ts);
      meta.appendChild(time);
    }
    var isPrivate = typeof m.room === "string" && m.room.indexOf("thread:") === 0;
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(
      make("span", isPrivate ? "msg-kind msg-kind-private" : "msg-kind", t(isPrivate ? "kind_private" : "kind_public"))
    );
    li.appendChild(meta);

    D.appendMessageText(li, meta, m, t); // text, or tombstone; hidden badge; redacted note
    return li;
  }

  function addMessage(classId, classLabel, standId, standName, m) {
    if (!m || typeof m !== "object" || !isId(m.id) || seen[m.id]) {
      return false;
    }
    if (!isId(classId)) {
      return false;
    }
    seen[m.id] = true;
    var ol = standSection(classSection(classId, classLabel), standId, standName).querySelector("[data-log]");
    var li = buildMessage(m);
    // Keep id order (ids grow with time): usually this appends.
    var ref = null;
    var node = ol.lastElementChild;
    while (node && Number(node.getAttribute("data-id")) > m.id) {
      ref = node;
      node = node.previousElementSibling;
    }
    ol.insertBefore(li, ref);
    return true;
  }

  /* ---------- Live ---------- */

  if (typeof window.io !== "function") {
    showError(t("unavailable"));
    return;
  }

  var socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });
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
                addMessage(id, label, item.stand_id, item.stand_name, item.message);
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

  socket.on("class:message", function (p) {
    if (p && typeof p === "object") {
      addMessage(p.class_id, p.class_label, p.stand_id, p.stand_name, p.message);
    }
  });
})();
