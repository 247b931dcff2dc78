/* The self-diagnostic in the book, and in JupyterLab and Voilà through kernel/host.py:
 * the questionnaire, its results and the radar, from rules/diagnostic.js; the report is
 * the one template of pmesocial/templates. */
(function (root) {
  "use strict";
  var compute = root.PmesDiagnostic.compute, DEFAULT_IMPORTANCE = root.PmesDiagnostic.DEFAULT_IMPORTANCE;
  var R = root.PmesRadar, D = root.PmesDocuments;
  function radar(result, title, id) {
    return D.radarNode(R.radarView(result.dimensions.map(function (d) { return d.label; }),
                                   result.dimensions.map(function (d) { return d.score; }), title, id));
  }

  var el = function (tag, attrs, children) { return root.PmesDom.el(tag, attrs, children); };
  var RADAR_TITLE = root.PmesDiagnostic.REPORT_RADAR_TITLE;

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
    var titles = {};
    Object.keys(modules).forEach(function (k) { titles[k] = modules[k].title; });
    var today = new Date().toISOString().slice(0, 10);
    return D.render("diagnostic_report", root.PmesDiagnostic.reportView(spec, result, trainee, titles, today));
  }

  /* `kernelStore`: the kernel's (ui/kernel_store.js); without it, this browser's (ui/store.js). */
  function render(host, payload, kernelStore) {
    var spec = payload.diagnostic, modules = payload.modules || {};
    var wrong = root.PmesDom.problems((root.PmesSchemas || {}).diagnostic, spec,
                                      root.PmesValidation ? root.PmesValidation.fieldWhere("data/diagnostic/" + spec.id + ".yaml") : null);
    if (wrong.length) {
      host.appendChild(root.PmesDom.problemBox("L'autodiagnostic n'a pas pu être chargé : sa description est mal formée.", wrong));
      return;
    }
    var store = kernelStore || root.PmesRecord;
    var saved = (store && store.load().diagnostic) || {};
    var answers = Object.assign({}, saved.answers || {}), importance = Object.assign({}, saved.importance || {});
    var base = "pmes-diag-" + spec.id;
    var body = el("div", { className: "pmes-diagnostic" });
    body.appendChild(el("p", { className: "pmes-title", text: spec.title }));
    if (spec.intro) body.appendChild(el("p", { text: spec.intro }));
    var results = el("div", { role: "status", "aria-live": "polite" });
    var radarBox = el("div", { className: "pmes-radar-box" });
    /* Only the answer just given, on the latest record: another tab's answers stay, and
     * what is shown is the record as it is now. */
    function save(part, key, value) {
      if (store) {
        var saved = store.saveDiagnostic(part, key, value).diagnostic || {};
        answers = Object.assign({}, saved.answers || {});
        importance = Object.assign({}, saved.importance || {});
      } else if (value === null) delete (part === "answers" ? answers : importance)[key];
      else (part === "answers" ? answers : importance)[key] = value;
      refresh();
    }
    function refresh() {
      var result = compute(spec, answers, importance);
      results.textContent = "";
      results.appendChild(resultsNode(spec, result, modules, true));
      radarBox.textContent = "";
      radarBox.appendChild(radar(result, RADAR_TITLE, base + "-radar"));
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
      imp.addEventListener("change", function () { save("importance", dim.id, Number(imp.value)); });
      field.appendChild(el("div", { className: "pmes-classify-row" }, [el("label", { "for": imp.id, text: "Importance pour vous" }), imp]));
      dim.items.forEach(function (item) {
        var sel = el("select", { id: base + "-" + item.id, "data-item": item.id });
        sel.appendChild(el("option", { value: "", text: "— choisir —" }));
        item.levels.forEach(function (text, v) { sel.appendChild(el("option", { value: String(v), text: v + " — " + spec.scale[v] + " : " + text })); });
        if (answers[item.id] !== undefined) sel.value = String(answers[item.id]);
        sel.addEventListener("change", function () { save("answers", item.id, sel.value === "" ? null : Number(sel.value)); });
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
    refresh();
    host.setAttribute("data-pmes-ready", "true");
  }

  root.PmesDom.renderEach(".pmes-diagnostic-host[data-pmes-diagnostic]:not([data-pmes-ready])", function (host, store) {
    render(host, JSON.parse(host.querySelector("script[type='application/json']").textContent), store);
  });
})(this);
