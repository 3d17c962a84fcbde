import os

import portal_bootstrap  # noqa: F401

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.production")

application = get_asgi_application()
