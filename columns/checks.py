"""Content checks (第十七条, 第二十五条), written once.

Used by the workflow's automatic check task, by the page editor's messages and by
``manage.py scan_content``. Every check is a linear scan of the text (regular
expressions and ``str.find``), so a long policy file takes milliseconds.
"""

import html
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RULES = {
    "confidential": gettext_lazy("涉密标志"),
    "id_card": gettext_lazy("身份证号码"),
    "mobile": gettext_lazy("手机号码"),
    "bank_card": gettext_lazy("银行卡号"),
    "sensitive": gettext_lazy("敏感词"),
    "error_word": gettext_lazy("错敏字"),
    "missing_source": gettext_lazy("缺少来源"),
    "missing_time": gettext_lazy("缺少发布时间"),
    "empty_body": gettext_lazy("正文为空"),
    "image_alt": gettext_lazy("图片缺少替代文本"),
    "dead_link": gettext_lazy("链接到未发布页面"),
}
PERSONAL_RULES = {"id_card", "mobile", "bank_card"}

CONFIDENTIAL_MARKERS = ("绝密", "机密", "秘密", "内部资料", "内部文件", "内部刊物", "注意保存", "不得外传", "内部使用")
# Ordinary phrases that contain a marker but do not mark a document as classified.
CONFIDENTIAL_EXEMPT = ("国家秘密", "商业秘密", "工作秘密", "个人秘密", "保守秘密", "泄露秘密", "秘密性", "机密性")

ID_CARD_RE = re.compile(r"(?<![0-9A-Za-z*])\d{17}[\dXx](?![0-9A-Za-z*])")
MOBILE_RE = re.compile(r"(?<![\d*])1[3-9]\d{9}(?![\d*])")
BANK_CARD_RE = re.compile(r"(?<![\d*])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4,7}(?![\d*])")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CODES = "10X98765432"

TAG_RE = re.compile(r"<[^>]*>")
BLOCK_END_RE = re.compile(r"</(p|h[1-6]|li|div)>|<br\s*/?>", re.I)
PAGE_LINK_RE = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*>', re.I)
IMAGE_EMBED_RE = re.compile(r'<embed\b[^>]*\bembedtype="image"[^>]*/?>', re.I)
ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
CONTEXT = 12


@dataclass(frozen=True)
class Finding:
    rule: str
    blocking: bool
    place: str
    text: str = ""
    suggestion: str = ""
    offset: int = -1

    @property
    def rule_label(self):
        return str(RULES[self.rule])

    @property
    def shown_text(self):
        """The offending text as it may be shown: personal data masked (第四条)."""
        return mask(self.text) if self.rule in PERSONAL_RULES else self.text

    def describe(self):
        level = _("禁止发布") if self.blocking else _("提醒")
        parts = [f"[{level}] {self.place}：{self.rule_label}"]
        if self.text:
            parts.append(f"“{self.shown_text}”")
        if self.suggestion:
            parts.append(_("建议改为“%(s)s”") % {"s": self.suggestion})
        return " ".join(parts)


def mask(text):
    """Keep the first three and last two characters: enough to find it, not to use it."""
    if len(text) <= 5:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 5) + text[-2:]


def valid_id_card(number):
    number = number.upper()
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
    return ID_CHECK_CODES[total % 11] == number[17]


