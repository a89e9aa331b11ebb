# One toolchain behind one Makefile. `make demo` and `make test` work from a clean clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test test-spark test-all lint format bench bench-deps clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's metadata changed: `make install` is quick when nothing did.
$(STAMP): pyproject.toml scripts/system-deps.sh | $(BIN)/python
	bash scripts/system-deps.sh
	$(BIN)/pip install -q --upgrade "pip>=24"
	$(BIN)/pip install -q -e '.[dev,spark]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

demo: install
	$(BIN)/auditor demo

# ruff does not follow auditor/'s links to scanners/, reports/ and policies/: name them (mypy does).
LINTED := auditor scanners reports policies tests bench scripts

lint: install
	$(BIN)/python scripts/check_secrets.py
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy auditor
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/ruff format $(LINTED)

# The Spark parity tests (tests/spark, marker `spark`) take minutes of JVM time, and the
# exhaustive tests (marker `exhaustive`: a property over every dev corpus, or the further seeds
# and sizes of a test that keeps one locally) grow with the corpora: CI (CI=true) runs them with
# everything else; a local `make test` leaves them to `make test-spark` and `make test-all`.
PYTEST_ARGS ?= $(if $(CI),,-m "not spark and not exhaustive")
# pytest-xdist workers: one per core, at most 4 (PYTEST_WORKERS=0: one process). tests/spark/ is
# one unit of work on one worker, sent first, while the others take the rest (tests/conftest.py).
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n < 4 ? n : 4 )))

test: lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-spark: install
	$(BIN)/python -m pytest -m spark

test-all: lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

# presidio-evaluator's data generator builds the generic PII corpus; its declared
# dependencies (transformers and more) are not needed for that and are left out.
bench-deps: install
	$(BIN)/pip install -q --no-deps presidio-evaluator

bench: bench-deps
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) auditor-home .pytest_cache .mypy_cache .ruff_cache
