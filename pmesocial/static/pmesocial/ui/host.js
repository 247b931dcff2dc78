/* The course's front end in a kernel (JupyterLab, Voilà): the anywidget ES module that
 * mounts a course output on its DOM node with the book's own scripts (ui/, rules/), its
 * record kept by the kernel through ui/kernel_store.js. kernel/host.py puts the scripts
 * an output needs where the SCRIPTS comment is, each run with `root` as its `this`: the
 * names they define stay in this module, and their renderers register in PmesMounts
 * (ui/dom.js renderEach) instead of scanning the page. */
// the kernel's RecordStore checks every record it reads or is sent (record.py): here the
// views only change the kernel's record with rules/record.js, never parse one
const own = { PmesMounts: [], PmesSchemas: { record: () => true } };
const root = new Proxy(own, {
  get(target, key) {
    if (key in target) return target[key];
    const value = globalThis[key];  // the page's window: document, setTimeout…
    return typeof value === "function" && /^[a-z]/.test(String(key)) ? value.bind(globalThis) : value;
  },
  has(target, key) { return key in target || key in globalThis; }
});

/* SCRIPTS */

function paragraph(text, className) {
  const p = document.createElement("p");
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

/* What the kernel's store says (a record set aside, changes not saved), with the export
 * of the record while changes are only in the kernel's memory. */
function showNotices(model, box) {
  box.textContent = "";
  const notices = model.get("notices");
  box.hidden = !notices.length;
  notices.forEach((text) => box.appendChild(paragraph(text)));
  const exported = model.get("export_text");
  if (exported) {
    const link = document.createElement("a");
    link.className = "pmes-btn pmes-export";
    link.download = "dossier-medias-sociaux-pme.json";
    link.href = URL.createObjectURL(new Blob([exported], { type: "application/json" }));
    link.textContent = "Exporter mon dossier (JSON)";
    box.appendChild(paragraph("", "pmes-store-export")).appendChild(link);
  }
}

/* The first-use notices (what the course keeps, what goes to the LRS), until « J'ai compris ». */
function firstUse(model, el) {
  model.get("first_use").forEach((notice) => {
    const section = document.createElement("section");
    section.className = "pmes-first-use " + notice.css_class;
    section.setAttribute("aria-label", notice.title);
    const title = section.appendChild(paragraph(""));
    title.appendChild(document.createElement("strong")).textContent = notice.title;
    notice.paragraphs.forEach((text) => section.appendChild(paragraph(text)));
    const ok = section.appendChild(document.createElement("button"));
    ok.type = "button";
    ok.className = "pmes-btn";
    ok.textContent = notice.ok;
    ok.addEventListener("click", () => {
      model.send({ event: "acknowledge", args: [notice.kind] });
      section.remove();
    });
    el.appendChild(section);
  });
}

function render({ model, el }) {
  el.classList.add("pmes-kernel-host");
  const notices = el.appendChild(document.createElement("div"));
  notices.className = "pmes-feedback pmes-ko pmes-record-notice";
  notices.setAttribute("role", "alert");
  const redraw = () => showNotices(model, notices);
  redraw();
  model.on("change:notices", redraw);
  model.on("change:export_text", redraw);
  firstUse(model, el);
  const [className, attribute] = model.get("host");
  const host = el.appendChild(document.createElement("div"));
  host.className = className;
  host.setAttribute(attribute, "1");
  const data = host.appendChild(document.createElement("script"));
  data.type = "application/json";
  data.textContent = JSON.stringify(model.get("payload"));
  const mount = own.PmesMounts.find((m) => host.matches(m.selector));
  mount.render(host, root.PmesKernelStore ? root.PmesKernelStore(model) : undefined);  // the budget keeps nothing
  return () => { model.off("change:notices", redraw); model.off("change:export_text", redraw); };
}

export default { render };
