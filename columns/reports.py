"""Column update figures (第十五条(二), 第十六条): one computation for the admin reports and the command.

A column's "last update" is the newest 发布时间 of the live content directly in it (the
date visitors and the national inspection see). Columns are flagged at half their
allowed interval, before they breach it.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ArticlePage, PolicyDocumentPage
from .units import ColumnResponsibility

STATUS_LABELS = {
    "ok": _("正常"),
    "warn": _("即将超期"),
    "overdue": _("超期未更新"),
    "empty": _("空白栏目"),
    "static": _("无更新要求"),
}
QUARTER_RE = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")


def parse_quarter(text):
    """'2026Q4' → (start, end) as aware datetimes, end exclusive; ValueError if malformed."""
    match = QUARTER_RE.match((text or "").strip())
    if not match:
        raise ValueError(_("季度格式应为“2026Q4”。"))
    year, quarter = int(match.group(1)), int(match.group(2))
    start = datetime(year, 3 * quarter - 2, 1)
    end = datetime(year + 1, 1, 1) if quarter == 4 else datetime(year, 3 * quarter + 1, 1)
    return timezone.make_aware(start), timezone.make_aware(end)


def current_quarter():
    today = timezone.localdate()
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


@dataclass
class ColumnRow:
    column_id: int
    path: str
    units: str
    category: str
    interval_days: int | None
    published: int
    last_update: datetime | None
    days_since: int | None
    days_overdue: int
    status: str
    unit_ids: list = field(default_factory=list)

    @property
    def status_label(self):
        return str(STATUS_LABELS[self.status])

    @property
    def interval_label(self):
        return str(_("%(n)s天") % {"n": self.interval_days}) if self.interval_days else str(_("无"))


def column_path(page):
    ancestors = page.get_ancestors().filter(depth__gt=2)  # below the site root
    return " / ".join([a.title for a in ancestors] + [page.title])


def status_for(interval, days_since, has_content):
    if not has_content:
        return "empty"
    if interval is None:
        return "static"
    if days_since is None or days_since > interval:
        return "overdue"
    if days_since * 2 >= interval:
        return "warn"
    return "ok"


def _figures(column, start, end, as_of):
    published, last = 0, None
    for model in (ArticlePage, PolicyDocumentPage):
        agg = (
            model.objects.filter(live=True, publish_time__lte=as_of)
            .child_of(column)
            .aggregate(
                n=Count("pk", filter=Q(publish_time__gte=start, publish_time__lt=end)),
                last=Max("publish_time"),
            )
        )
        published += agg["n"]
        if agg["last"] and (last is None or agg["last"] > last):
            last = agg["last"]
    return published, last


def column_rows(start, end, responsibilities=None, as_of=None):
    """One row per assigned column for the period [start, end)."""
    as_of = as_of or min(end, timezone.now())
    rows = []
    qs = responsibilities if responsibilities is not None else ColumnResponsibility.objects.all()
    qs = qs.select_related("column", "category").prefetch_related("units").order_by("column__path")
    for row in qs:
        column = row.column
        published, last = _figures(column, start, end, as_of)
        interval = row.interval_days
        days_since = (timezone.localdate(as_of) - timezone.localdate(last)).days if last else None
        has_content = last is not None or bool(column.intro) or bool(column.external_links)
        units = list(row.units.all())
        rows.append(
            ColumnRow(
                column_id=column.pk,
                path=column_path(column),
                units="、".join(u.name for u in units),
                category=row.category.name,
                interval_days=interval,
                published=published,
                last_update=timezone.localtime(last) if last else None,
                days_since=days_since,
                days_overdue=max(0, days_since - interval) if (days_since is not None and interval) else 0,
                status=status_for(interval, days_since, has_content),
                unit_ids=[u.pk for u in units],
            )
        )
    return rows


@dataclass
class UnitRow:
    unit: str
    columns: int = 0
    published: int = 0
    overdue: int = 0
    warn: int = 0
    empty: int = 0


def unit_rows(rows):
    """Per-unit totals; a co-built column counts for each of its units."""
    by_unit = {}
    for row in rows:
        for name in row.units.split("、") if row.units else [str(_("（未指定）"))]:
            unit = by_unit.setdefault(name, UnitRow(name))
            unit.columns += 1
            unit.published += row.published
            unit.overdue += row.status == "overdue"
            unit.warn += row.status == "warn"
            unit.empty += row.status == "empty"
    return sorted(by_unit.values(), key=lambda u: u.unit)


COLUMN_HEADINGS = [
    ("path", _("栏目")),
    ("units", _("责任单位")),
    ("category", _("更新要求类别")),
    ("interval_label", _("最长更新间隔")),
    ("published", _("本期发布条数")),
    ("last_update", _("最近更新")),
    ("days_overdue", _("超期天数")),
    ("status_label", _("状态")),
]
UNIT_HEADINGS = [
    ("unit", _("责任单位")),
    ("columns", _("负责栏目数")),
    ("published", _("本期发布条数")),
    ("overdue", _("超期栏目")),
    ("warn", _("即将超期栏目")),
    ("empty", _("空白栏目")),
]


def cell(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value


def write_workbook(rows, output, title):
    """The quarterly report sent to units: per column, then per unit."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("栏目更新情况"))
    sheet.append([str(title)])
    sheet.append([str(h) for _f, h in COLUMN_HEADINGS])
    for row in rows:
        sheet.append([cell(getattr(row, f)) for f, _h in COLUMN_HEADINGS])
    summary = workbook.create_sheet(str(_("单位汇总")))
    summary.append([str(h) for _f, h in UNIT_HEADINGS])
    for unit in unit_rows(rows):
        summary.append([getattr(unit, f) for f, _h in UNIT_HEADINGS])
    workbook.save(output)
