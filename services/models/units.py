"""Who handles letters: the responsible unit (责任单位) and its staff.

To be unified with columns' shared responsible-unit model once issue 5 lands: letters only
need ``name``, ``active`` and ``members``, so the swap is a data migration of this table.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class HandlingUnit(index.Indexed, models.Model):
    name = models.CharField(_("单位名称"), max_length=100, unique=True)
    active = models.BooleanField(_("接收来信"), default=True, help_text=_("停用后不再出现在写信表单中。"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("办理人员"), blank=True, related_name="handling_units",
        help_text=_("这些用户可以在后台办理本单位的来信和申请。"),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    panels = [FieldPanel("name"), FieldPanel("active"), FieldPanel("sort_order"), FieldPanel("members")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("办理单位")
        verbose_name_plural = _("办理单位")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
