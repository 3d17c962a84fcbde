"""The holiday calendar that working-day deadlines follow, kept by administrators."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class CalendarDay(models.Model):
    """A date whose working status differs from the Monday-to-Friday rule.

    A public holiday on a weekday is a day off; an adjusted working day (调休) on a
    Saturday or Sunday is a working day.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日（休息）")
        WORKDAY = "workday", _("调休上班日")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("例如：春节、国庆节调休。"))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()
