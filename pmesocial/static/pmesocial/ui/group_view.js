/* The trainer's group view in the book, with no kernel: the trainer picks or drops the
 * files their trainees exported (or reads the LRS, ui/group_lrs.js); each file is read
 * by rules/group.js (a damaged one is set aside with its French reason), and the view is
 * the kernel's: the same rules, the same template (group_view.html.j2), escaped by
 * nunjucks. Anonymous unless the trainer ticks the box. Nothing leaves the page. */
(function (root) {
  "use strict";
  var D = root.PmesDom, G = root.PmesGroup;
  var el = function (tag, attrs, children) { return D.el(tag, attrs, children); };
  var context = null;  // the course as the rules read it (the page's JSON)

  /* Fill `host` with the view of these records (options: anonymous, source). */
  var judging = null;  // the « Juger une production » choice, kept across redraws
  function show(host, records, rejected, options) {
    options = options || {};
    var anonymous = options.anonymous !== false;
    if (root.PmesGroupJudge) root.PmesGroupJudge.apply(records);  // the trainer's own judgements, kept in this browser
    var summary = G.summaries(records, anonymous, context);
    var view = G.pageView(summary, rejected, options.source || "fichiers déposés", anonymous);
    host.innerHTML = root.PmesDocuments.render("group_view.html.j2", root.PmesRadar.typoView(view));
    if (!records.length) return;
    var save = el("button", { type: "button", className: "pmes-btn pmes-group-export", text: G.exportLabel(anonymous) });
    save.addEventListener("click", function () {  // pseudonymous unless the names are shown
      root.PmesRecord.download("resultats-du-groupe.csv", G.resultsCsv(view), "text/csv;charset=utf-8");
    });
    host.appendChild(el("p", {}, [save]));
    if (root.PmesGroupJudge && context.rubrics) {
      var judge = root.PmesGroupJudge.panel(summary.labelled, context, function () {
        judging = [judge.node.querySelector("#pmes-judge-who").value, judge.node.querySelector("#pmes-judge-what").value];
        show(host, records, rejected, options);
      }, judging);
      host.appendChild(judge.node);
    }
  }

  function readAll(files, onProgress) {
    var list = Array.prototype.slice.call(files).sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
    var records = [], rejected = [], validations = [], i = 0;
    function next() {
      if (i >= list.length) {  // a trainer's validation files go to the records they name
        rejected = rejected.concat(G.applyValidationFiles(records, validations));
        rejected.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
        return Promise.resolve({ records: records, rejected: rejected });
      }
      var file = list[i++];
      try { root.PmesLimits.checkSize(file.size); } catch (e) {  // not read at all: a browser reads a file whole
        rejected.push([file.name, e.message]);
        return next();
      }
      return file.arrayBuffer().then(function (buffer) {
        var got = G.readRecordFile(file.name, new Uint8Array(buffer));
        if (got.record) records.push(got.record);
        else if (got.validation) validations.push([file.name, got.validation]);
        else rejected.push([file.name, got.reason]);
      }, function () {
        rejected.push([file.name, "Ce fichier n'a pas pu être ouvert (erreur de lecture)."]);
      }).then(function () {
        if (onProgress && i % 200 === 0) onProgress(i, list.length);
        return next();
      });
    }
    return next();
  }

  function render(host) {
    var data = JSON.parse(host.querySelector("script[type='application/json']").textContent);
    context = data.context;
    var input = el("input", { id: "pmes-group-files", type: "file", multiple: true, accept: ".json,application/json",
                              className: "pmes-group-input" });
    var zone = el("div", { className: "pmes-group-drop" }, [
      el("label", { "for": "pmes-group-files", text: D.typo("Choisir les dossiers des stagiaires (fichiers .json)") }),
      input,
      el("p", { className: "pmes-group-hint", text: D.typo("…ou déposez-les ici. Ils restent sur cet appareil : rien n'est envoyé.") })]);
    var names = el("input", { id: "pmes-group-names", type: "checkbox" });
    var toggle = el("div", { className: "pmes-group-names" }, [names,
      el("label", { "for": "pmes-group-names", text: D.typo("Afficher les noms et les entreprises (pour votre seul usage)") })]);
    var status = el("p", { className: "pmes-group-status", role: "status", "aria-live": "polite" });
    var view = el("div", { className: "pmes-group-files-view" });
    var loaded = null;

    function refresh() {
      if (loaded) show(view, loaded.records, loaded.rejected, { anonymous: !names.checked, source: "fichiers déposés" });
    }
    function take(files) {
      if (!files || !files.length) return;
      status.textContent = D.typo("Lecture de " + files.length + " fichier(s)…");
      view.textContent = "";
      readAll(files, function (done, total) { status.textContent = D.typo(done + " fichier(s) lu(s) sur " + total + "…"); })
        .then(function (result) {
          loaded = result;
          status.textContent = D.typo(G.plural(result.records.length, "dossier lu", "dossiers lus") +
            (result.rejected.length ? ", " + G.plural(result.rejected.length, "fichier ignoré", "fichiers ignorés") : "") + ".");
          refresh();
        });
    }
    input.addEventListener("change", function () { take(input.files); });
    names.addEventListener("change", refresh);
    zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("pmes-group-over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("pmes-group-over"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("pmes-group-over");
      take(event.dataTransfer && event.dataTransfer.files);
    });

    var lrs = el("div", { className: "pmes-group-lrs" });
    host.textContent = "";
    [el("h2", { text: D.typo("Depuis les fichiers exportés") }), zone, toggle, status, view,
     el("h2", { text: D.typo("Depuis l'entrepôt d'apprentissage") }),
     el("p", { text: D.typo("Le compte du formateur (lecture) lit les déclarations d'une session ; les stagiaires y sont anonymes : " +
                            "leurs noms ne sont que dans votre propre liste.") }), lrs].forEach(function (n) { host.appendChild(n); });
    if (root.PmesGroupLrs) root.PmesGroupLrs.render(lrs);
  }

  root.PmesGroupView = { show: show, readAll: readAll, render: render };
  D.renderEach(".pmes-group-host", render);
})(this);
