# Coop portal. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
LANGS := fr nl de
PG_URL = $(shell scripts/postgres url)

.DEFAULT_GOAL := help
.PHONY: help install run migrate seed messages compilemessages check-catalogues lint format check test test-sqlite test-postgres system-packages node-packages bench bench-pages bench-lists run-opensearch loadtest backup restore

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned packages

migrate: install
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

compilemessages: install ## Compile the fr, nl and de catalogues
	$(BIN)/python scripts/compile_messages.py

seed: migrate compilemessages ## Load the demo content (idempotent)
	$(MANAGE) seed_demo

run: seed ## Serve the portal with demo data on http://127.0.0.1:8000 (and the task worker: mail)
	@$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

messages: install ## Extract the strings into locale/ (then translate them)
	$(MANAGE) makemessages $(addprefix -l ,$(LANGS)) --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'tests/*' --ignore 'bench/*'

check-catalogues: install ## Fail when a catalogue has untranslated or fuzzy entries
	$(BIN)/python scripts/check_catalogues.py $(LANGS)

lint: install ## ruff: lint and formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

system-packages: ## Debian packages the tests need (gettext, chromium, postgresql, npm)
	scripts/system-packages

node-packages: system-packages ## npm packages the browser tests need (axe-core), pinned by package-lock.json
	scripts/node-packages

check: install system-packages node-packages
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(MANAGE) compilemessages --ignore '.venv/*'
	$(MAKE) --no-print-directory check-catalogues

# The search contract tests also run against a real OpenSearch node, started here and
# stopped at the end even when tests fail.
test-sqlite: install node-packages
	@url=$$(scripts/opensearch start | tail -1) || exit 1; \
	TEST_SEARCH_URL=$$url $(BIN)/pytest; status=$$?; \
	scripts/opensearch stop; exit $$status

test-postgres: install node-packages
	@url=$$(scripts/opensearch start | tail -1) || exit 1; \
	DATABASE_URL=$(PG_URL) TEST_SEARCH_URL=$$url $(BIN)/pytest; status=$$?; \
	scripts/opensearch stop; exit $$status

run-opensearch: seed ## Serve the portal with search on a local OpenSearch node
	SEARCH_URL=$$(scripts/opensearch start | tail -1) $(MANAGE) rebuild_search_index && \
	SEARCH_URL=$$(scripts/opensearch url) $(MANAGE) runserver 127.0.0.1:8000

test: lint check ## The whole suite: lint, checks, catalogues, pytest on SQLite and PostgreSQL, with OpenSearch
	@url=$$(scripts/opensearch start | tail -1) || exit 1; \
	TEST_SEARCH_URL=$$url $(BIN)/pytest && \
	DATABASE_URL=$(PG_URL) TEST_SEARCH_URL=$$url $(BIN)/pytest; status=$$?; \
	scripts/opensearch stop; exit $$status

MEMBERS ?= 150000
OPENSEARCH_ONLY ?=
REPEAT ?= 20
CALLS_NOTICES ?= 10000
CALLS_ALERTS ?= 20000

USERS ?= 8
SECONDS ?= 60

loadtest: install compilemessages ## Mixed load (Locust, USERS users, SECONDS s) on gunicorn at 127.0.0.1; results in bench/results/loadtest.md
	$(BIN)/python bench/run_loadtest.py --users $(USERS) --seconds $(SECONDS)

PAGE_SECONDS ?= 10
KINDS ?=

bench-pages: install compilemessages ## Each page kind under wrk (PAGE_SECONDS s each, KINDS=home,profile for a subset) on gunicorn; results in bench/results/pages.md
	$(BIN)/python bench/run_pages.py --seconds $(PAGE_SECONDS) $(if $(KINDS),--kinds $(KINDS))

LIST_SPACES ?= 5000
LIST_EVENTS ?= 100000
LIST_CALLS ?= 200000

bench-lists: install compilemessages ## Spaces, events and calls lists and APIs (LIST_SPACES, LIST_EVENTS, LIST_CALLS, REPEAT), database and OpenSearch; results in bench/results/lists.md
	@url=$$(scripts/opensearch start | tail -1) || exit 1; \
	$(BIN)/python bench/run_lists.py --spaces $(LIST_SPACES) --events $(LIST_EVENTS) --calls $(LIST_CALLS) --repeat $(REPEAT) --search-url $$url; status=$$?; \
	scripts/opensearch stop; exit $$status

BACKUPS ?= backups

backup: install ## Back up the database and media files into $(BACKUPS)/<timestamp>/
	$(MANAGE) backup $(BACKUPS)

restore: install ## Replace the database and media files with a backup: make restore BACKUP=backups/<timestamp>
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<timestamp>"; exit 2; }
	$(MANAGE) restore $(BACKUP)

bench: install ## Directory (MEMBERS profiles; OPENSEARCH_ONLY=1 skips the database modes) and calls (CALLS_NOTICES notices, CALLS_ALERTS alerts) benchmarks; results in bench/results/
	@url=$$(scripts/opensearch start | tail -1) || exit 1; \
	$(BIN)/python bench/run_directory.py --members $(MEMBERS) --repeat $(REPEAT) --search-url $$url $(if $(OPENSEARCH_ONLY),--opensearch-only); status=$$?; \
	if [ $$status -eq 0 ]; then \
	  $(BIN)/python bench/run_calls.py --notices $(CALLS_NOTICES) --alerts $(CALLS_ALERTS) --search-url $$url; status=$$?; \
	fi; \
	scripts/opensearch stop; exit $$status
