"""The footer identity in other languages.

PortalIdentity (a site setting) holds the Simplified Chinese text. Site settings cannot be translated
by wagtail-localize, so its visible text fields are mirrored into IdentityText, a translatable snippet:
the zh-hans row follows PortalIdentity on every save, and the zh-hant and en rows are made with
wagtail-localize like any snippet (OpenCC for zh-hant, a translator or a PO file for English).
The footer shows the row for the visitor's language, field by field, falling back to PortalIdentity.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

# The PortalIdentity fields that visitors read as text (numbers and addresses on the web are not translated).
TEXT_FIELDS = ["site_name", "sponsor", "organizer", "maintainer", "address"]


class IdentityText(TranslatableMixin, models.Model):
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("站点"), on_delete=models.CASCADE, related_name="+")
    site_name = models.CharField(_("网站名称"), max_length=100, blank=True)
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    organizer = models.CharField(_("承办单位"), max_length=100, blank=True)
    maintainer = models.CharField(_("运行维护单位"), max_length=100, blank=True)
    address = models.CharField(_("联系地址"), max_length=255, blank=True)

    panels = [FieldPanel(name) for name in TEXT_FIELDS]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("网站标识译文")
        verbose_name_plural = _("网站标识译文")

    def __str__(self):
        return self.site_name or str(self.site)
