/* The trainer's group view in the book, mirroring pmesocial/rules/group.py (the
 * summaries) and pmesocial/rules/group_page.py (the page view that group_view.html.j2
 * shows), rule for rule; checked against tests/vectors/group.json (node --test).
 * `ctx` is group.context() as the page carries it: the diagnostic, the four forms, the
 * banks' prompts, the objectives and their questions. Texts stay raw: the template escapes. */
(function (root) {
  "use strict";
  var evidence = root.PmesEvidence || require("./evidence.js");
  var forms = root.PmesForms || require("./forms.js");
  var diagnostic = root.PmesDiagnostic || require("./diagnostic.js");
  var radar = root.PmesRadar || require("./radar.js");
  var fmt = root.PmesFormat || require("./format.js");
  var rubric = root.PmesRubric || require("./rubric.js");

  var SOURCE = "_source", LEVELS = [1, 2, 3, 4, 5], TOP_QUESTIONS = 10, RADAR_ID = "pmes-radar-groupe";
  var RADAR_TITLE = "Autodiagnostic du groupe : médiane de chaque dimension (sur 100), et bande du " +
                    "premier au troisième quartile";
  var NO_BANK = { title: null, purpose: null, questions: {} };
  var roundHalfUp = function (x) { return Math.floor(x + 0.5); };
  var isNumber = function (v) { return typeof v === "number" && isFinite(v); };
  var isInt = function (v) { return typeof v === "number" && Number.isInteger(v); };
  var own = function (o, k) { return o && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined; };
  var obj = function (v) { return v && typeof v === "object" && !Array.isArray(v) ? v : {}; };
  var cmp = function (a, b) { return a < b ? -1 : a > b ? 1 : 0; };
  var sum = function (list) { return list.reduce(function (a, b) { return a + b; }, 0); };
  var mean = function (list) { return list.length ? sum(list) / list.length : null; };
  var str = function (v) { return typeof v === "string" ? v : ""; };
  // every map keyed by what a record says has no prototype: « __proto__ » is a key like any other
  var map = function () { return Object.create(null); };

  function ordered(records) {
    return records.slice().sort(function (a, b) {
      return cmp(str(a.started), str(b.started)) || cmp(str(a[SOURCE]), str(b[SOURCE]));
    });
  }
  function labelTrainees(records, anonymous) {
    return ordered(records).map(function (record, i) {
      var label = "Stagiaire " + (i + 1);
      if (anonymous === false) {
        var trainee = obj(record.trainee), name = str(trainee.name).trim(), company = str(trainee.company).trim();
        if (name || company) label = company ? (name || label) + " (" + company + ")" : name;
      }
      return [label, record];
    });
  }

  // -- diagnostic (statistics.median and statistics.quantiles(n=4, method="inclusive")) --
  function spread(values) {
    values = values.slice().sort(function (a, b) { return a - b; });
    var n = values.length;
    if (!n) return { count: 0, median: null, q1: null, q3: null, min: null, max: null };
    var median = n % 2 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2, q = [];
    if (n === 1) q = [values[0], values[0]];
    else {
      [1, 3].forEach(function (i) {
        var m = (n - 1) * i, j = Math.floor(m / 4), delta = m % 4;
        q.push((values[j] * (4 - delta) + values[j + 1] * delta) / 4);
      });
    }
    return { count: n, median: median, q1: q[0], q3: q[1], min: values[0], max: values[n - 1] };
  }
  function diagnosticSummary(records, spec) {
    var scores = map();
    spec.dimensions.forEach(function (d) { scores[d.id] = []; });
    records.forEach(function (record) {
      var diag = record.diagnostic;
      if (!diag) return;
      diagnostic.compute(spec, diag.answers || {}, diag.importance || {}).dimensions.forEach(function (dim) {
        if (dim.score !== null) scores[dim.id].push(dim.score);
      });
    });
    return spec.dimensions.map(function (dim) {
      var row = Object.assign({ id: dim.id, label: dim.label }, spread(scores[dim.id]));
      row.level = diagnostic.levelFor(spec, row.median);
      return row;
    });
  }

  // -- exercises ---------------------------------------------------------------------
  function questionSuccess(records, ctx) {
    var totals = map(), order = [];
    records.forEach(function (record) {
      var exercises = obj(record.exercises);
      Object.keys(exercises).forEach(function (key) {
        var first = obj(exercises[key].first);
        Object.keys(first).forEach(function (qid) {
          var id = JSON.stringify([key, qid]), attempt = first[qid];
          if (!totals[id]) { totals[id] = []; order.push([key, qid, id]); }
          if (!attempt.solution_first && attempt.max > 0) totals[id].push(attempt.score / attempt.max);
        });
      });
    });
    var rows = [];
    order.forEach(function (k) {
      var ratios = totals[k[2]];
      if (!ratios.length) return;
      var bank = own(ctx.banks, k[0]) || NO_BANK;
      rows.push({ key: k[0], bank: k[0], bank_title: bank.title, purpose: bank.purpose, question: k[1],
                  prompt: own(bank.questions, k[1]) === undefined ? null : bank.questions[k[1]],
                  answered: ratios.length, rate: sum(ratios) / ratios.length });
    });
    return rows.sort(function (a, b) {
      return cmp(a.rate, b.rate) || cmp(b.answered, a.answered) || cmp(a.key, b.key) || cmp(a.question, b.question);
    });
  }

  // -- entry and exit tests ------------------------------------------------------------
  var PHASES = ["entree", "sortie"];
  function progressionSummary(records, ctx) {
    var rows = evidence.progression({}, ctx.entry_map, ctx.exit_map, ctx.objectives), ratios = map(), trainees = map();
    rows.forEach(function (row) { ratios[row.id] = { entree: [], sortie: [] }; trainees[row.id] = 0; });
    records.forEach(function (record) {
      evidence.progression(record, ctx.entry_map, ctx.exit_map, ctx.objectives).forEach(function (row) {
        PHASES.forEach(function (phase) {
          if (row[phase] !== null && row[phase].max > 0) ratios[row.id][phase].push(row[phase].score / row[phase].max);
        });
        if (PHASES.some(function (phase) { return row[phase] !== null; })) trainees[row.id] += 1;
      });
    });
    return rows.map(function (row) {
      var r = ratios[row.id];
      return { id: row.id, module: row.module, text: row.text, entree: mean(r.entree), sortie: mean(r.sortie),
               entree_count: r.entree.length, sortie_count: r.sortie.length, trainees: trainees[row.id] };
    });
  }
  function acquiredSummary(records, ctx) {
    return ordered(records).map(function (r) {
      return { acquired: evidence.countAcquired(evidence.objectiveStatus(r, ctx.objective_map, ctx.objectives)),
               objectives: ctx.objectives.length };
    });
  }

  // -- questionnaires --------------------------------------------------------------------
  function formValues(record, formId) { return obj(obj(obj(record.forms)[formId]).values); }
  function submitted(record, formId) { return !!obj(obj(record.forms)[formId]).submitted; }
  function field(ctx, formId, fieldId) { return ctx.forms[formId].fields.filter(function (f) { return f.id === fieldId; })[0]; }
  function choiceCounts(records, formId, fieldId, ctx) {
    var counts = map();
    records.forEach(function (record) {
      var value = formValues(record, formId)[fieldId];
      (Array.isArray(value) ? value : value ? [value] : []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
    });
    return field(ctx, formId, fieldId).options.map(function (o) { return { id: o.id, label: o.label, count: counts[o.id] || 0 }; });
  }
  function texts(records, formId, fieldId) {
    var out = [];
    ordered(records).forEach(function (record) {
      var value = formValues(record, formId)[fieldId];
      if (typeof value === "string" && value.trim()) out.push(value.trim());
    });
    return out;
  }
  function respondents(records, formId) { return records.filter(function (r) { return submitted(r, formId); }).length; }
  function tenth(list) { return list.length ? roundHalfUp(sum(list) / list.length * 10) / 10 : null; }

  function satisfactionSummary(records, ctx) {
    var spec = ctx.forms.satisfaction;
    var scales = spec.fields.filter(function (f) { return f.type === "scale"; });
    var criteria = scales.map(function (f) {
      var given = records.map(function (r) { return formValues(r, "satisfaction")[f.id]; }).filter(isInt);
      var distribution = map();
      LEVELS.forEach(function (level) { distribution[level] = given.filter(function (g) { return g === level; }).length; });
      return { id: f.id, text: f.label, count: given.length, mean: tenth(given), distribution: distribution };
    });
    var review = spec.fields.filter(function (f) { return f.type === "review"; })[0], goals = [];
    review.of_options.forEach(function (goal) {
      var answers = records.map(function (r) { return obj(formValues(r, "satisfaction")[review.id])[goal.id]; })
                           .filter(function (a) { return !!a; });
      if (!answers.length) return;
      var row = { id: goal.id, label: goal.label };
      review.options.forEach(function (o) { row[o.id] = answers.filter(function (a) { return a === o.id; }).length; });
      goals.push(row);
    });
    return { scale: scales[0].scale, criteria: criteria, comments: texts(records, "satisfaction", "commentaire"),
             goals: goals, goal_options: review.options, respondents: respondents(records, "satisfaction") };
  }
  function needsSummary(records, ctx) {
    var out = { respondents: respondents(records, "besoins") };
    ["taille", "secteur", "usage", "objectifs"].forEach(function (f) { out[f] = choiceCounts(records, "besoins", f, ctx); });
    out.attentes = texts(records, "besoins", "attentes");
    out.adaptation = texts(records, "besoins", "adaptation");
    return out;
  }
  function plans(labelled, ctx) {
    var spec = ctx.forms.plan, out = [];
    labelled.forEach(function (pair) {
      var values = formValues(pair[1], "plan");
      if (!Object.keys(values).length) return;
      var rows = forms.submittedRows(values, "actions");
      var hours = rows.map(function (r) { return r.heures; }).filter(isNumber);
      out.push({ label: pair[0], objectif: values.objectif || "", actions: rows, hours: sum(hours),
                 complete: !Object.keys(forms.validate(spec, values)).length, submitted: submitted(pair[1], "plan") });
    });
    return out;
  }
  function coldSummary(records, ctx) {
    var usefulness = records.map(function (r) { return formValues(r, "evaluation-a-froid").utilite; }).filter(isInt);
    var out = { respondents: respondents(records, "evaluation-a-froid") };
    ["plan", "effets", "obstacles"].forEach(function (f) { out[f] = choiceCounts(records, "evaluation-a-froid", f, ctx); });
    out.usefulness = { count: usefulness.length, scale: field(ctx, "evaluation-a-froid", "utilite").scale, mean: tenth(usefulness) };
    out.actions = texts(records, "evaluation-a-froid", "actions");
    out.suite = texts(records, "evaluation-a-froid", "suite");
    return out;
  }
  /* Each trainee's productions on their rubric, as of the record's last change. */
  function productionsSummary(labelled, ctx) {
    return labelled.map(function (pair) {
      return { label: pair[0], started: str(pair[1].started),
               productions: rubric.productions(pair[1], ctx.rubrics, str(pair[1].updated).slice(0, 10)) };
    });
  }
  var UNMATCHED_VALIDATION = "Cette validation concerne un dossier qui n'est pas dans ce groupe : " +
                             "ajoutez le dossier du stagiaire, ou retirez ce fichier.";
  /* The trainer's validation files read with the records (data/group_folder.py
   * apply_validation_files): each added to the record it names; [name, reason] for the others. */
  function applyValidationFiles(records, validations) {
    var byStart = new Map();
    records.forEach(function (r) { byStart.set(r.started, r); });
    var unmatched = [];
    validations.forEach(function (pair) {
      var record = byStart.get(pair[1].record_started);
      if (!record) { unmatched.push([pair[0], UNMATCHED_VALIDATION]); return; }
      record.validations = record.validations || {};
      Object.keys(pair[1].productions).forEach(function (k) { record.validations[k] = pair[1].productions[k]; });
    });
    return unmatched;
  }
  function summaries(records, anonymous, ctx) {
    var labelled = labelTrainees(records, anonymous);
    return { records: records, labelled: labelled, diagnostic: diagnosticSummary(records, ctx.diagnostic),
             questions: questionSuccess(records, ctx), progression: progressionSummary(records, ctx),
             acquired: acquiredSummary(records, ctx), needs: needsSummary(records, ctx), plans: plans(labelled, ctx),
             satisfaction: satisfactionSummary(records, ctx), cold: coldSummary(records, ctx),
             productions: productionsSummary(labelled, ctx) };
  }

  // -- the page (rules/group_page.py) ------------------------------------------------------
  function plain(v) { return v === null || v === undefined ? "—" : fmt.decimal(v, 1); }
  function pct(ratio) { return ratio === null || ratio === undefined ? "—" : fmt.percent(ratio * 100); }
  function plural(count, one, many) { return fmt.number(count) + " " + (count < 2 ? one : many); }
  function day(stamp) { return fmt.dateFr(stamp) || "—"; }
  function lines(text) { return text.split("\n"); }
  function counts(items) {
    return items.filter(function (i) { return i.count; })
                .map(function (i) { return i.label + " : " + fmt.number(i.count); }).join(" · ") || "—";
  }
  function textBlock(title, items) {
    return items.length ? { title: title + " (" + fmt.number(items.length) + ")", entries: items.map(lines) } : null;
  }
  function yes(flag) { return flag ? "oui" : "non"; }
  function cell(value) {
    if (value === null || value === undefined) return "";
    if (isNumber(value)) return plain(value);
    return typeof value === "string" ? value : value === true ? "oui" : value === false ? "non" : "";
  }
  function traineeRows(labelled, acquired) {
    return labelled.map(function (pair, i) {
      var record = pair[1], exercises = obj(record.exercises), got = acquired[i], answered = 0;
      Object.keys(exercises).forEach(function (key) {
        if (key !== evidence.ENTRY_TEST && key !== evidence.EXIT_TEST) answered += Object.keys(obj(exercises[key].first)).length;
      });
      var tests = [evidence.ENTRY_TEST, evidence.EXIT_TEST].map(function (k) { return yes(obj(exercises[k]).submitted); }).join(" / ");
      return [pair[0], day(str(record.started)), yes(submitted(record, "besoins")), fmt.number(answered), tests,
              fmt.number(got.acquired) + " / " + fmt.number(got.objectives),
              yes(Object.keys(obj(obj(record.diagnostic).answers)).length), yes(submitted(record, "plan")),
              yes(submitted(record, "satisfaction")), yes(submitted(record, "evaluation-a-froid"))];
    });
  }
  function needsView(n) {
    return { respondents: plural(n.respondents, "stagiaire a", "stagiaires ont"),
             rows: [["Taille de l'entreprise", counts(n.taille)], ["Secteur", counts(n.secteur)],
                    ["Usage actuel", counts(n.usage)], ["Objectifs", counts(n.objectifs)]],
             attentes: textBlock("Situations à traiter", n.attentes), adaptation: textBlock("Adaptations demandées", n.adaptation) };
  }
  function diagnosticView(rows) {
    var done = Math.max.apply(null, [0].concat(rows.map(function (d) { return d.count; })));
    if (!done) return [{ done: "" }, null];
    var medians = rows.map(function (d) { return d.median === null ? null : roundHalfUp(d.median); });
    var chart = radar.radarView(rows.map(function (d) { return d.label; }), medians, RADAR_TITLE, RADAR_ID,
                                [rows.map(function (d) { return d.q1; }), rows.map(function (d) { return d.q3; })]);
    return [{ done: plural(done, "stagiaire a", "stagiaires ont"),
              rows: rows.map(function (d) {
                return [d.label, fmt.number(d.count), plain(d.median), plain(d.q1) + " – " + plain(d.q3),
                        plain(d.min) + " – " + plain(d.max), d.level ? d.level.label : "—"];
              }) }, chart];
  }
  function questionsView(questions) {
    // the entry test measures where trainees start, not what they missed in the course
    var missed = questions.filter(function (q) { return q.purpose !== "entry-test"; }).slice(0, TOP_QUESTIONS);
    return { answered: questions.length ? plural(questions.length, "question répondue", "questions répondues") : "",
             shown: fmt.number(missed.length),
             rows: missed.map(function (q) {
               return { prompt: q.prompt || "", question: q.question, bank: q.bank, where: q.bank_title || q.bank,
                        answered: fmt.number(q.answered), rate: pct(q.rate) };
             }) };
  }
  function plansView(list) {
    return list.map(function (p) {
      return { title: p.label + " — plan " + (p.complete ? "complet" : "incomplet") + (p.submitted ? "" : ", pas encore enregistré") +
                      ", " + plain(p.hours) + " h par semaine",
               objectif: cell(p.objectif) || "—",
               rows: p.actions.map(function (r) {
                 return [cell(r.action), cell(r.responsable), cell(r.heures), cell(r.indicateur),
                         typeof r.echeance === "string" ? day(r.echeance) : "—"];
               }) };
    });
  }
  function satisfactionView(sat) {
    var options = sat.goal_options;
    return { respondents: plural(sat.respondents, "stagiaire a", "stagiaires ont"),
             low: sat.scale[0].toLowerCase(), high: sat.scale[sat.scale.length - 1].toLowerCase(),
             rows: sat.criteria.map(function (c) {
               return [c.text, fmt.number(c.count), c.mean === null ? "—" : fmt.number(c.mean, 1),
                       LEVELS.map(function (level) { return level + " : " + fmt.number(c.distribution[level]); }).join(" · ")];
             }),
             goal_headers: sat.goals.length ? ["Objectif fixé à l'entrée"].concat(options.map(function (o) { return o.label; })) : [],
             goals: sat.goals.map(function (g) { return [g.label].concat(options.map(function (o) { return fmt.number(g[o.id]); })); }),
             comments: sat.comments.map(lines), comment_count: fmt.number(sat.comments.length) };
  }
  function coldView(c) {
    var u = c.usefulness;
    var usefulness = u.mean === null ? "—" : fmt.number(u.mean, 1) + " en moyenne (" + plural(u.count, "réponse", "réponses") + ")";
    return { respondents: plural(c.respondents, "stagiaire a", "stagiaires ont"), any: !!c.respondents,
             rows: [["Plan mis en œuvre", counts(c.plan)], ["Effets observés", counts(c.effets)],
                    ["Freins", counts(c.obstacles)], ["Utilité, de 1 à 5", usefulness]],
             actions: textBlock("Actions menées", c.actions), suite: textBlock("Besoins pour la suite", c.suite) };
  }
  function productionsView(items) {
    if (!items.length || !items[0].productions.length) return { headers: [], rows: [], validated: "" };
    var headers = ["Stagiaire"].concat(items[0].productions.map(function (p) { return p.title; }));
    var rows = items.map(function (item) {
      return [item.label].concat(item.productions.map(function (p) {
        return p.status !== "a-faire" ? p.label + " (" + fmt.number(p.auto_met) + " / " + fmt.number(p.auto_total) + ")" : p.label;
      }));
    });
    var validated = 0, waiting = 0;
    items.forEach(function (item) { item.productions.forEach(function (p) {
      if (p.status === "validee") validated += 1; if (p.status === "a-valider") waiting += 1; }); });
    return { headers: headers, rows: rows,
             validated: plural(validated, "production validée", "productions validées") + ", " +
                        plural(waiting, "production complète attend", "productions complètes attendent") + " votre avis." };
  }
  var TRAINEE_HEADERS = ["Stagiaire", "Commencé le", "Besoins", "Questions répondues (modules)", "Test d'entrée / de sortie",
                         "Objectifs acquis", "Autodiagnostic", "Plan à 90 jours", "Satisfaction", "Évaluation à froid"];
  function csvField(text) {  // as group_page._csv_field: no formula, RFC 4180 quoting
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[;"\r\n]/.test(text) ? '"' + text.split('"').join('""') + '"' : text;
  }
  function resultsCsv(view) {
    var rows = [view.trainee_headers].concat(view.trainees || []);
    return "\ufeff" + rows.map(function (row) { return row.map(function (c) { return csvField(String(c)); }).join(";") + "\r\n"; }).join("");
  }
  function exportLabel(anonymous) {
    return "Exporter le tableau des stagiaires (CSV, " + (anonymous ? "anonyme)" : "avec les noms)");
  }
  function pageView(summary, rejected, source, anonymous) {
    anonymous = anonymous !== false;
    var records = summary.records;
    var view = { source: source, anonymous: anonymous, read: plural(records.length, "dossier lu", "dossiers lus"),
                 records: records.length > 0, rejected_count: plural(rejected.length, "fichier ignoré", "fichiers ignorés"),
                 rejected: rejected.map(function (r) { return { name: r[0], reason: r[1] }; }), radar: null,
                 trainee_headers: TRAINEE_HEADERS.slice() };
    if (!records.length) return view;
    var diag = diagnosticView(summary.diagnostic), planList = plansView(summary.plans);
    view.diagnostic = diag[0]; view.radar = diag[1];
    view.trainees = traineeRows(summary.labelled, summary.acquired);
    view.needs = needsView(summary.needs);
    view.questions = questionsView(summary.questions);
    view.progression = summary.progression.map(function (p) {
      return [fmt.number(p.module), p.text, pct(p.entree), pct(p.sortie), fmt.number(p.entree_count) + " / " + fmt.number(p.sortie_count)];
    });
    view.plans = planList;
    view.plan_count = planList.length ? plural(planList.length, "plan commencé", "plans commencés") : "";
    view.satisfaction = satisfactionView(summary.satisfaction);
    view.cold = coldView(summary.cold);
    view.productions = productionsView(summary.productions);
    return view;
  }

  // -- exported files (data/group_folder.py) --------------------------------------------
  var NOT_JSON = "Ce fichier n'est pas un dossier exporté par le cours (il faut un fichier .json).";
  /* One file (name, bytes as a Uint8Array) -> {record} with its file name, {validation}
   * (a trainer's validation file), or {reason} in French (data/group_folder.py read_group_file):
   * size, UTF-8 (a BOM dropped) and what the file may hold are rules/limits.js's. */
  function readRecordFile(name, bytes) {
    var rules = root.PmesRecordRules || require("./record.js"), limits = root.PmesLimits || require("./limits.js");
    if (!/\.json$/i.test(name)) return { reason: NOT_JSON };
    try {
      var found = rules.parseImport(limits.decodeFile(bytes));
      if (found.kind === "validation") return { validation: found.validation };
      found.record[SOURCE] = name;
      return { record: found.record };
    } catch (e) { return { reason: e.message }; }
  }

  var api = { SOURCE: SOURCE, readRecordFile: readRecordFile, applyValidationFiles: applyValidationFiles, ordered: ordered, labelTrainees: labelTrainees, spread: spread, summaries: summaries,
              pageView: pageView, resultsCsv: resultsCsv, exportLabel: exportLabel, plural: plural };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesGroup = api;
})(this);
