"""StreamField blocks for content pages; each renders through its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题文字"))
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", _("二级标题")), ("h3", _("三级标题")), ("h4", _("四级标题"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "columns/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    alt_text = blocks.CharBlock(
        label=_("替代文本"),
        help_text=_("向看不到图片的读者描述图片内容（无障碍要求）。"),
    )
    caption = blocks.CharBlock(label=_("图片说明"), required=False)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "columns/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(
        label=_("显示名称"), required=False, help_text=_("留空则使用文件标题。")
    )

    class Meta:
        icon = "doc-full"
        label = _("附件")
        template = "columns/blocks/document.html"


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("正文段落")
        template = "columns/blocks/paragraph.html"


class ContentTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("表格")
        template = "columns/blocks/table.html"


class ExternalLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("链接名称"))
    url = blocks.URLBlock(label=_("网址"))
    description = blocks.CharBlock(label=_("说明"), required=False)

    class Meta:
        icon = "link-external"
        label = _("外部链接")
        template = "columns/blocks/external_link.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    table = ContentTableBlock()
    document = DocumentBlock()


class AttachmentsBlock(blocks.StreamBlock):
    document = DocumentBlock()


class ExternalLinksBlock(blocks.StreamBlock):
    link = ExternalLinkBlock()
