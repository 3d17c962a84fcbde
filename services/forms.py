"""Public forms (写信, 依申请公开, 查询) and the staff handling form."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from columns.units import ResponsibleUnit, default_locale_only, letter_units, localize_units

from .models import DisclosureRequest, Letter
from .protection import check_captcha

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\+?\d[\d\- ]{6,18}\d)$")
# Control characters other than tab and newlines never belong in a letter.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    return CONTROL_RE.sub("", value).strip()


class CitizenForm(forms.ModelForm):
    """Captcha, honeypot and contact checks shared by the public forms."""

    form_name = ""
    unit = forms.ModelChoiceField(
        label=_("办理单位"), queryset=ResponsibleUnit.objects.none(), required=False,
        empty_label=_("不确定（由政府办公室分办）"),
    )
    captcha = forms.CharField(label=_("验证问题"), max_length=3)
    # Honeypot: hidden from people by CSS and labelled so; robots that fill every field give themselves away.
    website = forms.CharField(label=_("请勿填写此项"), required=False)

    def __init__(self, *args, request, captcha_question, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.set_question(captcha_question)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["unit"].queryset = letter_units()  # here: the default locale is read from the database
        # Units in the visitor's language, their translations looked up once for the whole list.
        names = {u.pk: u.display_name for u in localize_units(self.fields["unit"].queryset)}
        self.fields["unit"].label_from_instance = lambda unit: names.get(unit.pk, unit.name)
        self.fields["phone"].help_text = _("手机号码或固定电话，仅用于联系您，不会公开。")
        for name, field in self.fields.items():
            if field.required:
                field.widget.attrs["required"] = True

    def set_question(self, question):
        # The question is the label itself: read aloud by screen readers, seen by everyone else.
        self.fields["captcha"].label = _("验证问题：%(question)s") % {"question": question}
        self._bound_fields_cache.pop("captcha", None)  # a bound field copies the label when first built

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(phone):
            raise ValidationError(_("请填写正确的手机号码或固定电话号码。"))
        return re.sub(r"[\s\-]", "", phone)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("提交失败，请重试。"))
        return ""

    def clean_captcha(self):
        if not check_captcha(self.request, self.form_name, self.cleaned_data.get("captcha")):
            raise ValidationError(_("验证问题回答不正确，请回答新的问题。"))
        return ""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = clean_text(value)
        return cleaned


class LetterForm(CitizenForm):
    form_name = "letter"
    field_order = ["kind", "unit", "subject", "content", "name", "phone", "email", "publish_consent",
                   "captcha", "website"]

    class Meta:
        model = Letter
        fields = ["kind", "unit", "subject", "content", "name", "phone", "email", "publish_consent"]
        widgets = {"kind": forms.RadioSelect, "content": forms.Textarea(attrs={"rows": 10})}
        labels = {"publish_consent": _("同意在网站公开本信件及答复（姓名将隐去，电话和邮箱不会公开）")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Letter.Kind.choices  # no empty "---------" radio


class DisclosureForm(CitizenForm):
    form_name = "disclosure"

    class Meta:
        model = DisclosureRequest
        fields = ["applicant_type", "name", "id_type", "id_number", "phone", "email", "address", "unit",
                  "description", "document_number", "purpose", "medium", "delivery"]
        widgets = {
            "applicant_type": forms.RadioSelect, "medium": forms.RadioSelect, "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {"name": _("申请人姓名或名称"), "unit": _("受理机关")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("applicant_type", "medium", "delivery"):
            self.fields[name].choices = self.Meta.model._meta.get_field(name).choices

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        if not re.match(r"^[0-9A-Z\-]{5,30}$", value):
            raise ValidationError(_("证件号码只能包含数字、字母和连字符。"))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("delivery") == DisclosureRequest.Delivery.EMAIL and not cleaned.get("email"):
            self.add_error("email", _("选择电子邮件获取时，请填写电子邮箱。"))
        if cleaned.get("delivery") == DisclosureRequest.Delivery.POST and not cleaned.get("address"):
            self.add_error("address", _("选择邮寄时，请填写通信地址。"))
        return cleaned


class LookupForm(forms.Form):
    number = forms.CharField(label=_("编号"), max_length=32)
    code = forms.CharField(label=_("查询码"), max_length=16)


class HandleForm(forms.Form):
    """One handling step in the admin; which fields matter depends on the action."""

    ACTIONS = [
        ("accept", _("受理")), ("start", _("开始办理")), ("reply", _("答复")), ("close", _("办结")),
        ("reject", _("不予受理")), ("transfer", _("转办")), ("extend", _("延期答复")),
    ]
    action = forms.ChoiceField(label=_("操作"), choices=ACTIONS, widget=forms.RadioSelect)
    unit = forms.ModelChoiceField(
        label=_("单位（转办目标或答复单位）"), queryset=ResponsibleUnit.objects.none(), required=False
    )
    reply = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 8}), required=False,
                            max_length=10000)
    reason = forms.CharField(label=_("理由（不予受理、延期）"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False, max_length=2000)
    published = forms.BooleanField(label=_("在网站公开（仅当写信人同意时）"), required=False, initial=True)

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [c for c in self.ACTIONS if c[0] in actions]
        self.fields["unit"].queryset = ResponsibleUnit.objects.filter(default_locale_only())
