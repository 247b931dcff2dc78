/* What the course accepts to read: a trainee's record, an import, a trainer's group files.
 * The same limits (schemas/limits.js, generated from pmesocial/schemas/limits.json) and the
 * same checks as pmesocial/limits.py, checked on tests/vectors/limits.json: a file's size,
 * UTF-8 (a BOM dropped), nesting depth counted on the text (before any parser), numbers
 * finite and within ±limit, strings within their length in code points, scores within
 * their maximum. A lone surrogate in a string is replaced by U+FFFD, the rest kept. */
(function (root) {
  "use strict";
  var LIMITS = root.PmesSchemas && root.PmesSchemas.limits ? root.PmesSchemas.limits : require("../schemas/limits.js");
  var TOO_BIG = "Ce fichier est trop gros (plus de " + Math.floor(LIMITS.file_bytes / 1000000) + " Mo) : " +
                "ce n'est pas un dossier exporté par le cours.";
  var NOT_UTF8 = "Ce fichier n'est pas un texte lisible (il n'est pas en UTF-8) : ce n'est pas un dossier exporté par le cours.";
  var NOT_JSON = "Ce fichier n'est pas un dossier lisible : il est incomplet ou abîmé.";
  var TOO_DEEP = "Ce fichier a trop de niveaux imbriqués (plus de " + LIMITS.depth + ") : " +
                 "ce n'est pas un dossier exporté par le cours.";
  function badNumber(where) { return "Ce fichier contient un nombre trop grand ou invalide (partie « " + where + " ») : il ne peut pas être utilisé."; }
  function longText(where) { return "Ce fichier contient un texte trop long (partie « " + where + " ») : il ne peut pas être utilisé."; }
  function damaged(where) { return "Ce dossier est endommagé (partie « " + where + " ») et ne peut pas être utilisé."; }

  /* A file's size in bytes, before reading it (a browser reads a whole file at once). */
  function checkSize(bytes) { if (bytes > LIMITS.file_bytes) throw new Error(TOO_BIG); }
  /* A file's bytes (Uint8Array) -> its text: UTF-8, with or without a BOM (TextDecoder drops
   * it, as Python's utf-8-sig does); anything else refused. */
  function decodeFile(bytes) {
    checkSize(bytes.length);
    try { return new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch (e) { throw new Error(NOT_UTF8); }
  }

  function tooDeep(text) {
    var tokens = /"(?:[^"\\]|\\[\s\S])*"|[\[\]{}]/g, depth = 0, m;
    while ((m = tokens.exec(text)) !== null) {
      var mark = m[0];
      if (mark === "[" || mark === "{") { if (++depth > LIMITS.depth) return true; }
      else if (mark === "]" || mark === "}") depth--;
    }
    return false;
  }
  /* Lone halves of UTF-16 pairs replaced by U+FFFD (String.prototype.toWellFormed). */
  function wellFormed(s) {
    if (!/[\uD800-\uDFFF]/.test(s)) return s;
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xFC00) === 0xDC00) {
        out += s.charAt(i) + s.charAt(i + 1); i++;
      } else if (c >= 0xD800 && c <= 0xDFFF) out += "\uFFFD";
      else out += s.charAt(i);
    }
    return out;
  }
  function codePoints(s) {  // a well-formed string's length as Python counts it
    if (s.length <= LIMITS.string) return s.length;
    var n = 0;
    for (var i = 0; i < s.length; i++) { n++; if ((s.charCodeAt(i) & 0xFC00) === 0xD800) i++; }
    return n;
  }
  /* Python's order of strings (code points): UTF-16 puts astral characters before U+E000. */
  function byCodePoint(a, b) {
    for (var i = 0; i < Math.min(a.length, b.length); i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) {
        if (x >= 0xD800 && x <= 0xDFFF) x += 0x10000;
        if (y >= 0xD800 && y <= 0xDFFF) y += 0x10000;
        return x - y;
      }
    }
    return a.length - b.length;
  }
  function where(path) { return path.join("/") || "racine"; }
  function own(obj, key, value) {  // a key such as "__proto__" stays a plain key
    Object.defineProperty(obj, key, { value: value, enumerable: true, writable: true, configurable: true });
  }
  function checked(value, path) {
    if (typeof value === "string") {
      value = wellFormed(value);
      if (codePoints(value) > LIMITS.string) throw new Error(longText(where(path)));
      return value;
    }
    if (typeof value === "number") {
      if (!isFinite(value) || Math.abs(value) > LIMITS.number) throw new Error(badNumber(where(path)));
      return value + 0;  // -0 is 0, as Python reads "-0"
    }
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(function (item, n) { return checked(item, path.concat([n])); });
    var keys = Object.keys(value), out = value;
    if (keys.some(function (k) { return wellFormed(k) !== k; })) {  // renamed keys: a new object, the last one wins
      out = {};
      keys.forEach(function (k) { own(out, wellFormed(k), value[k]); });
      keys = Object.keys(out);
    }
    keys.sort(byCodePoint).forEach(function (k) {
      if (codePoints(k) > LIMITS.string) throw new Error(longText(where(path.concat([k]))));
      own(out, k, checked(out[k], path.concat([k])));
    });
    return out;
  }
  /* JSON text -> value within the limits, or an Error with the French message. */
  function loadJson(text) {
    if (tooDeep(text)) throw new Error(TOO_DEEP);
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error(NOT_JSON); }
    return checked(data, []);
  }
  /* The first score past its maximum, or maximum past the limit, in a record its schema
   * accepted: its path, or null. */
  function pointsProblem(record) {
    var exercises = record.exercises || {}, keys = Object.keys(exercises).sort(byCodePoint);
    for (var i = 0; i < keys.length; i++) {
      var parts = ["first", "results"];
      for (var j = 0; j < parts.length; j++) {
        var part = exercises[keys[i]][parts[j]] || {}, ids = Object.keys(part).sort(byCodePoint);
        for (var k = 0; k < ids.length; k++) {
          var p = part[ids[k]];
          if (Object.prototype.hasOwnProperty.call(p, "score") && (p.score > p.max || p.max > LIMITS.points)) {
            return ["exercises", keys[i], parts[j], ids[k]];
          }
        }
      }
    }
    return null;
  }

  var api = { LIMITS: LIMITS, TOO_BIG: TOO_BIG, NOT_UTF8: NOT_UTF8, NOT_JSON: NOT_JSON, TOO_DEEP: TOO_DEEP,
              checkSize: checkSize, decodeFile: decodeFile, loadJson: loadJson, wellFormed: wellFormed,
              pointsProblem: pointsProblem, damaged: damaged, where: where };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesLimits = api;
})(this);
