/* A link to a legal rule (#loi-…) opens the folded box that holds it (kernel/law.py), in
 * browsers that do not open a <details> on fragment navigation by themselves. */
(function (root) {
  "use strict";
  function reveal() {
    var id = decodeURIComponent((root.location.hash || "").slice(1));
    var target = id && root.document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) node.open = true;
    }
    if (target) target.scrollIntoView();
  }
  root.addEventListener("hashchange", reveal);
  if (root.document.readyState === "loading") root.document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
})(this);
