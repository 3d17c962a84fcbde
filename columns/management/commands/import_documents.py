"""python manage.py import_documents FILE --column TITLE: migrate documents from an old CMS.

The work is done by search.importer (it also records original URLs for duplicate checks).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from search import importer as messages
from search.importer import Importer, find_column


class Command(BaseCommand):
    help = "从 JSON Lines 文件批量导入政策文件和文章到指定栏目并发布（跳过重复，逐行报告错误）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines 文件，每行一个文档")
        parser.add_argument("--column", required=True, help="目标栏目的标题（默认语言版本）")
        parser.add_argument("--batch-size", type=int, default=100, help="每批导入的文档数（默认 100）")
        parser.add_argument("--source", default="", help="文档未写来源且无发文机关时使用的来源")

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError(messages.batch_size_error())
        try:
            column = find_column(options["column"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        try:
            with open(options["file"], encoding="utf-8-sig") as f:
                lines = f.read().splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(messages.file_error(error)) from None

        importer = Importer(column, options["source"])
        size = options["batch_size"]
        for start in range(0, len(lines), size):
            with transaction.atomic():
                for offset, text in enumerate(lines[start : start + size]):
                    number = start + offset + 1
                    if importer.line(number, text) == "error":
                        self.stderr.write(messages.line_error(*importer.report.errors[-1]))
            self.stdout.write(messages.progress(min(start + size, len(lines)), len(lines), importer.report))

        self.stdout.write(self.style.SUCCESS(messages.summary(importer.report)))
