/* The self-diagnostic's rules, mirroring pmesocial/rules/diagnostic.py rule for rule
 * (tests/vectors/diagnostic.json, node --test). ui/diagnostic.js draws. */
(function (root) {
  "use strict";
  var roundHalfUp = function (x) { return Math.floor(x + 0.5); };
  var DEFAULT_IMPORTANCE = 2, PRIORITY_COUNT = 3;

  function levelFor(spec, score) {
    if (score === null) return null;
    var chosen = spec.levels[0];
    spec.levels.forEach(function (l) { if (score >= l.min) chosen = l; });
    return { id: chosen.id, label: chosen.label };
  }
  function isLevel(v) { return Number.isInteger(v) && v >= 0 && v <= 4; }
  function compute(spec, answers, importance) {
    var errors = [];
    var dims = spec.dimensions.map(function (dim) {
      var values = [];
      dim.items.forEach(function (item) {
        var v = answers[item.id];
        if (v === undefined || v === null) return;
        if (isLevel(v)) values.push(v);
        else errors.push("« " + item.text + " » : la réponse doit être un niveau de 0 à 4.");
      });
      var weight = importance[dim.id] === undefined ? DEFAULT_IMPORTANCE : importance[dim.id];
      if (!(Number.isInteger(weight) && weight >= 1 && weight <= 3)) {
        errors.push("« " + dim.label + " » : l'importance doit valoir 1, 2 ou 3.");
        weight = DEFAULT_IMPORTANCE;
      }
      var sum = values.reduce(function (a, b) { return a + b; }, 0);
      var score = values.length ? roundHalfUp(sum * 25 / values.length) : null;
      return { id: dim.id, label: dim.label, score: score, level: levelFor(spec, score), importance: weight,
               answered: values.length, items: dim.items.length };
    });
    var scored = dims.filter(function (d) { return d.score !== null; });
    var overall = scored.length ? roundHalfUp(scored.reduce(function (a, d) { return a + d.score; }, 0) / scored.length) : null;
    var lowest = scored.length ? Math.min.apply(null, scored.map(function (d) { return d.score; })) : null;
    var byId = {};
    spec.dimensions.forEach(function (d) { byId[d.id] = d; });
    var ranked = scored.filter(function (d) { return d.score < 100; })
      .map(function (d, i) { return { d: d, i: i }; })
      .sort(function (a, b) { return (100 - b.d.score) * b.d.importance - (100 - a.d.score) * a.d.importance || a.i - b.i; })
      .map(function (x) { return x.d; });
    return {
      dimensions: dims, overall: overall, overall_level: levelFor(spec, overall),
      weakest: scored.filter(function (d) { return d.score === lowest; }).map(function (d) { return d.id; }),
      priorities: ranked.slice(0, PRIORITY_COUNT).map(function (d) {
        return { id: d.id, label: d.label, score: d.score, importance: d.importance, weight: (100 - d.score) * d.importance,
                 recommendations: byId[d.id].recommendations.filter(function (r) { return r.up_to === undefined || r.up_to === null || d.score < r.up_to; }) };
      }),
      complete: dims.every(function (d) { return d.answered === d.items; }),
      errors: errors
    };
  }

  var REPORT_RADAR_TITLE = "Profil de votre PME sur les huit dimensions (scores sur 100)";
  var DEFAULT_IMPORTANCE_LABELS = ["Secondaire", "Utile", "Essentielle"];
  /* Everything the report's one template shows, as rules/diagnostic.py report_view. */
  function reportView(spec, result, trainee, moduleTitles, dateIso) {
    var fmt = root.PmesFormat || require("./format.js"), radar = root.PmesRadar || require("./radar.js");
    var importance = spec.importance && spec.importance.length ? spec.importance : DEFAULT_IMPORTANCE_LABELS;
    var level = result.overall_level;
    var found = spec.levels.filter(function (lv) { return level && lv.id === level.id; })[0];
    return {
      company: trainee.company || "", name: trainee.name || "", date: fmt.dateFr(dateIso),
      answered: result.overall !== null, overall: result.overall,
      overall_level: level ? level.label : "", overall_description: found ? found.description : "",
      complete: result.complete,
      radar: radar.radarView(result.dimensions.map(function (d) { return d.label; }),
                             result.dimensions.map(function (d) { return d.score; }), REPORT_RADAR_TITLE, "rapport-radar"),
      dimensions: result.dimensions.map(function (d) {
        return { label: d.label, weak: result.weakest.indexOf(d.id) >= 0, score: d.score === null ? "—" : String(d.score),
                 level: d.level ? d.level.label : "non renseigné", importance: importance[d.importance - 1] };
      }),
      priorities: result.priorities.map(function (p) {
        return { label: p.label, score: p.score, importance: p.importance, recommendations: p.recommendations.map(function (r) {
          return { text: r.text, module: r.module, module_title: moduleTitles[String(r.module)] || "" };
        }) };
      }),
      levels: spec.levels.map(function (lv) { return { label: lv.label, min: lv.min, description: lv.description }; })
    };
  }
  var api = { compute: compute, levelFor: levelFor, reportView: reportView, DEFAULT_IMPORTANCE: DEFAULT_IMPORTANCE,
              REPORT_RADAR_TITLE: REPORT_RADAR_TITLE };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesDiagnostic = api;
})(this);
