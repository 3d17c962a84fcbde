"""Login hardening pieces that Django does not ship."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

CHARACTER_CLASSES = [
    re.compile(r"[a-z]"),
    re.compile(r"[A-Z]"),
    re.compile(r"[0-9]"),
    re.compile(r"[^a-zA-Z0-9]"),
]


class CharacterClassesValidator:
    """A password must mix at least ``min_classes`` of: lower case, upper case, digits, symbols."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(1 for pattern in CHARACTER_CLASSES if pattern.search(password))
        if found < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return ngettext(
            "密码须包含小写字母、大写字母、数字、符号中的至少 %(count)d 类。",
            "密码须包含小写字母、大写字母、数字、符号中的至少 %(count)d 类。",
            self.min_classes,
        ) % {"count": self.min_classes}
