# Hromada — every target bootstraps .venv itself, so a fresh clone needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run dev test lint types unit browser bench bench-city bench-ballots demo migrate chromium clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -e ".[test]"
	touch $@

# reindex_practices touches only entries indexed by an older text analyzer (none, usually).
migrate: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py reindex_practices

demo: migrate
	$(BIN)/python manage.py load_demo

# Production mode on this machine: gunicorn (2 workers) + the task worker, static files through
# whitenoise, a secret key generated into data/. DEMO=1 keeps the demo community and prints
# mail to the console; HTTPS=0 because it serves plain HTTP on 127.0.0.1.
run: export DEBUG = 0
run: export DEMO = 1
run: export EMAIL_CONSOLE = 1
run: export HTTPS = 0
# Links in emails point at the port it really serves on.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: demo
	$(BIN)/python manage.py serve --port $(PORT)

# Development: Django's autoreloading server, DEBUG on, tasks run at once (no worker needed).
dev: export DEBUG = 1
dev: export TASKS_IMMEDIATE = 1
dev: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian's chromium for the browser tests (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: $(VENV)/.installed-test
	$(BIN)/mypy hromada tests $(wildcard benchmarks)

# loadfile: a module's tests share one xdist worker, so module fixtures (the deployment smoke
# test's running server) are built once.
unit: $(VENV)/.installed-test
	$(BIN)/pytest -m "not browser" -n 2 --dist loadfile

browser: $(VENV)/.installed-test chromium
	$(BIN)/pytest -m browser

test: lint types unit browser

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/pb_engine.py

# A city of 60,000 ballots on PostgreSQL behind gunicorn (~1.5 min to build once, ~3 to read);
# not part of `bench`. Uses its own database (created if missing).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/hromada_bench
bench-city: $(VENV)/.installed-test
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python benchmarks/city.py

# Ballots cast through the real vote view by `manage.py serve` at 32 concurrent voters, on
# PostgreSQL with Redis sessions; checks that every acknowledged ballot is stored exactly once.
BALLOTS_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/hromada_ballots_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/4
bench-ballots: $(VENV)/.installed-test
	DATABASE_URL=$(BALLOTS_DATABASE_URL) BENCH_REDIS_URL=$(BENCH_REDIS_URL) $(BIN)/python benchmarks/ballots.py

clean:
	rm -rf $(VENV) data/*.sqlite3

# Translators: refresh the catalogues (needs GNU gettext); the compiled .mo files are committed
# so that a fresh machine needs no gettext tools.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l en -l uk --no-obsolete --ignore ".venv/*" --ignore "tests/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*"
