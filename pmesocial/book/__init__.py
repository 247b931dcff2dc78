"""Sphinx extension for the static book: serves the course's own assets, once per page.

Exercises, tools and plotly figures are turned into HTML by the myst-nb mime renderers
in mime.py; this extension copies the JavaScript they need into `_static/pmesocial/`
(plotly.js in a version checked against plotly.py's, see `_plotly_js`), adds each
script only to the pages that use it, and keeps pages free of anything from another host
or inaccessible to screen readers (thebe's CDN script, the widget state, two theme
buttons, English toggle labels).
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from pmesocial.paths import NODE_MODULES, REPO_DIR, STATIC_DIR

logger = logging.getLogger(__name__)

# which scripts each kind of course output needs: one list for the book and the kernel (front_end.py)
from pmesocial.front_end import (  # noqa: E402
    CARNET_CLASS,
    CARNET_CONTEXT,
    EVERY_PAGE,
    LAW_PAGE,
    NUNJUCKS,
    SCRIPTS,
    XAPI_PROFILE,
    nunjucks_js,
)


def _bundle_version(path: Path) -> str | None:
    match = re.search(rb"plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)", path.read_bytes()[:600])
    return match.group(1).decode() if match else None




def _plotly_js() -> Path:
    """plotly.js for the book: npm's basic bundle (bar, scatter, pie: all the course draws;
    1 MB instead of 4.8 MB) when its version is exactly that of plotly.py's own bundle,
    which is the fallback, so the figures' JSON always meets the plotly.js it was made for."""
    import plotly

    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    basic = NODE_MODULES / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    if basic.exists() and _bundle_version(basic) == _bundle_version(full):
        return basic
    return full


def _warn_on_plotly_fallback(app):
    """Falling back on plotly.py's full bundle would ship 4.8 MB to every chart page:
    a warning, so that a strict build (-W) stops."""
    if _plotly_js().name != "plotly-basic.min.js":
        logger.warning("plotly.js « basic » (npm) introuvable ou d'une autre version que celui de plotly.py : "
                       "le livre servirait le paquet complet de 4,8 Mo. Lancez « make js » (npm ci).",
                       type="pmesocial", subtype="plotly")


def _classes_on_page(doctree) -> set[str]:
    if doctree is None:
        return set()
    found = set()
    for node in doctree.findall(nodes.container):
        found.update(c for c in node["classes"] if c in SCRIPTS)
    return found


def _add_page_assets(app, pagename, templatename, context, doctree):
    used = _classes_on_page(doctree)
    app.add_css_file("pmesocial/book.css")  # every page: reflow at 320 px (RGAA 10.11)
    if used:
        app.add_css_file("pmesocial/exercise.css")
    added = []  # in dependency order, each once
    for css_class, scripts in SCRIPTS.items():
        if css_class in used:
            added += [s for s in scripts if s not in added]
    for script in added + [s for s in EVERY_PAGE if s not in added]:
        app.add_js_file(f"pmesocial/{script}", loading_method="defer")
    if doctree is not None and "pmes-law-box" in doctree.astext() + "".join(
            n.astext() for n in doctree.findall(nodes.raw)):
        app.add_js_file(f"pmesocial/{LAW_PAGE[0]}", loading_method="defer")
    if CARNET_CLASS in used:  # named, not run: ui/carnet.js loads it when the carnet is asked for
        app.add_js_file(f"pmesocial/{CARNET_CONTEXT}", type="text/x-pmesocial-later", id="pmes-carnet-context")


def _drop_widget_state(app, doctree):
    """myst-nb embeds the ipywidgets state of notebooks it executes (~250 KB a page);
    the book renders exercises from their own JSON, so that state is dead weight."""
    doc_data = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    doc_data.get("js_files", {}).pop("ipywidgets_state", None)


def _drop_thebe(app, pagename, templatename, context, doctree):
    """Jupyter Book always loads sphinx-thebe, whose inline script points at a CDN and is
    declared twice (a page error). The book has no live kernel: take it out."""
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files:
            files[:] = [f for f in files if "thebe" not in str(f) and
                        "THEBE" not in (getattr(f, "attributes", {}) or {}).get("body", "")]


def _label_code_toggles(app, pagename, templatename, context, doctree):
    """myst-nb labels every « Afficher le code » toggle "Toggle hidden content", which hides
    the visible French text from screen readers (axe-core: label-content-name-mismatch)."""
    if "body" in context:
        context["body"] = context["body"].replace(' aria-label="Toggle hidden content"', "")


