"""python manage.py scan_content: run the content checks over everything published.

Prints one finding a line: page URL, rule, place, the offending text (personal data masked).
``--benchmark`` instead times the checks on a long synthetic policy file and prints the figures.
"""

import random
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Page

from columns.checks import Checker


class Command(BaseCommand):
    help = _("检查已发布的全部内容（涉密标志、个人信息、敏感词、错敏字、必填信息、图片替代文本、失效链接）。")

    def add_arguments(self, parser):
        parser.add_argument("--blocking-only", action="store_true", help=_("只列出禁止发布级别的问题。"))
        parser.add_argument("--benchmark", action="store_true", help=_("测量检查一份长政策文件所需时间。"))

    def handle(self, *args, blocking_only=False, benchmark=False, **options):
        if benchmark:
            return self.benchmark()
        checker = Checker()
        pages = findings_total = 0
        for page in Page.objects.live().specific().iterator(chunk_size=200):
            pages += 1
            url = page.get_full_url() or page.url_path
            for finding in checker.check_page(page):
                if blocking_only and not finding.blocking:
                    continue
                findings_total += 1
                level = _("禁止发布") if finding.blocking else _("提醒")
                self.stdout.write(
                    f"{url}\t{finding.rule_label}\t{level}\t{finding.place}\t{finding.shown_text}"
                    + (f"\t→ {finding.suggestion}" if finding.suggestion else "")
                )
        self.stderr.write(_("已检查 %(p)s 个页面，发现 %(f)s 个问题。") % {"p": pages, "f": findings_total})

    def benchmark(self):
        paragraph = "为进一步规范政府信息公开工作，根据《中华人民共和国政府信息公开条例》，结合我市实际，制定本办法。"
        # Words made of the text's own characters (so the index is really exercised) that do not
        # occur in it, as in a real file, plus one error word that occurs once a paragraph.
        pool, rng = sorted(set(paragraph) - set("，。《》")), random.Random(1)

        def absent_word(length):
            while True:
                word = "".join(rng.choices(pool, k=length))
                if word not in paragraph:
                    return word

        words = [(absent_word(rng.choice((2, 3, 4))), i % 2 == 0) for i in range(1000)]
        errors = [(absent_word(4), "正字") for _i in range(999)] + [("信息公开条例", "信息公开条例")]
        checker = Checker(words, errors)
        for repeat in (600, 4000):  # about 30 000 and 190 000 characters
            text = paragraph * repeat + "联系人：张三，电话13812345678。"
            runs = 5
            started = time.perf_counter()
            for _run in range(runs):
                found = checker.check_text(text, "正文")
            elapsed = (time.perf_counter() - started) / runs
            self.stdout.write(
                _("长文本 %(n)s 字，敏感词 %(w)s 个，错敏字 %(e)s 个：每次检查 %(ms).1f 毫秒，发现 %(f)s 个问题。")
                % {"n": len(text), "w": len(words), "e": len(errors), "ms": elapsed * 1000, "f": len(found)}
            )
