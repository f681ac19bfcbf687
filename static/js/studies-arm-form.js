// Treatment rows of the group form: "Add a treatment" copies the empty row with the next index;
// "Remove" ticks the row's DELETE box (the server leaves the row out) and hides it.
(function () {
  document.querySelectorAll("fieldset.treatment-rows").forEach(function (box) {
    var prefix = box.dataset.prefix;
    var total = box.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = box.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var body = box.querySelector("tbody");
    var template = document.getElementById(prefix + "-empty");
    var addButton = box.querySelector("[data-add-treatment]");

    function visibleRows() {
      return body.querySelectorAll("tr.treatment-row:not(.removed)").length;
    }
    function refresh() {
      addButton.disabled = max && visibleRows() >= parseInt(max.value, 10);
    }
    addButton.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = body.lastElementChild.querySelector("select, input:not([type=hidden])");
      if (first) first.focus();
      refresh();
    });
    body.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-treatment]");
      if (!button) return;
      var row = button.closest("tr");
      var box = row.querySelector("input[type=checkbox][name$='-DELETE']");
      if (box) box.checked = true;
      row.classList.add("removed");
      row.hidden = true;
      refresh();
    });
    refresh();
  });
})();
