"""PostgreSQL only: a GIN index on (title || body), the expression the database backend filters on.

modelsearch matches ``(title || body) @@ query``; the separate title and body GIN indexes cannot
serve that, so without this index every search scans the whole index table.
"""

from django.db import migrations

INDEX = "portal_search_entry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING GIN (("title" || "body"))')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
