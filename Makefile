# The two commands: `make run` and `make test`. Everything else supports them.
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
RUN_ENV := DJANGO_ENV=development DEBUG=false

.PHONY: run test setup lint format bench lock clean

$(STAMP): requirements.lock pyproject.toml
	@python=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV) || exit 1; fi
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "$(VENV) holds Python older than 3.12: delete it and run make again."; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-virtualenv -r requirements.lock
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py prune_tasks
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@$(RUN_ENV) $(PY) manage.py demo_banner
	@# The task worker sends workflow mail (printed here in development) and
	@# builds each content version's shared data; it stops with the server.
	$(RUN_ENV) $(PY) manage.py db_worker --interval 2 --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(VENV)/bin/gunicorn -c gunicorn.conf.py --workers 2 portal.wsgi

# mypy runs as `python -m mypy` so that this folder comes first on the path:
# textstat's wheel installs a top-level `tests` package of its own, which the
# django-stubs plugin would otherwise import instead of ours.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# textstat's wheel carries a stray top-level `tests` package; ours comes first.
	PYTHONPATH=. $(VENV)/bin/mypy
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# textstat's wheel carries a stray top-level `tests` package; ours comes first.
	PYTHONPATH=. $(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	$(PY) scripts/bench_checker.py
	$(PY) scripts/bench_pages.py
	$(PY) scripts/bench_pages.py --no-page-cache
	$(PY) scripts/bench_members.py
	$(PY) scripts/bench_api.py
	$(PY) scripts/bench_scale.py
	$(PY) scripts/bench_publish.py
	$(PY) scripts/bench_edge.py
	$(PY) scripts/bench_admin.py

# Re-pin every package after changing pyproject.toml's dependencies.
lock:
	rm -rf /tmp/portal-lock-venv
	"$$(scripts/find-python)" -m venv /tmp/portal-lock-venv
	/tmp/portal-lock-venv/bin/pip install --quiet ".[dev]"
	echo "# Pinned by make lock from pyproject.toml; do not edit by hand." > requirements.lock
	/tmp/portal-lock-venv/bin/pip freeze --exclude health-portal >> requirements.lock

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
