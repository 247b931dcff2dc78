/* The self-diagnostic in the static book. compute() mirrors pmesocial/diagnostic.py
 * rule for rule (a test feeds both the same answers); the radar mirrors radar.py. */
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

  var SVGNS = "http://www.w3.org/2000/svg", SIZE = 440, CENTER = 220, RADIUS = 140;
  function point(i, n, v) {
    var a = -Math.PI / 2 + 2 * Math.PI * i / n, r = RADIUS * v / 100;
    return [CENTER + r * Math.cos(a), CENTER + r * Math.sin(a)];
  }
  function poly(points) { return points.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "); }
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function radar(result, title, id) {
    var labels = result.dimensions.map(function (d) { return d.label; });
    var scores = result.dimensions.map(function (d) { return d.score; });
    var values = scores.map(function (s) { return s === null ? 0 : s; });
    var n = labels.length;
    var root_ = svg("svg", { viewBox: "-230 -10 " + (SIZE + 460) + " " + (SIZE + 20), role: "img",
                             "aria-labelledby": id + "-t " + id + "-d", "class": "pmes-radar" });
    root_.appendChild(svg("title", { id: id + "-t" }, title));
    root_.appendChild(svg("desc", { id: id + "-d" }, labels.map(function (l, i) {
      return l + " : " + (scores[i] === null ? "non renseigné" : scores[i] + " sur 100"); }).join(" ; ")));
    [25, 50, 75, 100].forEach(function (lv) {
      root_.appendChild(svg("polygon", { points: poly(labels.map(function (_, i) { return point(i, n, lv); })), fill: "none", stroke: "#b0b0b0" }));
    });
    labels.forEach(function (_, i) {
      var p = point(i, n, 100);
      root_.appendChild(svg("line", { x1: CENTER, y1: CENTER, x2: p[0].toFixed(1), y2: p[1].toFixed(1), stroke: "#b0b0b0" }));
    });
    root_.appendChild(svg("polygon", { points: poly(values.map(function (v, i) { return point(i, n, v); })),
                                       fill: "rgba(11,79,138,.25)", stroke: "#0b4f8a", "stroke-width": "2.5", "class": "pmes-radar-shape" }));
    values.forEach(function (v, i) {
      var p = point(i, n, v);
      root_.appendChild(svg("circle", { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: "4", fill: "#0b4f8a" }));
      var q = point(i, n, 118);
      var anchor = Math.abs(q[0] - CENTER) < 1 ? "middle" : (q[0] > CENTER ? "start" : "end");
      root_.appendChild(svg("text", { x: q[0].toFixed(1), y: q[1].toFixed(1), "text-anchor": anchor,
                                      style: "font:13px system-ui,sans-serif;fill:#1f1f1f" }, labels[i] + " (" + v + ")"));
    });
    return root_;
  }

  root.PmesDiagnostic = { compute: compute, levelFor: levelFor, radar: radar };
  if (typeof document === "undefined") return;

  var el = function (tag, attrs, children) { return root.PmesDom.el(tag, attrs, children); };
  var RADAR_TITLE = "Profil de votre PME sur les huit dimensions (scores sur 100)";

  function resultsNode(spec, result, modules, linkModules) {
    var box = el("div", { className: "pmes-diagnostic-results" });
    if (result.overall === null) {
      box.appendChild(el("p", { className: "pmes-info", text: "Répondez à au moins une question pour voir votre diagnostic." }));
      return box;
    }
    if (!result.complete) box.appendChild(el("p", { className: "pmes-info", text: "Diagnostic partiel : certaines questions n'ont pas encore de réponse." }));
    box.appendChild(el("p", { className: "pmes-score", text: "Score global : " + result.overall + " sur 100 — niveau « " + result.overall_level.label + " »" }));
    var tbody = el("tbody");
    var importance = spec.importance || ["1", "2", "3"];
    result.dimensions.forEach(function (d) {
      var th = el("th", { scope: "row" }, [d.label]);
      if (result.weakest.indexOf(d.id) >= 0) th.appendChild(el("strong", { text: " ⚠ maillon faible" }));
      tbody.appendChild(el("tr", {}, [th, el("td", { text: d.score === null ? "—" : String(d.score) }),
        el("td", { text: d.level ? d.level.label : "non renseigné" }), el("td", { text: importance[d.importance - 1] }),
        el("td", { text: d.answered + " / " + d.items })]));
    });
    box.appendChild(el("table", { className: "pmes-provenance" }, [el("thead", {}, [el("tr", {}, ["Dimension", "Score", "Niveau", "Importance", "Réponses"].map(function (h) { return el("th", { text: h }); }))]), tbody]));
    box.appendChild(el("h5", { text: "Vos trois priorités" }));
    if (!result.priorities.length) box.appendChild(el("p", { text: "Aucune priorité : toutes les dimensions sont au maximum." }));
    var ol = el("ol");
    result.priorities.forEach(function (p) {
      var ul = el("ul");
      p.recommendations.forEach(function (r) {
        var mod = modules[String(r.module)] || { title: "", page: "" };
        var label = "module " + r.module + " : " + mod.title;
        var target = linkModules ? el("a", { href: "../notebooks/" + mod.page + ".html", text: label }) : el("em", { text: label });
        ul.appendChild(el("li", {}, [r.text + " → ", target]));
      });
      ol.appendChild(el("li", {}, [el("strong", { text: p.label }), " (score " + p.score + ", importance " + p.importance + ") : ", ul]));
    });
    if (result.priorities.length) box.appendChild(ol);
    return box;
  }

  function reportHtml(spec, result, modules, trainee) {
    var doc = document.implementation.createHTMLDocument("");
    doc.documentElement.setAttribute("lang", "fr");
    doc.title = "Autodiagnostic médias sociaux — " + (trainee.company || "votre PME");
    var meta = doc.createElement("meta"); meta.setAttribute("charset", "utf-8"); doc.head.insertBefore(meta, doc.head.firstChild);
    var style = doc.createElement("style");
    style.textContent = "body{font:16px/1.5 system-ui,sans-serif;color:#1f1f1f;max-width:60em;margin:2em auto;padding:0 1em}" +
      "table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8c8c8;padding:.35em .5em;text-align:left}svg{max-width:34em;display:block;margin:1em auto}";
    doc.head.appendChild(style);
    var body = doc.body;
    body.appendChild(doc.importNode(el("h1", { text: "Autodiagnostic : votre PME et les médias sociaux" }), true));
    body.appendChild(doc.importNode(el("p", {}, ["Entreprise : ", el("strong", { text: trainee.company || "non renseignée" }),
      " — réalisé par " + (trainee.name || "non renseigné") + " — le " + new Date().toISOString().slice(0, 10)]), true));
    body.appendChild(doc.importNode(radar(result, RADAR_TITLE, "rapport-radar"), true));
    body.appendChild(doc.importNode(resultsNode(spec, result, modules, false), true));
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML;
  }

  function render(host, payload) {
    var spec = payload.diagnostic, modules = payload.modules || {};
    var store = root.PmesRecord;
    var saved = (store && store.load().diagnostic) || {};
    var answers = Object.assign({}, saved.answers || {}), importance = Object.assign({}, saved.importance || {});
    var base = "pmes-diag-" + spec.id;
    var body = el("div", { className: "pmes-diagnostic" });
    body.appendChild(el("p", { className: "pmes-title", text: spec.title }));
    if (spec.intro) body.appendChild(el("p", { text: spec.intro }));
    (store ? store.notices : []).forEach(function (n) { body.appendChild(el("p", { className: "pmes-feedback pmes-ko", role: "alert", text: n })); });
    var results = el("div", { role: "status", "aria-live": "polite" });
    var radarBox = el("div", { className: "pmes-radar-box" });
    function refresh(save) {
      var result = compute(spec, answers, importance);
      results.textContent = "";
      results.appendChild(resultsNode(spec, result, modules, true));
      radarBox.textContent = "";
      radarBox.appendChild(radar(result, RADAR_TITLE, base + "-radar"));
      if (save && store) store.saveSection("diagnostic", { answers: answers, importance: importance });
      host.setAttribute("data-pmes-overall", result.overall === null ? "" : String(result.overall));
      return result;
    }
    var labels = spec.importance || ["Secondaire", "Utile", "Essentielle"];
    spec.dimensions.forEach(function (dim) {
      var field = el("fieldset", { className: "pmes-question pmes-diagnostic-dimension" }, [el("legend", { className: "pmes-prompt" }, [el("strong", { text: dim.label })])]);
      if (dim.description) field.appendChild(el("p", { text: dim.description }));
      var imp = el("select", { id: base + "-" + dim.id + "-importance", "data-dimension": dim.id });
      labels.forEach(function (label, i) { imp.appendChild(el("option", { value: String(i + 1), text: label })); });
      imp.value = String(importance[dim.id] || DEFAULT_IMPORTANCE);
      imp.addEventListener("change", function () { importance[dim.id] = Number(imp.value); refresh(true); });
      field.appendChild(el("div", { className: "pmes-classify-row" }, [el("label", { "for": imp.id, text: "Importance pour vous" }), imp]));
      dim.items.forEach(function (item) {
        var sel = el("select", { id: base + "-" + item.id, "data-item": item.id });
        sel.appendChild(el("option", { value: "", text: "— choisir —" }));
        item.levels.forEach(function (text, v) { sel.appendChild(el("option", { value: String(v), text: v + " — " + spec.scale[v] + " : " + text })); });
        if (answers[item.id] !== undefined) sel.value = String(answers[item.id]);
        sel.addEventListener("change", function () {
          if (sel.value === "") delete answers[item.id]; else answers[item.id] = Number(sel.value);
          refresh(true);
        });
        field.appendChild(el("div", { className: "pmes-classify-row" }, [el("label", { "for": sel.id, text: item.text }), sel]));
      });
      body.appendChild(field);
    });
    var reportBtn = el("button", { type: "button", className: "pmes-btn pmes-check", text: "Télécharger le rapport (HTML)" });
    reportBtn.addEventListener("click", function () {
      var trainee = (store && store.load().trainee) || {};
      var html = reportHtml(spec, compute(spec, answers, importance), modules, trainee);
      store.download("diagnostic-" + (trainee.company || "votre-pme").slice(0, 40) + ".html", html, "text/html");
    });
    body.appendChild(results);
    body.appendChild(radarBox);
    body.appendChild(el("div", { className: "pmes-buttons" }, [reportBtn]));
    host.appendChild(body);
    refresh(false);
    host.setAttribute("data-pmes-ready", "true");
  }

  function renderAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".pmes-diagnostic-host[data-pmes-diagnostic]"), function (host) {
      if (!host.getAttribute("data-pmes-ready")) render(host, JSON.parse(host.querySelector("script[type='application/json']").textContent));
    });
  }
  root.PmesDiagnostic.reportHtml = reportHtml;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
  else renderAll();
})(this);
