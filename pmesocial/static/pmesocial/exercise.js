/* Kernel-free front end of the course's exercises, for the static book.
 * The first half mirrors pmesocial/scoring.py rule for rule (tests compare them);
 * the second half builds the DOM from the JSON the notebook stored, with textContent
 * only, so nothing typed in a question bank is ever parsed as HTML. */
(function (root) {
  "use strict";

  var MISSING_ONE = "Il manque au moins une bonne réponse : relisez les options non cochées.";
  var NOT_PLACED = "Pas encore classé.";
  var NNBSP = "\u202f";
  var INFO = "_info";  // a feedback line that informs (source, caveat) rather than judges

  /* French number format, as pmesocial/formatting.py: 1 234,5 */
  function formatNumber(x, decimals) {
    var parts = Math.abs(x).toFixed(decimals).split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
    return (x < 0 ? "-" : "") + whole + (parts[1] ? "," + parts[1] : "");
  }
  function plainNumber(x) {
    if (Number.isInteger(x)) return formatNumber(x, 0);
    return formatNumber(x, 2).replace(/0+$/, "").replace(/,$/, "");
  }
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
    if (q.type === "classify") {
      return !!a && typeof a === "object" && !Array.isArray(a) &&
        q.items.some(function (i) { return !!a[i.id]; });
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
      return fb(i.id, placed ? i.feedback : NOT_PLACED, good);
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
  root.PmesDom = { el: el };

  function renderQuestion(q, number, prefix, bankId, onChecked) {
    var base = prefix + "-" + q.id;
    var field = el("fieldset", { className: "pmes-question" });
    var legend = el("legend", { className: "pmes-prompt" }, [
      el("strong", { text: "Question " + number + ". " }),
      document.createTextNode(q.prompt + (q.type === "multiple" ? " (plusieurs réponses possibles)" : ""))
    ]);
    field.appendChild(legend);
    var inputs = {};
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
    var solBtn = el("button", { type: "button", className: "pmes-btn pmes-show-solution", text: "Voir la solution",
                                disabled: "disabled", title: "Disponible après une première tentative" });
    field.appendChild(el("div", { className: "pmes-buttons" }, [checkBtn, resetBtn, solBtn]));
    var feedback = el("div", { className: "pmes-feedback", role: "status", "aria-live": "polite" });
    var solution = el("div", { className: "pmes-solution", hidden: "hidden" });
    field.appendChild(feedback);
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
    function runCheck(save) {
      var given = answer();
      var result = check(q, given);
      showFeedback(result);
      if (result.answered) {
        state.result = result;
        solBtn.removeAttribute("disabled");
        solBtn.removeAttribute("title");
        if (save && root.PmesRecord) root.PmesRecord.saveExercise(bankId, q.id, given, result.score, result.max_score);
        onChecked();
      }
    }
    function setAnswer(a) {
      if (q.type === "estimate") { inputs.value.value = String(a); inputs.value.dispatchEvent(new Event("input")); }
      else if (q.type === "single") { if (inputs[a]) inputs[a].checked = true; }
      else if (q.type === "multiple") { (a || []).forEach(function (id) { if (inputs[id]) inputs[id].checked = true; }); }
      else { Object.keys(a || {}).forEach(function (id) { if (inputs[id]) inputs[id].value = a[id]; }); }
    }
    checkBtn.addEventListener("click", function () { runCheck(true); });
    resetBtn.addEventListener("click", function () {
      Object.keys(inputs).forEach(function (id) {
        if (q.type === "classify") inputs[id].value = "";
        else if (q.type === "estimate") { inputs[id].value = String(q.min); inputs[id].dispatchEvent(new Event("input")); }
        else inputs[id].checked = false;
      });
      state.result = null;
      if (root.PmesRecord) root.PmesRecord.forgetExercise(bankId, q.id);
      feedback.textContent = "";
      feedback.className = "pmes-feedback";
      solution.textContent = "";
      solution.setAttribute("hidden", "hidden");
      solBtn.setAttribute("disabled", "disabled");
      onChecked();
      inputs[Object.keys(inputs)[0]].focus();
    });
    solBtn.addEventListener("click", function () {
      if (!state.result) return;
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
    });
    return { node: field, state: state, restore: function (a) { setAnswer(a); runCheck(false); } };
  }

  var count = 0;
  function renderExercise(container) {
    var dataNode = container.querySelector("script[type='application/json']");
    var payload;
    try { payload = JSON.parse(dataNode.textContent); } catch (e) {
      container.appendChild(el("p", { className: "pmes-feedback pmes-ko", text: "Cet exercice n'a pas pu être chargé." }));
      return;
    }
    var bank = payload.bank;
    count += 1;
    var prefix = "pmes" + count + "-" + bank.id;
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
      var view = renderQuestion(q, i + 1, prefix, payload.record_key || bank.id, updateScore);
      views.push(view);
      body.appendChild(view.node);
    });
    body.appendChild(score);
    var key = payload.record_key || bank.id;
    var saved = root.PmesRecord ? ((root.PmesRecord.load().exercises || {})[key] || {}).answers || {} : {};
    bank.questions.forEach(function (q, i) {
      if (Object.prototype.hasOwnProperty.call(saved, q.id)) {
        try { views[i].restore(saved[q.id]); } catch (e) { /* an answer from an older bank: ignore it */ }
      }
    });
    updateScore();
    container.appendChild(body);
    container.setAttribute("data-pmes-ready", "true");
  }

  function renderAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".pmes-exercise[data-pmes-exercise]"), renderExercise);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
  else renderAll();
})(this);
