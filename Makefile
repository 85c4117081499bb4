# Heard — `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HEARD := $(BIN)/heard
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-embeddings install system runtime-packages packages chromium lint format migrate worker bench load clean

$(BIN)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

migrate: install
	$(HEARD) migrate --noinput

run: migrate runtime-packages
	$(HEARD) collectstatic --noinput --verbosity 0
	$(HEARD) demo --size small --if-empty
	@echo ""
	@echo "Heard is at http://$(HOST):$(PORT)/  (Ctrl-C stops it and its background worker)"
	@$(HEARD) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn heard.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4

worker: migrate
	$(HEARD) worker

# Browser tests use Debian's Chromium; PDFs need Pango and fonts (WeasyPrint); the PDF tests
# read pages back with poppler. Install what is missing when we may.
RUNTIME_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(RUNTIME_PACKAGES) chromium poppler-utils postgresql-client
chromium: system
system:
	@$(MAKE) --no-print-directory packages PACKAGES="$(TEST_PACKAGES)"
runtime-packages:
	@$(MAKE) --no-print-directory packages PACKAGES="$(RUNTIME_PACKAGES)"
packages:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; \
	  else \
	    echo "Heard needs these Debian packages: run 'sudo apt-get install -y$$missing'"; exit 1; \
	  fi; \
	fi

test: install system
	$(BIN)/pytest -n 2 -q

# The optional sentence-embeddings backend of themes: torch's CPU build first (a plain
# `pip install torch` would pull a multi-GB CUDA build), then the extra, then its tests.
test-embeddings: install
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev,embeddings]"
	$(BIN)/pytest -p no:xdist -q -m embeddings tests/insights/themes

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/pages.py --size large
	$(BIN)/python bench/import.py --rows 100000

# The bounded load test (50 users, 2 minutes, loopback) on SQLite, then PostgreSQL.
load: install
	$(BIN)/pip install --quiet -e ".[dev,load]"
	$(BIN)/python bench/load.py --database sqlite
	$(BIN)/python bench/load.py --database postgres

clean:
	rm -rf $(VENV) var/static
