"""Make the project's ``site/`` folder importable as the package ``site``.

``site`` is also a standard-library module that Python imports at start-up, so a
plain ``import site.settings`` finds the stdlib module and fails. Giving that
already-imported module a ``__path__`` pointing at our folder turns it into a
package for submodule look-ups (``site.settings``, ``site.models`` ...) while the
stdlib functions stay where they are.

Every entry point loads this module first:
- ``manage.py`` imports it;
- gunicorn: ``gunicorn -c python:portal_bootstrap site.wsgi``;
- pytest: ``-p portal_bootstrap`` in ``pyproject.toml`` (with ``pythonpath = .``).
"""

import os
import site

SITE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "site")

if getattr(site, "__path__", None) != [SITE_DIR]:
    site.__path__ = [SITE_DIR]

# gunicorn reads its settings from the module passed with ``-c python:``; these
# are the production defaults, overridable on the command line or through
# GUNICORN_CMD_ARGS.
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
# Django is loaded once in the master, so that the workers share what when_ready loads.
preload_app = True


def when_ready(server):
    """In the master, after the app has loaded and before the workers fork: the search's
    dictionaries (jieba, CC-CEDICT, the pinyin tables), which each worker would otherwise read
    during its first searches (about 2.6 s in all), are read once and shared."""
    import time

    from search.apps import load_dictionaries

    start = time.perf_counter()
    try:
        load_dictionaries()
    except Exception:  # the pages are served without them; the search reads them when needed
        server.log.exception("search dictionaries not loaded")
        return
    server.log.info("search dictionaries loaded in %.1f s", time.perf_counter() - start)
