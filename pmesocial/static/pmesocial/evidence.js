/* Evidence rules in the static book, mirroring pmesocial/evidence.py
 * (objective status and entry/exit progression); a test compares both. */
(function (root) {
  "use strict";
  var ACQUIRED = 0.75, IN_PROGRESS = 0.4;
  var STATUS_LABELS = { "acquis": "Acquis", "en-cours": "En cours d'acquisition", "non-acquis": "Non acquis" };
  function recordKey(bankId, phase) { return phase ? bankId + "@" + phase : bankId; }
  function statusFor(score, top) {
    if (top === 0) return "non-acquis";
    var ratio = score / top;
    return ratio >= ACQUIRED ? "acquis" : (ratio >= IN_PROGRESS ? "en-cours" : "non-acquis");
  }
  function resultsOf(record, key) { return (((record.exercises || {})[key] || {}).results) || {}; }
  function objectiveStatus(record, mapping, objectives) {
    var totals = {};
    objectives.forEach(function (o) { totals[o.id] = [0, 0, 0]; });
    Object.keys(mapping).forEach(function (key) {
      var results = resultsOf(record, key);
      Object.keys(mapping[key]).forEach(function (qid) {
        var objective = mapping[key][qid];
        if (results[qid] && totals[objective]) {
          totals[objective][0] += results[qid].score;
          totals[objective][1] += results[qid].max;
          totals[objective][2] += 1;
        }
      });
    });
    return objectives.map(function (o) {
      var t = totals[o.id];
      return { id: o.id, module: o.module, text: o.text, score: t[0], max: t[1], answered: t[2], status: statusFor(t[0], t[1]) };
    });
  }
  function progression(record, positioning, objectives) {
    var rows = [];
    objectives.forEach(function (o) {
      var questions = Object.keys(positioning).filter(function (q) { return positioning[q] === o.id; });
      if (!questions.length) return;
      var row = { id: o.id, module: o.module, text: o.text };
      ["entree", "sortie"].forEach(function (phase) {
        var results = resultsOf(record, recordKey("positionnement", phase));
        var done = questions.filter(function (q) { return results[q]; }).map(function (q) { return results[q]; });
        row[phase] = done.length ? { score: done.reduce(function (a, r) { return a + r.score; }, 0),
                                     max: done.reduce(function (a, r) { return a + r.max; }, 0) } : null;
      });
      rows.push(row);
    });
    return rows;
  }
  root.PmesEvidence = { statusFor: statusFor, objectiveStatus: objectiveStatus, progression: progression,
                        STATUS_LABELS: STATUS_LABELS, recordKey: recordKey };
})(this);
