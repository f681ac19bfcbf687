/* Draws every Plotly figure of a page, on every page that has plots (assays and studies).
   <div data-figure="ID"> reads the figure {data, layout, config} that Django's json_script wrote into
   <script id="ID">; a figure without a config gets the portal's default. Loaded with plotly.js at the end
   of the body by templates/il2portal/_plots.html. A drawn plot is marked data-drawn="1".

   Two behaviours are switched on by data attributes (the Content-Security-Policy allows no inline script):
   - data-exclude-into="FIELD-ID" (run page: standard curve, plate map): a click on a point whose
     customdata is a well ("B3", "12:B3") adds it to the excluded-wells field, or takes it out;
   - data-well-select="SELECT-ID" (plate page heatmaps of kinetic reads) and <select data-well-trace=
     "PLOT-ID">: a click on a well, or a choice in the list, redraws the per-well trace PLOT-ID from the
     points of the all-wells figure named by the plot's data-traces-source. */
(function () {
  "use strict";
  var DEFAULT_CONFIG = { displaylogo: false, responsive: true };

  function figureOf(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  function toggleWell(input, token) {
    var items = input.value.split(/[,;]/).map(function (s) { return s.trim(); })
      .filter(function (s) { return s.length > 0; });
    var wanted = token.toUpperCase();
    var at = -1;
    items.forEach(function (item, i) { if (item.toUpperCase() === wanted) at = i; });
    if (at >= 0) items.splice(at, 1); else items.push(token);
    input.value = items.join(", ");
    input.dispatchEvent(new Event("change", { bubbles: true }));
    document.querySelectorAll("[data-exclude-list='" + input.id + "']").forEach(function (el) {
      el.textContent = input.value || "none";
    });
    var status = document.getElementById("exclude-status");
    if (status) {
      status.textContent = at >= 0 ? token + " taken out of the wells to exclude."
        : token + " added to the wells to exclude: give a reason and make a new version.";
    }
  }

  function onExcludeClick(el) {
    var input = document.getElementById(el.dataset.excludeInto);
    if (!input) return;
    el.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var token = point && point.customdata;
      if (typeof token === "string" && token) toggleWell(input, token);
    });
  }

  function drawWellTrace(plot, well) {
    var all = figureOf(plot.dataset.tracesSource);
    var own = figureOf(plot.dataset.figure);
    if (!all || !own || !window.Plotly) return;
    var x = [], y = [];
    all.data.forEach(function (trace) {
      (trace.text || []).forEach(function (name, i) {
        if (name === well) { x.push(trace.x[i]); y.push(trace.y[i]); }
      });
    });
    var trace = Object.assign({}, own.data[0], {
      x: x, y: y, name: well,
      hovertemplate: well + ": %{y:.4g} at %{x:.4g}<extra></extra>"
    });
    var layout = Object.assign({}, own.layout, {
      title: Object.assign({}, own.layout.title, { text: "Well " + well + " (n = " + x.length + " points shown)" })
    });
    window.Plotly.react(plot, [trace], layout, own.config || DEFAULT_CONFIG);
    plot.dataset.well = well;
  }

  function onWellSelect(select) {
    var plot = document.getElementById(select.dataset.wellTrace);
    if (!plot) return;
    select.addEventListener("change", function () { drawWellTrace(plot, select.value); });
  }

  function onHeatmapWell(el) {
    var select = document.getElementById(el.dataset.wellSelect);
    if (!select) return;
    el.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      if (!point || point.x === undefined || point.y === undefined) return;
      var well = String(point.y) + String(point.x);
      if (!Array.prototype.some.call(select.options, function (o) { return o.value === well; })) return;
      select.value = well;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function draw(el) {
    var fig = figureOf(el.dataset.figure);
    if (!fig || !window.Plotly) return;
    window.Plotly.newPlot(el, fig.data, fig.layout, fig.config || DEFAULT_CONFIG)
      .then(function () {
        if (el.dataset.excludeInto) onExcludeClick(el);
        if (el.dataset.wellSelect) onHeatmapWell(el);
        el.dataset.drawn = "1";
      });
  }
  document.querySelectorAll("[data-figure]").forEach(draw);
  document.querySelectorAll("select[data-well-trace]").forEach(onWellSelect);
})();
