/* « Mon carnet », the trainee's workbook: the view of pmesocial/rules/carnet.py, rule for
 * rule (tests/vectors/carnet.json). `ctx` is rules/carnet.py's context(), which the book
 * loads only when the carnet is asked for (ui/carnet.js). */
(function (root) {
  "use strict";
  var fmt = root.PmesFormat || require("./format.js");
  var scoring = root.PmesScoring || require("./scoring.js");
  var evidence = root.PmesEvidence || require("./evidence.js");
  var rubric = root.PmesRubric || require("./rubric.js");
  var diagnostic = root.PmesDiagnostic || require("./diagnostic.js");
  var documents = root.PmesDocumentViews || require("./documents.js");

  var NONE = "—";
  var NOT_ANSWERED = "pas encore répondu";
  var NOT_COUNTED = "non comptée : solution vue avant de répondre";
  var STALE = "— (cette réponse ne correspond plus à la question)";
  var FIRST_STATES = { right: "juste", partial: "juste en partie", wrong: "à revoir" };
  var NO_CORRECTION = "Corrections non montrées : le test d'entrée situe votre point de départ, " +
    "le test de sortie mesure ce que vous avez appris.";
  var LONG = 6;  // answer lines and feedback paragraphs past which a question may break across pages
  var RAW_KEYS = { radar: true, state: true, status: true };  // geometry and class names, left out of typography

  function own(obj, key) { return !!obj && Object.prototype.hasOwnProperty.call(obj, key); }
  function get(obj, key) { return own(obj, key) ? obj[key] : undefined; }
  function isDict(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function isNone(v) { return v === undefined || v === null; }

  function answerLines(q, answer) {
    if (q.type === "estimate") return [fmt.withUnit(answer, q.figure_data.unit)];
    if (q.type === "single") return q.options.filter(function (o) { return o.id === answer; }).map(function (o) { return o.text; });
    if (q.type === "multiple") return q.options.filter(function (o) { return answer.indexOf(o.id) >= 0; }).map(function (o) { return o.text; });
    var labels = {};
    q.categories.forEach(function (c) { labels[c.id] = c.label; });
    return q.items.map(function (i) {
      var placed = get(answer, i.id);
      return i.text + " → " + (typeof placed === "string" && own(labels, placed) ? labels[placed] : NONE);
    });
  }
  function firstView(attempt) {
    if (!isDict(attempt)) return { state: "none", text: NOT_ANSWERED };
    if (attempt.solution_first) return { state: "skipped", text: NOT_COUNTED };
    var score = own(attempt, "score") ? attempt.score : 0, top = own(attempt, "max") ? attempt.max : 0;
    var state = top && score >= top ? "right" : score > 0 ? "partial" : "wrong";
    return { state: state, text: score + " / " + top + " : " + FIRST_STATES[state] };
  }
  function estimateView(q, answer, answered) {
    var fig = q.figure_data;
    return { indicator: fig.indicator || q.prompt, yours: answered ? fmt.withUnit(answer, fig.unit) : NONE,
             value: fmt.withUnit(fig.value, fig.unit), source: fig.source || "aucune source retrouvée",
             year: fig.year ? String(fig.year) : NONE };
  }
  /* `corrections`: false for the entry test, whose feedback is never shown (nor carried). */
  function questionView(number, q, answer, attempt, corrections) {
    var lines = scoring.isAnswered(q, answer) ? answerLines(q, answer) : [];
    var result = corrections && lines.length ? scoring.check(q, answer) : null;
    if (!lines.length) lines = isNone(answer) ? [NONE] : [STALE];
    var feedback = result ? result.feedback.map(function (f) {
      return { text: f.text, info: f.ref === scoring.INFO, correct: f.correct };
    }) : [];
    return { number: number, prompt: q.prompt, answer: lines, inline: lines.length === 1, first: firstView(attempt),
             verdict: result ? (result.correct ? "Bonne réponse !" : "Ce n'est pas tout à fait ça.") : "", feedback: feedback,
             long: lines.length + feedback.length > LONG };
  }
  function bankView(bank, entry) {
    var answers = entry.answers || {}, first = entry.first || {};
    var started = bank.questions.some(function (q) { return own(answers, q.id) || own(first, q.id); });
    var corrections = bank.purpose !== "entry-test";
    var questions = started ? bank.questions.map(function (q, n) {
      return questionView(n + 1, q, get(answers, q.id), get(first, q.id), corrections);
    }) : [];
    var estimates = started ? bank.questions.filter(function (q) { return q.type === "estimate"; }).map(function (q) {
      return estimateView(q, get(answers, q.id), scoring.isAnswered(q, get(answers, q.id)));
    }) : [];
    return { title: bank.title, started: started, questions: questions, estimates: estimates,
             answered: bank.questions.filter(function (q) { return own(first, q.id); }).length, count: bank.questions.length,
             note: corrections || !started ? "" : NO_CORRECTION };
  }
  function lostAnswers(record, ctx) {
    var known = {};
    ctx.banks.forEach(function (b) { known[b.id] = {}; b.questions.forEach(function (q) { known[b.id][q.id] = true; }); });
    var lost = 0, exercises = record.exercises || {};
    Object.keys(exercises).forEach(function (key) {
      var entry = exercises[key], asked = {};
      Object.keys(entry.answers || {}).concat(Object.keys(entry.first || {})).forEach(function (q) { asked[q] = true; });
      Object.keys(asked).forEach(function (q) { if (!(own(known, key) && own(known[key], q))) lost += 1; });
    });
    return lost;
  }

  function values(record, formId) { return ((((record.forms || {})[formId]) || {}).values) || {}; }
  function goalsView(record, ctx) {
    var needs = own(record.forms, "besoins") ? values(record, "besoins") : {};
    var said = (own(record.forms, "satisfaction") ? values(record, "satisfaction") : {}).objectifs || {};
    var field = ctx.forms.besoins.fields.filter(function (f) { return f.id === "objectifs"; })[0];
    var review = ctx.forms.satisfaction.fields.filter(function (f) { return f.type === "review"; })[0];
    var met = {};
    review.options.forEach(function (o) { met[o.id] = o.label; });
    var chosen = Array.isArray(needs.objectifs) ? needs.objectifs : [];
    var goals = field.options.filter(function (o) { return chosen.indexOf(o.id) >= 0; }).map(function (o) {
      var answer = isDict(said) ? get(said, o.id) : undefined;
      return { label: o.label, met: typeof answer === "string" && own(met, answer) ? met[answer] : "" };
    });
    var attentes = typeof needs.attentes === "string" ? needs.attentes.trim() : "";
    var plan = own(record.forms, "plan") ? values(record, "plan") : {};
    var objectif = typeof plan.objectif === "string" ? plan.objectif.trim() : "";
    return { goals: goals, attentes: attentes, objectif: objectif, any: !!(goals.length || attentes || objectif) };
  }
  function diagnosticView(record, ctx, today) {
    var diag = record.diagnostic || {};
    var result = diagnostic.compute(ctx.diagnostic, diag.answers || {}, diag.importance || {});
    var titles = {};
    ctx.modules.forEach(function (m) { titles[String(m.number)] = m.title; });
    return diagnostic.reportView(ctx.diagnostic, result, documents.traineeView(record), titles, today);
  }
  function carnetView(record, ctx, today) {
    var exercises = record.exercises || {};
    var statuses = documents.statusesView(evidence.objectiveStatus(record, ctx.objective_map, ctx.objectives));
    function banksOf(number, purpose) {
      return ctx.banks.filter(function (b) { return b.module === number && (!purpose || b.purpose === purpose); })
        .map(function (b) { return bankView(b, get(exercises, b.id) || {}); });
    }
    var sections = ctx.modules.map(function (m) {
      return { title: "Module " + m.number + " — " + m.title, banks: banksOf(m.number),
               objectives: statuses.filter(function (s) { return s.module === m.number; }) };
    });
    sections.unshift({ title: "Positionnement d'entrée", banks: banksOf(0, "entry-test"), objectives: [] });
    sections.push({ title: "Bilan de fin de formation", banks: banksOf(0, "exit-test"), objectives: [] });
    sections.forEach(function (s) {
      s.estimates = [].concat.apply([], s.banks.map(function (b) { return b.estimates; }));
    });
    var diag = diagnosticView(record, ctx, today);
    var plan = documents.planView(record, ctx.forms.plan, today);
    var lost = lostAnswers(record, ctx);
    return { trainee: documents.traineeView(record), date: fmt.dateFr(today), started: fmt.dateFr(record.started || ""),
             sections: sections, statuses: statuses, acquired: evidence.countAcquired(statuses), objectives: statuses.length,
             goals: goalsView(record, ctx), diagnostic: diag, radar: diag.radar, plan: plan,
             has_plan: plan.rows.length > 0 || !!plan.objectif,
             productions: rubric.productions(record, ctx.rubrics, today).map(rubric.productionView),
             lost: lost ? "Votre dossier garde " + lost + " réponse(s) à des questions qui ne sont plus dans le cours : " +
               "elles ne figurent pas dans ce carnet." : "" };
  }

  var api = { carnetView: carnetView, answerLines: answerLines, firstView: firstView, RAW_KEYS: RAW_KEYS };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesCarnet = api;
})(this);
