/* The trainee's own pages in the static book: my record (identity, export, import),
 * self-positioning, satisfaction, and the review with the attestation. Every text
 * goes through textContent; nothing typed is ever parsed as HTML. */
(function (root) {
  "use strict";
  var R = root.PmesRecord, E = root.PmesEvidence;
  var el = function (tag, attrs, children) { return root.PmesDom.el(tag, attrs, children); };
  function message(box, text, ok) {
    box.textContent = "";
    box.appendChild(el("p", { className: "pmes-feedback " + (ok ? "pmes-ok" : "pmes-ko"), text: text }));
  }
  function labelled(id, label, control) {
    control.id = id;
    return el("div", { className: "pmes-classify-row" }, [el("label", { "for": id, text: label }), control]);
  }
  function table(headers, rows) {
    return el("table", { className: "pmes-provenance" }, [
      el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { text: h }); }))]),
      el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return el("td", { text: String(c) }); })); }))]);
  }

  function dossier(body) {
    var record = R.load();
    var name = el("input", { type: "text", value: record.trainee.name || "", maxlength: "1000", autocomplete: "name" });
    var company = el("input", { type: "text", value: record.trainee.company || "", maxlength: "1000", autocomplete: "organization" });
    var status = el("div", { role: "status", "aria-live": "polite" });
    var save = el("button", { type: "button", className: "pmes-btn pmes-check", text: "Enregistrer" });
    save.addEventListener("click", function () { R.setTrainee(name.value, company.value); message(status, "Enregistré.", true); });
    var exp = el("button", { type: "button", className: "pmes-btn pmes-export", text: "Exporter mon dossier (JSON)" });
    exp.addEventListener("click", function () { R.download("dossier-medias-sociaux-pme.json", R.exportText(), "application/json"); });
    var file = el("input", { type: "file", accept: ".json,application/json", className: "pmes-import" });
    file.addEventListener("change", function () {
      var f = file.files[0];
      if (!f) return;
      f.text().then(function (text) {
        try {
          var rec = R.importText(text);
          name.value = rec.trainee.name || ""; company.value = rec.trainee.company || "";
          message(status, "Dossier importé : rechargez les pages des modules pour y retrouver vos réponses. L'ancien dossier a été gardé de côté.", true);
        } catch (e) { message(status, e.message, false); }
      });
    });
    body.appendChild(el("p", { text: "Vos réponses sont enregistrées dans ce navigateur seulement. Exportez-les pour les transmettre à votre formateur ou les reprendre ailleurs (navigateur ou JupyterLab)." }));
    body.appendChild(labelled("pmes-trainee-name", "Votre nom", name));
    body.appendChild(labelled("pmes-trainee-company", "Votre entreprise", company));
    body.appendChild(el("div", { className: "pmes-buttons" }, [save, exp]));
    body.appendChild(labelled("pmes-import-file", "Importer un dossier (fichier JSON)", file));
    body.appendChild(status);
  }

  function autopositionnement(body, payload) {
    var phase = payload.phase;
    var saved = ((R.load().self_positioning || {})[phase]) || {};
    var values = Object.assign({}, saved);
    body.appendChild(el("p", { text: "Pour chaque module, où vous situez-vous aujourd'hui ? Il n'y a pas de bonne réponse." }));
    payload.modules.forEach(function (m) {
      var sel = el("select", { "data-module": String(m.number) });
      sel.appendChild(el("option", { value: "", text: "— choisir —" }));
      payload.scale.forEach(function (t, i) { sel.appendChild(el("option", { value: String(i), text: i + " — " + t })); });
      if (saved[String(m.number)] !== undefined) sel.value = String(saved[String(m.number)]);
      sel.addEventListener("change", function () {
        if (sel.value === "") delete values[String(m.number)]; else values[String(m.number)] = Number(sel.value);
        R.update(function (r) { r.self_positioning = r.self_positioning || {}; r.self_positioning[phase] = Object.assign({}, values); });
      });
      body.appendChild(labelled("pmes-selfpos-" + phase + "-" + m.number, "Module " + m.number + " — " + m.title, sel));
    });
  }

  function satisfaction(body, payload) {
    var spec = payload.satisfaction, saved = R.load().satisfaction || {};
    body.appendChild(el("p", { text: spec.intro }));
    var selects = {};
    spec.criteria.forEach(function (c) {
      var sel = el("select", { "data-criterion": c.id });
      sel.appendChild(el("option", { value: "", text: "— choisir —" }));
      spec.scale.forEach(function (t, i) { sel.appendChild(el("option", { value: String(i + 1), text: (i + 1) + " — " + t })); });
      var prev = (saved.ratings || {})[c.id];
      if (prev !== undefined) sel.value = String(prev);
      selects[c.id] = sel;
      body.appendChild(labelled("pmes-satisfaction-" + c.id, c.text, sel));
    });
    var comment = el("textarea", { rows: "4", maxlength: "5000" });
    comment.value = saved.comment || "";
    body.appendChild(el("label", { "for": "pmes-satisfaction-comment", text: spec.comment_prompt }));
    comment.id = "pmes-satisfaction-comment";
    body.appendChild(comment);
    var status = el("div", { role: "status", "aria-live": "polite" });
    var send = el("button", { type: "button", className: "pmes-btn pmes-check", text: "Enregistrer mes réponses" });
    send.addEventListener("click", function () {
      var ratings = {};
      Object.keys(selects).forEach(function (k) { if (selects[k].value) ratings[k] = Number(selects[k].value); });
      R.saveSection("satisfaction", { ratings: ratings, comment: comment.value.slice(0, 5000) });
      message(status, "Merci, vos réponses sont enregistrées.", true);
    });
    body.appendChild(el("div", { className: "pmes-buttons" }, [send]));
    body.appendChild(status);
  }

  function attestationHtml(record, statuses, payload) {
    var doc = document.implementation.createHTMLDocument("");
    doc.documentElement.setAttribute("lang", "fr");
    var meta = doc.createElement("meta"); meta.setAttribute("charset", "utf-8"); doc.head.insertBefore(meta, doc.head.firstChild);
    doc.title = "Attestation de fin de formation — " + (record.trainee.name || "stagiaire");
    var style = doc.createElement("style");
    style.textContent = "body{font:15px/1.5 system-ui,sans-serif;color:#1f1f1f;max-width:50em;margin:2em auto;padding:0 1em}h1{text-align:center}" +
      "table{border-collapse:collapse;width:100%}th,td{border:1px solid #9a9a9a;padding:.3em .45em;text-align:left}@media print{.noprint{display:none}}";
    doc.head.appendChild(style);
    var minutes = payload.duration_min, today = new Date().toISOString().slice(0, 10);
    var parts = [
      el("p", { className: "noprint" }, [el("em", { text: "Pour obtenir un PDF : menu « Imprimer » de votre navigateur, puis « Enregistrer au format PDF »." })]),
      el("h1", { text: "Attestation de fin de formation" }),
      el("p", {}, ["La présente attestation certifie que ", el("strong", { text: record.trainee.name || "(nom non renseigné)" }),
        ", de l'entreprise ", el("strong", { text: record.trainee.company || "(entreprise non renseignée)" }),
        ", a suivi la formation « Médias sociaux et PME : mythes ou réalités ? »."]),
      el("ul", {}, [el("li", { text: "Dates : du " + (record.started || "").slice(0, 10) + " au " + today }),
        el("li", { text: "Durée de la formation : " + Math.floor(minutes / 60) + " h " + ("0" + (minutes % 60)).slice(-2) + " (sept modules et leurs autoévaluations)" }),
        el("li", { text: "Modalité : formation en ligne, en autonomie ou accompagnée" })]),
      el("h2", { text: "Résultats de l'évaluation des acquis" }),
      table(["Module", "Objectif", "Points", "Résultat"], statuses.map(function (s) {
        return [s.module, s.text, s.score + " / " + s.max, E.STATUS_LABELS[s.status] + (s.answered ? "" : " (non évalué)")]; })),
      el("p", { text: "Fait le " + today + ". Pour l'organisme de formation, nom, fonction et signature :" })];
    parts.forEach(function (p) { doc.body.appendChild(doc.importNode(p, true)); });
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML;
  }

  function bilan(body, payload) {
    var out = el("div", { role: "status", "aria-live": "polite" });
    function refresh() {
      var record = R.load();
      var statuses = E.objectiveStatus(record, payload.objective_map, payload.objectives);
      var rows = E.progression(record, payload.positioning, payload.objectives);
      var cell = function (v) { return v ? v.score + " / " + v.max : "—"; };
      var selfpos = record.self_positioning || {};
      out.textContent = "";
      out.appendChild(el("h5", { text: "Test de positionnement : points par objectif" }));
      out.appendChild(table(["Module", "Objectif", "Entrée", "Sortie"], rows.map(function (r) { return [r.module, r.text, cell(r.entree), cell(r.sortie)]; })));
      out.appendChild(el("h5", { text: "Autopositionnement (0 à 4)" }));
      out.appendChild(table(["Module", "Titre", "Entrée", "Sortie"], payload.modules.map(function (m) {
        var k = String(m.number);
        return [m.number, m.title, ((selfpos.entree || {})[k] !== undefined) ? selfpos.entree[k] : "—",
                ((selfpos.sortie || {})[k] !== undefined) ? selfpos.sortie[k] : "—"]; })));
      out.appendChild(el("h5", { text: "Évaluation des objectifs" }));
      out.appendChild(table(["Module", "Objectif", "Points", "Résultat"], statuses.map(function (s) {
        return [s.module, s.text, s.score + " / " + s.max, E.STATUS_LABELS[s.status] + (s.answered ? "" : " (non évalué)")]; })));
      return { record: record, statuses: statuses };
    }
    var again = el("button", { type: "button", className: "pmes-btn", text: "Actualiser le bilan" });
    again.addEventListener("click", refresh);
    var attest = el("button", { type: "button", className: "pmes-btn pmes-check pmes-attestation", text: "Télécharger mon attestation (HTML, à imprimer en PDF)" });
    attest.addEventListener("click", function () {
      var state = refresh();
      R.download("attestation-fin-de-formation.html", attestationHtml(state.record, state.statuses, payload), "text/html");
    });
    body.appendChild(el("div", { className: "pmes-buttons" }, [again, attest]));
    body.appendChild(out);
    refresh();
  }

  var KINDS = { dossier: ["Mon dossier de formation", dossier], autopositionnement: ["Autopositionnement", autopositionnement],
                satisfaction: ["Questionnaire de satisfaction", satisfaction], bilan: ["Bilan de fin de formation", bilan] };
  function render(host, payload) {
    var kind = KINDS[payload.panel];
    var body = el("div", { className: "pmes-exercise pmes-panel" });
    var title = payload.panel === "satisfaction" ? payload.satisfaction.title : kind[0];
    if (payload.panel === "autopositionnement") title += payload.phase === "entree" ? " — à l'entrée" : " — à la sortie";
    body.appendChild(el("p", { className: "pmes-title", text: title }));
    R.notices.forEach(function (n) { body.appendChild(el("p", { className: "pmes-feedback pmes-ko", role: "alert", text: n })); });
    kind[1](body, payload);
    host.appendChild(body);
    host.setAttribute("data-pmes-ready", "true");
  }
  root.PmesPanel = { attestationHtml: attestationHtml };
  function renderAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".pmes-panel-host[data-pmes-panel]"), function (host) {
      if (!host.getAttribute("data-pmes-ready")) render(host, JSON.parse(host.querySelector("script[type='application/json']").textContent));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
  else renderAll();
})(this);
