"""Working-day deadlines across holidays and adjusted working days (调休)."""

from datetime import date, datetime
from unittest import mock

import pytest
from django.utils import timezone

from services.models import CalendarDay
from services.workdays import WorkCalendar, add_months, add_working_days

from .factories import make_disclosure, make_letter, national_day_2026

pytestmark = pytest.mark.django_db


def test_plain_week_skips_the_weekend():
    # Friday 2026-11-27 + 1 working day = Monday 2026-11-30
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 30)


def test_holiday_is_skipped_and_adjusted_saturday_counts():
    national_day_2026()
    # Wednesday 30 Sep: Thu 1 Oct..Wed 7 Oct off; Thu 8 (1), Fri 9 (2), Sat 10 调休 (3), Mon 12 (4), Tue 13 (5)
    assert add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)
    calendar = WorkCalendar()
    assert calendar.is_working_day(date(2026, 10, 10))
    assert not calendar.is_working_day(date(2026, 10, 5))
    assert calendar.between(date(2026, 9, 30), date(2026, 10, 13)) == 5


def test_without_the_calendar_the_same_span_is_shorter():
    assert add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 7)


def test_letter_due_dates_follow_type_and_calendar():
    national_day_2026()
    received = timezone.make_aware(datetime(2026, 9, 30, 10, 0))
    with mock.patch("django.utils.timezone.now", return_value=received):
        consult, _ = make_letter(kind="consult")
        complaint, _ = make_letter(kind="complaint")
        application, _ = make_disclosure()
    assert consult.due_date == date(2026, 10, 13)
    # 15 working days: 8, 9, 10(调休), 12-16, 19-23, 26, 27 -> 27 Oct
    assert complaint.due_date == date(2026, 10, 27)
    # 20 working days -> 3 Nov
    assert application.due_date == date(2026, 11, 3)


def test_calendar_setting_changes_the_letter_due_days(settings):
    settings.SERVICES_LETTER_DUE_WORKING_DAYS = {"consult": 2, "default": 3}
    received = timezone.make_aware(datetime(2026, 11, 23, 10, 0))  # Monday
    with mock.patch("django.utils.timezone.now", return_value=received):
        letter, _ = make_letter(kind="consult")
    assert letter.due_date == date(2026, 11, 25)


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 3) == date(2026, 4, 15)


def test_calendar_day_is_unique_per_date():
    CalendarDay.objects.create(date=date(2026, 1, 1), kind="holiday", name="元旦")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarDay.objects.create(date=date(2026, 1, 1), kind="workday")


def test_counting_matches_a_day_by_day_walk():
    """``between`` counts arithmetically; it must agree with walking the calendar day by day."""
    import random
    from datetime import timedelta

    national_day_2026()
    CalendarDay.objects.create(date=date(2026, 9, 20), kind="workday", name="调休")  # a Sunday
    calendar = WorkCalendar()

    def walk(start, end):
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += calendar.is_working_day(current)
        return count

    rnd = random.Random(6)
    for _ in range(2000):
        start = date(2026, 8, 1) + timedelta(days=rnd.randrange(120))
        end = start + timedelta(days=rnd.randrange(-5, 100))
        assert calendar.between(start, end) == walk(start, end), (start, end)
