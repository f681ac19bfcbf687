// Behaviour shared by every page, kept out of the templates so the Content-Security-Policy can
// forbid inline scripts and event handlers:
//   <select data-autosubmit>  submits its form when changed (filters);
//   <form data-no-submit>     never submits (the page's script handles its buttons);
//   <span data-reload-after="2000">  reloads the page after that many milliseconds (jobs still running).
(function () {
  "use strict";
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { if (el.form) el.form.submit(); });
  });
  document.querySelectorAll("form[data-no-submit]").forEach(function (form) {
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  });
  var reload = document.querySelector("[data-reload-after]");
  if (reload) setTimeout(function () { location.reload(); }, parseInt(reload.dataset.reloadAfter, 10) || 2000);
})();
