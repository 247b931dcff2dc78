/* The trainee's record in the static book: the same versioned JSON as
 * pmesocial/record.py, kept in this browser's localStorage. A corrupt or foreign
 * record is never overwritten: it is kept aside under another key and reported. */
(function (root) {
  "use strict";
  var KEY = "pmesocial-record";
  var FORMAT = "pmesocial-record", VERSION = 1;
  var notices = [];
  var memory = null;  // when localStorage is refused (private mode), keep it for this page

  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"); }
  function fresh() {
    var t = now();
    return { format: FORMAT, version: VERSION, trainee: { name: "", company: "" }, started: t, updated: t, exercises: {} };
  }
  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function check(data) {
    if (!isObject(data) || data.format !== FORMAT) throw new Error("Ce fichier n'est pas un dossier du cours « Médias sociaux et PME ».");
    if (typeof data.version === "number" && data.version > VERSION) throw new Error("Ce dossier vient d'une version plus récente du cours : mettez le cours à jour.");
    if (data.version !== VERSION || !isObject(data.trainee) || typeof data.started !== "string" ||
        (data.exercises !== undefined && !isObject(data.exercises)) ||
        (data.diagnostic !== undefined && !isObject(data.diagnostic))) {
      throw new Error("Ce dossier est endommagé et ne peut pas être utilisé.");
    }
    var diag = data.diagnostic && data.diagnostic.answers;
    if (diag && Object.keys(diag).some(function (k) { return !(Number.isInteger(diag[k]) && diag[k] >= 0 && diag[k] <= 4); })) {
      throw new Error("Ce dossier est endommagé (partie « diagnostic ») et ne peut pas être utilisé.");
    }
    return data;
  }
  function parse(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error("Ce fichier n'est pas un dossier lisible (JSON invalide ou tronqué)."); }
    return check(data);
  }
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
  function saveExercise(bankId, questionId, answer, score, top) {
    return update(function (r) {
      r.exercises = r.exercises || {};
      var entry = r.exercises[bankId] = r.exercises[bankId] || { answers: {}, results: {} };
      entry.answers = entry.answers || {}; entry.results = entry.results || {};
      entry.answers[questionId] = answer;
      entry.results[questionId] = { score: score, max: top };
      entry.updated = now();
    });
  }
  function forgetExercise(bankId, questionId) {
    return update(function (r) {
      var entry = (r.exercises || {})[bankId];
      if (entry) { delete (entry.answers || {})[questionId]; delete (entry.results || {})[questionId]; }
    });
  }
  function saveSection(section, value) {
    return update(function (r) { value.updated = now(); r[section] = value; });
  }
  function setTrainee(name, company) {
    return update(function (r) { r.trainee = { name: String(name).slice(0, 1000), company: String(company).slice(0, 1000) }; });
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
  root.PmesRecord = { load: load, update: update, saveExercise: saveExercise, forgetExercise: forgetExercise,
                      saveSection: saveSection, setTrainee: setTrainee, exportText: exportText,
                      importText: importText, parse: parse, notices: notices, download: download, KEY: KEY };
})(this);
