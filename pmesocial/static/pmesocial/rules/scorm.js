/* What the SCORM packages (1.2 and 2004 4th edition) report to an LMS and keep in its
 * cmi.suspend_data, as pure rules over the trainee's record (the launch page,
 * scorm/host.js, does the talking). Mirrored by pmesocial/rules/scorm.py and checked on
 * shared vectors (tests/vectors/scorm.json): the same report, session times, compact form
 * (to the character, before compression) and the same parts kept.
 *
 * - `report`: « completed » once every sequence of the course is done (documents.js
 *   `completed`, the certificat's own rule), « incomplete » before; the progress
 *   (sequences done / all); the score, the exit test's first attempts in percent once it
 *   is handed in, null before. `success`: « passed » / « failed » against the passing
 *   score the LMS gives (cmi.scaled_passing_score), « unknown » without one: the course
 *   itself sets no pass mark (its evaluation is per objective).
 * - `sessionTime` (1.2, HHHH:MM:SS.SS) and `sessionTime2004` (ISO 8601 duration).
 * - `encode` / `decode` / `merge`: the record in cmi.suspend_data, 4,096 characters in
 *   SCORM 1.2, 64,000 in 2004 (LIMITS).
 *
 * The stored text is "pmes2:" and the base64 of the raw DEFLATE (RFC 1951, level 9) of a
 * UTF-8 JSON text: pako in JavaScript, zlib in Python; base64 keeps it ASCII (SCORM 1.2's
 * CMIString4096 is ASCII). That JSON is the whole record, {v: 2, w: record}, when it fits;
 * otherwise a compact form, {v: 2, s: started, u: updated, h: tests handed in, t: [name,
 * company], o: forms, d: diagnostic, p: self-positioning, l: validations, a: attestation,
 * e: {<bank hash>: {f: first attempts, a: latest answers, b: drafts}}, x: what was left
 * out}. Banks are named by a short hash of their id and question ids (course.banks[].hash,
 * written at build time), questions by their place in the bank, times by seconds (base
 * 36) after the record's start. A bank whose questions changed since is not restored, and
 * said so.
 *
 * The compact form keeps, in this order, each part only if it still fits (nothing is left
 * out to make room for something later in the order):
 *   0. always: the start, and which tests were handed in and when (a test handed in is
 *      never offered again after a resume);
 *   1. the trainee's name and company;
 *   2. the forms: the 90-day plan first, then the others (by id); drafts of forms too;
 *   3. the self-diagnostic, then the self-positioning;
 *   4. the trainer's validations, the attestation's statuses and date;
 *   5. first attempts (the evidence): exit test, entry test, self-checks, practice;
 *   6. latest answers and their results, bank by bank in the same order;
 *   7. answers not checked yet (drafts).
 * Why this order: 1-4 are the trainee's own work, typed once and found nowhere else;
 * the evidence an LMS needs is already in its own fields (status, score); latest answers
 * can be given again. What is left out is listed in `x` and told on every later launch
 * while this browser lacks it (`lostText`).
 */
(function (root) {
  "use strict";
  var documents = root.PmesDocumentViews || require("./documents.js");
  var records = root.PmesRecordRules || require("./record.js");
  var pako = root.pako || require("pako");
  var LIMITS = { "1.2": 4096, "2004": 64000 }, FORMAT = 2, PREFIX = "pmes2:";
  var TEST_FIRST = { "exit-test": 0, "entry-test": 1, "self-check": 2 };

  function has(obj, key) { return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key); }
  function clone(x) { return JSON.parse(JSON.stringify(x)); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function nonEmpty(v) { return isObject(v) && Object.keys(v).length > 0; }

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
    var score = exitScore(record, course);
    return { lesson_status: done === rows.length ? "completed" : "incomplete", done: done, count: rows.length,
             progress: rows.length ? Math.floor(10000 * done / rows.length + 0.5) / 10000 : 0,
             score: score, scaled: score === null ? null : score / 100 };
  }
  /* cmi.success_status from the report and the LMS's cmi.scaled_passing_score (text). */
  function success(rep, passing) {
    var bar = typeof passing === "string" && /^-?\d+(\.\d+)?$/.test(passing) ? Number(passing) : null;
    if (rep.scaled === null || bar === null) return "unknown";
    return rep.scaled >= bar ? "passed" : "failed";
  }
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function centiseconds(ms) { return Math.max(0, Math.round((Number(ms) || 0) / 10)); }
  function sessionTime(ms) {
    var cs = centiseconds(ms);
    var hours = Math.min(9999, Math.floor(cs / 360000));
    if (hours === 9999) cs = Math.min(cs, 9999 * 360000 + 359999);
    var minutes = Math.floor(cs / 6000) % 60, seconds = Math.floor(cs / 100) % 60, hundredths = cs % 100;
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(hundredths, 2);
  }
  /* SCORM 2004's timeinterval: PT1H2M3.46S, PT0S for nothing. */
  function sessionTime2004(ms) {
    var cs = centiseconds(ms);
    var hours = Math.floor(cs / 360000), minutes = Math.floor(cs / 6000) % 60;
    var seconds = Math.floor(cs / 100) % 60, hundredths = cs % 100;
    var fraction = hundredths ? "." + pad(hundredths, 2).replace(/0$/, "") : "";
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + seconds + fraction + "S";
  }

  /* ---------- the stored text: base64 of raw DEFLATE of UTF-8 JSON ---------- */
  function toBase64(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(out);
  }
  function pack(json) { return PREFIX + toBase64(pako.deflateRaw(new TextEncoder().encode(json), { level: 9 })); }
  function unpack(text) {
    try {
      var binary = atob(text.slice(PREFIX.length)), bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return new TextDecoder("utf-8", { fatal: true }).decode(pako.inflateRaw(bytes));
    } catch (e) {
      throw new Error("les données de reprise ne sont pas lisibles (tronquées ou abîmées).");
    }
  }

  /* ---------- times: seconds after the start, base 36 ---------- */
  function stampOf(ms) { return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00"); }
  function timeOf(stamp) { var t = Date.parse(stamp); return isNaN(t) ? null : t; }
  function clock(started) {
    var base = timeOf(started);
    return {
      seconds: function (stamp) {  // seconds after the start; 0 for a stamp that cannot be read
        var t = timeOf(stamp);
        return base === null || t === null ? 0 : Math.round((t - base) / 1000);
      },
      since: function (stamp) { return this.seconds(stamp).toString(36); },  // in base 36
      at: function (text, what) { return this.after(0, text, what).stamp; },
      after: function (previous, text, what) {  // {seconds, stamp} of a base 36 delta after `previous` seconds
        if (typeof text !== "string" || !/^-?[0-9a-z]{1,8}$/.test(text)) throw bad(what);
        var seconds = previous + parseInt(text, 36);
        return { seconds: seconds, stamp: base === null ? started : stampOf(base + seconds * 1000) };
      }
    };
  }
  function bad(what) { return new Error("les données de reprise sont abîmées (" + what + ")."); }

  /* ---------- the compact form's parts ---------- */
  function evidenceOrder(course) {
    return course.banks.map(function (b, i) { return [b, i]; }).sort(function (x, y) {
      var px = has(TEST_FIRST, x[0].purpose) ? TEST_FIRST[x[0].purpose] : 3;
      var py = has(TEST_FIRST, y[0].purpose) ? TEST_FIRST[y[0].purpose] : 3;
      return px - py || x[1] - y[1];
    }).map(function (p) { return p[0]; });
  }
  /* "index:points:time" per first attempt, in the bank's order; the time in seconds after
   * the attempt before (the start for the first one): small numbers, which compress. */
  function firstsText(entry, bank, c) {
    var first = entry.first || {}, previous = 0;
    return bank.questions.map(function (qid, i) {
      if (!has(first, qid)) return null;
      var a = first[qid], seconds = c.seconds(a.at);
      var points = a.solution_first ? "!" : String(a.score) + (a.max === bank.max[i] ? "" : "/" + String(a.max));
      var token = i.toString(36) + ":" + points + ":" + (seconds - previous).toString(36);
      previous = seconds;
      return token;
    }).filter(function (t) { return t !== null; }).join(",");
  }
  /* The self-diagnostic as one digit per item and per dimension, in the course's order
   * (course.diagnostic), with its time; as it is when it holds anything else. */
  function diagnosticForm(diagnostic, course, c) {
    var spec = course.diagnostic || { items: [], dimensions: [] };
    var answers = diagnostic.answers || {}, importance = diagnostic.importance || {};
    var known = Object.keys(diagnostic).every(function (k) { return ["answers", "importance", "updated"].indexOf(k) >= 0; }) &&
      Object.keys(answers).every(function (k) { return spec.items.indexOf(k) >= 0 && /^[0-4]$/.test(String(answers[k])); }) &&
      Object.keys(importance).every(function (k) { return spec.dimensions.indexOf(k) >= 0 && /^[1-3]$/.test(String(importance[k])); }) &&
      has(diagnostic, "answers") && has(diagnostic, "importance");
    if (!known) return diagnostic;
    function digits(ids, values) { return ids.map(function (id) { return has(values, id) ? String(values[id]) : "-"; }).join(""); }
    return [digits(spec.items, answers), digits(spec.dimensions, importance), has(diagnostic, "updated") ? c.since(diagnostic.updated) : null];
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
  function drafts(entry, bank) {
    var out = {}, d = entry.drafts || {};
    bank.questions.forEach(function (qid, i) { if (has(d, qid)) out[i.toString(36)] = d[qid]; });
    return out;
  }
  function bankSlot(out, bank) { out.e = out.e || {}; return (out.e[bank.hash] = out.e[bank.hash] || {}); }
  function formTitle(course, id) { return (course.forms && has(course.forms, id)) ? course.forms[id] : id; }
  function formIds(record) {
    var ids = Object.keys(record.forms || {}).sort();
    return ids.indexOf("plan") >= 0 ? ["plan"].concat(ids.filter(function (id) { return id !== "plan"; })) : ids;
  }

  /* The parts of the compact form, in the order they are kept: {code, kind, title, apply}. */
  function parts(record, course, c) {
    var list = [], exercises = record.exercises || {}, forms = record.forms || {};
    function add(code, kind, title, apply) { list.push({ code: code, kind: kind, title: title, apply: apply }); }
    var t = record.trainee || {};
    if (t.name || t.company) add("t", "trainee", "", function (o) { o.t = [t.name || "", t.company || ""]; });
    formIds(record).forEach(function (id) {
      var form = forms[id];
      add("o:" + id, "form", formTitle(course, id), function (o) {
        o.o = o.o || {};
        o.o[id] = [form.submitted ? c.since(form.submitted) : null, form.updated ? c.since(form.updated) : null,
                   form.values || {}];
      });
    });
    if (record.diagnostic) add("d", "diagnostic", "", function (o) { o.d = diagnosticForm(record.diagnostic, course, c); });
    if (record.self_positioning) add("p", "self_positioning", "", function (o) { o.p = record.self_positioning; });
    if (nonEmpty(record.validations)) add("l", "validations", "", function (o) { o.l = record.validations; });
    if (record.attestation) add("a", "attestation", "", function (o) { o.a = record.attestation; });
    var order = evidenceOrder(course);
    order.forEach(function (bank) {
      var f = exercises[bank.id] ? firstsText(exercises[bank.id], bank, c) : "";
      if (f) add("f:" + bank.hash, "first", bank.title || bank.id, function (o) { bankSlot(o, bank).f = f; });
    });
    order.forEach(function (bank) {
      var rows = exercises[bank.id] ? latest(exercises[bank.id], bank) : [];
      if (rows.length) add("r:" + bank.hash, "latest", bank.title || bank.id, function (o) { bankSlot(o, bank).a = rows; });
    });
    order.forEach(function (bank) {
      var d = exercises[bank.id] ? drafts(exercises[bank.id], bank) : {};
      if (Object.keys(d).length) add("b:" + bank.hash, "draft", bank.title || bank.id, function (o) { bankSlot(o, bank).b = d; });
    });
    return list;
  }
  function head(record, course, c) {
    var out = { v: FORMAT, s: record.started, u: c.since(record.updated) }, handed = {};
    course.banks.forEach(function (bank) {
      var entry = (record.exercises || {})[bank.id];
      if (entry && entry.submitted) handed[bank.hash] = c.since(entry.submitted);
    });
    if (Object.keys(handed).length) out.h = handed;
    return out;
  }
  /* Whether the record holds anything of the part a code names (a part told lost earlier
   * is told again while this browser still lacks it). */
  function holds(record, code, course) {
    var bits = code.split(":"), kind = bits[0], key = bits.slice(1).join(":");
    if (kind === "t") return !!((record.trainee || {}).name || (record.trainee || {}).company);
    if (kind === "o") return has(record.forms || {}, key);
    if (kind === "d") return !!record.diagnostic;
    if (kind === "p") return !!record.self_positioning;
    if (kind === "l") return nonEmpty(record.validations);
    if (kind === "a") return !!record.attestation;
    var bank = null;
    course.banks.forEach(function (b) { if (b.hash === key) bank = b; });
    var entry = bank ? ((record.exercises || {})[bank.id] || {}) : {};
    var part = { f: "first", r: "answers", b: "drafts" }[kind];
    return !!part && nonEmpty(entry[part]);
  }
  function codeItem(code, course) {
    var bits = code.split(":"), kind = bits[0], key = bits.slice(1).join(":");
    var kinds = { t: "trainee", o: "form", d: "diagnostic", p: "self_positioning", l: "validations", a: "attestation",
                  f: "first", r: "latest", b: "draft" };
    if (!has(kinds, kind)) return null;
    var title = "";
    if (kind === "o") title = formTitle(course, key);
    if (kind === "f" || kind === "r" || kind === "b") {
      course.banks.forEach(function (b) { if (b.hash === key) title = b.title || b.id; });
      if (!title) return null;  // a bank this version of the course no longer has
    }
    return { code: code, kind: kinds[kind], title: title };
  }

  /* The record in cmi.suspend_data: {text, json, whole, kept, dropped} where kept and
   * dropped are the parts' codes (["w"] for the whole record), and `json` the text before
   * compression. `earlier`: codes told lost by an earlier launch (decode's `lost`). */
  /* The record without the book's bookkeeping of this browser's tabs (ui/store.js), which
   * means nothing in another browser (rules/scorm.py `portable`). */
  function portable(record) {
    var out = {};
    Object.keys(record).forEach(function (k) { if (k !== "tabs") out[k] = record[k]; });
    return out;
  }
  function encode(record, course, limit, earlier) {
    record = portable(record);
    var whole = JSON.stringify({ v: FORMAT, w: record });
    var text = pack(whole);
    if (text.length <= limit) return { text: text, json: whole, whole: true, kept: ["w"], dropped: [] };
    var c = clock(record.started);
    var base = head(record, course, c), list = parts(record, course, c);
    function build(chosen, lost) {
      var out = clone(base);
      chosen.forEach(function (p) { p.apply(out); });
      if (lost.length) out.x = lost;
      return out;
    }
    var kept = [], dropped = [], json = JSON.stringify(base);
    text = pack(json);
    list.forEach(function (part) {
      var trialJson = JSON.stringify(build(kept.concat([part]), []));
      var trial = pack(trialJson);
      if (trial.length <= limit) { kept.push(part); json = trialJson; text = trial; } else dropped.push(part);
    });
    var still = (earlier || []).filter(function (code) { return !holds(record, code, course) && codeItem(code, course); });
    // the list of what is left out must fit too: the last parts kept give way to it
    for (;;) {
      var lost = dropped.map(function (p) { return p.code; });
      still.forEach(function (code) { if (lost.indexOf(code) < 0) lost.push(code); });
      if (!lost.length) break;
      json = JSON.stringify(build(kept, lost));
      text = pack(json);
      if (text.length <= limit || !kept.length) break;
      dropped.unshift(kept.pop());
    }
    return { text: text, json: json, whole: false, kept: kept.map(function (p) { return p.code; }),
             dropped: dropped.map(function (p) { return p.code; }).concat(still.filter(function (code) {
               return dropped.every(function (p) { return p.code !== code; });
             })) };
  }

  /* The compact form's JSON text for a given choice of parts (codes), and what is listed
   * as left out: what `encode` compresses, the same to the character in Python. */
  function compactJson(record, course, keptCodes, lostCodes) {
    var c = clock(record.started), out = head(record, course, c);
    parts(record, course, c).forEach(function (p) { if (keptCodes.indexOf(p.code) >= 0) p.apply(out); });
    if (lostCodes.length) out.x = lostCodes;
    return JSON.stringify(out);
  }

  /* What the trainee is told is not kept: one French phrase per kind, the banks named
   * when they are three at most. */
  var KIND_TEXT = {
    trainee: "votre nom et votre entreprise", diagnostic: "votre autodiagnostic",
    self_positioning: "votre autopositionnement", validations: "les validations de votre formateur",
    attestation: "la date de votre attestation", form: "vos questionnaires", first: "vos premières réponses",
    latest: "vos dernières réponses", draft: "vos réponses pas encore vérifiées"
  };
  var KIND_ORDER = ["trainee", "form", "diagnostic", "self_positioning", "validations", "attestation", "first", "latest", "draft"];
  function lostText(codes, course) {
    var byKind = {};
    (codes || []).forEach(function (code) {
      var item = codeItem(code, course);
      if (item) (byKind[item.kind] = byKind[item.kind] || []).push(item.title);
    });
    return KIND_ORDER.filter(function (k) { return has(byKind, k); }).map(function (k) {
      var titles = byKind[k].filter(function (t) { return t; });
      if (k !== "form" && titles.length > 3) return KIND_TEXT[k] + " à " + titles.length + " séries de questions";
      return KIND_TEXT[k] + (titles.length ? " (" + titles.map(function (t) { return "« " + t + " »"; }).join(", ") + ")" : "");
    });
  }

  /* ---------- decode ---------- */
  function number(text, what) {
    if (!/^\d+(\.\d+)?(e-?\d+)?$/.test(text)) throw bad(what);
    return Number(text);
  }
  function decodeFirsts(text, bank, c, where, deltas) {
    var first = {}, previous = 0;
    if (typeof text !== "string") throw bad(where);
    text.split(",").forEach(function (token) {
      var bits = token.split(":");
      if (bits.length !== 3 || !/^[0-9a-z]{1,2}$/.test(bits[0])) throw bad(where);
      var i = parseInt(bits[0], 36);
      if (i >= bank.questions.length) throw bad(where);
      var time = c.after(deltas ? previous : 0, bits[2], where), at = time.stamp;
      previous = time.seconds;
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
  function decodeDrafts(map, bank, entry, where) {
    if (!isObject(map)) throw bad(where);
    entry.drafts = {};
    Object.keys(map).forEach(function (key) {
      var i = /^[0-9a-z]{1,2}$/.test(key) ? parseInt(key, 36) : -1;
      if (i < 0 || i >= bank.questions.length) throw bad(where);
      entry.drafts[bank.questions[i]] = map[key];
    });
  }
  function decodeDiagnostic(d, course, c) {
    var spec = course.diagnostic || { items: [], dimensions: [] };
    if (d.length !== 3 || typeof d[0] !== "string" || typeof d[1] !== "string" || d[0].length !== spec.items.length ||
        d[1].length !== spec.dimensions.length) throw bad("autodiagnostic");
    function values(ids, text) {
      var out = {};
      ids.forEach(function (id, i) { if (text.charAt(i) !== "-") out[id] = number(text.charAt(i), "autodiagnostic"); });
      return out;
    }
    var diagnostic = { answers: values(spec.items, d[0]), importance: values(spec.dimensions, d[1]) };
    if (d[2] !== null) diagnostic.updated = c.at(d[2], "autodiagnostic");
    return diagnostic;
  }
  function checked(record) {
    try { return records.checkRecord(record); } catch (e) {
      throw new Error("les données de reprise ne forment pas un dossier valide : " + e.message);
    }
  }
  var GONE_BANK = "Une série de questions enregistrée par la plateforme n'existe plus sous cette forme dans cette version du cours : ses réponses ne peuvent pas être reprises.";

  function decodeCompact(data, course) {
    var c = clock(data.s);
    var record = records.fresh(data.s);
    record.updated = c.at(data.u, "date de mise à jour");
    var notices = [], byHash = {}, gone = false;
    course.banks.forEach(function (b) { byHash[b.hash] = b; });
    function entryOf(hash, what) {
      var bank = byHash[hash];
      if (!bank) { gone = true; return null; }
      return (record.exercises[bank.id] = record.exercises[bank.id] || {});
    }
    if (data.h !== undefined) {
      if (!isObject(data.h)) throw bad("tests remis");
      Object.keys(data.h).forEach(function (hash) {
        var entry = entryOf(hash);
        if (entry) entry.submitted = c.at(data.h[hash], "test remis");
      });
    }
    if (data.t !== undefined) {
      if (!Array.isArray(data.t) || data.t.length !== 2 || typeof data.t[0] !== "string" || typeof data.t[1] !== "string") throw bad("stagiaire");
      record.trainee = { name: data.t[0], company: data.t[1] };
    }
    if (data.o !== undefined) {
      if (!isObject(data.o)) throw bad("questionnaires");
      record.forms = {};
      Object.keys(data.o).forEach(function (id) {
        var slot = data.o[id], where = "questionnaire « " + id + " »";
        if (!Array.isArray(slot) || slot.length !== 3 || !isObject(slot[2])) throw bad(where);
        var form = { values: slot[2] };
        if (slot[0] !== null) form.submitted = c.at(slot[0], where);
        if (slot[1] !== null) form.updated = c.at(slot[1], where);
        record.forms[id] = form;
      });
    }
    if (data.d !== undefined) record.diagnostic = Array.isArray(data.d) ? decodeDiagnostic(data.d, course, c) : data.d;
    if (data.p !== undefined) record.self_positioning = data.p;
    if (data.l !== undefined) record.validations = data.l;
    if (data.a !== undefined) record.attestation = data.a;
    if (data.e !== undefined) {
      if (!isObject(data.e)) throw bad("exercices");
      Object.keys(data.e).forEach(function (hash) {
        var slot = data.e[hash];
        if (!isObject(slot)) throw bad("exercices");
        var entry = entryOf(hash);
        if (!entry) return;
        var bank = byHash[hash], where = "exercice « " + bank.id + " »";
        if (slot.f !== undefined) entry.first = decodeFirsts(slot.f, bank, c, where, true);
        if (slot.a !== undefined) decodeLatest(slot.a, bank, entry, where);
        if (slot.b !== undefined) decodeDrafts(slot.b, bank, entry, where);
      });
    }
    var lost = [];
    if (data.x !== undefined) {
      if (!Array.isArray(data.x) || data.x.some(function (code) { return typeof code !== "string"; })) throw bad("parties non gardées");
      lost = data.x.filter(function (code) { return codeItem(code, course) !== null; });
    }
    if (gone) notices.push(GONE_BANK);
    return { record: checked(record), notices: notices, lost: lost };
  }

  /* The first format (plain JSON, written by earlier packages), read so that an LMS's older data
   * still comes back; it is never written any more. */
  function decodeV1(data, course) {
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
        if (!bank) { if (notices.indexOf(GONE_BANK) < 0) notices.push(GONE_BANK); return; }
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
    return { record: checked(record), notices: notices, lost: [] };
  }

  /* {record, notices, lost} from cmi.suspend_data; null when the LMS holds nothing.
   * Throws an Error with a French message when the data cannot be read. */
  function decode(text, course) {
    if (text === null || text === undefined || text === "") return null;
    var data, v1 = text.charAt(0) === "{";
    if (!v1 && text.indexOf(PREFIX) !== 0) throw new Error("les données de reprise ne viennent pas de ce cours, ou d'une version qu'il ne connaît pas.");
    try { data = JSON.parse(v1 ? text : unpack(text)); } catch (e) {
      throw new Error(e.message.indexOf("les données") === 0 ? e.message : "les données de reprise ne sont pas lisibles (JSON invalide ou tronqué).");
    }
    if (v1 && isObject(data) && data.v === 1 && typeof data.s === "string") return decodeV1(data, course);
    if (!v1 && isObject(data) && data.v === FORMAT && has(data, "w")) return { record: checked(data.w), notices: [], lost: [] };
    if (!v1 && isObject(data) && data.v === FORMAT && typeof data.s === "string") return decodeCompact(data, course);
    throw new Error("les données de reprise ne viennent pas de ce cours, ou d'une version qu'il ne connaît pas.");
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
      Object.keys(theirs.answers || {}).forEach(function (qid) {  // a latest answer this browser lacks
        mine.answers = mine.answers || {};
        if (has(mine.answers, qid)) return;
        mine.answers[qid] = clone(theirs.answers[qid]);
        if (has(theirs.results || {}, qid)) (mine.results = mine.results || {})[qid] = clone(theirs.results[qid]);
        changed = true;
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
    Object.keys(restored.validations || {}).forEach(function (id) {
      out.validations = out.validations || {};
      if (!has(out.validations, id)) { out.validations[id] = clone(restored.validations[id]); changed = true; }
    });
    ["diagnostic", "self_positioning", "attestation"].forEach(function (part) {
      if (restored[part] && !out[part]) { out[part] = clone(restored[part]); changed = true; }
    });
    if (changed && earlier(out.updated, restored.updated)) out.updated = restored.updated;
    return { record: records.checkRecord(out), changed: changed };
  }

  var api = { LIMITS: LIMITS, PREFIX: PREFIX, report: report, success: success, exitScore: exitScore,
              sessionTime: sessionTime, sessionTime2004: sessionTime2004, encode: encode, compactJson: compactJson, decode: decode,
              lostText: lostText, merge: merge, portable: portable };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesScormRules = api;
})(this);
