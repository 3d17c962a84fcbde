"""The staff side: inbox per unit, every transition through real admin POSTs, logged."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from services.models import Letter, OutboxMessage
from tests.factories import ResponsibleUnitFactory

from .factories import make_letter, staff_user

pytestmark = pytest.mark.django_db

INBOX = "/admin/services/letters/"


def handle_url(letter):
    return reverse("services_admin:letters_handle", args=[letter.pk])


@pytest.fixture
def units():
    return ResponsibleUnitFactory(name="市人社局"), ResponsibleUnitFactory(name="市住建局")


def test_inbox_shows_only_the_users_units(client, units):
    hr, housing = units
    mine, _ = make_letter(hr, subject="社保问题")
    theirs, _ = make_letter(housing, subject="住房问题")
    unassigned, _ = make_letter(None, subject="不知道找谁")
    client.force_login(staff_user(hr))
    html = client.get(INBOX).content.decode()
    assert mine.number in html and theirs.number not in html and unassigned.number not in html
    assert client.get(handle_url(mine)).status_code == 200
    assert client.get(handle_url(theirs)).status_code == 404
    assert client.post(handle_url(theirs), {"action": "accept"}).status_code == 404
    assert Letter.objects.get(pk=theirs.pk).status == "pending"


def test_dispatcher_sees_all_and_assigns_unsure_letters(client, units):
    hr, housing = units
    unassigned, _ = make_letter(None)
    dispatcher = staff_user(all_units=True)
    client.force_login(dispatcher)
    assert unassigned.number in client.get(INBOX + "?unit=none").content.decode()
    response = client.post(handle_url(unassigned), {"action": "transfer", "unit": hr.pk})
    assert response.status_code == 302
    unassigned.refresh_from_db()
    assert unassigned.unit == hr and unassigned.status == "pending"
    entry = ModelLogEntry.objects.get(action="services.transfer", object_id=str(unassigned.pk))
    assert entry.user == dispatcher and entry.data["to_unit"] == "市人社局"


def test_a_handler_of_one_unit_cannot_open_another_units_items(client, units):
    """Only the handlers group, as an administrator sets it up: nothing else grants the inbox."""
    from services.models import DisclosureRequest
    from tests.factories import UserFactory

    from .factories import make_disclosure

    hr, housing = units
    mine, _ = make_letter(hr, subject="社保问题")
    theirs, _ = make_letter(housing, subject="住房问题")
    their_request, _ = make_disclosure(housing)
    handler = UserFactory()
    handler.groups.add(hr.handlers_group)
    client.force_login(handler)
    html = client.get(INBOX).content.decode()
    assert mine.number in html and theirs.number not in html
    assert theirs.number not in client.get(f"{INBOX}?unit={housing.pk}&status=all").content.decode()
    assert client.get(handle_url(mine)).status_code == 200
    for url in (handle_url(theirs), reverse("services_admin:disclosure_handle", args=[their_request.pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "accept"}).status_code == 404, url
    assert Letter.objects.get(pk=theirs.pk).status == "pending"
    assert DisclosureRequest.objects.get(pk=their_request.pk).status == "pending"
    # moved to the other unit's handlers group, the user sees the other unit's letter instead
    handler.groups.set([housing.handlers_group])
    assert client.get(handle_url(theirs)).status_code == 200
    assert client.get(handle_url(mine)).status_code == 404


def test_user_without_permission_is_refused(client, units):
    from tests.factories import UserFactory
    from django.contrib.auth.models import Permission

    letter, _ = make_letter(units[0])
    plain = UserFactory()
    plain.user_permissions.add(Permission.objects.get(codename="access_admin"))
    # in the unit's handlers group, but an administrator took the group's handling permissions away
    units[0].handlers_group.permissions.remove(
        *Permission.objects.filter(codename__in=["change_letter", "change_disclosurerequest"])
    )
    plain.groups.add(units[0].handlers_group, units[0].editors_group)
    client.force_login(plain)
    assert client.get(INBOX).status_code in (302, 403)
    assert client.post(handle_url(letter), {"action": "accept"}).status_code in (302, 403)
    assert Letter.objects.get(pk=letter.pk).status == "pending"
    client.logout()
    assert client.get(INBOX).status_code == 302  # to the login page


def test_full_lifecycle_is_logged_with_who_and_when(client, units):
    hr, _ = units
    letter, _ = make_letter(hr)
    officer = staff_user(hr)
    client.force_login(officer)
    url = handle_url(letter)
    assert client.post(url, {"action": "accept"}).status_code == 302
    assert client.post(url, {"action": "start"}).status_code == 302
    # a reply without text is refused with a message, nothing changes
    response = client.post(url, {"action": "reply", "reply": "  "})
    assert response.status_code == 200 and "请填写答复内容。" in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).status == "processing"
    assert client.post(url, {"action": "reply", "reply": "请携带身份证到社保服务窗口补办。",
                             "published": "on"}).status_code == 302
    assert client.post(url, {"action": "close"}).status_code == 302
    letter.refresh_from_db()
    assert letter.status == "closed" and letter.reply_unit == hr
    assert letter.accepted_at and letter.replied_at and letter.closed_at
    actions = list(ModelLogEntry.objects.filter(object_id=str(letter.pk), content_type__model="letter")
                   .order_by("timestamp", "pk").values_list("action", "user"))
    assert actions == [("services.receive", None), ("services.accept", officer.pk),
                       ("services.start", officer.pk), ("services.reply", officer.pk),
                       ("services.close", officer.pk)]
    page = client.get(url).content.decode()
    assert "受理" in page and officer.username in page  # the history is shown
    # a closed letter offers no more actions and refuses them
    assert client.post(url, {"action": "accept"}).status_code == 200
    assert Letter.objects.get(pk=letter.pk).status == "closed"


def test_reject_needs_a_reason(client, units):
    letter, _ = make_letter(units[0])
    client.force_login(staff_user(units[0]))
    url = handle_url(letter)
    client.post(url, {"action": "reject", "reason": ""})
    assert Letter.objects.get(pk=letter.pk).status == "pending"
    client.post(url, {"action": "reject", "reason": "内容与政务无关"})
    letter.refresh_from_db()
    assert letter.status == "rejected" and letter.rejection_reason == "内容与政务无关"
    assert ModelLogEntry.objects.get(action="services.reject").data["reason"] == "内容与政务无关"


def test_transfer_takes_the_letter_out_of_the_first_units_inbox(client, units):
    hr, housing = units
    letter, _ = make_letter(hr)
    client.force_login(staff_user(hr))
    response = client.post(handle_url(letter), {"action": "transfer", "unit": housing.pk})
    assert response.status_code == 302 and response["Location"] == INBOX
    assert client.get(handle_url(letter)).status_code == 404
    client.force_login(staff_user(housing))
    assert client.get(handle_url(letter)).status_code == 200


def test_acceptance_queues_the_letter_for_the_petition_hall_in_the_same_step(client, units):
    letter, _ = make_letter(units[0])
    client.force_login(staff_user(units[0]))
    assert OutboxMessage.objects.count() == 0
    client.post(handle_url(letter), {"action": "accept"})
    message = OutboxMessage.objects.get()
    assert message.letter_id == letter.pk and message.payload["number"] == letter.number
    assert message.state == "pending"


def test_overdue_letters_are_highlighted_and_filterable(client, units):
    hr, _ = units
    received = timezone.make_aware(datetime(2026, 11, 2, 9, 0))
    with mock.patch("django.utils.timezone.now", return_value=received):
        old, _ = make_letter(hr, subject="旧信")
    fresh, _ = make_letter(hr, subject="新信")
    client.force_login(staff_user(hr))
    today = timezone.localdate()
    assert old.due_date < today  # 5 working days after 2 Nov 2026
    html = client.get(INBOX).content.decode()
    assert "services-overdue" in html and "已超期" in html
    filtered = client.get(INBOX + "?overdue=1").content.decode()
    assert old.number in filtered and fresh.number not in filtered


def test_warning_before_the_three_month_line(units, settings):
    settings.SERVICES_THREE_MONTH_WARNING_DAYS = 30
    letter, _ = make_letter(units[0])
    received = timezone.localdate(letter.received_at)
    line = letter.three_month_line
    assert line > received + timedelta(days=88)
    assert not letter.near_three_month_line(today=line - timedelta(days=31))
    assert letter.near_three_month_line(today=line - timedelta(days=30))
    letter.status = "answered"
    assert not letter.near_three_month_line(today=line)


def test_admin_escapes_what_citizens_typed(client, units):
    script = "<script>alert(1)</script>"
    letter, _ = make_letter(units[0], subject=script, content=script, name=script[:50])
    client.force_login(staff_user(units[0]))
    for html in (client.get(INBOX).content.decode(), client.get(handle_url(letter)).content.decode()):
        assert script not in html and "&lt;script&gt;" in html


def test_menu_shows_the_inbox_to_staff(client, units):
    client.force_login(staff_user(units[0]))
    html = client.get("/admin/").content.decode()
    assert INBOX in html  # the sidebar menu is JSON inside the page
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200 and INBOX not in response.content.decode()
