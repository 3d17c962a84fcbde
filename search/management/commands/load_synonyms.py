"""python manage.py load_synonyms [FILE]: add synonym groups from a text file (editors then keep
them in the admin, 搜索同义词). Without FILE, the starter list of everyday and official wording
(search/starter_synonyms.txt) is loaded. Groups already there are left alone."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search.models import SynonymGroup

STARTER = Path(__file__).resolve().parents[2] / "starter_synonyms.txt"


def starter_lines():
    return STARTER.read_text("utf-8").splitlines()


class Command(BaseCommand):
    help = "从文本文件添加搜索同义词组（每行一组，词之间用顿号或逗号分隔）；不写文件则加载初始词表。"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="同义词文件（UTF-8）；默认为初始词表")
        parser.add_argument("--note", help="写入每组“说明”的文字")

    def handle(self, *args, **options):
        path = options["file"] or STARTER
        try:
            lines = Path(path).read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(_("无法读取同义词文件：%(error)s") % {"error": error}) from None
        note = options["note"] if options["note"] is not None else (_("初始词表") if not options["file"] else "")
        created, present, errors = SynonymGroup.load_lines(lines, note)
        for number, message in errors:
            self.stderr.write(_("第 %(number)s 行未导入：%(message)s") % {"number": number, "message": message})
        self.stdout.write(
            _("同义词组：新建 %(created)s 组，已有 %(present)s 组，出错 %(errors)s 行。")
            % {"created": created, "present": present, "errors": len(errors)}
        )
