// The book's JavaScript rules against the vectors the Python rules wrote
// (python -m tests.support.write_vectors): same inputs, same outputs, no browser.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");

const STATIC = path.join(__dirname, "..", "..", "pmesocial", "static", "pmesocial");
const load = (name) => require(path.join(STATIC, "rules", name));
const vectors = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, "..", "vectors", `${name}.json`), "utf-8"));
// every loop over vectors runs over some: an empty or missing list fails, it does not pass
const nonEmpty = (list, name) => {
  assert.ok(Array.isArray(list) && list.length > 0, `no vectors in ${name}`);
  return list;
};

const format = load("format.js");
const scoring = load("scoring.js");
const record = load("record.js");
const forms = load("forms.js");
const evidence = load("evidence.js");

test("formatting: numbers, durations and dates in French", () => {
  const v = vectors("formatting");
  for (const c of nonEmpty(v.number, "v.number")) assert.equal(format.number(c.value, c.decimals), c.text, `${c.value} (${c.decimals})`);
  for (const c of nonEmpty(v.plain_number, "v.plain_number")) assert.equal(format.plainNumber(c.value), c.text, String(c.value));
  for (const c of nonEmpty(v.decimal, "v.decimal")) assert.equal(format.decimal(c.value, c.most), c.text, `${c.value} (${c.most})`);
  for (const c of nonEmpty(v.percent, "v.percent")) assert.equal(format.percent(c.value), c.text);
  for (const c of nonEmpty(v.duration, "v.duration")) assert.equal(format.duration(c.minutes), c.text);
  for (const c of nonEmpty(v.date, "v.date")) assert.equal(format.dateFr(c.iso), c.text, c.iso);
});

test("scoring: every answer of every bank", () => {
  const v = vectors("scoring");
  assert.ok(v.checks.length > 500);
  for (const c of nonEmpty(v.checks, "v.checks")) {
    const q = v.questions[c.question];
    assert.deepStrictEqual(scoring.check(q, c.answer), c.result, q.id);
  }
  for (const b of nonEmpty(v.bank_max, "v.bank_max")) assert.equal(scoring.bankMaxScore({ questions: b.questions.map((i) => v.questions[i]) }), b.max);
  for (const n of nonEmpty(v.numbers, "v.numbers")) assert.equal(scoring.withUnit(n.value, n.unit), n.text, `${n.value} ${n.unit}`);
});

const CHANGES = { attempt: record.applyAttempt, draft: record.applyDraft, solution: record.applySolutionSeen,
                  reset: record.applyReset, submit: record.applySubmit, form: record.applyForm, form_changes: record.applyFormChanges, diagnostic: record.applyDiagnostic,
                  self_positioning: record.applySelfPositioning, trainee: record.applyTrainee,
                  attestation: record.applyAttestation, validations: record.applyValidations };

test("record: changes give the same record", () => {
  const v = vectors("record");
  assert.deepStrictEqual(record.fresh(v.start.started), v.start);
  for (const s of nonEmpty(v.sequences, "v.sequences")) {
    const r = record.fresh(v.start.started);
    for (const [change, args] of s.steps) CHANGES[change](r, ...JSON.parse(JSON.stringify(args)));
    assert.deepStrictEqual(r, s.record, s.name);
  }
});

test("record: a record or a trainer's validation imported, or refused with the same message", () => {
  const v = vectors("record");
  assert.ok(v.imports.length >= 5);
  assert.equal(record.VALIDATION_IMPORTED, v.messages.validation_imported);
  globalThis.PmesFormat = format;
  assert.ok(v.acceptance.some((c) => c.message) && v.acceptance.some((c) => c.productions));
  for (const c of nonEmpty(v.acceptance, "v.acceptance")) {
    if (c.message) assert.throws(() => record.checkValidationFor(c.record, c.validation), { message: c.message }, c.name);
    else assert.deepStrictEqual(record.checkValidationFor(c.record, c.validation), c.productions, c.name);
  }
  for (const c of nonEmpty(v.carried, "v.carried")) assert.deepStrictEqual(record.carryValidations(c.current, c.imported), c.result);
  for (const c of nonEmpty(v.imports, "v.imports")) {
    if (c.message) { assert.throws(() => record.parseImport(c.text), { message: c.message }, c.name); continue; }
    const found = record.parseImport(c.text);
    assert.equal(found.kind, c.kind, c.name);
    assert.deepStrictEqual(c.kind === "record" ? found.record : found.validation, c.data, c.name);
  }
});

test("record: the same records are accepted and refused, with the same message", () => {
  const v = vectors("record");
  for (const c of nonEmpty(v.checks, "v.checks")) {
    if (c.accepted) assert.deepStrictEqual(record.checkRecord(c.input), c.record, c.name);
    else assert.throws(() => record.checkRecord(c.input), { message: c.message }, c.name);
  }
});

test("forms: the same errors, field by field", () => {
  const v = vectors("forms");
  for (const c of nonEmpty(v.cases, "v.cases")) {
    assert.deepStrictEqual(forms.validate(v.specs[c.form], c.values), c.errors, c.form);
    assert.deepStrictEqual(forms.advice(v.specs[c.form], c.values), c.advice, c.form);
  }
  assert.ok(v.cases.some((c) => c.advice.length > 0), "no case gives advice");
  assert.equal(forms.ADVICE_TITLE, v.advice_title);
  for (const n of nonEmpty(v.numbers, "v.numbers")) assert.deepStrictEqual(forms.parseNumber(n.text), n.value, n.text);
  assert.ok(v.outputs.length >= 10);
  for (const o of nonEmpty(v.outputs, "v.outputs")) assert.strictEqual(forms.outputText(o.field, o.values), o.text, JSON.stringify(o.values));
});

test("evidence: statuses, progression and test profiles", () => {
  const v = vectors("evidence");
  for (const c of nonEmpty(v.cases, "v.cases")) {
    assert.deepStrictEqual(evidence.objectiveStatus(c.record, v.mapping, v.objectives), c.statuses);
    assert.deepStrictEqual(evidence.progression(c.record, v.entry_map, v.exit_map, v.objectives), c.progression);
  }
  for (const p of nonEmpty(v.profiles, "v.profiles")) assert.deepStrictEqual(evidence.testProfile(p.bank, p.first), p.profile);
  for (const s of nonEmpty(v.status_for, "v.status_for")) assert.equal(evidence.statusFor(...s.args), s.status);
});

// Jinja writes &#34; where nunjucks writes &quot;: the same text.
const sameHtml = (html) => html.replace(/&quot;/g, "&#34;");

test("documents: the same views, and the same templates give the same HTML", () => {
  const documents = load("documents.js");
  const render = require(path.join(STATIC, "ui", "documents.js")).render;
  const v = vectors("documents");
  for (const c of nonEmpty(v.cases, "v.cases")) {
    const view = documents.viewFor(c.name, c.record, v.payload, v.today);
    assert.deepStrictEqual(view, c.view, c.name);
    assert.equal(sameHtml(render(c.name, view)), sameHtml(c.html), c.name);
  }
  assert.equal(v.durations.length, 3);
  assert.equal(documents.NAME_MISSING, v.name_missing);
  for (const d of nonEmpty(v.durations, "v.durations")) assert.equal(documents.plannedDuration(v.payload.course, d.modality), d.text, d.modality);
});

test("diagnostic: scores, levels, weakest link, priorities, and the same report", () => {
  const diagnostic = load("diagnostic.js");
  const render = require(path.join(STATIC, "ui", "documents.js")).render;
  const v = vectors("diagnostic");
  for (const c of nonEmpty(v.cases, "v.cases")) {
    const result = diagnostic.compute(v.spec, c.answers, c.importance);
    assert.deepStrictEqual(result, c.result);
    if (c.view) {
      const view = diagnostic.reportView(v.spec, result, c.trainee, v.modules, v.date);
      assert.deepStrictEqual(view, c.view);
      assert.equal(sameHtml(render("diagnostic_report", view)), sameHtml(c.html));
    }
  }
});

