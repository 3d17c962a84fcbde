"""Delivery to the petition hall against a real local HTTP server that fails, then recovers."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from services.models import DeliveryAttempt, OutboxMessage
from tests.factories import ResponsibleUnitFactory

from .factories import make_letter, staff_user

pytestmark = pytest.mark.django_db


class PetitionHall:
    """A stand-in receiver on 127.0.0.1: answers 503 while ``failing``, then 201."""

    def __init__(self):
        self.failing = True
        self.received = []  # (idempotency key, payload) of every request
        self.accepted = {}  # idempotency key -> payload, like a receiver that deduplicates
        hall = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                key = self.headers.get("Idempotency-Key")
                hall.received.append((key, json.loads(body)))
                status = 503 if hall.failing else 201
                if not hall.failing:
                    hall.accepted.setdefault(key, json.loads(body))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/letters"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hall(settings):
    server = PetitionHall()
    settings.PETITION_HALL_ENDPOINT = server.url
    settings.PETITION_HALL_BACKOFF_SECONDS = 0  # retry at once in tests; the doubling is tested below
    yield server
    server.close()


def accepted_letters(count):
    unit = ResponsibleUnitFactory(name="市信访局")
    officer = staff_user(unit)
    from services.workflow import perform

    letters = []
    for i in range(count):
        letter, _ = make_letter(unit, subject=f"来信{i}", phone=f"1380013800{i}")
        letters.append(perform(letter, "accept", officer))
    return letters


def deliver():
    out = io.StringIO()
    call_command("deliver_outbox", stdout=out)
    return out.getvalue()


def test_failing_endpoint_keeps_messages_then_delivers_each_exactly_once(hall):
    letters = accepted_letters(2)
    assert "delivered=0 failed=2" in deliver()
    assert "delivered=0 failed=2" in deliver()
    assert OutboxMessage.objects.filter(state="pending").count() == 2
    hall.failing = False
    assert "delivered=2 failed=0" in deliver()
    assert "delivered=0 failed=0" in deliver()  # nothing is sent twice
    assert sorted(p["number"] for p in hall.accepted.values()) == sorted(l.number for l in letters)
    successful = [key for key, _ in hall.received[4:]]
    assert len(successful) == 2 and len(set(successful)) == 2
    # each message always sent with its own key, and the log tells the story
    for message in OutboxMessage.objects.all():
        assert message.state == "delivered" and message.attempts == 3
        keys = {k for k, p in hall.received if p["number"] == message.letter.number}
        assert keys == {str(message.idempotency_key)}
        log = list(DeliveryAttempt.objects.filter(message=message).values_list("status_code", "succeeded"))
        assert log == [(503, False), (503, False), (201, True)]


def test_unreachable_endpoint_is_logged_and_retried_later(settings):
    settings.PETITION_HALL_ENDPOINT = "http://127.0.0.1:9/nothing-listens-here"
    settings.PETITION_HALL_BACKOFF_SECONDS = 60
    accepted_letters(1)
    assert "failed=1" in deliver()
    message = OutboxMessage.objects.get()
    assert message.state == "pending" and message.last_error
    first_retry = message.next_attempt_at
    assert "delivered=0 failed=0" in deliver()  # not due yet: back-off
    OutboxMessage.objects.update(next_attempt_at=message.created_at)
    deliver()
    message.refresh_from_db()
    assert message.attempts == 2
    assert (message.next_attempt_at - first_retry).total_seconds() > 60  # doubled: 120 s after the 2nd try


def test_public_form_works_while_the_endpoint_is_down(client, settings):
    settings.PETITION_HALL_ENDPOINT = "http://127.0.0.1:9/down"
    client.get("/interaction/letters/write/")
    data = {"kind": "help", "subject": "求助", "content": "内容", "name": "王五", "phone": "13700137000",
            "captcha": str(client.session["services_captcha_letter"])}
    assert client.post("/interaction/letters/write/", data).status_code == 302


def test_without_an_endpoint_nothing_is_lost(settings):
    settings.PETITION_HALL_ENDPOINT = ""
    accepted_letters(1)
    call_command("deliver_outbox", stdout=io.StringIO(), stderr=io.StringIO())
    assert OutboxMessage.objects.get().state == "pending"
