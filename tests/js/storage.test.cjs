/* The book's storage layer (ui/storage.js) and record store (ui/store.js), run in node on
 * fake storages: a write the browser refuses is read back and said; tabs whose copies of
 * localStorage lag behind one another (as Chromium's do) converge on a record holding
 * every change. The same cases run in Chromium in tests/browser/test_faults_book.py. */
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const UI = path.join(__dirname, "..", "..", "pmesocial", "static", "pmesocial", "ui");
const STORAGE_JS = fs.readFileSync(path.join(UI, "storage.js"), "utf8");
const STORE_JS = fs.readFileSync(path.join(UI, "store.js"), "utf8");
const LRS_JS = fs.readFileSync(path.join(UI, "lrs.js"), "utf8");
const rules = require("../../pmesocial/static/pmesocial/rules/record.js");

function quotaError() { const e = new Error("quota"); e.name = "QuotaExceededError"; return e; }

/* A Storage with a quota in characters (keys and values), like the browser's. */
function fakeStorage(quota, onSet) {
  const map = new Map();
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem(k, v) {
      v = String(v);
      const old = map.has(k) ? k.length + map.get(k).length : 0;
      if (used() - old + k.length + v.length > quota) throw quotaError();
      map.set(k, v);
      if (onSet) onSet(k, v);
    },
    removeItem(k) { map.delete(k); if (onSet) onSet(k, null); },
    key: (i) => [...map.keys()][i] ?? null,
    get length() { return map.size; },
  };
}

/* One page: its own global with the given storages, storage.js (and store.js) run in it. */
function openPage(local, session, withStore) {
  const listeners = {};
  const ctx = { setTimeout, clearTimeout, JSON, Math, Date, Object, Array, String, Number, Error, console,
                addEventListener: (type, fn) => (listeners[type] = listeners[type] || []).push(fn) };
  Object.defineProperty(ctx, "localStorage", { get() { if (local === "refused") throw new Error("SecurityError"); return local; } });
  Object.defineProperty(ctx, "sessionStorage", { get() { if (session === "refused") throw new Error("SecurityError"); return session; } });
  vm.createContext(ctx);
  vm.runInContext(STORAGE_JS, ctx);
  if (withStore) { ctx.PmesRecordRules = rules; vm.runInContext(STORE_JS, ctx); }
  ctx.fire = (event) => (listeners.storage || []).forEach((fn) => fn(event));
  return ctx;
}

test("storage: a write the browser refuses is read back and kept for the tab, and said", () => {
  const local = fakeStorage(100), session = fakeStorage(1e6);
  const page = openPage(local, session);
  const S = page.PmesStorage;
  assert.equal(S.set("pmesocial-record", "x".repeat(500), "record"), false);
  assert.equal(S.get("pmesocial-record"), "x".repeat(500));  // not the stale (absent) localStorage value
  assert.equal(local.getItem("pmesocial-record"), null);
  assert.deepStrictEqual({ ...S.unsaved() }, { record: "tab" });
  // a later page of the same tab finds it and says it again; once it fits, it goes back
  const next = openPage(local, session);
  assert.equal(next.PmesStorage.get("pmesocial-record"), "x".repeat(500));
  assert.deepStrictEqual({ ...next.PmesStorage.unsaved() }, { record: "tab" });
  const roomy = fakeStorage(1e6);
  const later = openPage(roomy, session);
  assert.equal(roomy.getItem("pmesocial-record"), "x".repeat(500));
  assert.deepStrictEqual({ ...later.PmesStorage.unsaved() }, {});
});

test("storage: with no room in the tab either, kept for this page; a quiet value is not said", () => {
  const page = openPage(fakeStorage(10), fakeStorage(10));
  const S = page.PmesStorage;
  assert.equal(S.set("pmesocial-xapi-attente", "[1,2,3,4,5,6,7,8,9]", "queue"), false);
  assert.equal(S.get("pmesocial-xapi-attente"), "[1,2,3,4,5,6,7,8,9]");
  assert.deepStrictEqual({ ...S.unsaved() }, { queue: "page" });
  S.set("pmesocial-xapi-attente", "[]", "");  // nothing waits any more: nothing to say
  S.set("pmesocial-avis-donnees", "1".repeat(20), "");
  assert.deepStrictEqual({ ...S.unsaved() }, {});
  assert.equal(S.get("pmesocial-avis-donnees"), "1".repeat(20));
});

