/* The trainee's record in the static book: the same versioned JSON as
 * pmesocial/record.py, kept in this browser's localStorage. The changes (attempt,
 * draft, solution seen, reset, test handed in, form) mirror record.py one to one and
 * are checked against the same vectors (tests/vectors/record.json, node --test).
 * Validation uses the same JSON Schema as Python, compiled by Ajv at build time
 * (schemas/record.js). A corrupt or foreign record is never overwritten: it is kept aside
 * under another key and reported. */
(function (root) {
  "use strict";
  var KEY = "pmesocial-record";
  var FORMAT = "pmesocial-record", VERSION = 2, TEXT_LIMIT = 1000;
  var validateRecord = root.PmesSchemas ? root.PmesSchemas.record : require("./schemas/record.js");
  var notices = [];
  var memory = null;  // when localStorage is refused (private mode), keep it for this page

  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"); }
  function fresh(at) {
    var t = at || now();
    return { format: FORMAT, version: VERSION, trainee: { name: "", company: "" }, started: t, updated: t, exercises: {} };
  }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function blank(v) {
    return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0) ||
      (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);
  }
  function clone(x) { return JSON.parse(JSON.stringify(x)); }

  /* ---------- pure changes (mirror of record.py) ---------- */
  function entryOf(record, key) {
    record.exercises = record.exercises || {};
    return (record.exercises[key] = record.exercises[key] || {});
  }
  function applyAttempt(record, key, qid, answer, score, top, at) {
    var e = entryOf(record, key);
    (e.answers = e.answers || {})[qid] = answer;
    (e.results = e.results || {})[qid] = { score: score, max: top };
    e.first = e.first || {};
    if (!has(e.first, qid)) e.first[qid] = { score: score, max: top, at: at };
    if (e.drafts) delete e.drafts[qid];
    e.updated = at;
    return record;
  }
  function applyDraft(record, key, qid, answer, at) {
    var e = entryOf(record, key);
    e.drafts = e.drafts || {};
    if (blank(answer)) delete e.drafts[qid]; else e.drafts[qid] = answer;
    e.updated = at;
    return record;
  }
  function applySolutionSeen(record, key, qid, at) {
    var e = entryOf(record, key);
    e.first = e.first || {};
    if (!has(e.first, qid)) e.first[qid] = { solution_first: true, at: at };
    e.updated = at;
    return record;
  }
  function applyReset(record, key, qid, at) {
    var e = entryOf(record, key);
    ["answers", "results", "drafts"].forEach(function (part) { if (e[part]) delete e[part][qid]; });
    e.updated = at;
    return record;
  }
  function applySubmit(record, key, attempts, at) {
    var e = entryOf(record, key);
    Object.keys(attempts).forEach(function (qid) {
      var a = attempts[qid];
      if (a[0] === null) {
        e.first = e.first || {};
        if (!has(e.first, qid)) e.first[qid] = { score: 0, max: a[2], at: at };
      } else {
        applyAttempt(record, key, qid, a[0], a[1], a[2], at);
      }
    });
    if (!has(e, "submitted")) e.submitted = at;
    e.drafts = {};
    e.updated = at;
    return record;
  }
  function applyForm(record, formId, values, submitted, at) {
    record.forms = record.forms || {};
    var form = record.forms[formId] = record.forms[formId] || {};
    form.values = clone(values);
    if (submitted) form.submitted = at;
    form.updated = at;
    return record;
  }
  function applyTrainee(record, name, company) {
    var t = Object.assign({}, record.trainee || {});
    t.name = String(name).slice(0, TEXT_LIMIT);
    t.company = String(company).slice(0, TEXT_LIMIT);
    record.trainee = t;
    return record;
  }
  function migrate(data) {
    if (data.version !== 1) return data;
    data = clone(data);
    data.version = VERSION;
    var old = data.satisfaction;
    delete data.satisfaction;
    if (old) {
      var values = Object.assign({}, old.ratings || {});
      if (old.comment) values.commentaire = old.comment;
      data.forms = data.forms || {};
      data.forms.satisfaction = { values: values, submitted: old.updated || data.updated, updated: old.updated || data.updated };
    }
    return data;
  }

  /* ---------- reading and checking ---------- */
  function pathOf(error) {
    return error.instancePath.split("/").slice(1).map(function (p) { return p.replace(/~1/g, "/").replace(/~0/g, "~"); });
  }
  function firstProblem(errors) {
    // the same choice as record.py: errors sorted by their path, the first one reported
    var paths = errors.map(pathOf);
    paths.sort(function (a, b) {
      for (var i = 0; i < Math.min(a.length, b.length); i++) { if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1; }
      return a.length - b.length;
    });
    return paths[0].join("/") || "racine";
  }
  function checkRecord(data) {
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      throw new Error("Ce fichier n'est pas un dossier du cours « Médias sociaux et PME ».");
    }
    if (typeof data.version === "number" && Number.isInteger(data.version) && data.version > VERSION) {
      throw new Error("Ce dossier vient d'une version plus récente du cours : mettez le cours à jour.");
    }
    data = migrate(data);
    if (!validateRecord(data)) {
      throw new Error("Ce dossier est endommagé (partie « " + firstProblem(validateRecord.errors) + " ») et ne peut pas être utilisé.");
    }
    return data;
  }
  function parse(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error("Ce fichier n'est pas un dossier lisible (JSON invalide ou tronqué)."); }
    return checkRecord(data);
  }

  var rules = { FORMAT: FORMAT, VERSION: VERSION, fresh: fresh, applyAttempt: applyAttempt, applyDraft: applyDraft,
                applySolutionSeen: applySolutionSeen, applyReset: applyReset, applySubmit: applySubmit,
                applyForm: applyForm, applyTrainee: applyTrainee, migrate: migrate, checkRecord: checkRecord, parse: parse };
  if (typeof module === "object" && module.exports) { module.exports = rules; return; }

  /* ---------- the store (this browser) ---------- */
  function storageGet() { try { return root.localStorage.getItem(KEY); } catch (e) { return memory; } }
  function storageSet(text) { try { root.localStorage.setItem(KEY, text); } catch (e) { memory = text; } }
  function setAside(text, reason) {
    var aside = KEY + ".illisible-" + now();
    try { root.localStorage.setItem(aside, text); } catch (e) { /* nothing more we can do */ }
    notices.push("Votre dossier enregistré dans ce navigateur n'a pas pu être lu : " + reason +
      " Il a été mis de côté (" + aside + ", rien n'a été effacé) ; un nouveau dossier commence.");
  }
  function load() {
    var text = storageGet();
    if (!text) return fresh();
    try { return parse(text); } catch (e) {
      setAside(text, e.message);
      var record = fresh();
      storageSet(JSON.stringify(record));
      return record;
    }
  }
  function update(change) {
    var record = load();
    change(record);
    record.updated = now();
    storageSet(JSON.stringify(record));
    return record;
  }
  function exportText() { return JSON.stringify(load(), null, 1); }
  function importText(text) {
    var record = parse(text);  // throws a French message
    var current = storageGet();
    if (current) { try { root.localStorage.setItem(KEY + ".avant-import-" + now(), current); } catch (e) { /* ignore */ } }
    storageSet(JSON.stringify(record));
    return record;
  }
  function download(filename, text, type) {
    var blob = new Blob([text], { type: type });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function changer(apply) {
    return function () {
      var args = Array.prototype.slice.call(arguments);
      return update(function (r) { apply.apply(null, [r].concat(args, [now()])); });
    };
  }
  root.PmesRecord = {
    load: load, update: update, exportText: exportText, importText: importText, parse: parse,
    notices: notices, download: download, KEY: KEY, now: now, rules: rules,
    saveAttempt: changer(applyAttempt), saveDraft: changer(applyDraft), solutionSeen: changer(applySolutionSeen),
    resetQuestion: changer(applyReset), submitTest: changer(applySubmit), saveForm: changer(applyForm),
    setTrainee: function (name, company) { return update(function (r) { applyTrainee(r, name, company); }); },
    saveSection: function (section, value) { return update(function (r) { value.updated = now(); r[section] = value; }); }
  };
})(this);
