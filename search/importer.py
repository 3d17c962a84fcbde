"""Bulk import of an old CMS's documents from JSON Lines (used by manage.py import_documents).

One JSON object per line: title, body (text or HTML) and optionally 发文机关, 文号, 成文日期,
发布日期, 主题分类, 来源, 摘要 and the original URL (English keys are accepted too). A line with
发文机关 or 文号 becomes a policy file (政策文件), any other an article. Each document is
saved and published in its own savepoint: a bad line is reported and leaves nothing behind.
"""

import datetime
import html
import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from columns.models import ArticlePage, ColumnPage, PolicyDocumentPage

from .models import ImportedDocument

KEYS = {
    "title": ("title", "标题"),
    "body": ("body", "正文", "content"),
    "issuing_authority": ("issuing_authority", "发文机关"),
    "document_number": ("document_number", "文号"),
    "written_date": ("written_date", "成文日期"),
    "publish_date": ("publish_date", "publish_time", "发布日期"),
    "topic": ("topic", "主题分类"),
    "source": ("source", "来源"),
    "summary": ("summary", "摘要"),
    "original_url": ("original_url", "url", "原文链接"),
}
HTML_TAG = re.compile(r"<\s*[a-zA-Z][^>]*>")
CN_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")


class BadLine(Exception):
    pass


@dataclass
class Report:
    total: int = 0
    created: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)  # (line number, message)


def find_column(title):
    """The column with this title in the default locale."""
    columns = ColumnPage.objects.filter(title=title, locale__language_code=settings.LANGUAGE_CODE)
    count = columns.count()
    if count == 0:
        raise ValueError(_("默认语言版本中没有标题为“%(title)s”的栏目。") % {"title": title})
    if count > 1:
        raise ValueError(_("有 %(n)s 个标题为“%(title)s”的栏目，请先改名使其唯一。") % {"n": count, "title": title})
    return columns.get()


def _get(record, key):
    for name in KEYS[key]:
        value = record.get(name)
        if value not in (None, ""):
            if not isinstance(value, (str, int, float)):
                raise BadLine(_("字段“%(name)s”应为文字。") % {"name": name})
            return str(value).strip()
    return ""


def _parse_date(value, label):
    if not value:
        return None
    match = CN_DATE.match(value)
    try:
        if match:
            return datetime.datetime(*map(int, match.groups()))
        return datetime.datetime.fromisoformat(value.replace("/", "-"))
    except ValueError:
        raise BadLine(_("%(label)s“%(value)s”不是有效日期。") % {"label": label, "value": value}) from None


def _topic(value):
    if not value:
        return PolicyDocumentPage.Topic.GENERAL
    for code, label in PolicyDocumentPage.Topic.choices:
        if value in (code, str(label)):
            return code
    raise BadLine(_("主题分类“%(value)s”不在分类表中。") % {"value": value})


def body_html(text):
    """HTML bodies pass Wagtail's rich-text whitelist; plain text becomes escaped paragraphs."""
    if HTML_TAG.search(text):
        return EditorHTMLConverter().to_database_format(text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\r?\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


class Importer:
    def __init__(self, column, default_source=""):
        self.column = column
        self.default_source = default_source or settings.WAGTAIL_SITE_NAME
        self.seen_urls = set(ImportedDocument.objects.values_list("original_url", flat=True))
        self.seen_titles = set(column.get_children().values_list("title", flat=True))
        self.report = Report()

    def line(self, number, text):
        """Imports one line; returns "created", "skipped" or None for a blank line."""
        if not text.strip():
            return None
        self.report.total += 1
        try:
            outcome = self._import(text)
        except BadLine as error:
            self.report.errors.append((number, str(error)))
            return "error"
        if outcome == "created":
            self.report.created += 1
        else:
            self.report.skipped += 1
        return outcome

    def _import(self, text):
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            raise BadLine(_("不是有效的 JSON（%(error)s）。") % {"error": error.msg}) from None
        if not isinstance(record, dict):
            raise BadLine(_("每行应为一个 JSON 对象。"))
        title = _get(record, "title")
        if not title:
            raise BadLine(_("缺少标题（title）。"))
        if len(title) > 255:
            raise BadLine(_("标题超过 255 个字符。"))
        url = _get(record, "original_url")[:500]
        if (url and url in self.seen_urls) or title in self.seen_titles:
            return "skipped"
        page = self._page(record, title)
        try:
            with transaction.atomic():
                self.column.add_child(instance=page)
                page.save_revision().publish()
                if url:
                    ImportedDocument.objects.create(page=page, original_url=url)
        except ValidationError as error:
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            raise BadLine(_("内容不符合要求：%(errors)s") % {"errors": messages}) from None
        except (IntegrityError, DataError) as error:
            raise BadLine(_("无法保存：%(error)s") % {"error": error}) from None
        self.seen_titles.add(title)
        if url:
            self.seen_urls.add(url)
        return "created"

    def _page(self, record, title):
        authority = _get(record, "issuing_authority")
        number = _get(record, "document_number")
        published = _parse_date(_get(record, "publish_date"), _("发布日期"))
        written = _parse_date(_get(record, "written_date"), _("成文日期"))
        if published and timezone.is_naive(published):
            published = timezone.make_aware(published)
        common = {
            "title": title,
            "source": (_get(record, "source") or authority or self.default_source)[:255],
            "publish_time": published or timezone.now(),
            "summary": _get(record, "summary")[:500],
            "body": [("paragraph", body_html(_get(record, "body")))] if _get(record, "body") else [],
        }
        if authority or number:
            return PolicyDocumentPage(
                issuing_authority=(authority or self.default_source)[:255],
                document_number=number[:100],
                written_date=written.date() if written else None,
                topic=_topic(_get(record, "topic")),
                **common,
            )
        return ArticlePage(**common)


# --- Messages for the command (kept here so that they are in this app's catalogue) ---
BAR_WIDTH = 30


def batch_size_error():
    return _("--batch-size 必须是正整数。")


def file_error(error):
    return _("无法读取文件：%(error)s") % {"error": error}


def line_error(number, message):
    return _("第 %(n)s 行：%(error)s") % {"n": number, "error": message}


def progress(done, total, report):
    filled = BAR_WIDTH * done // max(total, 1)
    return "[" + "#" * filled + "." * (BAR_WIDTH - filled) + "] " + _(
        "%(done)s/%(total)s 行（新建 %(created)s，跳过 %(skipped)s，错误 %(errors)s）"
    ) % {"done": done, "total": total, "created": report.created, "skipped": report.skipped,
         "errors": len(report.errors)}


def summary(report):
    return _("完成：导入并发布 %(created)s 篇，跳过重复 %(skipped)s 篇，有错误的行 %(errors)s 行。") % {
        "created": report.created, "skipped": report.skipped, "errors": len(report.errors)}
