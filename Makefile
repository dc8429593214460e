# lawportal: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus/thai-acts.jsonl.gz
PRECEDENTS ?= ../shared/eval/case-facts-dev.jsonl
export FLASK_APP := lawportal

.DEFAULT_GOAL := help
.PHONY: help install serve demo test lint bench clean translations screenshots

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/lawportal: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

install: $(BIN)/lawportal ## Create .venv and install the project with its dev tools

instance/config.py:
	@mkdir -p instance
	@$(BIN)/python -c "import secrets; print(f'SECRET_KEY = {secrets.token_hex(32)!r}')" > $@
	@echo "wrote $@ with a fresh SECRET_KEY"

demo: install instance/config.py ## Create the database, load the demo corpus and index it
	$(BIN)/lawportal db upgrade
	$(BIN)/lawportal load --demo corpus/demo/demo-acts.jsonl
	$(BIN)/lawportal demo-data
	$(BIN)/lawportal index

serve: demo ## Set up everything and serve the site on http://127.0.0.1:5000
	$(BIN)/lawportal run --host 127.0.0.1 --port 5000

load-real: install instance/config.py ## Load and index the real corpus and its precedents from ../shared (CORPUS=..., PRECEDENTS=...)
	$(BIN)/lawportal db upgrade
	$(BIN)/lawportal load $(CORPUS)
	$(BIN)/lawportal index
	$(BIN)/lawportal precedents load $(PRECEDENTS)

test: install ## Run the whole test suite (PostgreSQL too when LAWPORTAL_TEST_DATABASE_URL is set)
	$(BIN)/pytest

screenshots: install ## Rerun the browser tests and refresh docs/screenshots (commit the PNGs)
	LAWPORTAL_SCREENSHOTS=1 $(BIN)/pytest tests/e2e -q

lint: install ## ruff and mypy
	$(BIN)/ruff check corpus indexer lawportal tests benchmarks
	$(BIN)/mypy

bench: install ## Benchmarks on the real corpus; writes benchmarks/RESULTS.md
	$(BIN)/python -m benchmarks.run

translations: install ## Extract Thai messages, update lawportal/translations/en, compile the .mo (commit both)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o $(VENV)/messages.pot .
	@if [ -f lawportal/translations/en/LC_MESSAGES/messages.po ]; then \
	  $(BIN)/pybabel update --no-fuzzy-matching -i $(VENV)/messages.pot -d lawportal/translations -l en; \
	else $(BIN)/pybabel init -i $(VENV)/messages.pot -d lawportal/translations -l en; fi
	$(BIN)/pybabel compile --statistics -d lawportal/translations

clean: ## Remove the venv, the instance folder and caches
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
