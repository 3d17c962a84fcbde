"""Starting a translation never changes what visitors see.

wagtail-localize's "Translate this page" (with or without the subtree) writes each translation into
the page row even when it only saves a draft, and the row of a live page is what visitors are
served. Translating a column with its subtree would so put a translator's unreviewed segments of the
pages below online (谁提供、谁审核). Around that action we note, for every live target page, the
revision visitors see (for an alias, its original's) and put that content back afterwards; the
translation itself stays in the page's new draft revision, to be submitted for review.
"""

from wagtail.models import Page

# Fields that belong to the page as it is now, not to the revision whose content is put back.
PAGE_STATE = ("live_revision_id", "first_published_at", "last_published_at", "latest_revision_id")


def shown_revisions(page, locales, include_subtree):
    """{target page id: the revision whose content visitors see} for the live targets of a translation."""
    sources = Page.objects.filter(pk=page.pk)
    if include_subtree:
        sources = sources | page.get_descendants()
    targets = Page.objects.filter(
        translation_key__in=sources.values("translation_key"), locale__in=locales, live=True
    ).select_related("alias_of")
    shown = {}
    for target in targets:
        revision = target.alias_of.live_revision if target.alias_of_id else target.live_revision
        if revision is not None:
            shown[target.pk] = revision
    return shown


def put_back(shown):
    """Give each page its noted content again, keeping whatever was saved since as a draft."""
    for page in Page.objects.filter(pk__in=shown).specific():
        revision = shown[page.pk]
        restored = page.with_content_json(revision.content)
        for name in PAGE_STATE:
            setattr(restored, name, getattr(page, name))
        restored.has_unpublished_changes = page.latest_revision_id != page.live_revision_id
        restored.save(clean=False)
