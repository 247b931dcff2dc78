/* The exercises in the static book: the DOM built from the JSON the notebook stored,
 * with textContent only, so nothing typed in a question bank is ever parsed as HTML.
 * Every decision comes from rules/scoring.js and rules/evidence.js. What another tab
 * saves for a question (a checked answer, a choice, a fresh start) is shown here too. */
(function (root) {
  "use strict";
  var S = root.PmesScoring, el = root.PmesDom.el;
  var check = S.check, correctAnswer = S.correctAnswer, scoreLabel = S.scoreLabel, bankMaxScore = S.bankMaxScore;
  var withUnit = S.withUnit, notAnsweredMessage = S.notAnsweredMessage, INFO = S.INFO;


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
      root.PmesDom.typo(q.prompt + (q.type === "multiple" ? " (plusieurs réponses possibles)" : ""))
    ]));
    var inputs = {}, touched = { estimate: false };
    if (q.type === "estimate") {
      var range = el("input", { type: "range", id: base + "-value", min: String(q.min), max: String(q.max),
                                step: String(q.step === undefined ? 1 : q.step), value: String(q.min) });
      var shown = el("output", { "for": range.id, className: "pmes-estimate-value", text: withUnit(q.min, q.figure_data.unit) });
      range.addEventListener("input", function () { shown.textContent = root.PmesDom.typo(withUnit(Number(range.value), q.figure_data.unit)); });
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
        feedback.textContent = root.PmesDom.typo(notAnsweredMessage(q));
        return;
      }
      if (q.type === "estimate") { showEstimate(result); return; }
      feedback.className = "pmes-feedback " + (result.correct ? "pmes-ok" : "pmes-ko");
      feedback.appendChild(el("p", {}, [
        el("strong", { text: result.correct ? "Bonne réponse !" : "Ce n'est pas tout à fait ça." }),
        root.PmesDom.typo(" (" + scoreLabel(result.score, result.max_score) + ")")]));
      var ul = el("ul");
      result.feedback.forEach(function (f) {
        var label = labelOf(f.ref);
        if (f.ref === INFO) { ul.appendChild(el("li", { className: "pmes-info-line", text: f.text })); return; }
        ul.appendChild(el("li", { className: f.correct ? "pmes-ok" : "pmes-ko" }, [
          el("span", { "aria-hidden": "true", text: f.correct ? "✔ " : "✘ " }),
          el("span", { className: "pmes-visually-hidden", text: f.correct ? "Juste : " : "À revoir : " }),
          label ? el("strong", { text: label + " : " }) : null,
          root.PmesDom.typo(f.text)]));
      });
      feedback.appendChild(ul);
    }
    /* An estimate is a guess, not a fault: a neutral box with the value, the gap, the
     * source and what the figure teaches; no ✔ nor ✘, even when the gap is large. */
    function showEstimate(result) {
      feedback.className = "pmes-feedback pmes-info pmes-estimate-feedback";
      feedback.appendChild(el("p", {}, [
        el("strong", { text: result.correct ? "Votre estimation est proche de la valeur." : "Voici la valeur de la source." }),
        root.PmesDom.typo(" (" + scoreLabel(result.score, result.max_score) + ")")]));
      var ul = el("ul");
      result.feedback.forEach(function (f) { ul.appendChild(el("li", { className: "pmes-info-line", text: f.text })); });
      if (q.explanation) ul.appendChild(el("li", { className: "pmes-info-line", text: "À retenir : " + q.explanation }));
      feedback.appendChild(ul);
    }
    function showNote() { note.textContent = root.PmesDom.typo(owner.evidence && !owner.testMode ? firstAttemptNote(owner.first[q.id]) : ""); }
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
    function clear() {
      setAnswer(null);
      state.result = null;
      feedback.textContent = "";
      feedback.className = "pmes-feedback";
      solution.textContent = "";
      solution.setAttribute("hidden", "hidden");
      confirmBox.setAttribute("hidden", "hidden");
    }
    resetBtn.addEventListener("click", function () {
      clear();
      owner.reset(q);
      inputs[Object.keys(inputs)[0]].focus();
    });
    solBtn.addEventListener("click", function () {
      if (owner.evidence && !owner.first[q.id]) { confirmBox.removeAttribute("hidden"); confirmBtn.focus(); return; }
      showSolution();
    });
    confirmBtn.addEventListener("click", function () { owner.solutionSeen(q); showNote(); showSolution(); });
    function lock() { Object.keys(inputs).forEach(function (id) { inputs[id].disabled = true; }); }
    return { node: field, state: state, question: q, answer: answer, lock: lock, showNote: showNote,
             showFeedback: showFeedback, showSolution: showSolution, setAnswer: setAnswer, clear: clear,
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
  function renderExercise(container, kernelStore) {
    var dataNode = container.querySelector("script[type='application/json']");
    var payload;
    try { payload = JSON.parse(dataNode.textContent); } catch (e) {
      container.appendChild(el("p", { className: "pmes-feedback pmes-ko", text: "Cet exercice n'a pas pu être chargé." }));
      return;
    }
    var bank = payload.bank, key = payload.record_key || bank.id, R = kernelStore || store();
    var authored = JSON.parse(JSON.stringify(bank));  // as written: the figures of estimates come from data/figures
    (authored.questions || []).forEach(function (q) { if (q && typeof q === "object") delete q.figure_data; });
    var wrong = root.PmesDom.problems((root.PmesSchemas || {}).bank, authored,
                                      root.PmesValidation ? root.PmesValidation.bankWhere("data/quiz/" + bank.id + ".yaml", authored) : null);
    if (wrong.length) {
      container.appendChild(root.PmesDom.problemBox("Cet exercice n'a pas pu être chargé : sa banque de questions est mal formée.", wrong));
      return;
    }
    count += 1;
    var prefix = "pmes" + count + "-" + bank.id;
    var entry = R ? ((R.load().exercises || {})[key] || {}) : {};
    // the time a question took (xAPI result.duration): since it was shown or last checked
    var shownAt = Date.now(), clock = {};
    function since(qid) {
      var start = clock[qid] || shownAt;
      clock[qid] = Date.now();
      return (clock[qid] - start) / 1000;
    }
    // what each question shows from the record: its checked answer, else its choice not checked
    var seen = {}, afterSubmit = null;
    function storedOf(e, qid) {
      if (Object.prototype.hasOwnProperty.call(e.answers || {}, qid)) return JSON.stringify({ checked: true, value: e.answers[qid] });
      if (Object.prototype.hasOwnProperty.call(e.drafts || {}, qid)) return JSON.stringify({ checked: false, value: e.drafts[qid] });
      return "null";
    }
    var owner = {
      testMode: TEST_PURPOSES.indexOf(bank.purpose) >= 0,
      evidence: EVIDENCE_PURPOSES.indexOf(bank.purpose) >= 0,
      first: Object.assign({}, entry.first || {}),
      submitted: !!entry.submitted,
      keep: function (record, qid) {
        var e = (record.exercises || {})[key] || {};
        owner.first = Object.assign({}, e.first || {});
        if (qid) seen[qid] = storedOf(e, qid);
      },
      draft: function (q, a) { if (R && !owner.submitted) owner.keep(R.saveDraft(key, q.id, a), q.id); },
      checked: function (q, a, result) {
        if (R) owner.keep(R.saveAttempt(key, q.id, a, result.score, result.max_score, since(q.id)), q.id);
        else if (!owner.first[q.id]) owner.first[q.id] = { score: result.score, max: result.max_score };
        updateScore();
      },
      reset: function (q) { if (R) owner.keep(R.resetQuestion(key, q.id), q.id); updateScore(); },
      solutionSeen: function (q) {
        if (R) owner.keep(R.solutionSeen(key, q.id));
        else if (!owner.first[q.id]) owner.first[q.id] = { solution_first: true };
      }
    };
    /* Another tab saved the record: the questions it changed show what it saved. */
    function showStored(record) {
      var e = (record.exercises || {})[key] || {};
      owner.keep(record);
      views.forEach(function (v) {
        var qid = v.question.id, now = storedOf(e, qid);
        if (now !== seen[qid]) {
          seen[qid] = now;
          var stored = JSON.parse(now);
          try {
            v.clear();
            if (stored && stored.checked && !owner.testMode) v.restore(stored.value);
            else if (stored) v.setAnswer(stored.value);
          } catch (err) { /* an answer from an older bank: ignore it */ }
        }
        v.showNote();
      });
      if (e.submitted && !owner.submitted && afterSubmit) afterSubmit();
      updateScore();
    }
    var views = [];
    var score = el("p", { className: "pmes-score", role: "status", "aria-live": "polite" });
    function updateScore() {
      var s = views.reduce(function (sum, v) { return sum + (v.state.result ? v.state.result.score : 0); }, 0);
      score.textContent = root.PmesDom.typo(scoreLabel(s, bankMaxScore(bank)));
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
      seen[id] = storedOf(entry, id);
    });
    if (R) R.onChange(showStored);
    if (owner.testMode) {
      var status = el("div", { className: "pmes-test-status", role: "status", "aria-live": "polite" });
      var submit = el("button", { type: "button", className: "pmes-btn pmes-check pmes-submit", text: "Remettre mes réponses" });
      afterSubmit = function () {
        owner.submitted = true;
        submit.setAttribute("disabled", "disabled");
        views.forEach(function (v) { v.lock(); });
        status.textContent = "";
        status.appendChild(profileNode(root.PmesEvidence.testProfile(bank, owner.first), payload.modules || {}, bank.purpose));
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
        if (R) {
          var handed = R.submitTest(key, attempts, (Date.now() - shownAt) / 1000);
          views.forEach(function (v) { owner.keep(handed, v.question.id); });
        } else Object.keys(attempts).forEach(function (id) { owner.first[id] = { score: attempts[id][1], max: attempts[id][2] }; });
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

  root.PmesDom.renderEach(".pmes-exercise[data-pmes-exercise]:not([data-pmes-ready])", renderExercise);
})(this);
