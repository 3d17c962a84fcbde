from django import template
from django.utils.translation import gettext as _

from site.translation.status import IN_PROGRESS, OUT_OF_DATE, UNTRANSLATED, visitor_status

register = template.Library()


@register.inclusion_tag("translation/notice.html")
def translation_notice(page):
    """A note above the content of a page that is (partly) shown in Simplified Chinese."""
    status = visitor_status(page)
    messages = {
        UNTRANSLATED: _("本页尚未翻译，以下为简体中文原文。"),
        IN_PROGRESS: _("本页部分内容尚未翻译，以简体中文显示。"),
        OUT_OF_DATE: _("本页的简体中文原文已更新，译文正在更新中。"),
    }
    return {"notice": messages.get(status), "status": status}


@register.simple_tag(takes_context=True)
def localized_identity(context):
    """The footer identity in the visitor's language (see site/translation/models.py)."""
    from site.translation.identity import localized_identity as resolve

    request = context.get("request")
    if request is None:
        return None
    # base.html, the header and the footer all ask: resolve once per request.
    if not hasattr(request, "_portal_identity"):
        request._portal_identity = resolve(request)
    return request._portal_identity
