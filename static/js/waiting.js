/*
 * Salon — the waiting page of a pupil whose class approves joins (server/templates/server/waiting.html).
 *
 * Opens a socket (the server lets a waiting pupil's socket connect and puts it in `pupils:<class>`); when
 * `class:admitted` names this pupil, or when /api/classes/attente says so (at each connection, in case the
 * admission came while the socket was away), the page opens the hall. Plain ES2017, no dependency but the
 * Socket.IO client.
 */
(function () {
  "use strict";

  var page = document.querySelector("[data-waiting-page]");
  if (!page || typeof window.io !== "function") {
    return;
  }
  var me = Number(page.getAttribute("data-pupil-id"));
  var status = page.querySelector("[data-waiting-status]");
  var leaving = false;

  function go(next) {
    if (leaving) {
      return;
    }
    leaving = true;
    if (status) {
      status.textContent = "C’est bon : ouverture du salon…";
    }
    window.location.assign(typeof next === "string" && next.charAt(0) === "/" && next.charAt(1) !== "/" ? next : "/");
  }

  function check() {
    window
      .fetch("/api/classes/attente", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        if (body && body.admitted) {
          go(body.next);
        }
      })
      .catch(function () {});
  }

  var socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });
  window.SalonSocket = socket;
  socket.on("connect", check);
  socket.on("class:admitted", function (data) {
    if (data && Array.isArray(data.pupil_ids) && data.pupil_ids.indexOf(me) !== -1) {
      check();
    }
  });
  socket.on("class:ended", function () {
    window.location.assign("/seance-terminee");
  });
})();
