/*
 * Salon — the back office's small comforts (plain ES2017, no build step). Every form works without it.
 *
 *  - a form with data-confirm="question" asks that question before it is sent (deleting something);
 *  - a page shown again with errors moves the keyboard focus to the error summary ([data-error-summary]),
 *    so that screen-reader and keyboard users start from the list of what to fix.
 */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  function focusErrors() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrors);
  } else {
    focusErrors();
  }
})();