test("radar: the same geometry and the same SVG from its one template", () => {
  const radar = load("radar.js");
  const render = require(path.join(STATIC, "ui", "documents.js")).render;
  const v = vectors("radar");
  for (const c of nonEmpty(v.cases, "v.cases")) {
    const view = radar.radarView(c.labels, c.scores, v.title, v.id, c.band);
    assert.deepStrictEqual(view, c.view);
    assert.equal(sameHtml(render("radar.svg.j2", { radar: view })), sameHtml(c.svg));
  }
});

test("budget: totals, costs, errors and the summary", () => {
  const budget = load("budget.js");
  const v = vectors("budget");
  for (const c of nonEmpty(v.cases, "v.cases")) {
    const result = budget.compute(v.specs[c.spec], c.hours, c.cost);
    assert.deepStrictEqual(result, c.result, JSON.stringify(c.hours));
    assert.equal(budget.summaryText(result), c.summary);
    assert.deepStrictEqual(budget.charts(v.specs[c.spec], result), c.charts);
  }
});

test("validation: the same French messages, in the same order, from the same schemas", () => {
  const validation = load("validation.js");
  const schemas = { "question_bank.schema.json": "bank", "diagnostic.schema.json": "diagnostic",
                    "form.schema.json": "form", "record.schema.json": "record" };
  const v = vectors("validation");
  assert.ok(v.cases.filter((c) => c.messages.length).length > 15);
  for (const c of nonEmpty(v.cases, "v.cases")) {
    const validate = require(path.join(STATIC, "schemas", `${schemas[c.schema]}.js`));
    const where = c.schema === "question_bank.schema.json" ? validation.bankWhere("banque.yaml", c.data)
      : validation.fieldWhere({ "diagnostic.schema.json": "diagnostic.yaml", "form.schema.json": "form.yaml",
                                "record.schema.json": "dossier" }[c.schema]);
    assert.deepStrictEqual(validation.schemaErrors(validate, c.data, where), c.messages, `${c.schema}: ${c.name}`);
  }
});

test("typography: the same French spaces, apostrophes and ordinals", () => {
  const typography = load("typography.js");
  const v = vectors("typography");
  for (const c of nonEmpty(v.texts, "v.texts")) assert.equal(typography.typo(c.text), c.typo, c.text);
  for (const c of nonEmpty(v.html, "v.html")) assert.equal(typography.typoHtml(c.html), c.typo, c.html);
  for (const c of nonEmpty(v.all, "v.all")) {
    const skip = Object.fromEntries(c.skip.map((k) => [k, true]));
    assert.deepStrictEqual(typography.typoAll(c.value, skip), c.typo);
  }
});

test("xapi: the same statements, launch links and rebuilt records", () => {
  const xapi = load("xapi.js");
  const v = vectors("xapi");
  for (const d of nonEmpty(v.durations, "v.durations")) assert.equal(xapi.duration(d.seconds), d.text, String(d.seconds));
  assert.ok(v.steps.some((s) => s.statements.length > 1), "a step that ends a sequence");
  for (const s of nonEmpty(v.steps, "v.steps")) {
    const prof = Object.assign({}, v.profile, { identity: s.identity });
    const made = xapi.statements(s.event, s.before, s.after, prof, s.who, "2026-11-20T10:30:00+00:00", "livre");
    assert.deepStrictEqual(made, s.statements, JSON.stringify(s.event));
  }
  for (const c of nonEmpty(v.launches, "v.launches")) {
    if (c.error) assert.throws(() => xapi.parseLaunch(c.query), { message: c.error }, c.query);
    else assert.deepStrictEqual(xapi.parseLaunch(c.query), c.launch, c.query);
  }
  // records are rebuilt in maps with no prototype: compared as the JSON they give
  const plain = (x) => JSON.parse(JSON.stringify(x));
  const group = xapi.groupFromStatements(v.group, v.profile);
  assert.deepStrictEqual(plain(xapi.recordsFromStatements(v.group, v.profile)), v.records);
  assert.deepStrictEqual(plain(group.rejected), v.rejected);
  for (const c of nonEmpty(v.stored_keys, "v.stored_keys")) assert.equal(xapi.storedKey(c.text), c.key, String(c.text));
});