def luhn_valid(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


class Checker:
    """Holds the admin-managed word lists, loaded once per checker."""

    def __init__(self, sensitive_words=None, error_words=None):
        if sensitive_words is None or error_words is None:
            from .wordlists import ErrorWord, SensitiveWord

            sensitive_words = [(w.word, w.level == "block") for w in SensitiveWord.objects.all()]
            error_words = [(w.wrong, w.correct) for w in ErrorWord.objects.all()]
        # One pass over the text for all words, whatever their number: words are looked up by
        # the two characters they start with (a lone-character word is rare and searched for directly).
        self.word_index, self.single_words = {}, []
        for word, is_blocking in sensitive_words:
            self._index(word, ("sensitive", is_blocking, ""))
        for wrong, correct in error_words:
            self._index(wrong, ("error_word", False, correct))

    def _index(self, word, payload):
        if len(word) >= 2:
            self.word_index.setdefault(word[:2], []).append((word, payload))
        elif word:
            self.single_words.append((word, payload))

    def find_words(self, text):
        index = self.word_index
        if index:
            get, startswith = index.get, text.startswith
            for i in range(len(text) - 1):
                entries = get(text[i : i + 2])
                if entries:
                    for word, payload in entries:
                        if startswith(word, i):
                            yield i, word, payload
        for word, payload in self.single_words:
            for m in _find_all(text, word):
                yield m.start(), word, payload

    # --- text rules ------------------------------------------------------------------------

    def check_text(self, text, place):
        findings = []

        template = _("%(place)s 第%(n)s字")

        def at(start, rule, blocking, matched, suggestion=""):
            where = template % {"place": place, "n": start + 1}
            findings.append(Finding(rule, blocking, where, matched, suggestion, start))

        exempt_spans = [(m.start(), m.end()) for e in CONFIDENTIAL_EXEMPT for m in _find_all(text, e)]
        for marker in CONFIDENTIAL_MARKERS:
            for m in _find_all(text, marker):
                if not any(s <= m.start() and m.end() <= e for s, e in exempt_spans):
                    at(m.start(), "confidential", True, marker)
        id_spans = []
        for m in ID_CARD_RE.finditer(text):
            if valid_id_card(m.group()):
                id_spans.append(m.span())
                at(m.start(), "id_card", True, m.group())
        for m in MOBILE_RE.finditer(text):
            at(m.start(), "mobile", True, m.group())
        for m in BANK_CARD_RE.finditer(text):
            digits = re.sub(r"[ -]", "", m.group())
            if 16 <= len(digits) <= 19 and m.span() not in id_spans and luhn_valid(digits):
                at(m.start(), "bank_card", True, m.group())
        for start, word, (rule, is_blocking, suggestion) in self.find_words(text):
            at(start, rule, is_blocking, word, suggestion)
        return sorted(findings, key=lambda f: f.offset)

    # --- pages -----------------------------------------------------------------------------

    def check_page(self, page):
        """All findings for a page (any revision's object), in reading order."""
        findings = []
        linked_ids = []
        for place, text, raw in segments(page):
            findings += self.check_text(text, place)
            if raw:
                findings += self.check_markup(raw, place, linked_ids)
        if hasattr(page, "source"):
            if not (page.source or "").strip():
                findings.append(Finding("missing_source", True, _("来源")))
            if not page.publish_time:
                findings.append(Finding("missing_time", True, _("发布时间")))
            if not _has_body(page):
                findings.append(Finding("empty_body", True, _("正文")))
        findings += self.check_links(linked_ids)
        return findings

    def check_markup(self, raw, place, linked_ids):
        findings = []
        for m in IMAGE_EMBED_RE.finditer(raw):
            attrs = dict(ATTR_RE.findall(m.group()))
            if not attrs.get("alt", "").strip():
                findings.append(Finding("image_alt", True, place))
        for m in PAGE_LINK_RE.finditer(raw):
            attrs = dict(ATTR_RE.findall(m.group()))
            if attrs.get("id", "").isdigit():
                linked_ids.append((int(attrs["id"]), place))
        return findings

    def check_links(self, linked_ids):
        if not linked_ids:
            return []
        from wagtail.models import Page

        live = set(Page.objects.filter(pk__in={i for i, _p in linked_ids}, live=True).values_list("pk", flat=True))
        return [
            Finding("dead_link", False, place, str(page_id)) for page_id, place in linked_ids if page_id not in live
        ]


def _find_all(text, word):
    """Occurrences of a literal word, as match-like (start, end) objects."""
    start = text.find(word)
    while start != -1:
        yield _Span(start, start + len(word))
        start = text.find(word, start + len(word))


class _Span:
    __slots__ = ("_start", "_end")

    def __init__(self, start, end):
        self._start, self._end = start, end

    def start(self):
        return self._start

    def end(self):
        return self._end


def html_to_text(markup):
    return html.unescape(TAG_RE.sub("", BLOCK_END_RE.sub("\n", markup)))


def segments(page):
    """(place, plain text, raw markup or None) for every piece of text a visitor reads."""
    yield _("标题"), page.title or "", None
    for name, label in (("summary", _("摘要")), ("source", _("来源")), ("author", _("作者"))):
        if getattr(page, name, None):
            yield label, getattr(page, name), None
    intro = getattr(page, "intro", None)
    if intro:
        yield _("栏目简介"), html_to_text(str(intro)), str(intro)
    for field, label in (("body", _("正文")), ("attachments", _("附件"))):
        stream = getattr(page, field, None)
        for n, block in enumerate(stream or [], start=1):
            place = _("%(field)s第%(n)s块（%(type)s）") % {"field": label, "n": n, "type": block.block.label}
            yield from _block_segments(block, place)


def _block_segments(block, place):
    value, kind = block.value, block.block_type
    if kind == "paragraph":
        raw = getattr(value, "source", str(value))
        yield place, html_to_text(raw), raw
    elif kind == "heading":
        yield place, value.get("text") or "", None
    elif kind == "image":
        text = " ".join(filter(None, [value.get("alt_text"), value.get("caption")]))
        yield place, text, '<embed embedtype="image" alt="%s"/>' % html.escape(value.get("alt_text") or "")
    elif kind == "table":
        rows = (value or {}).get("data") or []
        yield place, "\n".join(" ".join(str(c or "") for c in row) for row in rows), None
    elif kind == "document":
        yield place, value.get("title") or "", None


def _has_body(page):
    for field in ("body", "attachments"):
        for block in getattr(page, field, None) or []:
            if block.block_type == "paragraph":
                if html_to_text(getattr(block.value, "source", str(block.value))).strip():
                    return True
                if IMAGE_EMBED_RE.search(getattr(block.value, "source", "")):
                    return True
            else:
                return True
    return False


def blocking(findings):
    return [f for f in findings if f.blocking]
