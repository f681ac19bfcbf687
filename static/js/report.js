/* The study report's "Print or save as PDF" button (no inline script: the CSP allows only this site's files). */
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) button.addEventListener("click", function () { window.print(); });
})();
