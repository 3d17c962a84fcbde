# Step 1 of 3 moving letters and applications from HandlingUnit to columns.ResponsibleUnit:
# new nullable links beside the old ones. Schema, data (0004) and removal (0005) are separate
# migrations so that PostgreSQL never alters a table with row updates pending in one transaction.

import django.db.models.deletion
from django.db import migrations, models


def unit_link(verbose_name):
    return models.ForeignKey(
        null=True, blank=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
        to="columns.responsibleunit", verbose_name=verbose_name,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("columns", "0005_unit_letters"),
        ("services", "0002_letters_guides_outbox"),
    ]

    operations = [
        migrations.AddField("letter", "responsible_unit", unit_link("办理单位")),
        migrations.AddField("letter", "reply_responsible_unit", unit_link("答复单位")),
        migrations.AddField("disclosurerequest", "responsible_unit", unit_link("办理单位")),
        migrations.AddField("disclosurerequest", "reply_responsible_unit", unit_link("答复单位")),
    ]
