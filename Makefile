# IL-2 Portal. `make run` serves the portal on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(PY) -m pip --disable-pip-version-check -q
HOST   ?= 127.0.0.1
PORT   ?= 8000
# parallel test processes (pytest-xdist): one per core; each has its own test database and Redis db
TEST_WORKERS ?= auto

.PHONY: run test install install-dev migrate demo worker web lint format bench lock client check-deploy clean vendor

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: requirements/base.txt | $(VENV)/bin/python
	$(PIP) install -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.base-installed
	$(PIP) install -r requirements/dev.txt
	@touch $@

install: $(VENV)/.base-installed
install-dev: $(VENV)/.dev-installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py bootstrap_demo

# hashed, gzip and brotli copies of the static files (again only when a source file changed)
staticfiles/staticfiles.json: $(shell find static -type f) $(VENV)/.base-installed
	STATIC_COLLECTED=1 $(PY) manage.py collectstatic --noinput -v0

run: demo staticfiles/staticfiles.json  ## serve http://127.0.0.1:8000 on SQLite, tasks in-process
	STATIC_COLLECTED=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev  ## the whole suite (SQLite unless DATABASE_URL is set), one process per core
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

worker: install  ## a Celery worker (needs REDIS_URL or CELERY_BROKER_URL)
	$(VENV)/bin/celery -A il2portal worker --loglevel=INFO --concurrency=2

web: install  ## gunicorn, as in production
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/gunicorn il2portal.wsgi --preload --bind $(HOST):$(PORT) --workers 2 --threads 4 --timeout 60

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install-dev
	$(PY) -m bench

lock:  ## re-pin dependencies after editing requirements/*.in (needs uv)
	uv pip compile requirements/base.in -o requirements/base.txt --python-version 3.11
	cd requirements && uv pip compile dev.in -o dev.txt --python-version 3.11

client: install-dev  ## regenerate clients/ (Python client, pydantic models) from the served OpenAPI schema
	$(PY) clients/generate.py

check-deploy: install
	DJANGO_ENV=production SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(60))') \
	  ALLOWED_HOSTS=portal.example.org REDIS_URL=redis://127.0.0.1:6379/0 $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# the plotly.js the installed plotly package writes its figures for
PLOTLY_JS_VERSION ?= 2.35.2
vendor:  ## refresh static/vendor/plotly-cartesian.min.js from npm (needs npm)
	rm -rf var/vendor && mkdir -p var/vendor
	cd var/vendor && npm pack --silent plotly.js-cartesian-dist-min@$(PLOTLY_JS_VERSION) && tar xzf *.tgz
	cp var/vendor/package/plotly-cartesian.min.js static/vendor/plotly-cartesian.min.js
	cp var/vendor/package/LICENSE static/vendor/plotly-cartesian.LICENSE.txt
	sha256sum static/vendor/plotly-cartesian.min.js
