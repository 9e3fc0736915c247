# perheovi: two commands matter: `make devserver` (build the sample site, serve it on
# http://localhost:8000 and rebuild on changes) and `make test` (the whole test suite).
# Both create the virtual environment and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The lock: every Python package, direct and transitive, at an exact version with its hashes.
# requirements/test.txt is what `make` installs (runtime + test tools), bench.txt adds the
# benchmark's, runtime.txt is the runtime alone; all three agree on every version.
LOCK   := requirements/test.txt
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
NODE   := node_modules/.installed

.PHONY: install build-deps system-deps check lint test test-fast devserver html publish bench \
	screenshots translations lock clean

# Installs exactly the lock (pip refuses any package that is not pinned there with its hash),
# then perheovi itself in editable mode, without fetching anything unpinned to build it.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

# Refresh the lock on purpose: after changing dependencies in pyproject.toml (new pins only
# where needed), or with `make lock UPGRADE=1` to move every package to its newest release.
# uv resolves (fast, and it writes hashes of every file of a release); pip installs.
UV_COMPILE := $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade)
lock: $(STAMP)
	$(UV_COMPILE) pyproject.toml requirements/tools.in --extra test --extra bench -o requirements/bench.txt
	$(UV_COMPILE) pyproject.toml requirements/tools.in --extra test -c requirements/bench.txt -o requirements/test.txt
	$(UV_COMPILE) pyproject.toml -c requirements/bench.txt -o requirements/runtime.txt

# The browser libraries the site ships (lunr, lunr-languages) and the test tools (axe-core,
# vnu-jar), exactly as locked. Install scripts are skipped: nothing may download at install.
# The site's libraries are then vendored into the theme (plugins/perheovi/theme/static/vendor),
# from where the build and the wheel take them.
$(NODE): package.json package-lock.json $(STAMP)
	npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python -m perheovi.site.vendor node_modules
	touch $@

install: $(STAMP) $(NODE)

# Debian packages: Voikko (Finnish morphology for the search index) for every build, and
# Chromium and a Java runtime (the Nu Html Checker) for the tests. Installed when missing and
# we are root (CI, a fresh machine); otherwise the command to run is printed.
BUILD_PACKAGES := libvoikko1 voikko-fi
TEST_PACKAGES  := chromium default-jre-headless
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else echo "Please run: sudo apt-get install $$missing"; $(2); fi; \
	fi
endef

build-deps:
	$(call apt_install,$(BUILD_PACKAGES),true)

system-deps: build-deps
	$(call apt_install,$(TEST_PACKAGES),exit 1)

check: $(STAMP)
	$(BIN)/perheovi check catalogue

# ruff (lint and format), mypy and the catalogue's JSON Schemas: the hooks of
# .pre-commit-config.yaml over every tracked file, with the locked tools, nothing downloaded.
lint: $(STAMP)
	PRE_COMMIT_HOME=$(CURDIR)/.cache/pre-commit $(BIN)/pre-commit run --all-files --show-diff-on-failure

# The whole suite: lint, then every test (real Chromium, the Nu Html Checker).
test: $(STAMP) $(NODE) system-deps lint
	$(BIN)/python -m pytest

# Every test that needs neither Chromium nor Java (pytest marker `browser`), for a quick loop.
test-fast: $(STAMP) $(NODE) build-deps
	$(BIN)/python -m pytest -m "not browser" -n 2

# Build the sample site into output/ (atomically: a failing build keeps the last good site).
html: $(STAMP) $(NODE) build-deps
	$(BIN)/perheovi build

# Build, serve on http://localhost:8000 and rebuild when a catalogue file, template,
# stylesheet, translation, content page or plugin file changes.
devserver: $(STAMP) $(NODE) build-deps
	$(BIN)/perheovi serve --port 8000

# The public site: publishconf.py sets the public URL (PERHEOVI_SITEURL, may be a sub-path).
publish: $(STAMP) $(NODE) build-deps
	$(BIN)/perheovi build --settings publishconf.py

# Figures for docs/benchmarks.md (not part of the tests).
bench: $(STAMP) $(NODE) system-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/bench.txt
	$(BIN)/python benchmarks/run.py

screenshots: html
	$(BIN)/python tools/screenshots.py

# Refresh the message catalogs after changing English strings: the site's (templates, babel.cfg)
# and those of `perheovi check` and `perheovi report` (babel-checker.cfg, marked with N_). The
# fi and sv catalogs keep their header and translations and get the new msgids to translate.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o plugins/perheovi/theme/translations/messages.pot --no-location --omit-header --sort-output .
	$(BIN)/pybabel update -i plugins/perheovi/theme/translations/messages.pot -d plugins/perheovi/theme/translations -w 100 --ignore-pot-creation-date --no-fuzzy-matching
	$(BIN)/pybabel extract -F babel-checker.cfg -k N_ -o plugins/perheovi/translations/perheovi.pot --no-location --omit-header --sort-output .
	$(BIN)/pybabel update -i plugins/perheovi/translations/perheovi.pot -d plugins/perheovi/translations -D perheovi -w 100 --ignore-pot-creation-date --no-fuzzy-matching

clean:
	rm -rf output .pytest_cache
