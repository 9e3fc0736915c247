# perheovi: two commands matter: `make devserver` (build the sample site, serve it on
# http://localhost:8000 and rebuild on changes) and `make test` (the whole test suite).
# Both create the virtual environment and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install system-deps check test devserver html clean

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

clean:
	rm -rf output .pytest_cache
