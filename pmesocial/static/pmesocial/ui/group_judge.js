/* « Juger une production », on the trainer's group-view page: the trainer reads a
 * trainee's production (the fields its rubric names), sees the criteria the course
 * checked, judges the others, decides (validée / à reprendre) and comments. The decisions
 * are kept in this browser (JUDGEMENTS, apart from any trainee's own keys, which
 * « Effacer mon dossier » erases), applied to the records shown, and given to each trainee
 * as a validation file (record.js validationFile) they import in « Mon dossier ». */
(function (root) {
  "use strict";
  var D = root.PmesDom, R = root.PmesRecord, RR = root.PmesRecordRules, RB = root.PmesRubric, S = root.PmesStorage;
  var el = function (tag, attrs, children) { return D.el(tag, attrs, children); };
  var JUDGEMENTS = "pmesformateur-validations";
  var BY = "pmesformateur-nom";

  function readAll() {
    try { var text = S.get(JUDGEMENTS); return text ? JSON.parse(text) : {}; } catch (e) { return {}; }
  }
  /* Every judgement kept so far: {record started: {rubric id: validation}}; false when the
   * browser refused to keep it (ui/storage.js keeps it in this tab; the trainer is told,
   * and downloads the file at once). */
  function keep(started, rubricId, validation) {
    var all = readAll();
    if (!Object.prototype.hasOwnProperty.call(all, started)) all[started] = {};
    all[started][rubricId] = validation;
    return S.set(JUDGEMENTS, JSON.stringify(all), "judgements");
  }
  /* The judgements kept in this browser, added to the records they name. */
  function apply(records) {
    var all = readAll();
    records.forEach(function (r) {
      if (Object.prototype.hasOwnProperty.call(all, r.started)) RR.applyValidations(r, all[r.started]);
    });
  }
  function slug(text) {
    return D.typo(String(text)).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "stagiaire";
  }
  /* A value as the trainee typed or chose it, in French (dates, numbers, option labels). */
  function valueText(field, value) {
    var fmt = root.PmesFormat;
    if (value === undefined || value === null || value === "") return "—";
    var labels = {};
    (field.options || []).forEach(function (o) { labels[o.id] = o.label; });
    if (Array.isArray(value)) return value.length ? value.map(function (v) { return labels[v] || String(v); }).join(" ; ") : "—";
    if (typeof value === "number") return fmt.plainNumber(value) + (field.unit ? " " + field.unit : "");
    if (field.type === "date" && typeof value === "string") return fmt.dateFr(value);
    return labels[value] || String(value);
  }
  /* A table field (the plan's actions): one line per row, its columns in order. */
  function rowLines(field, value) {
    return (Array.isArray(value) ? value : []).filter(function (r) { return r && typeof r === "object"; })
      .map(function (row) {
        return field.columns.map(function (c) { return row[c.id] === undefined || row[c.id] === "" ? "" : valueText(c, row[c.id]); })
          .filter(function (t) { return t; }).join(" · ") || "—";
      });
  }

  /* The panel under the group view: `labelled` are [label, record] pairs in the view's order. */
  var said = "";  // the last confirmation, kept while the group view is drawn again
  /* `choice`: [trainee index, rubric id] shown first (the one judged before a redraw). */
  function panel(labelled, ctx, onJudged, choice) {
    var box = el("section", { className: "pmes-group-judge", "aria-labelledby": "pmes-judge-title" });
    box.appendChild(el("h3", { id: "pmes-judge-title", text: D.typo("Juger une production") }));
    box.appendChild(el("p", { text: D.typo("Choisissez un stagiaire et une production : vous lisez ce qu'il a écrit, les critères que le cours a vérifiés, et vous jugez les autres. Votre avis est gardé dans ce navigateur ; téléchargez ensuite la validation et envoyez-la au stagiaire, qui l'importe dans « Mon dossier ».") }));
    var who = el("select", { id: "pmes-judge-who" }), what = el("select", { id: "pmes-judge-what" });
    labelled.forEach(function (pair, i) { who.appendChild(el("option", { value: String(i), text: pair[0] })); });
    ctx.rubrics.forEach(function (r) { what.appendChild(el("option", { value: r.id, text: r.title })); });
    var chooser = el("div", { className: "pmes-judge-choose" }, [
      el("label", { "for": "pmes-judge-who", text: D.typo("Stagiaire") }), who,
      el("label", { "for": "pmes-judge-what", text: D.typo("Production") }), what]);
    var body = el("div", { className: "pmes-judge-body" });
    var status = el("p", { className: "pmes-judge-status", role: "status", "aria-live": "polite" });
    box.appendChild(chooser);
    box.appendChild(body);
    box.appendChild(status);

    function draw() {
      body.textContent = "";
      var pair = labelled[Number(who.value)], record = pair[1];
      var spec = ctx.rubrics.filter(function (r) { return r.id === what.value; })[0];
      var form = ctx.forms[spec.form] || { fields: [] };
      var values = (((record.forms || {})[spec.form]) || {}).values || {};
      var today = String(record.updated || "").slice(0, 10);
      var result = RB.evaluate(spec, (record.forms || {})[spec.form], (record.validations || {})[spec.id], today);
      var shown = spec.fields || form.fields.map(function (f) { return f.id; });
      var dl = el("dl", { className: "pmes-judge-work" });
      form.fields.filter(function (f) { return shown.indexOf(f.id) >= 0 && f.type !== "output"; }).forEach(function (f) {
        if (f.type === "table") {
          rowLines(f, values[f.id]).forEach(function (line, i) {
            dl.appendChild(el("dt", { text: D.typo((f.row_label || "Ligne") + " " + (i + 1)) }));
            dl.appendChild(el("dd", { className: "pmes-judge-value", text: line }));
          });
          return;
        }
        dl.appendChild(el("dt", { text: D.typo(f.label) }));
        dl.appendChild(el("dd", { className: "pmes-judge-value", text: valueText(f, values[f.id]) }));
      });
      body.appendChild(el("h4", { text: D.typo(pair[0] + " — " + spec.title + " : " + result.label) }));
      body.appendChild(dl);
      var list = el("ul", { className: "pmes-criteria" }), boxes = {};
      result.criteria.forEach(function (c) {
        if (c.by === "cours") {
          list.appendChild(el("li", { className: "pmes-criterion pmes-criterion-" + (c.met ? "ok" : "missing"),
                                      text: D.typo((c.met ? "Fait" : "Manque") + " (vérifié par le cours) : " + c.label) }));
          return;
        }
        var cb = el("input", { type: "checkbox", id: "pmes-judge-" + c.id });
        cb.checked = c.met === true;
        boxes[c.id] = cb;
        list.appendChild(el("li", { className: "pmes-criterion" }, [cb, el("label", { "for": cb.id, text: D.typo(c.label) })]));
      });
      body.appendChild(list);
      if (result.missing.length) {  // validating now would contradict what the trainee reads
        body.appendChild(el("p", { className: "pmes-feedback pmes-ko", role: "note",
          text: D.typo("Le cours relève encore " + (result.missing.length === 1 ? "un manque" : result.missing.length + " manques") +
                       " : vous pouvez valider, mais le stagiaire lira ces manques à côté de votre avis. « À reprendre » lui dit de les combler.") }));
      }
      var decision = el("fieldset", { className: "pmes-judge-decision" }, [el("legend", { text: D.typo("Votre décision") })]);
      var radios = {};
      [["validee", "Production validée"], ["a-reprendre", "À reprendre"]].forEach(function (d) {
        var r = el("input", { type: "radio", name: "pmes-judge-decision", id: "pmes-judge-" + d[0], value: d[0] });
        r.checked = ((record.validations || {})[spec.id] || {}).decision === d[0];
        radios[d[0]] = r;
        decision.appendChild(el("div", { className: "pmes-option" }, [r, el("label", { "for": r.id, text: D.typo(d[1]) })]));
      });
      var comment = el("textarea", { id: "pmes-judge-comment", rows: "3", maxlength: "2000" });
      comment.value = ((record.validations || {})[spec.id] || {}).comment || "";
      var by = el("input", { type: "text", id: "pmes-judge-by", maxlength: "200" });
      by.value = S.get(BY) || "";
      var save = el("button", { type: "button", className: "pmes-btn pmes-check pmes-judge-save", text: D.typo("Enregistrer mon avis") });
      var give = el("button", { type: "button", className: "pmes-btn pmes-judge-download", text: D.typo("Télécharger la validation de ce stagiaire (JSON)") });
      var withdraw = el("button", { type: "button", className: "pmes-btn pmes-judge-withdraw", text: D.typo("Retirer mon avis sur cette production") });
      withdraw.addEventListener("click", function () {
        var all = readAll();
        if (all[record.started]) delete all[record.started][spec.id];
        S.set(JUDGEMENTS, JSON.stringify(all), "judgements");
        if (record.validations) delete record.validations[spec.id];
        said = "Avis retiré. Si vous aviez déjà envoyé la validation, envoyez au stagiaire la nouvelle.";
        onJudged();
      });
      save.addEventListener("click", function () {
        var chosen = radios.validee.checked ? "validee" : radios["a-reprendre"].checked ? "a-reprendre" : null;
        if (!chosen) { status.textContent = D.typo("Choisissez d'abord votre décision : validée, ou à reprendre."); return; }
        var criteria = {};
        Object.keys(boxes).forEach(function (k) { criteria[k] = boxes[k].checked; });
        var validation = { decision: chosen, criteria: criteria, comment: comment.value.slice(0, 2000),
                           by: by.value.slice(0, 200), at: R.now() };
        S.set(BY, validation.by, "");
        var kept = keep(record.started, spec.id, validation);
        var add = {}; add[spec.id] = validation;
        RR.applyValidations(record, add);
        said = kept ? "Avis enregistré dans ce navigateur (" + pair[0] + ", " + spec.title + "). Téléchargez la validation pour l'envoyer au stagiaire."
          : "Ce navigateur n'a pas pu garder votre avis (stockage plein ou refusé) : téléchargez la validation maintenant pour ne pas la perdre.";
        onJudged();
      });
      give.addEventListener("click", function () {
        var mine = (readAll()[record.started]) || record.validations || {};
        if (!Object.keys(mine).length) { status.textContent = D.typo("Aucun avis enregistré pour ce stagiaire."); return; }
        var file = RR.validationFile(record, mine, pair[0], R.now());
        R.download("validation-" + slug(pair[0]) + "-" + R.now().slice(0, 10) + ".json", JSON.stringify(file, null, 1), "application/json");
      });
      body.appendChild(decision);
      body.appendChild(el("label", { "for": "pmes-judge-comment", className: "pmes-form-label", text: D.typo("Votre commentaire pour le stagiaire (facultatif)") }));
      body.appendChild(comment);
      body.appendChild(el("label", { "for": "pmes-judge-by", className: "pmes-form-label", text: D.typo("Votre nom, tel que le stagiaire le lira") }));
      body.appendChild(by);
      body.appendChild(el("div", { className: "pmes-buttons" }, [save, give, withdraw]));
      status.textContent = D.typo(said);  // said before the view was drawn again: still read
      said = "";
    }
    who.addEventListener("change", draw);
    what.addEventListener("change", draw);
    if (choice) { who.value = String(choice[0]); what.value = choice[1]; }
    draw();
    return { node: box };
  }

  root.PmesGroupJudge = { panel: panel, apply: apply, JUDGEMENTS: JUDGEMENTS };
})(this);
