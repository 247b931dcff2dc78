# A three-page book for the Sphinx extension's tests (tests/unit/test_sphinx_book.py):
# a plain page, a page with an exercise, a page with a chart. Built with sphinx.testing,
# in seconds, without Jupyter Book's theme.
extensions = ["myst_nb", "pmesocial.book"]
language = "fr"
html_theme = "basic"
nb_execution_mode = "off"
nb_ipywidgets_js = {}
myst_enable_extensions = ["substitution"]
exclude_patterns = ["_build"]
