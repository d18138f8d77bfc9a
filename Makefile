# AMS: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin

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

run: install ## Start AMS on the embedded stores (./ams-data), printing its URL and the first admin's login
	$(BIN)/ams serve

test: install ## Run the whole test suite (PostgreSQL and Redis tests use the local servers)
	$(BIN)/pytest

lint: install ## Check formatting, lint rules and types
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

format: install ## Format the code and fix what the linter can
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: install ## Run the benchmarks and print their figures (see docs/BENCHMARKS.md)
	$(BIN)/python benchmarks/control_plane.py

clean: ## Remove the environments (not ./ams-data)
	rm -rf $(VENV) $(TOOLS)

.PHONY: help install run test lint format bench clean
