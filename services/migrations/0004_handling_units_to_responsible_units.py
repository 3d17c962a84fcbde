# Step 2 of 3: each HandlingUnit becomes the default-locale ResponsibleUnit of the same name
# (created if missing), its members join that unit's handlers group, and every letter and
# application is repointed. Reversible, so a rollback keeps every letter's unit.

import uuid

from django.conf import settings
from django.db import migrations

HANDLER_PERMISSIONS = ("change_letter", "change_disclosurerequest")
GROUP_SUFFIXES = (("editors_group", "编辑"), ("reviewers_group", "审核"), ("handlers_group", "办理"))
REQUEST_MODELS = ("Letter", "DisclosureRequest")


def default_locale(apps):
    from wagtail.coreutils import get_supported_content_language_variant

    Locale = apps.get_model("wagtailcore", "Locale")
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return Locale.objects.get_or_create(language_code=code)[0]


def ensure_groups(apps, unit):
    """What ResponsibleUnit.ensure_groups does at run time (historical models have no methods)."""
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    handling = Permission.objects.filter(content_type__app_label="services", codename__in=HANDLER_PERMISSIONS)
    for field, suffix in GROUP_SUFFIXES:
        if getattr(unit, f"{field}_id") is None:
            setattr(unit, field, Group.objects.get_or_create(name=f"{unit.name}{suffix}"[:150])[0])
        getattr(unit, field).permissions.add(*access)
    unit.handlers_group.permissions.add(*handling)
    unit.save()


def may_handle(apps, user):
    """Whether ``user`` could open the inbox before: membership alone never gave access."""
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="services", codename__in=HANDLER_PERMISSIONS)
    return (
        user.is_superuser
        or user.user_permissions.filter(pk__in=perms).exists()
        or perms.filter(group__in=user.groups.all()).exists()
    )


def forward(apps, schema_editor):
    HandlingUnit = apps.get_model("services", "HandlingUnit")
    ResponsibleUnit = apps.get_model("columns", "ResponsibleUnit")
    if not ResponsibleUnit.objects.exists() and not HandlingUnit.objects.exists():
        return  # a new database
    locale = default_locale(apps)
    mapped = {}
    for old in HandlingUnit.objects.order_by("pk"):
        unit = ResponsibleUnit.objects.filter(locale=locale, name=old.name).order_by("pk").first()
        if unit is None:
            unit = ResponsibleUnit(name=old.name, locale=locale, translation_key=uuid.uuid4())
        unit.receives_letters, unit.sort_order = old.active, old.sort_order
        ensure_groups(apps, unit)
        for user in old.members.all():
            if may_handle(apps, user):
                user.groups.add(unit.handlers_group)
        mapped[old.pk] = unit
    # Units that took no letters before stay out of the public forms until an administrator says so.
    ResponsibleUnit.objects.exclude(pk__in=[u.pk for u in mapped.values()]).update(receives_letters=False)
    for unit in ResponsibleUnit.objects.filter(locale=locale, handlers_group=None):
        ensure_groups(apps, unit)
    for model_name in REQUEST_MODELS:
        model = apps.get_model("services", model_name)
        for old_pk, unit in mapped.items():
            model.objects.filter(unit_id=old_pk).update(responsible_unit=unit)
            model.objects.filter(reply_unit_id=old_pk).update(reply_responsible_unit=unit)


def backward(apps, schema_editor):
    HandlingUnit = apps.get_model("services", "HandlingUnit")
    ResponsibleUnit = apps.get_model("columns", "ResponsibleUnit")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    models = [apps.get_model("services", name) for name in REQUEST_MODELS]
    used = set()
    for model in models:
        for pair in model.objects.values_list("responsible_unit", "reply_responsible_unit"):
            used.update(pk for pk in pair if pk)
    receiving = ResponsibleUnit.objects.filter(receives_letters=True, locale=default_locale(apps))
    for unit in ResponsibleUnit.objects.filter(pk__in=used) | receiving:
        old, _ = HandlingUnit.objects.get_or_create(
            name=unit.name, defaults={"active": unit.receives_letters, "sort_order": unit.sort_order}
        )
        if unit.handlers_group_id:
            old.members.add(*User.objects.filter(groups=unit.handlers_group_id))
        for model in models:
            model.objects.filter(responsible_unit=unit).update(unit=old)
            model.objects.filter(reply_responsible_unit=unit).update(reply_unit=old)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("columns", "0005_unit_letters"),
        ("services", "0003_requests_responsible_unit"),
    ]

    operations = [migrations.RunPython(forward, backward)]
