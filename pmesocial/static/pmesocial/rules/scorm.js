/* What the SCORM 1.2 package reports to an LMS, as pure rules over the trainee's record
 * (the host page, scorm/host.js, does the talking):
 *
 * - `report`: cmi.core.lesson_status and cmi.core.score.raw. « completed » once every
 *   sequence of the course is done (documents.js `completed`, the certificat's own rule),
 *   « incomplete » before; the score is the exit test's first attempts in percent, once it
 *   is handed in, null before. `report` mirrors pmesocial/rules/scorm.py
 *   (tests/vectors/scorm.json).
 * - `sessionTime`: cmi.core.session_time, HHHH:MM:SS.SS.
 * - `encode` / `decode` / `merge`: the record in cmi.suspend_data, which SCORM 1.2 limits
 *   to 4,096 characters. This file is the only source of that compact form (JavaScript
 *   only: nothing in Python reads it).
 *
 * The compact form is JSON: {v: 1, s: started, u: updated, t: [name, company],
 * e: {<bank hash>: {f: first attempts, s: handed in, a: latest answers}}, o: forms,
 * d: diagnostic, p: self-positioning}. Banks are named by a short hash of their id and
 * question ids (course.banks[].hash, written at build time), questions by their place in
 * the bank, times by seconds (base 36) after the record's start, a first attempt's
 * maximum only when it differs from the question's. A bank whose questions changed since
 * the data were written is not restored, and said so.
 *
 * What is kept, in this order, each part only if it still fits (nothing is ever left out
 * to make room for something later in the order):
 *   1. first attempts and tests handed in (the evidence), exit test first, then the entry
 *      test, the self-checks, the practice banks;
 *   2. the trainee's name and company;
 *   3. which forms were submitted, and when;
 *   4. the latest answers and their results, bank by bank in the same order;
 *   5. the values of submitted forms;
 *   6. the company self-diagnostic and the self-positioning;
 *   7. the values of forms not submitted yet.
 * Drafts (answers not checked) count for nothing and are never stored, nor are banks
 * the course does not list.
 */
