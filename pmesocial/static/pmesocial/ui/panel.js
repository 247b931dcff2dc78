/* The trainee's own pages: my record (identity, export, import), self-positioning, and
 * the review with the attestation and the certificat, in the book, and (self-positioning,
 * review) in JupyterLab and Voilà through kernel/host.py. Each view is given its store `R`:
 * this browser's (ui/store.js) or the kernel's (ui/kernel_store.js). Every text goes
 * through textContent; nothing typed is ever parsed as HTML. */
(function (root) {
  "use strict";

  var E = root.PmesEvidence;
  var el = function (tag, attrs, children) { return root.PmesDom.el(tag, attrs, children); };
  function message(box, text, ok) {
    box.textContent = "";
    box.appendChild(el("p", { className: "pmes-feedback " + (ok ? "pmes-ok" : "pmes-ko"), text: text }));
    // in sight, above a notice fixed at the bottom of the screen (ui/storage.js pads the page for it)
    if (box.scrollIntoView) box.scrollIntoView({ block: "nearest" });
  }
  // French plural: from 2 on (« 0 objectif acquis », « 1 objectif acquis », « 2 objectifs acquis »)
  function acquiredText(n, of) { return n + (n > 1 ? " objectifs" : " objectif") + " acquis sur " + of + "."; }
  function labelled(id, label, control) {
    control.id = id;
    return el("div", { className: "pmes-classify-row" }, [el("label", { "for": id, text: label }), control]);
  }
  function table(headers, rows) {  // scrolls sideways on a phone instead of widening the page
    return el("div", { className: "pmes-provenance-wrap" }, [el("table", { className: "pmes-provenance" }, [
      el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
      el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return el("td", { text: String(c) }); })); }))])]);
  }

  function dossier(body, payload, R) {
    var record = R.load();
    var name = el("input", { type: "text", value: record.trainee.name || "", maxlength: "1000", autocomplete: "name" });
    var company = el("input", { type: "text", value: record.trainee.company || "", maxlength: "1000", autocomplete: "organization" });
    var status = el("div", { role: "status", "aria-live": "polite" });
    var save = el("button", { type: "button", className: "pmes-btn pmes-check", text: "Enregistrer" });
    // only the fields typed here are saved (another tab may have set the other one), and a
    // field not being typed shows what another tab saved
    var shown = { name: name.value, company: company.value };
    function typed(input, key) { return input.value !== shown[key] ? input.value : null; }
    function saveTyped() {
      var record = R.setTrainee(typed(name, "name"), typed(company, "company"));
      shown = { name: name.value, company: company.value };
      return record;
    }
    save.addEventListener("click", function () {
      clearTimeout(timer);
      saveTyped();
      var said = root.PmesStorage.savedStatus("Enregistré.");
      message(status, said.text, said.ok);
    });
    var timer = null;  // kept as typed, so that a reload loses nothing
    [name, company].forEach(function (input) {
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(saveTyped, 300);
      });
    });
    R.onChange(function (record) {
      [[name, "name"], [company, "company"]].forEach(function (pair) {
        var input = pair[0], key = pair[1], now = (record.trainee || {})[key] || "";
        if (input.value === shown[key] && now !== shown[key]) { input.value = now; shown[key] = now; }
      });
    });
    var exp = el("button", { type: "button", className: "pmes-btn pmes-export", text: "Exporter mon dossier (JSON)" });
    exp.addEventListener("click", function () { R.download("dossier-medias-sociaux-pme.json", R.exportText(), "application/json"); });
    var carnet = el("button", { type: "button", className: "pmes-btn pmes-carnet", text: "Télécharger mon carnet (HTML, à imprimer en PDF)" });
    carnet.addEventListener("click", function () {
      carnet.disabled = true;  // the course's data are fetched on the first click
      root.PmesCarnetUi.download(R.load(), new Date().toISOString().slice(0, 10))
        .catch(function (e) { message(status, e.message, false); })
        .then(function () { carnet.disabled = false; });
    });
    var file = el("input", { type: "file", accept: ".json,application/json", className: "pmes-import" });
    var ask = el("div", { className: "pmes-import-confirm", hidden: true });
    function refusedImport(e) {  // every refusal says that the record in this browser is unchanged
      var text = e.message;
      if (text.indexOf("rien n'a changé") < 0 && text.indexOf("n'a pas changé") < 0) text += " Votre dossier actuel n'a pas changé.";
      message(status, text, false);
    }
    function imported(found) {
      var rec = found.record;
      name.value = rec.trainee.name || ""; company.value = rec.trainee.company || "";
      shown = { name: name.value, company: company.value };
      if (found.kind === "validation") { message(status, R.rules.VALIDATION_IMPORTED, true); return; }
      message(status, "Dossier importé : rechargez les pages des modules pour y retrouver vos réponses." +
        (found.held ? " Ce navigateur n'a plus de place : il est gardé dans cet onglet seulement (voir l'avis en bas de l'écran)." : "") +
        (found.aside ? " L'ancien dossier a été gardé de côté." : ""), true);
      if (!found.aside) return;
      var back = el("button", { type: "button", className: "pmes-btn pmes-import-undo", text: "Revenir à l'ancien dossier" });
      back.addEventListener("click", function () {  // the copy comes back the same way, the one now set aside
        try { imported(R.importFile(root.PmesStorage.get(found.aside))); } catch (e) { refusedImport(e); }
      });
      status.appendChild(back);
    }
    /* A record of another person replaces this one only once the trainee has said so. */
    function confirmThen(text, found) {
      var now = R.load().trainee || {}, theirs = found.kind === "record" ? found.record.trainee || {} : {};
      var mine = (now.name || "").trim(), other = (theirs.name || "").trim();
      if (found.kind !== "record" || !mine || mine === other) { imported(R.importFile(text)); return; }
      ask.textContent = "";
      var yes = el("button", { type: "button", className: "pmes-btn pmes-import-yes", text: "Oui, importer ce dossier" });
      var no = el("button", { type: "button", className: "pmes-btn pmes-import-no", text: "Non, garder le mien" });
      ask.appendChild(el("p", { text: "Ce fichier est le dossier de « " + (other || "sans nom") + " ». Il remplacera celui de « " +
        mine + " » dans ce navigateur (l'ancien sera gardé de côté). L'importer ?" }));
      ask.appendChild(el("div", { className: "pmes-buttons" }, [yes, no]));
      ask.hidden = false;
      status.textContent = "";
      yes.addEventListener("click", function () {
        ask.hidden = true;
        try { imported(R.importFile(text)); } catch (e) { refusedImport(e); }
      });
      no.addEventListener("click", function () { ask.hidden = true; file.value = ""; message(status, "Import annulé : votre dossier n'a pas changé.", true); });
      yes.focus();
    }
    file.addEventListener("change", function () {
      var f = file.files[0];
      if (!f) return;
      ask.hidden = true;
      status.textContent = "";  // what an earlier file said is not this file's answer
      file.value = "";  // so that choosing the same file again is a new choice (a change event)
      // bytes, not f.text(): invalid UTF-8 is refused in French instead of silently replaced (rules/limits.js)
      try { root.PmesLimits.checkSize(f.size); } catch (e) { refusedImport(e); return; }
      f.arrayBuffer().then(function (buffer) {
        try {
          var text = root.PmesLimits.decodeFile(new Uint8Array(buffer));
          confirmThen(text, R.rules.parseImport(text));
        } catch (e) { refusedImport(e); }
      });
    });
    body.appendChild(el("p", { text: "Vos réponses sont enregistrées dans ce navigateur seulement (quand il a de la place : sinon un avis le dit en bas de l'écran). Exportez-les pour les transmettre à votre formateur ou les reprendre ailleurs (navigateur ou JupyterLab)." }));
    body.appendChild(labelled("pmes-trainee-name", "Votre nom", name));
    body.appendChild(labelled("pmes-trainee-company", "Votre entreprise", company));
    body.appendChild(el("div", { className: "pmes-buttons" }, [save, exp, carnet]));
    body.appendChild(labelled("pmes-import-file", "Importer un dossier ou la validation de votre formateur (fichier JSON)", file));
    body.appendChild(ask);
    body.appendChild(el("p", { className: "pmes-help", text: "Votre formateur vous envoie sa validation par courriel : enregistrez la pièce jointe sur cet appareil, puis choisissez-la ici. Elle s'ajoute à votre dossier sans rien remplacer ; un dossier, lui, remplace celui de ce navigateur (l'ancien est gardé de côté)." }));
    body.appendChild(status);
    body.appendChild(eraser(R, function () {
      clearTimeout(timer); name.value = ""; company.value = ""; shown = { name: "", company: "" }; status.textContent = "";
    }));
  }

  /* « Effacer mon dossier »: asks first (in the page, not a pop-up a screen reader may
   * miss), then erases everything this browser keeps and says what it could not erase. */
  function eraser(R, cleared) {
    var t = root.PmesPrivacy.texts.erase, fill = root.PmesPrivacy.fill;  // el() applies the typography
    var status = el("div", { role: "status", "aria-live": "polite", className: "pmes-erase-status" });
    var start = el("button", { type: "button", className: "pmes-btn pmes-erase", text: t.button });
    var ask = el("div", { className: "pmes-erase-confirm", hidden: true }, [
      el("p", { id: "pmes-erase-question", text: fill(t.confirm) }),
      el("div", { className: "pmes-buttons" }, [
        el("button", { type: "button", className: "pmes-btn pmes-erase-yes", text: t.yes,
                       "aria-describedby": "pmes-erase-question" }),
        el("button", { type: "button", className: "pmes-btn pmes-erase-no", text: t.no })])]);
    var yes = ask.querySelector(".pmes-erase-yes"), no = ask.querySelector(".pmes-erase-no");
    start.addEventListener("click", function () { ask.hidden = false; start.hidden = true; no.focus(); });
    no.addEventListener("click", function () {
      ask.hidden = true; start.hidden = false; start.focus(); message(status, t.cancelled, true);
    });
    yes.addEventListener("click", function () {
      R.erase();
      cleared();
      ask.hidden = true; start.hidden = false;
      status.textContent = "";
      status.appendChild(el("p", { className: "pmes-feedback pmes-ok pmes-erased" }, [
        el("strong", { text: fill(t.done) }), " " + t.left]));
      start.focus();
    });
    return el("div", { className: "pmes-erase-box" }, [el("h2", { className: "pmes-subtitle", text: t.button }), start, ask, status]);
  }

  function autopositionnement(body, payload, R) {
    var phase = payload.phase;
    var saved = ((R.load().self_positioning || {})[phase]) || {};
    body.appendChild(el("p", { text: "Pour chaque module, où vous situez-vous aujourd'hui ? Il n'y a pas de bonne réponse." }));
    payload.modules.forEach(function (m) {
      var sel = el("select", { "data-module": String(m.number) });
      sel.appendChild(el("option", { value: "", text: "— choisir —" }));
      payload.scale.forEach(function (t, i) { sel.appendChild(el("option", { value: String(i), text: i + " — " + t })); });
      if (saved[String(m.number)] !== undefined) sel.value = String(saved[String(m.number)]);
      sel.addEventListener("change", function () {  // this module only: another tab's modules stay
        R.saveSelfPositioning(phase, String(m.number), sel.value === "" ? null : Number(sel.value));
      });
      body.appendChild(labelled("pmes-selfpos-" + phase + "-" + m.number, "Module " + m.number + " — " + m.title, sel));
    });
  }

  function download(R, name, filename, payload) {
    var today = new Date().toISOString().slice(0, 10);
    R.download(filename, root.PmesDocuments.renderDocument(name, R.load(), payload.document, today), "text/html");
  }

  function bilan(body, payload, R) {
    var out = el("div", { role: "status", "aria-live": "polite" });
    function refresh() {
      var record = R.load();
      var statuses = E.objectiveStatus(record, payload.document.objective_map, payload.document.objectives);
      var rows = E.progression(record, payload.entry_map, payload.exit_map, payload.document.objectives);
      var cell = function (v) { return v ? v.score + " / " + v.max : "—"; };
      /* h3: the panel sits in a section of level 2, and headings must not skip a level */
      var selfpos = record.self_positioning || {};
      out.textContent = "";
      out.appendChild(el("h3", { className: "pmes-subtitle", text: "Tests d'entrée et de sortie : points par objectif" }));
      out.appendChild(table(["Module", "Objectif", "Entrée", "Sortie"], rows.map(function (r) { return [r.module, r.text, cell(r.entree), cell(r.sortie)]; })));
      out.appendChild(el("h3", { className: "pmes-subtitle", text: "Autopositionnement (0 à 4)" }));
      out.appendChild(table(["Module", "Titre", "Entrée", "Sortie"], payload.modules.map(function (m) {
        var k = String(m.number);
        return [m.number, m.title, ((selfpos.entree || {})[k] !== undefined) ? selfpos.entree[k] : "—",
                ((selfpos.sortie || {})[k] !== undefined) ? selfpos.sortie[k] : "—"]; })));
      out.appendChild(el("h3", { className: "pmes-subtitle", text: "Évaluation des objectifs" }));
      out.appendChild(el("p", { text: payload.rule }));
      out.appendChild(el("p", {}, [el("strong", { text: acquiredText(E.countAcquired(statuses), statuses.length) })]));
      out.appendChild(table(["Module", "Objectif", "Points (premières réponses)", "Résultat"], statuses.map(function (s) {
        return [s.module, s.text, (s.evaluated ? s.score + " / " + s.max : "—") + (s.skipped ? " (" + s.skipped + (s.skipped > 1 ? " non comptées)" : " non comptée)") : ""),
                E.STATUS_LABELS[s.status]]; })));
      /* the productions judged on their rubric: the one fragment the kernel fills too */
      out.appendChild(el("h3", { className: "pmes-subtitle", text: "Vos productions, sur leur grille" }));
      out.appendChild(el("p", { className: "pmes-help", text: root.PmesRubric.RUBRIC_INTRO }));
      var today = new Date().toISOString().slice(0, 10), judged = el("div");
      var views = root.PmesRubric.productions(record, payload.document.rubrics, today).map(root.PmesRubric.productionView);
      judged.innerHTML = root.PmesDocuments.render("productions.html.j2", { productions: views, heading: "h4" });
      out.appendChild(judged);
    }
    var again = el("button", { type: "button", className: "pmes-btn", text: "Actualiser le bilan" });
    // in a kernel, the record as another notebook left it: read again, then redrawn (onChange)
    again.addEventListener("click", function () { if (R.reload) R.reload(); refresh(); });
    R.onChange(refresh);
    var buttons = [again];
    var problem = null;
    if (payload.document.organisme) {
      var attest = el("button", { type: "button", className: "pmes-btn pmes-check pmes-attestation", text: "Télécharger mon attestation (HTML, à imprimer en PDF)" });
      attest.addEventListener("click", function () {
        refresh();
        var statuses = {};
        E.objectiveStatus(R.load(), payload.document.objective_map, payload.document.objectives).forEach(function (s) { statuses[s.id] = s.status; });
        R.attestationIssued(statuses);
        download(R, "attestation", "attestation-fin-de-formation.html", payload);
      });
      var certif = el("button", { type: "button", className: "pmes-btn pmes-certificat", text: "Télécharger le certificat de réalisation (HTML)" });
      certif.addEventListener("click", function () { download(R, "certificat", "certificat-de-realisation.html", payload); });
      buttons.push(attest, certif);
    } else {
      problem = el("p", { className: "pmes-feedback pmes-ko", role: "alert", text: payload.document.organisme_error });
    }
    body.appendChild(el("div", { className: "pmes-buttons" }, buttons));
    if (problem) body.appendChild(problem);
    if (!((R.load().trainee || {}).name || "").trim()) {
      body.appendChild(el("p", { className: "pmes-feedback pmes-info", text: root.PmesDocumentViews.NAME_MISSING }));
    }
    body.appendChild(out);
    refresh();
  }

  var KINDS = { dossier: ["Mon dossier de formation", dossier], autopositionnement: ["Autopositionnement", autopositionnement],
                bilan: ["Bilan de fin de formation", bilan] };
  function render(host, payload, store) {
    var kind = KINDS[payload.panel];
    var body = el("div", { className: "pmes-exercise pmes-panel" });
    var title = kind[0];
    if (payload.panel === "autopositionnement") title += payload.phase === "entree" ? " — à l'entrée" : " — à la sortie";
    body.appendChild(el("p", { className: "pmes-title", text: title }));
    kind[1](body, payload, store || root.PmesRecord);
    host.appendChild(body);
    host.setAttribute("data-pmes-ready", "true");
  }
  root.PmesDom.renderEach(".pmes-panel-host[data-pmes-panel]:not([data-pmes-ready])", function (host, store) {
    render(host, JSON.parse(host.querySelector("script[type='application/json']").textContent), store);
  });
})(this);
