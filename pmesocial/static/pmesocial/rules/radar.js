/* The radar chart as a view (every number and string its one template draws),
 * mirroring pmesocial/rules/radar.py (tests/vectors/radar.json, node --test). */
(function (root) {
  "use strict";
  var fmt = root.PmesFormat || require("./format.js");
  var SIZE = 440, CENTER = 220, RADIUS = 140;
  var VIEWBOX = "-230 -10 " + (SIZE + 460) + " " + (SIZE + 20);

  function point(i, n, v) {
    var a = -Math.PI / 2 + 2 * Math.PI * i / n, r = RADIUS * v / 100;
    return [CENTER + r * Math.cos(a), CENTER + r * Math.sin(a)];
  }
  function fixed(x) { return fmt.number(x, 1).replace(",", ".").split(fmt.NNBSP).join(""); }
  function poly(points) { return points.map(function (p) { return fixed(p[0]) + "," + fixed(p[1]); }).join(" "); }
  function plain(v) { return fmt.decimal(v, 1); }
  function zeros(list) { return list.map(function (v) { return v === null || v === undefined ? 0 : v; }); }

  function radarView(labels, scores, title, svgId, band) {
    var n = labels.length, id = svgId || "pmes-radar";
    var values = zeros(scores);
    var desc = labels.map(function (l, i) {
      return l + " : " + (scores[i] === null || scores[i] === undefined ? "non renseigné" : scores[i] + " sur 100");
    }).join(" ; ");
    var bandPath = "";
    if (band) {
      var low = zeros(band[0]), high = zeros(band[1]);
      bandPath = "M" + poly(high.map(function (v, i) { return point(i, n, v); })) + "Z " +
                 "M" + poly(low.map(function (v, i) { return point(i, n, v); })) + "Z";
      desc += ". Bande claire : " + labels.map(function (l, i) { return l + " de " + plain(low[i]) + " à " + plain(high[i]); }).join(" ; ");
    }
    return {
      id: id, title: title, desc: desc, viewbox: VIEWBOX, center: CENTER,
      rings: [25, 50, 75, 100].map(function (lv) { return poly(labels.map(function (_, i) { return point(i, n, lv); })); }),
      axes: labels.map(function (_, i) { var p = point(i, n, 100); return { x: fixed(p[0]), y: fixed(p[1]) }; }),
      band: bandPath, shape: poly(values.map(function (v, i) { return point(i, n, v); })),
      dots: values.map(function (v, i) { var p = point(i, n, v); return { x: fixed(p[0]), y: fixed(p[1]) }; }),
      labels: labels.map(function (l, i) {
        var q = point(i, n, 118);
        var anchor = Math.abs(q[0] - CENTER) < 1 ? "middle" : (q[0] > CENTER ? "start" : "end");
        return { x: fixed(q[0]), y: fixed(q[1]), anchor: anchor, text: l + " (" + values[i] + ")" };
      })
    };
  }
  // its geometry, left out of typography (rules/radar.py GEOMETRY)
  var GEOMETRY = { id: true, viewbox: true, center: true, rings: true, axes: true, band: true, shape: true, dots: true,
                   x: true, y: true, anchor: true };
  /* French typography on a page view holding a radar under "radar": its texts, never its
   * geometry (rules/radar.py typo_view). */
  function typoView(view) {
    var T = root.PmesTypography || require("./typography.js");
    var typed = T.typoAll(view, { radar: true });
    if (view.radar) typed.radar = T.typoAll(view.radar, GEOMETRY);
    return typed;
  }
  var api = { radarView: radarView, GEOMETRY: GEOMETRY, typoView: typoView };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesRadar = api;
})(this);
