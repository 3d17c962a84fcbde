"""The whole journey as a new user would take it: write, look up, staff handle, read the reply."""

import re

import pytest
from django.test import Client

from services.models import Letter
from tests.factories import ResponsibleUnitFactory

from .factories import staff_user

pytestmark = pytest.mark.django_db


def answer(html):
    a, b = re.search(r"验证问题：(\d) 加 (\d) 等于多少", html).groups()
    return str(int(a) + int(b))


def test_citizen_writes_staff_answers_citizen_reads():
    unit = ResponsibleUnitFactory(name="梅州市交通运输局")
    citizen, staff = Client(), Client()

    # 1. the citizen finds the form, answers the question as printed, sends the letter
    form_page = citizen.get("/interaction/letters/write/").content.decode()
    response = citizen.post("/interaction/letters/write/", {
        "kind": "suggestion", "unit": str(unit.pk), "subject": "建议增加夜班公交", "content": "晚上九点后公交很少。",
        "name": "周杰", "phone": "13600136000", "email": "", "publish_consent": "on",
        "captcha": answer(form_page), "website": "",
    }, follow=True)
    page = response.content.decode()
    number = re.search(r"<strong>(XJ\d+)</strong>", page).group(1)
    code = re.search(r"查询码</dt><dd><strong>([A-Z0-9]{8})</strong>", page).group(1)

    # 2. looks it up: waiting for acceptance
    lookup = citizen.post("/interaction/letters/lookup/", {"number": number, "code": code}).content.decode()
    assert "待受理" in lookup

    # 3. the unit's officer handles it in the admin
    staff.force_login(staff_user(unit))
    inbox = staff.get("/admin/services/letters/").content.decode()
    pk = Letter.objects.get(number=number).pk
    assert f'href="/admin/services/letters/{pk}/"' in inbox
    for step in ({"action": "accept"}, {"action": "start"},
                 {"action": "reply", "reply": "已优化线路，晚间增开两班。", "published": "on"}):
        assert staff.post(f"/admin/services/letters/{pk}/", step).status_code == 302

    # 4. the citizen sees the answer in the look-up and in the public list, name masked
    lookup = citizen.post("/interaction/letters/lookup/", {"number": number, "code": code}).content.decode()
    assert "已答复" in lookup and "已优化线路，晚间增开两班。" in lookup
    listing = citizen.get("/interaction/letters/").content.decode()
    assert "建议增加夜班公交" in listing and "周*" in listing and "周杰" not in listing
    detail = citizen.get(f"/interaction/letters/{number}/").content.decode()
    assert "已优化线路，晚间增开两班。" in detail and "梅州市交通运输局" in detail and "13600136000" not in detail
