"""python manage.py load_demo: the demo portal. Idempotent: run it as often as you like."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.models import Locale

from site.demo.builder import build_demo

# Each area adds its own demo content after the base portal: a dotted path to a
# function ``load(home, stdout)`` that is idempotent like the rest.
DEMO_STEPS = [
    "columns.demo_governance.load",  # before services: the letters' units are these responsible units
    "services.demo.load",
    "site.translation.demo.load",
    "search.demo.load",
]


class Command(BaseCommand):
    help = "加载演示门户网站：栏目、文章、政策文件、网站标识和三种语言版本。"

    def handle(self, *args, **options):
        home, created = build_demo(self.stdout)
        synchronize_locales(home.locale)
        for path in DEMO_STEPS:
            with transaction.atomic():
                import_string(path)(home, self.stdout)
        synchronize_locales(home.locale)  # pages the steps added get their counterparts too
        self.stdout.write(self.style.SUCCESS(f"演示门户已就绪（新建页面 {created} 个）。"))


def synchronize_locales(source):
    """zh-hant and en follow the zh-hans tree: every page has a counterpart (an alias
    until it is translated), so the language switcher never leads to a 404."""
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import synchronize_tree

    for locale in Locale.objects.exclude(pk=source.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
        synchronize_tree(source, locale)
