"""Voilà for the course demo: `make demo` and tests/browser/test_voila.py both start Voilà
with --Voila.config_file_paths=jupyter, so they read this file (and JUPYTER_PATH=jupyter
finds the template, jupyter/voila/templates/pmesocial/)."""
from pmesocial.voila.start import page_config_hook

# `c` is the configuration object Voilà hands to this file (traitlets config file).
c = get_config()  # noqa: F821

c.VoilaConfiguration.template = "pmesocial"
# Voilà's own start page is a JupyterLab file browser; the course's lists its modules
# (templates/pmesocial/tree.html, pmesocial/voila/start.py)
c.VoilaConfiguration.classic_tree = True
c.VoilaConfiguration.page_config_hook = page_config_hook
# Markdown cells through the book's MyST parser (pmesocial/voila/markdown.py)
c.VoilaExporter.filters = {"myst_html": "pmesocial.voila.markdown.myst_html"}
c.VoilaExporter.preprocessors = ["pmesocial.voila.start.ModuleTitle"]
c.VoilaExporter.language_code = "fr"
