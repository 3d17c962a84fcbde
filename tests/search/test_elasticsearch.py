"""The Elasticsearch path. Runs only against a real server at ELASTICSEARCH_URL."""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against "
        "(start one with the compose file and set ELASTICSEARCH_URL=http://localhost:9200).",
    ),
]


@pytest.fixture
def es_portal(portal, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.elasticsearch",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX": "portal-test",
            "INDEX_SETTINGS": {"settings": {"index": {"analysis": {"analyzer": {"default": {"type": "cjk"}}}}}},
        }
    }
    call_command("update_index", verbosity=0)
    get_search_backend().refresh_index()
    return portal


def titles(query):
    return {p.title for p in get_search_backend().search(query, Page.objects.live())}


def test_cjk_analyzer_segments_chinese(es_portal):
    assert titles("信息公开") == {"中华人民共和国政府信息公开条例"}


def test_traditional_query_finds_simplified_content(es_portal):
    from search.normalize import fold

    assert titles(fold("政府信息公開條例")) == {"中华人民共和国政府信息公开条例"}


def test_and_operator_is_the_default(es_portal):
    assert titles("教育 食品") == set()


def test_search_page_works_on_elasticsearch(es_portal, client):
    data = client.get("/api/search/", {"q": "信息公开"}).json()
    assert [r["title"] for r in data["results"]] == ["中华人民共和国政府信息公开条例"]
