"""The public letter form with good and bad input."""

import re

import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse
from wagtail.models import ModelLogEntry

from services.models import Letter
from tests.factories import ResponsibleUnitFactory

pytestmark = pytest.mark.django_db

URL = "/interaction/letters/write/"
SCRIPT = '<script>alert("x")</script>'


def captcha_answer(client):
    return str(client.session["services_captcha_letter"])


def good_data(client, **overrides):
    client.get(URL)
    data = {"kind": "consult", "unit": "", "subject": "咨询社保卡补办", "content": "请问社保卡丢失后如何补办？",
            "name": "王小明", "phone": "13800138000", "email": "wang@example.com", "publish_consent": "on",
            "captcha": captcha_answer(client), "website": ""}
    data.update(overrides)
    return data


def test_form_renders_labels_captcha_as_text_and_honeypot(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_subject">' in html
    assert "<legend>信件类型" in html
    question = response.context["form"].fields["captcha"].label
    assert "加" in question and question in html  # a text question, read by screen readers too
    assert 'class="hp"' in html and "请勿填写此项" in html
    assert "<script" not in html.split("<main", 1)[1]  # works without JavaScript


def test_good_letter_is_stored_with_number_and_hashed_query_code(client):
    unit = ResponsibleUnitFactory(name="梅州市人力资源和社会保障局")
    response = client.post(URL, good_data(client, unit=str(unit.pk)))
    assert response.status_code == 302 and response["Location"].endswith("/interaction/letters/sent/")
    letter = Letter.objects.get()
    assert letter.unit == unit and letter.status == "pending" and letter.publish_consent
    assert letter.number.startswith("XJ") and letter.submitter_ip == "127.0.0.1"
    sent = client.get(response["Location"])
    page = sent.content.decode()
    code = sent.context["confirmation"]["code"]
    assert letter.number in page and code in page
    # shown once: a reload does not show the code again
    assert client.get(response["Location"]).status_code == 302
    assert code not in letter.query_code_hash and check_password(code, letter.query_code_hash)
    assert ModelLogEntry.objects.filter(action="services.receive", object_id=str(letter.pk)).exists()


def test_not_sure_unit_is_accepted(client):
    response = client.post(URL, good_data(client, unit=""))
    assert response.status_code == 302
    assert Letter.objects.get().unit is None


def test_missing_fields_give_a_linked_error_summary_and_store_nothing(client):
    data = good_data(client, subject="", content="", name="", phone="")
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html
    for field in ("subject", "content", "name", "phone"):
        assert f'href="#id_{field}"' in html
        assert f'aria-describedby="id_{field}_errors"' in html or f'id_{field}_errors' in html
    assert 'aria-invalid="true"' in html
    assert "必需字段" in html  # Django's own message, translated
    assert Letter.objects.count() == 0
    # what was typed is kept
    assert 'value="wang@example.com"' in html


def test_overlong_text_is_refused(client):
    response = client.post(URL, good_data(client, subject="长" * 101, content="字" * 3001))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "subject" in errors and "content" in errors
    assert Letter.objects.count() == 0


def test_bad_phone_and_email(client):
    response = client.post(URL, good_data(client, phone="12345", email="not-an-email"))
    errors = response.context["form"].errors
    assert errors["phone"] == ["请填写正确的手机号码或固定电话号码。"]
    assert "email" in errors
    assert Letter.objects.count() == 0


def test_wrong_captcha_is_refused_and_a_new_question_is_asked(client):
    data = good_data(client)
    data["captcha"] = str(int(data["captcha"]) + 1)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert response.context["form"].errors["captcha"] == ["验证问题回答不正确，请回答新的问题。"]
    # a fresh question, shown in the label, whose answer is the one now expected
    html = response.content.decode()
    a, b = re.search(r'<label for="id_captcha">验证问题：(\d) 加 (\d) 等于多少', html).groups()
    assert int(a) + int(b) == client.session["services_captcha_letter"]
    assert '<a href="#id_captcha">验证问题：验证问题回答不正确' in html
    assert Letter.objects.count() == 0


def test_captcha_answer_cannot_be_replayed(client):
    data = good_data(client)
    assert client.post(URL, data).status_code == 302
    data["phone"] = "13900000000"
    response = client.post(URL, data)  # same answer again, no new GET
    assert response.status_code == 400
    assert Letter.objects.count() == 1


def test_honeypot_filled_is_refused(client):
    response = client.post(URL, good_data(client, website="http://spam.example"))
    assert response.status_code == 400
    assert Letter.objects.count() == 0


def test_script_in_every_field_is_stored_as_text_and_never_rendered(client):
    data = good_data(client, subject=SCRIPT, content=SCRIPT, name=SCRIPT[:50])
    response = client.post(URL, data)
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.subject == SCRIPT
    # Fields that cannot hold it refuse it; the rest is escaped on the way out.
    bad = client.post(URL, good_data(client, phone=SCRIPT, email=SCRIPT, kind=SCRIPT, unit=SCRIPT,
                                     subject=SCRIPT))
    html = bad.content.decode()
    assert bad.status_code == 400 and SCRIPT not in html and "&lt;script&gt;" in html
    assert Letter.objects.count() == 1


def test_flood_from_one_ip_is_limited_and_keeps_the_text(client, settings):
    settings.SERVICES_RATE_LIMITS = {**settings.SERVICES_RATE_LIMITS, "submit_ip": (3, 3600)}
    for _ in range(3):
        client.post(URL, good_data(client, subject=""))  # invalid posts count too
    response = client.post(URL, good_data(client, subject="第四次"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html and 'value="第四次"' in html
    assert Letter.objects.count() == 0
    # another address is not affected
    other = client.post(URL, good_data(client), REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_forged_forwarded_for_does_not_dodge_the_limit(client, settings):
    settings.SERVICES_RATE_LIMITS = {**settings.SERVICES_RATE_LIMITS, "submit_ip": (1, 3600)}
    client.post(URL, good_data(client, subject=""))
    response = client.post(URL, good_data(client), HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert response.status_code == 429


def test_phone_limit(client, settings):
    settings.SERVICES_RATE_LIMITS = {**settings.SERVICES_RATE_LIMITS, "submit_phone": (2, 86400)}
    for _ in range(2):
        assert client.post(URL, good_data(client)).status_code == 302
    response = client.post(URL, good_data(client))
    assert response.status_code == 429
    assert response.context["form"].errors["phone"] == ["该电话号码今天提交次数过多，请明天再试。"]
    assert Letter.objects.count() == 2


def test_sent_page_without_a_submission_goes_back_to_the_form(client):
    response = client.get(reverse("services:letter_sent"))
    assert response.status_code == 302 and response["Location"].endswith(URL)
