from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalIdentity(BaseSiteSetting):
    """Who runs the portal: shown in every page footer, as 第九条 and the national rules require."""

    site_name = models.CharField(_("网站名称"), max_length=100, default="梅州市人民政府")
    domain = models.CharField(_("域名"), max_length=100, default="www.meizhou.gov.cn")
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    organizer = models.CharField(_("承办单位"), max_length=100, blank=True)
    maintainer = models.CharField(_("运行维护单位"), max_length=100, blank=True)
    icp_number = models.CharField(_("ICP备案编号"), max_length=64, blank=True)
    police_record_number = models.CharField(_("公安机关备案号"), max_length=64, blank=True)
    site_code = models.CharField(
        _("网站标识码"), max_length=32, blank=True, help_text=_("由全国政府网站信息报送系统分配。")
    )
    address = models.CharField(_("联系地址"), max_length=255, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=16, blank=True)
    phone = models.CharField(_("联系电话"), max_length=64, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    weibo_url = models.URLField(_("政务微博地址"), blank=True)
    wechat_qr_code = models.ForeignKey(
        "portal.PortalImage",
        verbose_name=_("微信公众号二维码"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wechat_name = models.CharField(_("微信公众号名称"), max_length=100, blank=True)
    app_url = models.URLField(_("移动客户端下载地址"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("domain"), FieldPanel("site_code")],
            heading=_("网站"),
        ),
        MultiFieldPanel(
            [FieldPanel("sponsor"), FieldPanel("organizer"), FieldPanel("maintainer")],
            heading=_("主办与承办"),
        ),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("police_record_number")],
            heading=_("备案"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("联系方式"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("weibo_url"),
                FieldPanel("wechat_name"),
                FieldPanel("wechat_qr_code"),
                FieldPanel("app_url"),
            ],
            heading=_("新媒体"),
        ),
    ]

    class Meta:
        verbose_name = _("网站标识")
        verbose_name_plural = _("网站标识")
