/* Kernel-free front end of the course's exercises, for the static book.
 * The first half mirrors pmesocial/scoring.py rule for rule (tests compare them);
 * the second half builds the DOM from the JSON the notebook stored, with textContent
 * only, so nothing typed in a question bank is ever parsed as HTML. */
(function (root) {
  "use strict";

  var MISSING_ONE = "Il manque au moins une bonne réponse : relisez les options non cochées.";
  var NNBSP = "\u202f";
  var INFO = "_info";  // a feedback line that informs (source, caveat) rather than judges

  var fmt = root.PmesFormat || require("./format.js");
  var formatNumber = fmt.number, plainNumber = fmt.plainNumber;
  function withUnit(x, unit) {
    if (unit === "%") return plainNumber(x) + NNBSP + "%";
    if (unit === "rang") return x === 1 ? "1er" : plainNumber(x) + "e";
    return unit ? plainNumber(x) + " " + unit : plainNumber(x);
  }
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
             (fig.source_date ? " (" + fig.source_date + ")" : "") + ". Confiance : " + fig.confidence + ".", ok)
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
                plainNumber: plainNumber, withUnit: withUnit, notAnsweredMessage: notAnsweredMessage };
  if (typeof module === "object" && module.exports) { module.exports = rules; return; }
  root.PmesExercise = rules;

  /* ---------- DOM ---------- */
  /* The one DOM builder of the book's scripts (budget, diagnostic and panel use it too):
   * text only through textContent and text nodes, never parsed as HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined && c !== false) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  /* Run `fn` once the page and every deferred script are there (scripts of a page may
   * rely on one another, whatever their order), or at once when the page is complete. */
  function ready(fn) {
    var done = false;
    function run() { if (!done) { done = true; fn(); } }
    if (document.readyState === "complete") run();
    else { document.addEventListener("DOMContentLoaded", run); root.addEventListener("load", run); }
  }
  root.PmesDom = { el: el, ready: ready };

  var TEST_PURPOSES = ["entry-test", "exit-test"], EVIDENCE_PURPOSES = ["self-check", "exit-test"];
  var SOLUTION_FIRST_WARNING = "Si vous voyez la solution avant de répondre, cette question ne comptera pas dans votre évaluation.";
  var SOLUTION_FIRST_NOTE = "Question non comptée dans votre évaluation : vous avez vu la solution avant de répondre.";
  var PROFILE_INTRO = {
    "entry-test": "Vos réponses sont enregistrées. Ce test n'est pas noté : il situe votre point de départ, module par module. " +
      "Les corrections ne sont pas montrées, pour que le test de sortie mesure vraiment ce que vous aurez appris.",
    "exit-test": "Vos réponses sont enregistrées : ce sont elles qui comptent pour votre bilan. " +
      "Les corrections sont affichées sous chaque question."
  };
  function firstAttemptNote(attempt) {
    if (!attempt) return "";
    if (attempt.solution_first) return SOLUTION_FIRST_NOTE;
    return "Pour l'évaluation, seule compte votre première réponse : " + attempt.score + " sur " + attempt.max + ".";
  }
  function store() { return root.PmesRecord || null; }

  /* One question. `owner` is its exercise: it keeps the record up to date. */
  function renderQuestion(q, number, prefix, owner) {
    var base = prefix + "-" + q.id;
    var field = el("fieldset", { className: "pmes-question", "data-question": q.id });
    field.appendChild(el("legend", { className: "pmes-prompt" }, [
      el("strong", { text: "Question " + number + ". " }),
      document.createTextNode(q.prompt + (q.type === "multiple" ? " (plusieurs réponses possibles)" : ""))
    ]));
    var inputs = {}, touched = { estimate: false };
    if (q.type === "estimate") {
      var range = el("input", { type: "range", id: base + "-value", min: String(q.min), max: String(q.max),
                                step: String(q.step === undefined ? 1 : q.step), value: String(q.min) });
      var shown = el("output", { "for": range.id, className: "pmes-estimate-value", text: withUnit(q.min, q.figure_data.unit) });
      range.addEventListener("input", function () { shown.textContent = withUnit(Number(range.value), q.figure_data.unit); });
      range.setAttribute("aria-describedby", base + "-unit");
      inputs.value = range;
      field.appendChild(el("div", { className: "pmes-estimate" }, [
        el("label", { "for": range.id, text: "Votre estimation" }), range, shown,
        el("span", { id: base + "-unit", className: "pmes-visually-hidden", text: "Unité : " + q.figure_data.unit })]));
    } else if (q.type === "classify") {
      q.items.forEach(function (item) {
        var sel = el("select", { id: base + "-" + item.id, "data-ref": item.id });
        sel.appendChild(el("option", { value: "", text: "— choisir —" }));
        q.categories.forEach(function (c) { sel.appendChild(el("option", { value: c.id, text: c.label })); });
        inputs[item.id] = sel;
        field.appendChild(el("div", { className: "pmes-classify-row" }, [
          el("label", { "for": sel.id, text: item.text }), sel]));
      });
    } else {
      var kind = q.type === "single" ? "radio" : "checkbox";
      var list = el("div", { className: "pmes-options" });
      q.options.forEach(function (o) {
        var input = el("input", { type: kind, name: base, id: base + "-" + o.id, value: o.id });
        inputs[o.id] = input;
        list.appendChild(el("div", { className: "pmes-option" }, [input, el("label", { "for": input.id, text: o.text })]));
      });
      field.appendChild(list);
    }
    var checkBtn = el("button", { type: "button", className: "pmes-btn pmes-check", text: "Vérifier" });
    var resetBtn = el("button", { type: "button", className: "pmes-btn pmes-reset", text: "Recommencer" });
    var solBtn = el("button", { type: "button", className: "pmes-btn pmes-show-solution", text: "Voir la solution" });
    var confirmBtn = el("button", { type: "button", className: "pmes-btn pmes-confirm-solution", text: "Voir quand même" });
    var confirmBox = el("div", { className: "pmes-confirm", hidden: "hidden" }, [el("p", { text: SOLUTION_FIRST_WARNING }), confirmBtn]);
    if (!owner.testMode) {
      field.appendChild(el("div", { className: "pmes-buttons" }, [checkBtn, resetBtn, solBtn]));
      field.appendChild(confirmBox);
    }
    var feedback = el("div", { className: "pmes-feedback", role: "status", "aria-live": "polite" });
    var note = el("p", { className: "pmes-first-note" });
    var solution = el("div", { className: "pmes-solution", hidden: "hidden" });
    field.appendChild(feedback);
    field.appendChild(note);
    field.appendChild(solution);

    var state = { result: null };
    function answer() {
      if (q.type === "estimate") return Number(inputs.value.value);
      if (q.type === "single") {
        var picked = Object.keys(inputs).filter(function (id) { return inputs[id].checked; });
        return picked.length ? picked[0] : null;
      }
      if (q.type === "multiple") return Object.keys(inputs).filter(function (id) { return inputs[id].checked; });
      var out = {};
      Object.keys(inputs).forEach(function (id) { if (inputs[id].value) out[id] = inputs[id].value; });
      return out;
    }
    function draftAnswer() {  // an untouched slider is no answer yet
      return q.type === "estimate" && !touched.estimate ? null : answer();
    }
    function labelOf(ref) {
      var pool = q.type === "classify" ? q.items : (q.options || []);
      var hit = pool.filter(function (x) { return x.id === ref; })[0];
      return hit ? hit.text : "";
    }
    function showFeedback(result) {
      feedback.textContent = "";
      if (!result.answered) {
        feedback.className = "pmes-feedback pmes-info";
        feedback.textContent = notAnsweredMessage(q);
        return;
      }
      feedback.className = "pmes-feedback " + (result.correct ? "pmes-ok" : "pmes-ko");
      feedback.appendChild(el("p", {}, [
        el("strong", { text: result.correct ? "Bonne réponse !" : "Ce n'est pas tout à fait ça." }),
        document.createTextNode(" (" + scoreLabel(result.score, result.max_score) + ")")]));
      var ul = el("ul");
      result.feedback.forEach(function (f) {
        var label = labelOf(f.ref);
        if (f.ref === INFO) { ul.appendChild(el("li", { className: "pmes-info-line", text: f.text })); return; }
        ul.appendChild(el("li", { className: f.correct ? "pmes-ok" : "pmes-ko" }, [
          el("span", { "aria-hidden": "true", text: f.correct ? "✔ " : "✘ " }),
          el("span", { className: "pmes-visually-hidden", text: f.correct ? "Juste : " : "À revoir : " }),
          label ? el("strong", { text: label + " : " }) : null,
          document.createTextNode(f.text)]));
      });
      feedback.appendChild(ul);
    }
    function showNote() { note.textContent = owner.evidence && !owner.testMode ? firstAttemptNote(owner.first[q.id]) : ""; }
    function showSolution() {
      var good = correctAnswer(q);
      var ul = el("ul");
      if (q.type === "estimate") {
        ul.appendChild(el("li", { text: q.figure_data.indicator + " : " + withUnit(good, q.figure_data.unit) }));
      } else if (q.type === "classify") {
        var cats = {};
        q.categories.forEach(function (c) { cats[c.id] = c.label; });
        q.items.forEach(function (i) { ul.appendChild(el("li", { text: i.text + " → " + cats[good[i.id]] })); });
      } else {
        var ids = Array.isArray(good) ? good : [good];
        q.options.forEach(function (o) { if (ids.indexOf(o.id) >= 0) ul.appendChild(el("li", { text: o.text })); });
      }
      solution.textContent = "";
      solution.appendChild(el("p", {}, [el("strong", { text: "Solution" })]));
      solution.appendChild(ul);
      solution.appendChild(el("p", { text: q.explanation }));
      solution.removeAttribute("hidden");
      confirmBox.setAttribute("hidden", "hidden");
    }
    function runCheck(save) {
      var given = answer();
      var result = check(q, given);
      showFeedback(result);
      if (result.answered) {
        state.result = result;
        if (save) owner.checked(q, given, result);
        showNote();
      }
      return result;
    }
    function setAnswer(a) {
      if (q.type === "estimate") {
        touched.estimate = a !== null && a !== undefined;
        inputs.value.value = String(touched.estimate ? a : q.min);
        inputs.value.dispatchEvent(new Event("input"));
      } else if (q.type === "single") { Object.keys(inputs).forEach(function (id) { inputs[id].checked = id === a; }); }
      else if (q.type === "multiple") { Object.keys(inputs).forEach(function (id) { inputs[id].checked = (a || []).indexOf(id) >= 0; }); }
      else { Object.keys(inputs).forEach(function (id) { inputs[id].value = (a || {})[id] || ""; }); }
    }
    Object.keys(inputs).forEach(function (id) {
      inputs[id].addEventListener("change", function () {
        if (q.type === "estimate") touched.estimate = true;
        owner.draft(q, draftAnswer());
      });
    });
    checkBtn.addEventListener("click", function () { runCheck(true); });
    resetBtn.addEventListener("click", function () {
      setAnswer(null);
      state.result = null;
      owner.reset(q);
      feedback.textContent = "";
      feedback.className = "pmes-feedback";
      solution.textContent = "";
      solution.setAttribute("hidden", "hidden");
      confirmBox.setAttribute("hidden", "hidden");
      inputs[Object.keys(inputs)[0]].focus();
    });
    solBtn.addEventListener("click", function () {
      if (owner.evidence && !owner.first[q.id]) { confirmBox.removeAttribute("hidden"); confirmBtn.focus(); return; }
      showSolution();
    });
    confirmBtn.addEventListener("click", function () { owner.solutionSeen(q); showNote(); showSolution(); });
    function lock() { Object.keys(inputs).forEach(function (id) { inputs[id].disabled = true; }); }
    return { node: field, state: state, question: q, answer: answer, lock: lock, showNote: showNote,
             showFeedback: showFeedback, showSolution: showSolution, setAnswer: setAnswer,
             restore: function (a) { setAnswer(a); runCheck(false); } };
  }

  function profileNode(rows, modules, purpose) {
    var box = el("div", { className: "pmes-feedback pmes-info pmes-profile-box" }, [el("p", { text: PROFILE_INTRO[purpose] })]);
    box.appendChild(el("table", { className: "pmes-provenance pmes-profile" }, [
      el("thead", {}, [el("tr", {}, [el("th", { text: "Module" }), el("th", { text: "Points" })])]),
      el("tbody", {}, rows.map(function (r) {
        var title = modules[String(r.module)];
        return el("tr", {}, [el("td", { text: "Module " + r.module + (title ? " — " + title : "") }),
                             el("td", { text: r.score + " sur " + r.max })]);
      }))]));
    return box;
  }

  var count = 0;
  function renderExercise(container) {
    var dataNode = container.querySelector("script[type='application/json']");
    var payload;
    try { payload = JSON.parse(dataNode.textContent); } catch (e) {
      container.appendChild(el("p", { className: "pmes-feedback pmes-ko", text: "Cet exercice n'a pas pu être chargé." }));
      return;
    }
    var bank = payload.bank, key = payload.record_key || bank.id, R = store();
    count += 1;
    var prefix = "pmes" + count + "-" + bank.id;
    var entry = R ? ((R.load().exercises || {})[key] || {}) : {};
    var owner = {
      testMode: TEST_PURPOSES.indexOf(bank.purpose) >= 0,
      evidence: EVIDENCE_PURPOSES.indexOf(bank.purpose) >= 0,
      first: Object.assign({}, entry.first || {}),
      submitted: !!entry.submitted,
      keep: function (record) { owner.first = Object.assign({}, ((record.exercises || {})[key] || {}).first || {}); },
      draft: function (q, a) { if (R && !owner.submitted) R.saveDraft(key, q.id, a); },
      checked: function (q, a, result) {
        if (R) owner.keep(R.saveAttempt(key, q.id, a, result.score, result.max_score));
        else if (!owner.first[q.id]) owner.first[q.id] = { score: result.score, max: result.max_score };
        updateScore();
      },
      reset: function (q) { if (R) R.resetQuestion(key, q.id); updateScore(); },
      solutionSeen: function (q) {
        if (R) owner.keep(R.solutionSeen(key, q.id));
        else if (!owner.first[q.id]) owner.first[q.id] = { solution_first: true };
      }
    };
    var views = [];
    var score = el("p", { className: "pmes-score", role: "status", "aria-live": "polite" });
    function updateScore() {
      var s = views.reduce(function (sum, v) { return sum + (v.state.result ? v.state.result.score : 0); }, 0);
      score.textContent = scoreLabel(s, bankMaxScore(bank));
    }
    var body = el("div", { className: "pmes-exercise-body" });
    body.appendChild(el("p", { className: "pmes-title", text: bank.title }));
    if (bank.intro) body.appendChild(el("p", { text: bank.intro }));
    bank.questions.forEach(function (q, i) {
      var view = renderQuestion(q, i + 1, prefix, owner);
      views.push(view);
      body.appendChild(view.node);
    });
    var answers = entry.answers || {}, drafts = entry.drafts || {};
    views.forEach(function (v) {
      var id = v.question.id;
      try {
        if (Object.prototype.hasOwnProperty.call(answers, id)) {
          if (owner.testMode) v.setAnswer(answers[id]); else v.restore(answers[id]);
        } else if (Object.prototype.hasOwnProperty.call(drafts, id)) {
          v.setAnswer(drafts[id]);
        }
      } catch (e) { /* an answer from an older bank: ignore it */ }
      v.showNote();
    });
    if (owner.testMode) {
      var status = el("div", { className: "pmes-test-status", role: "status", "aria-live": "polite" });
      var submit = el("button", { type: "button", className: "pmes-btn pmes-check pmes-submit", text: "Remettre mes réponses" });
      var afterSubmit = function () {
        owner.submitted = true;
        submit.setAttribute("disabled", "disabled");
        views.forEach(function (v) { v.lock(); });
        status.textContent = "";
        status.appendChild(profileNode(PmesEvidenceRules().testProfile(bank, owner.first), payload.modules || {}, bank.purpose));
        if (bank.purpose === "exit-test") {
          views.forEach(function (v) {
            var result = check(v.question, v.answer());
            if (result.answered) v.showFeedback(result);
            v.showSolution();
          });
        }
      };
      submit.addEventListener("click", function () {
        if (owner.submitted) return;
        var attempts = {};
        views.forEach(function (v) {
          var a = v.answer(), result = check(v.question, a);
          attempts[v.question.id] = result.answered ? [a, result.score, result.max_score] : [null, 0, result.max_score];
        });
        if (R) owner.keep(R.submitTest(key, attempts));
        else Object.keys(attempts).forEach(function (id) { owner.first[id] = { score: attempts[id][1], max: attempts[id][2] }; });
        afterSubmit();
        status.focus();
      });
      status.setAttribute("tabindex", "-1");
      body.appendChild(el("div", { className: "pmes-buttons" }, [submit]));
      body.appendChild(status);
      if (owner.submitted) afterSubmit();
    } else {
      body.appendChild(score);
      updateScore();
    }
    container.appendChild(body);
    container.setAttribute("data-pmes-ready", "true");
  }
  function PmesEvidenceRules() { return root.PmesEvidence; }

  function renderAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".pmes-exercise[data-pmes-exercise]:not([data-pmes-ready])"),
                                 renderExercise);
  }
  ready(renderAll);
})(this);
