"""Page chrome: navigation, breadcrumb and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()

HREFLANG = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}


def _localized_root(request):
    site = Site.find_for_request(request)
    return site.root_page.localized if site else None


@register.simple_tag(takes_context=True)
def main_navigation(context):
    root = _localized_root(context["request"])
    if root is None:
        return []
    return list(root.get_children().live().public().in_menu())


@register.simple_tag(takes_context=True)
def breadcrumb(context, page):
    """The ancestors below the tree root, the home page first."""
    return list(page.get_ancestors().filter(depth__gt=1)) if page else []


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per language: the same page in that language where it exists, otherwise
    that language's home page (pages) or the same view (search and other views)."""
    request = context["request"]
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    current = translation.get_language()
    translations, roots = {}, {}
    if page is not None:
        translations = _by_language(page)
        site = Site.find_for_request(request)
        roots = _by_language(site.root_page) if site else {}
    versions = []
    for code, name in settings.LANGUAGES:
        exists = True
        if page is not None:
            target = translations.get(code) or roots.get(code)
            exists = code in translations
            url = target.get_url(request) if target else None
        else:
            url = translate_url(request.get_full_path(), code)
        if url:
            versions.append(
                {
                    "code": code,
                    "name": name,
                    "url": url,
                    "hreflang": HREFLANG.get(code, code),
                    "current": code == current,
                    "exists": exists,
                    "absolute_url": request.build_absolute_uri(url),
                }
            )
    return versions


def _by_language(page):
    pages = page.get_translations(inclusive=True).live().select_related("locale")
    return {p.locale.language_code: p for p in pages}


@register.filter
def minutes(duration):
    """A timedelta as whole minutes, rounded up (for the lockout page)."""
    seconds = duration.total_seconds() if duration else 0
    return max(1, -(-int(seconds) // 60))


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the active language."""
    root = _localized_root(context["request"])
    return root.get_url(context["request"]) if root else "/"


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or lies below it (marks the current main-menu item)."""
    return isinstance(page, Page) and page.path.startswith(section.path)
