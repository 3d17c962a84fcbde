"""Candidate selection at scale: capped counts (any backend) and, on PostgreSQL, the title-first
candidate query of search/candidates.py (filters before the limit, newest title matches first)."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from modelsearch.query import Or, PlainText

from search import service
from tests.factories import ArticlePageFactory, BASE_TIME

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="search/candidates.py is the PostgreSQL backend's candidate query",
)


def days_ago(n):
    return BASE_TIME - datetime.timedelta(days=n)


@pytest.fixture
def flood(portal):
    """Four title matches (newest first: 0, 100, 200 and 2,000 days old) and a newer body-only match."""
    pages = {
        age: ArticlePageFactory(parent=portal["news"], title=f"防汛抢险通知（{age}）", slug=f"flood-{age}",
                                summary="各地做好准备。", publish_time=days_ago(age))
        for age in (0, 100, 200, 2000)
    }
    pages["body"] = ArticlePageFactory(
        parent=portal["news"], title="全市召开工作会议", slug="flood-body",
        summary="会议部署防汛抢险工作。", publish_time=BASE_TIME + datetime.timedelta(days=1),
    )
    return pages


def test_count_beyond_the_candidate_cap_is_a_lower_bound(client, flood, monkeypatch, settings):
    monkeypatch.setattr(service, "MAX_CANDIDATES", 3)
    settings.PORTAL_SEARCH_PAGE_SIZE = 3  # a full page: no partial matches are looked for
    data = client.get("/api/search/", {"q": "防汛抢险"}).json()
    assert data["count"] == 3 and data["count_capped"] is True
    html = client.get("/search/", {"q": "防汛抢险"}).content.decode()
    assert "找到 3 条以上与“防汛抢险”相关的结果" in html
    assert "(3+)" in html  # the facet count is a lower bound too


def test_count_below_the_cap_is_exact(client, flood):
    data = client.get("/api/search/", {"q": "防汛抢险"}).json()
    assert data["count"] == 5 and data["count_capped"] is False
    assert "找到 5 条与“防汛抢险”相关的结果" in client.get("/search/", {"q": "防汛抢险"}).content.decode()


@postgres_only
def test_newest_title_matches_are_the_candidates(client, flood, monkeypatch, settings):
    monkeypatch.setattr(service, "MAX_CANDIDATES", 3)
    settings.PORTAL_SEARCH_PAGE_SIZE = 3  # a full page: no partial matches are looked for
    titles = [r["title"] for r in client.get("/api/search/", {"q": "防汛抢险"}).json()["results"]]
    # The body-only page is newer, but title matches come first; the oldest title match is left out.
    assert titles == ["防汛抢险通知（0）", "防汛抢险通知（100）", "防汛抢险通知（200）"]


@postgres_only
def test_body_matches_fill_up_after_title_matches(client, flood):
    titles = [r["title"] for r in client.get("/api/search/", {"q": "防汛抢险"}).json()["results"]]
    assert titles[-1] == "全市召开工作会议" and len(titles) == 5


@postgres_only
def test_date_filter_applies_before_the_cap(client, flood, monkeypatch):
    monkeypatch.setattr(service, "MAX_CANDIDATES", 2)
    to = days_ago(1000).astimezone().date().isoformat()
    data = client.get("/api/search/", {"q": "防汛抢险", "date_to": to}).json()
    assert [r["title"] for r in data["results"]] == ["防汛抢险通知（2000）"]


@postgres_only
def test_raw_tsquery_of_service_queries():
    from search.backend import raw_tsquery

    assert raw_tsquery(PlainText("信息公开")) == "('信息' & '公开')"
    assert raw_tsquery(Or([PlainText("社保"), PlainText("社会保险")])) == "('社保' | ('社会' & '会保' & '保险'))"


@postgres_only
def test_the_walk_by_page_id_finds_what_the_hash_join_finds(flood, monkeypatch):
    # Up to WALK_LIMIT candidates the query carries the page id index's condition (migration
    # 0004); the candidates must be the same either way, for pages and for their order.
    from search import candidates

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'portal_search_entry_page_id'")
        assert "WHERE" in cursor.fetchone()[0]  # partial: an entry whose key is no number is never cast
    query = PlainText("防汛抢险")
    params = service.parse({"q": "防汛抢险"}, "zh-hans")
    walked = service._page_matches(query, params, 4)[0]
    monkeypatch.setattr(candidates, "WALK_LIMIT", 0)
    hashed = service._page_matches(query, params, 4)[0]
    assert [r["title"] for r in walked] == [r["title"] for r in hashed]
    assert [r["title"] for r in walked] == ["防汛抢险通知（0）", "防汛抢险通知（100）", "防汛抢险通知（200）",
                                            "防汛抢险通知（2000）"]


@postgres_only
def test_matches_any_looks_the_entries_up_before_the_pages(portal):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    draft = ArticlePageFactory(parent=portal["news"], title="围龙屋修缮", slug="draft", summary="围龙屋保护。")
    draft.unpublish()
    words = [PlainText("教育"), PlainText("薪俸"), PlainText("围龙屋"), PlainText("食品")]
    # 薪俸 is in no entry; only a draft says 围龙屋.
    assert backend.matches_any(words, Page.objects.live()) == [True, False, False, True]
    assert backend.matches_any(words, Page.objects.all()) == [True, False, True, True]
    assert backend.matches_any([], Page.objects.live()) == []
    # Entries of any model are looked up first; only a letter says 客家擂茶, which no page does.
    from tests.services.factories import make_letter

    letter, _code = make_letter(subject="客家擂茶的制作", content="客家擂茶。")
    assert backend.matches_any([PlainText("客家擂茶"), PlainText("教育")], Page.objects.all()) == [False, True]
    assert backend.matches_any([PlainText("客家擂茶")], type(letter).objects.all()) == [True]  # it is indexed


@postgres_only
def test_a_step_walks_the_pages_only_when_enough_entries_match(flood):
    # A walk ends early only once it has its limit; for fewer matches it would read every page.
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import F
    from wagtail.search.backends import get_search_backend

    from search import candidates
    from search.backend import raw_tsquery

    tsquery = SearchQuery(raw_tsquery(PlainText("防汛抢险")), search_type="raw", config=get_search_backend().config)
    assert candidates._matches_up_to(F("title"), tsquery, 4) == 4  # four titles say it
    assert candidates._matches_up_to(F("title"), tsquery, 5) == 4
    assert candidates._matches_up_to(candidates._title_and_body(), tsquery, 9) == 5  # and one body
    with connection.cursor() as cursor:  # the look-up's setting ends with it, inside the test's transaction too
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


@postgres_only
def test_a_step_that_no_entry_matches_reads_no_pages(flood):
    # Counted in the GIN index first: with none, the step's page query is not run at all (with a
    # long query PostgreSQL had read the whole index table to find nothing: 1.6 s at 100,000).
    from django.test.utils import CaptureQueriesContext

    params = service.parse({"q": "x"}, "zh-hans")
    for text, titles in (("防汛抢险", ["防汛抢险通知（0）"]), ("防汛抢险 地震", []), ("部署防汛", ["全市召开工作会议"])):
        with CaptureQueriesContext(connection) as statements:
            rows = service._page_matches(PlainText(text, operator="and"), params, 1)[0]
        assert [r["title"] for r in rows] == titles
        page_reads = [s["sql"] for s in statements if s["sql"].startswith('SELECT "wagtailcore_page"')]
        assert len(page_reads) == len(titles)  # one step read the pages, or none


@postgres_only
def test_a_candidate_with_some_of_the_boosts_words_scores_higher(portal):
    # 越级上访: the texts say 上一级, not 越级. SQLite's BM25 counts each word of the boost
    # (信访 越 级) that a text has; PostgreSQL doubled a score only for all of them.
    pages = {
        name: ArticlePageFactory(parent=portal["news"], title=f"信访事项的提出（{name}）", slug=f"petition-{name}",
                                 summary=f"信访人{middle}机关提出信访事项。")
        for name, middle in (("some", "向上一级"), ("none", "向有关的"), ("all", "越级向"))
    }
    params = service.parse({"q": "越级上访"}, "zh-hans")
    scores = service._matches(PlainText("信访"), params, boost=PlainText("信访 越 级"))[1]
    some, none, every = (scores[pages[name].pk] for name in ("some", "none", "all"))
    # One of the two words: a quarter more (the texts alone score a few per cent apart).
    assert some > none * 1.15 and every > some * 1.4


def test_weights_add_up_the_rarity_of_the_words_a_candidate_has():
    from search import candidates

    # Words: 老年 (common), 大学, 教育 (rare). Two candidates say 老年大学, one says 老年教育.
    weights = candidates._weights([(1, 1, 0), (1, 1, 0), (1, 0, 1)], [0.5, 1.0, 3.0])
    assert weights[0] == weights[1] < 1 < weights[2]
    assert sum(weights) == pytest.approx(3)
    # A candidate with more of the words weighs more (BM25 adds up its words).
    assert candidates._weights([(1, 0), (1, 1)], [1.0, 1.0]) == [pytest.approx(2 / 3), pytest.approx(4 / 3)]
    # Every candidate has every word (one variant's complete matches): ts_rank's order stays.
    assert candidates._weights([(1, 1), (1, 1)], [0.5, 3.0]) == [1.0, 1.0]
    # None of the words weighed (it matched words beyond them): no reason to put it last.
    assert candidates._weights([(1, 0), (0, 1), (0, 0)], [1.0, 3.0]) == [0.5, 1.5, 1.0]


@postgres_only
def test_a_text_that_says_the_words_often_and_together_scores_higher(portal):
    # ts_rank weighs how close the words stand, hardly how often: for 公积金 提取 the article that
    # says 提取 five times came after those that say it once. Cover density (ts_rank_cd) counts
    # each place where they stand together.
    often = ArticlePageFactory(
        parent=portal["news"], title="住房公积金的使用（一）", slug="hf-often",
        summary="职工有下列情形之一的，可以提取公积金：购买住房的，可以提取；离休、退休的，可以提取；"
                "出境定居的，可以提取；偿还购房贷款本息的，可以提取。",
    )
    once = ArticlePageFactory(
        parent=portal["news"], title="住房公积金的使用（二）", slug="hf-once",
        summary="管理中心应当为缴存公积金的职工建立账户，按月公布缴存情况，职工可以依法提取。",
    )
    params = service.parse({"q": "公积金 提取"}, "zh-hans")
    scores = service._matches(PlainText("公积金 提取"), params)[1]
    assert scores[often.pk] > scores[once.pk] * (1 + service.SCORE_TOLERANCE)  # a band above


@postgres_only
def test_a_candidate_with_the_rarer_words_of_the_query_scores_higher(portal, monkeypatch):
    from search import candidates

    # ts_rank weighs every word alike: 防汛, which four texts say, as much as 抗旱, which one says.
    common = [
        ArticlePageFactory(parent=portal["news"], title=f"工作通知（{n}）", slug=f"notice-{n}",
                           summary="各地做好防汛工作。")
        for n in (1, 2, 3, 4)
    ]
    rare = ArticlePageFactory(parent=portal["news"], title="工作通知（5）", slug="notice-5",
                              summary="各地做好抗旱工作。")
    query = Or([PlainText("防汛"), PlainText("抗旱")])
    params = service.parse({"q": "防汛 抗旱"}, "zh-hans")

    def ratio():
        scores = service._matches(query, params)[1]
        return scores[rare.pk] / scores[common[0].pk]

    weighed = ratio()
    monkeypatch.setattr(candidates, "_weights", lambda flags, rarity: [1.0] * len(flags))  # ts_rank alone
    alone = ratio()
    assert 0.8 < alone < 1.25 and weighed > alone * 1.5


@postgres_only
def test_a_word_rarity_is_counted_in_all_texts_and_kept_until_a_page_is_published(portal, monkeypatch):
    from wagtail.search.backends import get_search_backend

    from columns.models import ArticlePage
    from search import candidates
    from search.backend import raw_tsquery

    backend = get_search_backend()
    (word,) = set(candidates.LEXEME.findall(raw_tsquery(PlainText("抗旱"))))
    for n in (1, 2, 3):
        ArticlePageFactory(parent=portal["news"], title=f"工作通知（{n}）", slug=f"notice-{n}",
                           summary="各地做好抗旱工作。" if n == 1 else "各地做好防汛工作。")
    rare = backend._rarity_of([word])[word]
    # Saved (and indexed), not published: the count is remembered.
    page = portal["news"].add_child(instance=ArticlePage(title="抗旱工作会议", slug="drought", source="市水务局"))
    assert backend._rarity_of([word])[word] == rare
    page.save_revision().publish()
    common = backend._rarity_of([word])[word]
    assert 0 < common < rare  # counted again: two texts say it now

    monkeypatch.setattr(candidates, "DF_CAP", 1)
    page.save_revision().publish()
    assert backend._rarity_of([word])[word] > common  # counted up to the cap


def _title_lexemes(page):
    from django.contrib.postgres.fields import ArrayField
    from django.db.models import F, Func, TextField
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry")._default_manager.filter(object_id=str(page.pk))
    lexemes = Func(F("title"), function="tsvector_to_array", output_field=ArrayField(TextField()))
    return set(entries.annotate(lexemes=lexemes).values_list("lexemes", flat=True).get())


@postgres_only
def test_a_pages_title_entry_carries_the_year_of_its_date(flood):
    from search.candidates import year_token

    page = flood[2000]
    assert year_token(timezone.localtime(days_ago(2000)).year) in _title_lexemes(page)
    page.publish_time = BASE_TIME + datetime.timedelta(days=400)  # a date set ahead, next year
    page.save_revision().publish()
    lexemes = _title_lexemes(page)
    assert year_token(BASE_TIME.year + 1) in lexemes and year_token(days_ago(2000).year) not in lexemes
    assert {"防汛", "抢险"} <= lexemes  # the title's own words are all still there


@postgres_only
def test_the_years_walked_newest_first_find_what_one_look_up_finds(flood, monkeypatch):
    # Title matches from this year and from five years ago, and a newer body match: walked a few
    # years at a time, the candidates and their order are those of one look-up, for every limit.
    from search import candidates

    monkeypatch.setattr(candidates.timezone, "localdate", lambda: BASE_TIME.date())
    monkeypatch.setattr(candidates, "WALK_LIMIT", 0)  # the walk by years is for the first 500
    monkeypatch.setattr(candidates, "YEARS_FROM", 1)  # ... of a word many texts say
    query, params = PlainText("防汛抢险"), service.parse({"q": "防汛抢险"}, "zh-hans")
    for limit in range(1, 7):
        walked = [r["title"] for r in service._page_matches(query, params, limit)[0]]
        with monkeypatch.context() as m:
            m.setattr(service, "_years", lambda params: None)
            looked_up = [r["title"] for r in service._page_matches(query, params, limit)[0]]
        assert walked == looked_up, limit
    assert walked == ["防汛抢险通知（0）", "防汛抢险通知（100）", "防汛抢险通知（200）", "防汛抢险通知（2000）",
                      "全市召开工作会议"]


@postgres_only
def test_an_entry_without_its_year_is_found_after_the_years_walked(flood, monkeypatch):
    # An entry indexed before the year tokens existed is still found, in the last part (the rest),
    # and a walk that has its limit in this year's part reads no other part.
    from django.test.utils import CaptureQueriesContext
    from modelsearch.conf import get_app_config

    from search import candidates

    monkeypatch.setattr(candidates.timezone, "localdate", lambda: BASE_TIME.date())
    monkeypatch.setattr(candidates, "WALK_LIMIT", 0)
    monkeypatch.setattr(candidates, "YEARS_FROM", 1)
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET title = ts_delete(title, %s) WHERE object_id = %s",
                       [candidates.year_token(BASE_TIME.year), str(flood[100].pk)])
    query, params = PlainText("防汛抢险"), service.parse({"q": "防汛抢险"}, "zh-hans")
    assert [r["title"] for r in service._page_matches(query, params, 6)[0]] == [
        "防汛抢险通知（0）", "防汛抢险通知（200）", "防汛抢险通知（100）", "防汛抢险通知（2000）", "全市召开工作会议"]
    with CaptureQueriesContext(connection) as statements:
        rows = service._page_matches(query, params, 2)[0]
    assert [r["title"] for r in rows] == ["防汛抢险通知（0）", "防汛抢险通知（200）"]
    parts = [s["sql"] for s in statements if candidates.year_token(BASE_TIME.year) in s["sql"]]
    assert parts and not [sql for sql in parts if "!(" in sql]
    # A word fewer texts say than YEARS_FROM is looked up once: the parts would cost more.
    monkeypatch.setattr(candidates, "YEARS_FROM", 5)
    with CaptureQueriesContext(connection) as statements:
        rows = service._page_matches(query, params, 2)[0]
    assert [r["title"] for r in rows] == ["防汛抢险通知（0）", "防汛抢险通知（100）"]
    assert not [s for s in statements if candidates.YEAR_TOKEN_PREFIX in s["sql"]]


@postgres_only
def test_a_date_range_walks_only_its_own_years(flood, monkeypatch):
    from search import candidates

    monkeypatch.setattr(candidates.timezone, "localdate", lambda: BASE_TIME.date())
    monkeypatch.setattr(candidates, "WALK_LIMIT", 0)
    monkeypatch.setattr(candidates, "YEARS_FROM", 1)
    to = days_ago(1000).astimezone().date().isoformat()
    params = service.parse({"q": "防汛抢险", "date_to": to}, "zh-hans")
    assert service._years(params)[0] == days_ago(1000).year
    assert [r["title"] for r in service._page_matches(PlainText("防汛抢险"), params, 3)[0]] == ["防汛抢险通知（2000）"]


@postgres_only
def test_the_migration_gives_entries_indexed_before_their_year_token(flood):
    import importlib

    from django.apps import apps

    from search.candidates import year_token

    migration = importlib.import_module("search.migrations.0006_indexentry_year_tokens")
    with connection.schema_editor() as editor:
        migration.remove(apps, editor)
    assert not {lexeme for page in flood.values() for lexeme in _title_lexemes(page) if lexeme.startswith("szm0y")}
    with connection.schema_editor() as editor:
        migration.add(apps, editor)
        migration.add(apps, editor)  # once only: an entry that has its token keeps it as it is
    for page in flood.values():
        year = timezone.localtime(page.publish_time).year
        assert {lexeme for lexeme in _title_lexemes(page) if lexeme.startswith("szm0y")} == {year_token(year)}
