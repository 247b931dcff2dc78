/* A questionnaire (needs, 90-day plan, satisfaction, cold evaluation) in the book, and in
 * JupyterLab and Voilà through kernel/host.py (its payload: kernel/form_view.py). Every change is kept in the record
 * as a draft; « Enregistrer » checks the values with PmesForms.validate and says in French
 * what is missing. A view saves only the fields its trainee changed, merged into the latest
 * record (record.js applyFormChanges), and shows what another tab saved in the fields it
 * has not changed, so the same form open twice keeps every field. Text goes through
 * textContent only. */
(function (root) {
  "use strict";
  var F = root.PmesForms, D = root.PmesDocuments;
  var el = function (tag, attrs, children) { return root.PmesDom.el(tag, attrs, children); };
  var count = 0;

  function labelOf(spec, path) {
    var m = /^([^\[]+)(?:\[(\d+)\]\.(.+))?$/.exec(path);
    var field = spec.fields.filter(function (f) { return f.id === m[1]; })[0];
    if (!m[2]) return field.label;
    var col = field.columns.filter(function (c) { return c.id === m[3]; })[0];
    return (field.row_label || "Ligne") + " " + (Number(m[2]) + 1) + " : " + col.label;
  }

  /* One field: a node, a way to read its value, a place for its error. */
  function fieldView(field, value, base, onChange, record) {
    var kind = field.type, id = base + "-" + field.id;
    var box = el("div", { className: "pmes-form-field", "data-field": field.id });
    var error = el("p", { className: "pmes-feedback pmes-ko pmes-field-error", id: id + "-error", hidden: "hidden" });
    var labelText = field.label + (field.required ? " *" : "");
    var help = field.help ? el("p", { className: "pmes-help", id: id + "-help", text: field.help }) : null;
    var read, fill, rows = [];
    function describe(control) {
      control.setAttribute("aria-describedby", (help ? id + "-help " : "") + id + "-error");
      if (field.required) control.setAttribute("aria-required", "true");
    }
    if (kind === "output") {  // computed from the other fields, never stored
      var shownOut = el("output", { id: id, className: "pmes-form-output", "aria-live": "polite" });
      box.appendChild(el("p", { className: "pmes-form-label", text: field.label }));
      box.appendChild(shownOut);
      box.appendChild(error);
      return { node: box, read: function () { return null; }, showErrors: function () {}, output: true, fill: function () {},
               refresh: function (values) { shownOut.textContent = root.PmesDom.typo(F.outputText(field, values)); } };
    }
    if (kind === "choice" || kind === "scale") {
      var sel = el("select", { id: id });
      sel.appendChild(el("option", { value: "", text: "— choisir —" }));
      if (kind === "choice") field.options.forEach(function (o) { sel.appendChild(el("option", { value: o.id, text: o.label })); });
      else field.scale.forEach(function (t, i) { sel.appendChild(el("option", { value: String(i + 1), text: (i + 1) + " — " + t })); });
      fill = function (v) {
        sel.value = v === undefined || v === null ? "" : String(v);
        if (sel.selectedIndex < 0) sel.value = "";
      };
      fill(value);
      describe(sel);
      sel.addEventListener("change", onChange);
      box.appendChild(el("label", { "for": id, className: "pmes-form-label", text: labelText }));
      if (help) box.appendChild(help);
      box.appendChild(sel);
      read = function () { return sel.value === "" ? null : (kind === "scale" ? Number(sel.value) : sel.value); };
    } else if (kind === "choices" || kind === "review") {
      var set = el("fieldset", { className: "pmes-form-set" }, [el("legend", { className: "pmes-form-label", text: labelText })]);
      if (help) set.appendChild(help);
      if (kind === "choices") {
        var boxes = {};
        field.options.forEach(function (o) {
          var cb = el("input", { type: "checkbox", id: id + "-" + o.id, value: o.id });
          cb.checked = Array.isArray(value) && value.indexOf(o.id) >= 0;
          cb.addEventListener("change", onChange);
          boxes[o.id] = cb;
          set.appendChild(el("div", { className: "pmes-option" }, [cb, el("label", { "for": cb.id, text: o.label })]));
        });
        read = function () { return Object.keys(boxes).filter(function (k) { return boxes[k].checked; }); };
        fill = function (v) { Object.keys(boxes).forEach(function (k) { boxes[k].checked = Array.isArray(v) && v.indexOf(k) >= 0; }); };
      } else {
        var goals = ((((record.forms || {})[field.of.form] || {}).values || {})[field.of.field]) || [];
        if (typeof goals === "string") goals = [goals];
        var labels = {};
        field.of_options.forEach(function (o) { labels[o.id] = o.label; });
        var selects = {};
        goals.filter(function (g) { return labels[g]; }).forEach(function (g) {
          var s = el("select", { id: id + "-" + g, "data-goal": g });
          s.appendChild(el("option", { value: "", text: "— choisir —" }));
          field.options.forEach(function (o) { s.appendChild(el("option", { value: o.id, text: o.label })); });
          if (value && value[g]) s.value = value[g];
          if (s.selectedIndex < 0) s.value = "";
          s.addEventListener("change", onChange);
          selects[g] = s;
          set.appendChild(el("div", { className: "pmes-classify-row" }, [el("label", { "for": s.id, text: labels[g] }), s]));
        });
        if (!Object.keys(selects).length) set.appendChild(el("p", { className: "pmes-info", text: field.empty || "" }));
        read = function () {
          var out = {};
          Object.keys(selects).forEach(function (g) { if (selects[g].value) out[g] = selects[g].value; });
          return out;
        };
        fill = function (v) {
          Object.keys(selects).forEach(function (g) {
            selects[g].value = (v && v[g]) || "";
            if (selects[g].selectedIndex < 0) selects[g].value = "";
          });
        };
      }
      set.setAttribute("aria-describedby", id + "-error");
      box.appendChild(set);
    } else if (kind === "text" || kind === "number" || kind === "date") {
      var input;
      if (kind === "text" && (field.lines || 1) > 1) input = el("textarea", { id: id, rows: String(field.lines) });
      else if (kind === "date") input = el("input", { type: "date", id: id });
      else input = el("input", { type: "text", id: id, inputmode: kind === "number" ? "decimal" : "text" });
      fill = function (v) {
        if (kind !== "number") { input.value = typeof v === "string" ? v : ""; return; }
        // a number is shown with a French decimal comma; a text exactly as it was typed
        input.value = v === null || v === undefined ? "" : String(v).replace(".", ",");
      };
      fill(value);
      if (kind === "text" && field.max_length) input.setAttribute("maxlength", String(field.max_length));
      if (kind === "number") input.className = "pmes-number";
      describe(input);
      var timer = null;
      input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(onChange, 300); });
      input.addEventListener("change", function () { clearTimeout(timer); onChange(); });
      var shown = kind === "number" && field.unit ? labelText + " (" + field.unit + ")" : labelText;
      box.appendChild(el("label", { "for": id, className: "pmes-form-label", text: shown }));
      if (help) box.appendChild(help);
      box.appendChild(input);
      read = function () {
        if (kind === "number") return F.parseNumber(input.value);
        return input.value === "" ? null : input.value;
      };
    } else {  // table
      var list = el("div", { className: "pmes-form-rows" });
      var addRow = function (row, notify) {
        if (rows.length >= field.max_rows) return;
        var n = rows.length + 1, cells = {};
        var rowBox = el("fieldset", { className: "pmes-form-row" }, [el("legend", { text: (field.row_label || "Ligne") + " " + n })]);
        field.columns.forEach(function (c) {
          var cell = fieldView(c, (row || {})[c.id], id + "-" + n, onChange, record);
          cells[c.id] = cell;
          rowBox.appendChild(cell.node);
        });
        rows.push({ cells: cells, node: rowBox });
        list.appendChild(rowBox);
        if (notify) { onChange(); rowBox.querySelector("input, select, textarea").focus(); }
      };
      fill = function (v) {
        rows.splice(0).forEach(function (r) { list.removeChild(r.node); });
        (Array.isArray(v) ? v : []).slice(0, field.max_rows).forEach(function (r) { addRow(r, false); });
        while (rows.length < (field.min_rows === undefined ? 1 : field.min_rows)) addRow({}, false);
      };
      fill(value);
      var add = el("button", { type: "button", className: "pmes-btn pmes-add-row", text: "Ajouter une ligne" });
      var remove = el("button", { type: "button", className: "pmes-btn pmes-remove-row", text: "Retirer la dernière ligne" });
      add.addEventListener("click", function () { addRow({}, true); });
      remove.addEventListener("click", function () {
        if (rows.length <= (field.min_rows === undefined ? 1 : field.min_rows)) return;
        list.removeChild(rows.pop().node);
        onChange();
      });
      box.appendChild(el("p", { className: "pmes-form-label", text: labelText }));
      box.appendChild(list);
      box.appendChild(el("div", { className: "pmes-buttons" }, [add, remove]));
      read = function () {
        return rows.map(function (r) {
          var out = {};
          Object.keys(r.cells).forEach(function (k) { var v = r.cells[k].read(); if (v !== null) out[k] = v; });
          return out;
        });
      };
    }
    box.appendChild(error);
    function showErrors(errors) {
      var own = errors[field.id];
      error.textContent = root.PmesDom.typo(own || "");
      if (own) error.removeAttribute("hidden"); else error.setAttribute("hidden", "hidden");
      rows.forEach(function (r, i) {
        Object.keys(r.cells).forEach(function (k) {
          var sub = {}; var m = errors[field.id + "[" + i + "]." + k];
          if (m) sub[k] = m;
          r.cells[k].showErrors(sub);
        });
      });
    }
    return { node: box, read: read, fill: fill, showErrors: showErrors };
  }

  function clean(values) {
    var out = {};
    Object.keys(values).forEach(function (k) {
      var v = values[k];
      if (v === null || v === undefined) return;
      if (Array.isArray(v) && v.length && typeof v[0] === "object") {
        v = v.slice();
        while (v.length && F.rowIsBlank(v[v.length - 1])) v.pop();
      }
      out[k] = v;
    });
    return out;
  }

  /* The spec as written: `of_options` is added by the loader for review fields. */
  function stripped(spec) {
    var copy = JSON.parse(JSON.stringify(spec));
    copy.fields.forEach(function (field) { delete field.of_options; });
    return copy;
  }

  /* `store`: the kernel's (ui/kernel_store.js); without it, this browser's (ui/store.js). */
  function render(host, payload, store) {
    var R = store || root.PmesRecord, spec = payload.form, record = R.load();
    // whether the record reached the disk or the browser's storage: the kernel's store or ui/storage.js says
    var savedStatus = R.savedStatus || root.PmesStorage.savedStatus;
    var wrong = root.PmesDom.problems((root.PmesSchemas || {}).form, stripped(spec),
                                      root.PmesValidation ? root.PmesValidation.fieldWhere("data/forms/" + spec.id + ".yaml") : null);
    if (wrong.length) {
      host.appendChild(root.PmesDom.problemBox("Ce questionnaire n'a pas pu être chargé : sa description est mal formée.", wrong));
      return;
    }
    var saved = ((record.forms || {})[spec.id]) || {};
    var values = saved.values || {};
    count += 1;
    var base = "pmes-form" + count + "-" + spec.id;
    var body = el("div", { className: "pmes-exercise pmes-form" });
    body.appendChild(el("p", { className: "pmes-title", text: spec.title }));
    if (spec.intro) body.appendChild(el("p", { text: spec.intro }));
    body.appendChild(el("p", { className: "pmes-help", text: "Les champs marqués * sont à remplir." }));
    var views = [];
    var status = el("div", { className: "pmes-form-status", role: "status", "aria-live": "polite", tabindex: "-1" });
    var judged = el("div", { className: "pmes-form-rubric" });
    /* A production judged on its rubric (data/rubrics): shown once it has been saved, from
     * the one fragment the kernel fills too (templates/productions.html.j2). */
    function refreshRubric() {
      var rubrics = payload.rubrics || [], latest = R.load();
      var entry = ((latest.forms || {})[spec.id]) || {};
      judged.textContent = "";
      if (!entry.submitted) return;
      var todo = F.advice(spec, entry.values || {});  // a check that answers (forms.py advice)
      if (todo.length) {
        judged.appendChild(el("div", { className: "pmes-advice" }, [
          el("p", {}, [el("strong", { text: F.ADVICE_TITLE })]),
          el("ul", {}, todo.map(function (a) { return el("li", { text: a }); }))]));
      }
      if (!rubrics.length || !D || !root.PmesRubric) return;
      var today = new Date().toISOString().slice(0, 10);
      var views = root.PmesRubric.productions(latest, rubrics, today).map(root.PmesRubric.productionView);
      judged.appendChild(el("p", { className: "pmes-help", text: root.PmesRubric.RUBRIC_INTRO }));
      var box = el("div");
      box.innerHTML = D.render("productions.html.j2", { productions: views, heading: "h4" });  // nunjucks escapes every value
      judged.appendChild(box);
    }
    function current() {
      var out = {};
      views.forEach(function (v) { if (!v.view.output) out[v.id] = v.view.read(); });
      return clean(out);
    }
    function refreshOutputs() {
      var values = current();
      views.forEach(function (v) { if (v.view.output) v.view.refresh(values); });
    }
    /* What this view last showed or saved, field by field: a field is this view's change
     * only when the trainee made it differ from that. */
    var shown = {};
    function blank(v) { return v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length) ||
                               (typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length); }
    function canonical(v) {
      if (Array.isArray(v)) return v.map(canonical);
      if (!v || typeof v !== "object") return v;
      var out = {};
      Object.keys(v).sort().forEach(function (k) { out[k] = canonical(v[k]); });
      return out;
    }
    function same(a, b) { return (blank(a) && blank(b)) || JSON.stringify(canonical(a)) === JSON.stringify(canonical(b)); }
    function changes(now) {
      var out = {};
      views.forEach(function (v) {
        if (!v.view.output && !same(shown[v.id], now[v.id])) out[v.id] = blank(now[v.id]) ? null : now[v.id];
      });
      return out;
    }
    function storedValues(record) { return (((record.forms || {})[spec.id]) || {}).values || {}; }
    /* The record as saved now, shown in every field this view has not changed meanwhile. */
    function sync(record) {
      var stored = storedValues(record), now = current();
      views.forEach(function (v) {
        if (v.view.output || !same(shown[v.id], now[v.id])) return;  // changed here, saved with the next change
        if (!same(stored[v.id], now[v.id])) v.view.fill(stored[v.id]);
      });
      var after = current();
      views.forEach(function (v) { if (!v.view.output && same(shown[v.id], now[v.id])) shown[v.id] = after[v.id]; });
      refreshOutputs();
    }
    function save(submitted) {
      var now = current(), delta = changes(now);
      var record = Object.keys(delta).length || submitted ? R.saveFormChanges(spec.id, delta, submitted) : R.load();
      views.forEach(function (v) { if (!v.view.output) shown[v.id] = now[v.id]; });
      sync(record);
      return record;
    }
    function changed() { save(false); }
    spec.fields.forEach(function (f) {
      var view = fieldView(f, values[f.id], base, changed, record);
      views.push({ id: f.id, view: view });
      body.appendChild(view.node);
    });
    shown = current();
    refreshOutputs();
    var said = null;  // the saved message shown under the button, redrawn when the store answers
    function showSaved(done) {
      said = done;
      var now = savedStatus(done);
      status.textContent = "";
      status.appendChild(el("p", { className: "pmes-feedback " + (now.ok ? "pmes-ok" : "pmes-ko"), text: now.text }));
    }
    R.onChange(function (record) { sync(record); refreshRubric(); if (said) showSaved(said); });
    var submit = el("button", { type: "button", className: "pmes-btn pmes-check pmes-form-submit", text: spec.submit_label || "Enregistrer" });
    submit.addEventListener("click", function () {
      // what « Enregistrer » checks: this view's changes on the latest saved values
      var delta = changes(current()), merged = Object.assign({}, storedValues(R.load()), delta);
      Object.keys(merged).forEach(function (k) { if (merged[k] === null) delete merged[k]; });
      var errors = F.validate(spec, merged), keys = Object.keys(errors);
      save(!keys.length);
      views.forEach(function (v) { v.view.showErrors(errors); });
      status.textContent = "";
      said = null;
      if (keys.length) {
        var box = el("div", { className: "pmes-feedback pmes-ko", role: "alert" }, [
          el("p", { text: "Votre saisie est gardée, mais " + keys.length + (keys.length > 1 ? " points restent" : " point reste") +
                        " à compléter avant l'enregistrement :" }),
          el("ul", {}, keys.map(function (k) { return el("li", { text: labelOf(spec, k) + " : " + errors[k] }); }))]);
        status.appendChild(box);
      } else {
        showSaved(spec.saved_message || "Enregistré.");
        refreshRubric();
      }
      status.focus();
    });
    var buttons = [submit];
    if (payload.document && D) {
      var download = el("button", { type: "button", className: "pmes-btn pmes-download-plan", text: "Télécharger mon plan (HTML, à imprimer)" });
      download.addEventListener("click", function () {
        var today = new Date().toISOString().slice(0, 10);
        R.download("mon-plan-90-jours.html", D.renderDocument("plan", R.load(), payload.document, today), "text/html");
      });
      buttons.push(download);
    }
    body.appendChild(el("div", { className: "pmes-buttons" }, buttons));
    body.appendChild(status);
    body.appendChild(judged);
    refreshRubric();
    if (saved.submitted) showSaved(spec.saved_message || "Enregistré.");
    host.appendChild(body);
    host.setAttribute("data-pmes-ready", "true");
  }
  root.PmesFormView = { render: render, labelOf: labelOf };
  root.PmesDom.renderEach(".pmes-form-host[data-pmes-form]:not([data-pmes-ready])", function (host, store) {
    render(host, JSON.parse(host.querySelector("script[type='application/json']").textContent), store);
  });
})(this);
