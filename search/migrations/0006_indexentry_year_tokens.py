"""PostgreSQL only: the year token (candidates.year_token) in the title vector of every page's
index entry that was indexed before the tokens existed, from the page's date (PageDate).

Search finds the newest matches of a common word a few years at a time through these tokens
(candidates._by_years). An entry without one is still found, after the years walked, so this
only makes existing sites fast at once instead of after their next ``update_index``. The
search configuration and the time zone are those the indexer uses (backend.ChineseIndex.titles).
"""

from django.conf import settings
from django.db import migrations

NUMERIC = r"^[0-9]{1,9}$"  # candidates.NUMERIC_ID
PREFIX = "szm0y"  # candidates.YEAR_TOKEN_PREFIX, as it was when this migration was written


def _config():
    return settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("SEARCH_CONFIG", "simple")


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    dates = apps.get_model("portal_search", "PageDate")._meta.db_table
    schema_editor.execute(
        f"UPDATE {entries} AS entry SET title = entry.title || to_tsvector(%s::regconfig, %s || "
        f"extract(year FROM date.shown_at AT TIME ZONE %s)::integer) FROM {dates} AS date "
        f"WHERE entry.object_id ~ %s AND date.page_id = entry.object_id::integer "
        f"AND date.shown_at IS NOT NULL AND NOT entry.title @@ to_tsquery(%s::regconfig, %s)",
        [_config(), PREFIX, settings.TIME_ZONE, NUMERIC, _config(), f"{PREFIX}:*"],
    )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"UPDATE {entries} SET title = ts_delete(title, ARRAY(SELECT %s || year FROM generate_series(1000, 2999) AS year)) "
        f"WHERE title @@ to_tsquery(%s::regconfig, %s)",
        [PREFIX, _config(), f"{PREFIX}:*"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0005_synonymgroup_english_only"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(add, remove)]
