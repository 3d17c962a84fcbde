"""The Chinese-aware database backend, through Wagtail's own Page.objects.search()."""

import pytest
from wagtail.models import Page

from search import normalize
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def titles(query):
    return {p.title for p in Page.objects.live().search(query)}


def test_segmented_word_finds_longer_title(portal):
    # A run of Chinese is one token to PostgreSQL/SQLite: without segmentation this finds nothing.
    assert titles("信息公开") == {"中华人民共和国政府信息公开条例"}
    assert "梅州市教育局召开全市教育工作会议" in titles("教育")


def test_word_spanning_a_segment_boundary(portal):
    # jieba cuts 政府/信息/公开/条例; "府信" straddles the first cut and still matches.
    assert titles("府信") == {"中华人民共和国政府信息公开条例"}


def test_body_text_is_searched(portal):
    assert titles("透明度") == {"中华人民共和国政府信息公开条例"}


def test_all_words_must_match(portal):
    assert titles("教育 食品") == set()


def test_traditional_query_finds_simplified_content(portal):
    assert titles("政府信息公開條例") == {"中华人民共和国政府信息公开条例"}
    assert titles("食品安全專項檢查") == {"我市开展食品安全专项检查"}


def test_simplified_query_finds_traditional_content(portal):
    ArticlePageFactory(parent=portal["news"], title="梅州市舉辦客家文化節", slug="hakka")
    assert titles("客家文化节") == {"梅州市舉辦客家文化節"}


@pytest.mark.parametrize("query", ["xinxigongkai", "xinxi gongkai", "XinXi GongKai", "xxgk", "zfxxgk"])
def test_pinyin_and_initials_find_titles(portal, query):
    assert titles(query) == {"中华人民共和国政府信息公开条例"}


def test_initials_begin_no_syllable_with_i_u_or_v(portal):
    # A word with i, u or v is never initials: no initials alternative, whose bigrams most titles have.
    assert normalize._latin_word("social") == "social"
    assert isinstance(normalize._latin_word("xxgk"), normalize.Or)
    ArticlePageFactory(parent=portal["news"], title="安全生产月活动", slug="safety-month")
    assert titles("aqsc") == {"安全生产月活动"}  # a syllable without an initial (an) still counts


def test_full_width_and_case_are_folded(portal):
    ArticlePageFactory(parent=portal["news"], title="ＧＤＰ同比增长", slug="gdp")
    assert titles("gdp") == {"ＧＤＰ同比增长"}


@pytest.mark.parametrize("query", ["", "!!!", "，。、", "' OR 1=1 --", '"; DROP TABLE x; --', "<script>"])
def test_queries_without_words_do_not_fail(portal, query):
    # Whatever the query, the backend answers with a result list, never an SQL error.
    assert isinstance(list(Page.objects.live().search(query)), list)


def test_sql_in_query_is_only_text(portal):
    assert titles("教育' OR '1'='1") == set()


def test_query_tree_is_bounded():
    tree = normalize.query_tree("政" * 1000)
    assert len(tree) <= normalize.MAX_QUERY_TOKENS


def test_index_text_is_tokens():
    assert normalize.index_text("信息公开") == "信息 息公 公开 信 息 公 开"
    assert "xinxi" in normalize.index_text("信息公开", with_pinyin=True).split()


def test_unpublish_and_delete_keep_the_index_current(portal):
    page = portal["education"]
    assert page.title in titles("教育")
    page.unpublish()
    assert page.title not in titles("教育")
    page.get_latest_revision().publish()
    assert page.title in titles("教育")
    page.delete()
    from wagtail.search.models import IndexEntry

    assert not IndexEntry.objects.filter(object_id=str(page.pk)).exists()
    assert page.title not in titles("教育")


def test_publishing_an_edit_updates_the_index(portal):
    page = portal["food"]
    assert titles("环境保护") == set()
    page.title = "我市开展环境保护专项检查"
    page.save_revision().publish()
    assert titles("环境保护") == {"我市开展环境保护专项检查"}
    assert titles("食品安全") == set()


def test_draft_changes_are_not_searchable(portal):
    page = portal["food"]
    page.title = "草稿里的新标题环境保护"
    page.save_revision()  # not published
    assert titles("环境保护") == set()


