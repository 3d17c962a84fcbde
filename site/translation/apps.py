from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    # A Django app of its own (no models) so that Wagtail discovers its wagtail_hooks, Django its
    # management commands, templates and message catalogue.
    name = "site.translation"
    label = "portal_translation"
    verbose_name = _("翻译")

    def ready(self):
        from django.db.models.signals import post_save

        from site.models import PortalIdentity

        from .identity import mirror_identity

        post_save.connect(mirror_identity, sender=PortalIdentity, dispatch_uid="portal_translation_identity")