test("xapi: accounts, banks and forms named __proto__ or constructor pollute nothing", () => {
  const xapi = load("xapi.js");
  const v = vectors("xapi");
  const records = xapi.recordsFromStatements(v.group, v.profile);
  assert.equal(Object.prototype.forms, undefined, "Object.prototype.forms");
  assert.equal(Object.prototype.results, undefined, "Object.prototype.results");
  assert.equal(Object.prototype.first, undefined, "Object.prototype.first");
  assert.equal(Object.prototype.updated, undefined, "Object.prototype.updated");
  assert.deepStrictEqual(Object.keys(Object.prototype), []);
  const comments = records.filter((r) => r.forms && r.forms.satisfaction)
    .map((r) => [r._source, r.forms.satisfaction.values.commentaire]);
  assert.deepStrictEqual(comments, [["__proto__", "avis de __proto__"], ["constructor", "avis de constructor"],
                                    ["hasOwnProperty", "avis de hasOwnProperty"]]);
});

test("scorm: report, session times, and the suspend data, to the character, as Python writes them", () => {
  const scorm = load("scorm.js");
  const v = vectors("scorm");
  assert.deepStrictEqual(scorm.LIMITS, v.limits);
  for (const c of nonEmpty(v.cases, "v.cases")) {
    assert.deepStrictEqual(scorm.report(c.record, v.course), c.report, c.name);
    const packed = scorm.encode(c.record, v.course, c.limit, c.earlier);
    // the same choice of parts gives the same text to the character; pako and zlib may
    // then compress it a few characters apart, so the choice itself must agree only when
    // no trial came near the limit (c.clear); each side reads the other's text below
    if (!c.whole) assert.equal(scorm.compactJson(c.record, v.course, c.kept, c.lost.concat(c.dropped.filter((x) => !c.lost.includes(x)))), c.json, c.name);
    if (c.clear) {
      assert.deepStrictEqual([packed.whole, packed.kept, packed.dropped], [c.whole, c.kept, c.dropped], c.name);
      assert.equal(packed.json, c.json, c.name);
    }
    assert.ok(packed.text.length <= c.limit, c.name);
    assert.deepStrictEqual(scorm.lostText(c.dropped, v.course), c.lost_text, c.name);
    const back = scorm.decode(c.text, v.course);  // what Python wrote
    assert.deepStrictEqual(back.record, c.restored, c.name);
    assert.deepStrictEqual([back.notices, back.lost], [c.notices, c.lost], c.name);
    assert.deepStrictEqual(scorm.decode(packed.text, v.course).lost, packed.whole ? [] : packed.dropped.filter((x) => scorm.lostText([x], v.course).length), c.name);
  }
  for (const c of nonEmpty(v.success, "v.success")) assert.equal(scorm.success(c.report, c.passing), c.success, JSON.stringify(c));
  for (const c of nonEmpty(v.times, "v.times")) {
    assert.equal(scorm.sessionTime(c.ms), c.scorm12, String(c.ms));
    assert.equal(scorm.sessionTime2004(c.ms), c.scorm2004, String(c.ms));
  }
  for (const c of nonEmpty(v.broken, "v.broken")) assert.throws(() => scorm.decode(c.text, v.course), { message: c.error }, c.text);
  assert.equal(scorm.decode("", v.course), null);
});

