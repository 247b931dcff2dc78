/* Evidence rules in the static book, mirroring pmesocial/rules/evidence.py: objective status
 * from first attempts only, entry/exit progression, a test's profile by module.
 * Checked against tests/vectors/evidence.json (node --test). */
(function (root) {
  "use strict";
  var ACQUIRED = 0.75, IN_PROGRESS = 0.4, MIN_EVALUATED = 3;
  var ENTRY_TEST = "positionnement-entree", EXIT_TEST = "positionnement-sortie";
  var STATUS_LABELS = { "acquis": "Acquis", "en-cours": "En cours d'acquisition", "non-acquis": "Non acquis",
                        "non-evalue": "Non évalué" };
  var scoring = root.PmesScoring || require("./scoring.js");

  function statusFor(score, top, evaluated) {
    if (evaluated === 0 || top === 0) return "non-evalue";
    var ratio = score / top;
    if (ratio >= ACQUIRED && evaluated >= MIN_EVALUATED) return "acquis";
    return ratio >= IN_PROGRESS ? "en-cours" : "non-acquis";
  }
  function firstAttempts(record, key) { return (((record.exercises || {})[key] || {}).first) || {}; }
  function objectiveStatus(record, mapping, objectives) {
    var totals = {};
    objectives.forEach(function (o) { totals[o.id] = { score: 0, max: 0, evaluated: 0, skipped: 0 }; });
    Object.keys(mapping).forEach(function (key) {
      var first = firstAttempts(record, key);
      Object.keys(mapping[key]).forEach(function (qid) {
        var t = totals[mapping[key][qid]], attempt = first[qid];
        if (!attempt || !t) return;
        if (attempt.solution_first) { t.skipped += 1; return; }
        t.score += attempt.score; t.max += attempt.max; t.evaluated += 1;
      });
    });
    return objectives.map(function (o) {
      var t = totals[o.id];
      return { id: o.id, module: o.module, text: o.text, score: t.score, max: t.max, evaluated: t.evaluated,
               skipped: t.skipped, status: statusFor(t.score, t.max, t.evaluated) };
    });
  }
  function progression(record, entryMap, exitMap, objectives) {
    var rows = [];
    objectives.forEach(function (o) {
      var row = { id: o.id, module: o.module, text: o.text }, assessed = false;
      [["entree", ENTRY_TEST, entryMap], ["sortie", EXIT_TEST, exitMap]].forEach(function (p) {
        var first = firstAttempts(record, p[1]), questions = p[2];
        var done = Object.keys(questions).filter(function (q) {
          if (questions[q] === o.id) assessed = true;
          return questions[q] === o.id && first[q] && !first[q].solution_first;
        }).map(function (q) { return first[q]; });
        row[p[0]] = done.length ? { score: done.reduce(function (a, r) { return a + r.score; }, 0),
                                    max: done.reduce(function (a, r) { return a + r.max; }, 0) } : null;
      });
      if (assessed) rows.push(row);
    });
    return rows;
  }
  function moduleOf(objectiveId) { return parseInt(objectiveId.split("-")[0].slice(1), 10); }
  function testProfile(bank, first) {
    var rows = {};
    bank.questions.forEach(function (q) {
      var n = moduleOf(q.objective);
      var row = rows[n] = rows[n] || { score: 0, max: 0, questions: 0 };
      var attempt = first[q.id];
      row.questions += 1;
      row.max += scoring.maxScore(q);
      if (attempt && !attempt.solution_first) row.score += attempt.score;
    });
    return Object.keys(rows).map(Number).sort(function (a, b) { return a - b; }).map(function (n) {
      return { module: n, score: rows[n].score, max: rows[n].max, questions: rows[n].questions };
    });
  }
  function countAcquired(statuses) { return statuses.filter(function (s) { return s.status === "acquis"; }).length; }

  var api = { statusFor: statusFor, objectiveStatus: objectiveStatus, progression: progression,
              testProfile: testProfile, moduleOf: moduleOf, countAcquired: countAcquired,
              STATUS_LABELS: STATUS_LABELS, ENTRY_TEST: ENTRY_TEST, EXIT_TEST: EXIT_TEST };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesEvidence = api;
})(this);
