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
  function submittedRows(values, fieldId) { return (values[fieldId] || []).filter(function (r) { return !rowIsBlank(r); }); }

  var api = { parseNumber: parseNumber, isBlank: isBlank, fieldError: fieldError, validate: validate, rowIsBlank: rowIsBlank,
              submittedRows: submittedRows, REQUIRED: REQUIRED };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesForms = api;
})(this);
