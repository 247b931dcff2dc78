/* The views of the documents (90-day plan, attestation, certificat de réalisation),
 * mirroring pmesocial/rules/documents.py (tests/vectors/documents.json). ui/documents.js
 * fills the one template of each document with them. */
(function (root) {
  "use strict";
  var fmt = root.PmesFormat || require("./format.js");
  var forms = root.PmesForms || require("./forms.js");
  var evidence = root.PmesEvidence || require("./evidence.js");
  var MODALITIES = { distance: "à distance (formation ouverte et à distance)", presentiel: "en présentiel",
                     mixte: "mixte : à distance et en présentiel" };
  var EVALUATION_RULE = "Chaque objectif est évalué par la première réponse donnée à chacune des questions qui " +
    "l'évaluent (autoévaluations des modules et test de sortie) : il est acquis à partir de 75 % " +
    "des points sur au moins trois questions, en cours d'acquisition à partir de 40 %. " +
    "Une question dont la solution a été consultée avant toute réponse n'est pas comptée.";

  function isNumber(v) { return typeof v === "number" && isFinite(v); }
  function text(v) { return v === null || v === undefined || v === "" || v === 0 || v === false ? "" : String(v); }
  function traineeView(record) {
    var t = record.trainee || {};
    return { name: t.name || "", company: t.company || "" };
  }
  function planView(record, spec, today) {
    var values = (((record.forms || {}).plan) || {}).values || {};
    var rows = forms.submittedRows(values, "actions");
    var hours = rows.filter(function (r) { return isNumber(r.heures); }).map(function (r) { return r.heures; });
    var errors = forms.validate(spec, values);
    return {
      trainee: traineeView(record), date: fmt.dateFr(today), objectif: values.objectif || "",
      point_etape: typeof values.point_etape === "string" ? fmt.dateFr(values.point_etape) : "",
      rows: rows.map(function (r, i) {
        return { number: i + 1, action: text(r.action), responsable: text(r.responsable),
                 heures: isNumber(r.heures) ? fmt.plainNumber(r.heures) + " h" : text(r.heures),
                 indicateur: text(r.indicateur), echeance: typeof r.echeance === "string" ? fmt.dateFr(r.echeance) : "" };
      }),
      total_hours: fmt.plainNumber(hours.reduce(function (a, b) { return a + b; }, 0)) + " h",
      complete: Object.keys(errors).length === 0, missing: Object.keys(errors).length,
      conformite: chosenLabels(spec, "conformite", values.conformite)
    };
  }
  var NAME_MISSING = "Votre nom et votre entreprise ne sont pas encore saisis : écrivez-les dans « Mon dossier de " +
    "formation » avant de télécharger l'attestation, sinon elle portera « nom non renseigné ».";
  var SESSION_NOTE = "Ce certificat porte sur le parcours suivi dans le cours (séquences achevées). Le temps passé en " +
    "séance avec le formateur s'atteste par les feuilles d'émargement de l'organisme.";
  /* The planned duration in the modality the training body declares (documents.py planned_duration). */
  function plannedDuration(info, modality) {
    var group = info.group_minutes;
    if (modality === "presentiel") return fmt.duration(group.session);
    if (modality === "mixte") return fmt.duration(group.session + group.after) + ", dont " + fmt.duration(group.after) + " à distance";
    return fmt.duration(info.planned_minutes);
  }
  function chosenLabels(spec, fieldId, value) {
    var field = spec.fields.filter(function (f) { return f.id === fieldId; })[0];
    var ticked = Array.isArray(value) ? value : [];
    return ((field || {}).options || []).filter(function (o) { return ticked.indexOf(o.id) >= 0; }).map(function (o) { return o.label; });
  }
  function organismeView(org) { return Object.assign({}, org, { modalite_label: MODALITIES[org.modalite] }); }
  function statusesView(statuses) {
    return statuses.map(function (s) {
      return { module: s.module, text: s.text, points: s.evaluated ? s.score + " / " + s.max : "—",
               evaluated: s.evaluated, skipped: s.skipped, label: evidence.STATUS_LABELS[s.status], status: s.status };
    });
  }
  /* `productions`: the trainee's productions on their rubric (rules/rubric.js productionView). */
  function attestationView(record, statuses, org, info, today, productions) {
    return {
      productions: productions || [],
      trainee: traineeView(record), organisme: organismeView(org), course: info.title, nature: info.nature,
      start: fmt.dateFr(record.started || ""), end: fmt.dateFr(lastActivity(record)), date: fmt.dateFr(today),
      duration: plannedDuration(info, org.modalite), statuses: statusesView(statuses),
      acquired: evidence.countAcquired(statuses), objectives: statuses.length, rule: EVALUATION_RULE
    };
  }
  function bankComplete(record, bankId, questionIds) {
    var first = (((record.exercises || {})[bankId]) || {}).first || {};
    return questionIds.length > 0 && questionIds.every(function (q) { return Object.prototype.hasOwnProperty.call(first, q); });
  }
  function completed(record, info) {
    return info.sequences.map(function (s) {
      var done;
      if (s.test) done = !!((((record.exercises || {})[s.test]) || {}).submitted);
      else {
        var banks = Object.keys(s.banks);
        done = banks.length > 0 && banks.every(function (b) { return bankComplete(record, b, s.banks[b]); });
      }
      return { title: s.title, minutes: s.minutes, duration: fmt.duration(s.minutes), done: done };
    });
  }
  function lastActivity(record) {
    var stamps = [record.started || ""];
    Object.keys(record.exercises || {}).forEach(function (k) {
      var e = record.exercises[k];
      Object.keys(e.first || {}).forEach(function (q) { stamps.push(e.first[q].at || ""); });
      stamps.push(e.submitted || "");
    });
    Object.keys(record.forms || {}).forEach(function (k) { stamps.push((record.forms[k] || {}).submitted || ""); });
    stamps.push((record.diagnostic || {}).updated || "");
    return stamps.filter(function (s) { return typeof s === "string"; }).reduce(function (a, b) { return b > a ? b : a; }, "");
  }
  function certificatView(record, org, info, today) {
    var rows = completed(record, info);
    var done = rows.filter(function (r) { return r.done; }).reduce(function (a, r) { return a + r.minutes; }, 0);
    return {
      trainee: traineeView(record), organisme: organismeView(org), course: info.title, nature: info.nature,
      start: fmt.dateFr(record.started || ""), end: fmt.dateFr(lastActivity(record)), date: fmt.dateFr(today),
      done_duration: fmt.duration(done), planned_duration: fmt.duration(info.planned_minutes),
      session_note: org.modalite === "distance" ? "" : SESSION_NOTE,
      sequences: rows, done_count: rows.filter(function (r) { return r.done; }).length, count: rows.length
    };
  }

  /* `payload`: what documents.py's document_payload gave the page. */
  function viewFor(name, record, payload, today) {
    if (name === "plan") return planView(record, payload.plan_form, today);
    if (!payload.organisme) throw new Error(payload.organisme_error || "Le fichier de l'organisme de formation manque.");
    if (name === "attestation") {
      var statuses = evidence.objectiveStatus(record, payload.objective_map, payload.objectives);
      var rubric = root.PmesRubric || require("./rubric.js");
      var judged = rubric.productions(record, payload.rubrics || [], today).map(rubric.productionView);
      return attestationView(record, statuses, payload.organisme, payload.course, today, judged);
    }
    return certificatView(record, payload.organisme, payload.course, today);
  }

  var api = { NAME_MISSING: NAME_MISSING, plannedDuration: plannedDuration, planView: planView, attestationView: attestationView, certificatView: certificatView,
              completed: completed, lastActivity: lastActivity, viewFor: viewFor,
              traineeView: traineeView, statusesView: statusesView };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesDocumentViews = api;
})(this);
