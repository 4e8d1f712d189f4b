# seedwiki — the two commands: `make run` (start the wiki) and `make test` (run every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test install install-test browser-deps messages bench clean

# `make run` installs what running needs; `make test` adds the test extras (pytest, selenium, …).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(STAMP)

TEST_STAMP := $(VENV)/.installed-test
$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $(TEST_STAMP)

install: $(STAMP) messages

install-test: $(TEST_STAMP) messages

# Compile the English translations (Korean is the source language).
messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
	  cd src/seedwiki && ../../$(BIN)/django-admin compilemessages --ignore '.venv' >/dev/null; \
	else echo "msgfmt not found: using the committed .mo files"; fi

run: install
	$(BIN)/seedwiki init
	$(BIN)/seedwiki serve

# Browser tests drive Debian's Chromium through chromedriver; install them when missing (needs root).
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null; \
	  else echo "chromium/chromedriver missing and not root: browser tests will report it"; fi; \
	fi

# The whole suite on SQLite, then every storage test again on PostgreSQL.
test: install-test browser-deps
	$(BIN)/python -m pytest -q
	SEEDWIKI_TEST_DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -m storage tests/seedwiki

bench: install-test
	$(BIN)/python bench/namumark_bench.py
	$(BIN)/python bench/wiki_bench.py
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/discussion_bench.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
