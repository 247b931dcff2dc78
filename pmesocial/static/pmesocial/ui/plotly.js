/* Draws the plotly figures a page stores as JSON, with the plotly.js the book serves. */
(function () {
  "use strict";
  function draw() {
    Array.prototype.forEach.call(document.querySelectorAll(".pmes-plotly"), function (div) {
      var script = div.querySelector("script[type='application/json']");
      if (!script || div.getAttribute("data-pmes-ready")) return;
      var fig = JSON.parse(script.textContent);
      // no mode bar: its buttons would be unlabelled controls nested in the figure
      var config = Object.assign({}, fig.config || {}, { responsive: true, displaylogo: false, displayModeBar: false });
      window.Plotly.newPlot(div, fig.data || [], fig.layout || {}, config).then(function () {
        div.setAttribute("data-pmes-ready", "true");
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
