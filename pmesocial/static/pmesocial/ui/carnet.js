/* « Mon carnet » in the book: the view of rules/carnet.js in the one template
 * (ui/documents.js), typographed before it is escaped as in a kernel. The course context it
 * reads (carnet-context.js, written at build time, ~440 KB) is fetched only when a reader
 * asks for the carnet: the page names it in a script element that does not run
 * (type text/x-pmesocial-later), so that the build's hashed file names reach it. */
(function (root) {
  "use strict";
  var FAILED = "Le carnet n'a pas pu être préparé : rechargez la page, puis réessayez.";
  var pending = null;
  function context() {
    if (root.PmesCarnetContext) return Promise.resolve(root.PmesCarnetContext);
    if (!pending) {
      pending = new Promise(function (resolve, reject) {
        var named = document.getElementById("pmes-carnet-context");
        if (!named) { reject(new Error(FAILED)); return; }
        var script = document.createElement("script");
        script.src = named.src;
        script.onload = function () { if (root.PmesCarnetContext) resolve(root.PmesCarnetContext); else reject(new Error(FAILED)); };
        script.onerror = function () { reject(new Error(FAILED)); };
        document.head.appendChild(script);
      }).catch(function (e) { pending = null; throw e; });  // a later click tries again
    }
    return pending;
  }
  function html(record, ctx, today) {
    var carnet = root.PmesCarnet;
    return root.PmesDocuments.render("carnet", root.PmesTypography.typoAll(carnet.carnetView(record, ctx, today), carnet.RAW_KEYS));
  }
  /* Resolves once the file is offered; rejects with a French message. */
  function download(record, today) {
    return context().then(function (ctx) {
      root.PmesRecord.download("mon-carnet-medias-sociaux-pme.html", html(record, ctx, today), "text/html");
    });
  }
  root.PmesCarnetUi = { download: download, html: html, context: context };
})(this);