(function (root) {
  "use strict";
  var documents = root.PmesDocumentViews || require("./documents.js");
  var records = root.PmesRecordRules || require("./record.js");
  var LIMIT = 4096, FORMAT = 1;
  var TEST_FIRST = { "exit-test": 0, "entry-test": 1, "self-check": 2 };

  function has(obj, key) { return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key); }
  function clone(x) { return JSON.parse(JSON.stringify(x)); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  /* ---------- what is reported ---------- */
  function bankOf(course, bankId) {
    for (var i = 0; i < course.banks.length; i++) if (course.banks[i].id === bankId) return course.banks[i];
    return null;
  }
  function exitScore(record, course) {
    var entry = ((record.exercises || {})[course.exit_test]) || {};
    var bank = bankOf(course, course.exit_test);
    if (!entry.submitted || !bank) return null;
    var first = entry.first || {}, score = 0, top = 0;
    bank.questions.forEach(function (qid, i) {
      top += bank.max[i];
      var a = first[qid];
      if (a && !a.solution_first) score += a.score;
    });
    return top > 0 ? Math.floor(100 * score / top + 0.5) : null;
  }
  function report(record, course) {
    var rows = documents.completed(record, course);
    var done = rows.filter(function (r) { return r.done; }).length;
    return { lesson_status: done === rows.length ? "completed" : "incomplete", done: done, count: rows.length,
             score: exitScore(record, course) };
  }
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function sessionTime(ms) {
    var cs = Math.max(0, Math.round((Number(ms) || 0) / 10));
    var hours = Math.min(9999, Math.floor(cs / 360000));
    if (hours === 9999) cs = Math.min(cs, 9999 * 360000 + 359999);
    var minutes = Math.floor(cs / 6000) % 60, seconds = Math.floor(cs / 100) % 60, hundredths = cs % 100;
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(hundredths, 2);
  }

  /* ---------- times: seconds after the start, base 36 ---------- */
  function stampOf(ms) { return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00"); }
  function timeOf(stamp) { var t = Date.parse(stamp); return isNaN(t) ? null : t; }
  function clock(started) {
    var base = timeOf(started);
    return {
      since: function (stamp) {  // base 36 seconds after the start; 0 for a stamp that cannot be read
        var t = timeOf(stamp);
        return (base === null || t === null ? 0 : Math.round((t - base) / 1000)).toString(36);
      },
      at: function (text, what) {
        if (typeof text !== "string" || !/^-?[0-9a-z]{1,8}$/.test(text)) throw bad(what);
        return base === null ? started : stampOf(base + parseInt(text, 36) * 1000);
      }
    };
  }
  function bad(what) { return new Error("les données de reprise sont abîmées (" + what + ")."); }

  /* ---------- encode ---------- */
  function evidenceOrder(course) {
    return course.banks.map(function (b, i) { return [b, i]; }).sort(function (x, y) {
      var px = has(TEST_FIRST, x[0].purpose) ? TEST_FIRST[x[0].purpose] : 3;
      var py = has(TEST_FIRST, y[0].purpose) ? TEST_FIRST[y[0].purpose] : 3;
      return px - py || x[1] - y[1];
    }).map(function (p) { return p[0]; });
  }
  function firstsText(entry, bank, c) {
    var first = entry.first || {};
    return bank.questions.map(function (qid, i) {
      if (!has(first, qid)) return null;
      var a = first[qid];
      var points = a.solution_first ? "!" : String(a.score) + (a.max === bank.max[i] ? "" : "/" + String(a.max));
      return i.toString(36) + ":" + points + ":" + c.since(a.at);
    }).filter(function (t) { return t !== null; }).join(",");
  }
  function latest(entry, bank) {
    var answers = entry.answers || {}, results = entry.results || {};
    return bank.questions.map(function (qid, i) {
      if (!has(answers, qid)) return null;
      var r = results[qid];
      var row = [i, answers[qid], r ? r.score : null];
      if (r && r.max !== bank.max[i]) row.push(r.max);
      return row;
    }).filter(function (row) { return row !== null; });
  }
  function bankSlot(out, bank) { out.e = out.e || {}; return (out.e[bank.hash] = out.e[bank.hash] || {}); }
  function formSlot(out, id) { out.o = out.o || {}; return (out.o[id] = out.o[id] || [null, null]); }

  /* The record's compact form: {text, kept, dropped} (the names of the parts, in order). */
  function encode(record, course, limit) {
    limit = limit || LIMIT;
    var c = clock(record.started);
    var out = { v: FORMAT, s: record.started, u: c.since(record.updated) };
    var parts = [];
    var exercises = record.exercises || {}, forms = record.forms || {};
    var order = evidenceOrder(course);
    order.forEach(function (bank) {
      var entry = exercises[bank.id];
      if (!entry) return;
      var f = firstsText(entry, bank, c);
      if (!f && !entry.submitted) return;
      parts.push(["premières réponses : " + bank.id, function (o) {
        var slot = bankSlot(o, bank);
        if (f) slot.f = f;
        if (entry.submitted) slot.s = c.since(entry.submitted);
      }]);
    });
    var t = record.trainee || {};
    if (t.name || t.company) parts.push(["stagiaire", function (o) { o.t = [t.name || "", t.company || ""]; }]);
    var formIds = Object.keys(forms).sort();
    formIds.forEach(function (id) {
      if (forms[id].submitted) {
        parts.push(["questionnaire remis : " + id, function (o) {
          var slot = formSlot(o, id);
          slot[0] = c.since(forms[id].submitted);
          slot[1] = c.since(forms[id].updated || forms[id].submitted);
        }]);
      }
    });
    order.forEach(function (bank) {
      var entry = exercises[bank.id];
      var rows = entry ? latest(entry, bank) : [];
      if (rows.length) parts.push(["dernières réponses : " + bank.id, function (o) { bankSlot(o, bank).a = rows; }]);
    });
    formIds.forEach(function (id) {
      if (forms[id].submitted) parts.push(["réponses du questionnaire remis : " + id, function (o) { formSlot(o, id)[2] = forms[id].values; }]);
    });
    if (record.diagnostic) parts.push(["autodiagnostic", function (o) { o.d = record.diagnostic; }]);
    if (record.self_positioning) parts.push(["autopositionnement", function (o) { o.p = record.self_positioning; }]);
    formIds.forEach(function (id) {
      if (!forms[id].submitted) {
        parts.push(["questionnaire en cours : " + id, function (o) {
          var slot = formSlot(o, id);
          slot[1] = c.since(forms[id].updated || record.updated);
          slot[2] = forms[id].values;
        }]);
      }
    });
    var text = JSON.stringify(out), kept = [], dropped = [];
    parts.forEach(function (part) {
      var trial = clone(out);
      part[1](trial);
      var trialText = JSON.stringify(trial);
      if (trialText.length <= limit) { out = trial; text = trialText; kept.push(part[0]); } else dropped.push(part[0]);
    });
    return { text: text, kept: kept, dropped: dropped };
  }

  /* ---------- decode ---------- */
  function number(text, what) {
    if (!/^\d+(\.\d+)?(e-?\d+)?$/.test(text)) throw bad(what);
    return Number(text);
  }
  function decodeFirsts(text, bank, c, where) {
    var first = {};
    if (typeof text !== "string") throw bad(where);
    text.split(",").forEach(function (token) {
      var bits = token.split(":");
      if (bits.length !== 3 || !/^[0-9a-z]{1,2}$/.test(bits[0])) throw bad(where);
      var i = parseInt(bits[0], 36);
      if (i >= bank.questions.length) throw bad(where);
      var at = c.at(bits[2], where);
      if (bits[1] === "!") first[bank.questions[i]] = { solution_first: true, at: at };
      else {
        var points = bits[1].split("/");
        if (points.length > 2) throw bad(where);
        first[bank.questions[i]] = { score: number(points[0], where),
                                     max: points.length === 2 ? number(points[1], where) : bank.max[i], at: at };
      }
    });
    return first;
  }
  function decodeLatest(rows, bank, entry, where) {
    if (!Array.isArray(rows)) throw bad(where);
    rows.forEach(function (row) {
      if (!Array.isArray(row) || row.length < 3 || row.length > 4 || !Number.isInteger(row[0]) ||
          row[0] < 0 || row[0] >= bank.questions.length) throw bad(where);
      var qid = bank.questions[row[0]];
      (entry.answers = entry.answers || {})[qid] = row[1];
      if (row[2] !== null) {
        if (typeof row[2] !== "number") throw bad(where);
        (entry.results = entry.results || {})[qid] = { score: row[2], max: row.length === 4 ? row[3] : bank.max[row[0]] };
      }
    });
  }

  /* {record, notices} from cmi.suspend_data; null when the LMS holds nothing. Throws an
   * Error with a French message when the data cannot be read: the caller ignores them. */
  function decode(text, course) {
    if (text === null || text === undefined || text === "") return null;
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error("les données de reprise ne sont pas lisibles (JSON invalide ou tronqué)."); }
    if (!isObject(data) || data.v !== FORMAT || typeof data.s !== "string") {
      throw new Error("les données de reprise ne viennent pas de ce cours, ou d'une version qu'il ne connaît pas.");
    }
    var c = clock(data.s);
    var record = records.fresh(data.s);
    record.updated = c.at(data.u, "date de mise à jour");
    var notices = [];
    if (data.t !== undefined) {
      if (!Array.isArray(data.t) || data.t.length !== 2 || typeof data.t[0] !== "string" || typeof data.t[1] !== "string") throw bad("stagiaire");
      record.trainee = { name: data.t[0], company: data.t[1] };
    }
    if (data.e !== undefined) {
      if (!isObject(data.e)) throw bad("exercices");
      var byHash = {};
      course.banks.forEach(function (b) { byHash[b.hash] = b; });
      Object.keys(data.e).forEach(function (hash) {
        var bank = byHash[hash], slot = data.e[hash];
        if (!isObject(slot)) throw bad("exercices");
        if (!bank) {
          notices.push("Une série de questions enregistrée par la plateforme n'existe plus sous cette forme dans cette version du cours : ses réponses ne peuvent pas être reprises.");
          return;
        }
        var entry = {}, where = "exercice « " + bank.id + " »";
        if (slot.f !== undefined) entry.first = decodeFirsts(slot.f, bank, c, where);
        if (slot.s !== undefined) entry.submitted = c.at(slot.s, where);
        if (slot.a !== undefined) decodeLatest(slot.a, bank, entry, where);
        record.exercises[bank.id] = entry;
      });
    }
    if (data.o !== undefined) {
      if (!isObject(data.o)) throw bad("questionnaires");
      record.forms = {};
      Object.keys(data.o).forEach(function (id) {
        var slot = data.o[id], where = "questionnaire « " + id + " »";
        if (!Array.isArray(slot) || slot.length < 2 || slot.length > 3) throw bad(where);
        var form = { values: slot.length === 3 ? slot[2] : {} };
        if (slot[0] !== null) form.submitted = c.at(slot[0], where);
        if (slot[1] !== null) form.updated = c.at(slot[1], where);
        record.forms[id] = form;
      });
    }
    if (data.d !== undefined) record.diagnostic = data.d;
    if (data.p !== undefined) record.self_positioning = data.p;
    try {
      record = records.checkRecord(record);
    } catch (e) {
      throw new Error("les données de reprise ne forment pas un dossier valide : " + e.message);
    }
    return { record: record, notices: notices };
  }

  /* ---------- merge ---------- */
  function earlier(a, b) {  // stamp a strictly before stamp b
    var ta = timeOf(a), tb = timeOf(b);
    return ta !== null && tb !== null && ta < tb;
  }
  /* The local record with what the LMS held and this browser lacks: {record, changed}.
   * What this browser has is kept as it is (its answers are never overwritten), except
   * that for a first attempt, and the time a test was handed in, the earliest wins. */
  function merge(local, restored) {
    var out = clone(local), changed = false;
    if (earlier(restored.started, out.started)) { out.started = restored.started; changed = true; }
    out.exercises = out.exercises || {};
    Object.keys(restored.exercises || {}).forEach(function (key) {
      var theirs = restored.exercises[key];
      if (!has(out.exercises, key)) { out.exercises[key] = clone(theirs); changed = true; return; }
      var mine = out.exercises[key];
      Object.keys(theirs.first || {}).forEach(function (qid) {
        mine.first = mine.first || {};
        if (!has(mine.first, qid) || earlier(theirs.first[qid].at, mine.first[qid].at)) {
          mine.first[qid] = clone(theirs.first[qid]);
          changed = true;
        }
      });
      if (theirs.submitted && (!mine.submitted || earlier(theirs.submitted, mine.submitted))) {
        mine.submitted = theirs.submitted;
        changed = true;
      }
    });
    var t = out.trainee || {}, rt = restored.trainee || {};
    if (!t.name && !t.company && (rt.name || rt.company)) { out.trainee = clone(rt); changed = true; }
    Object.keys(restored.forms || {}).forEach(function (id) {
      out.forms = out.forms || {};
      if (!has(out.forms, id)) { out.forms[id] = clone(restored.forms[id]); changed = true; }
    });
    ["diagnostic", "self_positioning"].forEach(function (part) {
      if (restored[part] && !out[part]) { out[part] = clone(restored[part]); changed = true; }
    });
    if (changed && earlier(out.updated, restored.updated)) out.updated = restored.updated;
    return { record: records.checkRecord(out), changed: changed };
  }

  var api = { LIMIT: LIMIT, report: report, exitScore: exitScore, sessionTime: sessionTime,
              encode: encode, decode: decode, merge: merge };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesScormRules = api;
})(this);
