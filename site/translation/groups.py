"""The 翻译员 (translator) group.

Wagtail has no locale-scoped page permissions, but each locale has its own page tree (wagtail-localize
keeps them in step), so page permissions granted on the zh-hant and en home pages reach exactly the
translated versions. The group may add and change pages there, never publish: its work is submitted
to the same moderation workflow as any other change (see views.submit_for_review). It has no
permission at all on the Simplified Chinese tree, so the originals stay out of reach.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

PAGE_PERMISSIONS = ["add_page", "change_page"]
# (app label, model, codename, name): both are made by data migrations (which a test database flush
# undoes), so they are created here if missing, exactly as those migrations do.
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("wagtail_localize", "translation", "submit_translation", "Can submit translations"),
]


def translated_roots():
    """The top page of every locale tree other than the default (Simplified Chinese) one."""
    return Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE)


def setup_translators():
    """Create or complete the group; running it again changes nothing. Returns (group, roots)."""
    group, _ = Group.objects.get_or_create(name=settings.PORTAL_TRANSLATOR_GROUP)
    for app_label, model, codename, name in GLOBAL_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)
    page_permissions = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS)
    roots = list(translated_roots())
    for root in roots:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    return group, roots
