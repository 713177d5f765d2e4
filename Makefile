# dicoso — set-up, run and test.  GNU make 4.3; recipes are tab-indented.
#
#   make run    create .venv, install the app, migrate + seed an empty DB, serve (the demo
#               accounts are printed only when the database holds the demo)
#   make test   install the dev tools (+ Debian chromium if missing), run every test
#   make lint   ruff's checks and its format check (settings in pyproject.toml)
#   make bench  run the benchmarks (tests/bench/run.py)
#   make remind mail the reminders and the leaders' digest once, then exit (cron, systemd timer);
#               ARGS="--dry-run --today 15/07/2018" passes options (python -m cli.remind --help)
#   make clean  remove caches and test artifacts (keeps .venv and data/)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
CHROMIUM := /usr/bin/chromium

.PHONY: venv dev chromium db run test lint bench remind clean

venv: $(VENV)/.stamp-app

dev: $(VENV)/.stamp-dev chromium

$(PY):
	$(PYTHON) -m venv $(VENV)

# The stamps make re-runs instant; they are redone when a requirements file changes.
$(VENV)/.stamp-app: requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	touch $@

# requirements-dev.txt includes requirements.txt, so the app stamp is refreshed too.
$(VENV)/.stamp-dev: requirements-dev.txt requirements.txt | $(PY)
	$(PIP) install -r requirements-dev.txt
	touch $(VENV)/.stamp-app $@

# Browser tests use Debian's chromium (never `playwright install`).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "make: $(CHROMIUM) is missing and we are neither root nor have sudo;" \
	            "install the Debian packages chromium and fonts-dejavu-core" >&2; exit 1; fi; \
	  echo "Installing Debian chromium ..."; \
	  $$SUDO apt-get update && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core; \
	fi

# Migrates the database at $$DATABASE_URL (default: SQLite under data/) and loads
# the demo data only when the database is empty.
db: venv
	$(PY) -m seed --if-empty

run: venv db
	@port="$${STREAMLIT_SERVER_PORT:-$$(sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*\([0-9][0-9]*\).*/\1/p' .streamlit/config.toml 2>/dev/null | head -n 1)}"; \
	port="$${port:-8501}"; \
	host="$${STREAMLIT_SERVER_ADDRESS:-localhost}"; \
	echo ""; \
	echo "  dicoso: http://$$host:$$port/"; \
	echo ""; \
	$(PY) -m seed --describe; \
	echo ""
	exec $(VENV)/bin/streamlit run app.py

# ruff first (a lint or format finding fails the run before any test), then every test:
# database-facing tests run on SQLite and on a throwaway PostgreSQL server the fixtures start.
test: dev lint
	DICOSO_TEST_ENGINES=sqlite,postgresql DICOSO_REQUIRE_PG=1 $(PY) -m pytest -q -p no:cacheprovider -n 2 tests

# Reports only; `ruff check --fix .` and `ruff format .` make the changes.
lint: $(VENV)/.stamp-dev
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

bench: dev
	$(PY) -m tests.bench.run

# Settings: DICOSO_SMTP_URL, DICOSO_MAIL_FROM, DICOSO_BASE_URL (or [smtp] in .streamlit/secrets.toml).
remind: venv
	$(PY) -m cli.remind $(ARGS)

clean:
	rm -rf test-artifacts .pytest_cache
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
