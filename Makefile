# make run   set up everything and serve the demo portal at http://127.0.0.1:$(PORT)
# make test  run the test suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE ?= site.settings.dev

.PHONY: run test install install-test migrate demo messages check clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when a lock file changed.
$(VENV)/.runtime-installed: requirements.lock | $(PY)
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.test-installed: requirements-test.lock $(VENV)/.runtime-installed
	$(PY) -m pip install --quiet -r requirements-test.lock
	touch $@

install: $(VENV)/.runtime-installed
install-test: $(VENV)/.test-installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin

run: demo
	@echo "Portal: http://127.0.0.1:$(PORT)/   Admin: http://127.0.0.1:$(PORT)/admin/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

check: install-test
	DJANGO_SETTINGS_MODULE=site.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=site.settings.test $(PY) manage.py makemigrations --check --dry-run

test: check
	$(PY) -m pytest $(PYTEST_ARGS)

# Needs GNU gettext. The compiled .mo files are committed so that running the portal does not.
messages: install
	cd site && ../$(PY) ../manage.py makemessages -l zh_Hant -l en --no-obsolete --no-location -i "static_collected/*"
	for app in home columns services search; do (cd $$app && ../$(PY) ../manage.py makemessages -l zh_Hant -l en --no-obsolete --no-location); done
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) static_collected media-test .pytest_cache
