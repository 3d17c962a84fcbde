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
