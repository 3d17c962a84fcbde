"""StreamField blocks of a service guide: the 申请材料 list with its 表格下载."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

FORM_CHOICES = [
    ("original", _("原件")),
    ("copy", _("复印件")),
    ("both", _("原件和复印件")),
    ("electronic", _("电子材料")),
]


class MaterialValue(blocks.StructValue):
    def form_label(self):
        return dict(FORM_CHOICES).get(self.get("form"), "")


class MaterialBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("材料名称"), max_length=200)
    form = blocks.ChoiceBlock(label=_("材料形式"), choices=FORM_CHOICES, default="original")
    copies = blocks.IntegerBlock(label=_("份数"), min_value=1, default=1)
    required = blocks.BooleanBlock(label=_("必须提交"), required=False, default=True)
    blank_form = DocumentChooserBlock(label=_("空白表格"), required=False)
    sample = DocumentChooserBlock(label=_("示例样表"), required=False)
    note = blocks.CharBlock(label=_("备注"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("申请材料")
        value_class = MaterialValue


class MaterialsBlock(blocks.StreamBlock):
    material = MaterialBlock()
