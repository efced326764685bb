# One entry point for people and CI. `make run` starts the dashboard, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint format bench init clean

$(VENV)/.app-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.app-installed requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

init: $(VENV)/.app-installed
	$(PY) -m tracker init

## Start the dashboard on http://localhost:8501 (embedded SQLite, no network needed).
run: init
	$(PY) -m streamlit run app.py

## Every check: ruff, then all tests (unit, parser, AppTest, browser).
test: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(VENV)/.dev-installed
	$(PY) -m tracker bench

clean:
	rm -rf $(VENV) data/tracker.db data/tracker.db-*
