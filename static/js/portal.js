// Behaviour shared by every page, kept out of the templates so the Content-Security-Policy can
// forbid inline scripts and event handlers:
//   <select data-autosubmit>  submits its form when changed (filters);
//   <form data-no-submit>     never submits (the page's script handles its buttons);
//   <span data-reload-after="2000">  reloads the page after that many milliseconds (jobs still running);
//   the sidebar's Menu button (below 1000 px; without JavaScript the menu simply stays open);
//   a .table-wrap wider than its card becomes a focusable, named region (arrow keys scroll it).
(function () {
  "use strict";
  var sidebar = document.getElementById("sidebar");
  var toggle = sidebar && sidebar.querySelector(".nav-toggle");
  if (toggle) {
    document.documentElement.classList.add("js-nav");
    toggle.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  function regionName(wrap) {
    var table = wrap.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var card = wrap.closest(".card, section");
    var heading = card && card.querySelector("h2, h3");
    if (heading) return heading.textContent.trim().replace(/\s+/g, " ");
    var title = document.querySelector("h1");
    return (title ? title.textContent.trim() + ": " : "") + "table";
  }
  function markScrollingTables() {
    var used = {};
    document.querySelectorAll(".table-wrap[data-scroll-region]").forEach(function (wrap) {
      used[wrap.getAttribute("aria-label")] = true;
    });
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1 || wrap.scrollHeight > wrap.clientHeight + 1) {
        if (!wrap.hasAttribute("tabindex")) {
          wrap.setAttribute("tabindex", "0");
          wrap.setAttribute("role", "region");
          if (!wrap.hasAttribute("aria-label")) {
            var name = regionName(wrap), label = name + " (scrolls)";
            for (var n = 2; used[label]; n++) label = name + ", table " + n + " (scrolls)";  // unique landmarks
            used[label] = true;
            wrap.setAttribute("aria-label", label);
          }
          wrap.dataset.scrollRegion = "1";
        }
      } else if (wrap.dataset.scrollRegion) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        delete wrap.dataset.scrollRegion;
      }
    });
  }
  markScrollingTables();
  window.addEventListener("load", markScrollingTables);  // after images, fonts and plots
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(function () { markScrollingTables(); });
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      observer.observe(wrap);  // the card narrows (a smaller window)
      if (wrap.firstElementChild) observer.observe(wrap.firstElementChild);  // the table widens (rows added)
    });
  }
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { if (el.form) el.form.submit(); });
  });
  document.querySelectorAll("form[data-no-submit]").forEach(function (form) {
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  });
  var reload = document.querySelector("[data-reload-after]");
  if (reload) setTimeout(function () { location.reload(); }, parseInt(reload.dataset.reloadAfter, 10) || 2000);
})();
