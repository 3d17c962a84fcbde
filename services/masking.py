"""How citizens' personal data appears in public (第四条): names masked, contact details never."""

import re

from columns.checks import BANK_CARD_RE, ID_CARD_RE, MOBILE_RE, mask

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# ID-card numbers first: a bank-card pattern would also match their 18 digits.
PERSONAL_NUMBER_PATTERNS = (ID_CARD_RE, BANK_CARD_RE, MOBILE_RE, EMAIL_RE)


def mask_name(name):
    """张三丰 → 张**; Li Lei → L***; nothing of the rest of the name is shown."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 2)


def spreadsheet_safe(value):
    """Cells starting with = + - @ (or tab/CR) are formulas to spreadsheet programs: quote them."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def mask_personal_data(text):
    """A citizen's free text as it may be published: ID-card, bank-card and mobile numbers and
    e-mail addresses masked the way the content checks show them (440***********12)."""
    text = text or ""
    for pattern in PERSONAL_NUMBER_PATTERNS:
        text = pattern.sub(lambda match: mask(match.group()), text)
    return text
