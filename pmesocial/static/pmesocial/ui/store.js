/* The trainee's record kept in this browser's localStorage, changed only through
 * rules/record.js. A corrupt or foreign record is never overwritten: it is kept aside
 * under another key and reported. */
(function (root) {
  "use strict";
  var rules = root.PmesRecordRules;
  var KEY = "pmesocial-record", KEY_PREFIX = "pmesocial-";
  var notices = [];
  var memory = null;  // when localStorage is refused (private mode), keep it for this page
  var fresh = rules.fresh, parse = rules.parse;
  var applyAttempt = rules.applyAttempt, applyDraft = rules.applyDraft, applySolutionSeen = rules.applySolutionSeen,
      applyReset = rules.applyReset, applySubmit = rules.applySubmit, applyForm = rules.applyForm,
      applyTrainee = rules.applyTrainee;
  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"); }
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
  /* An `event` (what the trainee did) also goes to the training body's LRS when a launch
   * link configured one (ui/lrs.js); without it nothing is sent. */
  function update(change, event) {
    var record = load();
    var before = event ? JSON.parse(JSON.stringify(record)) : null;
    change(record);
    record.updated = now();
    storageSet(JSON.stringify(record));
    if (event && root.PmesLrs) root.PmesLrs.emit(event, before, record);
    return record;
  }
  function exportText() { return JSON.stringify(load(), null, 1); }
  function importText(text) {
    var record = parse(text);  // throws a French message
    var current = storageGet();
    if (current) { try { record = rules.carryValidations(parse(current), record); } catch (e) { /* unreadable: kept aside below */ } }
    if (current) { try { root.localStorage.setItem(KEY + ".avant-import-" + now(), current); } catch (e) { /* ignore */ } }
    storageSet(JSON.stringify(record));
    return record;
  }
  /* A file the trainee imports: a record replaces theirs (kept aside first); a trainer's
   * validation is added to theirs. Returns { kind, record }. */
  function importFile(text) {
    var found = rules.parseImport(text);  // throws a French message
    if (found.kind === "validation") {
      rules.checkValidationFor(load(), found.validation);  // throws, in French, for another trainee's record
      return { kind: "validation", record: update(function (r) { rules.applyValidations(r, rules.checkValidationFor(r, found.validation)); }) };
    }
    return { kind: "record", record: importText(text) };
  }
  /* « Effacer mon dossier »: every key the course wrote in this browser (the record, its
   * set-aside copies, statements not yet sent, notices seen). The session's launch link
   * (sessionStorage) is the training body's setting, gone when the tab closes. */
  function erase() {
    var gone = [];
    try {
      for (var i = root.localStorage.length - 1; i >= 0; i--) {
        var key = root.localStorage.key(i);
        if (key && key.indexOf(KEY_PREFIX) === 0) gone.push(key);
      }
      gone.forEach(function (key) { root.localStorage.removeItem(key); });
    } catch (e) { /* storage refused: only this page's copy existed */ }
    memory = null;
    notices.length = 0;
    return gone;
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
  function changer(apply, eventOf) {
    return function () {
      var args = Array.prototype.slice.call(arguments);
      return update(function (r) { apply.apply(null, [r].concat(args, [now()])); },
                    eventOf ? eventOf.apply(null, args) : null);
    };
  }
  var EVENTS = {
    attempt: function (key, qid, answer, score, top, seconds) {
      return { type: "attempt", bank: key, question: qid, score: score, max: top,
               duration: typeof seconds === "number" ? seconds : null };
    },
    solution: function (key, qid) { return { type: "solution", bank: key, question: qid }; },
    submit: function (key, attempts, seconds) {
      return { type: "submit", bank: key, attempts: attempts, duration: typeof seconds === "number" ? seconds : null };
    },
    form: function (formId, values, submitted) { return { type: "form", form: formId, submitted: !!submitted }; },
    attestation: function () { return { type: "attestation" }; }
  };
  function dropExtra(apply, count) {  // the UI passes a duration the pure change does not take
    return function () { return apply.apply(null, Array.prototype.slice.call(arguments, 0, count).concat([arguments[arguments.length - 1]])); };
  }
  root.PmesRecord = {
    load: load, update: update, exportText: exportText, importText: importText, importFile: importFile, parse: parse, erase: erase,
    notices: notices, download: download, KEY: KEY, now: now, rules: rules,
    saveAttempt: changer(dropExtra(applyAttempt, 6), EVENTS.attempt), saveDraft: changer(applyDraft),
    solutionSeen: changer(applySolutionSeen, EVENTS.solution), resetQuestion: changer(applyReset),
    submitTest: changer(dropExtra(applySubmit, 3), EVENTS.submit), saveForm: changer(applyForm, EVENTS.form),
    attestationIssued: changer(rules.applyAttestation, EVENTS.attestation),
    setTrainee: function (name, company) { return update(function (r) { applyTrainee(r, name, company); }); },
    saveSection: function (section, value) {
      return update(function (r) { value.updated = now(); r[section] = value; },
                    section === "diagnostic" ? { type: "diagnostic" } : null);
    }
  };
})(this);
