# Two commands on a fresh machine: `make run` (demo fair on http://127.0.0.1:8000) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup vendor system-deps serve lint messages clean

run: setup
	$(BIN)/salon migrate
	$(BIN)/salon demo
	$(BIN)/salon serve --host $(HOST) --port $(PORT)

test: setup system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Locust against a fresh local deployment; GO / NO-GO on the SLOs (loadtests/README.md). WORKERS above 1
# adds Redis and HAProxy (`make system-deps` installs it); LOADTEST_ARGS takes run.py's other options.
USERS ?= 60
SPAWN_RATE ?= 10
DURATION ?= 60s
WORKERS ?= 1
LOADTEST_ARGS ?=
.PHONY: loadtest
loadtest: setup
	$(BIN)/python loadtests/run.py --users $(USERS) --spawn-rate $(SPAWN_RATE) --duration $(DURATION) \
		--workers $(WORKERS) $(LOADTEST_ARGS)

setup: $(STAMP)/venv vendor

$(STAMP)/venv: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Salon needs Python 3.11 or newer"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,load]'
	@mkdir -p $(STAMP) && touch $@

# The browser's Socket.IO client comes from npm and is served from static/, never from a CDN.
vendor: static/vendor/socket.io.min.js

static/vendor/socket.io.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/socket.io-client/dist/socket.io.min.js static/vendor/socket.io.min.js

# Redis, PostgreSQL and Chromium for the tests (Debian packages); the tests start the servers.
system-deps:
	@bash scripts/ensure-system-deps.sh

lint: setup
	$(BIN)/ruff check .

messages: setup
	$(BIN)/pybabel extract -F babel.cfg -o locale/messages.pot .

clean:
	rm -rf $(VENV) $(STAMP) node_modules static/vendor .pytest_cache
