/* « Chronophage ? » in the book, and in JupyterLab and Voilà through kernel/host.py:
 * sliders, the summary and two bar charts in plain HTML (values as text), drawn from
 * rules/budget.js. Nothing is kept in the record. */
(function (root) {
  "use strict";
  var compute = root.PmesBudget.compute, summaryText = root.PmesBudget.summaryText;
  var fmt = function (x, d) { return root.PmesFormat.number(x, d || 0); };

  var el = function (tag, attrs, children) { return root.PmesDom.el(tag, attrs, children); };
  /* Values are text, bars only illustrate them. */
  function drawBars(target, view) {
    var fig = el("figure", { className: "pmes-bars" }, [el("figcaption", { className: "pmes-bars-title", text: view.title })]);
    view.rows.forEach(function (r) {
      var bar = el("span", { className: "pmes-bar pmes-bar-" + r.pattern });
      bar.style.width = r.width;
      fig.appendChild(el("div", { className: "pmes-bar-row" }, [
        el("span", { className: "pmes-bar-label", text: r.label }),
        el("span", { className: "pmes-bar-track", "aria-hidden": "true" }, [bar]),
        el("span", { className: "pmes-bar-value", text: r.text })]));
    });
    fig.appendChild(el("p", { className: "pmes-chart-source", text: view.source }));
    target.textContent = "";
    target.appendChild(fig);
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
      var show = function () { out.textContent = root.PmesDom.typo(fmt(Number(input.value), unit === "h" ? 1 : 0) + " " + unit); };
      input.addEventListener("input", function () { show(); update(); });
      show();
      inputs[id] = input;
      body.appendChild(el("div", { className: "pmes-estimate" }, [el("label", { "for": input.id, text: label }), input, out]));
    }
    var summary = el("p", { className: "pmes-budget-summary", role: "status", "aria-live": "polite" });
    var hoursDiv = el("div", { className: "pmes-budget-chart" });
    var costDiv = el("div", { className: "pmes-budget-chart" });
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
        root.PmesDom.typo(" : " + fmt(x.monthly_cost) + " € par mois. " + x.basis)]));
    });
    details.appendChild(ul);
    body.appendChild(details);
    container.appendChild(body);

    function update() {
      var hours = {};
      spec.activities.forEach(function (a) { hours[a.id] = Number(inputs[a.id].value); });
      var r = compute(spec, hours, Number(inputs.__cost.value));
      summary.textContent = root.PmesDom.typo(summaryText(r));
      var views = root.PmesBudget.charts(spec, r);
      drawBars(hoursDiv, views.hours);
      drawBars(costDiv, views.costs);
    }
    update();
    container.setAttribute("data-pmes-ready", "true");
  }

  root.PmesDom.renderEach(".pmes-budget-host[data-pmes-budget]:not([data-pmes-ready])", function (host) {
    render(host, JSON.parse(host.querySelector("script[type='application/json']").textContent).budget);
  });
})(this);
