/* « Chronophage ? » time budget in the static book. compute() mirrors
 * pmesocial/budget.py (tests compare them); charts are drawn with the book's plotly.js. */
(function (root) {
  "use strict";
  var fmt = function (x, d) { return root.PmesExercise.formatNumber(x, d || 0); };
  var round2 = function (x) { return Math.round(x * 100) / 100; };

  function compute(spec, hours, hourlyCost) {
    var weeks = spec.weeks_per_month === undefined ? 4.33 : spec.weeks_per_month;
    var errors = [];
    var cost = spec.hourly_cost;
    var costOk = typeof hourlyCost === "number" && isFinite(hourlyCost) && hourlyCost >= cost.min && hourlyCost <= cost.max;
    var activities = spec.activities.map(function (a) {
      var h = hours[a.id] === undefined ? 0 : hours[a.id];
      if (typeof h !== "number" || !isFinite(h) || h < 0 || h > a.max) {
        errors.push("« " + a.label + " » : indiquez un nombre d'heures entre 0 et " + fmt(a.max) + ".");
        h = 0;
      }
      return { id: a.id, label: a.label, hours: h, monthly_cost: 0 };
    });
    if (!costOk) {
      errors.push("Coût horaire : indiquez une valeur entre " + fmt(cost.min) + " et " + fmt(cost.max) + " €.");
      hourlyCost = cost["default"];
    }
    activities.forEach(function (a) { a.monthly_cost = round2(a.hours * weeks * hourlyCost); });
    var weekly = activities.reduce(function (s, a) { return s + a.hours; }, 0);
    return {
      weekly_hours: weekly,
      monthly_hours: round2(weekly * weeks),
      monthly_cost: round2(weekly * weeks * hourlyCost),
      activities: activities,
      alternatives: spec.alternatives.map(function (x) { return { id: x.id, label: x.label, monthly_cost: x.monthly_cost }; }),
      errors: errors
    };
  }
  function summaryText(r) {
    return "Temps consacré : " + fmt(r.weekly_hours, 1) + " h par semaine, soit " + fmt(r.monthly_hours, 1) +
      " h par mois, pour un coût d'environ " + fmt(r.monthly_cost) + " € par mois.";
  }
  var api = { compute: compute, summaryText: summaryText };
  root.PmesBudget = api;

  var PALETTE = ["#0b4f8a", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];
  var PATTERNS = ["", "/", ".", "x", "-", "+"];
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else if (k === "className") node.className = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function bars(labels, values, suffix, decimals) {
    return [{ type: "bar", x: labels, y: values,
      text: values.map(function (v) { return fmt(v, decimals) + suffix; }), textposition: "outside",
      hovertemplate: "%{x} : %{text}<extra></extra>",
      marker: { color: labels.map(function (_, i) { return PALETTE[i % PALETTE.length]; }),
                pattern: { shape: labels.map(function (_, i) { return PATTERNS[i % PATTERNS.length]; }), fgcolor: "#ffffff", solidity: 0.25 },
                line: { color: "#1f1f1f", width: 1 } } }];
  }
  function layout(title, yTitle, source) {
    return { template: "none", title: { text: title, x: 0, xanchor: "left" }, separators: ",\u202f",
      font: { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 14, color: "#1f1f1f" },
      yaxis: { title: { text: yTitle }, gridcolor: "#d9d9d9", rangemode: "tozero", automargin: true },
      xaxis: { automargin: true }, margin: { l: 70, r: 20, t: 60, b: 95 }, height: 400,
      annotations: [{ text: "Source : " + source, xref: "paper", yref: "paper", x: 0, y: -0.3, xanchor: "left",
                      yanchor: "top", showarrow: false, font: { size: 12, color: "#4a4a4a" } }] };
  }

  function render(container, spec) {
    var base = "pmes-budget-" + spec.id;
    var inputs = {};
    var body = el("div", { className: "pmes-budget" });
    body.appendChild(el("p", { className: "pmes-title", text: spec.title }));
    if (spec.intro) body.appendChild(el("p", { text: spec.intro }));
    function slider(id, label, min, max, step, value, unit) {
      var input = el("input", { type: "range", id: base + "-" + id, min: String(min), max: String(max), step: String(step), value: String(value) });
      var out = el("output", { "for": input.id, className: "pmes-estimate-value" });
      var show = function () { out.textContent = fmt(Number(input.value), unit === "h" ? 1 : 0) + " " + unit; };
      input.addEventListener("input", function () { show(); update(); });
      show();
      inputs[id] = input;
      body.appendChild(el("div", { className: "pmes-estimate" }, [el("label", { "for": input.id, text: label }), input, out]));
    }
    var summary = el("p", { className: "pmes-budget-summary", role: "status", "aria-live": "polite" });
    var hoursDiv = el("div", { className: "pmes-budget-chart", role: "img" });
    var costDiv = el("div", { className: "pmes-budget-chart", role: "img" });
    spec.activities.forEach(function (a) { slider(a.id, a.label, 0, a.max, a.step || 0.5, a["default"], "h"); });
    var c = spec.hourly_cost;
    slider("__cost", c.label, c.min, c.max, c.step, c["default"], "€");
    body.appendChild(summary);
    body.appendChild(hoursDiv);
    body.appendChild(costDiv);
    var details = el("details", {}, [el("summary", { text: "D'où viennent les coûts de comparaison ?" })]);
    var ul = el("ul");
    spec.alternatives.forEach(function (x) {
      ul.appendChild(el("li", {}, [el("strong", { text: x.label }),
        document.createTextNode(" : " + fmt(x.monthly_cost) + " € par mois. " + x.basis)]));
    });
    details.appendChild(ul);
    body.appendChild(details);
    container.appendChild(body);

    function update() {
      var hours = {};
      spec.activities.forEach(function (a) { hours[a.id] = Number(inputs[a.id].value); });
      var r = compute(spec, hours, Number(inputs.__cost.value));
      summary.textContent = summaryText(r);
      var hLabels = r.activities.map(function (a) { return a.label; });
      var hValues = r.activities.map(function (a) { return a.hours; });
      hoursDiv.setAttribute("aria-label", "Heures par semaine. " + hLabels.map(function (l, i) { return l + " : " + fmt(hValues[i], 1) + " h"; }).join(" ; ") + ".");
      var cLabels = ["Votre temps sur les<br>médias sociaux"].concat(spec.alternatives.map(function (x) { return x.label; }));
      var cValues = [r.monthly_cost].concat(spec.alternatives.map(function (x) { return x.monthly_cost; }));
      costDiv.setAttribute("aria-label", "Coût mensuel comparé. " + cLabels.map(function (l, i) { return l.replace("<br>", " ") + " : " + fmt(cValues[i]) + " €"; }).join(" ; ") + ".");
      if (root.Plotly) {
        var config = { displaylogo: false, responsive: true };
        root.Plotly.react(hoursDiv, bars(hLabels, hValues, " h", 1), layout("Votre semaine type sur les médias sociaux", "Heures par semaine", "vos réglages"), config);
        root.Plotly.react(costDiv, bars(cLabels, cValues, " €", 0), layout("Coût par mois : votre temps et d'autres moyens", "Euros par mois",
          "vos réglages ; coûts des autres moyens : ordres de grandeur du cours, à adapter"), config);
      }
    }
    update();
    container.setAttribute("data-pmes-ready", "true");
  }

  function renderAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".pmes-budget-host[data-pmes-budget]"), function (host) {
      if (host.getAttribute("data-pmes-ready")) return;
      var payload = JSON.parse(host.querySelector("script[type='application/json']").textContent);
      render(host, payload.budget);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
  else renderAll();
})(this);
