/* Studies pages: draw every Plotly figure embedded with json_script.
   <div data-figure="ID"> reads JSON {data, layout, config} from <script id="ID">. */
(function () {
  "use strict";
  function draw(el) {
    var source = document.getElementById(el.dataset.figure);
    if (!source || !window.Plotly) return;
    var fig = JSON.parse(source.textContent);
    window.Plotly.newPlot(el, fig.data, fig.layout, fig.config || { displaylogo: false, responsive: true })
      .then(function () { el.dataset.drawn = "1"; });
  }
  document.querySelectorAll("[data-figure]").forEach(draw);
})();
