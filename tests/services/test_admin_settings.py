"""What administrators maintain: the holiday calendar and the units; the outbox is visible."""

from datetime import date

import pytest
from wagtail.models import Page

from columns.units import ResponsibleUnit
from services.models import CalendarDay, InteractionIndexPage
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
    """One unit, entered once: it receives letters and its handlers group is created with it."""
    from wagtail.models import Locale

    response = admin_client.post("/admin/snippets/columns/responsibleunit/add/", {
        "name": "市教育局", "unit_type": "department", "active": "on", "receives_letters": "on",
        "sort_order": "1", "editors_group": "", "reviewers_group": "", "handlers_group": "",
        "locale": Locale.get_default().pk,
    })
    assert response.status_code == 302
    unit = ResponsibleUnit.objects.get(name="市教育局")
    assert unit.receives_letters and unit.sort_order == 1
    assert unit.handlers_group.name == "市教育局办理"
    assert set(unit.handlers_group.permissions.values_list("codename", flat=True)) == {
        "access_admin", "change_letter", "change_disclosurerequest"
    }


def test_admin_listings_render(admin_client):
    for url in ("/admin/snippets/services/calendarday/", "/admin/snippets/columns/responsibleunit/",
                "/admin/snippets/services/outboxmessage/", "/admin/services/letters/",
                "/admin/services/disclosure/"):
        assert admin_client.get(url).status_code == 200, url


def test_only_units_receiving_letters_are_offered_to_citizens(client):
    from tests.factories import ensure_locales

    closed = ResponsibleUnit.objects.create(name="已撤销的局", active=False)
    no_letters = ResponsibleUnit.objects.create(name="市档案馆", receives_letters=False)
    edu = ResponsibleUnit.objects.create(name="市教育局")
    english = edu.copy_for_translation(ensure_locales()["en"])
    english.name = "Municipal Education Bureau"
    english.save()
    for url in ("/interaction/letters/write/", "/interaction/disclosure/apply/"):
        html = client.get(url).content.decode()
        assert f'value="{edu.pk}"' in html and "市教育局" in html, url
        assert "已撤销的局" not in html and "市档案馆" not in html, url
        assert f'value="{english.pk}"' not in html, url  # one choice per unit: its default-locale row
    html = client.get("/en/interaction/letters/write/").content.decode()
    assert f'<option value="{edu.pk}">Municipal Education Bureau</option>' in html
    # the choices are also what the server accepts: a unit left out is refused when posted anyway
    from services.forms import LetterForm

    accepted = LetterForm(request=None, captcha_question="").fields["unit"].queryset
    assert list(accepted) == [edu]


def test_interaction_index_links_to_the_channels(client):
    home = make_portal_site()
    page = InteractionIndexPage(title="互动交流", slug="hdjl")
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    for url in ("/interaction/letters/write/", "/interaction/letters/", "/interaction/letters/lookup/",
                "/interaction/disclosure/apply/"):
        assert f'href="{url}"' in html
