"""Public display of a column's responsible units (栏目责任制), in the visitor's language."""

from django import template
from wagtail.models import Locale

register = template.Library()


@register.simple_tag
def responsible_units(page):
    """Active units answering for ``page``'s column, translated where a translation exists."""
    from columns.workflow import responsible_units as units_for

    locale = Locale.get_active()
    return [unit.get_translation_or_none(locale) or unit for unit in units_for(page).filter(active=True)]


@register.inclusion_tag("columns/includes/responsible_units.html")
def responsible_units_line(page):
    return {"units": responsible_units(page)}
