# AMS: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
# The dashboard: built from web/ into the package's static files. index.html doubles as the build stamp, so an
# unchanged web/ is not rebuilt.
WEB_INDEX := src/ams/dashboard/static/index.html
WEB_SOURCES := $(shell find web/src web/public web/index.html web/vite.config.ts web/tsconfig.json web/package.json -type f 2>/dev/null)
CHROMIUM := /usr/bin/chromium

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.synced ## Create .venv with AMS and its development tools, from uv.lock

web/node_modules/.installed: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

$(WEB_INDEX): web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build

web: ## Build the dashboard into the package (skipped when web/ did not change since the last build)
	@if command -v npm >/dev/null; then \
		$(MAKE) --no-print-directory $(WEB_INDEX); \
	else \
		echo "WARNING: npm not found: the dashboard is NOT built; AMS serves a page at / saying how to build it"; \
	fi

web-api: install web/node_modules/.installed ## Regenerate the dashboard's typed API client from AMS's OpenAPI document
	cd web && PYTHON=../$(BIN)/python npm run gen:api

web-test: install web/node_modules/.installed ## Dashboard checks: the API client is current, types, component tests
	cd web && PYTHON=../$(BIN)/python node scripts/gen-api.mjs --check
	cd web && npx tsc --noEmit
	cd web && npx vitest run

browser: ## Install Debian's Chromium for the end-to-end tests when it is missing (needs root)
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "WARNING: $(CHROMIUM) is missing and cannot be installed here: the end-to-end tests will be SKIPPED"; \
	fi

run: install web ## Start AMS on the embedded stores (./ams-data) with the demo fleet, printing its URL and login
	$(BIN)/ams demo

serve: install web ## Start AMS alone (no demo fleet) on the embedded stores (./ams-data)
	$(BIN)/ams serve

test: install web web-test browser ## Run the whole test suite (PostgreSQL and Redis tests use the local servers)
	$(BIN)/pytest --durations=15

lint: install web/node_modules/.installed ## Check formatting, lint rules and types
	$(BIN)/ruff format --check src tests benchmarks sdk
	$(BIN)/ruff check src tests benchmarks sdk
	$(BIN)/mypy src sdk/src
	cd web && npx tsc --noEmit

format: install ## Format the code and fix what the linter can
	$(BIN)/ruff format src tests benchmarks sdk
	$(BIN)/ruff check --fix src tests benchmarks sdk

bench: install ## Run the benchmarks and print their figures (see docs/BENCHMARKS.md)
	$(BIN)/python benchmarks/control_plane.py

clean: ## Remove the environments and the built dashboard (not ./ams-data)
	rm -rf $(VENV) $(TOOLS) web/node_modules src/ams/dashboard/static

.PHONY: help install web web-api web-test browser run serve test lint format bench clean
