/* French typography, mirroring pmesocial/rules/typography.py rule for rule
 * (tests/vectors/typography.json, node --test): narrow no-break spaces before ; : ! ? %
 * and inside « », thousands grouped, a no-break space after a number, curly apostrophes,
 * superscript ordinals, an ellipsis. Applied to every text the book's scripts show. */
(function (root) {
  "use strict";
  var NNBSP = "\u202f", NBSP = "\u00a0";
  var W = "[\\p{L}\\p{N}_]", L = "[\\p{L}\\p{Nl}\\p{No}]", SP = "[ \\u00a0\\u202f]";
  var NOT_W_BEFORE = "(?<!" + W + ")", NOT_W_AFTER = "(?!" + W + ")";
  function rx(source) { return new RegExp(source, "gu"); }
  var RULES = [
    [rx("\\.\\.\\.(?!\\.)"), "…"],
    [rx("(?<=" + W + ")'(?=" + W + ")"), "’"],
    [rx(NOT_W_BEFORE + "1er" + NOT_W_AFTER), "1ᵉʳ"],
    [rx(NOT_W_BEFORE + "1(?:re|ère)" + NOT_W_AFTER), "1ʳᵉ"],
    [rx(NOT_W_BEFORE + "([0-9]+)(?:e|ème|eme)" + NOT_W_AFTER), "$1ᵉ"],
    [rx(NOT_W_BEFORE + "([IVXL]{2,})e" + NOT_W_AFTER), "$1ᵉ"],
    [rx("«" + SP + "*"), "«" + NNBSP],
    [rx(SP + "*»"), NNBSP + "»"],
    [rx(SP + "+([;!?])"), NNBSP + "$1"],
    [rx("(?<=" + W + "|[)\\]’…])([;!?])(?=[ \\u00a0\\u202f\\n]|$)"), NNBSP + "$1"],
    [rx(SP + "+:(?!//)"), NNBSP + ":"],
    [rx("(?<=" + L + ")(:)(?=[ \\u00a0\\u202f\\n]|$)"), NNBSP + ":"],
    [rx("(?<=[0-9])" + SP + "*%"), NNBSP + "%"]
  ];
  var THOUSANDS = rx("(?<![0-9,.])([0-9]{1,3})[ \\u00a0](?=[0-9]{3}(?![0-9]))");
  var UNITS = rx("(?<=[0-9]) (?=€|k€|M€|" + L + ")");

  function typo(text) {
    if (!text) return text;
    text = String(text);
    RULES.forEach(function (r) { text = text.replace(r[0], r[1]); });
    var previous = null;
    while (previous !== text) { previous = text; text = text.replace(THOUSANDS, "$1" + NNBSP); }
    return text.replace(UNITS, NBSP);
  }
  var ENTITY_OR_TAG = /(<[^>]*>|&[#\w]+;)/;
  var SKIP = /^<(script|style|code|pre|kbd|samp|textarea)\b/i;
  function typoHtml(html) {
    var skipUntil = null;
    return html.split(ENTITY_OR_TAG).map(function (part) {
      if (!part) return part;
      if (part.charAt(0) === "<") {
        if (skipUntil && new RegExp("^</" + skipUntil + "\\s*>", "i").test(part)) skipUntil = null;
        else if (!skipUntil) {
          var opening = SKIP.exec(part);
          if (opening && !/\/>$/.test(part)) skipUntil = opening[1];
        }
        return part;
      }
      if (part.charAt(0) === "&" || skipUntil) return part;
      return typo(part);
    }).join("");
  }
  function typoAll(value, skip) {
    skip = skip || {};
    if (typeof value === "string") return typo(value);
    if (Array.isArray(value)) return value.map(function (v) { return typoAll(v, skip); });
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = skip[k] ? value[k] : typoAll(value[k], skip); });
      return out;
    }
    return value;
  }
  var api = { typo: typo, typoHtml: typoHtml, typoAll: typoAll };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesTypography = api;
})(this);
