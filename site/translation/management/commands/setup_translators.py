from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from site.translation.groups import setup_translators


class Command(BaseCommand):
    help = "创建或补全“翻译员”用户组：可编辑并送审繁体、英文版页面，不能编辑或发布简体原文。"

    def handle(self, *args, **options):
        group, roots = setup_translators()
        if not roots:
            self.stdout.write(self.style.WARNING(_("还没有繁体或英文版页面树：请先同步语言版本（load_demo 会完成）后再运行。")))
        for root in roots:
            self.stdout.write(_("“%(group)s”可编辑 %(locale)s 版本：%(title)s") % {
                "group": group.name, "locale": root.locale.get_display_name(), "title": root.title})
