/* The course's xAPI 1.0.3 profile, mirror of pmesocial/rules/xapi.py (read its docstring
 * for the verbs and activity ids): statements from a change of the record, launch links,
 * records rebuilt from a group's statements. Checked against tests/vectors/xapi.json. */
(function (root) {
  "use strict";
  var VERSION = "1.0.3", ADL = "http://adlnet.gov/expapi/verbs/";
  var VERBS = {};
  [["answered", "a répondu"], ["completed", "a terminé"], ["responded", "a répondu au questionnaire"],
   ["satisfied", "a satisfait aux conditions"]].forEach(function (v) {
    VERBS[v[0]] = { id: ADL + v[0], display: { "fr-FR": v[1] } };
  });
  var TYPES = {
    course: "http://adlnet.gov/expapi/activities/course",
    module: "http://adlnet.gov/expapi/activities/module",
    assessment: "http://adlnet.gov/expapi/activities/assessment",
    question: "http://adlnet.gov/expapi/activities/cmi.interaction",
    survey: "http://id.tincanapi.com/activitytype/survey"
  };
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function same(a, b) { return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b)); }
  function sortKeys(x) {
    if (Array.isArray(x)) return x.map(sortKeys);
    if (x && typeof x === "object") {
      var out = {};
      Object.keys(x).sort().forEach(function (k) { out[k] = sortKeys(x[k]); });
      return out;
    }
    return x;
  }

  function duration(seconds) {
    if (typeof seconds !== "number" || !(seconds >= 0)) return null;
    var tenths = Math.floor(seconds * 10 + 0.5);
    var whole = Math.floor(tenths / 10);
    return tenths % 10 === 0 ? "PT" + whole + "S" : "PT" + whole + "." + (tenths % 10) + "S";
  }
  function round4(x) { return Math.round(x * 10000) / 10000; }
  function score(raw, top) {
    var s = { raw: raw, min: 0, max: top };
    if (top > 0) s.scaled = round4(Math.min(Math.max(raw / top, 0), 1));
    return s;
  }
  function activity(id, kind, title) {
    var out = { objectType: "Activity", id: id, definition: { type: TYPES[kind] } };
    if (title) out.definition.name = { "fr-FR": title };
    return out;
  }
  function ids(base) {
    return { course: base, bank: base + "/bank/", module: base + "/module/", form: base + "/form/",
             diagnostic: base + "/diagnostic", first_attempt: base + "/extensions/first-attempt",
             values: base + "/extensions/values", objectives: base + "/extensions/objectives",
             diagnostic_answers: base + "/extensions/diagnostic" };
  }
  function actor(prof, who, record) {
    var agent = { objectType: "Agent", account: { homePage: prof.home_page, name: who.account } };
    if (prof.identity) {
      var t = record.trainee || {};
      var name = (t.name || "").trim(), company = (t.company || "").trim();
      if (name || company) agent.name = name && company ? name + " (" + company + ")" : name || company;
    }
    return agent;
  }
  function statement(prof, who, record, verb, obj, at, result, parents, platform) {
    var iri = ids(prof.base);
    var context = { platform: platform || "", language: "fr-FR",
                    contextActivities: { grouping: [activity(iri.course, "course", prof.title)] } };
    if (parents && parents.length) context.contextActivities.parent = parents;
    if (who.registration) context.registration = who.registration;
    var st = { actor: actor(prof, who, record), verb: VERBS[verb], object: obj, context: context,
               timestamp: at, version: VERSION };
    if (result !== undefined && result !== null) st.result = result;
    return st;
  }
  function entry(record, bank) { return ((record.exercises || {})[bank]) || {}; }
  function sequenceDone(record, seq) {
    if (seq.test) return !!entry(record, seq.test).submitted;
    var banks = Object.keys(seq.banks);
    return banks.length > 0 && banks.every(function (b) {
      var qids = seq.banks[b], first = entry(record, b).first || {};
      return qids.length > 0 && qids.every(function (q) { return has(first, q); });
    });
  }
  function sequenceScore(record, seq) {
    var banks = seq.test ? [seq.test] : Object.keys(seq.banks);
    var raw = 0, top = 0;
    banks.forEach(function (b) {
      var first = entry(record, b).first || {};
      Object.keys(first).forEach(function (q) {
        if (has(first[q], "score")) { raw += first[q].score; top += first[q].max; }
      });
    });
    return [raw, top];
  }
  function diagnosticComplete(record, dims) {
    var answers = (record.diagnostic || {}).answers || {};
    return dims.length > 0 && dims.every(function (d) { return answers[d] !== undefined && answers[d] !== null; });
  }
  function diagnosticPart(record) {
    var d = record.diagnostic || {};
    return { answers: d.answers || {}, importance: d.importance || {} };
  }

  function statements(event, before, after, prof, who, at, platform) {
    var iri = ids(prof.base), out = [];
    function answered(bank, qid, s, top, seconds) {
      var first = !has(entry(before, bank).first || {}, qid);
      var ext = {}; ext[iri.first_attempt] = first;
      var result = { score: score(s, top), success: top > 0 && s >= top, completion: true, extensions: ext };
      if (duration(seconds)) result.duration = duration(seconds);
      out.push(statement(prof, who, after, "answered", activity(iri.bank + bank + "/question/" + qid, "question"), at,
                         result, [activity(iri.bank + bank, "assessment")], platform));
    }
    var kind = event.type;
    if (kind === "attempt") {
      answered(event.bank, event.question, event.score, event.max, event.duration);
    } else if (kind === "submit") {
      Object.keys(event.attempts).forEach(function (qid) {
        var a = event.attempts[qid];
        if (a[0] !== null) answered(event.bank, qid, a[1], a[2], event.duration);
      });
    } else if (kind === "form" && event.submitted) {
      var result = { completion: true };
      if (prof.forms_with_values.indexOf(event.form) >= 0) {
        result.extensions = {};
        result.extensions[iri.values] = (((after.forms || {})[event.form]) || {}).values || {};
      }
      out.push(statement(prof, who, after, "responded", activity(iri.form + event.form, "survey"), at, result, null, platform));
    } else if (kind === "diagnostic") {
      var dims = prof.dimensions;
      if (diagnosticComplete(after, dims) &&
          (!diagnosticComplete(before, dims) || !same(diagnosticPart(before), diagnosticPart(after)))) {
        var ext = {}; ext[iri.diagnostic_answers] = diagnosticPart(after);
        out.push(statement(prof, who, after, "completed", activity(iri.diagnostic, "assessment"), at,
                           { completion: true, extensions: ext }, null, platform));
      }
    } else if (kind === "attestation" && after.attestation &&
               !same((after.attestation || {}).statuses, (before.attestation || {}).statuses || null)) {
      var statuses = after.attestation.statuses, acquired = 0;
      Object.keys(statuses).forEach(function (k) { if (statuses[k] === "acquis") acquired += 1; });
      var ext2 = {}; ext2[iri.objectives] = statuses;
      out.push(statement(prof, who, after, "satisfied", activity(iri.course, "course", prof.title), at,
                         { score: score(acquired, Object.keys(statuses).length), completion: true, extensions: ext2 },
                         null, platform));
    }
    if (kind === "attempt" || kind === "submit" || kind === "solution") {  // a solution seen also ends a sequence
      prof.sequences.forEach(function (seq) {
        if (sequenceDone(after, seq) && !sequenceDone(before, seq)) {
          var rt = sequenceScore(after, seq);
          out.push(statement(prof, who, after, "completed",
                             activity(iri.module + seq.id, seq.test ? "assessment" : "module", seq.title), at,
                             { completion: true, score: score(rt[0], rt[1]) }, null, platform));
        }
      });
    }
    return out;
  }

  /* ---------- launch links ---------- */
  var LAUNCH_KEYS = ["endpoint", "auth", "actor", "registration"];
  function LaunchError(message) { this.name = "LaunchError"; this.message = message; }
  LaunchError.prototype = Object.create(Error.prototype);
  var RENEW = " : demandez un nouveau lien à votre formateur.";
  function queryParams(query) {
    var params = {};
    query.replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf("="), k = i < 0 ? pair : pair.slice(0, i), v = i < 0 ? "" : pair.slice(i + 1);
      function dec(s) { try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch (e) { return s; } }
      params[dec(k)] = dec(v);  // the last one wins, as in Python's dict(parse_qsl(...))
    });
    return params;
  }
  function isUuid(text) {
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
  }
  function parseLaunch(query) {
    var p = queryParams(query);
    if (!LAUNCH_KEYS.some(function (k) { return has(p, k); })) return null;
    var missing = ["endpoint", "auth", "actor"].filter(function (k) { return !p[k]; });
    if (missing.length) throw new LaunchError("Le lien de lancement est incomplet (il manque : " + missing.join(", ") + ")" + RENEW);
    var endpoint = p.endpoint;
    if (!/^https?:\/\/[^/?#\s]+/i.test(endpoint)) {
      throw new LaunchError("L'adresse de l'entrepôt d'apprentissage du lien n'est pas valide" + RENEW);
    }
    var agent = null;
    try { agent = JSON.parse(p.actor); } catch (e) { agent = null; }
    var account = agent && typeof agent === "object" && !Array.isArray(agent) ? agent.account : null;
    var name = account && typeof account === "object" ? account.name : null;
    if (typeof name !== "string" || !name.trim() || name.length > 200) {
      throw new LaunchError("Le lien de lancement ne dit pas qui vous êtes (identifiant de compte)" + RENEW);
    }
    var registration = p.registration || "";
    if (registration && !isUuid(registration)) throw new LaunchError("Le numéro de session du lien de lancement n'est pas valide" + RENEW);
    return { endpoint: /\/$/.test(endpoint) ? endpoint : endpoint + "/", auth: p.auth, account: name.trim(),
             registration: registration.toLowerCase() };
  }

  /* ---------- a group's statements -> records ----------
   * A statement counts only when the LRS's authority is its own actor (each trainee sends
   * with a credential of their own, and the LRS writes that credential's agent into
   * `authority`); attempts are ordered by the LRS's `stored` time, never the sender's
   * `timestamp`. Every map keyed by what a statement says (accounts, banks, questions,
   * forms) has no prototype, so « __proto__ » or « constructor » is a key like any other. */
  var VOIDED = ADL + "voided";
  var REASONS = {
    foreign: "déclaration(s) d'un autre cours ignorée(s).",
    not_theirs: "déclaration(s) ignorée(s) : envoyée(s) avec l'identifiant d'un autre compte que celui du stagiaire " +
                "dont elle(s) parle(nt).",
    void_refused: "annulation(s) ignorée(s) : seul le stagiaire concerné peut annuler ses déclarations.",
    // first attempts stay (rules/xapi.py FIRST_KEPT): else the next attempt would become « first »
    first_kept: "annulation(s) de première tentative ignorée(s) : une première tentative reste dans la preuve " +
                "(pour effacer ses données, le stagiaire s'adresse à l'organisme)."
  };
  function map() { return Object.create(null); }
  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function text(x) { return typeof x === "string" ? x : ""; }
  function accountOf(agent) {
    var account = isObject(agent) ? agent.account : null;
    if (!isObject(account) || !text(account.name)) return null;
    return [account.name, text(account.homePage).replace(/\/+$/, "")];
  }
  function sameAccount(a, b) { return !!a && !!b && a[0] === b[0] && a[1] === b[1]; }
  function vouched(st) { return sameAccount(accountOf(st.actor), accountOf(st.authority)); }
  var ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:?\d\d)?$/;
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function storedKey(value) {
    var m = typeof value === "string" ? ISO.exec(value) : null;
    if (!m) return "~";
    var y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5], sec = +m[6];
    var micro = +((m[7] || "") + "000000").slice(0, 6), zone = m[8] || "Z";
    var offset = zone === "Z" ? 0 : (zone.charAt(0) === "+" ? 1 : -1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2));
    var t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    t.setUTCHours(h, mi, sec, 0);
    // an impossible date (month 13, 31 April, 25 h…) is unreadable, as in Python
    if (y < 1 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d ||
        t.getUTCHours() !== h || t.getUTCMinutes() !== mi || t.getUTCSeconds() !== sec) return "~";
    t.setUTCMinutes(t.getUTCMinutes() - offset);
    var year = t.getUTCFullYear();
    if (year < 1 || year > 9999) return "~";
    return pad(year, 4) + "-" + pad(t.getUTCMonth() + 1, 2) + "-" + pad(t.getUTCDate(), 2) + "T" +
      pad(t.getUTCHours(), 2) + ":" + pad(t.getUTCMinutes(), 2) + ":" + pad(t.getUTCSeconds(), 2) + "." + pad(micro, 6);
  }
  function screenStatements(list, prof) {
    var counts = { foreign: 0, not_theirs: 0, void_refused: 0, first_kept: 0 }, usable = [], voids = [];
    var firstFlag = ids(prof.base).first_attempt;
    list.forEach(function (st) {
      if (!isObject(st)) { counts.foreign += 1; return; }
      var verb = text(isObject(st.verb) ? st.verb.id : null), obj = isObject(st.object) ? st.object : {};
      if (verb === VOIDED) {
        if (vouched(st) && obj.objectType === "StatementRef" && text(obj.id)) voids.push(st);
        else counts.void_refused += 1;
      } else if (text(obj.id).indexOf(prof.base) !== 0) {
        counts.foreign += 1;
      } else if (!vouched(st)) {
        counts.not_theirs += 1;
      } else {
        usable.push(st);
      }
    });
    var byId = map(), voided = map();
    usable.forEach(function (st) { if (text(st.id)) byId[st.id] = st; });
    voids.forEach(function (v) {
      var target = byId[v.object.id];
      if (!target) return;  // a statement of another session, or none: nothing to take out
      var result = isObject(target.result) ? target.result : {};
      var ext = isObject(result.extensions) ? result.extensions : {};
      if (!sameAccount(accountOf(target.actor), accountOf(v.actor))) counts.void_refused += 1;
      else if (ext[firstFlag] === true) counts.first_kept += 1;
      else voided[target.id] = true;
    });
    var kept = usable.filter(function (st) { return !(text(st.id) && voided[st.id]); });
    var keys = kept.map(function (st, i) { return [storedKey(st.stored), text(st.id), i]; });
    keys.sort(function (a, b) {
      return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2];
    });
    return { kept: keys.map(function (k) { return kept[k[2]]; }), counts: counts };
  }
  function rejectedReasons(counts) {
    return Object.keys(REASONS).filter(function (k) { return counts[k]; }).map(function (k) {
      return ["entrepôt d'apprentissage", counts[k] + " " + REASONS[k]];
    });
  }
  function rebuild(kept, prof) {
    var iri = ids(prof.base), tests = map(), records = map(), order = [];
    prof.sequences.forEach(function (s) { if (s.test) tests[s.id] = s.test; });
    kept.forEach(function (st) {
      var account = st.actor.account.name, objId = st.object.id;
      var at = text(st.timestamp), verb = text((st.verb || {}).id), result = isObject(st.result) ? st.result : {};
      var record = records[account];
      if (!record) {
        record = records[account] = { format: "pmesocial-record", version: 2,
          trainee: { name: text(st.actor.name), company: "" }, started: at, updated: at, exercises: map(),
          _source: account };
        order.push(account);
      }
      record.updated = at;
      var ext = isObject(result.extensions) ? result.extensions : {};
      if (verb === VERBS.answered.id && objId.indexOf(iri.bank) === 0 && objId.indexOf("/question/") >= 0) {
        var rest = objId.slice(iri.bank.length), cut = rest.indexOf("/question/");
        var bank = rest.slice(0, cut), qid = rest.slice(cut + "/question/".length);
        var sc = isObject(result.score) ? result.score : {};
        var e = record.exercises[bank] = record.exercises[bank] || map();
        var mark = { score: has(sc, "raw") ? sc.raw : 0, max: has(sc, "max") ? sc.max : 0 };
        (e.results = e.results || map())[qid] = mark;
        if (ext[iri.first_attempt] === true) {
          e.first = e.first || map();
          if (!e.first[qid]) e.first[qid] = { score: mark.score, max: mark.max, at: at };
        }
      } else if (verb === VERBS.completed.id && objId.indexOf(iri.module) === 0) {
        var test = tests[objId.slice(iri.module.length)];
        if (test) {
          var te = record.exercises[test] = record.exercises[test] || map();
          if (!has(te, "submitted")) te.submitted = at;
        }
      } else if (verb === VERBS.responded.id && objId.indexOf(iri.form) === 0) {
        var values = ext[iri.values];
        record.forms = record.forms || map();
        record.forms[objId.slice(iri.form.length)] = {
          values: isObject(values) ? values : {}, submitted: at, updated: at };
      } else if (verb === VERBS.completed.id && objId === iri.diagnostic) {
        var part = isObject(ext[iri.diagnostic_answers]) ? ext[iri.diagnostic_answers] : {};
        record.diagnostic = { answers: part.answers || {}, importance: part.importance || {}, updated: at };
      }
    });
    return order.map(function (k) { return records[k]; });
  }
  function groupFromStatements(list, prof) {
    var screened = screenStatements(list, prof);
    return { records: rebuild(screened.kept, prof), rejected: rejectedReasons(screened.counts) };
  }
  function recordsFromStatements(list, prof) { return groupFromStatements(list, prof).records; }

  var api = { VERSION: VERSION, VERBS: VERBS, TYPES: TYPES, duration: duration, ids: ids, actor: actor,
              statements: statements, parseLaunch: parseLaunch, LaunchError: LaunchError,
              recordsFromStatements: recordsFromStatements, groupFromStatements: groupFromStatements,
              screenStatements: screenStatements, storedKey: storedKey, vouched: vouched };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.PmesXapi = api;
})(this);
