# Japan's digital trade deficit — one command to build the site, one to test it.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help book pdf test lint chromium node clean update fetch bench refresh release citation

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

NODE_STAMP := node_modules/.installed

# the Vega runtime the site serves and axe-core for the browser tests, pinned in package-lock.json
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm >/dev/null)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

node: $(NODE_STAMP) ## install the pinned JavaScript (Vega runtime, axe-core) with npm ci

book: $(STAMP) $(NODE_STAMP) chromium ## build both editions (English, Japanese in ja/) and their PDFs into _build/html (installs everything)
	$(PY) -m digideficit.site.book

pdf: $(STAMP) $(NODE_STAMP) chromium ## print both PDF editions again from the built site (make book makes them too)
	$(PY) -m digideficit.site.build --pdf-only

update: $(STAMP) $(NODE_STAMP) chromium ## validate FILE (tidy CSV, several allowed), show what changes, write data/, rebuild
	@test -n "$(FILE)" || (echo "usage: make update FILE=path/to/new.csv [DRY=1]" && exit 2)
	$(PY) -m digideficit.sources.update $(FILE) $(if $(DRY),--dry-run)

fetch: $(STAMP) $(NODE_STAMP) chromium ## official BOJ series into data/, then rebuild [FILE=zip…] [SOURCE=api] [DRY=1]
	$(if $(BOJ_FLAT_URL),BOJ_FLAT_URL="$(BOJ_FLAT_URL)") $(if $(BOJ_API_URL),BOJ_API_URL="$(BOJ_API_URL)") \
	  $(PY) -m digideficit.sources.fetch $(FILE) --source $(or $(SOURCE),flat) $(if $(DRY),--dry-run)

# "nothing new" exits 3 (the workflow reads _build/refresh/outcome); for make it is no error
refresh: $(STAMP) $(NODE_STAMP) chromium ## the monthly refresh: fetch; new figures → data/, make test, PR text; failure → issue text (_build/refresh/)
	$(PY) -m digideficit.sources.refresh --check "make test" || [ $$? -eq 3 ]

release: book ## the built site as _build/release/digideficit-<edition>.tar.gz, with .sha256 and manifest.json
	$(PY) -m digideficit.site.release

citation: $(STAMP) ## write CITATION.cff for the edition the data make (make book does it too)
	$(PY) -m digideficit.site.editions

bench: $(STAMP) ## time clean, no-change and one-file-changed builds against a floor; writes _build/bench.json
	$(PY) -m digideficit.site.bench

chromium: ## install Debian's Chromium and a Japanese font (PDF edition, browser tests), if missing
	@(command -v /usr/bin/chromium >/dev/null && fc-list :lang=ja | grep -q .) || \
	  ($(SUDO) apt-get update -qq && \
	   $(SUDO) apt-get install -y -qq chromium fonts-ipafont-gothic >/dev/null)

lint: $(STAMP) ## ruff (lint and format) on the package, the tests and both editions' chapter notebooks
	$(VENV)/bin/ruff check src tests chapters ja
	$(VENV)/bin/ruff format --check src tests chapters ja

test: $(STAMP) chromium lint book ## build, then run every test (unit, data, both editions' chapters with nbval, browser)
	$(VENV)/bin/pytest tests chapters ja/chapters --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg --junitxml=_build/test-report.xml

clean: ## remove the built site, the virtual environment and node_modules
	rm -rf _build $(VENV) node_modules
