"""Editor-managed synonyms, and the record of documents brought in by import_documents."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

TERM_SEPARATORS = re.compile(r"[\n\r,，、;；]+")
MAX_TERM_LENGTH = 50
# In a file of groups (load_synonyms), a line "English terms => Chinese terms" is a group for
# English queries only (english_only).
ENGLISH_ONLY_ARROW = "=>"


class SynonymGroup(models.Model):
    """Words that mean the same to a searcher (社保、社会保险). Applied when a query is run."""

    terms = models.TextField(
        _("同义词"),
        help_text=_("每行一个词，或用逗号、顿号分隔，例如：社保、社会保险。至少两个词。"),
    )
    # The Chinese words of such a group are renderings of its English words, not synonyms of
    # each other: compensation is 赔偿 or 补偿, but 经济补偿 is no 经济赔偿.
    english_only = models.BooleanField(
        _("只用于英文查询"),
        default=False,
        help_text=_("勾选后，组内的中文词只作为英文词的译法：英文查询用这些中文词查找，"
                    "中文查询不会因本组把一个中文词换成另一个。"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("english_only"), FieldPanel("note")]

    class Meta:
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词组")
        ordering = ["pk"]

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def term_list(self):
        return list(dict.fromkeys(t.strip() for t in TERM_SEPARATORS.split(self.terms or "") if t.strip()))

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("请至少填写两个意思相同的词。")})
        if any(len(t) > MAX_TERM_LENGTH for t in terms):
            raise ValidationError({"terms": _("每个词不能超过 50 个字符。")})
        if self.english_only and (all(t.isascii() for t in terms) or not any(t.isascii() for t in terms)):
            raise ValidationError({"english_only": _("只用于英文查询的词组要同时有英文词和中文词。")})
        self.terms = "\n".join(terms)

    @classmethod
    def load_lines(cls, lines, note=""):
        """Adds one group per line (terms separated as in the admin; blank lines and lines
        starting with # are skipped; "English => 中文" for a group of English queries only), each
        only if no group has the same terms already.
        Returns (created, already there, [(line number, message)]): a bad line is reported
        and the others still load."""
        existing = {frozenset(group.term_list()) for group in cls.objects.all()}
        created, present, errors = 0, 0, []
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            english_only = ENGLISH_ONLY_ARROW in line
            group = cls(terms=line.replace(ENGLISH_ONLY_ARROW, "、"), english_only=english_only, note=note)
            try:
                group.full_clean()
            except ValidationError as error:
                errors.append((number, " ".join(m for ms in error.message_dict.values() for m in ms)))
                continue
            key = frozenset(group.term_list())
            if key in existing:
                present += 1
                continue
            group.save()
            existing.add(key)
            created += 1
        return created, present, errors


class ImportedDocument(models.Model):
    """Which page an old-CMS document became, so that a second import skips it."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+"
    )
    original_url = models.CharField(_("原文链接"), max_length=500, unique=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("导入的文档")
        verbose_name_plural = _("导入的文档")


class PageDate(models.Model):
    """The date a page shows (its kind's 发布时间, else first published), one narrow row per page.

    Search orders every title match by this date; reading it from each kind's table costs a join
    per kind and a lookup per match (80-100 ms for a common word at 100,000 documents), this
    table's index does not. Kept current by search/dates.py; filled for existing pages by
    migration 0003."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, primary_key=True,
        related_name="pagedate",
    )
    shown_at = models.DateTimeField(_("显示日期"), null=True, db_index=True)

    class Meta:
        verbose_name = _("页面显示日期")
        verbose_name_plural = _("页面显示日期")
