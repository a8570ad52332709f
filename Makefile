# KIM CMS — run `make help` for the list of targets.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
export PORT

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

.PHONY: install
install: $(VENV)/.installed-run ## Create .venv and install the runtime requirements

.PHONY: install-dev
install-dev: $(VENV)/.installed-dev ## Create .venv and install the development requirements

.PHONY: messages
messages: install ## Compile the translation catalogs (locale/*.po → .mo, pure Python)
	$(PY) manage.py compile_translations

.PHONY: migrate
migrate: install ## Apply database migrations
	$(PY) manage.py migrate --no-input -v 0

.PHONY: demo
demo: migrate ## Load the demo province (idempotent)
	$(PY) manage.py load_demo

.PHONY: run
run: demo ## Set up everything and serve the demo province on http://localhost:$(PORT)/
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

.PHONY: test
# The suite runs in parallel processes, one per core up to four (TEST_PROCESSES=0: in this process).
TEST_PROCESSES ?= auto
test: install-dev ## Run the whole test suite (SQLite, or DATABASE_URL=postgres://...)
	$(PY) -m pytest -n $(TEST_PROCESSES) --maxprocesses=4

.PHONY: test-fast
# TEST_ARGS="tests/home" runs part of the suite; `make test` (or --create-db) rebuilds the database.
test-fast: install-dev ## The suite on the test database of the last test-fast run (migrates only what is new)
	KIM_TEST_REUSE_DB=1 $(PY) -m pytest --reuse-db -n $(TEST_PROCESSES) --maxprocesses=4 $(TEST_ARGS)

# Wagtail's own tests for what kim_sites/scale/wagtail_patches.py replaces (tests/wagtail_suite/runner.py,
# docs/upgrading.md). WAGTAIL_TESTS="wagtail.tests.test_sites ..." runs other labels.
.PHONY: test-wagtail
test-wagtail: install-dev ## Run Wagtail's own tests with the site index installed
	$(PY) -m django test --settings=tests.wagtail_suite.settings --noinput $(WAGTAIL_TESTS)

.PHONY: test-wagtail-stock
test-wagtail-stock: install-dev ## The same Wagtail tests on stock Wagtail (site index off), to compare
	KIM_SITE_INDEX_ENABLED=0 $(PY) -m django test --settings=tests.wagtail_suite.settings --noinput $(WAGTAIL_TESTS)

CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(VENV)/.installed-e2e: requirements.txt requirements-dev.txt requirements-e2e.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-e2e.txt
	@touch $@ $(VENV)/.installed-dev $(VENV)/.installed-run

e2e/node_modules/axe-core/axe.min.js: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --silent --no-audit --no-fund
	@touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

.PHONY: e2e
e2e: $(VENV)/.installed-e2e e2e/node_modules/axe-core/axe.min.js $(CHROMIUM) ## Run the end-to-end browser suite (screenshots in artifacts/e2e/)
	KIM_E2E=1 E2E_CHROMIUM=$(CHROMIUM) $(PY) -m pytest --durations=5 tests/e2e

e2e/node_modules/lighthouse/cli/index.js: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --silent --no-audit --no-fund
	@touch $@

.PHONY: lighthouse
# A benchmark, not a gate: LIGHTHOUSE_PAGES=kim-home,post measures part of the pages.
lighthouse: install e2e/node_modules/lighthouse/cli/index.js $(CHROMIUM) ## Lighthouse mobile scores of the demo's public pages (reports in artifacts/lighthouse/)
	CHROME_PATH=$(CHROMIUM) $(PY) -m tools.lighthouse $(if $(LIGHTHOUSE_PAGES),--pages $(LIGHTHOUSE_PAGES))

.PHONY: guide-screenshots
guide-screenshots: install ## Copy the guide's screenshots from artifacts/e2e/ (after make e2e) into kim_sites/static/kim_sites/guide/
	$(PY) -m tools.guide_screenshots

.PHONY: lint
lint: install-dev ## Check code style (ruff)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: security
security: install-dev ## Security lint (bandit; configuration and skips in pyproject.toml)
	$(VENV)/bin/bandit -q -c pyproject.toml -r .

.PHONY: format
format: install-dev ## Format the code (ruff)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: clean
clean: ## Remove the virtualenv, local database and media
	rm -rf $(VENV) db.sqlite3 media staticfiles .test-media .pytest_cache

.PHONY: bench
bench: install ## Benchmark 10/1,000/10,000 sites (BENCH_SITES=10,1000, BENCH_ARGS="--quick --stock")
	$(PY) manage.py bench $(if $(BENCH_SITES),--sites $(BENCH_SITES)) $(BENCH_ARGS)

# The national scale on PostgreSQL and Redis (docs/performance.md, "National scale"): about 75 minutes the
# first time on 2 cores (its databases are kept and reused), about 40 after.
BENCH_DATABASE_SERVER ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/0
.PHONY: bench-national
bench-national: install ## Benchmark 10/10,000/100,000 sites, 10 posts each, on PostgreSQL and Redis
	DATABASE_URL=$(BENCH_DATABASE_SERVER) REDIS_URL=$(BENCH_REDIS_URL) $(PY) manage.py bench --national $(BENCH_ARGS)

.PHONY: stack
stack: install-dev ## Boot nginx, Varnish, 2 gunicorn nodes, PostgreSQL, Redis, S3, SMTP on loopback and inject faults (report in artifacts/stack/)
	@[ -x /usr/sbin/varnishd ] || { echo "Varnish is missing: apt-get install -y varnish"; exit 2; }
	KIM_STACK=1 $(PY) -m pytest tests/stack -s

BACKUP_DIR ?= backups
.PHONY: backup
backup: install ## Back up the database (pg_dump) and the media (folder or S3) into $(BACKUP_DIR)/kimcms-<time>/
	$(PY) manage.py backup --output $(BACKUP_DIR)

.PHONY: restore
restore: install ## Restore BACKUP=<folder> into the configured database and media storage
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/kimcms-<time>"; exit 2; }
	$(PY) manage.py restore $(BACKUP)

.PHONY: bench-stack
bench-stack: install-dev ## Requests/s of a cached post through nginx -> Varnish beside nginx static and bare gunicorn (needs wrk)
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 2; }
	@[ -x /usr/sbin/varnishd ] || { echo "Varnish is missing: apt-get install -y varnish"; exit 2; }
	KIM_STACK=1 KIM_STACK_BENCH=1 $(PY) -m pytest tests/stack/test_bench_stack.py -s
