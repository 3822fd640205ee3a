# newsmeta — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
FRONTEND := frontend
# Written by `npm ci`; newer than the lock file once node_modules matches it.
FRONTEND_DEPS := $(FRONTEND)/node_modules/.package-lock.json

.PHONY: run test lint typecheck pytest bench clean explorer frontend-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

## run: install, migrate the SQLite store, import examples/, serve on 127.0.0.1:8000
## (NEWSMETA_* settings pass through: `NEWSMETA_API_KEYS=KEY make run` enables writes)
run: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" NEWSMETA_IMPORT_PATHS=examples NEWSMETA_HOST=127.0.0.1 sh docker/start.sh

## test: install dev extras and the explorer's node packages, lint, type-check, run the whole suite
test: $(DEV_STAMP) frontend-deps lint typecheck pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check app tests bench alembic
	$(BIN)/ruff format --check app tests bench

typecheck: $(DEV_STAMP) frontend-deps
	$(BIN)/mypy app
	@if [ -f $(FRONTEND_DEPS) ]; then echo "tsc --noEmit (frontend/)"; cd $(FRONTEND) && node node_modules/typescript/bin/tsc --noEmit; \
	else echo "make: no frontend/node_modules (npm missing): the explorer's TypeScript is not type-checked"; fi

## frontend-deps: the explorer's node packages, exactly as the lock file says (npm ci)
frontend-deps:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(FRONTEND_DEPS); \
	else echo "make: npm not found: the explorer's frontend and browser tests will skip (they fail under CI)"; fi

$(FRONTEND_DEPS): $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund

## explorer: regenerate the explorer's API client from the OpenAPI document, type-check, rebuild app/explorer/static/
explorer: $(DEV_STAMP) frontend-deps
	$(BIN)/python $(FRONTEND)/scripts/dump_openapi.py > $(FRONTEND)/openapi.json
	cd $(FRONTEND) && node node_modules/openapi-typescript/bin/cli.js openapi.json --output src/api/schema.ts
	cd $(FRONTEND) && node node_modules/typescript/bin/tsc --noEmit
	cd $(FRONTEND) && node build.mjs

pytest: $(DEV_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: the benchmarks (not part of make test)
bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache $(FRONTEND)/node_modules
