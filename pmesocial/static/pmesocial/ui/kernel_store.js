/* The trainee's record as the views of ui/ see it in a kernel (JupyterLab, Voilà): the
 * same methods as ui/store.js (PmesRecord), on the record the kernel's RecordStore holds.
 * A change is made at once on this view's copy (rules/record.js, as the kernel will make
 * it: the view reads its result straight away) and sent to the kernel as an event
 * (kernel/host.py), which saves it and answers with the record saved and its notices.
 * `model` is the anywidget model of one course output. */
(function (root) {
  "use strict";
  var rules = root.PmesRecordRules;
  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"); }
  function clone(x) { return JSON.parse(JSON.stringify(x)); }
  // method -> [pure change, how many of the view's arguments it takes before `at`]
  var CHANGES = {
    saveAttempt: [rules.applyAttempt, 5], saveDraft: [rules.applyDraft, 3], solutionSeen: [rules.applySolutionSeen, 2],
    resetQuestion: [rules.applyReset, 2], submitTest: [rules.applySubmit, 2], saveForm: [rules.applyForm, 3],
    saveFormChanges: [rules.applyFormChanges, 3], saveDiagnostic: [rules.applyDiagnostic, 3],
    attestationIssued: [rules.applyAttestation, 1]
  };
  var TIMELESS = { saveSelfPositioning: rules.applySelfPositioning, setTrainee: rules.applyTrainee };

  function kernelStore(model) {
    var current = clone(model.get("record")), listeners = [], sent = 0, pending = 0;
    function adopt() {
      current = clone(model.get("record"));
      listeners.forEach(function (fn) { fn(clone(current)); });
    }
    // another view of this kernel saved the record: shown here too, unless a change of
    // this view is still on its way (its answer brings the record with both)
    model.on("change:record", function () { if (!pending) adopt(); });
    model.on("msg:custom", function (msg) {
      if (msg && msg.saved === sent) { pending = 0; adopt(); }
    });
    function send(name, args) {
      sent += 1;
      pending += 1;
      model.send({ event: name, args: args, n: sent });
    }
    var store = {
      load: function () { return clone(current); },
      onChange: function (fn) { listeners.push(fn); },
      now: now, rules: rules,
      // the record as the kernel's file holds it now (another notebook may have changed it)
      reload: function () { send("reload", []); },
      // what a save button says: the kernel's word on its last save (kernel/host.py), as
      // ui/storage.js savedStatus says the browser's
      savedStatus: function (done) {
        var not = model.get("not_saved");
        return not ? { ok: false, text: not } : { ok: true, text: done };
      },
      download: function (filename, text, type) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(new Blob([text], { type: type }));
        a.download = filename;
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
      }
    };
    Object.keys(CHANGES).forEach(function (name) {
      var apply = CHANGES[name][0], count = CHANGES[name][1];
      store[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        apply.apply(null, [current].concat(args.slice(0, count), [now()]));
        send(name, args);
        return clone(current);
      };
    });
    Object.keys(TIMELESS).forEach(function (name) {
      store[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        TIMELESS[name].apply(null, [current].concat(args));
        send(name, args);
        return clone(current);
      };
    });
    return store;
  }
  root.PmesKernelStore = kernelStore;
})(this);
