// Plate-map editor: select wells by click and drag, assign roles, generate dilution series, save via the API.
(function () {
  "use strict";
  const ROLE_COLORS = { standard: "#cfe3ff", sample: "#d8f3e4", qc: "#ffe8c2", blank: "#eceff4",
    positive_control: "#ffd4d1", negative_control: "#e7dcff" };
  const grid = document.getElementById("plate-grid");
  const initial = JSON.parse(document.getElementById("layout-initial").textContent);
  const csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  let rows = initial.rows, columns = initial.columns;
  // the roles' names as the page's Role menu says them ("QC", "positive control"), not their codes
  const ROLE_NAMES = {};
  document.querySelectorAll("#role option").forEach((o) => { ROLE_NAMES[o.value] = o.textContent; });
  const roleName = (role) => ROLE_NAMES[role] || role.replace(/_/g, " ");
  let wells = {};          // "A1" -> {role, group, sample, concentration, unit, dilution_factor, lot}
  let selected = new Set();
  let dragStart = null, dragging = false;
  (initial.wells || []).forEach((w) => { wells[w.well] = w; });

  const rowName = (i) => (i < 26 ? String.fromCharCode(65 + i) : "A" + String.fromCharCode(65 + i - 26));
  const wellName = (r, c) => rowName(r) + (c + 1);
  const parse = (name) => {
    const m = /^([A-Z]{1,2})0*(\d+)$/.exec(String(name).trim().toUpperCase());
    if (!m) return null;
    const letters = m[1];
    const r = letters.length === 1 ? letters.charCodeAt(0) - 65 : 26 + letters.charCodeAt(1) - 65;
    return [r, parseInt(m[2], 10) - 1];
  };
  const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toPrecision(3) : x.toPrecision(2));

  // build() lays out the grid for the geometry; paint() only updates classes and labels, so dragging
  // across wells never replaces the elements under the pointer.
  function build() {
    grid.innerHTML = "";
    grid.style.gridTemplateColumns = `24px repeat(${columns}, minmax(0, 1fr))`;
    grid.appendChild(document.createElement("div"));
    for (let c = 0; c < columns; c++) { const h = document.createElement("div"); h.className = "hdr"; h.textContent = c + 1; grid.appendChild(h); }
    for (let r = 0; r < rows; r++) {
      const h = document.createElement("div"); h.className = "hdr"; h.textContent = rowName(r); grid.appendChild(h);
      for (let c = 0; c < columns; c++) {
        const cell = document.createElement("div");
        cell.dataset.well = wellName(r, c); cell.dataset.r = r; cell.dataset.c = c;
        grid.appendChild(cell);
      }
    }
    paint();
  }

  function paint() {
    const edge = document.getElementById("show-edge").checked;
    grid.querySelectorAll("[data-well]").forEach((cell) => {
      const name = cell.dataset.well, r = +cell.dataset.r, c = +cell.dataset.c;
      const w = wells[name];
      cell.className = "well" + (w ? " " + w.role : "") + (selected.has(name) ? " selected" : "")
        + (edge && (r === 0 || c === 0 || r === rows - 1 || c === columns - 1) ? " edge" : "");
      cell.title = name + (w ? ` · ${roleName(w.role)}${w.group ? " · " + w.group : ""}${w.sample ? " · " + w.sample : ""}`
        + (w.concentration != null ? ` · ${w.concentration} ${w.unit || ""}` : "") + (w.dilution_factor > 1 ? ` · 1:${w.dilution_factor}` : "") : " · empty");
      cell.textContent = w && columns <= 24 ? (w.concentration != null ? fmt(w.concentration) : (w.group || w.sample || w.role[0]).slice(0, 4)) : "";
    });
    document.getElementById("selection-count").textContent = selected.size;
    const legend = document.getElementById("legend");
    const counts = {};
    Object.values(wells).forEach((w) => { counts[w.role] = (counts[w.role] || 0) + 1; });
    legend.innerHTML = Object.keys(ROLE_COLORS).map((role) =>
      `<span><span class="sw" style="background:${ROLE_COLORS[role]}"></span>${roleName(role)} (${counts[role] || 0})</span>`).join("");
  }
  const render = paint;

  function rectangle(a, b) {
    const out = new Set();
    for (let r = Math.min(a[0], b[0]); r <= Math.max(a[0], b[0]); r++)
      for (let c = Math.min(a[1], b[1]); c <= Math.max(a[1], b[1]); c++) out.add(wellName(r, c));
    return out;
  }

  grid.addEventListener("mousedown", (e) => {
    const cell = e.target.closest(".well"); if (!cell) return;
    dragging = true; dragStart = [+cell.dataset.r, +cell.dataset.c];
    if (!e.shiftKey && !e.metaKey && !e.ctrlKey) selected = new Set();
    selected.add(cell.dataset.well); render();
  });
  grid.addEventListener("mouseover", (e) => {
    if (!dragging) return;
    const cell = e.target.closest(".well"); if (!cell) return;
    rectangle(dragStart, [+cell.dataset.r, +cell.dataset.c]).forEach((w) => selected.add(w)); render();
  });
  document.addEventListener("mouseup", () => { dragging = false; });

  const val = (id) => document.getElementById(id).value;
  document.getElementById("assign").addEventListener("click", () => {
    const role = val("role");
    const conc = val("concentration") === "" ? null : parseFloat(val("concentration"));
    selected.forEach((name) => {
      if (role === "empty") { delete wells[name]; return; }
      wells[name] = { well: name, role, group: val("group"), sample: val("sample"), concentration: conc,
        unit: val("unit"), dilution_factor: parseFloat(val("dilution")) || 1, lot: val("lot") ? parseInt(val("lot"), 10) : null };
    });
    render();
  });
  document.getElementById("clear").addEventListener("click", () => { selected = new Set(); render(); });
  document.getElementById("empty").addEventListener("click", () => { selected.forEach((n) => delete wells[n]); render(); });
  document.getElementById("show-edge").addEventListener("change", render);
  document.getElementById("geometry").addEventListener("change", (e) => {
    const [r, c] = e.target.value.split("x").map(Number); rows = r; columns = c;
    Object.keys(wells).forEach((n) => { const p = parse(n); if (!p || p[0] >= rows || p[1] >= columns) delete wells[n]; });
    selected = new Set(); build();
  });

  document.getElementById("series").addEventListener("click", () => {
    const start = parse(val("s-start")); const msg = document.getElementById("save-message");
    if (!start) { msg.innerHTML = '<div class="messages"><li class="error">Start well must look like A1.</li></div>'; return; }
    const top = parseFloat(val("s-top")), factor = parseFloat(val("s-factor"));
    const levels = parseInt(val("s-levels"), 10), reps = parseInt(val("s-reps"), 10);
    const down = val("s-direction") === "down", role = val("s-role"), prefix = val("s-prefix") || "S";
    const zero = document.getElementById("s-zero").checked && role === "standard";
    const concs = Array.from({ length: levels }, (_, i) => top / Math.pow(factor, i)).concat(zero ? [0] : []);
    const placed = {};
    for (let level = 0; level < concs.length; level++) {
      for (let rep = 0; rep < reps; rep++) {
        const r = start[0] + (down ? level : rep), c = start[1] + (down ? rep : level);
        if (r >= rows || c >= columns) {
          msg.innerHTML = `<ul class="messages"><li class="error">The series does not fit on the plate from ${val("s-start")}.</li></ul>`; return;
        }
        const conc = concs[level];
        placed[wellName(r, c)] = { well: wellName(r, c), role: conc === 0 ? "blank" : role, group: conc === 0 ? prefix + "0" : prefix + (level + 1),
          sample: role === "standard" ? "" : val("sample"), concentration: conc === 0 ? null : conc, unit: val("unit"), dilution_factor: 1, lot: val("lot") ? parseInt(val("lot"), 10) : null };
      }
    }
    Object.assign(wells, placed); msg.innerHTML = ""; render();
  });

  document.getElementById("save").addEventListener("click", () => {
    const msg = document.getElementById("save-message");
    const body = { name: val("layout-name"), rows, columns, wells: Object.values(wells) };
    const lab = document.getElementById("save").dataset.lab; // the lab chosen on the lab switcher
    if (lab) body.lab = parseInt(lab, 10);
    fetch("/api/v1/layouts/", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf }, body: JSON.stringify(body) })
      .then((r) => r.json().then((b) => [r.status, b]))
      .then(([status, b]) => {
        if (status === 201) { window.location = `/assays/layouts/${b.id}/`; return; }
        const text = (b.error && b.error.message) || `Server answered ${status}.`;
        msg.innerHTML = '<ul class="messages"><li class="error"></li></ul>';
        msg.querySelector("li").textContent = text;
      });
  });
  build();
})();