test("storage: a browser that refuses storage altogether (private mode) keeps things for the page", () => {
  const S = openPage("refused", "refused").PmesStorage;
  assert.equal(S.get("k"), null);
  assert.equal(S.set("pmesocial-record", "{}", "record"), false);
  assert.equal(S.get("pmesocial-record"), "{}");
  assert.deepStrictEqual({ ...S.unsaved() }, { record: "page" });
  S.remove("pmesocial-record");
  assert.equal(S.get("pmesocial-record"), null);
  assert.deepStrictEqual([...S.erase("pmesocial-")], ["pmesocial-record"]);
});

test("storage: store() writes localStorage or nothing, and erase() takes every copy", () => {
  const local = fakeStorage(60), session = fakeStorage(1e6);
  const S = openPage(local, session).PmesStorage;
  assert.equal(S.store("pmesocial-a", "x".repeat(100)), false);
  assert.equal(S.get("pmesocial-a"), null);
  assert.equal(S.store("pmesocial-a", "y"), true);
  S.set("pmesocial-b", "z".repeat(100), "record");
  assert.deepStrictEqual([...S.erase("pmesocial-")].sort(), ["pmesocial-a", "pmesocial-b"]);
  assert.equal(S.get("pmesocial-b"), null);
  assert.equal(session.length, 0);
});

test("store: an import keeps the previous record aside first, under a key of its own, or changes nothing", () => {
  const local = fakeStorage(1e6), session = fakeStorage(1e6);
  const page = openPage(local, session, true);
  const R = page.PmesRecord;
  R.setTrainee("Original", "");
  const text = (name) => JSON.stringify({ ...rules.fresh("2026-11-20T09:00:00+00:00"), trainee: { name, company: "" } });
  R.importText(text("A"));
  R.importText(text("B"));
  const asides = [...local.map.keys()].filter((k) => k.startsWith("pmesocial-record.avant-import-"));
  assert.deepStrictEqual(asides.map((k) => JSON.parse(local.getItem(k)).trainee.name).sort(), ["A", "Original"]);
  assert.equal(R.load().trainee.name, "B");
  // no room for a copy of the current record: refused, nothing changed
  const full = fakeStorage(local.map.get("pmesocial-record").length + 40);
  full.setItem("pmesocial-record", local.getItem("pmesocial-record"));
  const tight = openPage(full, fakeStorage(1e6), true);
  assert.throws(() => tight.PmesRecord.importText(text("C")), /n'a pas été importé, et rien n'a changé/);
  assert.equal(JSON.parse(full.getItem("pmesocial-record")).trainee.name, "B");
  assert.equal(full.length, 1);
});

/* Tabs as Chromium runs them: each has its own copy of localStorage; a write goes to the
 * browser later, which applies writes in the order they arrive, acknowledges them, and
 * tells the other tabs later still. A tab with a write of its own on the way ignores the
 * others' writes to that key (its own comes after them), as Chromium's cached area does. */
function browserOfTabs(count, random, setup) {
  const shared = new Map(), tabs = [];
  const channels = [];  // one queue per pipe, first in first out: each tab to the browser, the browser to each tab
  for (let t = 0; t < count; t++) {
    const tab = { pending: new Map(), up: [], down: [] };
    channels.push(tab.up, tab.down);
    tab.local = fakeStorage(1e7, (k, v) => {
      tab.pending.set(k, (tab.pending.get(k) || 0) + 1);
      tab.up.push({ kind: "write", from: t, key: k, value: v });
    });
    tab.page = openPage(tab.local, fakeStorage(1e7), true);
    if (setup) setup(tab.page, t);
    tabs.push(tab);
  }
  function deliver(message) {
    if (message.kind === "write") {
      if (message.value === null) shared.delete(message.key); else shared.set(message.key, message.value);
      tabs.forEach((tab, t) => tab.down.push(t === message.from ? { kind: "ack", key: message.key }
        : { kind: "change", key: message.key, value: message.value }));
      return;
    }
    const tab = tabs[message.to];
    if (message.kind === "ack") { tab.pending.set(message.key, tab.pending.get(message.key) - 1); return; }
    if (tab.pending.get(message.key)) return;  // its own write comes after this one
    if (message.value === null) tab.local.map.delete(message.key); else tab.local.map.set(message.key, message.value);
    tab.page.fire({ storageArea: tab.local, key: message.key, newValue: message.value });
  }
  function step() {  // the next message of a pipe taken at random
    const busy = channels.map((c, i) => i).filter((i) => channels[i].length);
    if (!busy.length) return false;
    const i = busy[Math.floor(random() * busy.length)];
    const message = channels[i].shift();
    if (message.kind !== "write") message.to = Math.floor(i / 2);
    deliver(message);
    return true;
  }
  return { tabs, shared, step };
}

