"""PageDate: the date each page shows, for search's ordering; filled here for the existing pages
with the definition of search/dates.py (the kind's publish_time, else first_published_at)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 2000


def fill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageDate = apps.get_model("portal_search", "PageDate")
    pages = Page.objects.order_by("pk").values_list("pk", "first_published_at")
    batch = []
    for pk, first_published in pages.iterator(chunk_size=BATCH):
        batch.append(PageDate(page_id=pk, shown_at=first_published))
        if len(batch) == BATCH:
            PageDate.objects.bulk_create(batch)
            batch = []
    PageDate.objects.bulk_create(batch)
    for _key, (_label, names) in settings.PORTAL_SEARCH_KINDS.items():
        for name in names:
            try:
                model = apps.get_model(name)
            except LookupError:
                continue
            fields = {f.name for f in model._meta.get_fields()}
            if "publish_time" not in fields or "page_ptr" not in fields:
                continue
            times = model.objects.filter(pk=OuterRef("page_id")).values("publish_time")[:1]
            PageDate.objects.filter(page_id__in=model.objects.values("pk")).update(shown_at=Subquery(times))


class Migration(migrations.Migration):

    dependencies = [
        ('portal_search', '0002_indexentry_combined_vector_index'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('columns', '0005_unit_letters'),
    ]

    operations = [
        migrations.CreateModel(
            name='PageDate',
            fields=[
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='pagedate', serialize=False, to='wagtailcore.page', verbose_name='页面')),
                ('shown_at', models.DateTimeField(db_index=True, null=True, verbose_name='显示日期')),
            ],
            options={
                'verbose_name': '页面显示日期',
                'verbose_name_plural': '页面显示日期',
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
