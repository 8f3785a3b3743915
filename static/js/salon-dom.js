/*
 * Salon — small helpers shared by static/js/chat.js, static/js/console.js and static/js/teacher.js.
 *
 * Plain ES2017, no build step; loaded with `defer` before those scripts. It only defines functions:
 * nothing runs against the page. User data is only ever written with textContent / createElement.
 *
 * The only global it defines:
 *
 *   window.SalonDom = {
 *     make(tag, className, text)    a new element; className and text (as textContent) when given
 *     setText(el, text)             sets el's textContent only when it changes (null el: nothing)
 *     pad2(n)                       "07" for 7, "12" for 12
 *     frTime(date)                  "9 h 04": the time of a Date, in local time, as server/formats.py writes it
 *     frDay(date)                   "samedi 5 décembre" ("1er" for the first of a month), local time
 *     hhmm(date)                    the same as frTime (its old name; it no longer gives "HH:MM")
 *     parseIso(ts)                  a Date from a non-empty date string, or null
 *     parseTs(ts)                   the same, also from a number of seconds or milliseconds
 *     isId(v)                       whether v is an integer number (a message or class id)
 *     ackError(ack)                 the message of an `{ok: false, error: {message}}` ack, or ""
 *     format(s, vars)               fills Python-style placeholders: %(name)s, %(num)d, %(n)i; "%%" is "%"
 *     translator(defaults)          t(key, vars): the string of <script type="application/json"
 *                                   id="salon-i18n"> (read once, now), else defaults[key] (looked up at
 *                                   each call, so keys added later count), formatted; "" when neither
 *     ROLE_LABELS                   the French label of each role key (server/formats.py ROLE_LABELS, the same)
 *     roleKey(author)               the key of a message's author: "pupil", "professional", …,
 *                                   "ambassador_minor" for a minor ambassador (author.is_minor), "other"
 *     roleLabel(author, t)          its label: t("role_<key>") when the page's strings have it, else ROLE_LABELS
 *     appendMessageText(li, meta, m, t)
 *                                   the body of a rendered chat message (see below)
 *   }
 */
(function () {
  "use strict";

  var hasOwn = Object.prototype.hasOwnProperty;

  /* ---------- Elements ---------- */

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

  /* ---------- Times ---------- */

  function pad2(n) {
    return n < 10 ? "0" + n : String(n);
  }

  // The one French form of server/formats.py: "9 h 04", "samedi 5 décembre" (docs/writing.md).
  var DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre"];

  function frTime(date) {
    return date.getHours() + " h " + pad2(date.getMinutes());
  }

  function frDay(date) {
    var day = date.getDate() === 1 ? "1er" : String(date.getDate());
    return DAYS[date.getDay()] + " " + day + " " + MONTHS[date.getMonth()];
  }

  // Kept under its old name for the scripts that call it: the time of a Date, French form.
  function hhmm(date) {
    return frTime(date);
  }

  function parseIso(ts) {
    var d = typeof ts === "string" && ts ? new Date(ts) : null;
    return d && !isNaN(d.getTime()) ? d : null;
  }

  function parseTs(ts) {
    if (typeof ts === "number" && isFinite(ts)) {
      var d = new Date(ts < 1e12 ? ts * 1000 : ts); // seconds or milliseconds
      return isNaN(d.getTime()) ? null : d;
    }
    return parseIso(ts);
  }

  /* ---------- Values ---------- */

  function isId(v) {
    return typeof v === "number" && isFinite(v) && Math.floor(v) === v;
  }

  function ackError(ack) {
    return ack && ack.error && typeof ack.error.message === "string" ? ack.error.message : "";
  }

  /* ---------- Strings ---------- */

  function format(s, vars) {
    return s.replace(/%(?:\((\w+)\)[sdi]|%)/g, function (match, name) {
      if (!name) {
        return "%";
      }
      return vars && hasOwn.call(vars, name) ? String(vars[name]) : match;
    });
  }

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

  function translator(defaults) {
    var strings = readStrings();
    return function t(key, vars) {
      var s = hasOwn.call(strings, key) && typeof strings[key] === "string" ? strings[key] : defaults[key];
      if (typeof s !== "string") {
        return "";
      }
      return format(s, vars);
    };
  }

  /* ---------- Roles ---------- */

  // The label beside a name on every message; the one mapping for the scripts (server/formats.py has the
  // same one for the pages, and hands these texts, translated, to the i18n blocks as role_<key>).
  var ROLE_LABELS = {
    pupil: "Élève",
    teacher: "Enseignant·e",
    professional: "Professionnel·le",
    cfa: "CFA",
    counsellor: "Conseil en orientation",
    ambassador: "Ambassadeur·rice",
    ambassador_minor: "Ambassadeur·rice, moins de 18 ans",
    organiser: "Organisation",
    other: "Participant·e"
  };

  function roleKey(author) {
    var role = author && typeof author.role === "string" ? author.role : "";
    if (role === "ambassador" && author.is_minor === true) {
      return "ambassador_minor";
    }
    return hasOwn.call(ROLE_LABELS, role) && role !== "ambassador_minor" ? role : "other";
  }

  function roleLabel(author, t) {
    var key = roleKey(author);
    return (t && t("role_" + key)) || ROLE_LABELS[key];
  }

  /* ---------- Messages ---------- */

  // The body of message `m`, appended to `li` after its meta line `meta` (already in `li`): a
  // tombstone when it is hidden without its text (the text is only sent to the stand's staff and
  // moderators); else its text, a "hidden" badge in `meta` when it is hidden, and the note of a
  // redacted message. `t` gives the strings hidden_tombstone, hidden_badge and redacted.
  function appendMessageText(li, meta, m, t) {
    var text = typeof m.text === "string" ? m.text : "";
    if (m.hidden && !text) {
      li.classList.add("hidden");
      li.appendChild(make("p", "msg-text msg-tombstone", t("hidden_tombstone")));
    } else {
      if (m.hidden) {
        li.classList.add("is-hidden");
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(make("span", "msg-badge", t("hidden_badge")));
      }
      li.appendChild(make("p", "msg-text", text));
      if (m.redacted) {
        li.appendChild(make("p", "msg-note", t("redacted")));
      }
    }
  }

  window.SalonDom = {
    make: make,
    setText: setText,
    pad2: pad2,
    hhmm: hhmm,
    frTime: frTime,
    frDay: frDay,
    parseIso: parseIso,
    parseTs: parseTs,
    isId: isId,
    ackError: ackError,
    format: format,
    translator: translator,
    ROLE_LABELS: ROLE_LABELS,
    roleKey: roleKey,
    roleLabel: roleLabel,
    appendMessageText: appendMessageText
  };
})();