def _register_static(app):
    app.config.html_static_path.append(str(STATIC_DIR))


def _register_templates(app, config):
    # before the builder loads its templates: our accessible versions of two theme parts
    config.templates_path.insert(0, str(Path(__file__).parent / "templates"))


def fingerprint() -> str:
    """A hash of the course package and its data: what notebook outputs depend on."""
    digest = hashlib.sha256()
    for folder in (REPO_DIR / "pmesocial", REPO_DIR / "data", REPO_DIR / "organisme.yaml"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _invalidate_on_package_change(app, config):
    """Sphinx and jupyter-cache only see a notebook's own text change. When the package or
    its data change, outputs executed with the old ones are stale: a config value that
    changes makes Sphinx re-read every page, and the execution cache is cleared."""
    config.pmesocial_fingerprint = fingerprint()
    cache = Path(app.outdir).parent / ".jupyter_cache"
    stamp = cache / "pmesocial-fingerprint"
    if cache.exists() and (not stamp.exists() or stamp.read_text() != config.pmesocial_fingerprint):
        shutil.rmtree(cache)
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(config.pmesocial_fingerprint)


def _copy_from_npm(app, exception):
    if exception is None and app.builder.format == "html":
        for name, source in (("plotly.min.js", _plotly_js()), (NUNJUCKS, nunjucks_js())):
            target = Path(app.outdir) / "_static" / "pmesocial" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != source.read_bytes():
                shutil.copyfile(source, target)


def _write_xapi_profile(app, exception):
    """What every page needs to know of the course's data flows, as a script (pages load
    scripts and nothing else): the course as xAPI statements see it (pmesocial.lrs.
    course_profile, the same JSON the kernel uses) for ui/lrs.js, and the privacy notice and
    erase dialogue (rules/privacy.py) for ui/privacy.js and ui/panel.js."""
    if exception is None and app.builder.format == "html":
        from pmesocial.data.organisme import load_organisme
        from pmesocial.lrs import course_profile
        from pmesocial.rules import privacy

        def as_js(name, value):
            return f"window.{name} = " + json.dumps(value, ensure_ascii=False, separators=(",", ":")) + ";\n"
        from pmesocial.rules.typography import typo_all

        # typeset here, where the texts enter the page: the notice may be drawn before the
        # page's typography script has loaded (lean.py loads scripts late)
        text = as_js("PmesXapiProfile", course_profile()) + as_js("PmesPrivacyTexts", typo_all(privacy.texts(load_organisme())))
        target = Path(app.outdir) / "_static" / "pmesocial" / XAPI_PROFILE
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")


def _write_carnet_context(app, exception):
    """The course as « Mon carnet » reads it (rules/carnet.py's context, the kernel's JSON),
    for ui/carnet.js."""
    if exception is None and app.builder.format == "html":
        from pmesocial.data.contexts import carnet_context as context

        text = "window.PmesCarnetContext = " + json.dumps(context(), ensure_ascii=False, separators=(",", ":")) + ";\n"
        target = Path(app.outdir) / "_static" / "pmesocial" / CARNET_CONTEXT
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")


# Sphinx's « # » after every heading: a link named « # » (RGAA 6.1) that a screen reader
# also reads as part of the heading; kept for the mouse, out of the keyboard's and
# assistive technologies' way (the heading itself is the way in).
HEADER_LINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title="[^"]*")')


TABLE_BOX = re.compile(r'<div class="pst-scrollable-table-container">')
HEADING = re.compile(r"<h[1-4][^>]*>(.*?)</h[1-4]>", re.S)


def _label_table_boxes(html: str) -> str:
    """The theme makes a wide table's box a Tab stop so that it can be scrolled by keys;
    such a stop needs a role and a name (RGAA 12.8, axe focus-order-semantics): a region
    named after the heading above it."""
    import html as html_lib

    out, last = [], 0
    headings = [(m.start(), re.sub(r"<[^>]+>", "", m.group(1))) for m in HEADING.finditer(html)]
    for match in TABLE_BOX.finditer(html):
        above = [text for start, text in headings if start < match.start()]
        name = html_lib.escape(" ".join(html_lib.unescape(above[-1]).replace("#", " ").split()) if above else "", quote=True)
        out += [html[last:match.start()],
                f'<div class="pst-scrollable-table-container" role="region" aria-label="Tableau — {name}">']
        last = match.end()
    return "".join(out) + html[last:]


