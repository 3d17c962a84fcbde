"""The date shown for each page, kept in PageDate (see models.PageDate) so that search can sort on it.

One definition: the kind's publish_time (kinds.date_lookups), else first_published_at. Recomputed
from the database after every save of a page (publish_time may change on a published page;
publishing sets first_published_at and then saves the page, so it is covered too).
"""

from django.db.models import DateTimeField
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from . import kinds
from .models import PageDate


def shown_dates(pages):
    """The page queryset annotated with ``shown_at`` (the date shown), read from the kind tables."""
    lookups = kinds.date_lookups()
    return pages.annotate(
        shown_at=Coalesce(*lookups, "first_published_at", output_field=DateTimeField())
        if lookups
        else Coalesce("first_published_at", None, output_field=DateTimeField())
    )


def refresh(pages):
    """Write PageDate rows for a queryset of pages (insert or update)."""
    rows = [PageDate(page_id=pk, shown_at=shown) for pk, shown in shown_dates(pages).values_list("pk", "shown_at")]
    PageDate.objects.bulk_create(rows, update_conflicts=True, unique_fields=["page"], update_fields=["shown_at"])


@receiver(post_save)
def _saved(sender, instance, raw=False, **kwargs):
    # Fixtures (raw) too: search only lists pages that have their row. A fixture's page may come
    # before its kind's row; its own save then writes the kind's date.
    if isinstance(instance, Page) and instance.pk:
        refresh(Page.objects.filter(pk=instance.pk))
