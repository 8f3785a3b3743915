/*
 * Salon — a pupil's page when their class session ends or a teacher removes them: the server sends
 * `class:ended` ({"class_id", "reason": "ended" | "removed"}) on the page's socket, then closes it
 * (server/classes.py). The page goes to /seance-terminee, which says so plainly.
 *
 * Plain ES2017, no dependency. Loaded by server/templates/server/base.html for pupils on pages with a
 * socket; it listens on `window.SalonSocket` (or the socket of a later `salon:socket` event), as
 * static/js/reminders.js does.
 */
(function () {
  "use strict";

  var attached = false;

  function attach(socket) {
    if (attached || !socket || typeof socket.on !== "function") {
      return;
    }
    attached = true;
    socket.on("class:ended", function () {
      window.location.assign("/seance-terminee");
    });
  }

  attach(window.SalonSocket);
  document.addEventListener("salon:socket", function (ev) {
    attach(ev.detail);
  });
})();
