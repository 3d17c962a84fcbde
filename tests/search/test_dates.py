"""PageDate: the date each page shows, kept in a narrow table that search sorts on."""

import datetime

import pytest
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from search.dates import shown_dates
from search.models import PageDate
from tests.factories import BASE_TIME, ArticlePageFactory, PolicyDocumentPageFactory
from tests.search.factories import complete_titles

DAY = datetime.timedelta(days=1)


def shown(page):
    return PageDate.objects.get(page=page).shown_at


@pytest.mark.django_db
def test_every_page_gets_its_date_when_published(portal):
    assert PageDate.objects.count() == Page.objects.count()
    assert shown(portal["education"]) == portal["education"].publish_time
    assert shown(portal["regulation"]) == portal["regulation"].publish_time
    news = portal["news"]
    news.refresh_from_db()
    assert shown(news) == news.first_published_at  # a column has no 发布时间 of its own


@pytest.mark.django_db
def test_a_changed_publish_time_is_followed_on_publish(portal):
    page = portal["food"]
    page.publish_time = BASE_TIME - 30 * DAY
    page.save_revision().publish()
    assert shown(page) == BASE_TIME - 30 * DAY
    page.publish_time = BASE_TIME - 40 * DAY
    page.save()  # saved directly, not through a revision
    assert shown(page) == BASE_TIME - 40 * DAY


@pytest.mark.django_db
def test_a_draft_does_not_change_the_date_shown(portal):
    page = portal["food"]
    before = shown(page)
    page.publish_time = BASE_TIME - 90 * DAY
    page.save_revision()
    assert shown(page) == before


def api(client, **params):
    return client.get("/api/search/", params).json()


@pytest.mark.django_db
def test_search_sorts_on_and_shows_the_stored_date(client, portal):
    old = ArticlePageFactory(parent=portal["news"], title="防汛通知", slug="old", publish_time=BASE_TIME - 300 * DAY)
    new = ArticlePageFactory(parent=portal["news"], title="防汛通知", slug="new", publish_time=BASE_TIME)
    assert [r["url"] for r in api(client, q="防汛通知")["results"]] == [new.url, old.url]
    # The table is what search reads: moved there (bypassing the signals), the order follows.
    PageDate.objects.filter(page=old).update(shown_at=BASE_TIME + DAY)
    results = api(client, q="防汛通知")["results"]
    assert [r["url"] for r in results] == [old.url, new.url]
    assert results[0]["date"] == (BASE_TIME + DAY).astimezone().date().isoformat()
    day = (BASE_TIME + DAY).astimezone().date().isoformat()
    assert [r["url"] for r in api(client, q="防汛通知", date_from=day, date_to=day)["results"]] == [old.url]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_dates_of_existing_pages(portal):
    doc = PolicyDocumentPageFactory(parent=portal["policy"], title="旧文件", slug="old-doc",
                                    publish_time=BASE_TIME - 2000 * DAY)
    expected = dict(shown_dates(Page.objects.all()).values_list("pk", "shown_at"))
    executor = MigrationExecutor(connection)
    executor.migrate([("portal_search", "0002_indexentry_combined_vector_index")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert dict(PageDate.objects.values_list("page_id", "shown_at")) == expected
    assert len(expected) == Page.objects.count()
    assert expected[doc.pk] == BASE_TIME - 2000 * DAY


@pytest.mark.django_db
def test_a_page_loaded_from_a_fixture_gets_its_date_and_is_found(client, portal):
    # Search joins every page to its date row, so a page without one would not be listed.
    page = portal["education"]
    fixture = serializers.serialize("json", [Page.objects.get(pk=page.pk), page])
    PageDate.objects.filter(page=page).delete()
    for loaded in serializers.deserialize("json", fixture):
        loaded.save()  # as loaddata does: save_base(raw=True)
    assert shown(page) == page.publish_time
    data = client.get("/api/search/", {"q": "教育工作会议"}).json()
    assert complete_titles(data) == [page.title]
