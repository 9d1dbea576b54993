# Kalmte — the two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

## run: the desk with demo data on SQLite at http://$(HOST):$(PORT)
## (outgoing mail goes to var/outbox/ unless KALMTE_EMAIL_BACKEND is set)
run: export KALMTE_EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend
run: $(VENV)/.installed
	$(BIN)/kalmte migrate --noinput
	$(BIN)/kalmte load_demo --origin http://$(HOST):$(PORT) --origin http://localhost:$(PORT)
	$(BIN)/kalmte serve --host $(HOST) --port $(PORT)

## test: the whole suite (SQLite by default; DATABASE_URL / REDIS_URL switch to real servers)
test: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: every benchmark under benchmarks/, JSON into bench-results/
bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/run.py

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(VENV)/.dev-installed
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) var bench-results
