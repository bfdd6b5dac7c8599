# Two commands on a fresh machine: `make run` and `make test`. Needs Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Development only: DEBUG on, which also enables the development secret key.
DEV := DJANGO_DEBUG=1

# Installs come from the locks (every package pinned, with hashes), never from whatever is newest
# on the day; pyproject.toml keeps the ranges. `make lock` refreshes them (see README, Installs).
LOCK := requirements/runtime.txt
LOCK_DEV := requirements/dev.txt

.PHONY: run test lint format migrate demo superuser screenshots admin-screenshots clean lock lock-upgrade

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The project itself goes in last, without dependencies (the lock brought them) and without
# build isolation (the lock brought setuptools too, so nothing unpinned is fetched to build it).
# pip check then catches a lock older than pyproject.toml.
define install_locked
	$(BIN)/pip install --quiet --require-hashes --requirement $(1)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; \
		echo "The lock does not satisfy pyproject.toml: run 'make lock'."; exit 1; }
endef

$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(call install_locked,$(LOCK))
	touch $@

$(VENV)/.installed-dev: $(LOCK_DEV) $(LOCK) pyproject.toml | $(BIN)/python
	$(call install_locked,$(LOCK_DEV))
	touch $(VENV)/.installed $@

# Refresh the locks from pyproject.toml with pip-tools (installed into the venv): pins of
# unchanged dependencies stay; `make lock-upgrade` moves every pin to the newest allowed release.
# Run it with the oldest Python the site supports (3.11), which some markers depend on.
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_FLAGS)

lock: | $(BIN)/python
	$(BIN)/pip install --quiet "pip-tools>=7.6"
	$(PIP_COMPILE) --all-build-deps --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) --extra dev --output-file $(LOCK_DEV) pyproject.toml requirements/dev.in

lock-upgrade:
	$(MAKE) lock LOCK_FLAGS=--upgrade

migrate: $(VENV)/.installed
	$(DEV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV) $(BIN)/python manage.py load_demo_content
	$(DEV) $(BIN)/python manage.py load_demo_users
	$(DEV) $(BIN)/python manage.py load_demo_subscribers

run: demo
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, create a login with 'make superuser')"
	$(DEV) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py runserver $(HOST):$(PORT)

.PHONY: worker
# The background worker that sends newsletter emails when the database task backend is in use
# (production). `make run` uses the immediate backend and needs no worker.
worker: $(VENV)/.installed
	$(BIN)/python manage.py db_worker

.PHONY: serve
# The site as production runs it, on this machine: gunicorn with DEBUG off, PostgreSQL and
# Redis (DATABASE_URL, REDIS_URL; local defaults) and the task worker beside it. See bin/serve
# and the README's Production section.
serve: $(VENV)/.installed
	HOST=$(HOST) PORT=$(PORT) bin/serve

superuser: migrate
	$(DEV) $(BIN)/python manage.py createsuperuser

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The suite runs on every core (pytest-xdist); `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= auto
test: lint
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --numprocesses $(TEST_WORKERS)

screenshots: demo $(VENV)/.installed-dev
	$(BIN)/python docs/take_screenshots.py

# The editors' pages at 1280 px, on a scratch database of their own (docs/admin_screenshots.py).
admin-screenshots: $(VENV)/.installed-dev
	$(DEV) $(BIN)/python docs/admin_screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