def _finish_pages(app, exception):
    """Every written page, once:
    - French typography by the build (rules/typography.py), on its content and raw HTML
      outputs as well as on the text the theme writes and the doctree never holds (<title>,
      sidebar, previous/next links); scripts, styles and code are left alone, and the
      search index keeps the source's plain spaces, which only helps matching;
    - the theme's weight taken off (lean.py: Font Awesome's script, blocking scripts);
    - the headings' anchor links hidden from the keyboard and screen readers, and the
      theme's table boxes named regions."""
    if exception is not None or app.builder.format != "html":
        return
    from pmesocial.book.lean import lean_page
    from pmesocial.rules.typography import typo_html

    outdir = Path(app.outdir)
    for page in outdir.rglob("*.html"):
        if "_static" in page.parts:
            continue
        html = page.read_text("utf-8")
        fixed = typo_html(lean_page(html, search_page=page == outdir / "search.html"))
        fixed = _label_table_boxes(HEADER_LINK.sub(r'\1 aria-hidden="true" tabindex="-1"', fixed))
        if fixed != html:
            page.write_text(fixed, "utf-8")


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]#|"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"})


def _md(value):
    """A value of organisme.yaml as literal Markdown text (it is substituted into pages)."""
    if isinstance(value, dict):
        return {k: _md(v) for k, v in value.items()}
    return str(value).translate(_MARKDOWN)


NUMBER_WORDS = {1: "une", 2: "deux", 3: "trois", 7: "sept", 8: "huit", 9: "neuf", 10: "dix", 11: "onze", 12: "douze"}


def substitutions() -> dict:
    """What the book's pages may write as {{ ... }}: the training body (organisme.yaml),
    the programme's durations (data/programme.yaml). A missing field of organisme.yaml stops
    the build with a message that names it."""
    from pmesocial.data.banks import load_bank
    from pmesocial.data.course import course_info, group_minutes, modules, planned_minutes, sequences
    from pmesocial.data.diagnostic import load_diagnostic
    from pmesocial.data.organisme import load_organisme
    from pmesocial.rules import evidence
    from pmesocial.rules.documents import MODALITIES, planned_duration
    from pmesocial.rules.formatting import date_fr, duration

    org = load_organisme()
    rows = [f"| {_md(s['title'])} | {duration(s['minutes'])} |" for s in sequences()]
    lessons = sum(m["duration_min"] for m in modules())
    practice = sum(s["minutes"] for s in sequences() if "practice" in s)
    def person(p: dict) -> str:
        return ", ".join(_md(p[k]) for k in ("nom", "fonction", "courriel", "telephone") if p.get(k))

    help_desk = org["assistance"]
    reach = f"par courriel à {_md(help_desk['courriel'])}" + (
        f" ou par téléphone au {_md(help_desk['telephone'])}" if help_desk.get("telephone") else "")
    return {
        "organisme": {**_md(org), "modalite_label": MODALITIES[org["modalite"]],
                      "mise_a_jour": date_fr(org["mise_a_jour"]), "contact_ligne": person(org["contact"]),
                      "referent_ligne": person(org["referent_handicap"]), "assistance_ligne": reach,
                      "effectif": _md(org.get("effectif", "précisé par l'organisme lors de l'inscription"))},
        "duree_totale": duration(planned_minutes()), "duree_lecons": duration(lessons),
        # the planned duration of the modality organisme.yaml declares, as the attestation states it
        "duree_prevue": _md(planned_duration(course_info(), org["modalite"])),
        # with a trainer (data/programme.yaml, group): « deux journées de 7 h », then what is done after
        "groupe": {"jours": NUMBER_WORDS.get(group_minutes()["days"], str(group_minutes()["days"])),
                   "heures_par_jour": duration(group_minutes()["hours_per_day"] * 60),
                   "session": duration(group_minutes()["session"]), "apres": duration(group_minutes()["after"]),
                   "total": duration(group_minutes()["session"] + group_minutes()["after"])},
        "duree_pratiques": duration(practice),
        # {{ duree.module_7 }}, {{ duree.pratique_7 }}, {{ duree.positionnement }}…
        "duree": {s["id"].replace("-", "_"): duration(s["minutes"]) for s in sequences()},
        "nb_modules": NUMBER_WORDS.get(len(modules()), str(len(modules()))),
        "nb_dimensions": NUMBER_WORDS.get(len(load_diagnostic()["dimensions"]), str(len(load_diagnostic()["dimensions"]))),
        "nb_questions_entree": str(len(load_bank(evidence.ENTRY_TEST)["questions"])),
        "programme_tableau": "| Séquence | Durée |\n|---|---|\n" + "\n".join(rows)
                             + f"\n| **Total** | **{duration(planned_minutes())}** |",
        **_privacy(org),
        "rgaa": accessibility_substitutions(),
        "droit": law_substitutions(),
    }


PATH_TOKEN = re.compile(r"((?:tests|pmesocial|data)/[^\s,;()]+|::\w+)")


def _cell(text) -> str:
    """A value as the text of a Markdown table cell: literal, on one line; a file or test
    path as code, which may break anywhere, where prose keeps its words whole."""
    parts = PATH_TOKEN.split(str(text))
    return " ".join("".join(f"`{p}`" if i % 2 else _md(p) for i, p in enumerate(parts)).split())


def accessibility_substitutions() -> dict:
    """{{ rgaa.… }}: the statement and the audit page, from the audit file alone
    (pmesocial.data.accessibility): rate, state and counts computed, never typed."""
    from pmesocial.data.accessibility import (
        STATUS_LABEL,
        conformity_rate,
        conformity_state,
        counts,
        load_audit,
        theme_of,
    )
    from pmesocial.rules.formatting import date_fr, percent

    audit = load_audit()
    n, rate = counts(audit), conformity_rate(audit)
    state = conformity_state(rate)
    versions = {"axe": audit["versions"]["axe_core"], "chromium": audit["versions"]["chromium"]}

    def bullets(items, none="Aucun.") -> str:
        return "\n".join(f"- {item}" for item in items) or none

    def how(criterion) -> str:
        check = criterion["verification"]
        parts = []
        if "auto" in check:
            parts.append("automatique (axe-core : " + ", ".join(check["auto"]) + ")")
        if "manuel" in check:
            parts.append("manuelle : " + check["manuel"])
        return " ; ".join(parts)

    def table(theme: int) -> str:
        rows = ["| Critère | Intitulé | Statut | Vérification | Résultat |", "|---|---|---|---|---|"]
        for c in audit["criteres"]:
            if theme_of(c) == theme:
                result = c["resultat"] + (f" Non-conformité : {c['non_conformite']}" if c["statut"] == "NC" else "")
                rows.append(f"| {c['numero']} | {_cell(c['titre'])} | {STATUS_LABEL[c['statut']]} | {_cell(how(c))} "
                            f"| {_cell(result)} ({date_fr(c['date'])}) |")
        return "\n".join(rows)

    def content(item) -> str:
        text = f"**{_md(item['contenu'])}** : {' '.join(_md(item['raison']).split())}"
        return text + (f" Alternative : {' '.join(_md(item['alternative']).split())}" if item.get("alternative") else "")

    return {
        "taux": percent(rate, 1), "etat": state, "mention": f"Accessibilité : {state}",
        "conformes": str(n["C"]), "non_conformes": str(n["NC"]), "non_applicables": str(n["NA"]),
        "applicables": str(n["C"] + n["NC"]), "total": str(sum(n.values())),
        "date": date_fr(audit["date"]), "referentiel": audit["referentiel"], "realise_par": _md(audit["realise_par"]),
        "perimetre": " ".join(_md(audit["perimetre"]).split()),
        "axe_core": audit["versions"]["axe_core"], "chromium": audit["versions"]["chromium"],
        "non_conformites": bullets(f"**Critère {c['numero']}** ({_md(c['titre']).rstrip('.')}) : "
                                   + " ".join(_md(c["non_conformite"]).split())
                                   for c in audit["criteres"] if c["statut"] == "NC"),
        "derogations": bullets((content(d) for d in audit["derogations"]), "Aucune."),
        "hors_champ": bullets(content(d) for d in audit["hors_champ"]),
        "outils": bullets(_md(t.format(**versions)) for t in audit["outils"]),
        "environnement": bullets(_md(t.format(**versions)) for t in audit["environnement"]),
        "technologies": ", ".join(audit["technologies"]),
        "theme": {f"t{k}": _md(v) for k, v in audit["themes"].items()},
        "tableau": {f"t{t}": table(int(t)) for t in audit["themes"]},
    }