def test_update_index_rebuilds_the_chinese_index(portal):
    from io import StringIO

    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    assert titles("信息公开") == set()
    call_command("update_index", stdout=StringIO())
    assert titles("信息公开") == {"中华人民共和国政府信息公开条例"}
    assert titles("xxgk") == {"中华人民共和国政府信息公开条例"}


def test_admin_page_search_understands_chinese(admin_client, portal):
    from django.urls import reverse

    for q in ("信息公开", "政府信息公開", "xxgk"):
        response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": q})
        assert response.status_code == 200
        assert "中华人民共和国政府信息公开条例" in response.content.decode()
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "教育"})
    assert "中华人民共和国政府信息公开条例" not in response.content.decode()


def _title_lengths():
    """{page pk: its title's length as the norms count it}, read from the index table: on
    PostgreSQL the title vector's lexemes without the year token, on SQLite the indexed title's
    characters (both as modelsearch's Length("title"))."""
    from django.db import connection

    from search.candidates import YEAR_TOKEN_PREFIX

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT object_id, (SELECT count(*) FROM unnest(title) AS t "
                           "WHERE t.lexeme NOT LIKE %s) FROM wagtailsearch_indexentry", [YEAR_TOKEN_PREFIX + "%"])
        else:
            cursor.execute("SELECT object_id, length(title) FROM wagtailsearch_indexentry")
        return {int(pk): length for pk, length in cursor.fetchall() if pk.isdigit()}


def _norm(page):
    from wagtail.search.models import IndexEntry

    return IndexEntry.objects.get(object_id=str(page.pk), content_type_id=page.content_type_id).title_norm


def test_title_norms_are_the_average_title_length_over_the_titles_own(portal):
    from io import StringIO

    from django.core.management import call_command

    call_command("update_index", stdout=StringIO())
    lengths = _title_lengths()
    average = sum(lengths.values()) / len(lengths)
    for key in ("regulation", "education", "insurance", "food"):
        assert _norm(portal[key]) == pytest.approx(average / lengths[portal[key].pk])


def _averaged(queries):
    return len([q for q in queries.captured_queries if "AVG(" in q["sql"].upper()])


def test_a_publish_sets_its_own_title_norm_with_the_remembered_average(portal, monkeypatch):
    # Computing the average reads every index entry (2.2 s at 100,000 documents): a publish uses
    # the one remembered, and writes no entry but its own.
    from io import StringIO

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search import backend

    # A small index is averaged on every publish (on a new site the first title would be the
    # average for an hour).
    with CaptureQueriesContext(connection) as queries:
        ArticlePageFactory(parent=portal["news"], title="梅州市召开防汛工作会议", slug="flood")
    assert _averaged(queries) >= 1  # each time the page is indexed
    assert cache.get(backend.TITLE_AVERAGE_KEY) is None
    monkeypatch.setattr(backend, "AVERAGE_REMEMBERED_FROM", 5)  # the portal has more index entries
    call_command("update_index", stdout=StringIO())
    lengths = _title_lengths()
    average = sum(lengths.values()) / len(lengths)
    norms_before = {pk: _norm(Page.objects.get(pk=pk).specific) for pk in lengths}
    with CaptureQueriesContext(connection) as queries:
        page = ArticlePageFactory(parent=portal["news"], title="关于公布梅州市第三批市级非物质文化遗产代表性项目名录的通知",
                                  slug="heritage")
    assert _averaged(queries) == 0
    assert _norm(page) == pytest.approx(average / _title_lengths()[page.pk])
    assert norms_before == {pk: _norm(Page.objects.get(pk=pk).specific) for pk in lengths}

    cache.delete(backend.TITLE_AVERAGE_KEY)  # as when the hour is over: computed again, once
    with CaptureQueriesContext(connection) as queries:
        later = ArticlePageFactory(parent=portal["news"], title="梅州市举办客家文化节", slug="hakka-festival")
    assert _averaged(queries) == 1
    lengths = _title_lengths()
    assert _norm(later) == pytest.approx(sum(lengths.values()) / len(lengths) / lengths[later.pk])
