/* The trainee's record kept in this browser (through ui/storage.js), changed only through
 * rules/record.js. A corrupt or foreign record is never overwritten: it is kept aside under
 * another key and reported at the top of the page.
 *
 * Every change is one read-modify-write of the latest stored record. Between tabs that is
 * not enough: Chromium copies localStorage from tab to tab asynchronously, so a tab may
 * apply its change to a stale copy and write away another tab's change. So each page
 * numbers its writes and records in the record (`tabs`) how many of them it holds; it
 * keeps its own changes of the last minutes (the journal), and whenever the record lacks
 * some of them (another tab's write, seen by the `storage` event, or read before a change)
 * it makes them again. Tabs converge on a record that holds every change. */
(function (root) {
  "use strict";
  var S = root.PmesStorage, rules = root.PmesRecordRules;
  var KEY = "pmesocial-record", KEY_PREFIX = "pmesocial-";
  var JOURNAL_MS = 2 * 60 * 1000, TAB_MS = 10 * 60 * 1000, MAX_TABS = 50;
  var NOT_KEPT = "Ce dossier n'a pas été importé, et rien n'a changé. Ce navigateur n'a plus la place de mettre " +
                 "votre dossier actuel de côté avant de le remplacer. Exportez votre dossier actuel pour le garder, " +
                 "puis importez le nouveau dans un autre navigateur.";
  var NO_ROOM = "Ce dossier n'a pas été importé, et rien n'a changé. Il ne tient pas dans la place qui reste à ce " +
                "navigateur. Votre dossier actuel est toujours là. Continuez dans l'onglet où vous avez travaillé, " +
                "ou importez ce dossier dans un autre navigateur.";
  var notices = [];
  var fresh = rules.fresh, parse = rules.parse;
  var applyAttempt = rules.applyAttempt, applyDraft = rules.applyDraft, applySolutionSeen = rules.applySolutionSeen,
      applyReset = rules.applyReset, applySubmit = rules.applySubmit, applyForm = rules.applyForm,
      applyFormChanges = rules.applyFormChanges, applyTrainee = rules.applyTrainee;
  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"); }
  function clone(x) { return JSON.parse(JSON.stringify(x)); }

  /* ---------- this page's writes and journal ---------- */
  var TAB = Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8);
  var writes = 0, journal = [], copies = 0, listeners = [];
  function prune() {
    var t = Date.now();
    while (journal.length && t - journal[0].at > JOURNAL_MS) journal.shift();
  }
  function stamp(record) {
    var t = Date.now(), tabs = record.tabs || {};
    var ids = Object.keys(tabs).filter(function (id) { return id !== TAB && t - tabs[id].at < TAB_MS; });
    ids.sort(function (a, b) { return tabs[b].at - tabs[a].at; });
    var out = {};
    ids.slice(0, MAX_TABS - 1).forEach(function (id) { out[id] = tabs[id]; });
    out[TAB] = { n: writes, at: t };
    record.tabs = out;
  }
  /* The changes of this page the record lacks, made again; how many. */
  function catchUp(record) {
    prune();
    var mine = (record.tabs || {})[TAB], held = mine ? mine.n : 0;
    var missing = journal.filter(function (j) { return j.n > held; });
    missing.forEach(function (j) { j.change(record); });
    return missing.length;
  }

  /* ---------- reading, writing ---------- */
  function uniqueKey(kind) {  // never the key of an earlier copy, even in the same millisecond
    copies += 1;
    var key = KEY + "." + kind + "-" + new Date().toISOString().replace(/[:.]/g, "-") + "-" + TAB.slice(-4) + "-" + copies;
    while (S.get(key) !== null) key += "x";
    return key;
  }
  function setAside(text, reason) {
    var aside = uniqueKey("illisible");
    if (!S.set(aside, text, "")) S.pin(KEY, "record");  // no room for the copy: the original stays where it is
    notices.push("Votre dossier enregistré dans ce navigateur n'a pas pu être lu : " + reason +
      " Il a été mis de côté (" + aside + ", rien n'a été effacé) ; un nouveau dossier commence.");
    showNotices();
  }
  function read() {
    var text = S.get(KEY);
    if (!text) return fresh();
    try { return parse(text); } catch (e) {
      setAside(text, e.message);
      var record = fresh();
      write(record);
      return record;
    }
  }
  function write(record) { return S.set(KEY, JSON.stringify(record), "record"); }
  /* The latest record, with this page's changes it lacks made again (and written). */
  function latest() {
    var record = read();
    if (catchUp(record)) { stamp(record); write(record); }
    return record;
  }
  function load() { return latest(); }
  /* A change is a function of the record; it is kept in the journal, to be made again if
   * another tab's stale copy wipes it out. An `event` (what the trainee did) also goes to
   * the training body's LRS when a launch link configured one (ui/lrs.js). */
  function update(change, event) {
    var record = latest();
    var before = event ? clone(record) : null;
    change(record);
    writes += 1;
    journal.push({ n: writes, at: Date.now(), change: change });
    stamp(record);
    record.updated = now();
    write(record);
    if (event && root.PmesLrs) root.PmesLrs.emit(event, before, record);
    return record;
  }

  /* Another tab wrote the record: make again what it lacks, then let the views refresh. */
  S.watch(KEY, function (text) {
    if (text === null) { journal = []; }  // erased in another tab: nothing of it comes back
    var record = text === null ? fresh() : latest();
    listeners.forEach(function (fn) { fn(record); });
  });
  function onChange(fn) { listeners.push(fn); }

  function exportText() {
    var record = load();
    delete record.tabs;  // this browser's bookkeeping, meaningless elsewhere
    return JSON.stringify(record, null, 1);
  }
  /* An imported record replaces the current one, which is first copied aside and read back:
   * when that copy or the new record does not fit, nothing changes and the trainee is told.
   * Returns { record, aside }: the record now, and the key of the copy (null: there was none). */
  /* The key of a copy set aside before an import that holds exactly `text`, if any: the
   * same record imported again is not copied again (each copy takes room). */
  function withoutTabs(text) {  // a record's text, less this browser's bookkeeping
    try { var r = JSON.parse(text); delete r.tabs; return JSON.stringify(r); } catch (e) { return text; }
  }
  function copyOf(text) {
    var prefix = KEY + ".avant-import-", same = withoutTabs(text);
    return S.keys().filter(function (k) {
      return k && k.indexOf(prefix) === 0 && withoutTabs(S.get(k)) === same;
    })[0] || null;
  }
  function importText(text) {
    var record = parse(text);  // throws a French message
    var current = S.get(KEY), was = null, aside = null, made = false;
    if (current) {
      try { was = parse(current); record = rules.carryValidations(was, record); } catch (e) { /* unreadable: kept aside below */ }
      aside = copyOf(current);
      if (!aside) {
        aside = uniqueKey("avant-import");
        if (!S.store(aside, current)) throw new Error(NOT_KEPT);
        made = true;
      }
    }
    var imported = clone(record);
    delete imported.tabs;
    // the change the journal keeps: the imported record in place of whatever is there,
    // with the tabs' counts of the record it replaces (their changes in it are not lacking)
    var replace = function (r) {
      var tabs = r.tabs;
      Object.keys(r).forEach(function (k) { delete r[k]; });
      Object.assign(r, clone(imported));
      if (tabs) r.tabs = tabs;
    };
    var next = was || {};
    replace(next);
    writes += 1;
    stamp(next);
    var held = false;
    if (!S.store(KEY, JSON.stringify(next))) {  // stored and read back, or nothing changed...
      if (current) {
        writes -= 1;
        if (made) S.remove(aside);
        throw new Error(NO_ROOM);
      }
      // ...unless there was nothing to replace (a new tab on a full browser): then it is kept
      // for this tab, and the notice at the bottom says so (ui/storage.js)
      S.set(KEY, JSON.stringify(next), "record");
      held = true;
    }
    journal.push({ n: writes, at: Date.now(), change: replace });
    return { record: next, aside: aside, held: held };
  }
  /* A file the trainee imports: a record replaces theirs (kept aside first); a trainer's
   * validation is added to theirs. Returns { kind, record }. */
  function importFile(text) {
    var found = rules.parseImport(text);  // throws a French message
    if (found.kind === "validation") {
      rules.checkValidationFor(load(), found.validation);  // throws, in French, for another trainee's record
      return { kind: "validation", record: update(function (r) { rules.applyValidations(r, rules.checkValidationFor(r, found.validation)); }) };
    }
    var done = importText(text);
    return { kind: "record", record: done.record, aside: done.aside, held: done.held };
  }
  /* « Effacer mon dossier »: every key the course wrote in this browser (the record, its
   * set-aside copies, statements not yet sent, notices seen), and what this tab kept of
   * them. The session's launch link (sessionStorage) is the training body's setting, gone
   * when the tab closes. */
  function erase() {
    var gone = S.erase(KEY_PREFIX);
    journal = [];
    notices.length = 0;
    showNotices();
    return gone;
  }

  /* ---------- what the trainee is told: at the top of the page, once ---------- */
  function showNotices() {
    if (!root.document || !document.body) return;
    var box = document.querySelector(".pmes-record-notice");
    if (!notices.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.className = "pmes-feedback pmes-ko pmes-record-notice";
      box.setAttribute("role", "alert");
      var main = (root.PmesNotice && root.PmesNotice.mainOf(document)) || document.querySelector("main") || document.body;
      var title = main.querySelector("h1");
      if (title) title.parentNode.insertBefore(box, title.nextSibling); else main.insertBefore(box, main.firstChild);
    }
    box.textContent = "";
    notices.forEach(function (n) {
      var p = document.createElement("p");
      p.textContent = root.PmesTypography ? root.PmesTypography.typo(n) : n;
      box.appendChild(p);
    });
  }

  function changer(apply, eventOf) {
    return function () {
      var args = Array.prototype.slice.call(arguments), at = now();
      return update(function (r) { apply.apply(null, [r].concat(args, [at])); },
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
    notices: notices, download: S.download, onChange: onChange, KEY: KEY, now: now, rules: rules,
    saveAttempt: changer(dropExtra(applyAttempt, 6), EVENTS.attempt), saveDraft: changer(applyDraft),
    solutionSeen: changer(applySolutionSeen, EVENTS.solution), resetQuestion: changer(applyReset),
    submitTest: changer(dropExtra(applySubmit, 3), EVENTS.submit), saveForm: changer(applyForm, EVENTS.form),
    saveFormChanges: changer(applyFormChanges, EVENTS.form),
    saveDiagnostic: changer(rules.applyDiagnostic, function () { return { type: "diagnostic" }; }),
    saveSelfPositioning: function (phase, module, value) {
      return update(function (r) { rules.applySelfPositioning(r, phase, module, value); });
    },
    attestationIssued: changer(rules.applyAttestation, EVENTS.attestation),
    setTrainee: function (name, company) { return update(function (r) { applyTrainee(r, name, company); }); }
  };
})(this);
