# Minerals KB — the two commands: `make run` and `make test`. Both are safe to re-run.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Local runs and tests use development settings unless the environment says otherwise.
export DJANGO_DEBUG ?= 1
# Tests run on every core (pytest-xdist); PYTEST_ARGS="-n 0 -k …" for one process.
PYTEST_ARGS ?= -n auto

.PHONY: run test lint format bench clean catalogues

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

# The translation catalogues, compiled from the committed .po files on every run.
catalogues: $(VENV)/.runtime-installed
	$(VENV)/bin/pybabel compile --domain django --directory locale --statistics

run: $(VENV)/.runtime-installed catalogues
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py build_dataset
	$(PY) manage.py ensure_dev_login
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-installed catalogues
	$(VENV)/bin/ruff check .
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# A benchmark, not a test: its own database (never ./db.sqlite3), gunicorn and wrk on
# 127.0.0.1. Sizes and timings: make bench BENCH_ARGS="--documents 20000 --duration 5".
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kb_bench
# The search section searches 100,000 documents of its own, in a database of its own.
BENCH_SEARCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kb_bench_search
bench: $(VENV)/.dev-installed
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
	@for url in $(BENCH_DATABASE_URL) $(BENCH_SEARCH_DATABASE_URL); do \
	  psql "$$(dirname $$url)/postgres" -qc "CREATE DATABASE $$(basename $$url)" 2>/dev/null || true; done
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench --write docs/benchmarks.md \
	  --search-database $(BENCH_SEARCH_DATABASE_URL) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache
