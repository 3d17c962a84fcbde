"""How far the translation of a page into a locale has got."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

SOURCE, TRANSLATED, UNPUBLISHED, OUT_OF_DATE, IN_PROGRESS, UNTRANSLATED = (
    "source",
    "translated",
    "unpublished",
    "out_of_date",
    "in_progress",
    "untranslated",
)
LABELS = {
    SOURCE: _("原文"),
    TRANSLATED: _("已翻译"),
    UNPUBLISHED: _("已翻译，待发布"),
    OUT_OF_DATE: _("原文已更新，译文过期"),
    IN_PROGRESS: _("翻译中"),
    UNTRANSLATED: _("未翻译"),
}


# Segments that are not text a visitor reads: an untranslated slug just keeps the original address.
NOT_VISIBLE = ["slug"]


def text_segments(translation):
    return StringSegment.objects.filter(source_id=translation.source_id).exclude(context__path__in=NOT_VISIBLE)


def translated(segments, locale_id, published_before=None):
    """How many of the segments have a usable translation (made before ``published_before``, if given)."""
    translations = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"), locale_id=locale_id, has_error=False
    )
    if published_before is not None:
        translations = translations.filter(updated_at__lte=published_before)
    return segments.filter(Exists(translations)).count()


def is_out_of_date(translation):
    """The source page has been published since its content was last submitted for translation."""
    source_page = Page.objects.filter(
        translation_key=translation.source.object_id, locale_id=translation.source.locale_id
    ).first()
    changed = source_page and source_page.last_published_at
    return bool(changed and changed > translation.source.last_updated_at)


def translation_for(page):
    """The enabled wagtail-localize Translation whose target is this page, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def page_status(page):
    """One of the constants above, for a page in a non-source locale (or the source itself)."""
    if page.alias_of_id:
        return UNTRANSLATED
    translation = translation_for(page)
    if translation is None:
        # Not managed by wagtail-localize: an original, or a page written directly in this locale.
        return SOURCE
    if is_out_of_date(translation):
        return OUT_OF_DATE
    return translated_status(translation, page)


def translated_status(translation, page):
    segments = text_segments(translation)
    total, done = segments.count(), translated(segments, page.locale_id)
    if done == 0 and total:
        return UNTRANSLATED
    if done < total:
        return IN_PROGRESS
    live = translated(segments, page.locale_id, published_before=page.last_published_at)
    return TRANSLATED if live == total else UNPUBLISHED


class Row:
    """A page in a translated locale with its status, for the report."""

    def __init__(self, page, status, source_page=None):
        self.page, self.status, self.source_page = page, status, source_page
        self.locale = page.locale
        self.title = page.get_admin_display_title()
        self.status_label = LABELS[status]
        self.pk = page.pk


def collect(locales):
    """Status of every page (below the tree root) in each of the given locales.

    Few queries whatever the tree size: aliases need none, translations are looked up in bulk,
    only the progress of real translations is counted page by page."""
    pages = (
        Page.objects.filter(locale__in=locales, depth__gt=1)
        .select_related("locale")
        .order_by("locale__language_code", "path")
    )
    translations = {
        (t.source.object_id, t.target_locale_id): t
        for t in Translation.objects.filter(target_locale__in=locales, enabled=True).select_related("source")
    }
    source_keys = {(t.source.object_id, t.source.locale_id) for t in translations.values()}
    published = {
        (p.translation_key, p.locale_id): p
        for p in Page.objects.filter(translation_key__in=[k for k, _ in source_keys])
        if (p.translation_key, p.locale_id) in source_keys
    }
    rows = []
    for page in pages:
        translation = translations.get((page.translation_key, page.locale_id))
        source_page = None
        if page.alias_of_id:
            status = UNTRANSLATED
        elif translation is None:
            status = SOURCE
        else:
            source_page = published.get((translation.source.object_id, translation.source.locale_id))
            changed = source_page.last_published_at if source_page else None
            if changed and changed > translation.source.last_updated_at:
                status = OUT_OF_DATE
            else:
                status = translated_status(translation, page)
        rows.append(Row(page, status, source_page))
    return rows


def summary(rows, locales):
    """Per locale: how many pages have each status."""
    counts = {locale: dict.fromkeys(LABELS, 0) for locale in locales}
    for row in rows:
        counts[row.locale][row.status] += 1
    return counts


def visitor_status(page):
    """What a visitor of the live page should be told, or None.

    Segments translated after the page was last published are not live yet, so they do not count:
    a page that was machine-translated but not yet approved still says it is untranslated."""
    if not isinstance(page, Page) or page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    if page.alias_of_id:
        return UNTRANSLATED
    translation = translation_for(page)
    if translation is None:
        return None
    segments = text_segments(translation)
    live = translated(segments, page.locale_id, published_before=page.last_published_at)
    if live == 0:
        return UNTRANSLATED
    if live < segments.count():
        return IN_PROGRESS
    return OUT_OF_DATE if is_out_of_date(translation) else None