function seeded(seed) {
  return () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
}

test("store: tabs whose copies lag behind one another converge on every change", () => {
  for (let seed = 1; seed <= 60; seed++) {
    const random = seeded(seed), count = 2 + (seed % 2);
    const world = browserOfTabs(count, random);
    const each = Math.floor(120 / count);
    const done = new Array(count).fill(0);
    while (done.some((n) => n < each)) {
      const t = Math.floor(random() * count);
      if (done[t] < each && random() < 0.6) {
        world.tabs[t].page.PmesRecord.saveAttempt("essai", "T" + t + "-" + done[t], "a", 1, 1, 1);
        done[t] += 1;
      } else world.step();
    }
    while (world.step()) { /* the tabs settle */ }
    const final = JSON.parse(world.shared.get("pmesocial-record"));
    assert.equal(Object.keys(final.exercises.essai.answers).length, each * count, "seed " + seed);
    world.tabs.forEach((tab) => assert.equal(tab.local.getItem("pmesocial-record"), world.shared.get("pmesocial-record")));
  }
});

test("store: a form field saved in one tab and another in the other tab are both kept", () => {
  const world = browserOfTabs(2, seeded(7));
  const [one, two] = world.tabs.map((t) => t.page.PmesRecord);
  one.saveFormChanges("besoins", { taille: "1-9" }, false);
  two.saveFormChanges("besoins", { secteur: "commerce" }, false);  // before it heard of the first
  while (world.step()) { /* settle */ }
  const values = JSON.parse(world.shared.get("pmesocial-record")).forms.besoins.values;
  assert.deepStrictEqual({ ...values }, { taille: "1-9", secteur: "commerce" });
});

/* ui/lrs.js in a page, with a launch link's settings and an LRS that never answers (so
 * every statement stays queued); emit() makes one statement per event. */
function withLrs(page) {
  page.sessionStorage.setItem("pmesocial-lrs", JSON.stringify({ endpoint: "http://127.0.0.1:1/xapi/" }));
  page.PmesXapi = { parseLaunch: () => null, VERSION: "1.0.3",
                    statements: (event) => [{ object: { id: event.question } }] };
  page.PmesXapiProfile = {};
  page.PmesNotice = { whenReady() {} };
  page.location = { search: "" };
  page.crypto = require("node:crypto").webcrypto;
  page.fetch = () => new Promise(() => {});
  vm.runInContext(LRS_JS, page);
}

test("lrs queue: statements queued in tabs whose copies lag behind one another are all kept", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const random = seeded(seed), world = browserOfTabs(2, random, withLrs), done = [0, 0];
    while (done.some((n) => n < 60)) {
      const t = Math.floor(random() * 2);
      if (done[t] < 60 && random() < 0.6) {
        world.tabs[t].page.PmesLrs.emit({ question: "T" + t + "-" + done[t] }, {}, {});
        done[t] += 1;
      } else world.step();
    }
    while (world.step()) { /* the tabs settle */ }
    const queued = [...world.shared.keys()].filter((k) => k.startsWith("pmesocial-xapi-attente"))
      .flatMap((k) => { const v = JSON.parse(world.shared.get(k)); return Array.isArray(v) ? v : [v]; });
    assert.equal(new Set(queued.map((item) => item.statement.object.id)).size, 120, "seed " + seed);
    world.tabs.forEach((tab) => assert.equal(tab.page.PmesLrs.pending().length, 120, "seed " + seed));
  }
});

test("lrs queue: a list left by an earlier version is split into one key per statement, in order", () => {
  const local = fakeStorage(1e6), session = fakeStorage(1e6);
  const old = ["a", "b", "c"].map((id) => ({ endpoint: "http://127.0.0.1:1/xapi/", statement: { id } }));
  local.setItem("pmesocial-xapi-attente", JSON.stringify(old));
  local.setItem("pmesocial-xapi-refusees", JSON.stringify([old[0]]));
  const page = openPage(local, session, true);
  withLrs(page);
  assert.deepStrictEqual(Array.from(page.PmesLrs.pending(), (i) => i.statement.id), ["a", "b", "c"]);
  assert.deepStrictEqual(Array.from(page.PmesLrs.setAside(), (i) => i.statement.id), ["a"]);
  assert.equal(local.getItem("pmesocial-xapi-attente"), null);
});
