# Two commands for a new user: `make run` (sample corpus -> warehouse) and `make test`.
# Both create .venv from the pinned, hash-locked requirements on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench report clean lock

$(STAMP): requirements.lock requirements-pip.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dateline run

test: $(STAMP)
	$(BIN)/ruff check pipeline flows tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipeline flows tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

report: $(STAMP)
	$(BIN)/dateline report

# Re-pin after editing requirements.in (needs `uv`; not part of the two commands).
lock:
	uv pip compile requirements.in --generate-hashes --python-version 3.11 -o requirements.lock
	uv pip compile requirements-pip.in --generate-hashes --python-version 3.11 -o requirements-pip.lock

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal warehouse/.staging warehouse/report warehouse/data_docs warehouse/export
