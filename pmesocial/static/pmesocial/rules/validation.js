/* The book's validators (Ajv, compiled from the same schema files as Python's) give
 * their errors in English and in their own order: these are the same French messages,
 * in the same order, as pmesocial/data/validation.py (tests/vectors/validation.json). */
(function (root) {
  "use strict";
  var WORDS = { minimum: "au moins", maximum: "au plus", exclusiveMinimum: "plus de", exclusiveMaximum: "moins de" };

  /* JSON as Python's json.dumps(separators=(", ", ": ")) writes it. */
  function json(value) {
    if (Array.isArray(value)) return "[" + value.map(json).join(", ") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).map(function (k) { return JSON.stringify(k) + ": " + json(value[k]); }).join(", ") + "}";
    }
    return JSON.stringify(value);
  }
  function show(value) { return typeof value === "string" ? "« " + value + " »" : json(value); }

  /* "/questions/0/options" -> ["questions", 0, "options"], numbers where the data is a list. */
  function pathOf(instancePath, data) {
    var out = [], node = data;
    instancePath.split("/").slice(1).forEach(function (raw) {
      var key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      var index = Array.isArray(node) ? Number(key) : key;
      out.push(index);
      node = node === null || node === undefined ? undefined : node[index];
    });
    return out;
  }
  function fieldPath(path) {
    var out = "";
    path.forEach(function (part) {
      out += typeof part === "number" ? "[" + part + "]" : (out ? "." + part : String(part));
    });
    return out || "(racine)";
  }
  function explain(e) {
    var p = e.params || {}, limit = p.limit;
    switch (e.keyword) {
      case "required": return "champ obligatoire manquant : « " + p.missingProperty + " »";
      case "additionalProperties": return "champ inconnu : « " + p.additionalProperty + " »";
      case "type": return "doit être de type " + String(p.type).split(",").join(" ou ") + ", trouvé : " + show(e.data);
      case "enum": return "valeur " + show(e.data) + " non permise (attendu : " + p.allowedValues.map(show).join(", ") + ")";
      case "const": return "valeur " + show(e.data) + " non permise (attendu : " + show(p.allowedValue) + ")";
      case "minLength": return limit === 1 ? "ne doit pas être vide" : "trop court (au moins " + limit + " caractères)";
      case "maxLength": return "trop long (au plus " + limit + " caractères)";
      case "minItems": return "il faut au moins " + limit + " élément(s)";
      case "maxItems": return "il faut au plus " + limit + " élément(s)";
      case "maxProperties": return "il faut au plus " + limit + " champ(s)";
      case "pattern": return "valeur " + show(e.data) + " mal formée";
      case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
        return "valeur " + show(e.data) + " hors limites (" + WORDS[e.keyword] + " " + show(limit) + ")";
      case "anyOf": case "oneOf": return "valeur non valide : elle ne correspond à aucune des formes permises";
      default: return "valeur non valide (" + e.keyword + ")";
    }
  }
  /* jsonschema reports an `if`/`then` failure by the `then` errors alone, and an anyOf
   * failure by one error, without those of each branch: the same here. */
  function kept(e) { return e.keyword !== "if" && !/\/(anyOf|oneOf)\/\d+(\/|$)/.test(e.schemaPath); }
  function compareKeys(a, b) {
    for (var i = 0; i < Math.min(a.length, b.length); i++) { if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1; }
    return a.length - b.length;
  }
  /* [[path, message]] for `data` under a compiled validator, sorted by field then text. */
  function schemaMessages(validate, data) {
    if (validate(data)) return [];
    var pairs = validate.errors.filter(kept).map(function (e) { return [pathOf(e.instancePath, data), explain(e)]; });
    pairs.sort(function (a, b) {
      return compareKeys(a[0].map(String), b[0].map(String)) || (a[1] < b[1] ? -1 : (a[1] > b[1] ? 1 : 0));
    });
    var seen = {};
    return pairs.filter(function (pair) {
      var key = JSON.stringify([pair[0].map(String), pair[1]]);
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }
  function schemaErrors(validate, data, where) {
    return schemaMessages(validate, data).map(function (pair) { return where(pair[0]) + " : " + pair[1]; });
  }
  /* Where a bank's error is, as pmesocial/data/banks.py says it. */
  function bankWhere(source, data) {
    return function (path) {
      if (path.length >= 2 && path[0] === "questions" && typeof path[1] === "number") {
        var q = (data.questions || [])[path[1]];
        var qid = q && typeof q === "object" && q.id ? q.id : "#" + (path[1] + 1);
        return source + " : question « " + qid + " », champ « " + (path.length > 2 ? fieldPath(path.slice(2)) : "(question)") + " »";
      }
      return source + " : champ « " + fieldPath(path) + " »";
    };
  }
  function fieldWhere(source) { return function (path) { return source + " : champ « " + fieldPath(path) + " »"; }; }

  var api = { show: show, fieldPath: fieldPath, schemaMessages: schemaMessages, schemaErrors: schemaErrors,
              bankWhere: bankWhere, fieldWhere: fieldWhere };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesValidation = api;
})(this);
