"""Working days after China's official calendar: Monday to Friday, minus public holidays,
plus the weekend days declared working days (调休), as kept in CalendarDay."""

import calendar
from bisect import bisect_left, bisect_right
from datetime import timedelta


class WorkCalendar:
    """The CalendarDay exceptions loaded once, so counting over many letters costs one query."""

    def __init__(self, start=None, end=None):
        from .models import CalendarDay

        days = CalendarDay.objects.all()
        if start is not None:
            days = days.filter(date__gte=start)
        if end is not None:
            days = days.filter(date__lte=end)
        self.exceptions = dict(days.values_list("date", "kind"))
        self.holidays = sorted(d for d, k in self.exceptions.items() if k == "holiday" and d.weekday() < 5)
        self.workdays = sorted(d for d, k in self.exceptions.items() if k == "workday" and d.weekday() >= 5)

    def is_working_day(self, day):
        kind = self.exceptions.get(day)
        if kind is not None:
            return kind == "workday"
        return day.weekday() < 5

    def add(self, start, days):
        """The date ``days`` working days after ``start`` (the day after receipt counts as day one)."""
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def between(self, start, end):
        """Working days from ``start`` (exclusive) to ``end`` (inclusive), without walking the days:
        weekdays in the span, minus weekday holidays, plus weekend working days (statistics call this
        for every letter)."""
        if end <= start:
            return 0
        span = (end - start).days
        weekdays = span // 7 * 5
        for offset in range(span - span % 7 + 1, span + 1):
            if (start + timedelta(days=offset)).weekday() < 5:
                weekdays += 1
        return weekdays - self._count(self.holidays, start, end) + self._count(self.workdays, start, end)

    @staticmethod
    def _count(days, start, end):
        return bisect_right(days, end) - bisect_right(days, start)


def add_working_days(start, days):
    # Loads a generous window: even a month of holidays cannot push days*2+60 calendar days.
    return WorkCalendar(start, start + timedelta(days=days * 2 + 60)).add(start, days)


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
