"""Delivers the outbox to the petition hall with retries and exponential back-off.

At-least-once on the wire, exactly-once in effect: every request carries the message's
Idempotency-Key, so the receiver can drop a repeat when our acknowledgement was lost.
"""

import json
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import DeliveryAttempt, OutboxMessage


def backoff(attempts):
    return timedelta(seconds=min(settings.PETITION_HALL_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0),
                                 settings.PETITION_HALL_MAX_BACKOFF_SECONDS))


def post(message):
    """One HTTP POST; returns (status code or None, error text or "")."""
    body = json.dumps(message.payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(settings.PETITION_HALL_ENDPOINT, data=body, method="POST")
    request.add_header("Content-Type", "application/json; charset=utf-8")
    request.add_header("Idempotency-Key", str(message.idempotency_key))
    if settings.PETITION_HALL_TOKEN:
        request.add_header("Authorization", f"Bearer {settings.PETITION_HALL_TOKEN}")
    try:
        with urllib.request.urlopen(request, timeout=settings.PETITION_HALL_TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, str(getattr(exc, "reason", exc))[:500]


def _due():
    pending = OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING)
    return pending.filter(next_attempt_at__lte=timezone.now())


def _lock(pk):
    """The message if it is still due and no other run holds it (the lock lasts until commit)."""
    qs = _due().filter(pk=pk)
    if connection.features.has_select_for_update_skip_locked:
        # Two cron runs that overlap never send the same message.
        qs = qs.select_for_update(skip_locked=True)
    return qs.first()


def deliver_due(limit=100):
    """Tries each due message once; returns (delivered, failed)."""
    if not settings.PETITION_HALL_ENDPOINT:
        return 0, 0
    delivered = failed = 0
    for pk in _due_ids(limit):
        with transaction.atomic():
            message = _lock(pk)
            if message is None:  # taken by another run meanwhile
                continue
            status, error = post(message)
            ok = status is not None and 200 <= status < 300
            message.attempts += 1
            now = timezone.now()
            DeliveryAttempt.objects.create(message=message, attempted_at=now, status_code=status,
                                           succeeded=ok, error=error)
            if ok:
                message.state, message.delivered_at = OutboxMessage.State.DELIVERED, now
                message.last_error = ""
                delivered += 1
            else:
                message.next_attempt_at, message.last_error = now + backoff(message.attempts), error
                failed += 1
            message.save()
    return delivered, failed


def _due_ids(limit):
    return list(_due().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
