// « Mode projection » of the course's Voilà demo (README, « Pour le formateur »): text of
// 20 px or more for a projector at 1366 × 768 (course.css, :root.pmes-projection). It is
// on when the address says ?projection=1; the toggle rewrites the address, so a reload
// keeps it, and so does « Tous les modules » (the start page passes it on to each module).
(function () {
  "use strict";
  var PARAM = "projection";

  function isOn() {
    return new URLSearchParams(window.location.search).get(PARAM) === "1";
  }

  function apply() {
    var on = isOn();
    document.documentElement.classList.toggle("pmes-projection", on);
    document.querySelectorAll(".pmes-projection-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", String(on));
    });
    document.querySelectorAll("a.pmes-voila-home").forEach(function (link) {
      link.search = on ? "?" + PARAM + "=1" : "";
    });
  }

  apply(); // in the page's head: it opens at its final size
  document.addEventListener("DOMContentLoaded", apply);
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest(".pmes-projection-toggle")) {
      return;
    }
    var url = new URL(window.location.href);
    if (isOn()) {
      url.searchParams.delete(PARAM);
    } else {
      url.searchParams.set(PARAM, "1");
    }
    window.history.replaceState(null, "", url);
    apply();
  });
})();
