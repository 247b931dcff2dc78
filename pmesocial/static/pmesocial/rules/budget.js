/* « Chronophage ? » time budget rules, mirroring pmesocial/rules/budget.py
 * (tests/vectors/budget.json, node --test). ui/budget.js draws. */
(function (root) {
  "use strict";
  var format = root.PmesFormat || require("./format.js");
  var fmt = function (x, d) { return format.number(x, d || 0); };
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
  var HOURS_TITLE = "Votre semaine type sur les médias sociaux (heures par semaine)";
  var COST_TITLE = "Coût par mois : votre temps et d'autres moyens (euros par mois)";
  var COST_SOURCE = "vos réglages ; coûts des autres moyens : ordres de grandeur du cours, à adapter";
  function barsView(title, rows, source) {
    var top = Math.max.apply(null, rows.map(function (r) { return r[1]; }).concat([0])) || 1;
    return { title: title, source: "Source : " + source, rows: rows.map(function (r, i) {
      return { label: r[0], text: r[2], pattern: i % 6,
               width: format.number(100 * r[1] / top, 1).replace(",", ".").split(format.NNBSP).join("") + "%" };
    }) };
  }
  function charts(spec, result) {
    var hours = result.activities.map(function (a) { return [a.label, a.hours, fmt(a.hours, 1) + " h"]; });
    var costs = [["Votre temps sur les médias sociaux", result.monthly_cost]].concat(
      spec.alternatives.map(function (x) { return [x.label, x.monthly_cost]; }))
      .map(function (c) { return [c[0], c[1], fmt(c[1]) + " €"]; });
    return { hours: barsView(HOURS_TITLE, hours, "vos réglages"), costs: barsView(COST_TITLE, costs, COST_SOURCE) };
  }
  var api = { compute: compute, summaryText: summaryText, barsView: barsView, charts: charts };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesBudget = api;
})(this);
