from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index


class WebsiteLink(TranslatableMixin, Orderable, index.Indexed):
    """A link to another government website, listed on the home page (第十五条(三))."""

    class Category(models.TextChoices):
        DEPARTMENT = "department", _("部门网站")
        HIGHER = "higher", _("上级政府网站")
        LOWER = "lower", _("下级政府网站")
        OTHER = "other", _("其他网站")

    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    title = models.CharField(_("网站名称"), max_length=100)
    url = models.URLField(_("网址"))

    panels = [FieldPanel("category"), FieldPanel("title"), FieldPanel("url")]
    search_fields = [index.SearchField("title"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("网站链接")
        verbose_name_plural = _("网站链接")
        ordering = ["category", "sort_order"]

    def __str__(self):
        return self.title
