# Médias sociaux et PME: every task of the course in one place.
#   make lab   - install, then open JupyterLab (in French) on the course
#   make book  - build the static HTML book into _build/html
#   make test  - install what is missing and run the whole suite (CI runs this)
PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
NGINX    ?= /usr/sbin/nginx
export NGINX
# Tests, builds and executions never touch a trainee's real record (~/.pmesocial).
TOOLS_RECORD := $(CURDIR)/_build/dossier-outils.json
test-unit test-notebooks test-packages test-browser book execute: export PMESOCIAL_RECORD = $(TOOLS_RECORD)

.PHONY: lrs scorm install js demo lab book book-formateur book-check exercises exercises-check execute test test-unit text \
        test-js test-notebooks test-packages test-browser chromium clean bench items vectors generated lint

LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
install: $(VENV)/.installed $(LAB_SETTINGS)

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 ou plus récent est nécessaire.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# JupyterLab defaults for trainees: the interface in French (the language pack of
# requirements.txt), no news pop-up, no update check; Binder's postBuild copies the same file.
$(LAB_SETTINGS): jupyter/lab/overrides.json $(VENV)/.installed
	mkdir -p $(dir $@)
	cp $< $@

# Live demo for a trainer: the modules as a Voilà app (code hidden, widgets live), set up by
# jupyter/voila.py: a French start page with the modules' titles, Markdown as in the book,
# « Mode projection » (?projection=1) for a projector.
#   make demo                               the start page, http://127.0.0.1:8866
#   make demo MODULE=03_chiffres_du_phenomene   one module
MODULE ?=
VOILA := JUPYTER_PATH="$(CURDIR)/jupyter" $(BIN)/voila --Voila.config_file_paths="$(CURDIR)/jupyter" --Voila.ip=127.0.0.1
demo: install js
	$(VOILA) --port=8866 $(if $(MODULE),notebooks/$(MODULE).ipynb,notebooks/)

# The training body's learning record store on this machine: Ralph (ralph-malph) with its
# file backend in _build/lrs, on http://127.0.0.1:8100/xAPI/; it prints the trainer's
# account and how to make the group's launch links, which give each trainee an account of
# their own (README, « Entrepôt d'apprentissage »).
LRS_PORT ?= 8100
lrs: install
	$(BIN)/python -m pmesocial.tools.lrs --port $(LRS_PORT)

# JavaScript from npm, pinned by package-lock.json: plotly.js (basic bundle) and axe-core.
node_modules/.package-lock.json: package.json package-lock.json
	@scripts/ensure-debian.sh npm "nodejs npm" "installer le JavaScript du cours (package-lock.json)"
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

js: node_modules/.package-lock.json

lab: install js
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(if $(filter 0,$(shell id -u)),--allow-root) \
	  outils/positionnement_entree.ipynb

book: install js
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Livre construit : ouvrez _build/html/index.html, ou servez-le avec"
	@echo "  $(BIN)/python -m http.server -d _build/html 8000   puis http://localhost:8000"

# The book as SCORM 1.2 and SCORM 2004 4th edition packages for an LMS (one SCO for the whole course, README).
scorm: book
	$(BIN)/python -m pmesocial.tools.make_scorm

# The trainer's edition: the same book plus trainer notes and the group view.
book-formateur: install js
	$(BIN)/jupyter-book build . -W -n --keep-going --toc _toc_formateur.yml --path-output _build/formateur
	@echo "Édition formateur : _build/formateur/_build/html/index.html"

# Regenerate exercises/ from solutions/ (never edit exercises/ by hand).
exercises: install
	$(BIN)/python -m pmesocial.tools.make_exercises

exercises-check: install
	$(BIN)/python -m pmesocial.tools.make_exercises --check

# Item-writing rules over every question bank (named bank and questions when one breaks).
items: install
	$(BIN)/python -m pmesocial.tools.check_items

# What a trainee reads: sentence length, one word for one thing, no authoring note, every
# legal sentence tied to its row of data/law (the same checks run in make test).
text: install
	$(BIN)/python -m pmesocial.tools.check_text --report

# Shared test vectors (Python writes, pytest and node check) and the book's generated JS:
# run after changing a rule, a bank, a schema or a document template.
vectors: install
	$(BIN)/python -m tests.support.write_vectors

generated: js
	node scripts/compile_schemas.cjs
	node scripts/compile_templates.cjs

# Re-execute the committed notebooks after changing them or the package.
execute: install
	$(BIN)/python -m pmesocial.tools.execute notebooks/*.ipynb solutions/*.ipynb outils/*.ipynb formateur/*.ipynb

chromium:
	@scripts/ensure-debian.sh "$(CHROMIUM)" chromium "les tests dans le navigateur" CHROMIUM

# the README's nginx in front of Ralph is run by a unit test (tests/unit/test_lrs_proxy.py)
nginx:
	@scripts/ensure-debian.sh "$(NGINX)" nginx "le test de l'entrepôt d'apprentissage derrière nginx" NGINX

test-unit: install js nginx
	$(BIN)/pytest -q -n 2 tests/unit

# The book's JavaScript rules against the same vectors as Python: no browser.
test-js: js
	node --test tests/js/

# exercises/ are not run here: the book build executes them, failing on any error.
test-notebooks: install
	$(BIN)/pytest -q -n 2 --dist loadfile --nbval notebooks solutions outils formateur --nbval-sanitize-with tests/nbval_sanitize.cfg

lint: install
	$(BIN)/ruff check pmesocial tests scripts

# what the build produces (the SCORM packages): needs the book, so it runs after « make book »
test-packages: install
	$(BIN)/pytest -q tests/packages

test-browser: install chromium js
	$(BIN)/pytest -q -n 2 --dist loadfile tests/browser

# the browser tests read both editions: the learner book and the trainer's (group-view page)
test: install chromium nginx js lint exercises-check items test-unit test-js test-notebooks book book-formateur test-packages test-browser
	@echo "Tous les tests sont passés."

# Measure builds, page weights and notebook run times (a benchmark, not a test);
# « $(BIN)/python scripts/bench.py --readme » also writes the table into README.md.
bench: export PMESOCIAL_RECORD = $(TOOLS_RECORD)
bench: install chromium js
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf _build .jupyter_cache
