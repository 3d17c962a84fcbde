"""Default update requirements after the national inspection rules; administrators may change them."""

from django.db import migrations

DEFAULTS = [
    ("动态要闻", 14),
    ("通知公告", 183),
    ("政策文件", 183),
    ("人事", 365),
    ("规划计划", 365),
    ("概况", None),
]


def create(apps, schema_editor):
    UpdateCategory = apps.get_model("columns", "UpdateCategory")
    for order, (name, days) in enumerate(DEFAULTS):
        UpdateCategory.objects.get_or_create(name=name, defaults={"max_interval_days": days, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("columns", "0002_governance")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