test("scorm: a local record keeps its answers when the LMS's copy comes back; older data is still read", () => {
  const scorm = load("scorm.js");
  const course = vectors("scorm").course;
  const bank = course.banks.find((b) => b.purpose === "self-check");
  const at = "2026-12-01T09:00:00+00:00", later = "2026-12-01T10:00:00+00:00";
  const lms = record.fresh(at);
  record.applyAttempt(lms, bank.id, bank.questions[0], "a", 0, 1, at);
  record.applyAttempt(lms, bank.id, bank.questions[1], "b", 1, 1, at);
  record.applyForm(lms, "plan", { objectif: "x" }, true, at);
  const local = record.fresh(later);
  record.applyAttempt(local, bank.id, bank.questions[0], "c", 1, 1, later);
  const merged = scorm.merge(local, lms).record;
  assert.equal(merged.exercises[bank.id].answers[bank.questions[0]], "c");  // never overwritten
  assert.equal(merged.exercises[bank.id].answers[bank.questions[1]], "b");  // what this browser lacked
  assert.deepStrictEqual(merged.exercises[bank.id].first[bank.questions[0]], { score: 0, max: 1, at: at });  // the earliest
  assert.deepStrictEqual(merged.forms.plan.values, { objectif: "x" });
  assert.equal(merged.started, at);
  // the first format, plain JSON, as earlier packages wrote it
  const v1 = JSON.stringify({ v: 1, s: at, u: "0", t: ["Léa", "Fleurs"], e: { [bank.hash]: { f: "0:1:3c", a: [[0, "a", 1]] } } });
  const back = scorm.decode(v1, course).record;
  assert.deepStrictEqual(back.exercises[bank.id].first[bank.questions[0]], { score: 1, max: bank.max[0], at: "2026-12-01T09:02:00+00:00" });
  assert.equal(back.trainee.name, "Léa");
  assert.throws(() => scorm.decode("{tronqué", course), /pas lisibles/);
});

test("group view: the same summaries, page view and HTML from the same records", () => {
  const group = load("group.js");
  const render = require(path.join(STATIC, "ui", "documents.js")).render;
  const radar = load("radar.js");
  const v = vectors("group");
  for (const c of nonEmpty(v.spreads, "v.spreads")) assert.deepStrictEqual(group.spread(c.values), c.spread, JSON.stringify(c.values));
  for (const c of nonEmpty(v.cases, "v.cases")) {
    const view = group.pageView(group.summaries(c.records, c.anonymous, v.context), c.rejected, c.source, c.anonymous);
    assert.deepStrictEqual(view, c.view, c.name);
    assert.equal(sameHtml(render("group_view.html.j2", radar.typoView(view))), sameHtml(c.html), c.name);
    assert.equal(group.resultsCsv(view), c.csv, c.name);
    assert.equal(group.exportLabel(c.anonymous), c.export_label, c.name);
  }
});

test("group view: dropped files are read, or set aside with the same French reason", () => {
  globalThis.PmesRecordRules = record;  // readRecordFile parses with the record rules
  const group = load("group.js");
  for (const c of nonEmpty(vectors("group").files, "group.files")) {
    const got = group.readRecordFile(c.name, new Uint8Array(Buffer.from(c.data, "base64")));
    if (c.reason) assert.equal(got.reason, c.reason, c.name);
    else if (c.validation) assert.deepStrictEqual(got.validation, c.validation, c.name);
    else assert.equal(got.record._source, c.source, c.name);
  }
  const v = vectors("group").validation_files;
  const records = JSON.parse(JSON.stringify(v.records));
  assert.deepStrictEqual(group.applyValidationFiles(records, v.validations), v.unmatched);
  assert.deepStrictEqual(records, v.result);
});

test("carnet: the same view of every record, and the same HTML from the same template", () => {
  const carnet = load("carnet.js");
  const render = require(path.join(STATIC, "ui", "documents.js")).render;
  const typography = load("typography.js");
  const v = vectors("carnet");
  assert.deepStrictEqual(v.cases.map((c) => c.name), ["sample", "hostile", "empty"]);
  for (const c of nonEmpty(v.cases, "v.cases")) {
    const view = carnet.carnetView(c.record, v.context, v.today);
    assert.deepStrictEqual(view, c.view, c.name);
    assert.equal(sameHtml(render("carnet.html.j2", typography.typoAll(view, carnet.RAW_KEYS))), sameHtml(c.html), c.name);
  }
});

