# The README's two set-up commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test quick bench clean

$(BIN)/aj: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(BIN)/aj

run: $(BIN)/aj
	$(BIN)/ajtui --demo

# Lint, format, types, then every test (the layer contracts run inside pytest).
test: $(BIN)/aj lint
	$(BIN)/python -m pytest

lint: $(BIN)/aj
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The edit-test loop: everything but the tests marked slow (the wheel, a real terminal).
quick: $(BIN)/aj
	$(BIN)/python -m pytest -m "not slow"

bench: $(BIN)/aj
	$(BIN)/python -m pytest tests/benchmarks -p no:cacheprovider -s -q -o addopts=""

clean:
	rm -rf $(VENV)
