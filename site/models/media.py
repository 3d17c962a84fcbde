from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class PortalImage(AbstractImage):
    """Images carry a default alt text; an image block may override it."""

    default_alt_text = models.CharField(
        _("默认替代文本"),
        max_length=255,
        blank=True,
        help_text=_("描述图片内容，供读屏软件使用。"),
    )
    source = models.CharField(_("图片来源"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("default_alt_text", "source")

    class Meta(AbstractImage.Meta):
        verbose_name = _("图片")
        verbose_name_plural = _("图片")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class PortalDocument(AbstractDocument):
    """Documents (表格下载, 附件) record who issued them."""

    issuer = models.CharField(_("提供单位"), max_length=255, blank=True)

    admin_form_fields = Document.admin_form_fields + ("issuer",)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("文档")
        verbose_name_plural = _("文档")
