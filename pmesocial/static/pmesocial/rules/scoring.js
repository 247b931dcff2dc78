/* Scoring rules of the exercises, mirroring pmesocial/rules/scoring.py rule for rule
 * (tests/vectors/scoring.json, node --test). No DOM here: ui/exercise.js draws. */
(function (root) {
  "use strict";

  var MISSING_ONE = "Il manque au moins une bonne réponse : relisez les options non cochées.";
  var NNBSP = "\u202f";
  var INFO = "_info";  // a feedback line that informs (source, caveat) rather than judges

  var fmt = root.PmesFormat || require("./format.js");
  var formatNumber = fmt.number, plainNumber = fmt.plainNumber;
  var withUnit = fmt.withUnit;
  function estimateGap(q, guess) {
    var value = q.figure_data.value;
    return value ? (guess - value) / value : guess - value;
  }
  function checkEstimate(q, guess, top) {
    var fig = q.figure_data;
    var gap = estimateGap(q, guess);
    var ok = Math.abs(gap) <= (q.tolerance === undefined ? 0.25 : q.tolerance);
    var sign = gap > 0 ? "+" : (gap < 0 ? "\u2212" : "");
    var when = fig.year ? " (" + fig.year + ")" : "";
    var feedback = [
      fb("", "Votre estimation : " + withUnit(guess, fig.unit) + ". Valeur" + when + " : " +
             withUnit(fig.value, fig.unit) + ", soit un écart de " + sign +
             Math.floor(Math.abs(gap) * 100 + 0.5) + NNBSP + "%.", ok),
      fb(INFO, "Source : " + (fig.source || "aucune source retrouvée") +
             (fig.source_date ? " (" + fmt.dateFr(fig.source_date) + ")" : "") + ". Confiance : " + fig.confidence + ".", ok)
    ];
    if (fig.caveat) feedback.push(fb(INFO, "Réserve : " + fig.caveat, ok));
    return { answered: true, correct: ok, score: ok ? top : 0, max_score: top, feedback: feedback };
  }
  function notAnsweredMessage(q) {
    if (q.type === "estimate") return "Choisissez une valeur entre " + plainNumber(q.min) + " et " + plainNumber(q.max) + ".";
    if (q.type === "classify") return "Placez chaque élément dans une catégorie avant de vérifier.";
    return "Choisissez d'abord une réponse.";
  }

  function maxScore(q) {
    if (q.type === "classify") return q.items.length;
    return q.points === undefined ? 1 : q.points;
  }
  function bankMaxScore(bank) {
    return bank.questions.reduce(function (sum, q) { return sum + maxScore(q); }, 0);
  }
  function correctAnswer(q) {
    if (q.type === "estimate") return q.figure_data.value;
    if (q.type === "single") return q.options.filter(function (o) { return o.correct; })[0].id;
    if (q.type === "multiple") return q.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; });
    var out = {};
    q.items.forEach(function (i) { out[i.id] = i.answer; });
    return out;
  }
  function isAnswered(q, a) {
    if (q.type === "estimate") return typeof a === "number" && isFinite(a) && a >= q.min && a <= q.max;
    if (q.type === "classify") {  // every item placed: a first attempt is a whole answer
      return !!a && typeof a === "object" && !Array.isArray(a) &&
        q.items.every(function (i) { return !!a[i.id]; });
    }
    if (q.type === "multiple") return Array.isArray(a) && a.length > 0;
    return typeof a === "string" && a !== "";
  }
  function fb(ref, text, correct) { return { ref: ref, text: text, correct: correct }; }
  function check(q, a) {
    var top = maxScore(q);
    var none = { answered: false, correct: false, score: 0, max_score: top, feedback: [] };
    if (!isAnswered(q, a)) return none;
    if (q.type === "estimate") return checkEstimate(q, a, top);
    if (q.type === "single") {
      var opt = q.options.filter(function (o) { return o.id === a; })[0];
      if (!opt) return none;
      var ok = !!opt.correct;
      return { answered: true, correct: ok, score: ok ? top : 0, max_score: top, feedback: [fb(opt.id, opt.feedback, ok)] };
    }
    if (q.type === "multiple") {
      var chosen = {};
      a.forEach(function (id) { chosen[id] = true; });
      var feedback = q.options.filter(function (o) { return chosen[o.id]; })
        .map(function (o) { return fb(o.id, o.feedback, !!o.correct); });
      var expected = q.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; });
      var allExpected = expected.every(function (id) { return chosen[id]; });
      var exact = allExpected && Object.keys(chosen).length === expected.length;
      if (!exact && !allExpected) feedback.push(fb("", MISSING_ONE, false));
      return { answered: true, correct: exact, score: exact ? top : 0, max_score: top, feedback: feedback };
    }
    var right = 0;
    var items = q.items.map(function (i) {
      var placed = a[i.id];
      var good = placed === i.answer;
      if (good) right += 1;
      return fb(i.id, i.feedback, good);
    });
    return { answered: true, correct: right === top, score: right, max_score: top, feedback: items };
  }
  function scoreLabel(score, top) { return "Score : " + score + " sur " + top; }

  var rules = { maxScore: maxScore, bankMaxScore: bankMaxScore, correctAnswer: correctAnswer,
                isAnswered: isAnswered, check: check, scoreLabel: scoreLabel, formatNumber: formatNumber,
                plainNumber: plainNumber, withUnit: withUnit, notAnsweredMessage: notAnsweredMessage, INFO: INFO };
  if (typeof module === "object" && module.exports) module.exports = rules;
  else root.PmesScoring = rules;
})(this);

