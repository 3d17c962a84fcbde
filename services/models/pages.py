"""网上办事 and 互动交流 section pages, and the service guide (办事指南)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import MaterialsBlock


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
    """网上办事: its columns, and the catalogue of every service guide below it."""

    subpage_types = ["columns.ColumnPage", "services.ServiceGuidePage"]
    template = "services/services_index_page.html"

    class Meta:
        verbose_name = _("网上办事")
        verbose_name_plural = _("网上办事")

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import GuideFilter

        context = super().get_context(request, *args, **kwargs)
        context["subcolumns"] = self.get_children().live().public().not_type(ServiceGuidePage)
        context["guide_filter"] = GuideFilter(self, request.GET)
        return context


class InteractionIndexPage(SectionIndexPage):
    template = "services/interaction_index_page.html"

    class Meta:
        verbose_name = _("互动交流")
        verbose_name_plural = _("互动交流")


class ServiceGuidePage(Page):
    """办事指南 of one service item, rendered as the table Chinese portals use."""

    class ItemType(models.TextChoices):
        LICENSE = "license", _("行政许可")
        CONFIRMATION = "confirmation", _("行政确认")
        PAYMENT = "payment", _("行政给付")
        AWARD = "award", _("行政奖励")
        RULING = "ruling", _("行政裁决")
        OTHER_POWER = "other_power", _("其他行政权力")
        PUBLIC_SERVICE = "public_service", _("公共服务")

    class Theme(models.TextChoices):
        # 生命周期主题 for individuals, then 经营周期 for businesses.
        BIRTH = "birth", _("生育收养")
        HOUSEHOLD = "household", _("户籍办理")
        EDUCATION = "education", _("教育科研")
        EMPLOYMENT = "employment", _("就业创业")
        MARRIAGE = "marriage", _("婚姻登记")
        SOCIAL_SECURITY = "social_security", _("社会保障")
        HEALTH = "health", _("医疗卫生")
        HOUSING = "housing", _("住房保障")
        TRANSPORT = "transport", _("交通出行")
        RETIREMENT = "retirement", _("退休养老")
        ESTABLISHMENT = "establishment", _("设立变更")
        PERMITS = "permits", _("准营准办")
        TAX = "tax", _("纳税缴费")
        CONSTRUCTION = "construction", _("工程建设")
        CLOSURE = "closure", _("注销退出")
        OTHER = "other", _("其他")

    item_type = models.CharField(_("事项类型"), max_length=20, choices=ItemType.choices, blank=True)
    implementing_body = models.CharField(_("实施主体"), max_length=200, blank=True)
    for_individuals = models.BooleanField(_("面向自然人"), default=True)
    for_businesses = models.BooleanField(_("面向法人"), default=False)
    theme = models.CharField(_("主题"), max_length=20, choices=Theme.choices, blank=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    conditions = RichTextField(_("受理条件"), blank=True, features=["bold", "ol", "ul", "link"])
    materials = StreamField(MaterialsBlock(), verbose_name=_("申请材料"), blank=True)
    process = RichTextField(_("办理流程"), blank=True, features=["bold", "ol", "ul", "link"])
    legal_time_limit = models.PositiveSmallIntegerField(_("法定时限（工作日）"), null=True, blank=True)
    promised_time_limit = models.PositiveSmallIntegerField(_("承诺时限（工作日）"), null=True, blank=True)
    fee = models.CharField(_("收费标准"), max_length=300, blank=True, help_text=_("不收费请填写“不收费”。"))
    fee_basis = models.CharField(_("收费依据"), max_length=300, blank=True)
    location = models.CharField(_("办理地点"), max_length=300, blank=True)
    office_hours = models.CharField(_("办理时间"), max_length=300, blank=True)
    consult_phone = models.CharField(_("咨询电话"), max_length=100, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=100, blank=True)
    visits = models.PositiveSmallIntegerField(
        _("到现场次数"), null=True, blank=True, help_text=_("全程网办填 0。")
    )
    online_url = models.URLField(_("在线办理地址"), blank=True, help_text=_("广东政务服务网上的办理入口。"))

    # The elements whose absence the inspection penalises, in table order.
    KEY_ELEMENTS = [
        "item_type", "implementing_body", "legal_basis", "conditions", "materials", "process",
        "legal_time_limit", "promised_time_limit", "fee", "location", "office_hours",
        "consult_phone", "complaint_phone", "visits",
    ]

    template = "services/service_guide_page.html"
    parent_page_types = ["services.ServicesIndexPage", "columns.ColumnPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("item_type"),
                FieldPanel("implementing_body"),
                FieldRowPanel([FieldPanel("for_individuals"), FieldPanel("for_businesses")]),
                FieldPanel("theme"),
            ],
            heading=_("事项信息"),
        ),
        FieldPanel("legal_basis"),
        FieldPanel("conditions"),
        FieldPanel("materials"),
        FieldPanel("process"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("legal_time_limit"), FieldPanel("promised_time_limit")]),
                FieldRowPanel([FieldPanel("fee"), FieldPanel("fee_basis")]),
                FieldRowPanel([FieldPanel("location"), FieldPanel("office_hours")]),
                FieldRowPanel([FieldPanel("consult_phone"), FieldPanel("complaint_phone")]),
                FieldPanel("visits"),
                FieldPanel("online_url"),
            ],
            heading=_("时限、收费、地点与电话"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("implementing_body"),
        index.SearchField("legal_basis"),
        index.FilterField("item_type"),
        index.FilterField("theme"),
        index.FilterField("implementing_body"),
        index.FilterField("for_individuals"),
        index.FilterField("for_businesses"),
    ]

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    @property
    def publish_time(self):
        """Lets column listings show a guide beside articles."""
        return self.last_published_at or self.first_published_at

    def missing_elements(self):
        """Verbose names of the key elements left empty."""
        missing = []
        for name in self.KEY_ELEMENTS:
            value = getattr(self, name)
            if value is None or value == "" or (name == "materials" and not len(value)):
                missing.append(self._meta.get_field(name).verbose_name)
        return missing

    def completeness(self):
        missing = self.missing_elements()
        total = len(self.KEY_ELEMENTS)
        return {"present": total - len(missing), "total": total, "missing": missing}
