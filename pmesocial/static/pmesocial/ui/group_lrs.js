/* The trainer's group view read from the training body's LRS, with no kernel: the
 * trainer gives the LRS address, the trainer's account (reading) and the group's session
 * (registration); the statements are read page by page (`more`), rebuilt into records by
 * rules/xapi.js (the same rule as Python's), and shown by PmesGroupView like dropped
 * files. The password stays in this page: nothing is kept or sent elsewhere. */
(function (root) {
  "use strict";
  var X = root.PmesXapi, D = root.PmesDom;
  var el = function (tag, attrs, children) { return D.el(tag, attrs, children); };

  function readAll(endpoint, auth, registration, onPage) {
    var base = /\/$/.test(endpoint) ? endpoint : endpoint + "/";
    var origin = new URL(base).origin, found = [];
    function page(url) {
      return root.fetch(url, { headers: { Authorization: auth, "X-Experience-API-Version": X.VERSION },
                               credentials: "omit", cache: "no-store" })
        .then(function (response) {
          if (response.status === 401 || response.status === 403) {
            throw new Error("L'entrepôt refuse la lecture à ce compte : il faut le compte du formateur (lecture), " +
                            "pas celui d'un stagiaire (écriture seule).");
          }
          if (!response.ok) throw new Error("L'entrepôt d'apprentissage a répondu " + response.status + " à la lecture.");
          return response.json();
        }, function () {
          throw new Error("L'entrepôt d'apprentissage (" + base + ") ne répond pas : vérifiez l'adresse et le réseau.");
        })
        .then(function (data) {
          found = found.concat(data.statements || []);
          if (onPage) onPage(found.length);
          var more = data.more || "";
          return more ? page(more.charAt(0) === "/" ? origin + more : more) : found;
        });
    }
    return page(base + "statements" + (registration ? "?registration=" + encodeURIComponent(registration) : ""));
  }

  function basic(user, password) {
    var bytes = new TextEncoder().encode(user + ":" + password), text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return "Basic " + root.btoa(text);
  }

  function render(host) {
    var form = el("form", { className: "pmes-group-lrs-form" });
    function field(id, label, type, value) {
      var input = el("input", { id: id, type: type, value: value || "", autocomplete: type === "password" ? "current-password" : "off" });
      form.appendChild(el("div", { className: "pmes-classify-row" }, [el("label", { "for": id, text: label }), input]));
      return input;
    }
    var endpoint = field("pmes-lrs-endpoint", "Adresse de l'entrepôt (xAPI)", "url", "http://127.0.0.1:8100/xAPI/");
    var user = field("pmes-lrs-user", "Compte du formateur", "text", "formateur");
    var password = field("pmes-lrs-password", "Mot de passe", "password", "");
    var registration = field("pmes-lrs-registration", "Session du groupe (registration)", "text", "");
    var go = el("button", { type: "submit", className: "pmes-btn pmes-check", text: "Lire le groupe dans l'entrepôt" });
    form.appendChild(el("div", { className: "pmes-buttons" }, [go]));
    var status = el("p", { className: "pmes-group-lrs-status", role: "status", "aria-live": "polite" });
    var view = el("div", { className: "pmes-group-lrs-view" });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var reg = registration.value.trim();
      status.textContent = D.typo("Lecture en cours…");
      view.textContent = "";
      readAll(endpoint.value.trim(), basic(user.value.trim(), password.value), reg, function (n) {
        status.textContent = D.typo(n + " déclaration(s) lue(s)…");
      }).then(function (statements) {
        // only what the LRS vouches for, in the order it stored it (rules/xapi.js, as in Python)
        var group = X.groupFromStatements(statements, root.PmesXapiProfile);
        status.textContent = D.typo(statements.length + " déclaration(s), " + group.records.length + " stagiaire(s).");
        root.PmesGroupView.show(view, group.records, group.rejected, { anonymous: true, source: "entrepôt d'apprentissage" });
      }, function (error) {
        status.textContent = "";
        view.appendChild(el("p", { className: "pmes-feedback pmes-ko", role: "alert", text: error.message }));
      });
    });
    host.textContent = "";
    host.appendChild(form);
    host.appendChild(status);
    host.appendChild(view);
  }

  // rendered by ui/group_view.js, inside the group-view page
  root.PmesGroupLrs = { readAll: readAll, render: render, basic: basic };
})(this);
