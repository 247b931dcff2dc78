/* A first-use notice at the top of a page, after its title (so headings stay in order),
 * until the reader presses its button: the privacy notice (ui/privacy.js) and the LRS one
 * (ui/lrs.js). Every text goes through textContent, with French typography. */
(function (root) {
  "use strict";
  function typo(text) { return root.PmesTypography ? root.PmesTypography.typo(text) : text; }
  function mainOf(doc) { return doc.querySelector("article.bd-article") || doc.querySelector("main") || doc.body; }
  function show(spec) {
    var main = mainOf(document);
    if (!main) return null;
    var box = document.createElement("section");
    box.className = "pmes-notice " + spec.className;
    // the theme's own colours; the notice may land on a page with no course stylesheet.
    // A floating notice is read right after the title but shown at the bottom of the
    // screen: drawn after the page, it must not push the page down (layout shift).
    box.style.cssText = "border:2px solid var(--pst-color-info, #1a6fb0);border-radius:.5rem;padding:.75rem 1rem;" +
      (spec.floating ? "position:fixed;z-index:1050;left:.5rem;right:.5rem;bottom:.5rem;max-width:48rem;margin:0 auto;" +
                       "max-height:45vh;overflow-y:auto;background:var(--pst-color-background, #fff);" +
                       "box-shadow:0 .25rem 1rem rgba(0,0,0,.3)"
                     : "margin:0 0 1.25rem;background:var(--pst-color-info-bg, transparent)");
    if (spec.floating) box.tabIndex = 0;  // a region the keys can scroll when the text is longer than the box
    box.setAttribute("aria-labelledby", spec.id + "-title");
    var h = document.createElement("h2");
    h.id = spec.id + "-title";
    h.style.cssText = "font-size:1.2rem;margin:0 0 .5rem";
    h.textContent = typo(spec.title);
    box.appendChild(h);
    spec.paragraphs.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = typo(text);
      box.appendChild(p);
    });
    var ok = document.createElement("button");
    ok.type = "button";
    ok.className = "pmes-btn " + spec.className + "-ok";
    ok.textContent = typo(spec.ok);
    ok.addEventListener("click", function () { spec.onOk(); box.remove(); });
    box.appendChild(ok);
    var title = main.querySelector("h1");
    if (title) title.parentNode.insertBefore(box, title.nextSibling); else main.insertBefore(box, main.firstChild);
    return box;
  }
  function whenReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn();
  }
  root.PmesNotice = { show: show, typo: typo, mainOf: mainOf, whenReady: whenReady };
})(this);
