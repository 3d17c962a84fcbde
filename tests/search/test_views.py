"""The search page and GET /api/search/, driven through real requests."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SynonymGroup
from tests.factories import ArticlePageFactory, BASE_TIME
from tests.search.factories import complete_titles

pytestmark = pytest.mark.django_db


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    return response.json()


def api_titles(client, **params):
    return [r["title"] for r in api(client, **params)["results"]]


def test_page_shows_results_with_kind_column_date_and_marked_snippet(client, portal):
    response = client.get(reverse("search"), {"q": "信息公开"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "中华人民共和国政府信息公开条例" in html
    assert "政策文件" in html  # kind and column
    assert "<mark>" in html


def test_json_endpoint_equals_the_page(client, portal):
    for extra in ({}, {"sort": "date"}, {"kind": "info"}):
        params = {"q": "工作", **extra}
        data = api(client, **params)
        html = client.get("/search/", params).content.decode()
        links = re.findall(r'<h3><a href="([^"]+)">([^<]+)</a></h3>', html)
        assert links == [(r["url"], r["title"]) for r in data["results"]]
        assert data["count"] == len(data["results"]) > 0
        for result in data["results"]:
            assert result["snippet"] in html
            assert set(result) == {"title", "url", "kind", "column", "date", "snippet"}


def test_result_fields(client, portal):
    (result,) = api(client, q="信息公开")["results"]
    assert result["title"] == "中华人民共和国政府信息公开条例"
    assert result["url"] == portal["regulation"].url
    assert result["kind"] == "政策文件"
    assert result["column"] == "政策文件"
    assert result["date"] == portal["regulation"].publish_time.astimezone().date().isoformat()
    assert "<mark>信息公开</mark>" in result["snippet"] or "<mark>" in result["snippet"]


def test_snippet_escapes_html_before_marking(client, portal):
    ArticlePageFactory(
        parent=portal["news"], title="防汛通知", slug="flood",
        summary="<script>alert(1)</script> 防汛 & 抢险",
    )
    (result,) = api(client, q="防汛")["results"]
    assert "<script>" not in result["snippet"]
    assert "&lt;script&gt;" in result["snippet"]
    assert "<mark>防汛</mark>" in result["snippet"]
    assert "&amp;" in result["snippet"]


def test_kind_facets_count_and_filter(client, portal):
    data = api(client, q="工作")
    facets = {f["kind"]: f["count"] for f in data["facets"]}
    assert facets["info"] >= 1
    assert set(facets) == {"info", "policy", "service", "interaction"}
    assert all(r["kind"] == "政策文件" for r in api(client, q="政府", kind="policy")["results"])
    assert api_titles(client, q="信息公开", kind="info") == []


def test_column_filter(client, portal):
    assert api_titles(client, q="工作", column=portal["policy"].pk) == ["中华人民共和国政府信息公开条例"]
    assert "梅州市教育局召开全市教育工作会议" in api_titles(client, q="工作", column=portal["news"].pk)


def test_date_range_filter(client, portal):
    day = portal["food"].publish_time.astimezone().date()
    titles = api_titles(client, q="检查", date_from=day.isoformat(), date_to=day.isoformat())
    assert titles == ["我市开展食品安全专项检查"]
    later = (day + datetime.timedelta(days=1)).isoformat()
    assert api_titles(client, q="检查", date_from=later) == []


def test_bad_date_gets_a_message_not_an_error(client, portal):
    data = api(client, q="检查", date_from="2026-99-99")
    assert data["errors"] and data["count"] == 1


def test_title_matches_rank_above_body_matches(client, portal):
    ArticlePageFactory(parent=portal["news"], title="全市召开工作会议", slug="body-only",
                       summary="会议强调要做好防汛抢险工作。")
    ArticlePageFactory(parent=portal["news"], title="防汛抢险工作部署", slug="title-match",
                       summary="各地部署工作。", publish_time=BASE_TIME - datetime.timedelta(days=400))
    assert api_titles(client, q="防汛抢险") == ["防汛抢险工作部署", "全市召开工作会议"]


def test_recent_first_at_equal_relevance_and_sort_by_date(client, portal):
    old = ArticlePageFactory(parent=portal["news"], title="防汛通知", slug="old", summary="防汛",
                             publish_time=BASE_TIME - datetime.timedelta(days=300))
    new = ArticlePageFactory(parent=portal["news"], title="防汛通知", slug="new", summary="防汛",
                             publish_time=BASE_TIME)
    urls = [r["url"] for r in api(client, q="防汛通知")["results"]]
    assert urls == [new.url, old.url]
    dates = [r["date"] for r in api(client, q="工作", sort="date")["results"]]
    assert dates == sorted(dates, reverse=True)


def test_pagination(client, portal, settings):
    settings.PORTAL_SEARCH_PAGE_SIZE = 2
    for n in range(5):
        ArticlePageFactory(parent=portal["news"], title=f"防汛简报第{n}期", slug=f"flood-{n}")
    first, third = api(client, q="防汛简报"), api(client, q="防汛简报", page=3)
    assert first["count"] == 5 and first["num_pages"] == 3
    assert len(first["results"]) == 2 and len(third["results"]) == 1
    assert client.get("/search/", {"q": "防汛简报", "page": "abc"}).status_code == 200


def test_synonym_added_in_the_admin_takes_effect(admin_client, client, portal):
    # Not 社保: the search finds it spelt out in 社会保险 without a synonym (spelt_out.py).
    ArticlePageFactory(parent=portal["news"], title="信访工作条例", slug="petitions", summary="各级机关应当畅通信访渠道。")
    assert api_titles(client, q="上访") == []
    response = admin_client.post(
        reverse("wagtailsnippets_portal_search_synonymgroup:add"),
        {"terms": "上访、信访", "note": "常用说法"},
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.count() == 1
    assert api_titles(client, q="上访") == ["信访工作条例"]


def test_synonym_with_a_single_term_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_portal_search_synonymgroup:add"), {"terms": "社保", "note": ""}
    )
    assert response.status_code == 200
    assert SynonymGroup.objects.count() == 0


def test_a_group_for_english_queries_only_leaves_chinese_queries_alone(admin_client, client, portal):
    ArticlePageFactory(parent=portal["news"], title="劳动合同解除的经济补偿", slug="severance")
    ArticlePageFactory(parent=portal["news"], title="交通事故损害赔偿", slug="damages")
    response = admin_client.post(
        reverse("wagtailsnippets_portal_search_synonymgroup:add"),
        {"terms": "compensation、补偿、赔偿", "english_only": "on", "note": ""},
    )
    assert response.status_code == 302 and SynonymGroup.objects.get().english_only
    # English finds both renderings; 补偿 is not searched as 赔偿 (经济补偿 is no 经济赔偿).
    assert set(api_titles(client, q="compensation")) == {"劳动合同解除的经济补偿", "交通事故损害赔偿"}
    assert api_titles(client, q="补偿") == ["劳动合同解除的经济补偿"]


def test_a_group_for_english_queries_only_needs_english_and_chinese(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_portal_search_synonymgroup:add"),
        {"terms": "补偿、赔偿", "english_only": "on", "note": ""},
    )
    assert response.status_code == 200 and SynonymGroup.objects.count() == 0
    assert "只用于英文查询的词组要同时有英文词和中文词" in response.content.decode()


def test_english_synonym_for_a_chinese_concept(client, portal):
    SynonymGroup.objects.create(terms="food safety\n食品安全")
    assert api_titles(client, q="Food Safety") == ["我市开展食品安全专项检查"]


def test_typo_gets_a_did_you_mean_suggestion_and_its_results(client, portal):
    data = api(client, q="政府信息公开条列")
    assert data["suggestion"] == data["corrected_query"] == "政府信息公开条例"
    # Only that: the words of one phrase do not fill the page with any page that says 政府.
    assert [r["title"] for r in data["results"]] == ["中华人民共和国政府信息公开条例"]
    html = client.get("/search/", {"q": "政府信息公开条列"}).content.decode()
    assert "以下是“政府信息公开条例”的结果" in html


def test_few_results_get_a_suggestion_link_only(client, portal):
    ArticlePageFactory(parent=portal["news"], title="来信选登", slug="letter",
                       summary="有市民来信把政府信息公开条列为学习内容。")
    data = api(client, q="政府信息公开条列")
    assert complete_titles(data) == ["来信选登"]
    assert data["suggestion"] == "政府信息公开条例" and data["corrected_query"] is None
    assert "您是不是要找" in client.get("/search/", {"q": "政府信息公开条列"}).content.decode()


def test_no_suggestion_when_the_query_is_fine(client, portal):
    assert api(client, q="信息公开")["suggestion"] is None
    assert api(client, q="社保")["suggestion"] is None  # an abbreviation, not a typo for 社会


def test_locale_filter_defaults_to_the_visitors_locale_and_all_shows_every_locale(client, portal):
    from tests.factories import ensure_locales

    locales = ensure_locales()
    translated = portal["regulation"].copy_for_translation(locales["zh-hant"], copy_parents=True)
    translated.title = "中華人民共和國政府信息公開條例"
    translated.save_revision().publish()
    assert api_titles(client, q="信息公开") == ["中华人民共和国政府信息公开条例"]
    assert client.get("/zh-hant/api/search/", {"q": "信息公开"}).json()["results"][0]["title"] == (
        "中華人民共和國政府信息公開條例"
    )
    assert api_titles(client, q="信息公开", locale="zh-hant") == ["中華人民共和國政府信息公開條例"]
    assert sorted(api_titles(client, q="信息公开", locale="all")) == sorted(
        ["中华人民共和国政府信息公开条例", "中華人民共和國政府信息公開條例"]
    )


def test_alias_pages_are_not_duplicates(client, portal):
    from tests.factories import ensure_locales

    locales = ensure_locales()
    en_home = portal["home"].copy_for_translation(locales["en"], alias=True)
    en_policy = portal["policy"].copy_for_translation(locales["en"], alias=True)
    portal["regulation"].copy_for_translation(locales["en"], alias=True)
    assert en_home.alias_of_id and en_policy.alias_of_id
    # The English tree shows its alias (its own URL); "all locales" shows the original only once.
    (en_result,) = client.get("/en/api/search/", {"q": "信息公开"}).json()["results"]
    assert en_result["url"].startswith("/en/")
    assert api_titles(client, q="信息公开", locale="all") == ["中华人民共和国政府信息公开条例"]


def test_promotion_is_shown_as_best_bet(client, portal):
    query = Query.get("信息公开")
    SearchPromotion.objects.create(query=query, page=portal["education"], description="编辑推荐")
    data = api(client, q="信息公开")
    assert data["promotions"] == [
        {"title": portal["education"].title, "url": portal["education"].url, "description": "编辑推荐"}
    ]
    assert "编辑推荐" in client.get("/search/", {"q": "信息公开"}).content.decode()


def test_popular_queries_are_listed(client, portal):
    for _ in range(3):
        client.get("/search/", {"q": "教育"})
    for _ in range(2):
        client.get("/search/", {"q": "信息公开"})
        client.get("/search/", {"q": "没有结果的词语"})
    client.get("/search/", {"q": "透明度"})  # searched once: not yet "popular"
    html = client.get("/search/").content.decode()
    assert html.index(">教育</a>") < html.index(">信息公开</a>")
    assert ">透明度</a>" not in html and ">没有结果的词语</a>" not in html


def test_popular_queries_never_show_personal_data(client, portal):
    ArticlePageFactory(parent=portal["news"], title="联系电话13800138000", slug="phone")
    for _ in range(3):
        client.get("/search/", {"q": "13800138000"})
    assert "13800138000" not in client.get("/search/").content.decode()


def test_snippet_comes_from_the_text_that_matches(client, portal):
    (result,) = api(client, q="透明度")["results"]
    assert "<mark>透明度</mark>" in result["snippet"]
    ArticlePageFactory(parent=portal["news"], title="水库巡查", slug="reservoir", summary="摘要不提关键词。",
                       body=[("paragraph", "<p>正文里写着<b>山塘</b>巡查要求。</p>")])
    (result,) = api(client, q="山塘")["results"]
    assert "<mark>山塘</mark>" in result["snippet"] and "<b>" not in result["snippet"]


@pytest.mark.parametrize(
    "q",
    ["", " ", "!!!", "。，、？", "x" * 1000, "政" * 1000, "' OR 1=1; DROP TABLE wagtailcore_page; --",
     "<script>alert(1)</script>", '"unbalanced', "AND OR NOT", "*", "NEAR(a b)", "\x00"],
)
def test_bad_queries_get_a_normal_page(client, portal, q):
    for url in ("/search/", "/api/search/", "/en/search/"):
        response = client.get(url, {"q": q, "page": "-1", "column": "x", "sort": "evil", "kind": "<b>"})
        assert response.status_code == 200
    assert "<script>alert(1)</script>" not in client.get("/search/", {"q": q}).content.decode()


def test_service_guide_matching_the_query_is_a_direct_answer(client, portal, settings):
    # 办事指南 pages come from another app; any page model named in the mapping is a service guide.
    settings.PORTAL_SEARCH_KINDS = dict(settings.PORTAL_SEARCH_KINDS, service=("办事指南", ["columns.ArticlePage"]),
                                        info=("信息", []))
    data = api(client, q="食品安全专项检查")
    assert data["answer"]["title"] == "我市开展食品安全专项检查"
    assert data["answer"]["kind"] == "办事指南"
    assert "直接办理" in client.get("/search/", {"q": "食品安全专项检查"}).content.decode()
    assert api(client, q="信息公开")["answer"] is None


def test_page_is_translated(client, portal):
    html = client.get("/en/search/", {"q": "信息公开", "locale": "all"}).content.decode()
    assert "Site search" in html and "Policy documents" in html
    html = client.get("/zh-hant/search/", {"q": "信息公开", "locale": "all"}).content.decode()
    assert "搜索全部語言版本" in html and "政策文件" in html


def test_taiwan_wording_finds_mainland_wording(client, portal):
    assert complete_titles(api(client, q="政府資訊公開")) == ["中华人民共和国政府信息公开条例"]
