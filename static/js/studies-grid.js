/* Keyboard-first measurement grid: live volume, trend and endpoint checks before saving.
   The server re-validates every row and saves all or none. */
(function () {
  "use strict";
  var form = document.getElementById("grid-form");
  if (!form) return;
  var cfg = JSON.parse(document.getElementById("grid-data").textContent);
  var kept = JSON.parse(document.getElementById("grid-values").textContent) || {};
  var rows = Array.prototype.slice.call(form.querySelectorAll("tbody tr[data-animal]:not(.done)"));

  function num(text) {
    text = (text || "").trim().replace(",", ".");
    if (text === "") return null;
    var v = Number(text);
    return isFinite(v) ? v : NaN;
  }
  function flag(level, text) {
    var s = document.createElement("span");
    s.className = "flag " + level;
    s.textContent = text;
    return s;
  }
  function fmt(v, d) { return v.toLocaleString("en-US", { maximumFractionDigits: d || 0, minimumFractionDigits: d || 0 }); }

  function check(tr) {
    var inputs = tr.querySelectorAll("input");
    var L = num(inputs[0].value), W = num(inputs[1].value), M = num(inputs[2].value);
    var info = cfg.animals[tr.dataset.animal] || {};
    var flags = [];
    var bad = [false, false, false];
    var volume = null;
    [L, W].forEach(function (v, i) {
      if (v === null) return;
      if (isNaN(v)) { flags.push(["bad", (i ? "W" : "L") + ": not a number"]); bad[i] = true; }
      else if (v < 0) { flags.push(["bad", (i ? "W" : "L") + " negative"]); bad[i] = true; }
      else if (v > cfg.max_axis) { flags.push(["bad", (i ? "W" : "L") + " > " + cfg.max_axis + " mm (cm?)"]); bad[i] = true; }
    });
    if (!bad[0] && !bad[1] && (L === null) !== (W === null)) {
      flags.push(["warn", "give both L and W"]);
    } else if (L !== null && W !== null && !bad[0] && !bad[1]) {
      if ((L === 0) !== (W === 0)) { flags.push(["bad", "one axis is 0"]); bad[0] = bad[1] = true; }
      else {
        if (W > L) flags.push(["info", "W > L: will be swapped"]);
        var l = Math.max(L, W), w = Math.min(L, W);
        volume = cfg.factor * l * w * w;
        if (volume >= cfg.endpoint) flags.push(["bad", "≥ endpoint " + fmt(cfg.endpoint) + " mm³"]);
        var h = info.volumes || [];
        if (h.length) {
          var last = h[h.length - 1], d0 = last[0], v0 = last[1];
          var rate = info.rate && info.rate > 0 ? info.rate : 0;
          var expected = v0 * Math.exp(rate * (cfg.day - d0));
          if (v0 > 0 && volume > 0) {
            var ratio = volume / expected;
            if ((ratio > 2.5 || ratio < 0.4) && Math.abs(volume - expected) > 40) {
              flags.push(["warn", "out of trend (expected ≈ " + fmt(expected) + ")"]);
            } else if (rate > 0 && expected < cfg.endpoint && v0 * Math.exp(rate * (cfg.day + 3 - d0)) >= cfg.endpoint && volume < cfg.endpoint) {
              flags.push(["warn", "endpoint expected within 3 days"]);
            }
          } else if (v0 === 0 && volume > 150) {
            flags.push(["warn", "was non-palpable: check"]);
          }
        }
      }
    }
    if (M !== null) {
      if (isNaN(M)) { flags.push(["bad", "weight: not a number"]); bad[2] = true; }
      else if (M <= 0 || M > cfg.max_weight) { flags.push(["bad", "weight " + M + " g? (g vs mg)"]); bad[2] = true; }
      else {
        var ws = info.weights || [];
        if (ws.length) {
          var lw = ws[ws.length - 1][1], change = (M - lw) / lw * 100;
          if (Math.abs(change) > 10) flags.push(["warn", (change > 0 ? "+" : "") + fmt(change, 1) + " % weight since last"]);
        }
        if (info.baseline_weight) {
          var loss = (info.baseline_weight - M) / info.baseline_weight * 100;
          if (loss > cfg.weight_loss_pct) flags.push(["bad", "weight loss " + fmt(loss, 1) + " % > " + cfg.weight_loss_pct + " %"]);
          else if (loss >= cfg.weight_loss_pct - 5) flags.push(["warn", "weight loss " + fmt(loss, 1) + " %"]);
        }
      }
    }
    inputs.forEach(function (inp, i) { inp.classList.toggle("bad", bad[i]); });
    tr.querySelector("[data-role=volume]").textContent = volume === null ? "" : fmt(volume);
    var cell = tr.querySelector("[data-role=check]");
    var entered = L !== null || W !== null || M !== null;
    if (entered || !tr.classList.contains("server-error")) {
      cell.textContent = "";
      tr.classList.remove("server-error");
      flags.forEach(function (f) { cell.appendChild(flag(f[0], f[1])); });
    }
    var levels = flags.map(function (f) { return f[0]; });
    tr.classList.toggle("flag-bad", levels.indexOf("bad") >= 0);
    tr.classList.toggle("flag-warn", levels.indexOf("bad") < 0 && levels.indexOf("warn") >= 0);
    tr.dataset.entered = entered ? "1" : "";
  }

  function summary() {
    if (!rows.length) return;  // every animal saved for the day: keep the server's summary
    var entered = rows.filter(function (r) { return r.dataset.entered; }).length;
    var badN = rows.filter(function (r) { return r.classList.contains("flag-bad"); }).length;
    var warnN = rows.filter(function (r) { return r.classList.contains("flag-warn"); }).length;
    var text = entered + " of " + rows.length + " animals entered";
    if (badN) text += " · " + badN + " at or beyond an endpoint / invalid";
    if (warnN) text += " · " + warnN + " to double-check";
    document.getElementById("grid-summary").textContent = text;
  }

  function move(input, delta) {
    var tr = input.closest("tr"), col = input.dataset.col;
    var i = rows.indexOf(tr) + delta;
    if (i < 0 || i >= rows.length) return;
    var target = rows[i].querySelector("input[data-col='" + col + "']");
    target.focus();
    target.select();
  }

  var firstError = rows.filter(function (r) { return r.classList.contains("server-error"); })[0];
  rows.forEach(function (tr) {
    var pk = tr.dataset.animal;
    var values = kept[pk] || {};
    var inputs = tr.querySelectorAll("input");
    ["length_mm", "width_mm", "weight_g"].forEach(function (k, i) { if (values[k]) inputs[i].value = values[k]; });
    inputs.forEach(function (inp) {
      inp.addEventListener("input", function () { check(tr); summary(); });
      inp.addEventListener("keydown", function (e) {
        if (e.ctrlKey || e.metaKey) return;  // the page-wide save keys below
        if (e.key === "Enter" || e.key === "ArrowDown") { e.preventDefault(); move(inp, e.shiftKey ? -1 : 1); }
        else if (e.key === "ArrowUp") { e.preventDefault(); move(inp, -1); }
      });
    });
    check(tr);
  });
  summary();

  // Corrections of saved rows: a second row with the values and a required reason, posted by its own
  // form (outside the grid form, inputs attached with the form attribute).
  var corrections = Array.prototype.slice.call(document.querySelectorAll("tr.correction"));
  function openCorrection(id, open) {
    var row = document.querySelector("tr.correction[data-measurement='" + id + "']");
    var btn = document.querySelector("button.correct-btn[data-measurement='" + id + "']");
    if (!row) return;
    row.hidden = !open;
    if (btn) btn.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { var f = row.querySelector("input"); f.focus(); f.select(); }
  }
  document.querySelectorAll("button.correct-btn").forEach(function (btn) {
    btn.addEventListener("click", function () { openCorrection(btn.dataset.measurement, true); });
  });
  corrections.forEach(function (row) {
    row.querySelectorAll("input").forEach(function (inp) { inp.defaultValue = inp.value; });
    row.querySelector(".cancel-correction").addEventListener("click", function () {
      row.querySelectorAll("input").forEach(function (inp) { inp.value = inp.defaultValue; });
      openCorrection(row.dataset.measurement, false);
    });
  });
  document.querySelectorAll("form.correct-form[data-open='1']").forEach(function (f) {
    openCorrection(f.id.replace("correct-", ""), true);
  });

  // Unsaved values: ask before leaving the page (not when saving).
  var submitting = false;
  function unsaved() {
    return rows.some(function (r) { return r.dataset.entered; }) ||
      corrections.some(function (row) {
        return Array.prototype.some.call(row.querySelectorAll("input"), function (inp) { return inp.value !== inp.defaultValue; });
      });
  }
  window.addEventListener("beforeunload", function (e) {
    if (submitting || !unsaved()) return;
    e.preventDefault();
    e.returnValue = "";  // older browsers need a value to show the prompt
  });
  document.addEventListener("submit", function (e) {
    submitting = true;
    if (e.target === form) document.getElementById("save-grid").disabled = true;
  });

  // Save keys anywhere on the page: Ctrl/⌘+Enter or Ctrl/⌘+S. In an open correction they save the
  // correction, elsewhere the day's grid.
  document.addEventListener("keydown", function (e) {
    if (!(e.ctrlKey || e.metaKey) || !(e.key === "Enter" || e.key === "s" || e.key === "S")) return;
    e.preventDefault();
    var active = document.activeElement;
    var target = active && active.form && active.form.classList.contains("correct-form") ? active.form : form;
    target.requestSubmit();
  });

  var first = firstError || rows[0];
  if (first && !document.querySelector("form.correct-form[data-open='1']")) first.querySelector("input").focus();
})();
