from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    # The package is ``site`` (see portal_bootstrap.py); its label is ``portal`` so that
    # model references read ``portal.User`` and never look like the stdlib module.
    name = "site"
    label = "portal"
    verbose_name = _("门户网站")
    default_auto_field = "django.db.models.BigAutoField"
