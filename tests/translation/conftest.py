"""A small zh-hans tree synchronised (as aliases) into zh-hant and en, as load_demo sets it up."""

import json

import pytest
from django.test import Client
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from tests.factories import ColumnPageFactory, PolicyDocumentPageFactory, UserFactory, ensure_locales

from .factories import make_home

INTRO = '<p>本栏目发布<b>政府信息公开</b>相关的<a href="https://www.gd.gov.cn/">软件</a>政策。</p>'
BODY = json.dumps(
    [
        {"type": "heading", "value": {"text": "信息公开指南", "level": "h2"}},
        {"type": "paragraph", "value": '<p>请登录<a href="https://www.meizhou.gov.cn/">网络</a>平台，<i>下载</i>软件。</p>'},
    ]
)


@pytest.fixture
def locales(db):
    return ensure_locales()


@pytest.fixture
def tree(locales):
    home = make_home()
    column = ColumnPageFactory(parent=home, title="政策文件", slug="zcwj", intro=INTRO)
    policy = PolicyDocumentPageFactory(
        parent=column, title="梅州市软件产业发展政策", slug="policy-1", summary="支持软件企业发展。", body=BODY
    )
    sync_all(locales)
    return {"home": home, "column": column, "policy": policy}


def sync_all(locales):
    source = locales["zh-hans"]
    for code in ("zh-hant", "en"):
        LocaleSynchronization.objects.get_or_create(locale=locales[code], defaults={"sync_from": source})
        synchronize_tree(source, locales[code])


@pytest.fixture
def admin_client(db):
    client = Client()
    user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    client.user = user
    return client


def locale(code):
    return Locale.objects.get(language_code=code)
