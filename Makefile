# newsevents — the two commands that matter: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_DB ?= demo.duckdb

.PHONY: setup setup-browser demo test lint typecheck gate eval benchmark serve clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

## Code the bundled sample articles (and the shared seed article when present) into DuckDB, show the events.
demo: setup
	rm -f $(DEMO_DB)
	$(BIN)/newsevents code src/newsevents/samples/sample_articles.jsonl --db $(DEMO_DB)
	@if [ -f $(SHARED)/corpus/seed_article.txt ]; then \
		$(BIN)/newsevents code $(SHARED)/corpus/seed_article.txt --db $(DEMO_DB) --published 2018-10-08; fi
	$(BIN)/newsevents events --db $(DEMO_DB) --limit 60

lint: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: setup
	$(BIN)/mypy

## Score against ../shared/eval and fail when a score drops below the floors pinned in eval_floors.json.
gate: setup
	$(BIN)/newsevents eval --gate

eval: setup
	$(BIN)/newsevents eval --write-docs

benchmark: setup
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/newsevents benchmark --limit 300 --workers 2 --write-docs

## Headless Chromium for the dashboard's browser tests (Debian package; needs root or sudo once).
setup-browser:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@command -v chromium >/dev/null 2>&1 || { echo "chromium is not installed: run 'apt-get install chromium' as root" >&2; exit 1; }

serve: setup
	$(BIN)/newsevents serve --db $(DEMO_DB)

test: lint typecheck setup-browser gate
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache
