"""网上办事 and 互动交流. Index pages for now; service guides and letters come later."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class SectionIndexPage(Page):
    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["columns.ColumnPage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subcolumns"] = self.get_children().live().public().specific()
        return context


class ServicesIndexPage(SectionIndexPage):
    template = "services/section_index_page.html"  # Wagtail derives a default per concrete class

    class Meta:
        verbose_name = _("网上办事")
        verbose_name_plural = _("网上办事")


class InteractionIndexPage(SectionIndexPage):
    template = "services/section_index_page.html"

    class Meta:
        verbose_name = _("互动交流")
        verbose_name_plural = _("互动交流")
