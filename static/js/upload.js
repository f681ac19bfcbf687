// Upload page: drag-and-drop many files, one request per file to POST /api/v1/plates/ with progress.
(function () {
  "use strict";
  const drop = document.getElementById("dropzone");
  const input = document.getElementById("file-input");
  const results = document.getElementById("results");
  const template = document.getElementById("result-template");
  const csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";

  function text(el, value) { el.textContent = value; return el; }

  function describePlate(plate, body) {
    const geometry = `${plate.rows}×${plate.columns} (${plate.well_count} wells)`;
    const reads = plate.reads.map((r) => r.label + (r.timepoints.length ? ` (${r.timepoints.length} time points)` : "")).join(", ");
    const row = document.createElement("div");
    row.className = "ur-plate";
    row.innerHTML = `<a class="plate-link" href="/assays/plates/${plate.id}/"></a> · <span class="vendor"></span> · ${geometry}<div class="muted reads"></div>`;
    text(row.querySelector(".plate-link"), plate.name);
    text(row.querySelector(".vendor"), plate.vendor + (plate.instrument ? ` · ${plate.instrument}` : ""));
    text(row.querySelector(".reads"), "Reads: " + reads);
    body.appendChild(row);
  }

  function showError(card, error) {
    const body = card.querySelector(".ur-body");
    body.innerHTML = "";
    const p = document.createElement("div");
    p.className = "error-text";
    text(p, error.message || "The upload failed.");
    body.appendChild(p);
    if (error.detail && error.detail.import_id) {
      const note = document.createElement("div");
      note.className = "muted";
      text(note, "The file is kept as a failed import. Retry with a format: ");
      const select = document.getElementById("vendor").cloneNode(true);
      select.removeAttribute("id");
      const button = document.createElement("button");
      button.className = "secondary";
      text(button, "Retry");
      button.addEventListener("click", () => retry(card, error.detail.import_id, select.value));
      note.appendChild(select);
      note.appendChild(button);
      body.appendChild(note);
    }
  }

  function finish(card, status, body) {
    const badge = card.querySelector(".ur-status");
    if (status === 200 || status === 201) {
      card.classList.add("done");
      badge.className = "badge ok ur-status";
      const plates = body.plates || [body];
      text(badge, plates[0].duplicate ? "already imported" : "imported");
      const out = card.querySelector(".ur-body");
      out.innerHTML = "";
      plates.forEach((p) => describePlate(p, out));
    } else {
      card.classList.add("error");
      badge.className = "badge bad ur-status";
      text(badge, "refused");
      showError(card, (body && body.error) || { message: `Server answered ${status}.` });
    }
  }

  function send(card, method, url, data, isJson) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader("X-CSRFToken", csrf);
      if (isJson) xhr.setRequestHeader("Content-Type", "application/json");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) card.querySelector(".bar").style.width = `${(100 * e.loaded) / e.total}%`;
      };
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
        finish(card, xhr.status, body);
        resolve();
      };
      xhr.onerror = () => { finish(card, 0, { error: { message: "Network error: the server could not be reached." } }); resolve(); };
      xhr.send(data);
    });
  }

  function retry(card, importId, vendor) {
    card.classList.remove("error");
    text(card.querySelector(".ur-status"), "retrying");
    return send(card, "POST", `/api/v1/imports/${importId}/retry/`, JSON.stringify({ vendor: vendor }), true);
  }

  async function uploadAll(files) {
    for (const file of files) {
      const card = template.content.firstElementChild.cloneNode(true);
      text(card.querySelector(".ur-name"), file.name);
      card.dataset.filename = file.name;
      results.prepend(card);
      text(card.querySelector(".ur-status"), "uploading");
      const form = new FormData();
      form.append("file", file);
      const vendor = document.getElementById("vendor").value;
      const barcode = document.getElementById("barcode").value;
      if (drop.dataset.lab) form.append("lab", drop.dataset.lab); // the lab chosen on the lab switcher
      if (vendor) form.append("vendor", vendor);
      if (barcode && files.length === 1) form.append("barcode", barcode);
      await send(card, "POST", "/api/v1/plates/", form, false);
    }
  }

  drop.addEventListener("click", () => input.click());
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") input.click(); });
  input.addEventListener("change", () => { uploadAll(Array.from(input.files)); input.value = ""; });
  ["dragenter", "dragover"].forEach((name) => drop.addEventListener(name, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((name) => drop.addEventListener(name, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => uploadAll(Array.from(e.dataTransfer.files)));
})();