test("rubric: each automatic criterion, the trainer's decision and the status", () => {
  const rubric = load("rubric.js");
  const v = vectors("rubric");
  assert.ok(v.cases.length > 40);
  assert.equal(rubric.RUBRIC_INTRO, v.intro);
  for (const c of nonEmpty(v.cases, "v.cases")) {
    assert.deepStrictEqual(rubric.evaluate(v.rubric, c.entry, c.validation, c.today), c.result, c.name);
    assert.deepStrictEqual(rubric.productionView(c.result), c.view, c.name);
  }
  assert.deepStrictEqual(rubric.productions(v.productions.record, [v.rubric], v.productions.today), v.productions.result);
});

test("limits: the same files read, or refused with the same French message (rules/limits.js)", () => {
  const limits = load("limits.js");
  const v = vectors("limits");
  assert.deepStrictEqual(limits.LIMITS, v.limits);
  assert.ok(v.files.length >= 40);
  const read = (parse, bytes) => {
    try {
      const found = parse(limits.decodeFile(bytes));
      if (found.kind === "validation") return { kind: "validation", data: found.validation };
      return { kind: "record", data: found.kind === "record" ? found.record : found };
    } catch (e) { return { message: e.message }; }
  };
  for (const c of nonEmpty(v.files, "v.files")) {
    const bytes = new Uint8Array(Buffer.from(c.data, "base64"));
    assert.deepStrictEqual(read(record.parseImport, bytes), c.import, `${c.name} (import)`);
    assert.deepStrictEqual(read(record.parse, bytes), c.record, `${c.name} (record)`);
  }
  for (const c of nonEmpty(v.sizes, "v.sizes")) {
    const bytes = new Uint8Array(c.bytes).fill(32);
    if (c.accepted) assert.equal(limits.decodeFile(bytes).length, c.bytes);
    else assert.throws(() => limits.decodeFile(bytes), { message: c.message });
  }
  for (const c of nonEmpty(v.cuts, "v.cuts")) {
    assert.deepStrictEqual(record.applyTrainee(record.fresh("2026-11-20T09:00:00+00:00"), c.name, c.name).trainee, c.trainee);
  }
});

test("group view in the book: one bad file among twenty good ones is set aside, the others are read", async () => {
  globalThis.PmesLimits = load("limits.js");
  globalThis.PmesRecordRules = record;
  globalThis.PmesDom = { el: () => ({}), renderEach: () => {}, typo: (s) => s };
  globalThis.PmesGroup = load("group.js");
  // a page script: run with `this` the global object, as a browser does
  require("vm").runInThisContext(fs.readFileSync(path.join(STATIC, "ui", "group_view.js"), "utf-8"));
  const files = vectors("group").files.filter((f) => f.source);
  const good = Buffer.from(files[0].data, "base64");
  const file = (name, bytes) => ({ name, size: bytes.length, arrayBuffer: () => Promise.resolve(bytes) });
  const batch = Array.from({ length: 20 }, (_, n) => file(`dossier-${String(n).padStart(2, "0")}.json`, good));
  for (const c of vectors("limits").files.filter((f) => f.import.message)) {
    const result = await globalThis.PmesGroupView.readAll(batch.concat([file("abime.json", Buffer.from(c.data, "base64"))]));
    assert.equal(result.records.length, 20, c.name);
    assert.deepStrictEqual(result.rejected, [["abime.json", c.import.message]], c.name);
  }
  const big = { name: "enorme.json", size: 6e9, arrayBuffer: () => { throw new Error("read whole"); } };
  const result = await globalThis.PmesGroupView.readAll(batch.concat([big]));
  assert.equal(result.records.length, 20);
  assert.match(result.rejected[0][1], /trop gros/);
  for (const name of ["PmesLimits", "PmesRecordRules", "PmesDom", "PmesGroup", "PmesGroupView"]) delete globalThis[name];
});
