"""WSGI entry point. Start it through the bootstrap: gunicorn -c python:portal_bootstrap site.wsgi"""

import os

import portal_bootstrap  # noqa: F401

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.production")

application = get_wsgi_application()
