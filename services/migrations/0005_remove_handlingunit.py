# Step 3 of 3: the new links take the old names and HandlingUnit goes.

import columns.units
import django.db.models.deletion
from django.db import migrations, models


def unit_link(verbose_name):
    return models.ForeignKey(
        null=True, blank=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
        limit_choices_to=columns.units.default_locale_only, to="columns.responsibleunit",
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("services", "0004_handling_units_to_responsible_units"),
    ]

    operations = []
    for model_name in ("letter", "disclosurerequest"):
        operations += [
            migrations.RemoveField(model_name, "unit"),
            migrations.RemoveField(model_name, "reply_unit"),
            migrations.RenameField(model_name, "responsible_unit", "unit"),
            migrations.RenameField(model_name, "reply_responsible_unit", "reply_unit"),
            migrations.AlterField(model_name, "unit", unit_link("办理单位")),
            migrations.AlterField(model_name, "reply_unit", unit_link("答复单位")),
        ]
    operations.append(migrations.DeleteModel("HandlingUnit"))
