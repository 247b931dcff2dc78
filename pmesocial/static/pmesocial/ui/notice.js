/* A first-use notice at the top of a page, after its title (so headings stay in order),
 * until the reader presses its button: the privacy notice (ui/privacy.js) and the LRS one
 * (ui/lrs.js). Every text goes through textContent, with French typography. */
(function (root) {
  "use strict";
  function typo(text) { return root.PmesTypography ? root.PmesTypography.typo(text) : text; }
  function mainOf(doc) { return doc.querySelector("article.bd-article") || doc.querySelector("main") || doc.body; }
  /* One notice at a time: a second one (the LRS notice on a launch link's first page)
   * waits until the first is acknowledged. */
  var current = null, waiting = [];
  function show(spec) {
    var main = mainOf(document);
    if (!main) return null;
    if (current && document.contains(current)) { waiting.push(spec); return null; }
    var box = document.createElement("section");
    box.className = "pmes-notice " + spec.className;
    // the theme's own colours; the notice may land on a page with no course stylesheet.
    // A floating notice is read right after the title but shown at the bottom of the
    // screen: drawn after the page, it must not push the page down (layout shift). On a
    // phone it takes at most a third of the screen: the short text and the button stay in
    // sight, the full text scrolls between them (flex column).
    box.style.cssText = "border:2px solid var(--pst-color-info, #1a6fb0);border-radius:.5rem;padding:.6rem .9rem;" +
      (spec.floating ? "position:fixed;z-index:1050;left:.5rem;right:.5rem;bottom:.5rem;max-width:48rem;margin:0 auto;" +
                       "max-height:33vh;display:flex;flex-direction:column;background:var(--pst-color-background, #fff);" +
                       "box-shadow:0 .25rem 1rem rgba(0,0,0,.3)"
                     : "margin:0 0 1.25rem;background:var(--pst-color-info-bg, transparent)");
    box.setAttribute("aria-labelledby", spec.id + "-title");
    var h = document.createElement("h2");
    h.id = spec.id + "-title";
    h.style.cssText = "font-size:1.1rem;margin:0 0 .3rem;flex:none";
    h.textContent = typo(spec.title);
    box.appendChild(h);
    var body = box;
    if (spec.summary) {  // the short text, then the full one behind « more »
      var lead = document.createElement("p");
      lead.className = "pmes-notice-summary";
      lead.style.cssText = "margin:0 0 .3rem;flex:none";
      lead.textContent = typo(spec.summary);
      box.appendChild(lead);
      var more = document.createElement("details");
      more.style.cssText = "flex:0 1 auto;min-height:0;overflow-y:auto;margin:0 0 .4rem";
      more.tabIndex = -1;
      var label = document.createElement("summary");
      label.style.cssText = "min-height:44px;display:flex;align-items:center;cursor:pointer;text-decoration:underline";
      label.textContent = typo(spec.more);
      more.appendChild(label);
      box.appendChild(more);
      body = more;
    }
    spec.paragraphs.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = typo(text);
      body.appendChild(p);
    });
    var ok = document.createElement("button");
    ok.type = "button";
    ok.className = "pmes-btn " + spec.className + "-ok";
    ok.style.cssText = "min-height:44px;min-width:44px;flex:none;align-self:flex-start";
    ok.textContent = typo(spec.ok);
    ok.addEventListener("click", function () {
      spec.onOk();
      box.remove();
      current = null;
      if (waiting.length) show(waiting.shift());
    });
    box.appendChild(ok);
    var title = main.querySelector("h1");
    if (title) title.parentNode.insertBefore(box, title.nextSibling); else main.insertBefore(box, main.firstChild);
    current = box;
    return box;
  }
  function whenReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn();
  }
  root.PmesNotice = { show: show, typo: typo, mainOf: mainOf, whenReady: whenReady };
})(this);
