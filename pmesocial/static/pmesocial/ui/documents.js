/* The documents filled in the book: the same Jinja templates as in a kernel
 * (pmesocial/templates/), precompiled for nunjucks (templates.js), whose autoescape
 * escapes every value; the views come from rules/documents.js. */
(function (root) {
  "use strict";
  var views = root.PmesDocumentViews || require("../rules/documents.js");
  var env = null;
  function render(name, view) {
    if (!env) {
      var nj = root.nunjucks || require("nunjucks/browser/nunjucks-slim.js");
      var templates = root.PmesTemplates || require("../templates.js");
      env = new nj.Environment(new nj.PrecompiledLoader(templates), { autoescape: true });
    }
    var html = env.render(/\.j2$/.test(name) ? name : name + ".html.j2", view);
    var typography = root.PmesTypography || require("../rules/typography.js");
    return typography.typoHtml(html);  // as kernel/documents.py does
  }
  function renderDocument(name, record, payload, today) { return render(name, views.viewFor(name, record, payload, today)); }
  /* The radar's one template, as an SVG element (its values are escaped by nunjucks). */
  function radarNode(view) {
    var box = document.createElement("div");
    box.innerHTML = render("radar.svg.j2", { radar: view });
    return box.firstElementChild;
  }
  var api = { render: render, renderDocument: renderDocument, radarNode: radarNode };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PmesDocuments = api;
})(this);