THEME_TITLES = {"prospection": "Prospection", "avis": "Avis en ligne", "jeux": "Jeux-concours",
                "influence": "Influence commerciale", "image": "Droit à l'image", "ia": "Intelligence artificielle",
                "site": "Le site de l'entreprise", "cookies": "Cookies et traceurs",
                "droit-auteur": "Musique, photos et droit d'auteur", "vente": "Vendre par les réseaux sociaux",
                "accessibilite": "Accessibilité des services en ligne",
                "plateformes": "Recours auprès des plateformes", "securite": "Sécurité des comptes et fuites de données",
                "personnel": "Les salariés et les réseaux sociaux"}


def law_substitutions() -> dict:
    """{{ droit.… }}: the sources page's record of every legal row (the source read, the day
    it was read, the confidence and the authors' note), from data/law alone."""
    from pmesocial.data.law import all_law, checked_on
    from pmesocial.rules.formatting import date_fr

    rows = all_law()
    themes: dict[str, list[dict]] = {}
    for row in rows.values():
        themes.setdefault(row["theme"], []).append(row)
    parts = []
    for theme, theme_rows in themes.items():
        parts.append(f"### {THEME_TITLES.get(theme, theme.capitalize())}\n")
        for r in theme_rows:
            note = f" Note : {_md(r['author_note'])}" if r["author_note"].strip() else ""
            parts.append(f"- **{_md(r['title'])}** (`{r['id']}`). {_md(r['primary_text'])}, version du "
                         f"{date_fr(r['version_date'])}. Source lue : {_md(r['source'])} ({date_fr(r['source_date'])}), "
                         f"le {date_fr(r['verifie_le'])} ; confiance {r['confidence']}.{note}")
        parts.append("")
    return {"sources": "\n".join(parts), "verifie_le": date_fr(checked_on().isoformat()), "regles": str(len(rows))}


def _privacy(org: dict) -> dict:
    """The privacy notice, word for word as the front ends show it (trainee guide), and the
    « registre des traitements » entry (trainer guide), from rules/privacy.py."""
    from pmesocial.rules import privacy

    notice = privacy.notice(org)
    return {"avis_donnees": "\n".join(f"- {_md(privacy.fill(p, 'guide'))}" for p in notice["paragraphs"]),
            "registre_traitements": "| Rubrique | Contenu |\n|---|---|\n" + "\n".join(
                f"| {_md(heading)} | {_md(text)} |" for heading, text in privacy.register_entry(org))}


def _register_substitutions(app, config):
    config.myst_substitutions = {**(config.myst_substitutions or {}), **substitutions()}


def _law_anchors(app, doctree):
    """`[L34-5 CPCE](#loi-prospection-b2c)` points at a row of the page's law table, an id
    that lives in the cell's HTML output where MyST cannot see it: make the link a plain
    in-page anchor instead of a cross-reference MyST would report as missing
    (tests/unit/test_law.py checks that every such id is a row the page shows)."""
    from sphinx import addnodes

    for xref in list(doctree.findall(addnodes.pending_xref)):
        target = xref.get("reftarget", "").lstrip("#")
        if xref.get("reftype") == "myst" and target.startswith("loi-"):
            link = nodes.reference("", "", *xref.children, internal=True, refuri="#" + target)
            xref.replace_self(link)


def setup(app):
    from pmesocial.book import hashed_names, index_page, lean

    index_page.setup(app)
    lean.setup(app)
    hashed_names.setup(app)
    app.add_config_value("pmesocial_fingerprint", "", "env")
    app.connect("builder-inited", _warn_on_plotly_fallback)
    app.connect("config-inited", _register_substitutions)
    app.connect("config-inited", _register_templates)
    app.connect("config-inited", _invalidate_on_package_change)
    app.connect("builder-inited", _register_static)
    app.connect("doctree-read", _drop_widget_state)
    app.connect("doctree-read", _law_anchors)
    app.connect("html-page-context", _add_page_assets)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _label_code_toggles)
    app.connect("build-finished", _copy_from_npm)
    app.connect("build-finished", _write_xapi_profile)
    app.connect("build-finished", _write_carnet_context)
    app.connect("build-finished", _finish_pages)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
