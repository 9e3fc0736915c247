# perheovi: two commands matter: `make devserver` (build the sample site, serve it on
# http://localhost:8000 and rebuild on changes) and `make test` (the whole test suite).
# Both create the virtual environment and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install system-deps check test devserver html publish screenshots translations clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Debian packages the tests need: Chromium for the browser tests. Installed when missing and
# we are root (CI, a fresh machine); otherwise install them yourself (see README).
system-deps:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Please install Debian's chromium package (sudo apt-get install chromium)"; exit 1; fi; \
	fi

check: $(STAMP)
	$(BIN)/perheovi check catalogue

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

# Build the sample site into output/ (atomically: a failing build keeps the last good site).
html: $(STAMP)
	$(BIN)/perheovi build

# Build, serve on http://localhost:8000 and rebuild when a catalogue file, template,
# stylesheet, translation, content page or plugin file changes.
devserver: $(STAMP)
	$(BIN)/perheovi serve --port 8000

# The public site: publishconf.py sets the public URL (PERHEOVI_SITEURL, may be a sub-path).
publish: $(STAMP)
	$(BIN)/perheovi build --settings publishconf.py

screenshots: html
	$(BIN)/python tools/screenshots.py

# Refresh the UI message catalogs after changing template strings.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o theme/translations/messages.pot --no-location --omit-header --sort-output .
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations --omit-header --no-fuzzy-matching

clean:
	rm -rf output .pytest_cache
