/*
 * Salon — the CSV import's job page (stands/templates/stands/admin/import_job.html).
 *
 * Plain ES2017, no build step; loaded with `defer` after salon-dom.js, only while the import runs.
 * Without JavaScript the page reloads itself every 2 seconds (<noscript> meta refresh); with it, this
 * script asks GET /api/imports/<id> every POLL_MS, moves the <progress> bar and the status line, and
 * reloads the page once the import has ended, so that the server renders the report table.
 */
(function () {
  "use strict";

  var POLL_MS = 1500;
  var MAX_WAIT_MS = 15000; // back-off ceiling while the server does not answer

  var box = document.getElementById("import-progress");
  var bar = document.getElementById("import-bar");
  var count = document.getElementById("import-count");
  if (!box || !bar || !window.fetch || !window.SalonDom) {
    return;
  }
  var url = box.getAttribute("data-url");
  var text = box.getAttribute("data-text") || "";
  var wait = POLL_MS;

  function show(job) {
    var total = Math.max(Number(job.total_rows) || 0, 1);
    var done = Math.min(Number(job.done_rows) || 0, total);
    bar.max = total;
    bar.value = done;
    bar.textContent = done + " / " + total;
    window.SalonDom.setText(count, window.SalonDom.format(text, { done: job.done_rows, total: job.total_rows }));
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          return null; // signed out or gone: the page says what it can, stop asking
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (job) {
        if (!job) {
          return;
        }
        show(job);
        if (job.status !== "running") {
          window.location.reload();
          return;
        }
        wait = POLL_MS;
        window.setTimeout(poll, wait);
      })
      .catch(function () {
        wait = Math.min(wait * 2, MAX_WAIT_MS);
        window.setTimeout(poll, wait);
      });
  }

  window.setTimeout(poll, POLL_MS);
})();
