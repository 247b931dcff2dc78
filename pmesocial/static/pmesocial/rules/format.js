/* French formatting, the one place for it in the book's scripts, mirroring
 * pmesocial/formatting.py: 1 234,5 · 78 % · 8 h 05 · 20 novembre 2026.
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
  function plainNumber(x) {
    if (Number.isInteger(x)) return number(x, 0);
    return number(x, 2).replace(/0+$/, "").replace(/,$/, "");
  }
  function percent(x, decimals) { return number(x, decimals || 0) + NNBSP + "%"; }
  function duration(minutes) {
    minutes = Math.round(minutes);
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (hours === 0) return rest + NBSP + "min";
    return hours + NBSP + "h" + (rest ? NBSP + (rest < 10 ? "0" : "") + rest : "");
  }
  function dateFr(iso) {
    if (!iso) return "";
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
    if (!m) return String(iso);
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    var t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return String(iso);
    return (d === 1 ? "1er" : String(d)) + NBSP + MONTHS[mo - 1] + " " + y;
  }
  var api = { NNBSP: NNBSP, NBSP: NBSP, number: number, plainNumber: plainNumber, percent: percent,
              duration: duration, dateFr: dateFr };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesFormat = api;
})(this);
