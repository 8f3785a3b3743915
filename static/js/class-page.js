/*
 * Salon — a class's page for its teachers (server/templates/server/class.html).
 *
 *  - the waiting list is live: `class:waiting` ({"class_id", "pupil": {"id", "name"}}) adds a pupil with an
 *    "Accepter" form (from the page's <template>), `class:admitted` ({"class_id", "pupil_ids"}) removes them;
 *    the teacher's socket hears its classes on `class:<id>` (chat/handlers.py);
 *  - "Copier le code" and "Imprimer le bilan" buttons, shown only when they can work.
 * Confirmations of the forms come from static/js/admin.js (data-confirm). Text only through textContent.
 */
(function () {
  "use strict";

  var page = document.querySelector("[data-class-page]");
  if (!page) {
    return;
  }
  var classId = Number(page.getAttribute("data-class-id"));

  var copy = page.querySelector("[data-copy-code]");
  var code = page.querySelector("[data-class-code]");
  var copyStatus = page.querySelector("[data-copy-status]");
  if (copy && code && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent.trim()).then(
        function () {
          copyStatus.textContent = "Code copié.";
        },
        function () {
          copyStatus.textContent = "Le code n’a pas pu être copié : sélectionnez-le à la main.";
        }
      );
    });
  }
  var print = page.querySelector("[data-print]");
  if (print && typeof window.print === "function") {
    print.hidden = false;
    print.addEventListener("click", function () {
      window.print();
    });
  }

  var waiting = page.querySelector("[data-waiting]");
  if (!waiting || typeof window.io !== "function") {
    return;
  }
  var list = waiting.querySelector("[data-waiting-list]");
  var empty = waiting.querySelector("[data-waiting-empty]");
  var count = waiting.querySelector("[data-waiting-count]");
  var all = waiting.querySelector("[data-admit-all]");
  var template = waiting.querySelector("[data-waiting-template]");

  function refresh() {
    var n = list.querySelectorAll("li[data-pupil-id]").length;
    count.textContent = String(n);
    empty.hidden = n > 0;
    all.hidden = n === 0;
  }

  function add(pupil) {
    if (!pupil || typeof pupil.id !== "number" || typeof pupil.name !== "string") {
      return;
    }
    if (list.querySelector('li[data-pupil-id="' + pupil.id + '"]')) {
      return;
    }
    var item = template.content.firstElementChild.cloneNode(true);
    item.setAttribute("data-pupil-id", String(pupil.id));
    item.querySelector(".class-person").textContent = pupil.name;
    item.querySelector('input[name="pupil_id"]').value = String(pupil.id);
    item.querySelector("[data-name]").textContent = " " + pupil.name;
    list.appendChild(item);
    refresh();
  }

  function remove(ids) {
    if (!Array.isArray(ids)) {
      return;
    }
    ids.forEach(function (id) {
      var item = list.querySelector('li[data-pupil-id="' + Number(id) + '"]');
      if (item) {
        item.remove();
      }
    });
    refresh();
  }

  var socket = window.io({ path: "/socket.io", transports: ["polling", "websocket"] });
  window.SalonSocket = socket; // static/js/reminders.js listens on it
  socket.on("class:waiting", function (data) {
    if (data && data.class_id === classId) {
      add(data.pupil);
    }
  });
  socket.on("class:admitted", function (data) {
    if (data && data.class_id === classId) {
      remove(data.pupil_ids);
    }
  });
})();
