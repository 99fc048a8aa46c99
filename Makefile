# Samverkan: `make setup` prepares a fresh Debian machine, `make test` runs every test,
# `make demo` starts the web application with the Lucas example. See README.md.
# `make test` also runs `make lint` (ruff, strict mypy) and the doctests of model/ and formats/.

SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Chromium for the browser tests, poppler for reading PDFs back in tests, pango and fonts for
# WeasyPrint's PDF reports, gettext for the translation catalogues, LibreOffice Calc (without its
# GUI) to recalculate the report workbook's formulas in a test as a spreadsheet program would.
# All from Debian's packages; no browser is ever downloaded.
DEBIAN_PACKAGES := chromium poppler-utils fonts-dejavu-core fonts-liberation \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 gettext \
	libreoffice-calc-nogui
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: setup system-packages python-packages test test-sqlite test-postgres demo lint bench

setup: system-packages python-packages

system-packages:
	@if dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1; then \
		echo "Debian packages already installed"; \
	else \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			$(DEBIAN_PACKAGES); \
	fi

python-packages:
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	uv sync --frozen

# Lint first: CI runs `make test`, so ruff and strict mypy are part of every run.
test: setup lint test-sqlite test-postgres

test-sqlite:
	uv run pytest

# The database tests again on PostgreSQL, when a server answers (CI always has one).
test-postgres:
	@if uv run python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) uv run pytest -m postgres; \
		status=$$?; if [ $$status -eq 5 ]; then echo "no PostgreSQL tests collected"; exit 0; fi; exit $$status; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL not reachable at $(PG_URL): CI needs it"; exit 1; \
	else \
		echo "PostgreSQL not reachable at $(PG_URL): PostgreSQL tests skipped"; \
	fi

# The main job: the web application with Lucas and its collaboration variant loaded.
demo: setup
	uv run samverkan serve --demo

lint:
	uv run ruff check samverkan tests bench
	uv run mypy

bench:
	uv run --group bench python bench/simulate.py
	uv run --group bench python bench/followup.py
