"""Public side: published letters with masked names, look-up by number and code, statistics, export."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from services.models import Letter
from services.stats import letter_statistics
from services.workflow import perform
from tests.factories import ResponsibleUnitFactory

from .factories import make_letter, staff_user

pytestmark = pytest.mark.django_db

LIST = "/interaction/letters/"
LOOKUP = "/interaction/letters/lookup/"


def answered_letter(unit, **fields):
    letter, code = make_letter(unit, **fields)
    officer = staff_user(unit)
    perform(letter, "accept", officer)
    perform(letter, "reply", officer, reply="已转交社保窗口办理。", published=True)
    return letter, code


@pytest.fixture
def unit():
    return ResponsibleUnitFactory(name="市人社局")


def public_pages(client, letter):
    return {
        "list": client.get(LIST),
        "detail": client.get(f"{LIST}{letter.number}/"),
        "export": client.get(f"{LIST}export.csv"),
        "en list": client.get(f"/en{LIST}"),
    }


def test_published_letters_show_dates_unit_reply_and_masked_name_only(client, unit):
    letter, _ = answered_letter(unit, name="张三丰", phone="13812345678", email="zhang@example.com")
    for name, response in public_pages(client, letter).items():
        body = response.content.decode("utf-8")
        assert response.status_code == 200, name
        assert "张**" in body, name
        assert "张三丰" not in body and "三丰" not in body, name
        assert "13812345678" not in body and "zhang@example.com" not in body, name
    listing = client.get(LIST).content.decode()
    assert "已转交社保窗口办理。" in listing and "市人社局" in listing
    detail = client.get(f"{LIST}{letter.number}/").content.decode()
    assert "已转交社保窗口办理。" in detail and "市人社局" in detail
    assert timezone.localdate(letter.received_at).isoformat() in detail


def test_public_pages_name_the_unit_in_the_visitors_language(client, unit):
    from tests.factories import ensure_locales

    english = unit.copy_for_translation(ensure_locales()["en"])
    english.name = "Human Resources Bureau"
    english.save()
    letter, code = answered_letter(unit)
    for url in (f"/en{LIST}", f"/en{LIST}{letter.number}/", f"/en{LIST}statistics/", f"/en{LIST}export.csv"):
        body = client.get(url).content.decode()
        assert "Human Resources Bureau" in body and "市人社局" not in body, url
    assert f'<option value="{unit.pk}"' in client.get(f"/en{LIST}").content.decode()  # filter by the unit itself
    found = client.post(f"/en{LOOKUP}", {"number": letter.number, "code": code}).content.decode()
    assert "Human Resources Bureau" in found
    for url in (LIST, f"{LIST}{letter.number}/", f"{LIST}statistics/", f"{LIST}export.csv"):
        body = client.get(url).content.decode()
        assert "市人社局" in body and "Human Resources Bureau" not in body, url


@pytest.mark.parametrize("fields, step", [
    ({"publish_consent": False}, "reply"),  # no consent: never published
    ({}, "accept"),  # not answered yet
])
def test_letters_without_consent_or_reply_stay_private(client, unit, fields, step):
    letter, _ = make_letter(unit, subject="不应公开的信", **fields)
    officer = staff_user(unit)
    perform(letter, "accept", officer)
    if step == "reply":
        perform(letter, "reply", officer, reply="答复")
    assert "不应公开的信" not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}{letter.number}/").status_code == 404
    assert "不应公开的信" not in client.get(f"{LIST}export.csv").content.decode()


def test_staff_can_withhold_a_reply_from_publication(client, unit):
    letter, _ = make_letter(unit, subject="含个人隐私")
    officer = staff_user(unit)
    perform(letter, "accept", officer)
    perform(letter, "reply", officer, reply="答复", published=False)
    assert client.get(f"{LIST}{letter.number}/").status_code == 404


def test_export_neutralises_formulas_and_markup(client, unit):
    answered_letter(unit, subject="=HYPERLINK(\"http://evil\")", content="<b>x</b>")
    body = client.get(f"{LIST}export.csv").content.decode("utf-8")
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


def test_lookup_with_the_right_code_shows_the_status(client, unit):
    letter, code = answered_letter(unit)
    response = client.post(LOOKUP, {"number": letter.number, "code": code.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "已答复" in html and "已转交社保窗口办理。" in html
    assert letter.phone not in html


def test_wrong_code_and_unknown_number_get_the_same_answer(client, unit):
    letter, code = make_letter(unit)
    wrong = client.post(LOOKUP, {"number": letter.number, "code": "WRONG123"})
    unknown = client.post(LOOKUP, {"number": "XJ2099010199999", "code": code})
    assert wrong.status_code == unknown.status_code == 400
    wrong_errors = list(wrong.context["form"].non_field_errors())
    assert wrong_errors == list(unknown.context["form"].non_field_errors()) == ["编号或查询码不正确。"]
    assert letter.subject not in wrong.content.decode()


def test_lookup_is_rate_limited(client, unit, settings):
    settings.SERVICES_RATE_LIMITS = {**settings.SERVICES_RATE_LIMITS, "lookup_ip": (3, 900)}
    letter, code = make_letter(unit)
    for _ in range(3):
        client.post(LOOKUP, {"number": letter.number, "code": "WRONG123"})
    response = client.post(LOOKUP, {"number": letter.number, "code": code})  # even the right code now
    assert response.status_code == 429
    assert "查询过于频繁" in response.content.decode()


def _fixture_letter(unit, received, kind, status, replied=None):
    at = timezone.make_aware(datetime.combine(received, datetime.min.time()).replace(hour=10))
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=at):
        letter, _ = make_letter(unit, kind=kind)
    Letter.objects.filter(pk=letter.pk).update(
        status=status, reply_unit=unit if replied else None,
        replied_at=timezone.make_aware(datetime.combine(replied, datetime.min.time()).replace(hour=15))
        if replied else None,
    )
    return Letter.objects.get(pk=letter.pk)


@pytest.fixture
def stats_fixture():
    hr, housing = ResponsibleUnitFactory(name="市人社局"), ResponsibleUnitFactory(name="市住建局")
    a = _fixture_letter(hr, date(2026, 10, 12), "consult", "answered", date(2026, 10, 14))
    b = _fixture_letter(housing, date(2026, 10, 20), "complaint", "closed", date(2026, 11, 12))
    _fixture_letter(hr, date(2026, 11, 3), "consult", "pending")
    _fixture_letter(None, date(2026, 11, 4), "other", "rejected")
    assert a.due_date == date(2026, 10, 19) and b.due_date == date(2026, 11, 10)
    return hr, housing


def test_statistics_on_a_fixture(stats_fixture):
    stats = letter_statistics()
    assert stats["months"] == [
        {"key": "2026-11", "received": 2, "answered": 0, "average_days": None, "on_time_rate": None},
        {"key": "2026-10", "received": 2, "answered": 2, "average_days": 9.5, "on_time_rate": 50.0},
    ]
    assert stats["units"] == [
        {"key": "", "received": 1, "answered": 0, "average_days": None, "on_time_rate": None},
        {"key": "市人社局", "received": 2, "answered": 1, "average_days": 2.0, "on_time_rate": 100.0},
        {"key": "市住建局", "received": 1, "answered": 1, "average_days": 17.0, "on_time_rate": 0.0},
    ]
    assert stats["total"]["received"] == 4 and stats["total"]["answered"] == 2
    assert letter_statistics(year=2025)["total"]["received"] == 0


def test_statistics_page(client, stats_fixture):
    html = client.get("/interaction/letters/statistics/").content.decode()
    assert "2026-10" in html and "9.5" in html and "50.0%" in html and "市住建局" in html
    assert "共收到来信 4 件，已答复 2 件。" in html


def test_benchmark_command_prints_figures_and_leaves_nothing_behind():
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("benchmark_services", letters=30, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and all("status=200" in line and "ms=" in line for line in lines)
    assert Letter.objects.count() == 0


def test_personal_numbers_written_into_a_letter_are_masked_wherever_it_is_published(client, unit):
    # A citizen who agrees to publication may still have typed their numbers into the letter.
    id_card, mobile, bank = "440102199001011234", "13912345678", "6222 0212 3456 7890 123"
    letter, _ = answered_letter(
        unit,
        subject=f"手机{mobile}的社保问题",
        content=f"我的身份证号{id_card}，银行卡{bank}，邮箱 li.si@example.com，请回电。",
    )
    letter.reply = f"已联系您（{mobile}），请带身份证到窗口。"
    letter.save()
    for name, response in public_pages(client, letter).items():
        body = response.content.decode("utf-8")
        for secret in (id_card, mobile, bank, "li.si@example.com"):
            assert secret not in body, (name, secret)
    detail = client.get(f"{LIST}{letter.number}/").content.decode()
    assert "440*************34" in detail and "139******78" in detail and "li.************om" in detail
    assert "请带身份证到窗口" in detail  # the rest of the text is kept


def test_masking_leaves_ordinary_numbers_alone():
    from services.masking import mask_personal_data

    text = "2026年第3号，热线0753-12345，编号XJ2026102100001"
    assert mask_personal_data(text) == text
