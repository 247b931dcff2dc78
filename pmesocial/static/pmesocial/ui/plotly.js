/* The book shows each chart as its static SVG (drawn at build time). This script offers,
   per chart, a button that loads plotly.js (once, only on that click: it is the heaviest
   file of the book) and draws the interactive figure from the JSON stored beside it. */
(function () {
  "use strict";
  var loading = null;

  /* The figure names plotly.js relative to the book's root (its name carries its hash). */
  function plotlyUrl(figure) {
    var root = document.documentElement.getAttribute("data-content_root") || "";
    return new URL(root + figure.getAttribute("data-pmes-plotly"), document.baseURI).href;
  }

  function loadPlotly(url) {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { loading = null; reject(new Error("plotly.js")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function showLive(figure, button) {
    var div = figure.querySelector(".pmes-plotly");
    var script = div && div.querySelector("script[type='application/json']");
    if (!script) return;
    var status = figure.querySelector(".pmes-chart-status");
    button.disabled = true;
    status.textContent = "Chargement de la version interactive…";
    loadPlotly(plotlyUrl(figure)).then(function (Plotly) {
      var fig = JSON.parse(script.textContent);
      // no mode bar: its buttons would be unlabelled controls nested in the figure
      var config = Object.assign({}, fig.config || {}, { responsive: true, displaylogo: false, displayModeBar: false });
      div.hidden = false;
      return Plotly.newPlot(div, fig.data || [], fig.layout || {}, config).then(function () {
        div.setAttribute("data-pmes-ready", "true");
        var svg = figure.querySelector("svg.pmes-bar-chart");
        if (svg) svg.style.display = "none";  // one drawing at a time for screen readers
        button.parentNode.hidden = true;
        status.textContent = "Version interactive affichée : survolez ou touchez une barre pour lire sa valeur.";
      });
    }).catch(function () {
      button.disabled = false;
      div.hidden = true;
      status.textContent = "La version interactive n'a pas pu être chargée (connexion ?). Le graphique ci-dessus reste complet ; réessayez plus tard.";
    });
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.pmes-chart"), function (figure) {
      var more = figure.querySelector(".pmes-chart-more");
      var button = more && more.querySelector("button.pmes-chart-live");
      if (!button || figure.getAttribute("data-pmes-live")) return;
      figure.setAttribute("data-pmes-live", "1");
      var status = document.createElement("p");
      status.className = "pmes-chart-status";
      status.setAttribute("role", "status");
      figure.appendChild(status);
      more.hidden = false;  // without JavaScript, no button that would do nothing
      button.addEventListener("click", function () { showLive(figure, button); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
