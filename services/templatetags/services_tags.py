from django import template

from ..masking import mask_name, mask_personal_data

register = template.Library()


@register.simple_tag
def accessible_widget(field):
    """The field's widget tied to its help text and errors (aria-describedby, aria-invalid)."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_errors")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def masked(name):
    return mask_name(name)


@register.filter
def masked_text(text):
    return mask_personal_data(text)


@register.filter
def overdue(obj):
    return obj.is_overdue()


@register.filter
def near_line(obj):
    return obj.near_three_month_line()
