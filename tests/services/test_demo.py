"""The demo step: guides under 网上办事 → 办事指南, published letters, the 2026 calendar; idempotent."""

import io

import pytest
from django.core.management import call_command

from services.models import CalendarDay, Letter, ServiceGuidePage

pytestmark = pytest.mark.django_db


def test_demo_step_builds_content_once(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = (ServiceGuidePage.objects.count(), Letter.objects.count(), CalendarDay.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (ServiceGuidePage.objects.count(), Letter.objects.count(), CalendarDay.objects.count()) == counts
    zh_guides = ServiceGuidePage.objects.filter(locale__language_code="zh-hans")
    assert zh_guides.count() == 3 and all(g.get_parent().slug == "bszn" for g in zh_guides)
    assert counts[1] == 3 and counts[2] > 30
    listing = client.get("/interaction/letters/").content.decode()
    assert "社保卡丢失后如何补办？" in listing and "陈**" in listing and "陈家明" not in listing
    column = client.get(zh_guides.first().get_parent().url).content.decode()
    assert "社会保障卡补领" in column
    assert "缺少" in client.get("/wsbs/").content.decode()
