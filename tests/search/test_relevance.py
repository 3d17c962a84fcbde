"""Ranking and query rules that the evaluation set measured (search/README.md, Relevance)."""

import pytest

from search import normalize, service, vocabulary
from search.models import SynonymGroup
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def titles(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    return [r["title"] for r in response.json()["results"]]


def test_a_title_sharing_one_token_is_not_a_title_match(client, portal):
    # 社会保险法 shares 保险 with 养老保险; the text about 养老保险 must come first.
    ArticlePageFactory(parent=portal["news"], title="社会保险法第三条", slug="si",
                       summary="社会保险制度坚持广覆盖，养老保险另行规定。")
    ArticlePageFactory(parent=portal["news"], title="第十条", slug="pension",
                       summary="职工应当参加基本养老保险，基本养老保险费由用人单位和职工共同缴纳，养老保险待遇按月领取。")
    assert titles(client, q="养老保险") == ["第十条", "社会保险法第三条"]


def test_title_match_counts_whole_words_and_pinyin():
    wanted = service._wanted(["养老保险 缴费"])
    assert service._title_match("社会保险法", wanted) == 0
    assert service._title_match("养老保险缴费办法", wanted) == 1
    assert service._title_match("养老保险待遇", wanted) == 0.5
    assert service._title_match("政府信息公开条例", service._wanted(["xxgk"])) == 1


def test_scores_within_ten_per_cent_share_a_band():
    bands = service._score_bands({1: 10.0, 2: 9.5, 3: 8.0, 4: 7.5, 5: 2.0})
    assert bands[1] == bands[2] > bands[3] == bands[4] > bands[5]


def test_several_words_fall_back_to_all_words_but_one(client, portal):
    # Citizens' words are not always the text's: nothing says 辞退, but 经济补偿 is the answer.
    ArticlePageFactory(parent=portal["news"], title="劳动合同法第四十六条", slug="severance",
                       summary="有下列情形之一的，用人单位应当向劳动者支付经济补偿。")
    data = service.run(service.parse({"q": "辞退 经济补偿"}, "zh-hans"), record_hit=False)
    assert [r["title"] for r in data.results] == ["劳动合同法第四十六条"]
    assert data.complete_count == 0
    assert service.relaxed_query("经济补偿") is None  # one word: nothing to leave out


def test_complete_matches_come_before_partial_ones(client, portal):
    ArticlePageFactory(parent=portal["news"], title="食品召回管理", slug="partial", summary="食品召回。")
    ArticlePageFactory(parent=portal["news"], title="召回制度", slug="complete", summary="食品生产者应当召回，并向社会公告。")
    assert titles(client, q="召回 公告")[:2] == ["召回制度", "食品召回管理"]


def test_typo_in_a_word_only_bodies_use_is_corrected_by_sound(client, portal):
    # 试用期 is in no title; 其 sounds like 期 and 试用期 is a word of the dictionary.
    ArticlePageFactory(parent=portal["news"], title="劳动合同的订立", slug="probation",
                       summary="劳动合同期限三个月以上不满一年的，试用期不得超过一个月。")
    ArticlePageFactory(parent=portal["news"], title="其他事项", slug="other", summary="试用设备的其他事项。")
    response = client.get("/api/search/", {"q": "试用其"}).json()
    # A lone character is held to its neighbour (用其), so 试用……其 is no match, and the
    # corrected query's results are shown.
    assert response["suggestion"] == response["corrected_query"] == "试用期"
    assert [r["title"] for r in response["results"]] == ["劳动合同的订立"]
    assert vocabulary.suggest("经济补尝") == "经济补偿"


def test_hybrid_query_holds_a_lone_character_to_its_neighbour(settings):
    settings.PORTAL_SEARCH_SEGMENTER = "hybrid"
    assert normalize.query_tree("试用其") == ("试用", "用其")
    assert normalize.query_tree("食品安全法") == ("食品", "安全", "全法")
    assert normalize.query_tree("社保") == "社保" and normalize.query_tree("信") == "信"


def test_homophone_fix_is_preferred_among_fixes_the_titles_know(portal):
    ArticlePageFactory(parent=portal["news"], title="城市居民最低生活保障条例", slug="dibao")
    ArticlePageFactory(parent=portal["news"], title="社会保险法", slug="si1")
    ArticlePageFactory(parent=portal["news"], title="工伤保险条例", slug="si2")
    # 保险 is the more frequent title bigram, but 章 sounds like 障 (zhang).
    assert vocabulary.suggest("最低生活保章") == "最低生活保障"


def test_a_correct_dictionary_word_is_not_corrected(portal):
    assert vocabulary.suggest("试用期") is None
    assert vocabulary.suggest("无固定期限劳动合同") is None


def test_pinyin_of_a_synonym_term_finds_its_synonyms(client, portal):
    SynonymGroup.objects.create(terms="社保\n社会保险")
    assert "社保" in vocabulary.expand("shebao")
    assert titles(client, q="shebao") == ["社会保险费征缴工作进展顺利"]
    assert normalize.query_tree("shebao") is not None


def test_full_pinyin_finds_words_only_bodies_use(client, portal):
    # The index has pinyin for titles only; chanjia is typed as an input method would offer it.
    ArticlePageFactory(parent=portal["news"], title="女职工劳动保护特别规定", slug="leave",
                       summary="女职工生育享受98天产假，其中产前可以休假15天。")
    assert titles(client, q="chanjia") == ["女职工劳动保护特别规定"]
    assert titles(client, q="tianshu") == []  # 天数 is in no text


def test_pinyin_is_read_as_the_words_an_input_method_offers(portal):
    # Jieba's frequencies are from general text (缠夹 before 产假): the first few are tried.
    assert "产假" in vocabulary.pinyin_words("chanjia")
    assert vocabulary.pinyin_words("xingzhengfuyi")[0] == "行政复议"
    assert vocabulary.pinyin_words("weiyuejin") == ["违约金"]
    assert len(vocabulary.pinyin_words("jiaotongshigu")) == len(set(vocabulary.pinyin_words("jiaotongshigu")))
    assert vocabulary.pinyin_words("safety") == vocabulary.pinyin_words("xxgk") == []
    assert vocabulary.pinyin_words("x" * 100) == []


def test_english_stop_words_are_left_out_but_pinyin_is_kept(client, portal):
    SynonymGroup.objects.create(terms="inheritance、继承")
    ArticlePageFactory(parent=portal["news"], title="法定继承的顺序", slug="inheritance",
                       summary="遗产按照下列顺序继承：第一顺序：配偶、子女、父母。")
    assert titles(client, q="the inheritance") == ["法定继承的顺序"]  # "the" need not match
    assert titles(client, q="the") == []  # only stop words: searched as typed, nothing found
    assert vocabulary.expand("an quan") == ["an quan"]  # 安全 typed as pinyin: "an" is no stop word here


def test_a_typo_that_makes_a_rare_word_is_corrected_to_the_frequent_one(portal):
    # 注消 is in jieba's dictionary (3), so it is no character outside words; 注销 (80) sounds the same.
    ArticlePageFactory(parent=portal["news"], title="户口登记条例", slug="hukou", summary="死亡的，应当注销户口。")
    assert vocabulary.suggest("注消户口") == "注销户口"
    assert vocabulary.suggest("行政复议") is None  # 复议 is the word meant: 府议 is no word
