# One entry point for people and CI. `make run` starts the dashboard, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Where `make run` listens: this machine only by default; ADDRESS=0.0.0.0 serves the network.
ADDRESS ?= 127.0.0.1

.PHONY: run test lint format bench init lock clean

# Installs come from the hash-locked files (regenerate with `make lock` after editing
# requirements*.txt); pip refuses any package whose hash differs.
$(VENV)/.app-installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: $(VENV)/.app-installed requirements-dev.lock
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

init: $(VENV)/.app-installed
	$(PY) -m tracker init

## Start the dashboard on http://localhost:8501 (embedded SQLite, no network needed).
run: init
	$(PY) -m streamlit run serve.py --server.address $(ADDRESS)

## Every check: ruff, then all tests (unit, parser, AppTest, browser).
test: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(VENV)/.dev-installed
	$(PY) -m tracker bench

## Re-pin requirements.lock / requirements-dev.lock with hashes (needs the package index).
lock: $(VENV)/.dev-installed
	$(PY) -m pip install -q --disable-pip-version-check "uv>=0.4"
	$(VENV)/bin/uv pip compile --universal --python-version 3.11 --generate-hashes -q requirements.txt -o requirements.lock
	$(VENV)/bin/uv pip compile --universal --python-version 3.11 --generate-hashes -q requirements-dev.txt -o requirements-dev.lock

clean:
	rm -rf $(VENV) data/tracker.db data/tracker.db-*
