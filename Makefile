# The two commands a newcomer needs: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

# The embedded default for `make run`: SQLite under var/, tasks in-process, e-mail to var/mail/.
RUN_ENV := DEBUG=true DEMO_MODE=true

.PHONY: install run totp test lint format migrations-check deploy-check bench assets messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	@mkdir -p var/mail var/media
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The demo staff account's current TOTP code, for its second factor (after `make run` seeded it).
totp: install
	@$(RUN_ENV) $(BIN)/python manage.py demo_totp

test: install
	$(BIN)/pytest -n auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# The production settings must pass Django's deployment checklist with no warning. The broker and
# the cache are named as in docker-compose.yml; the check connects to neither.
deploy-check: install
	DEBUG=false HTTPS=true STAFF_MFA_REQUIRED=true ALLOWED_HOSTS=local.example.org \
	CELERY_BROKER_URL=redis://127.0.0.1:6379/0 CACHE_URL=redis://127.0.0.1:6379/1 \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install
	$(BIN)/python bench/engine.py

# Front-end packages come from npm (pinned in package-lock.json) and are copied into static/.
assets:
	npm ci --no-audit --no-fund
	$(BIN)/python scripts/copy_assets.py

# Commands on a developer's machine run with DEBUG on: with DEBUG off, the settings refuse to load
# without a real SECRET_KEY (see ogplocal/settings.py).
migrations-check messages: export DEBUG = true

messages: install
	$(BIN)/python manage.py makemessages -l es -l fr -l pt_BR --ignore='.venv/*' --ignore='node_modules/*' --ignore='tests/*' --ignore='var/*'
	$(BIN)/python manage.py compilemessages --ignore='.venv/*' --ignore='node_modules/*'
	$(BIN)/python scripts/check_translations.py

clean:
	rm -rf $(VENV) var/db.sqlite3 var/mail var/media var/staticfiles
