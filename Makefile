# praatplaat — `make` builds everything into output/, `make test` runs the tests,
# `make watch` rebuilds on every save, `make serve` shows every product in a live page,
# `make bench` times the builds.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := output
BUILT  := $(OUT)/.make-built

# Everything a build reads: content, layouts and the generator's code. The folders count too,
# so adding or removing a file rebuilds. `praatplaat build` itself then skips the products
# whose inputs did not change (see generator/build.py).
SOURCES := $(shell find content layouts generator -type f ! -name '*.pyc' ! -path '*/__pycache__/*' 2>/dev/null)
FOLDERS := $(shell find content layouts -type d 2>/dev/null)
# The files the last build wrote (from output/build.json): one deleted or edited by hand is made again.
OUTPUTS := $(addprefix $(OUT)/,$(shell sed -n 's/^        "\([^"]*\)": {$$/\1/p' $(OUT)/build.json 2>/dev/null))

.PHONY: all build rebuild watch serve test test-deps fuzz check lint bench golden previews clean a11y

all: build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(BUILT)

# Bytecode first (only what changed): with PYTHONDONTWRITEBYTECODE set, every run would
# otherwise compile the generator from source again (about 7 % of a build's CPU).
$(BUILT): $(STAMP) $(SOURCES) $(FOLDERS) $(OUTPUTS)
	@$(BIN)/python -m compileall -q generator
	$(BIN)/praatplaat build --out $(OUT)
	@touch $@

$(OUTPUTS): ;

rebuild: $(STAMP)
	$(BIN)/praatplaat build --out $(OUT) --force
	@touch $(BUILT)

watch: $(STAMP)
	$(BIN)/praatplaat watch --out $(OUT)

# The live preview on http://127.0.0.1:8000/ (PORT=0: any free port); Ctrl-C stops it.
serve: $(STAMP)
	$(BIN)/praatplaat serve --out $(OUT) --port $(or $(PORT),8000)

check: $(STAMP)
	$(BIN)/praatplaat check

lint: $(STAMP)
	$(BIN)/praatplaat lint

# The tests also need system tools (chromium, qpdf, pdftoppm, rsvg-convert) and two npm
# packages: installed on first use, silently skipped when present.
test: $(STAMP) test-deps
	$(BIN)/python -m pytest

test-deps:
	@scripts/install-test-deps.sh

# The property tests with 40 times the examples and random seeds (minutes, not seconds).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz_content.py tests/test_hostile.py

bench: $(STAMP)
	@$(BIN)/python -c 'import typst' 2>/dev/null || $(BIN)/pip install --quiet -e '.[test,bench]'
	@$(BIN)/python -m compileall -q generator bench
	$(BIN)/python bench/run.py

# The golden images: renders every product of content/ and tests/fixtures/* into tests/golden/
# (see docs/testing.md). Look at the PNGs before committing them.
golden: $(STAMP)
	$(BIN)/python tests/test_golden.py

# Accessibility of the HTML edition: axe-core (WCAG 2.1 A/AA) in headless Debian chromium.
a11y: $(BUILT) test-deps
	node tests/a11y/run_axe.js $(OUT)/index.html

# The README's pictures: the previews the build makes, copied to docs/previews/.
previews: $(BUILT)
	mkdir -p docs/previews
	cp $(OUT)/previews/*.png docs/previews/

clean:
	rm -rf $(OUT) $(VENV)
	mkdir -p $(OUT)
	touch $(OUT)/.gitkeep
