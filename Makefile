# Two commands on a fresh machine: `make run` (demo fair on http://127.0.0.1:8000) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup setup-run setup-test vendor system-deps serve lint messages clean screenshots

run: setup-run
	$(BIN)/salon migrate
	$(BIN)/salon demo
	$(BIN)/salon serve --host $(HOST) --port $(PORT)

test: setup-test system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every page type in Debian's Chromium at 1366, 768 and 375 px, into docs/screenshots/, on a fresh demo server;
# fails when axe-core finds a serious or critical violation (scripts/screenshots.py).
screenshots: setup-test system-deps
	$(BIN)/python scripts/screenshots.py

# Locust against a fresh local deployment; GO / NO-GO on the SLOs (loadtests/README.md). WORKERS above 1
# adds Redis and HAProxy (`make system-deps` installs it); LOADTEST_ARGS takes run.py's other options.
USERS ?= 60
SPAWN_RATE ?= 10
DURATION ?= 60s
WORKERS ?= 1
LOADTEST_ARGS ?=
.PHONY: loadtest
loadtest: setup-test
	$(BIN)/python loadtests/run.py --users $(USERS) --spawn-rate $(SPAWN_RATE) --duration $(DURATION) \
		--workers $(WORKERS) $(LOADTEST_ARGS)

# `make run` installs what running needs; `make test` and `make loadtest` add the test and load-test extras.
# Each install leaves a stamp, redone when pyproject.toml changes; the test install includes the runtime one.
setup: setup-test
setup-run: $(STAMP)/runtime vendor
setup-test: $(STAMP)/test vendor

$(STAMP)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Salon needs Python 3.11 or newer"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@mkdir -p $(STAMP) && touch $@

$(STAMP)/runtime: $(STAMP)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(STAMP)/test: $(STAMP)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,load]'
	@touch $@ $(STAMP)/runtime

# Browser files come from npm and are served from static/vendor/, never from a CDN: the Socket.IO client, the
# Atkinson Hyperlegible typeface, and a sprite of the Lucide icons the pages use (scripts/build_icons.py).
FONTS := node_modules/@fontsource/atkinson-hyperlegible/files
vendor: static/vendor/.stamp

static/vendor/.stamp: package.json package-lock.json scripts/build_icons.py
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor/fonts
	cp node_modules/socket.io-client/dist/socket.io.min.js static/vendor/socket.io.min.js
	cp $(FONTS)/atkinson-hyperlegible-latin-400-normal.woff2 $(FONTS)/atkinson-hyperlegible-latin-700-normal.woff2 \
		$(FONTS)/atkinson-hyperlegible-latin-400-italic.woff2 static/vendor/fonts/
	$(PYTHON) scripts/build_icons.py
	touch $@

# Redis, PostgreSQL and Chromium for the tests (Debian packages); the tests start the servers.
system-deps:
	@bash scripts/ensure-system-deps.sh

lint: setup-test
	$(BIN)/ruff check .

messages: setup-run
	$(BIN)/pybabel extract -F babel.cfg -o locale/messages.pot .

clean:
	rm -rf $(VENV) $(STAMP) node_modules static/vendor .pytest_cache
