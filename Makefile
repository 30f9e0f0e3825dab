# The two commands: `make run` (try the portal on the embedded default) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# make test talks to a real PostgreSQL and Redis; override to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/otbasy
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# make test runs the suite on this many processes (pytest-xdist; 0 runs it in this one).
TEST_WORKERS ?= 2
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench messages check-services clean

$(BIN)/.installed: pyproject.toml
	@echo "Installing the dependencies into $(VENV) (about a minute, only when pyproject.toml changed)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet .
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed pyproject.toml
	$(BIN)/pip install --quiet '.[dev]'
	touch $@

## run: the whole portal with demo data on the embedded default (SQLite + file queue) at http://$(HOST):$(PORT)
run: $(BIN)/.installed
	@unset DATABASE_URL REDIS_URL; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py seed_demo && \
	exec ./scripts/run-embedded.sh $(HOST) $(PORT)

## test: the whole suite against the local PostgreSQL and Redis
test: $(BIN)/.installed-dev
	@DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) scripts/check_services.py
	DJANGO_ENV=test DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# mypy checks the services, selectors and permission rules of every app, and the shared core.
MYPY_FILES = $(shell find . -path ./.venv -prune -o -path ./static -prune -o -path '*/migrations' -prune -o \
  \( -name services.py -o -name selectors.py -o -name permissions.py -o -path '*/services/*.py' -o -path '*/selectors/*.py' -o -path './core/*.py' \) -print | sort)

## lint: ruff (lint, import order, format), djLint on the templates, mypy, and the size limits
lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/mypy $(MYPY_FILES)
	$(PY) scripts/check_sizes.py

## bench: seeds a scratch Postgres database, serves it with gunicorn and measures the hot pages
bench: $(BIN)/.installed-dev
	@DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) scripts/check_services.py
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) scripts/bench.py $(BENCH_ARGS)

## messages: refresh the kk/ru/en catalogs from the sources and compile them
messages: $(BIN)/.installed-dev
	$(PY) manage.py makemessages -l kk -l ru --no-obsolete --no-location --ignore=.venv --ignore=staticfiles --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) .data staticfiles
