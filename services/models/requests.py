"""What citizens send: letters (写信) and disclosure applications (依申请公开).

Both share one life cycle (see services.workflow) and one abstract base, so the inbox,
logging, deadlines and masking are written once.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from columns.units import default_locale_only

from ..masking import mask_personal_data


class Status(models.TextChoices):
    PENDING = "pending", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    PROCESSING = "processing", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    REJECTED = "rejected", _("不予受理")


OPEN_STATUSES = [Status.PENDING, Status.ACCEPTED, Status.PROCESSING]
ANSWERED_STATUSES = [Status.ANSWERED, Status.CLOSED]


class CitizenRequest(models.Model):
    NUMBER_PREFIX = ""

    number = models.CharField(_("编号"), max_length=32, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=128, editable=False)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PENDING)
    # Letters go to the default-locale row of a unit; visitors see its translated name (display_name).
    unit = models.ForeignKey(
        "columns.ResponsibleUnit", verbose_name=_("办理单位"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to=default_locale_only,
    )
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=20)
    email = models.EmailField(_("电子邮箱"), max_length=100, blank=True)
    received_at = models.DateTimeField(_("来信日期"), default=timezone.now)
    due_date = models.DateField(_("办理期限"))
    accepted_at = models.DateTimeField(_("受理日期"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    reply_unit = models.ForeignKey(
        "columns.ResponsibleUnit", verbose_name=_("答复单位"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to=default_locale_only,
    )
    closed_at = models.DateTimeField(_("办结日期"), null=True, blank=True)
    rejection_reason = models.TextField(_("不予受理理由"), blank=True)
    submitter_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def three_month_line(self):
        from ..workdays import add_months

        return add_months(timezone.localdate(self.received_at), 3)

    def is_overdue(self, today=None):
        return self.is_open and (today or timezone.localdate()) > self.due_date

    def near_three_month_line(self, today=None):
        from django.conf import settings

        today = today or timezone.localdate()
        warn_days = settings.SERVICES_THREE_MONTH_WARNING_DAYS
        return self.is_open and (self.three_month_line - today).days <= warn_days


class LetterQuerySet(models.QuerySet):
    def public(self):
        """Letters shown on the website: the writer agreed, the reply is published."""
        return self.filter(publish_consent=True, published=True, status__in=ANSWERED_STATUSES)


class Letter(index.Indexed, CitizenRequest):
    NUMBER_PREFIX = "XJ"

    class Kind(models.TextChoices):
        CONSULT = "consult", _("咨询")
        SUGGESTION = "suggestion", _("建议")
        COMPLAINT = "complaint", _("投诉")
        HELP = "help", _("求助")
        OTHER = "other", _("其他")

    kind = models.CharField(_("信件类型"), max_length=12, choices=Kind.choices)
    subject = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("内容"), max_length=3000)
    publish_consent = models.BooleanField(_("同意公开"), default=False)
    published = models.BooleanField(
        _("公开答复"), default=True, help_text=_("写信人同意公开时，答复后在网站公开信件和答复。")
    )

    objects = LetterQuerySet.as_manager()

    # Site search (互动) finds published letters. The index holds the text as it is published, with
    # personal numbers masked: a search for someone's phone number must not find their letter.
    search_fields = [
        index.SearchField("search_title", boost=2),
        index.SearchField("search_text"),
        index.FilterField("publish_consent"),
        index.FilterField("published"),
        index.FilterField("status"),
        index.FilterField("replied_at"),
    ]
    search_date_field = "replied_at"

    class Meta(CitizenRequest.Meta):
        verbose_name = _("来信")
        verbose_name_plural = _("来信")
        permissions = [("handle_all_letters", _("可办理所有单位的来信"))]
        indexes = [models.Index(fields=["status", "received_at"])]

    @property
    def is_public(self):
        return self.publish_consent and self.published and self.status in ANSWERED_STATUSES

    @classmethod
    def search_public(cls):
        return cls.objects.public()

    def search_title(self):
        return mask_personal_data(self.subject)

    def search_text(self):
        return mask_personal_data(f"{self.content}\n{self.reply}")

    def get_url(self):
        return reverse("services:letter_detail", args=[self.number])


class DisclosureRequest(CitizenRequest):
    NUMBER_PREFIX = "YSQ"

    class ApplicantType(models.TextChoices):
        CITIZEN = "citizen", _("公民")
        ORGANISATION = "organisation", _("法人或其他组织")

    class IdType(models.TextChoices):
        ID_CARD = "id_card", _("居民身份证")
        PASSPORT = "passport", _("护照")
        HK_MACAO_TAIWAN = "permit", _("港澳台居民通行证")
        CREDIT_CODE = "credit_code", _("统一社会信用代码")
        OTHER = "other", _("其他")

    class Medium(models.TextChoices):
        PAPER = "paper", _("纸质")
        ELECTRONIC = "electronic", _("电子文档")

    class Delivery(models.TextChoices):
        POST = "post", _("邮寄")
        EMAIL = "email", _("电子邮件")
        PICKUP = "pickup", _("当面领取")

    applicant_type = models.CharField(_("申请人类型"), max_length=12, choices=ApplicantType.choices)
    id_type = models.CharField(_("证件类型"), max_length=12, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=30)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    description = models.TextField(_("所需信息描述"), max_length=3000)
    document_number = models.CharField(_("文件名称或文号"), max_length=200, blank=True)
    purpose = models.CharField(_("用途"), max_length=300, blank=True)
    medium = models.CharField(_("提供形式"), max_length=12, choices=Medium.choices)
    delivery = models.CharField(_("获取方式"), max_length=12, choices=Delivery.choices)
    extended = models.BooleanField(_("已延期"), default=False)

    class Meta(CitizenRequest.Meta):
        verbose_name = _("依申请公开")
        verbose_name_plural = _("依申请公开")
        permissions = [("handle_all_disclosures", _("可办理所有单位的申请"))]
