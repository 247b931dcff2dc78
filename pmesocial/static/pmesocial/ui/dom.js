/* The one DOM builder of the book's scripts, and when to start them. */
(function (root) {
  "use strict";
  /* The one DOM builder of the book's scripts (budget, diagnostic and panel use it too):
   * text only through textContent and text nodes, never parsed as HTML. */
  /* Every text a script shows goes through the course's French typography. */
  function typo(text) { return root.PmesTypography ? root.PmesTypography.typo(text) : text; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = typo(attrs[k]);
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined && c !== false) node.appendChild(typeof c === "string" ? document.createTextNode(typo(c)) : c);
    });
    return node;
  }
  /* Run `fn` once the page and every deferred script are there (scripts of a page may
   * rely on one another, whatever their order), and once the browser has painted the
   * page's text: on a slow phone, the lesson shows first and its exercises right after. */
  function afterPaint(fn) {
    if (root.requestAnimationFrame) root.requestAnimationFrame(function () { setTimeout(fn, 0); });
    else setTimeout(fn, 0);
  }
  function ready(fn) {
    var done = false;
    function run() { if (!done) { done = true; afterPaint(fn); } }
    if (document.readyState === "complete") run();
    else { document.addEventListener("DOMContentLoaded", run); root.addEventListener("load", run); }
  }
  /* Render every host matching `selector`, in reading order, one host per task once the
   * page is painted: a module page of a dozen exercises never blocks a phone's main thread
   * for long (Lighthouse's total blocking time), and the first ones are there first.
   * `fn(host, store)`: without a store, a view keeps the record in this browser (ui/store.js). */
  function renderEach(selector, fn) {
    if (root.PmesMounts) { root.PmesMounts.push({ selector: selector, render: fn }); return; }  // in a kernel: ui/host.js mounts
    ready(function () {
      var hosts = Array.prototype.slice.call(document.querySelectorAll(selector));
      (function next(i) {
        if (i >= hosts.length) return;
        try { fn(hosts[i]); } finally { setTimeout(function () { next(i + 1); }, 0); }
      })(0);
    });
  }
  /* The author's data of a page checked with the same schema as in Python (an Ajv
   * validator of schemas/): [] when it is valid, else the French messages. */
  function problems(validate, data, where) {
    if (!validate || !root.PmesValidation) return [];
    return root.PmesValidation.schemaErrors(validate, data, where);
  }
  function problemBox(title, messages) {
    return el("div", { className: "pmes-feedback pmes-ko", role: "alert" }, [
      el("p", { text: title }), el("ul", {}, messages.slice(0, 8).map(function (m) { return el("li", { text: m }); }))]);
  }
  root.PmesDom = { el: el, ready: ready, renderEach: renderEach, problems: problems, problemBox: problemBox, typo: typo };
})(this);
