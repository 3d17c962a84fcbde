"""The 翻译员 (translator) group.

Wagtail has no locale-scoped page permissions, but each locale has its own page tree (wagtail-localize
keeps them in step), so page permissions granted on the zh-hant and en home pages reach exactly the
translated versions. The group may add and change pages there, never publish: its work is submitted
to the same moderation workflow as any other change (see views.submit_for_review). It has no
permission at all on the Simplified Chinese tree, so the originals stay out of reach.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

PAGE_PERMISSIONS = ["add_page", "change_page"]
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]


def translated_roots():
    """The top page of every locale tree other than the default (Simplified Chinese) one."""
    return Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE)


def setup_translators():
    """Create or complete the group; running it again changes nothing. Returns (group, roots)."""
    group, _ = Group.objects.get_or_create(name=settings.PORTAL_TRANSLATOR_GROUP)
    for app_label, codename in GLOBAL_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    page_permissions = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS)
    roots = list(translated_roots())
    for root in roots:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    return group, roots
