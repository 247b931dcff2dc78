/* Questionnaire rules in the static book, mirroring pmesocial/rules/forms.py (`validate`):
 * what stops a form's values from being submitted, field by field, in French.
 * Checked against tests/vectors/forms.json (node --test). */
(function (root) {
  "use strict";
  var fmt = root.PmesFormat || require("./format.js");
  var REQUIRED = "Ce champ est à remplir.";
  var NOT_AN_OPTION = "Choisissez l'une des réponses proposées.";
  var NOT_A_NUMBER = "Indiquez un nombre.";
  var NOT_A_DATE = "Indiquez une date valide (jour, mois, année).";

  /* « 2,5 » -> 2.5, « 3 » -> 3; anything else stays text so that `validate` can say why. */
  function parseNumber(text) {
    var cleaned = String(text).replace(/[\s\u00a0\u202f]/g, "");
    if (cleaned === "") return null;
    if (!/^-?\d+(?:[.,]\d+)?$/.test(cleaned)) return String(text);
    return Number(cleaned.replace(",", "."));
  }
  function isBlank(v) {
    return v === null || v === undefined || (typeof v === "string" && v.trim() === "") ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);
  }
  function isNumber(v) { return typeof v === "number" && isFinite(v); }
  function validDate(v) {
    if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    var y = Number(v.slice(0, 4)), m = Number(v.slice(5, 7)), d = Number(v.slice(8, 10));
    var t = new Date(Date.UTC(y, m - 1, d));
    return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }
  function fieldError(field, value) {
    var kind = field.type;
    if (isBlank(value)) return field.required ? REQUIRED : null;
    var ids = (field.options || []).map(function (o) { return o.id; });
    if (kind === "choice") return ids.indexOf(value) >= 0 ? null : NOT_AN_OPTION;
    if (kind === "choices") {
      if (!Array.isArray(value) || value.some(function (v) { return ids.indexOf(v) < 0; })) return NOT_AN_OPTION;
      return field.max_choices && value.length > field.max_choices ? "Choisissez au plus " + field.max_choices + " réponses." : null;
    }
    if (kind === "text") {
      if (typeof value !== "string") return REQUIRED;
      var most = field.max_length === undefined ? 5000 : field.max_length;
      return Array.from(value).length > most ? fmt.plainNumber(most) + " caractères au plus." : null;
    }
    if (kind === "number") {
      if (!isNumber(value)) return NOT_A_NUMBER;
      if (value < field.min || value > field.max) {
        return "Indiquez un nombre entre " + fmt.plainNumber(field.min) + " et " + fmt.plainNumber(field.max) +
          (field.unit ? " " + field.unit : "") + ".";
      }
      return null;
    }
    if (kind === "date") return validDate(value) ? null : NOT_A_DATE;
    if (kind === "scale") {
      return Number.isInteger(value) && value >= 1 && value <= field.scale.length ? null
        : "Choisissez une note de 1 à " + field.scale.length + ".";
    }
    if (kind === "review") {
      var ok = !!value && typeof value === "object" && !Array.isArray(value) &&
        Object.keys(value).every(function (k) { return ids.indexOf(value[k]) >= 0; });
      return ok ? null : NOT_AN_OPTION;
    }
    return null;
  }
  function rowIsBlank(row) {
    return !row || typeof row !== "object" || Array.isArray(row) ||
      Object.keys(row).every(function (k) { return isBlank(row[k]); });
  }
  function validate(spec, values) {
    var errors = {};
    spec.fields.forEach(function (field) {
      if (field.type === "output") return;  // computed, not typed
      var value = values[field.id];
      if (field.type !== "table") {
        var message = fieldError(field, value);
        if (message) errors[field.id] = message;
        return;
      }
      if (!Array.isArray(value) && !isBlank(value)) { errors[field.id] = REQUIRED; return; }
      var list = Array.isArray(value) ? value : [];
      var rows = list.filter(function (r) { return !rowIsBlank(r); });
      var least = field.min_rows !== undefined ? field.min_rows : (field.required ? 1 : 0);
      if (rows.length < least) errors[field.id] = least > 1 ? "Remplissez au moins " + least + " lignes." : REQUIRED;
      if (rows.length > field.max_rows) errors[field.id] = field.max_rows + " lignes au plus.";
      list.forEach(function (row, i) {
        if (rowIsBlank(row)) return;
        field.columns.forEach(function (column) {
          var m = fieldError(column, row[column.id]);
          if (m) errors[field.id + "[" + i + "]." + column.id] = m;
        });
      });
    });
    return errors;
  }
  /* Output fields: what a form computes from its own values (not stored). */
  var WEEKS_PER_MONTH = 4.33;
  function utmPart(text) { return String(text === null || text === undefined ? "" : text).trim().toLowerCase().split(/\s+/).filter(Boolean).join("-"); }
  function utmLink(args) {
    var address = String(args.url === null || args.url === undefined ? "" : args.url).trim();
    if (!address || !(address.indexOf("https://") === 0 || address.indexOf("http://") === 0) || address.indexOf(" ") >= 0 ||
        address.indexOf("#") >= 0) {
      return "Indiquez l'adresse complète de la page, qui commence par https:// (sans espace ni #).";
    }
    var parts = [["utm_source", utmPart(args.source)], ["utm_medium", utmPart(args.medium)], ["utm_campaign", utmPart(args.campaign)]];
    if (parts.some(function (p) { return !p[1]; })) return "Indiquez la source, le support et la campagne pour construire le lien.";
    var query = parts.map(function (p) { return p[0] + "=" + encodeURIComponent(p[1]); }).join("&");
    return address + (address.indexOf("?") >= 0 ? "&" : "?") + query;
  }
  function costPerRequest(args) {
    var values = [args.hours, args.hourly_cost, args.spend, args.requests];
    if (values.some(function (v) { return !isNumber(v) || v < 0; })) return "Remplissez les quatre nombres (zéro ou plus) pour voir le résultat.";
    var timeCost = args.hours * WEEKS_PER_MONTH * args.hourly_cost, total = timeCost + args.spend;
    var text = "Coût par mois : " + fmt.number(total) + " € (temps : " + fmt.number(timeCost) + " €, dépenses : " + fmt.number(args.spend) + " €)";
    if (args.requests === 0) return text + " ; aucune demande ce mois-ci : le coût par demande ne se calcule pas encore.";
    return text + " ; par demande de devis : " + fmt.number(total / args.requests) + " €.";
  }
  var OUTPUT_RULES = { utm_link: utmLink, cost_per_request: costPerRequest };
  function outputText(field, values) {
    var args = {};
    Object.keys(field.inputs).forEach(function (arg) { var v = values[field.inputs[arg]]; args[arg] = v === undefined ? null : v; });
    return OUTPUT_RULES[field.rule](args);
  }
  /* What a saved form tells the trainee to do (forms.py advice): the advice of each option
   * chosen (in a table, prefixed by the row), and the options left unticked of a choices
   * field that has `missing_advice`. */
  var ADVICE_TITLE = "Ce que votre vérification vous dit de faire";  // forms.py says the same (vectors)
  function advice(spec, values) {
    var out = [];
    function optionOf(field, id) {
      return typeof id === "string" ? (field.options || []).filter(function (o) { return o.id === id; })[0] : undefined;
    }
    spec.fields.forEach(function (field) {
      var value = values[field.id];
      if (field.type === "table") {
        (Array.isArray(value) ? value : []).forEach(function (row, i) {
          if (rowIsBlank(row)) return;
          field.columns.forEach(function (column) {
            var option = optionOf(column, row[column.id]);
            if (option && option.advice) out.push((field.row_label || "Ligne") + " " + (i + 1) + " : " + option.advice);
          });
        });
        return;
      }
      (Array.isArray(value) ? value : [value]).forEach(function (c) {
        var option = optionOf(field, c);
        if (option && option.advice) out.push(option.advice);
      });
      if (field.missing_advice && field.type === "choices") {
        var ticked = Array.isArray(value) ? value : [];
        var left = field.options.filter(function (o) { return ticked.indexOf(o.id) < 0; }).map(function (o) { return o.label; });
        if (left.length) out.push(field.missing_advice + " : " + left.join(" ; ") + ".");
      }
    });
    return out;
  }
  function submittedRows(values, fieldId) { return (values[fieldId] || []).filter(function (r) { return !rowIsBlank(r); }); }

  var api = { ADVICE_TITLE: ADVICE_TITLE, advice: advice, parseNumber: parseNumber, outputText: outputText, isBlank: isBlank, fieldError: fieldError, validate: validate, rowIsBlank: rowIsBlank,
              submittedRows: submittedRows, REQUIRED: REQUIRED };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesForms = api;
})(this);
