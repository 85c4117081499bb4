# Heard — `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HEARD := $(BIN)/heard
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install chromium lint format migrate worker bench clean

$(BIN)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

migrate: install
	$(HEARD) migrate --noinput

run: migrate
	$(HEARD) collectstatic --noinput --verbosity 0
	$(HEARD) demo --size small --if-empty
	@echo ""
	@echo "Heard is at http://$(HOST):$(PORT)/  (Ctrl-C stops it; 'make worker' runs background tasks)"
	$(BIN)/gunicorn heard.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

worker: migrate
	$(HEARD) worker

# Browser tests use Debian's Chromium; install it when missing and we may.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	  else \
	    echo "Browser tests need Chromium: run 'sudo apt-get install -y chromium'"; exit 1; \
	  fi; \
	fi

test: install chromium
	$(BIN)/pytest -n 2 -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/pages.py --size large
	$(BIN)/python bench/import.py --rows 100000

clean:
	rm -rf $(VENV) var/static
