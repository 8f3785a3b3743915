/*
 * Salon — live staff counts on the hall's stand cards (stands/hall.html).
 *
 * Plain ES2017, no build step; needs static/js/salon-dom.js (global `SalonDom`) and the socket.io-client
 * 4.x bundle (global `io`) loaded before it, all with `defer`. The page only loads it for signed-in
 * visitors: anonymous ones cannot open a socket, and keep the counts of render time.
 *
 *   - opens the socket (the session cookie authenticates it) and sends `hall:watch {event}`; its ack
 *     carries every stand's count {"<id>": n}, applied silently (also after each reconnect);
 *   - `hall:presence {event, stands: {"<id>": n}}` carries the counts that changed; each card's
 *     "N professionnels en ligne" line is updated in place (not a live region: no announcement);
 *   - a polite live region announces only what matters: a stand of this page that now has someone online,
 *     or no longer has anyone; at most one announcement every ANNOUNCE_MS, and a stand that comes and goes
 *     in between is not announced at all.
 *
 * Strings: <script type="application/json" id="salon-i18n">; keys and French defaults below and in
 * static/js/I18N-KEYS.md (placeholders in Python's syntax: %(num)d).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-hall][data-event]");
  var D = window.SalonDom;
  if (!root || !D || typeof window.io !== "function") {
    return;
  }

  var DEFAULT_STRINGS = {
    staff_online_none: "Personne en ligne : laissez une question, un professionnel répondra plus tard",
    staff_online_one: "%(num)d professionnel en ligne — réponse en direct",
    staff_online_many: "%(num)d professionnels en ligne — réponse en direct",
    now_online: "Maintenant en ligne : %(names)s.",
    now_offline: "Plus personne en ligne : %(names)s."
  };
  var ANNOUNCE_MS = 5000; // a screen reader hears at most one hall update every 5 s
  var MAX_NAMES = 3; // "A, B, C…": longer lists are cut

  var t = D.translator(DEFAULT_STRINGS);
  var slug = root.getAttribute("data-event");
  var announcer = root.querySelector("[data-hall-announce]");

  /* ---------- Cards ---------- */

  var cards = {}; // stand id (string) → {line, name, count, announcedOnline}
  Array.prototype.forEach.call(root.querySelectorAll("[data-stand-id]"), function (el) {
    var line = el.querySelector("[data-staff-online]");
    if (!line) {
      return;
    }
    var count = parseInt(line.getAttribute("data-staff-online"), 10) || 0;
    cards[el.getAttribute("data-stand-id")] = {
      line: line,
      text: line.querySelector("[data-status-text]") || line,
      idle: line.getAttribute("data-status-idle") || "",
      name: el.getAttribute("data-stand-name") || "",
      count: count,
      announcedOnline: count > 0
    };
  });

  // The words of stands/status.py: live with someone online, else the planned slot the page was rendered
  // with ("Permanence à 14 h 00"), else nobody.
  function countText(n, card) {
    if (n <= 0) {
      return card.idle || t("staff_online_none");
    }
    return t(n === 1 ? "staff_online_one" : "staff_online_many", { num: n });
  }

  function show(card, n) {
    card.count = n;
    D.setText(card.text, countText(n, card));
    card.line.setAttribute("data-staff-online", String(n));
    card.line.classList.toggle("is-online", n > 0);
    card.line.classList.toggle("status-live", n > 0);
    card.line.classList.toggle("status-scheduled", n <= 0 && !!card.idle);
    card.line.classList.toggle("status-offline", n <= 0 && !card.idle);
  }

  // counts: {"<id>": n}. Returns whether an online/offline state changed.
  function apply(counts, silently) {
    var changed = false;
    Object.keys(counts || {}).forEach(function (id) {
      var card = cards[id];
      var n = counts[id];
      if (!card || typeof n !== "number" || !isFinite(n) || n < 0 || n === card.count) {
        return;
      }
      changed = changed || n > 0 !== card.count > 0;
      show(card, Math.floor(n));
      if (silently) {
        card.announcedOnline = n > 0;
      }
    });
    return changed;
  }

  /* ---------- Announcements ---------- */

  var timer = null;
  var lastAnnounced = 0;

  function names(list) {
    return list.length > MAX_NAMES ? list.slice(0, MAX_NAMES).join(", ") + "…" : list.join(", ");
  }

  function announce() {
    timer = null;
    var online = [];
    var offline = [];
    Object.keys(cards).forEach(function (id) {
      var card = cards[id];
      var isOnline = card.count > 0;
      if (isOnline !== card.announcedOnline) {
        (isOnline ? online : offline).push(card.name);
        card.announcedOnline = isOnline;
      }
    });
    var parts = [];
    if (online.length) {
      parts.push(t("now_online", { names: names(online) }));
    }
    if (offline.length) {
      parts.push(t("now_offline", { names: names(offline) }));
    }
    if (parts.length && announcer) {
      lastAnnounced = Date.now();
      D.setText(announcer, parts.join(" "));
    }
  }

  function scheduleAnnouncement() {
    if (timer === null) {
      timer = setTimeout(announce, Math.max(0, lastAnnounced + ANNOUNCE_MS - Date.now()));
    }
  }

  /* ---------- Socket ---------- */

  var socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });
  window.SalonSocket = socket; // static/js/reminders.js listens on it

  socket.on("connect", function () {
    socket.emit("hall:watch", { event: slug }, function (ack) {
      if (ack && ack.ok && ack.stands) {
        apply(ack.stands, true);
      }
    });
  });

  socket.on("hall:presence", function (data) {
    if (!data || data.event !== slug || !data.stands) {
      return;
    }
    if (apply(data.stands, false)) {
      scheduleAnnouncement();
    }
  });
})();
