from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    # A Django app of its own (no models) so that Wagtail discovers its wagtail_hooks, Django its
    # management commands, templates and message catalogue.
    name = "site.translation"
    label = "portal_translation"
    verbose_name = _("翻译")
