/*
 * Salon — talk reminders: "« … » commence dans 5 minutes." as a small toast with a link to the talk.
 *
 * Plain ES2017, no build step, no dependency. Loaded by server/templates/server/base.html (last, with
 * `defer`) for signed-in users whose page loads the Socket.IO client. It opens no socket of its own: it
 * listens on the page's socket, which the page's script exposes as `window.SalonSocket` (chat.js, hall.js,
 * teacher.js; a page script that opens a socket later may dispatch `salon:socket` on document with the
 * socket as `detail`). The server sends `talk:reminder` to the teachers (`class:<id>`) and pupils
 * (`pupils:<id>`) of the classes registered to a talk (sessions/scheduler.py, docs/protocol.md).
 *
 * The toast sits in a role="status" region made at load (empty, so that screen readers announce what is put
 * in it later); it stays until closed or followed. Text only through textContent.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var TALK_URL = /^\/talks\/[1-9][0-9]{0,9}$/;
  var region = null;
  var shown = Object.create(null); // talk id -> true: one toast per talk on this page
  var attached = false;

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text) {
      el.textContent = text;
    }
    return el;
  }

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

  function show(r) {
    if (!r || typeof r.message !== "string" || !r.message || shown[r.talk_id]) {
      return;
    }
    shown[r.talk_id] = true;
    var toast = make("div", "reminder-toast");
    toast.setAttribute("data-talk-reminder", String(r.talk_id));
    toast.appendChild(icon("bell"));
    var body = make("div", "reminder-toast-body");
    body.appendChild(make("p", "reminder-toast-text", r.message));
    if (typeof r.url === "string" && TALK_URL.test(r.url)) {
      var link = make("a", "reminder-toast-link", "Rejoindre la salle");
      link.href = r.url;
      body.appendChild(link);
    }
    toast.appendChild(body);
    var close = make("button", "reminder-toast-close");
    close.type = "button";
    close.setAttribute("aria-label", "Fermer le rappel");
    close.appendChild(icon("x"));
    close.addEventListener("click", function () {
      toast.remove();
    });
    toast.appendChild(close);
    region.appendChild(toast);
  }

  function attach(socket) {
    if (attached || !socket || typeof socket.on !== "function") {
      return;
    }
    attached = true;
    region = make("div", "reminder-region");
    region.setAttribute("role", "status");
    document.body.appendChild(region);
    socket.on("talk:reminder", show);
  }

  attach(window.SalonSocket);
  document.addEventListener("salon:socket", function (ev) {
    attach(ev.detail);
  });
})();
