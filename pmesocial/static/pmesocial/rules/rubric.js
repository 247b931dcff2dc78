/* Productions judged on their rubric (data/rubrics/*.yaml), mirroring
 * pmesocial/rules/rubric.py: each automatic criterion checked on the form's values, the
 * trainer's criteria and decision read from the record's `validations`, and the
 * production's status. Checked against tests/vectors/rubric.json (node --test). */
(function (root) {
  "use strict";
  var STATUS_LABELS = { "a-faire": "À faire", "brouillon": "Commencée, pas encore enregistrée", "incomplete": "À compléter",
                        "a-valider": "Complète, à valider par le formateur",
                        "validee": "Validée par le formateur", "a-reprendre": "À reprendre, selon le formateur" };
  var DECISIONS = ["validee", "a-reprendre"];
  var PHONE = /(?:\+33|0)\s*[1-9](?:[\s.-]*[0-9]{2}){4}/;
  var EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+/;
  var STREET = /(?:^|[^0-9])[0-9]{1,4}\s*(?:bis|ter)?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|allée|place|impasse|route|quai|cours)(?=\s|$|[,.;])/i;
  var NUMBER = /[0-9]|(?:^|[^a-zà-ÿ])(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|moitié|double|triple)(?=$|[^a-zà-ÿ])/i;
  var YEAR = /(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])/g;
  var ITEM = /(?:^|\n|;|\s)(?:[0-9]+\s*[.)-]|[-•*])\s+\S/g;
  var DAY = 86400000;

  function isBlank(v) {
    return v === null || v === undefined || (typeof v === "string" && v.trim() === "") ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);
  }
  function rowIsBlank(row) {
    return !row || typeof row !== "object" || Array.isArray(row) ||
      Object.keys(row).every(function (k) { return isBlank(row[k]); });
  }
  function isNumber(v) { return typeof v === "number" && isFinite(v); }
  function fold(text) { return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  /* « 2026-12-07 » -> days since 1970, or null. */
  function day(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
    var y = Number(value.slice(0, 4)), m = Number(value.slice(5, 7)), d = Number(value.slice(8, 10));
    var t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
    return Math.round(t.getTime() / DAY);
  }
  function itemCount(text) {
    text = String(text || "");
    var numbered = (text.match(ITEM) || []).length;
    var lines = text.split(/\r\n|\r|\n/).filter(function (l) { return l.trim() !== ""; }).length;
    return Math.max(numbered, lines);
  }

  function check(rule, values, reference) {
    var kind = rule.rule, value = values[rule.field];
    var text = typeof value === "string" ? value : "";
    var rows = Array.isArray(value) && value.length && value[0] && typeof value[0] === "object" && !Array.isArray(value[0])
      ? value.filter(function (r) { return !rowIsBlank(r); }) : [];
    var chosen = Array.isArray(value) && value.every(function (v) { return typeof v === "string"; }) ? value : [];
    if (kind === "filled") return !isBlank(value);
    if (kind === "min_length") return Array.from(text.trim()).length >= rule.min;
    if (kind === "contains_any") {
      var folded = fold(text);
      return rule.words.some(function (w) { return folded.indexOf(fold(w)) >= 0; });
    }
    if (kind === "contains_number") return NUMBER.test(text.replace(YEAR, " "));  // a year is a date, not a target
    if (kind === "no_personal_data") return text.trim() !== "" && !(PHONE.test(text) || EMAIL.test(text) || STREET.test(text));
    if (kind === "min_items") return itemCount(text) >= rule.min;
    if (kind === "min_rows") return rows.length >= rule.min;
    if (kind === "rows_complete") {
      return rows.length > 0 && rows.every(function (r) {
        return rule.columns.every(function (c) { return !isBlank(r[c]) && (!isNumber(r[c]) || r[c] > 0); });
      });
    }
    if (kind === "dates_within") {
      var days = rows.map(function (r) { return day(r[rule.column]); });
      return days.length > 0 && days.every(function (d) { return d !== null && d >= reference && d <= reference + rule.days; });
    }
    if (kind === "date_within") {
      var one = day(value);
      return one !== null && one >= reference && one <= reference + rule.days;
    }
    if (kind === "min_choices") return chosen.length >= rule.min;
    if (kind === "min_choices_or") return chosen.length >= rule.min || values[rule.or_field] === rule.or_value;
    if (kind === "choices_include") return rule.options.every(function (o) { return chosen.indexOf(o) >= 0; });
    throw new Error("règle inconnue : " + kind);
  }

  function touched(entry, rubric) {
    var values = entry.values || {};
    var fields = rubric.fields || Object.keys(values);
    return fields.some(function (f) { return !isBlank(values[f]); });
  }

  function evaluate(rubric, entry, validation, today) {
    entry = entry || {};
    validation = validation || {};
    var values = entry.values || {};
    var reference = day(String(entry.submitted || "").slice(0, 10));
    if (reference === null) reference = day(String(today).slice(0, 10));
    var judged = validation.criteria || {};
    var criteria = rubric.criteria.map(function (c) {
      if (c.check) return { id: c.id, label: c.label, by: "cours", met: check(c.check, values, reference) };
      return { id: c.id, label: c.label, by: "formateur", met: typeof judged[c.id] === "boolean" ? judged[c.id] : null };
    });
    var auto = criteria.filter(function (c) { return c.by === "cours"; });
    var status;
    if (DECISIONS.indexOf(validation.decision) >= 0) status = validation.decision;
    else if (!touched(entry, rubric)) status = "a-faire";
    else if (!entry.submitted) status = "brouillon";  // typed, never saved: what is missing is not judged yet
    else if (auto.every(function (c) { return c.met; })) status = "a-valider";
    else status = "incomplete";
    return { id: rubric.id, title: rubric.title, form: rubric.form, objective: rubric.objective,
             status: status, label: STATUS_LABELS[status], criteria: criteria,
             missing: auto.filter(function (c) { return !c.met; }).map(function (c) { return c.label; }),
             auto_met: auto.filter(function (c) { return c.met; }).length, auto_total: auto.length,
             trainer_total: criteria.length - auto.length,
             comment: String(validation.comment || ""), validated_by: String(validation.by || ""),
             validated_on: String(validation.at || "").slice(0, 10) };
  }

  var MARKS = { "true": "Fait", "false": "Manque", "null": "À juger par le formateur" };
  var TRAINER_MARKS = { "true": "Validé par le formateur", "false": "À reprendre", "null": "À juger par le formateur" };
  /* A production as every page and document shows it (templates/productions.html.j2). */
  function productionView(result) {
    var fmt = root.PmesFormat || require("./format.js");
    return { title: result.title, status: result.status, label: result.label,
             criteria: result.criteria.map(function (c) {
               return { label: c.label, met: c.met, by: c.by, mark: (c.by === "cours" ? MARKS : TRAINER_MARKS)[String(c.met)] };
             }),
             summary: "Critères vérifiés par le cours : " + result.auto_met + " sur " + result.auto_total +
                      " ; critères jugés par le formateur : " + result.trainer_total,
             comment: result.comment, validated_by: result.validated_by,
             validated_on: result.validated_on ? fmt.dateFr(result.validated_on) : "" };
  }
  function productions(record, rubrics, today) {
    var forms = record.forms || {}, validations = record.validations || {};
    return rubrics.map(function (r) {
      return evaluate(r, forms[r.form], Object.prototype.hasOwnProperty.call(validations, r.id) ? validations[r.id] : null, today);
    });
  }

  // what a trainee reads above the rubric (rules/rubric.py RUBRIC_INTRO, checked on the vectors)
  var RUBRIC_INTRO = "Votre production, relue sur sa grille : le cours vérifie ce qui peut l'être ; votre formateur juge le reste et peut la valider.";
  var api = { RUBRIC_INTRO: RUBRIC_INTRO, evaluate: evaluate, productions: productions, productionView: productionView, check: check, itemCount: itemCount, fold: fold,
              STATUS_LABELS: STATUS_LABELS };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesRubric = api;
})(this);
