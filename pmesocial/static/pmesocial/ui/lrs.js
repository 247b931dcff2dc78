/* Results to the training body's learning record store, from the static book.
 *
 * The trainer gives each trainee a launch link (xAPI launch / cmi5 convention: endpoint,
 * auth, actor, registration in the query string). Any page of the book reads it, keeps it
 * for this browser session (sessionStorage) and takes it out of the address bar, so the
 * credential is not bookmarked or shared. Without a launch link nothing is sent.
 *
 * Statements (rules/xapi.js) get their id once, wait in localStorage and are sent in
 * order; an unreachable LRS leaves them waiting (retried with a growing delay, when the
 * browser is back online and on the next page), and a resend is harmless: the LRS keeps
 * one statement per id. When localStorage refuses the queue, ui/storage.js keeps it in
 * this tab and says so; they are sent from there. The first time a link is used, a
 * notice says what is sent, to whom and why. */
(function (root) {
  "use strict";
  var X = root.PmesXapi;
  var SETTINGS = "pmesocial-lrs", QUEUE = "pmesocial-xapi-attente", REFUSED = "pmesocial-xapi-refusees",
      SEEN = "pmesocial-lrs-avis";
  var BATCH = 50, MAX_DELAY = 60000;
  // the LRS refuses the statement itself (malformed, conflicting, too big for its proxy):
  // resending it unchanged cannot help, so it is set aside (never dropped)
  function refused(status) { return status === 400 || status === 409 || status === 413; }
  var S = root.PmesStorage;
  function readList(key) {
    try { var v = JSON.parse(S.get(key) || "[]"); return Array.isArray(v) ? v : []; } catch (e) { return []; }
  }
  var problems = [];  // French messages for the trainee (shown by the notice)
  function typo(text) { return root.PmesTypography ? root.PmesTypography.typo(text) : text; }

  function takeLaunch() {
    var launch = null;
    try { launch = X.parseLaunch(root.location.search); } catch (e) { problems.push(e.message); return; }
    if (!launch) return;
    S.sessionSet(SETTINGS, JSON.stringify(launch));
    var url = new URL(root.location.href);
    ["endpoint", "auth", "actor", "registration", "activity_id"].forEach(function (k) { url.searchParams.delete(k); });
    try { root.history.replaceState(root.history.state, "", url.pathname + url.search + url.hash); } catch (e) { /* file: */ }
  }
  function settings() {
    try { return JSON.parse(S.sessionGet(SETTINGS) || "null"); } catch (e) { return null; }
  }
  function uuid() {
    var c = root.crypto;
    if (c && c.randomUUID) return c.randomUUID();
    var b = new Uint8Array(16);
    c.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /* ---------- the queue ----------
   * One key per statement (QUEUE + "|" + order + "|" + id), never one list: two tabs each
   * hold their own, lagging copy of localStorage, and a list written back whole by one of
   * them would drop what the other had added. Keys sort in the order statements were made.
   * A statement the LRS refuses moves to a REFUSED key, never dropped. A value that cannot
   * wait in localStorage is said by ui/storage.js ("queue"). */
  var sequence = 0;
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function itemKey(list, id) { sequence += 1; return list + "|" + pad(Date.now(), 15) + "-" + pad(sequence, 6) + "|" + id; }
  function items(list) {
    var prefix = list + "|";
    return S.keys().filter(function (k) { return k && k.indexOf(prefix) === 0; }).sort().map(function (key) {
      try { var item = JSON.parse(S.get(key)); } catch (e) { return null; }
      return item && item.statement ? { key: key, endpoint: item.endpoint, statement: item.statement } : null;
    }).filter(Boolean);
  }
  function put(list, item) {
    S.set(itemKey(list, item.statement.id), JSON.stringify({ endpoint: item.endpoint, statement: item.statement }), "queue");
  }
  /* Queues of earlier versions were one list under QUEUE (REFUSED): each statement gets its key. */
  function migrate(list) {
    if (S.get(list) === null) return;
    readList(list).forEach(function (item) { if (item && item.statement) put(list, item); });
    S.remove(list);
  }
  function enqueue(endpoint, statements) {
    statements.forEach(function (st) { st.id = uuid(); put(QUEUE, { endpoint: endpoint, statement: st }); });
  }
  function removeIds(ids, refused) {
    items(QUEUE).forEach(function (item) {
      if (!ids[item.statement.id]) return;
      if (refused) put(REFUSED, item);
      S.remove(item.key);
    });
  }
  function pending(endpoint) {
    return items(QUEUE).filter(function (item) { return !endpoint || item.endpoint === endpoint; });
  }
  function setAside() { return items(REFUSED); }

  /* ---------- sending ---------- */
  var busy = false, delay = 2000, timer = null, status = { sent: 0, error: "" };
  function post(conf, statements) {
    var body = JSON.stringify(statements);
    return root.fetch(conf.endpoint + "statements", {
      method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
      // a send may outlive the page (the trainee moves on), but browsers refuse such a
      // request above 64 KB: big batches go as plain requests
      keepalive: body.length < 60000,
      headers: { "Authorization": conf.auth, "Content-Type": "application/json", "X-Experience-API-Version": X.VERSION },
      body: body
    });
  }
  function later() {
    if (timer) return;
    timer = root.setTimeout(function () { timer = null; flush(); }, delay);
    delay = Math.min(delay * 2, MAX_DELAY);
  }
  function idsOf(items) { var ids = {}; items.forEach(function (i) { ids[i.statement.id] = true; }); return ids; }
  function flush() {
    var conf = settings();
    if (!conf || busy) return Promise.resolve(status);
    var batch = pending(conf.endpoint).slice(0, BATCH);
    if (!batch.length) return Promise.resolve(status);
    busy = true;
    var one = batch.length === 1;
    return post(conf, batch.map(function (i) { return i.statement; })).then(function (response) {
      busy = false;
      if (response.ok) {
        removeIds(idsOf(batch));
        status.sent += batch.length; status.error = ""; delay = 2000;
        return flush();
      }
      if (response.status === 401 || response.status === 403) {
        status.error = "L'entrepôt d'apprentissage refuse l'identifiant du lien de lancement : demandez un nouveau lien " +
                       "à votre formateur (vos résultats restent en attente dans ce navigateur).";
        return status;
      }
      if (refused(response.status) && one) {
        removeIds(idsOf(batch), true);  // malformed: kept aside, never dropped, and the others go on
        return flush();
      }
      if (refused(response.status)) {
        // one bad statement must not hold the others back: send this batch one by one
        return batch.reduce(function (chain, item) {
          return chain.then(function () {
            return post(conf, [item.statement]).then(function (r) {
              if (r.ok) { removeIds(idsOf([item])); status.sent += 1; }
              else if (refused(r.status)) removeIds(idsOf([item]), true);
              else throw new Error(String(r.status));
            });
          });
        }, Promise.resolve()).then(flush, function () { later(); return status; });
      }
      status.error = "L'entrepôt d'apprentissage a répondu " + response.status + " : vos résultats restent en attente.";
      later();
      return status;
    }, function () {
      busy = false;
      status.error = "L'entrepôt d'apprentissage ne répond pas : vos résultats restent en attente dans ce navigateur " +
                     "et partiront dès qu'il répondra.";
      later();
      return status;
    });
  }

  function emit(event, before, after) {
    var conf = settings();
    if (!conf || !root.PmesXapiProfile) return [];
    var at = new Date().toISOString();  // to the millisecond: statements of one second keep their order
    var made = X.statements(event, before, after, root.PmesXapiProfile, conf, at, "livre");
    if (!made.length) return [];
    enqueue(conf.endpoint, made);
    flush();
    return made;
  }

  /* ---------- the notice ---------- */
  function noticeText(conf) {  // the text is the profile's (rules/xapi.py notice), as in JupyterLab
    var host = conf.endpoint;
    try { host = new URL(conf.endpoint).host; } catch (e) { /* keep the address as it is */ }
    return root.PmesXapiProfile.notice.paragraphs.map(function (p) {
      return p.split("{entrepot}").join(host).split("{compte}").join(conf.account).split("{ici}").join("dans ce navigateur");
    });
  }
  function showNotice() {
    var conf = settings();
    var main = root.PmesNotice.mainOf(document);
    if (!main) return;
    problems.forEach(function (text) {
      var p = document.createElement("p");
      p.className = "pmes-feedback pmes-ko pmes-lrs-problem";
      p.setAttribute("role", "alert");
      p.textContent = typo(text);
      main.insertBefore(p, main.firstChild);
    });
    if (!conf || !root.PmesXapiProfile) return;
    var key = conf.endpoint + "|" + conf.account;
    if (S.get(SEEN) === key) return;
    root.PmesNotice.show({ id: "pmes-lrs-notice", className: "pmes-lrs-notice", title: root.PmesXapiProfile.notice.title,
                           paragraphs: noticeText(conf), ok: "J'ai compris",
                           onOk: function () { S.set(SEEN, key, ""); } });
  }

  migrate(QUEUE);
  migrate(REFUSED);
  takeLaunch();
  root.PmesLrs = { emit: emit, flush: flush, settings: settings, pending: pending, setAside: setAside, status: status,
                   QUEUE: QUEUE, REFUSED: REFUSED, SETTINGS: SETTINGS };
  root.PmesNotice.whenReady(showNotice);
  root.addEventListener("online", function () { delay = 2000; flush(); });
  if (settings()) root.setTimeout(flush, 0);  // what earlier pages left waiting
})(this);
