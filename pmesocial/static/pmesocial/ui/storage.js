/* Every use of this browser's storage by the book goes through here, so that nothing is
 * lost without a word.
 *
 * A write that localStorage refuses (quota exceeded: one quota per origin, shared by every
 * site published there; private browsing; storage turned off) is kept for this tab in
 * sessionStorage (its own quota), or else for this page in memory, and read back from
 * there: reads follow writes, never a stale localStorage value. While something the
 * trainee did is kept only there, a lasting notice at the bottom of the screen says what
 * is not saved and offers « Exporter mon dossier ». A later page of the same tab finds what
 * was kept, tries localStorage again and says it again while it still does not fit.
 *
 * set(key, value, what): `what` names what the value is to the trainee ("record",
 * "queue", "judgements"); a value with no `what` (a notice seen, a name remembered) is
 * kept the same way, quietly. */
(function (root) {
  "use strict";
  var HELD = "pmesocial-secours|";  // sessionStorage prefix of what localStorage refused
  var RECORD_KEY = "pmesocial-record", EXPORT_NAME = "dossier-medias-sociaux-pme.json";
  var WHERE = { tab: "dans cet onglet tant qu'il est ouvert", page: "tant que cette page est ouverte" };
  var SAID = {  // what is not saved and where it is kept, as the trainee reads it
    record: function (where) {
      return "Vos réponses ne sont pas enregistrées dans ce navigateur (plus de place, ou enregistrement refusé). " +
             "Elles restent " + WHERE[where] + " : exportez votre dossier pour ne rien perdre.";
    },
    queue: function (where) {
      return "Vos résultats pour l'entrepôt d'apprentissage de votre formateur ne peuvent pas attendre dans ce navigateur : " +
             "ils restent " + WHERE[where] + ", le temps de partir.";
    },
    judgements: function (where) {
      return "Vos avis de formateur ne sont pas enregistrés dans ce navigateur. Ils restent " + WHERE[where] +
             " : téléchargez chaque validation pour ne rien perdre.";
    }
  };
  var memory = {};  // key -> {value, what}: what neither localStorage nor sessionStorage took
  var pinned = {};  // key -> true: never written to localStorage (what is there must stay)
  var watchers = [];

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function area(name) { try { return root[name] || null; } catch (e) { return null; } }  // access itself may throw
  function typo(text) { return root.PmesTypography ? root.PmesTypography.typo(text) : text; }

  /* ---------- what is held outside localStorage ---------- */
  function heldEntry(key) {
    if (has(memory, key)) return memory[key];
    var s = area("sessionStorage");
    try {
      var text = s ? s.getItem(HELD + key) : null;
      return text === null ? null : JSON.parse(text);
    } catch (e) { return null; }
  }
  function hold(key, value, what) {
    var entry = { value: value, what: what || "" }, s = area("sessionStorage");
    try { s.setItem(HELD + key, JSON.stringify(entry)); delete memory[key]; }
    catch (e) { memory[key] = entry; }
  }
  function release(key) {
    delete memory[key];
    var s = area("sessionStorage");
    try { if (s) s.removeItem(HELD + key); } catch (e) { /* nothing held there */ }
  }
  function heldKeys() {
    var keys = Object.keys(memory), s = area("sessionStorage");
    try {
      for (var i = 0; s && i < s.length; i++) {
        var k = s.key(i);
        if (k && k.indexOf(HELD) === 0 && keys.indexOf(k.slice(HELD.length)) < 0) keys.push(k.slice(HELD.length));
      }
    } catch (e) { /* no sessionStorage: memory only */ }
    return keys;
  }

  /* ---------- reads and writes ---------- */
  function get(key) {
    var held = heldEntry(key);
    if (held) return held.value;
    var l = area("localStorage");
    try { return l ? l.getItem(key) : null; } catch (e) { return null; }
  }
  /* localStorage only, or nothing: true when the value is there and reads back the same. */
  function store(key, value) {
    if (pinned[key]) return false;
    var l = area("localStorage");
    try {
      l.setItem(key, value);
      if (l.getItem(key) !== value) return false;
    } catch (e) { return false; }
    release(key);
    return true;
  }
  function set(key, value, what) {
    var stored = store(key, value);
    if (!stored) hold(key, value, what);
    refresh();
    return stored;
  }
  function remove(key) {
    var l = area("localStorage"), gone = false;
    if (!pinned[key]) { try { l.removeItem(key); gone = true; } catch (e) { /* refused */ } }
    if (gone) release(key); else hold(key, null, "");
    refresh();
  }
  function keys() {
    var out = [], l = area("localStorage");
    try { for (var i = 0; l && i < l.length; i++) out.push(l.key(i)); } catch (e) { /* refused: none */ }
    heldKeys().forEach(function (k) { if (out.indexOf(k) < 0) out.push(k); });
    return out;
  }
  /* « Effacer mon dossier »: every key with this prefix, wherever it is kept. */
  function erase(prefix) {
    var gone = keys().filter(function (k) { return k && k.indexOf(prefix) === 0; });
    var l = area("localStorage");
    gone.forEach(function (k) { try { l.removeItem(k); } catch (e) { /* refused */ } release(k); delete pinned[k]; });
    refresh();
    return gone;
  }
  /* What is in localStorage under `key` must not be overwritten (a record that could not
   * be set aside): later writes stay in this tab, and are said. */
  function pin(key, what) {
    pinned[key] = true;
    var held = heldEntry(key);
    if (!held) hold(key, null, what);
    refresh();
  }

  /* The tab's own settings (the launch link): sessionStorage, or this page. */
  var sessionMemory = {};
  function sessionGet(key) {
    if (has(sessionMemory, key)) return sessionMemory[key];
    var s = area("sessionStorage");
    try { return s ? s.getItem(key) : null; } catch (e) { return null; }
  }
  function sessionSet(key, value) {
    var s = area("sessionStorage");
    try { s.setItem(key, value); delete sessionMemory[key]; } catch (e) { sessionMemory[key] = value; }
  }

  /* Another tab changed `key` (the `storage` event): fn(newValue), null when removed. */
  function watch(key, fn) { watchers.push({ key: key, fn: fn }); }
  root.addEventListener("storage", function (event) {
    if (event.storageArea !== area("localStorage")) return;
    watchers.forEach(function (w) {
      if (event.key === w.key || event.key === null) w.fn(event.key === null ? null : event.newValue);
    });
  });

  /* ---------- the notice ---------- */
  function download(filename, text, type) {
    var blob = new Blob([text], { type: type });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function exportRecord() {
    var text = root.PmesRecord ? root.PmesRecord.exportText() : get(RECORD_KEY);
    if (text) download(EXPORT_NAME, text, "application/json");
  }
  /* What is not saved now: {what: where} with where "tab" or "page" (this page only). */
  function unsaved() {
    var out = {};
    heldKeys().forEach(function (key) {
      var entry = heldEntry(key);
      if (!entry || !entry.what || !SAID[entry.what]) return;
      if (has(memory, key)) out[entry.what] = "page";
      else if (!out[entry.what]) out[entry.what] = "tab";
    });
    return out;
  }
  /* What a « Enregistrer » button says once it has saved: `done` when the record reached
   * localStorage, else that it did not, where it is kept and what to do. */
  function savedStatus(done) {
    var where = unsaved().record;
    if (!where) return { ok: true, text: done };
    return { ok: false, text: "Pas enregistré dans ce navigateur : gardé " + WHERE[where] +
                              ". Exportez votre dossier (bouton en bas de l'écran)." };
  }
  var box = null;
  function refresh() {
    if (!root.document || !document.body) return;
    var now = unsaved(), what = Object.keys(SAID).filter(function (w) { return now[w]; });
    if (!what.length) {
      if (box) { box.remove(); box = null; document.body.style.paddingBottom = ""; document.documentElement.style.scrollPaddingBottom = ""; }
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.className = "pmes-storage-notice";
      box.setAttribute("role", "alert");
      box.setAttribute("aria-label", "Enregistrement impossible");
      // fixed at the bottom of the screen, at most a third of it; the page is padded so
      // that nothing stays hidden behind it
      box.style.cssText = "position:fixed;z-index:1060;left:0;right:0;bottom:0;max-height:33vh;overflow-y:auto;" +
        "padding:.5rem .75rem;background:var(--pst-color-background, #fff);color:var(--pst-color-text-base, #222);" +
        "border-top:3px solid #b3261e;box-shadow:0 -.25rem 1rem rgba(0,0,0,.25);font-size:.95rem;line-height:1.35";
      document.body.appendChild(box);
    }
    var lines = what.map(function (w) { return SAID[w](now[w]); });
    var text = lines.join("\n");
    if (box.getAttribute("data-text") === text) return;
    box.setAttribute("data-text", text);
    box.textContent = "";
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.style.cssText = "margin:0 0 .4rem";
      p.textContent = typo(line);
      box.appendChild(p);
    });
    if (now.record || get(RECORD_KEY)) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pmes-btn pmes-storage-export";
      button.style.cssText = "min-height:44px;min-width:44px;margin:0";
      button.textContent = "Exporter mon dossier";
      button.addEventListener("click", exportRecord);
      box.appendChild(button);
    }
    var height = box.getBoundingClientRect().height;
    document.body.style.paddingBottom = Math.ceil(height + 8) + "px";
    document.documentElement.style.scrollPaddingBottom = Math.ceil(height + 8) + "px";
    uncover();
  }
  /* The question being answered stays in sight above the notice: the control in use and
   * the first lines of what it says (its feedback), without losing the control itself. */
  function uncover() {
    var active = document.activeElement;
    if (!box || !active || active === document.body || box.contains(active)) return;
    var limit = box.getBoundingClientRect().top - 8, at = active.getBoundingClientRect(), want = at.bottom;
    var part = active.closest ? active.closest("fieldset, .pmes-form-field") : null;
    var said = part ? part.querySelector(".pmes-feedback") : null;
    if (said && said.textContent) {
      var r = said.getBoundingClientRect();
      want = Math.max(want, r.top + Math.min(r.height, 120));  // its verdict and first lines
    }
    if (want > limit) root.scrollBy(0, Math.min(want - limit, Math.max(0, at.top - 72)));
  }
  if (root.document) document.addEventListener("click", function () { if (box) setTimeout(uncover, 0); }, true);

  /* A page of the same tab: what an earlier page kept here goes back to localStorage if it
   * fits now, and is said if it still does not. */
  function retry() {
    heldKeys().forEach(function (key) {
      if (has(memory, key)) return;
      var entry = heldEntry(key);
      if (entry && entry.value !== null && !pinned[key]) store(key, entry.value);
    });
    refresh();
  }
  if (root.document && document.readyState === "loading") document.addEventListener("DOMContentLoaded", retry);
  else retry();

  root.PmesStorage = { get: get, set: set, store: store, remove: remove, keys: keys, erase: erase, pin: pin,
                       sessionGet: sessionGet, sessionSet: sessionSet, watch: watch, download: download,
                       unsaved: unsaved, savedStatus: savedStatus, exportRecord: exportRecord,
                       HELD: HELD };
})(this);
