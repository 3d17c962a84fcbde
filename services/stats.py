"""Public statistics of letters: received, answered, average handling days, on-time rate."""

from collections import defaultdict

from django.utils import timezone

from columns.units import ResponsibleUnit, localize_units

from .models import Letter, Status
from .workdays import WorkCalendar


def _row():
    return {"received": 0, "answered": 0, "handling_days": 0, "on_time": 0}


def _finish(key, row):
    answered = row["answered"]
    return {
        "key": key,
        "received": row["received"],
        "answered": answered,
        "average_days": round(row["handling_days"] / answered, 1) if answered else None,
        "on_time_rate": round(100 * row["on_time"] / answered, 1) if answered else None,
    }


def letter_statistics(year=None):
    """Rows per month (by date received) and per unit (the unit that answered, else the current one).

    Handling days are working days from receipt to reply; on time means replied by the due date.
    Rejected letters count as received, not as answered.
    """
    letters = Letter.objects.all()
    if year:
        letters = letters.filter(received_at__year=year)
    calendar = WorkCalendar()
    by_month, by_unit = defaultdict(_row), defaultdict(_row)
    fields = ("received_at", "replied_at", "status", "due_date", "reply_unit_id", "unit_id")
    for received_at, replied_at, status, due_date, reply_unit, unit in letters.values_list(*fields):
        received = timezone.localdate(received_at)
        rows = [by_month[received.strftime("%Y-%m")], by_unit[reply_unit or unit]]
        answered = replied_at is not None and status in (Status.ANSWERED, Status.CLOSED)
        replied = timezone.localdate(replied_at) if answered else None
        for row in rows:
            row["received"] += 1
            if answered:
                row["answered"] += 1
                row["handling_days"] += calendar.between(received, replied)
                row["on_time"] += replied <= due_date
    total = _row()
    for row in by_month.values():
        for k in total:
            total[k] += row[k]
    # Units by their name in the visitor's language; letters not yet assigned under "".
    units = localize_units(ResponsibleUnit.objects.filter(pk__in=[pk for pk in by_unit if pk]))
    names = {u.pk: u.display_name for u in units}
    by_name = sorted(((names.get(pk, ""), row) for pk, row in by_unit.items()), key=lambda item: item[0])
    return {
        "months": [_finish(k, by_month[k]) for k in sorted(by_month, reverse=True)],
        "units": [_finish(name, row) for name, row in by_name],
        "total": _finish("", total),
    }
