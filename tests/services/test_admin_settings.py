"""What administrators maintain: the holiday calendar and the units; the outbox is visible."""

from datetime import date

import pytest
from wagtail.models import Page

from services.models import CalendarDay, HandlingUnit, InteractionIndexPage
from services.workdays import add_working_days
from tests.factories import UserFactory

from .factories import make_portal_site, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_holiday_added_in_the_admin_moves_due_dates(admin_client):
    before = add_working_days(date(2026, 12, 30), 1)
    assert before == date(2026, 12, 31)
    response = admin_client.post("/admin/snippets/services/calendarday/add/",
                                 {"date": "2026-12-31", "kind": "holiday", "name": "演示假日"})
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=date(2026, 12, 31)).kind == "holiday"
    assert add_working_days(date(2026, 12, 30), 1) == date(2027, 1, 1)
    # an adjusted working day on a Saturday counts
    admin_client.post("/admin/snippets/services/calendarday/add/",
                      {"date": "2027-01-02", "kind": "workday", "name": "调休"})
    admin_client.post("/admin/snippets/services/calendarday/add/",
                      {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})
    assert add_working_days(date(2026, 12, 30), 1) == date(2027, 1, 2)


def test_units_and_their_staff_are_kept_in_the_admin(admin_client):
    officer = UserFactory(username="officer1")
    response = admin_client.post("/admin/snippets/services/handlingunit/add/",
                                 {"name": "市教育局", "active": "on", "sort_order": "1", "members": [officer.pk]})
    assert response.status_code == 302
    unit = HandlingUnit.objects.get(name="市教育局")
    assert list(unit.members.all()) == [officer]


def test_admin_listings_render(admin_client):
    for url in ("/admin/snippets/services/calendarday/", "/admin/snippets/services/handlingunit/",
                "/admin/snippets/services/outboxmessage/", "/admin/services/letters/",
                "/admin/services/disclosure/"):
        assert admin_client.get(url).status_code == 200, url


def test_inactive_units_are_not_offered_to_citizens(client):
    HandlingUnit.objects.create(name="已撤销的局", active=False)
    HandlingUnit.objects.create(name="市教育局")
    html = client.get("/interaction/letters/write/").content.decode()
    assert "市教育局" in html and "已撤销的局" not in html


def test_interaction_index_links_to_the_channels(client):
    home = make_portal_site()
    page = InteractionIndexPage(title="互动交流", slug="hdjl")
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    for url in ("/interaction/letters/write/", "/interaction/letters/", "/interaction/letters/lookup/",
                "/interaction/disclosure/apply/"):
        assert f'href="{url}"' in html
