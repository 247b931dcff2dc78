/* The trainee's record: the same versioned JSON as pmesocial/record.py. Its changes
 * (attempt, draft, solution seen, reset, test handed in, form) mirror record.py one to
 * one, checked against tests/vectors/record.json (node --test). Validation uses the same
 * JSON Schema as Python, compiled by Ajv (schemas/record.js). ui/store.js keeps it. */
(function (root) {
  "use strict";
  var FORMAT = "pmesocial-record", VERSION = 2, TEXT_LIMIT = 1000;
  var VALIDATION_FORMAT = "pmesocial-validation", VALIDATION_VERSION = 1;
  var VALIDATION_IMPORTED = "Validation de votre formateur ajoutée à votre dossier : votre bilan, votre attestation et votre carnet la montrent. Vos réponses n'ont pas changé.";
  var validateRecord = root.PmesSchemas && root.PmesSchemas.record ? root.PmesSchemas.record : require("../schemas/record.js");
  var L = root.PmesLimits || require("./limits.js");  // what a file may hold (pmesocial/limits.py)

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
  /* The first TEXT_LIMIT characters as Python counts them (code points): slicing UTF-16
   * units could cut an emoji in two and leave half of it, which UTF-8 cannot hold. */
  function cut(s) {
    s = String(s);
    return s.length <= TEXT_LIMIT ? s : Array.from(s).slice(0, TEXT_LIMIT).join("");
  }

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
  function applyFormChanges(record, formId, changes, submitted, at) {
    record.forms = record.forms || {};
    var form = record.forms[formId] = record.forms[formId] || {};
    var values = form.values = form.values || {};
    Object.keys(changes).forEach(function (field) {
      if (changes[field] === null || changes[field] === undefined) delete values[field];
      else values[field] = clone(changes[field]);
    });
    if (submitted) form.submitted = at;
    form.updated = at;
    return record;
  }
  function applyDiagnostic(record, part, key, value, at) {
    var diag = record.diagnostic = record.diagnostic || {};
    diag.answers = diag.answers || {};
    diag.importance = diag.importance || {};
    if (value === null || value === undefined) delete diag[part][key]; else diag[part][key] = value;
    diag.updated = at;
    return record;
  }
  function applySelfPositioning(record, phase, module, value) {
    record.self_positioning = record.self_positioning || {};
    var positions = record.self_positioning[phase] = record.self_positioning[phase] || {};
    if (value === null || value === undefined) delete positions[module]; else positions[module] = value;
    return record;
  }
  function applyAttestation(record, statuses, at) {
    var old = (record.attestation || {}).statuses;
    if (!old || JSON.stringify(sortKeys(old)) !== JSON.stringify(sortKeys(statuses))) {
      record.attestation = { statuses: clone(statuses), issued: at };
    }
    return record;
  }
  function sortKeys(x) {
    if (!x || typeof x !== "object" || Array.isArray(x)) return x;
    var out = {};
    Object.keys(x).sort().forEach(function (k) { out[k] = sortKeys(x[k]); });
    return out;
  }
  /* The trainer's judgement of productions: each one replaces the earlier judgement. */
  function applyValidations(record, productions) {
    record.validations = record.validations || {};
    Object.keys(productions).forEach(function (k) { record.validations[k] = clone(productions[k]); });
    return record;
  }
  /* null (or undefined) leaves a field as it is: a view changes only what its trainee typed */
  function applyTrainee(record, name, company) {
    var t = Object.assign({}, record.trainee || {});
    if (name !== null && name !== undefined) t.name = cut(name);
    if (company !== null && company !== undefined) t.company = cut(company);
    if (t.name === undefined) t.name = "";
    if (t.company === undefined) t.company = "";
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
    if (!validateRecord(data)) throw new Error(L.damaged(firstProblem(validateRecord.errors)));
    var wrong = L.pointsProblem(data);  // what the schema cannot say: a score within its maximum
    if (wrong) throw new Error(L.damaged(L.where(wrong)));
    return data;
  }
  function parse(text) { return checkRecord(L.loadJson(text)); }
  /* A trainer's validation file (parsed JSON) -> { record_started, trainee, productions },
   * or a French message (record.py parse_validation). */
  function parseValidation(data) {
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== VALIDATION_FORMAT) {
      throw new Error("Ce fichier n'est pas une validation du cours « Médias sociaux et PME ».");
    }
    if (data.version !== VALIDATION_VERSION) {
      throw new Error("Cette validation vient d'une autre version du cours : mettez le cours à jour.");
    }
    var productions = data.productions, probe = fresh("2026-01-01T00:00:00+00:00");
    var started = has(data, "record_started") ? data.record_started : "";
    probe.validations = productions;
    if (!productions || typeof productions !== "object" || Array.isArray(productions) ||
        !Object.keys(productions).length || !validateRecord(probe) || typeof started !== "string" || started.length > 40) {
      throw new Error("Cette validation est endommagée et ne peut pas être utilisée.");
    }
    var trainee = data.trainee && typeof data.trainee === "object" && !Array.isArray(data.trainee) ? data.trainee : {};
    return { record_started: started, trainee: { name: cut(has(trainee, "name") ? trainee.name : "") },
             productions: productions };
  }
  /* A validation may only be added to the record it judges (record.py check_validation_for). */
  function checkValidationFor(record, validation) {
    var fmt = root.PmesFormat || require("./format.js");
    var started = validation.record_started || "";
    if (!started) throw new Error("Cette validation ne dit pas quel dossier elle concerne : demandez-en une autre à votre formateur.");
    if (started !== record.started) {
      throw new Error("Cette validation concerne un autre dossier (commencé le " + fmt.dateFr(started.slice(0, 10)) +
        ") que celui de ce poste (commencé le " + fmt.dateFr(String(record.started || "").slice(0, 10)) +
        ") : rien n'a été ajouté. Demandez à votre formateur la validation de votre dossier.");
    }
    return validation.productions;
  }
  /* A record imported over the same record keeps the trainer's validations (record.py carry_validations). */
  function carryValidations(current, imported) {
    if (current && current.started === imported.started && current.validations && Object.keys(current.validations).length) {
      imported = clone(imported);
      imported.validations = Object.assign({}, current.validations, imported.validations || {});
    }
    return imported;
  }
  function validationFile(record, productions, label, at) {
    return { format: VALIDATION_FORMAT, version: VALIDATION_VERSION, issued: at,
             trainee: { name: cut(label) }, record_started: record.started || "",
             productions: clone(productions) };
  }
  /* What a trainee imports: { kind: "record", record } or { kind: "validation", validation }. */
  function parseImport(text) {
    var data = L.loadJson(text);
    if (data && typeof data === "object" && data.format === VALIDATION_FORMAT) {
      return { kind: "validation", validation: parseValidation(data) };
    }
    return { kind: "record", record: checkRecord(data) };
  }

  var rules = { FORMAT: FORMAT, VERSION: VERSION, fresh: fresh, applyAttempt: applyAttempt, applyDraft: applyDraft,
                applySolutionSeen: applySolutionSeen, applyReset: applyReset, applySubmit: applySubmit,
                applyForm: applyForm, applyFormChanges: applyFormChanges, applyDiagnostic: applyDiagnostic, applySelfPositioning: applySelfPositioning, applyTrainee: applyTrainee, applyAttestation: applyAttestation, applyValidations: applyValidations, migrate: migrate,
                checkRecord: checkRecord, parse: parse, parseImport: parseImport, parseValidation: parseValidation, validationFile: validationFile, checkValidationFor: checkValidationFor, carryValidations: carryValidations,
                VALIDATION_FORMAT: VALIDATION_FORMAT, VALIDATION_VERSION: VALIDATION_VERSION,
                VALIDATION_IMPORTED: VALIDATION_IMPORTED };
  if (typeof module === "object" && module.exports) module.exports = rules;
  else root.PmesRecordRules = rules;
})(this);

