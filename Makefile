# praatplaat — `make` builds everything into output/, `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all build test check lint clean

all: build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/praatplaat build

check: $(STAMP)
	$(BIN)/praatplaat check

lint: $(STAMP)
	$(BIN)/praatplaat lint

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf output/* $(VENV)
	touch output/.gitkeep
