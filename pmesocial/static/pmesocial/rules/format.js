/* French formatting, the one place for it in the book's scripts, mirroring
 * pmesocial/rules/formatting.py: 1 234,5 · 78 % · 38 ans · 3ᵉ · 8 h 05 · 20 novembre 2026.
 * Checked against tests/vectors/formatting.json (node --test). */
(function (root) {
  "use strict";
  var NNBSP = "\u202f", NBSP = "\u00a0";
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"];
  // toFixed rounds half away from zero on the exact binary value; formatting.py does the same.
  function number(x, decimals) {
    var parts = Math.abs(x).toFixed(decimals || 0).split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
    return (x < 0 ? "-" : "") + whole + (parts[1] ? "," + parts[1] : "");
  }
  function decimal(x, most) {
    if (Number.isInteger(x)) return number(x, 0);
    return number(x, most === undefined ? 2 : most).replace(/0+$/, "").replace(/,$/, "");
  }
  function plainNumber(x) { return decimal(x, 2); }
  function withUnit(x, unit) {
    if (unit === "%") return plainNumber(x) + NNBSP + "%";
    if (unit === "rang") return x === 1 ? "1er" : plainNumber(x) + "ᵉ";
    if (unit === "année") return String(Math.trunc(x));
    if (unit === "années") return plainNumber(x) + NBSP + "ans";
    return unit ? plainNumber(x) + NBSP + unit : plainNumber(x);
  }
  function percent(x, decimals) { return number(x, decimals || 0) + NNBSP + "%"; }
  function duration(minutes) {
    minutes = Math.round(minutes);
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (hours === 0) return rest + NBSP + "min";
    return hours + NBSP + "h" + (rest ? NBSP + (rest < 10 ? "0" : "") + rest : "");
  }
  function dateFr(iso) {
    var text = String(iso || "");
    var month = /^(\d{4})-(\d{2})$/.exec(text);
    if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return MONTHS[Number(month[2]) - 1] + " " + month[1];
    if (text.length < 10) return text;
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (!m) return text;
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    var t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return String(iso);
    return (d === 1 ? "1er" : String(d)) + NBSP + MONTHS[mo - 1] + " " + y;
  }
  var api = { NNBSP: NNBSP, NBSP: NBSP, number: number, decimal: decimal, plainNumber: plainNumber, percent: percent,
              withUnit: withUnit, duration: duration, dateFr: dateFr };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesFormat = api;
})(this);
