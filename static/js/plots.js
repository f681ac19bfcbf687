/* Draws every Plotly figure of a page, on every page that has plots (assays and studies).
   <div data-figure="ID"> reads the figure {data, layout, config} that Django's json_script wrote into
   <script id="ID">; a figure without a config gets the portal's default. Loaded with plotly.js at the end
   of the body by templates/il2portal/_plots.html. A drawn plot is marked data-drawn="1". */
(function () {
  "use strict";
  var DEFAULT_CONFIG = { displaylogo: false, responsive: true };
  function draw(el) {
    var source = document.getElementById(el.dataset.figure);
    if (!source || !window.Plotly) return;
    var fig = JSON.parse(source.textContent);
    window.Plotly.newPlot(el, fig.data, fig.layout, fig.config || DEFAULT_CONFIG)
      .then(function () { el.dataset.drawn = "1"; });
  }
  document.querySelectorAll("[data-figure]").forEach(draw);
})();
