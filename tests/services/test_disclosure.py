"""依申请公开: the form, its tracking number, the 20+20 working-day deadline, the shared inbox."""

from datetime import datetime
from unittest import mock

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from services.models import DisclosureRequest
from services.workdays import add_working_days
from tests.factories import ResponsibleUnitFactory

from .factories import make_disclosure, staff_user

pytestmark = pytest.mark.django_db

URL = "/interaction/disclosure/apply/"


def form_data(client, **overrides):
    client.get(URL)
    data = {"applicant_type": "citizen", "name": "李四", "id_type": "id_card",
            "id_number": "44140019900101123x",
            "phone": "0753-2181234", "email": "li@example.com", "address": "梅州市梅江区", "unit": "",
            "description": "2025年道路维修项目招标文件", "document_number": "梅市交〔2025〕3号", "purpose": "",
            "medium": "electronic", "delivery": "email",
            "captcha": str(client.session["services_captcha_disclosure"]), "website": ""}
    data.update(overrides)
    return data


def test_application_is_stored_with_its_own_number_and_deadline(client):
    response = client.post(URL, form_data(client))
    assert response.status_code == 302
    obj = DisclosureRequest.objects.get()
    assert obj.number.startswith("YSQ") and obj.id_number == "44140019900101123X"
    assert obj.phone == "07532181234"
    assert obj.due_date == add_working_days(timezone.localdate(obj.received_at), 20)
    sent = client.get(response["Location"])
    html = sent.content.decode()
    assert obj.number in html and sent.context["confirmation"]["code"] in html


def test_delivery_choice_requires_its_contact(client):
    response = client.post(URL, form_data(client, delivery="post", address="", email=""))
    assert response.status_code == 400
    assert response.context["form"].errors["address"] == ["选择邮寄时，请填写通信地址。"]
    response = client.post(URL, form_data(client, delivery="email", email=""))
    assert response.context["form"].errors["email"] == ["选择电子邮件获取时，请填写电子邮箱。"]
    assert DisclosureRequest.objects.count() == 0


def test_script_in_every_field_never_runs(client):
    script = "<script>alert(1)</script>"
    data = form_data(client, name=script, address=script, description=script, document_number=script,
                     purpose=script, id_number=script)
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400 and "id_number" in response.context["form"].errors
    assert script not in html
    response = client.post(URL, form_data(client, name=script, address=script, description=script,
                                          document_number=script, purpose=script))
    assert response.status_code == 302
    obj = DisclosureRequest.objects.get()
    officer = staff_user(all_units=True)
    client.force_login(officer)
    admin_html = client.get(f"/admin/services/disclosure/{obj.pk}/").content.decode()
    assert script not in admin_html and "&lt;script&gt;" in admin_html


def test_deadline_can_be_extended_once_by_20_working_days(client):
    unit = ResponsibleUnitFactory(name="市交通运输局")
    received = timezone.make_aware(datetime(2026, 11, 2, 9, 0))
    with mock.patch("django.utils.timezone.now", return_value=received):
        obj, code = make_disclosure(unit)
    first_due = obj.due_date
    client.force_login(staff_user(unit))
    url = f"/admin/services/disclosure/{obj.pk}/"
    client.post(url, {"action": "accept"})
    client.post(url, {"action": "extend", "reason": ""})
    assert DisclosureRequest.objects.get(pk=obj.pk).due_date == first_due  # a reason is required
    client.post(url, {"action": "extend", "reason": "需要征求第三方意见"})
    obj.refresh_from_db()
    assert obj.extended and obj.due_date == add_working_days(first_due, 20)
    response = client.post(url, {"action": "extend", "reason": "再次延期"})
    assert response.status_code == 200  # refused: the action is no longer offered
    obj.refresh_from_db()
    assert obj.due_date == add_working_days(first_due, 20)
    assert ModelLogEntry.objects.filter(action="services.extend", object_id=str(obj.pk)).count() == 1
    client.post(url, {"action": "reply", "reply": "所申请信息已通过电子邮件提供。"})
    client.logout()
    lookup = client.post("/interaction/disclosure/lookup/", {"number": obj.number, "code": code})
    html = lookup.content.decode()
    assert "已答复" in html and "所申请信息已通过电子邮件提供。" in html
    assert obj.id_number not in html and obj.name not in html and obj.phone not in html


def test_disclosure_inbox_is_per_unit(client):
    a, b = ResponsibleUnitFactory(name="甲局"), ResponsibleUnitFactory(name="乙局")
    mine, _ = make_disclosure(a)
    theirs, _ = make_disclosure(b)
    client.force_login(staff_user(a))
    html = client.get("/admin/services/disclosure/").content.decode()
    assert mine.number in html and theirs.number not in html
    assert client.get(f"/admin/services/disclosure/{theirs.pk}/").status_code == 404
