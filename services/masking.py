"""How citizens' personal data appears in public (第四条): names masked, contact details never."""


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
