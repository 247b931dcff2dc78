/* The SCO's launch page in an LMS, for both packages (course.scorm: "1.2" or "2004"):
 * one SCO for the whole course, the book in a frame beneath. It finds the LMS's API
 * (window.API for 1.2, window.API_1484_11 for 2004), starts the session once, brings the
 * record back from cmi.suspend_data, and reports after every change of the record: the
 * book's pages, in the frame, write it to this browser's storage, which tells this page
 * through `storage` events, so the book itself needs no change. At the end of the visit:
 * session time, exit « suspend » (the trainee comes back to the plan and documents after
 * the end), commit, finish. Rules: rules/scorm.js.
 *
 * When the LMS cannot keep the whole record (SCORM 1.2's 4,096 characters), the page says
 * what it will not keep, in a notice that stays, and offers « Exporter mon dossier ». */
(function (root) {
  "use strict";
  var S = root.PmesScormRules, R = root.PmesRecordRules, course = root.PmesScormCourse;
  var KEY = "pmesocial-record", EXPORT_NAME = "dossier-medias-sociaux-pme.json";
  var v2004 = course.scorm === "2004", LIMIT = S.LIMITS[v2004 ? "2004" : "1.2"];
  var LMS = v2004
    ? { name: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
        status: "cmi.completion_status", score: "cmi.score.", time: "cmi.session_time", exit: "cmi.exit" }
    : { name: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish",
        status: "cmi.core.lesson_status", score: "cmi.core.score.", time: "cmi.core.session_time", exit: "cmi.core.exit" };
  var status = document.getElementById("pmes-scorm-status");
  var notice = document.getElementById("pmes-scorm-notice");
  var frame = document.getElementById("pmes-scorm-book");
  var startedAt = Date.now(), finished = false, last = null, lostEarlier = [], pending = null;
  function typo(text) { return root.PmesTypography ? root.PmesTypography.typo(text) : text; }
  function say(text) { status.textContent = typo(text); }

  /* This browser's copy of the record: the only place this page touches storage. */
  var stored = {
    read: function () { try { return root.localStorage.getItem(KEY); } catch (e) { return null; } },
    write: function (text) { try { root.localStorage.setItem(KEY, text); return true; } catch (e) { return false; } }
  };
  function load() {
    var text = stored.read();
    if (!text) return null;
    try { return R.parse(text); } catch (e) { return null; }
  }

  function search(win) {  // the standard search: up the frames, at most a few levels
    for (var n = 0; win && n < 8; n++) {
      try { if (win[LMS.name]) return win[LMS.name]; } catch (e) { return null; }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = (root.parent !== root ? search(root.parent) : null) || (root.opener ? search(root.opener) : null);
  function lms(method) { return String(api[LMS[method]].apply(api, Array.prototype.slice.call(arguments, 1))); }

  /* ---------- the lasting notice: what the LMS does not keep ---------- */
  function exportRecord() {
    var text = stored.read() || "";
    var blob = new Blob([text ? JSON.stringify(JSON.parse(text), null, 1) : ""], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = EXPORT_NAME;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function paragraph(text) { var p = document.createElement("p"); p.textContent = typo(text); return p; }
  var shown = "";
  function showLost(codes, cameBackShort) {
    var lines = S.lostText(codes, course), key = JSON.stringify([lines, cameBackShort]);
    if (key === shown) return;
    shown = key;
    notice.textContent = "";
    notice.hidden = !lines.length;
    if (!lines.length) return;
    var box = document.createElement("details");
    box.open = true;
    var summary = document.createElement("summary");
    summary.id = "pmes-scorm-notice-title";
    summary.textContent = typo("Votre plateforme de formation ne gardera pas tout votre dossier");
    box.appendChild(summary);
    var size = (v2004 ? "64 000" : "4 096") + " caractères au plus, SCORM " + (v2004 ? "2004" : "1.2");
    box.appendChild(paragraph(cameBackShort
      ? "À votre dernière visite, elle n'a pas pu tout garder (" + size + ") : ceci n'est pas revenu dans ce navigateur :"
      : "Elle garde " + size + " : ceci reste dans ce navigateur, mais ne reviendra pas si vous reprenez le cours " +
        "sur un autre poste ou dans un autre navigateur :"));
    var list = document.createElement("ul");
    lines.forEach(function (line) { var li = document.createElement("li"); li.textContent = typo(line); list.appendChild(li); });
    box.appendChild(list);
    if (cameBackShort) box.appendChild(paragraph("Si vous aviez exporté votre dossier, importez ce fichier sur la page « Mon dossier de formation »."));
    box.appendChild(paragraph("Pour garder tout votre dossier, exportez-le et gardez le fichier : sur un autre poste, " +
      "importez-le sur la page « Mon dossier de formation »."));
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = typo("Exporter mon dossier");
    button.addEventListener("click", exportRecord);
    box.appendChild(button);
    notice.appendChild(box);
  }

  /* ---------- the session ---------- */
  var cameBackShort = false;
  function restore() {
    var got;
    try { got = S.decode(lms("get", "cmi.suspend_data"), course); } catch (e) {
      say("La reprise enregistrée par la plateforme n'a pas pu être lue : " + e.message +
          " Le cours continue avec ce que ce navigateur garde ; rien n'est effacé.");
      return;
    }
    if (!got) return;
    var local = load();
    var record = local ? S.merge(local, got.record) : { record: got.record, changed: true };
    if (record.changed && !stored.write(JSON.stringify(record.record))) {
      got.notices.push("Ce navigateur refuse de garder votre dossier : ce qui vient de la plateforme ne sera pas gardé ici.");
    }
    lostEarlier = got.lost;
    cameBackShort = got.lost.length > 0;
    if (got.notices.length) say(got.notices.join(" "));
  }
  function report() {
    if (pending) { clearTimeout(pending); pending = null; }
    var record = load();
    if (!api || finished || !record) return;
    var r = S.report(record, course);
    if (lms("get", LMS.status) !== "completed") lms("set", LMS.status, r.lesson_status);
    if (v2004) {
      lms("set", "cmi.progress_measure", String(r.progress));
      lms("set", "cmi.success_status", S.success(r, lms("get", "cmi.scaled_passing_score")));
      if (r.scaled !== null) lms("set", "cmi.score.scaled", String(r.scaled));
    }
    if (r.score !== null) {
      lms("set", LMS.score + "min", "0");
      lms("set", LMS.score + "max", "100");
      lms("set", LMS.score + "raw", String(r.score));
    }
    var packed = S.encode(record, course, LIMIT, lostEarlier);
    if (packed.text !== last && packed.text.length <= LIMIT) {
      lms("set", "cmi.suspend_data", packed.text);
      last = packed.text;
    }
    showLost(packed.dropped, cameBackShort && lostEarlier.some(function (code) { return packed.dropped.indexOf(code) >= 0; }));
    lms("commit", "");
  }
  function later() {  // several changes in a row (a test handed in) make one report
    if (pending) clearTimeout(pending);
    pending = setTimeout(report, 300);
  }
  function finish() {
    if (!api || finished) return;
    report();
    finished = true;
    lms("set", LMS.time, (v2004 ? S.sessionTime2004 : S.sessionTime)(Date.now() - startedAt));
    lms("set", LMS.exit, "suspend");
    lms("commit", "");
    lms("finish", "");
  }

  if (!api) {
    say("Aucune plateforme de formation (LMS) n'a été trouvée : le cours s'ouvre, mais votre progression ne lui est pas transmise.");
  } else if (lms("init", "") !== "true") {
    say("La plateforme de formation a refusé d'ouvrir la session : votre progression ne lui est pas transmise.");
    api = null;
  } else {
    var before = lms("get", LMS.status);
    restore();
    if (!before || before === "not attempted" || before === "unknown") lms("set", LMS.status, "incomplete");
    report();
    root.addEventListener("storage", function (event) { if (event.key === KEY) later(); });
    root.addEventListener("pagehide", finish);
    root.addEventListener("beforeunload", finish);
  }
  frame.src = "../index.html";
  root.PmesScormHost = { report: report, finish: finish, api: function () { return api; } };
})(this);
