"""Column (栏目) pages and the content that lives in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import AttachmentsBlock, BodyBlock, ExternalLinksBlock
from .forms import ContentPageForm

CONTENT_PARENTS = ["columns.ColumnPage", "columns.InfoDisclosureIndexPage"]


class ContentPage(Page):
    """What every published item carries: 来源 and 发布时间 are required (第十七条)."""

    source = models.CharField(
        _("来源"), max_length=255, help_text=_("信息来源单位或媒体，例如：梅州市人民政府办公室。")
    )
    publish_time = models.DateTimeField(
        _("发布时间"), default=timezone.now, help_text=_("向公众显示的发布时间。")
    )
    author = models.CharField(_("作者"), max_length=100, blank=True)
    summary = models.TextField(_("摘要"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)
    attachments = StreamField(AttachmentsBlock(), verbose_name=_("附件"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("publish_time"),
                FieldPanel("publish_time_change_reason"),  # issue 5: see columns/forms.py
                FieldPanel("author"),
            ],
            heading=_("来源与发布时间"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("publish_time"),
    ]

    parent_page_types = CONTENT_PARENTS
    subpage_types = []
    base_form_class = ContentPageForm  # issue 5: 发布时间 of a published page needs a logged reason

    class Meta:
        abstract = True


class ArticlePage(ContentPage):
    template = "columns/article_page.html"

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")


class PolicyDocumentPage(ContentPage):
    """A policy file (政策文件) with the metadata the disclosure rules ask for."""

    class Topic(models.TextChoices):
        # 主题分类, after the State Council's government-information subject scheme.
        GENERAL = "general", _("综合政务")
        ECONOMY = "economy", _("国民经济管理、国有资产监管")
        FINANCE = "finance", _("财政、金融、审计")
        LAND = "land", _("国土资源、能源")
        AGRICULTURE = "agriculture", _("农业、林业、水利")
        INDUSTRY = "industry", _("工业、交通")
        COMMERCE = "commerce", _("商贸、海关、旅游")
        MARKET = "market", _("市场监管、安全生产监管")
        CONSTRUCTION = "construction", _("城乡建设、环境保护")
        EDUCATION = "education", _("科技、教育")
        CULTURE = "culture", _("文化、广电、新闻出版")
        HEALTH = "health", _("卫生、体育")
        LABOUR = "labour", _("劳动、人事、监察")
        SECURITY = "security", _("公安、安全、司法")
        CIVIL = "civil", _("民政、扶贫、救灾")
        OTHER = "other", _("其他")

    class Validity(models.TextChoices):
        VALID = "valid", _("有效")
        AMENDED = "amended", _("已修改")
        REPEALED = "repealed", _("已废止")

    index_number = models.CharField(_("索引号"), max_length=64, blank=True)
    issuing_authority = models.CharField(_("发文机关"), max_length=255)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    written_date = models.DateField(_("成文日期"), null=True, blank=True)
    topic = models.CharField(_("主题分类"), max_length=20, choices=Topic.choices, default=Topic.GENERAL)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField(
        _("修改或废止日期"), null=True, blank=True, help_text=_("有效性为“已修改”或“已废止”时填写。")
    )

    template = "columns/policy_document_page.html"

    content_panels = ContentPage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldPanel("index_number"),
                FieldPanel("issuing_authority"),
                FieldPanel("document_number"),
                FieldPanel("written_date"),
                FieldPanel("topic"),
                FieldPanel("validity"),
                FieldPanel("validity_changed_on"),
            ],
            heading=_("文件信息"),
        ),
    ] + ContentPage.content_panels[1:] + [
        InlinePanel("interpretations", label=_("政策解读")),
    ]

    search_fields = ContentPage.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("issuing_authority"),
        index.FilterField("topic"),
        index.FilterField("validity"),
    ]

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def live_interpretations(self):
        """The interpretation pages visitors can open, with their pages fetched in the same query."""
        return [i.page for i in self.interpretations.select_related("page").filter(page__live=True)]

    @property
    def publication_date(self):
        """发布日期 is the date part of 发布时间: one value, so the two can never disagree."""
        return timezone.localtime(self.publish_time).date()

    def clean(self):
        super().clean()
        if self.validity != self.Validity.VALID and not self.validity_changed_on:
            raise ValidationError(
                {"validity_changed_on": _("文件已修改或已废止时，请填写修改或废止日期。")}
            )


class PolicyInterpretation(Orderable):
    """Links a policy file to a page that interprets it (政策解读)."""

    policy = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="interpretations")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("解读页面"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")


class ColumnPage(Page):
    """A column (栏目): lists its content newest first, or a list of external links."""

    intro = RichTextField(_("栏目简介"), blank=True, features=["bold", "italic", "link"])
    external_links = StreamField(
        ExternalLinksBlock(),
        verbose_name=_("外部链接"),
        blank=True,
        help_text=_("不含下级内容的栏目可以改为列出外部链接。"),
    )

    template = "columns/column_page.html"
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("external_links")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = [
        "home.HomePage",
        "columns.ColumnPage",
        "columns.InfoDisclosureIndexPage",
        "services.ServicesIndexPage",
        "services.InteractionIndexPage",
    ]
    subpage_types = [
        "columns.ColumnPage", "columns.ArticlePage", "columns.PolicyDocumentPage", "services.ServiceGuidePage",
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subcolumns"] = self.get_children().live().public().in_menu().specific()
        policy_filter = PolicyFilter(self, request.GET)
        items = policy_filter.queryset() if policy_filter.active else content_items(self)
        context["policy_filter"] = policy_filter
        context["items"] = paginate(items, request.GET.get("page"), settings.COLUMN_PAGE_SIZE)
        return context


def content_items(parent):
    """The live content under ``parent``, newest 发布时间 first, in one query.

    Content pages of several types share 发布时间 only through their own tables, so
    it is pulled up with Coalesce; ``.specific()`` then costs one query per type.
    """
    from services.models import ServiceGuidePage  # services' pages may live in columns (办事指南)

    return (
        Page.objects.child_of(parent)
        .live()
        .public()
        .type(ArticlePage, PolicyDocumentPage, ServiceGuidePage)
        .annotate(
            sort_time=Coalesce(
                "articlepage__publish_time",
                "policydocumentpage__publish_time",
                "last_published_at",  # pages without 发布时间 (service guides) show their last update
                "first_published_at",
            )
        )
        .order_by("-sort_time", "-pk")
        .specific()
    )


def paginate(queryset, page_number, per_page):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page_number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class PolicyFilter:
    """Filters a column's policy files by 发文机关, 主题分类, year and 有效性."""

    FIELDS = ("authority", "topic", "year", "validity")

    def __init__(self, column, params):
        self.column = column
        self.base = PolicyDocumentPage.objects.child_of(column).live().public()
        self.values = {f: (params.get(f) or "").strip()[:100] for f in self.FIELDS}

    @property
    def available(self):
        return self.base.exists()

    @property
    def active(self):
        return any(self.values.values())

    def options(self):
        return {
            "authorities": sorted(set(self.base.values_list("issuing_authority", flat=True))),
            "topics": PolicyDocumentPage.Topic.choices,
            "years": sorted(
                {d.year for d in self.base.datetimes("publish_time", "year")}, reverse=True
            ),
            "validities": PolicyDocumentPage.Validity.choices,
        }

    def queryset(self):
        qs = self.base
        v = self.values
        if v["authority"]:
            qs = qs.filter(issuing_authority=v["authority"])
        if v["topic"]:
            qs = qs.filter(topic=v["topic"])
        if v["year"].isdigit():
            qs = qs.filter(publish_time__year=int(v["year"]))
        if v["validity"]:
            qs = qs.filter(validity=v["validity"])
        return qs.order_by("-publish_time", "-pk")


class InfoDisclosureIndexPage(ColumnPage):
    """政府信息公开: the disclosure column with its standard children (指南, 制度, 法定主动公开内容, 年报)."""

    template = "columns/column_page.html"
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("政府信息公开")
        verbose_name_plural = _("政府信息公开")


# --- Editorial governance (issue 5): models live in their own modules ------------------------
from .units import ColumnResponsibility, ResponsibleUnit, UpdateCategory  # noqa: E402,F401
from .wordlists import ErrorWord, SensitiveWord  # noqa: E402,F401
from .workflow import ContentCheckTask, FinalReviewTask, UnitReviewTask  # noqa: E402,F401
