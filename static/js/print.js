// "Imprimer le guide": shows the button (hidden without JavaScript, where the browser's own print works the
// same, thanks to house.css's print stylesheet) and prints the page on click.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
