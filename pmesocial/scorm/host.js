/* The SCO's launch page in an LMS (SCORM 1.2): one SCO for the whole course, the book
 * in a frame beneath. It finds the LMS's API, starts the session once, restores the
 * record from cmi.suspend_data when this browser lacks it, and reports after every
 * change of the record: the book's pages, in the frame, write it to localStorage, which
 * tells this page through `storage` events, so the book itself needs no change. At the
 * end of the visit: session time, commit, finish. Rules: rules/scorm.js. */
(function (root) {
  "use strict";
  var S = root.PmesScormRules, R = root.PmesRecordRules, course = root.PmesScormCourse;
  var KEY = "pmesocial-record";
  var status = document.getElementById("pmes-scorm-status");
  var frame = document.getElementById("pmes-scorm-book");
  var startedAt = Date.now(), finished = false, last = null;
  function say(text) { status.textContent = root.PmesTypography ? root.PmesTypography.typo(text) : text; }

  function search(win) {  // the standard search: up the frames, at most a few levels
    for (var n = 0; win && n < 8; n++) {
      try { if (win.API) return win.API; } catch (e) { return null; }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = (root.parent !== root ? search(root.parent) : null) || (root.opener ? search(root.opener) : null);

  function load() {
    var text = null;
    try { text = root.localStorage.getItem(KEY); } catch (e) { return null; }
    if (!text) return null;
    try { return R.parse(text); } catch (e) { return null; }
  }
  function restore() {
    var saved = api.LMSGetValue("cmi.suspend_data");
    var got;
    try { got = S.decode(saved, course); } catch (e) {
      say("La reprise enregistrée par la plateforme n'a pas pu être lue : " + e.message +
          " Le cours continue avec ce que ce navigateur garde ; rien n'est effacé.");
      return;
    }
    if (!got) return;
    var local = load();
    var record = local ? S.merge(local, got.record) : { record: got.record, changed: true };
    if (record.changed) {
      try { root.localStorage.setItem(KEY, JSON.stringify(record.record)); } catch (e) { /* private mode */ }
    }
    if (got.notices.length) say(got.notices.join(" "));
  }
  function report() {
    var record = load();
    if (!api || finished || !record) return;
    var r = S.report(record, course);
    if (api.LMSGetValue("cmi.core.lesson_status") !== "completed") api.LMSSetValue("cmi.core.lesson_status", r.lesson_status);
    if (r.score !== null) {
      api.LMSSetValue("cmi.core.score.min", "0");
      api.LMSSetValue("cmi.core.score.max", "100");
      api.LMSSetValue("cmi.core.score.raw", String(r.score));
    }
    var packed = S.encode(record, course);
    if (packed.text !== last) {
      api.LMSSetValue("cmi.suspend_data", packed.text);
      last = packed.text;
    }
    api.LMSCommit("");
  }
  function finish() {
    if (!api || finished) return;
    report();
    finished = true;
    var record = load();
    var done = record && S.report(record, course).lesson_status === "completed";
    api.LMSSetValue("cmi.core.session_time", S.sessionTime(Date.now() - startedAt));
    api.LMSSetValue("cmi.core.exit", done ? "" : "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
  }

  if (!api) {
    say("Aucune plateforme de formation (LMS) n'a été trouvée : le cours s'ouvre, mais votre progression ne lui est pas transmise.");
  } else if (String(api.LMSInitialize("")) !== "true") {
    say("La plateforme de formation a refusé d'ouvrir la session : votre progression ne lui est pas transmise.");
    api = null;
  } else {
    var before = api.LMSGetValue("cmi.core.lesson_status");
    restore();
    if (!before || before === "not attempted") api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    report();
    root.addEventListener("storage", function (event) { if (event.key === KEY) report(); });
    root.addEventListener("pagehide", finish);
    root.addEventListener("beforeunload", finish);
  }
  frame.src = "../index.html";
  root.PmesScormHost = { report: report, finish: finish, api: function () { return api; } };
})(this);
