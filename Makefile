# LKjIP: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install venv migrate demo lint typecheck check clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## make run: set up and serve the app with demo data on SQLite (or $$DATABASE_URL)
run: demo
	$(PY) manage.py compilemessages --ignore=.venv -v0 || true
	@echo
	@echo "LKjIP is starting at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@$(PY) manage.py demo_logins --url http://$(HOST):$(PORT)/
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (SQLite by default; CI sets DATABASE_URL to PostgreSQL)
test: install
	$(PY) -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check apps tests bench lkjip
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy --strict apps/calculations apps/core/numbers.py apps/core/locks.py apps/performance/scales_catalogue.py

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache
