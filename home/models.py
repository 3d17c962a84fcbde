from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from columns.models import ColumnPage, content_items

HOME_LIST_LENGTH = 8


class HomePage(Page):
    """首页: headline news, notices, latest policy files and the entrances citizens look for."""

    welcome = RichTextField(_("首页导语"), blank=True, features=["bold", "link"])
    news_column = models.ForeignKey(
        ColumnPage, verbose_name=_("要闻栏目"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    notices_column = models.ForeignKey(
        ColumnPage, verbose_name=_("通知公告栏目"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    policy_column = models.ForeignKey(
        ColumnPage, verbose_name=_("政策文件栏目"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    template = "home/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "columns.ColumnPage",
        "columns.InfoDisclosureIndexPage",
        "services.ServicesIndexPage",
        "services.InteractionIndexPage",
    ]
    content_panels = Page.content_panels + [
        FieldPanel("welcome"),
        MultiFieldPanel(
            [FieldPanel("news_column"), FieldPanel("notices_column"), FieldPanel("policy_column")],
            heading=_("首页栏目"),
        ),
    ]

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        from services.models import InteractionIndexPage, ServicesIndexPage
        from site.models import WebsiteLink

        context = super().get_context(request, *args, **kwargs)
        for key in ("news", "notices", "policy"):
            column = getattr(self, f"{key}_column")
            # The chosen column is in the default locale; show its counterpart in this one.
            column = column.localized if column else None
            context[f"{key}_column"] = column
            context[f"{key}_items"] = content_items(column)[:HOME_LIST_LENGTH] if column else []
        children = self.get_children().live().public()
        context["services_page"] = children.type(ServicesIndexPage).first()
        context["interaction_page"] = children.type(InteractionIndexPage).first()
        links = list(WebsiteLink.objects.filter(locale=self.locale))
        if not links:  # not yet translated: show the default-language list
            links = list(WebsiteLink.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
        context["link_groups"] = [
            (label, [link for link in links if link.category == value])
            for value, label in WebsiteLink.Category.choices
        ]
        return context
