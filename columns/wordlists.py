"""Word lists for the content checks, managed by administrators as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SensitiveWord(models.Model):
    """A word that must not appear (block) or should be looked at again (warn)."""

    class Level(models.TextChoices):
        BLOCK = "block", _("禁止发布")
        WARN = "warn", _("提醒")

    word = models.CharField(_("敏感词"), max_length=50, unique=True)
    level = models.CharField(_("处理方式"), max_length=10, choices=Level.choices, default=Level.BLOCK)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("word"), FieldPanel("level"), FieldPanel("note")]

    class Meta:
        ordering = ["word"]
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")

    def __str__(self):
        return self.word


class ErrorWord(models.Model):
    """A common wrong writing (错敏字) and what it should be."""

    wrong = models.CharField(_("错误写法"), max_length=50, unique=True)
    correct = models.CharField(_("正确写法"), max_length=50)

    panels = [FieldPanel("wrong"), FieldPanel("correct")]

    class Meta:
        ordering = ["wrong"]
        verbose_name = _("错敏字")
        verbose_name_plural = _("错敏字")

    def __str__(self):
        return f"{self.wrong} → {self.correct}"
