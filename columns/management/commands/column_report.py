"""python manage.py column_report --quarter 2026Q4 --output FILE.xlsx"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from columns.reports import column_rows, current_quarter, parse_quarter, unit_rows, write_workbook


class Command(BaseCommand):
    help = _("生成季度栏目更新情况报表（.xlsx），发送各责任单位，并输出简要统计。")

    def add_arguments(self, parser):
        parser.add_argument("--quarter", default=None, help=_("季度，例如 2026Q4；默认本季度。"))
        parser.add_argument("--output", required=True, help=_("输出的 .xlsx 文件路径。"))

    def handle(self, *args, quarter=None, output=None, **options):
        quarter = quarter or current_quarter()
        try:
            start, end = parse_quarter(quarter)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not output.lower().endswith(".xlsx"):
            raise CommandError(_("输出文件须以 .xlsx 结尾。"))
        rows = column_rows(start, end)
        title = _("%(q)s 栏目更新情况（%(s)s 至 %(e)s）") % {
            "q": quarter.upper(), "s": start.date(), "e": (end - timedelta(days=1)).date(),
        }
        try:
            write_workbook(rows, output, title)
        except OSError as error:
            raise CommandError(_("无法写入 %(f)s：%(e)s") % {"f": output, "e": error}) from error
        count = {s: sum(r.status == s for r in rows) for s in ("ok", "warn", "overdue", "empty", "static")}
        self.stdout.write(
            _("%(q)s：栏目 %(n)s 个，责任单位 %(u)s 个，本期发布 %(p)s 条；正常 %(ok)s，即将超期 %(warn)s，"
              "超期 %(overdue)s，空白 %(empty)s，无更新要求 %(static)s。已写入 %(f)s")
            % {"q": quarter.upper(), "n": len(rows), "u": len(unit_rows(rows)),
               "p": sum(r.published for r in rows), "f": output, **count}
        )
