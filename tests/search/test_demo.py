"""The search demo step inside load_demo: idempotent, and its synonyms and best bet work."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import SearchPromotion

from search.models import SynonymGroup

pytestmark = pytest.mark.django_db


def test_load_demo_twice_adds_search_data_once(client):
    call_command("load_demo", stdout=StringIO())
    counts = SynonymGroup.objects.count(), SearchPromotion.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert (SynonymGroup.objects.count(), SearchPromotion.objects.count()) == counts
    assert counts[0] > 5 and counts[1] == 1
    data = client.get("/api/search/", {"q": "信息公开"}).json()
    assert data["promotions"][0]["title"] == "政府信息公开"
    assert data["count"] > 0
