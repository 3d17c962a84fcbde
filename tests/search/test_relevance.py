"""Ranking and query rules that the evaluation set measured (search/README.md, Relevance)."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from search import english, normalize, service, spelt_out, vocabulary
from search.models import SynonymGroup
from tests.factories import BASE_TIME, ArticlePageFactory
from tests.search.factories import complete_titles

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def search(q):
    """The outcome the search page would show for ``q`` (the service, without counting a hit)."""
    return service.run(service.parse({"q": q}, "zh-hans"), record_hit=False)


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
    assert complete_titles(client.get("/api/search/", {"q": "养老保险"}).json()) == ["第十条", "社会保险法第三条"]


def test_a_question_of_how_long_puts_a_text_stating_a_time_limit_first(client, portal):
    # The same text but for a time limit; the one without it is newer.
    eighth = ArticlePageFactory(parent=portal["news"], title="第八条", slug="dibao-8", publish_time=BASE_TIME,
                                summary="低保审批手续应当在三十日内办结。")
    ninth = ArticlePageFactory(parent=portal["news"], title="第九条", slug="dibao-9",
                               publish_time=BASE_TIME + datetime.timedelta(days=1),
                               summary="低保审批手续应当在规定时间办结。")
    api = client.get("/api/search/", {"q": "低保审批要多久"}).json()
    assert complete_titles(api)[:2] == ["第八条", "第九条"]
    # The question raises the engine's score of the text with the time limit against the other's.
    params, query = service.parse({"q": "低保审批要多久"}, "zh-hans"), service.search_query("低保审批")

    def ratio(boost):
        scores = service._matches(query, params, boost=boost)[1]
        return scores[eighth.pk] / scores[ninth.pk]

    assert service._time_limit_boost("低保审批", query) is None
    assert ratio(service._time_limit_boost("低保审批要多久", query)) > ratio(None) * 1.1


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
    data = search("辞退 经济补偿")
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
    assert complete_titles(response) == ["劳动合同的订立"]
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


def test_pinyin_typed_in_several_words_or_another_reading_finds_a_synonym_term(client, portal):
    # 调 reads diao and tiao; word by word an input method makes tiaogang 条钢 (调岗 is no
    # dictionary word). The editors' term, spelt across the words, is the portal's.
    SynonymGroup.objects.create(terms="调岗降薪、变更劳动合同约定的内容")
    ArticlePageFactory(parent=portal["news"], title="劳动合同的变更", slug="change",
                       summary="用人单位与劳动者协商一致，可以变更劳动合同约定的内容。")
    assert "调岗降薪" in vocabulary.expand("tiaogang jiangxin")
    assert "调岗降薪" in vocabulary.expand("tiaogangjiangxin")
    assert titles(client, q="tiaogang jiangxin") == ["劳动合同的变更"]
    # English words stay English, whatever their letters spell together.
    assert vocabulary._pinyin_term_spans("an quan", {"anquan": "安全"}, {"an": []}) == {}


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


def test_pinyin_reads_a_characters_other_readings_as_the_word_is_read(client, portal):
    # 重 is zhong first and chong in 重复; 行 is xing first and hang in 银行.
    ArticlePageFactory(parent=portal["news"], title="依申请公开的处理", slug="repeat",
                       summary="申请人重复申请公开相同政府信息的，行政机关可以不予重复处理。")
    assert vocabulary.pinyin_words("chongfu")[0] == "重复"
    assert vocabulary.pinyin_words("yinhang")[0] == "银行"
    # ... but only as the word is read: yinxing is no 银行, zhongfu no 重复.
    assert "银行" not in vocabulary.pinyin_words("yinxing")
    assert "重复" not in vocabulary.pinyin_words("zhongfu")
    assert titles(client, q="chongfu shenqing") == ["依申请公开的处理"]


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


def test_question_words_are_left_out(client, portal):
    # A text states the time limit (二十日内), never 多久; 要 and 多久 must not be required.
    ArticlePageFactory(parent=portal["news"], title="身份证申领办理时限", slug="idcard",
                       summary="公安机关应当自受理申领之日起二十日内发放居民身份证。")
    data = search("身份证申领 要 多久")
    assert [r["title"] for r in data.results] == ["身份证申领办理时限"]
    assert data.complete_count == 1  # a complete match: the question words were never required
    assert vocabulary.expand("养老金 交税吗") == ["养老金 交税"]
    assert vocabulary.expand("辞职 有补偿吗 谁负责") == ["辞职 补偿 负责"]  # a text says 支付经济补偿
    assert vocabulary.expand("有权") == ["有权"]  # a word of its own
    assert vocabulary.expand("怎么办") == ["怎么办"]  # nothing else to search for: kept as typed


def test_a_variant_made_by_one_synonym_group_is_read_by_the_groups_after_it(portal):
    # expand looks up only the groups that have a term in a variant; those of the variants it
    # makes on the way count too, in the groups' order, as when every group was tested.
    SynonymGroup.objects.create(terms="社保、社会保险")
    SynonymGroup.objects.create(terms="社会保险费、社保缴费")
    SynonymGroup.objects.create(terms="缓缴、暂缓缴纳")
    SynonymGroup.objects.create(terms="工伤、因工受伤")  # in no variant
    assert vocabulary.expand("社保费 缓缴") == [
        "社保费 缓缴", "社会保险费 缓缴", "社保缴费 缓缴", "社保费 暂缓缴纳", "社会保险费 暂缓缴纳", "社保缴费 暂缓缴纳",
    ]
    # English terms match whole words only: "safety" is not in "safetyx".
    SynonymGroup.objects.create(terms="food safety、食品安全")
    assert vocabulary._terms_in("food safety rules", vocabulary._synonyms()) == ["food safety"]
    assert vocabulary._terms_in("seafood safetyx", vocabulary._synonyms()) == []


def test_a_synonym_with_an_english_stop_word_in_it_still_applies(client, portal):
    SynonymGroup.objects.create(terms="hit and run、肇事逃逸")
    ArticlePageFactory(parent=portal["news"], title="交通肇事逃逸的处理", slug="hit-and-run",
                       summary="发生交通事故后逃逸的，由公安机关交通管理部门吊销机动车驾驶证。")
    assert titles(client, q="hit and run") == ["交通肇事逃逸的处理"]


def test_a_phrase_is_cut_into_its_words_when_it_fills_less_than_a_page(client, portal):
    # Nothing says 冷静期, but the text about 离婚 registration is the answer.
    ArticlePageFactory(parent=portal["news"], title="离婚登记", slug="divorce",
                       summary="自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以撤回申请。")
    data = search("离婚冷静期")
    assert [r["title"] for r in data.results] == ["离婚登记"]
    assert data.complete_count == 0
    # 信息公开 matches one text as typed; a text that says 公开 alone follows, as a partial match.
    ArticlePageFactory(parent=portal["news"], title="公开招聘公告", slug="jobs", summary="公开招聘工作人员。")
    data = search("信息公开")
    assert [r["title"] for r in data.results] == ["中华人民共和国政府信息公开条例", "公开招聘公告"]
    assert data.complete_count == 1


def test_two_words_are_left_out_after_one_and_rank_below(client, portal, monkeypatch):
    ArticlePageFactory(parent=portal["news"], title="劳动合同法第九条", slug="deposit",
                       summary="用人单位招用劳动者，不得要求劳动者提供担保或者收取押金。")
    ArticlePageFactory(parent=portal["news"], title="押金退还", slug="deposit-refund",
                       summary="入职时收取的押金应当退还。")
    ArticlePageFactory(parent=portal["news"], title="交通管理", slug="traffic", summary="交警指挥交通。")
    data = search("入职 交 押金")
    # 入职 + 押金 (all words but one) before 押金 alone (all but two); never 交 alone: one
    # character says nothing.
    assert [r["title"] for r in data.results] == ["押金退还", "劳动合同法第九条"]
    assert data.complete_count == 0
    monkeypatch.setattr(vocabulary, "in_texts", set)  # as if the texts said every word
    assert service.relaxed_query("办 身份证").query_string == "身份证"
    assert service.relaxed_query("公积金 提取", leave_out=2) is None  # two words: one is the least left


def test_partial_matches_are_marked_on_the_page_and_counted_in_the_json(client, portal):
    ArticlePageFactory(parent=portal["news"], title="经济补偿的支付", slug="severance",
                       summary="用人单位应当向劳动者支付经济补偿。")
    html = client.get("/search/", {"q": "辞退 经济补偿"}).content.decode()
    assert "没有同时包含全部搜索词的结果，以下结果只包含部分搜索词。" in html
    assert html.count('class="search-result-partial"') == 1
    data = client.get("/api/search/", {"q": "辞退 经济补偿"}).json()
    assert data["complete_count"] == 0 and data["count"] == 1
    html = client.get("/search/", {"q": "信息公开"}).content.decode()
    assert "search-result-partial" not in html and "search-partial-note" not in html


def test_the_first_correction_that_finds_something_is_shown(client, portal):
    # The titles know every bigram of 遗产的成 (遗产, 财产的, 费的成本), so it is the first
    # correction of 遗产继成; no text says it, so the search goes on to 遗产继承, which one does.
    ArticlePageFactory(parent=portal["news"], title="遗产管理人", slug="estate", summary="遗产继承从被继承人死亡时开始。")
    ArticlePageFactory(parent=portal["news"], title="夫妻共同财产的认定", slug="property", summary="夫妻共同所有。")
    ArticlePageFactory(parent=portal["news"], title="物业费的成本构成", slug="fees", summary="物业服务收费。")
    assert vocabulary.suggestions("遗产继成")[:2] == ["遗产的成", "遗产继承"]
    data = client.get("/api/search/", {"q": "遗产继成"}).json()
    assert data["corrected_query"] == "遗产继承"
    assert [r["title"] for r in data["results"]] == ["遗产管理人"]


def test_a_particle_is_no_typo(client, portal):
    # No title says 人的, yet 的 is typed on purpose: 老人民 or 老人员 corrected nothing.
    ArticlePageFactory(parent=portal["news"], title="老年人的权益", slug="elderly-land",
                       summary="老年人承包的田地，由其子女或者其他亲属代为耕种。")
    assert vocabulary.suggestions("老人的 耕重") == ["老人的 耕种"]
    data = client.get("/api/search/", {"q": "老人的 耕重"}).json()
    assert data["corrected_query"] == "老人的 耕种"
    assert [r["title"] for r in data["results"]] == ["老年人的权益"]


def test_a_two_character_typo_is_respelt_by_sound_but_abbreviations_stay(client, portal):
    ArticlePageFactory(parent=portal["news"], title="企业破产", slug="bankrupt", summary="企业倒闭的，应当支付经济补偿。")
    data = client.get("/api/search/", {"q": "企业 到闭"}).json()
    assert data["corrected_query"] == "企业 倒闭"
    assert [r["title"] for r in data["results"]] == ["企业破产"]
    assert vocabulary.suggestions("社保") == [] and vocabulary.suggestions("低保") == []


def test_english_without_a_synonym_is_read_with_the_dictionary(client, portal):
    ArticlePageFactory(parent=portal["news"], title="机动车乘车规定", slug="seat-belt",
                       summary="机动车行驶时，驾驶人、乘坐人员应当按规定使用安全带。")
    assert complete_titles(client.get("/api/search/", {"q": "seat belt"}).json()) == ["机动车乘车规定"]
    # Phrases first, plurals as their singular, words the dictionary lacks as typed.
    assert "安全带" in english.translations("seat belts", {})
    assert all(t.endswith(" qwzx") for t in english.translations("teacher qwzx", {}))
    assert english.translations("qwzx", {}) == []


def test_punctuation_at_an_english_word_is_left_out(client, portal):
    # "belt?" and "violation," were no English words: left untranslated, the Chinese failed.
    ArticlePageFactory(parent=portal["news"], title="机动车乘车规定", slug="seat-belt-question",
                       summary="机动车行驶时，驾驶人、乘坐人员应当按规定使用安全带。")
    assert complete_titles(client.get("/api/search/", {"q": "seat belt?"}).json()) == ["机动车乘车规定"]
    assert vocabulary.expand("my violation, which law (the old one?) applies") == vocabulary.expand(
        "my violation which law the old one applies")
    # Not inside a number, an apostrophe or a hyphen, nor in Chinese.
    assert vocabulary.expand("3.5% driver's on-the-spot")[0] == "3.5% driver's on-the-spot"
    assert vocabulary.expand("低保，怎么办？")[0] == "低保,怎么办?"


def test_english_in_another_form_a_hyphen_and_a_law_name():
    # The dictionary glosses renew, not renewal; on-the-spot as three words; a law is named X法.
    assert "更新" in english.translations("renewal", {})
    assert "扣除" in english.translations("deductions", {})
    assert any(t.startswith("当场 ") for t in english.translations("on-the-spot fine", {}))
    assert english.translations("环境保护 law", {}) == ["环境保护法"]
    assert english.translations("law", {})[0] != "法"  # alone it is a word of its own
    assert "监护人" in english.translations("guardianship", {})  # guardian
    # A stem that lost an e or doubled its consonant: fire before fir, stop, but add (not ad).
    assert list(english._forms("firing"))[:3] == ["firing", "fire", "fir"]
    assert "stop" in english._forms("stopping") and list(english._forms("added"))[1] == "add"
    # A form with fewer words than choices is followed by the next one's: environmental is
    # glossed 环保型 alone, which no law says; environment is 环境.
    assert english.translations("environmental", {})[:2] == ["环保型", "环境"]
    # Every word of a phrase in other forms, and glosses read without their stop words as a
    # query is: joining (the) army -> "to join the army" (参军).
    assert "参军" in vocabulary.expand("joining the army")


def test_a_spoken_questions_pronouns_and_auxiliaries_are_stop_words():
    assert vocabulary._without_stopwords("must the company tell me") == "company tell"
    assert vocabulary._without_stopwords("printed will") == "printed will"  # a will is a testament


def test_the_question_of_how_long_no_and_a_leading_will_are_left_out():
    # 悠久 (long ago), 不是 (no) and 遗嘱 (a will) are no answers: the texts state a number of days.
    assert vocabulary._without_stopwords("how long does it take to approve a report") == "approve report"
    assert vocabulary._without_stopwords("how much is the fee") == "fee"
    assert vocabulary._without_stopwords("a friend who has no license") == "friend license"
    # make is a light verb too (制作, to manufacture, was no answer)
    assert vocabulary._without_stopwords("will appealing make my penalty heavier") == "appealing penalty heavier"
    assert vocabulary._without_stopwords("i just got my card") == "got card"
    assert vocabulary._without_stopwords("printed will") == "printed will"  # still a testament


def test_an_irregular_past_form_is_read_as_its_verb():
    assert list(english._forms("got"))[:2] == ["get", "got"]
    assert english.translations("died", {})[0] == english.translations("die", {})[0]
    assert "发现" in english.translations("found", {}, in_texts=lambda words: {"发现", "创办"} & set(words))


def test_a_questions_light_verbs_are_left_out():
    question = "can a government office make me transfer my new technology to get a license"
    assert english.content_words(question.split()) == ["government", "office", "transfer", "technology", "license"]


def test_a_sense_marked_with_its_field_is_a_translation():
    # 合同 is glossed "(business) contract" and was left out: a contract was only 承包 or 患有.
    contract = [word for _place, word in english.glosses()["contract"]]
    assert "合同" in contract and "受托人" in [word for _place, word in english.glosses()["trustee"]]
    # Figurative senses, sounds and Taiwan's words are still no translations.
    assert english.senses()["一团漆黑"] == ["pitch black"]  # not "(fig.) to be completely in the dark"
    assert english.senses()["乒乓"] == ["clatter", "ping pong", "table tennis"]  # not "(onom.) rattle"
    assert english.senses()["三不五时"] == ["frequently"]  # not "(Tw) from time to time"
    # Nor a sense marked after its words: 母鸡 is a hen, its "don't know (humorous slang …)" no
    # translation (a question that began "I don't know which department" asked for 母鸡).
    assert english.senses()["母鸡"] == ["hen"]
    assert "母鸡" not in [word for _place, word in english.glosses().get("don't know", [])]


def test_a_gloss_with_a_marked_letter_is_kept_whole():
    # Gotō (后藤, a surname) was cut at the ō into "got".
    assert english._gloss_key("Gotō (Japanese surname)") == "goto"
    assert all("后藤" not in word for _place, word in english.glosses().get("got", []))


def test_a_dictionary_phrase_that_holds_an_english_term_is_read_whole(portal):
    SynonymGroup.objects.create(terms="punishment\n行政处罚", english_only=True)
    assert "体罚" in vocabulary.expand("corporal punishment")
    assert "行政处罚" in vocabulary.expand("punishment")


def test_an_english_term_is_replaced_by_its_chinese_terms_first(portal):
    SynonymGroup.objects.create(terms="license、licence、licenses、licences、permit、permits、licensed、许可证")
    variants = vocabulary.expand("license issued another province valid nationwide")
    assert any(v.startswith("许可证 ") for v in variants)


def test_an_english_word_with_an_apostrophe_is_read_with_the_dictionary():
    # driver's license is a gloss (驾驶证); "driver's" was once no word and left as typed.
    assert english.is_word("driver's") and not english.is_word("2026")
    assert any("驾驶证" in t.split() for t in english.translations("lend car driver's license", {}))


def test_english_beside_an_editors_term_is_translated_too(client, portal):
    # The term made "id card" Chinese; "fingerprint" beside it would otherwise match nothing.
    SynonymGroup.objects.create(terms="id card、身份证")
    ArticlePageFactory(parent=portal["news"], title="居民身份证法 总则", slug="id-card",
                       summary="公民申请领取居民身份证，应当登记指纹信息。")
    ArticlePageFactory(parent=portal["news"], title="居民身份证法 附则", slug="id-card-end",
                       summary="居民身份证的式样由国务院规定。")
    assert "指纹 身份证" in vocabulary.expand("fingerprint ID card")
    data = search("fingerprint ID card")
    assert data.complete_count == 1 and data.results[0]["title"] == "居民身份证法 总则"


def test_initials_of_a_word_only_bodies_use(client, portal):
    # No title says 职业病, so its initials are in no title's pinyin; the texts decide between
    # the dictionary's words with those initials (中译本 and 炸药包 are in none).
    ArticlePageFactory(parent=portal["news"], title="工伤认定", slug="injury",
                       summary="患职业病的，应当认定为工伤。")
    assert vocabulary.initials_words("zyb") == ["职业病"]
    assert titles(client, q="zyb") == ["工伤认定"]
    assert vocabulary.initials_words("bus") == []  # a vowel: English or pinyin, not initials


def test_an_english_word_beside_english_is_not_read_as_pinyin():
    # "name" is pinyin too (na me: 那么); beside "change" it is English.
    assert not any("那么" in v for v in vocabulary.expand("change my name"))
    assert "社保" in vocabulary.expand("shebao")


def test_an_editors_english_term_comes_before_the_dictionary(client, portal):
    SynonymGroup.objects.create(terms="food safety、食品安全")
    assert vocabulary.expand("food safety") == ["food safety", "食品安全"]


def test_a_chinese_query_gets_no_english_variants(portal):
    SynonymGroup.objects.create(terms="户口迁移、迁户口、household registration transfer")
    assert vocabulary.expand("户口迁移 手续") == ["户口迁移 手续", "迁户口 手续"]  # not "household … 手续"
    assert "户口迁移" in vocabulary.expand("household registration transfer")


def test_the_fallback_queries_are_capped_typed_query_first(monkeypatch):
    monkeypatch.setattr(service, "MAX_RELAXED_QUERIES", 5)
    monkeypatch.setattr(vocabulary, "in_texts", set)  # as if the texts said every word
    relaxed = service.relaxed_query("养老 保险 转移 接续 手续 办理", leave_out=2)
    assert len(relaxed.subqueries) == 5  # of C(6, 4) = 15
    assert relaxed.subqueries[0].query_string == "养老 保险 转移 接续"  # the typed words, in order


def test_english_is_read_as_the_words_the_texts_use(client, portal):
    # The dictionary's first senses of "abuse" (呵责, 詈骂 …) are words no text here says.
    ArticlePageFactory(parent=portal["news"], title="老年人权益保障", slug="elderly",
                       summary="禁止对老年人实施家庭暴力，禁止虐待老年人。")
    assert english.translations("abuse", {}, in_texts=lambda words: {"虐待"} & set(words)) == ["虐待"]
    assert english.translations("abuse", {})[0] != "虐待"  # without the texts' say
    assert titles(client, q="elder abuse") == ["老年人权益保障"]
    assert vocabulary.in_texts(["虐待", "呵责"]) == {"虐待"}


def test_in_texts_forgets_what_it_knew_when_a_page_is_published(portal, monkeypatch):
    monkeypatch.setattr(vocabulary, "MAX_IN_TEXTS", 2)  # a full memory starts again
    assert vocabulary.in_texts(["教育", "呵责"]) == {"教育"}
    assert vocabulary.in_texts(["教育", "食品"]) == {"教育", "食品"}
    assert vocabulary.in_texts(["虐待"]) == set()
    page = ArticlePageFactory(parent=portal["news"], title="老年人权益保障", slug="elderly", summary="禁止虐待老年人。")
    page.save_revision().publish()
    assert vocabulary.in_texts(["虐待"]) == {"虐待"}


def test_a_correction_that_makes_a_word_shows_its_partial_matches(client, portal):
    ArticlePageFactory(parent=portal["news"], title="道路交通违法行为的处罚", slug="licence",
                       summary="未取得机动车驾驶证驾驶机动车的，处二百元以上二千元以下罚款。")
    ArticlePageFactory(parent=portal["news"], title="无证经营的查处", slug="unlicensed", summary="无证经营的，予以取缔。")
    # No text says 无证驾驶 either. As typed, the non-word 驾使 was left out and only 无证经营
    # was found; corrected, 驾驶 is searched too.
    data = client.get("/api/search/", {"q": "无证驾使"}).json()
    assert data["corrected_query"] == "无证驾驶"
    assert data["complete_count"] == 0
    assert "道路交通违法行为的处罚" in [r["title"] for r in data["results"]]
    # A correction of one word into another, or one that leaves as many characters outside
    # words, stays a suggestion.
    assert vocabulary.makes_words("无证驾使", "无证驾驶")
    assert not vocabulary.makes_words("代书遗属", "代数遗属")
    assert not vocabulary.makes_words("换工作", "访工作")


def test_a_word_that_matches_nothing_is_cut_at_its_longest_dictionary_word(client, portal, monkeypatch):
    ArticlePageFactory(parent=portal["news"], title="救助管理办法", slug="relief", summary="对流浪、乞讨人员实施救助。")
    assert service._split_word("流浪汉") == ["流浪", "汉"]
    assert titles(client, q="流浪汉") == ["救助管理办法"]
    # Typed words are relaxed before cut ones, so the cap drops cut ones first.
    monkeypatch.setattr(vocabulary, "in_texts", set)  # as if the texts said every word
    relaxed = service.relaxed_query("低保户 上学", split_phrases=True, leave_out=1, variants=["低保户 上学"])
    assert [q.query_string for q in relaxed.subqueries] == ["低保户", "上学", "低保 户", "低保 上学", "户 上学"]


def test_the_characters_of_a_left_out_word_raise_a_partial_match(client, portal, monkeypatch):
    # Nothing says 销户; the article that says 注销 … 账户 is the answer, the newer one only says 公积金.
    ArticlePageFactory(parent=portal["news"], title="住房公积金的缴存", slug="deposit",
                       summary="住房公积金的缴存、住房公积金的使用和住房公积金的管理，住房公积金按月缴存。")
    ArticlePageFactory(parent=portal["news"], title="住房公积金的提取", slug="withdraw",
                       summary="职工提取住房公积金的，同时注销职工住房公积金账户。")
    assert titles(client, q="公积金 销户") == ["住房公积金的提取", "住房公积金的缴存"]
    # The characters only score: they match nothing the words kept do not. What would keep 销户,
    # which no text says, could match nothing and is left out.
    assert service.relaxed_query("公积金 销户").query_string == "公积金"
    assert service.relaxed_query("公积金 销户", characters=True).query_string == "公积金 销 户"
    # Without them both scored alike for 公积金, and the newer came first.
    plain = service.relaxed_query
    monkeypatch.setattr(service, "relaxed_query", lambda *args, characters=False, **kwargs: (
        None if characters else plain(*args, **kwargs)))
    assert titles(client, q="公积金 销户") == ["住房公积金的缴存", "住房公积金的提取"]


def test_an_editors_term_is_no_typo(client, portal):
    ArticlePageFactory(parent=portal["news"], title="行政处罚的适用", slug="first-offence",
                       summary="初次违法且危害后果轻微并及时改正的，可以不予行政处罚。")
    assert vocabulary.suggestions("首违不罚")  # read as a typo of 首位不罚 ...
    SynonymGroup.objects.create(terms="首违不罚、首次违法不予处罚")
    assert vocabulary.suggestions("首违不罚") == []  # ... until an editor makes it a term
    data = client.get("/api/search/", {"q": "首违不罚"}).json()
    assert data["corrected_query"] is None and data["suggestion"] is None
    assert [r["title"] for r in data["results"]] == ["行政处罚的适用"]  # a partial match of the synonym


def test_a_correction_not_by_sound_does_not_replace_partial_matches(client, portal):
    ArticlePageFactory(parent=portal["news"], title="劳动合同的订立", slug="contract", summary="订立劳动合同时，应当如实说明情况。")
    ArticlePageFactory(parent=portal["news"], title="建设项目安全设施", slug="three",
                       summary="安全设施必须与主体工程同时设计、同时施工、同时投入生产和使用。")
    # 三同时 is in no text; the titles' bigrams make it 合同时 (三 does not sound like 合), which
    # one text says. That stays a suggestion: the partial matches (同时) are still shown.
    data = client.get("/api/search/", {"q": "三同时"}).json()
    assert data["suggestion"] == "合同时" and data["corrected_query"] is None
    assert "建设项目安全设施" in [r["title"] for r in data["results"]]
    assert not vocabulary.by_sound("三同时", "合同时")
    assert vocabulary.by_sound("试用其", "试用期") and vocabulary.by_sound("条列", "条例")  # lie for li
    assert vocabulary.by_sound("pension fudn", "pension fund")


def test_a_word_no_text_says_is_read_as_words_of_the_same_meaning(client, portal):
    ArticlePageFactory(parent=portal["news"], title="家庭赡养与扶养", slug="elderly-home",
                       summary="子女不得侵占老年人的房屋，不得擅自改变产权关系。")
    # No text says 老人 or 房子; the dictionary glosses them as it glosses 老年人 (the elderly)
    # and 房屋 (house), which a text says.
    assert english.same_meaning("房子", {}, in_texts=lambda words: {"房屋"} & set(words)) == ["房屋"]
    assert "子女 老年人 房屋" in vocabulary.expand("子女 老人 房子")
    assert complete_titles(client.get("/api/search/", {"q": "子女 老人 房子"}).json()) == ["家庭赡养与扶养"]
    assert vocabulary.expand("子女 房屋") == ["子女 房屋"]  # words the texts say stay as they are
    # An editor's synonym says better what a word means: 老人 is then not read through the dictionary.
    SynonymGroup.objects.create(terms="老人、长者")
    assert not any("老年人" in v for v in vocabulary.expand("老人"))


def test_pinyin_is_read_as_the_choices_the_texts_use(client, portal):
    ArticlePageFactory(parent=portal["news"], title="检察机关的职责", slug="public-interest",
                       summary="人民检察院可以依法提起公益诉讼。")
    # An input method offers 工艺 before 公益 and 宿松 after 诉讼; a text says 公益 and 诉讼.
    assert vocabulary.pinyin_words("susong")[1] == "宿松"
    assert vocabulary.expand("gongyi susong")[1] == "公益 诉讼"
    assert titles(client, q="gongyi susong") == ["检察机关的职责"]


def test_an_english_word_no_text_says_is_left_out_of_the_chinese(client, portal):
    ArticlePageFactory(parent=portal["news"], title="招标投标的程序", slug="bidding",
                       summary="投标人少于三个的，招标人应当依法重新招标。")
    # "fewer" has no gloss: kept as typed, it could only make 投标 … fail to match.
    translated = english.translations("fewer three bid", {}, latin_words={"three"})
    assert translated and not any("fewer" in t for t in translated)
    assert all(" three " in f" {t} " for t in translated)  # a title says it
    assert "fewer" in english.translations("fewer three bid", {})[0]  # without the titles' words
    assert english.translations("stepchild rights", {}, latin_words=set())[0].startswith("stepchild ")  # not one word
    assert "招标投标的程序" in titles(client, q="what if fewer than three companies bid")


def test_english_beside_an_editors_term_gets_every_translation(portal):
    # The term makes "housing provident fund" Chinese; "belong" is 归属 first, and 属于, which
    # the answer says, must be tried too. The English variants' words, which no text says, are
    # left out of the partial matches: they had taken the places the Chinese needed.
    SynonymGroup.objects.create(terms="housing provident fund、住房公积金")
    says_belongs = ArticlePageFactory(parent=portal["news"], title="住房公积金的所有权", slug="hf-owner",
                                      summary="职工缴存的住房公积金，属于职工个人所有。")
    ArticlePageFactory(parent=portal["news"], title="住房公积金的管理", slug="hf-manage",
                       summary="住房公积金的归属以管理中心的登记为准。")
    q = "does the money in my housing provident fund belong to my company"
    variants = vocabulary.expand(q)
    assert any("住房公积金 归属" in v for v in variants) and any("住房公积金 属于" in v for v in variants)
    relaxed = service.relaxed_query(q, True, 2, variants)
    assert not any("money" in sub.query_string for sub in relaxed.subqueries)
    params = service.parse({"q": q}, "zh-hans")
    tiers = service._rows(q, service.search_query(q, variants), variants, params)[3]
    assert tiers[says_belongs.pk] < service.ANY_WORD_TIER  # all words but the money and the company


def test_pinyin_of_a_word_the_dictionary_lacks_is_read_as_words_and_a_character(client, portal):
    ArticlePageFactory(parent=portal["news"], title="敬老养老的传统", slug="elderly-day",
                       summary="每年农历九月初九为老年节。")
    # jieba has 老年 but not 老年节: of 老年 + each common character read jie, a text says 老年节.
    assert vocabulary._pinyin_words(normalize.parse_pinyin("laonianjie")) == []
    assert "老年节" in vocabulary.pinyin_words("laonianjie")
    assert vocabulary.expand("laonianjie") == ["laonianjie", "老年节"]
    assert titles(client, q="laonianjie") == ["敬老养老的传统"]


def test_a_word_no_text_says_is_searched_as_the_texts_spell_it_out(client, portal, monkeypatch):
    ArticlePageFactory(parent=portal["news"], title="高危行业的保险", slug="liability",
                       summary="属于国家规定的高危行业的生产经营单位，应当投保安全生产责任保险。")
    ArticlePageFactory(parent=portal["news"], title="消费者的人格尊严", slug="dignity",
                       summary="经营者不得对消费者进行侮辱、诽谤，不得搜查消费者的身体及其携带的物品。")
    # Its characters in order, close together within a clause, widened to whole words.
    assert spelt_out.spellings("安责险") == ["安全生产责任保险"]
    assert spelt_out.spellings("搜身") == ["搜查消费者的身体"]
    data = client.get("/api/search/", {"q": "安责险"}).json()
    assert complete_titles(data) == ["高危行业的保险"]
    assert titles(client, q="搜身") == ["消费者的人格尊严"]
    assert spelt_out.spellings("罚缴分离") == []  # no text has its characters in order
    # The words of every variant: pinyin read as 裁员, which the texts spell 裁减人员.
    ArticlePageFactory(parent=portal["news"], title="用人单位精简人员的程序", slug="layoffs",
                       summary="用人单位需要裁减人员二十人以上的，应当提前三十日向工会说明情况。")
    assert "裁员" in vocabulary.expand("caiyuan")
    assert complete_titles(client.get("/api/search/", {"q": "caiyuan"}).json()) == ["用人单位精简人员的程序"]
    # A query that finds something as typed is not spelt out.
    assert spelt_out.variants(["安全生产 保险"], vocabulary.in_texts) == []
    # A few words a query: each look-up reads pages.
    monkeypatch.setattr(spelt_out, "MAX_WORDS", 1)
    assert spelt_out.variants(["安责险 搜身"], vocabulary.in_texts) == ["安全生产责任保险 搜身"]


def test_a_short_form_is_spelt_out_when_the_words_typed_find_only_partial_matches(client, portal):
    ArticlePageFactory(parent=portal["news"], title="政府采购信息的发布", slug="procurement",
                       summary="政府采购项目的信息应当在财政部门指定的媒体上及时向社会发布。")
    ArticlePageFactory(parent=portal["news"], title="体检结果公告", slug="notice", summary="现将体检结果予以公告。")
    ArticlePageFactory(parent=portal["news"], title="重大活动的安全保障", slug="events",
                       summary="举办重大活动应当制定安全工作方案。")
    # No page has both words, spelt out or not. As typed, 政采 is left out of every partial match;
    # spelt out (no dictionary has it either), the page that says 政府采购 is one too.
    data = client.get("/api/search/", {"q": "政采 公告"}).json()
    assert data["complete_count"] == 0
    # (then what has one of 政府 采购 公告, a phrase's words, as for any query of its words)
    assert sorted(r["title"] for r in data["results"][:2]) == ["体检结果公告", "政府采购信息的发布"]
    # An everyday word that the texts do not say is not read from its characters (重活 is not
    # 重大活动) when the words typed find something.
    assert spelt_out.spellings("重活") == ["重大活动"]
    assert titles(client, q="重活 公告") == ["体检结果公告"]
    assert titles(client, q="重活") == ["重大活动的安全保障"]  # nothing as typed: the spelling is all there is


def test_spellings_are_read_again_when_a_page_is_published(portal):
    assert spelt_out.spellings("安责险") == []
    page = ArticlePageFactory(parent=portal["news"], title="高危行业的保险", slug="liability",
                              summary="生产经营单位应当投保安全生产责任保险。")
    page.save_revision().publish()
    assert spelt_out.spellings("安责险") == ["安全生产责任保险"]


def test_pages_with_any_of_three_or_more_words_fill_up_the_page(client, portal):
    ArticlePageFactory(parent=portal["news"], title="义务教育入学办法", slug="enrolment",
                       summary="适龄儿童在户籍所在地学校就近入学。")
    ArticlePageFactory(parent=portal["news"], title="入学手续办理指南", slug="enrolment-steps",
                       summary="办理入学手续须带户口簿。")
    # No page has three of the five words, so leaving two out finds nothing: pages with any
    # word follow, those with more of them first, all marked as partial matches.
    data = client.get("/api/search/", {"q": "外地 上学 入学 手续 费用"}).json()
    assert [r["title"] for r in data["results"]] == ["入学手续办理指南", "义务教育入学办法"]
    assert data["complete_count"] == 0 and data["count"] == 2
    # Fewer than three words as typed: all but one is already any one of two, whatever a
    # synonym's words (学籍 登记 办理 入学).
    SynonymGroup.objects.create(terms="上学、学籍登记办理")
    assert service.any_word_query("上学 入学") is None
    assert titles(client, q="上学 费用") == []
    # A page that the words left out fill only in part is filled up with them: after what has
    # four of the five words come those with any, more of them first.
    ArticlePageFactory(parent=portal["news"], title="外地学生入学手续费用", slug="fees",
                       summary="外地学生入学手续的费用标准。")
    data = client.get("/api/search/", {"q": "外地 上学 入学 手续 费用"}).json()
    assert [r["title"] for r in data["results"]] == ["外地学生入学手续费用", "入学手续办理指南", "义务教育入学办法"]
    assert data["complete_count"] == 0 and data["count"] == 3
    # A kind with no match shows none, and the facets still count what the others have.
    data = client.get("/api/search/", {"q": "外地 上学 入学 手续 费用", "kind": "policy"}).json()
    assert data["results"] == [] and {f["kind"]: f["count"] for f in data["facets"]}["info"] == 3


def test_a_lone_character_joins_the_word_after_it_when_only_that_is_in_the_texts(client, portal):
    ArticlePageFactory(parent=portal["news"], title="建设项目的环境影响评价", slug="eia-projects",
                       summary="项目运行中不符合环境影响评价文件的，建设单位应当组织环境影响的后评价。")
    ArticlePageFactory(parent=portal["news"], title="规划的环境影响评价", slug="eia-plans",
                       summary="有关部门应当在规划编制过程中组织进行环境影响评价。")
    # jieba: 环境影响 + 后 + 评价. The texts say 后评价, never 环境影响后.
    assert service._words_of("环境影响后评价") == ["环境影响", "后评价"]
    assert titles(client, q="环境影响后评价")[0] == "建设项目的环境影响评价"
    assert service._words_of("离婚冷静期") == ["离婚", "冷静期"]  # the last one has no word after it


def test_english_translations_are_the_same_in_every_process():
    # Words the dictionary ranks alike (盘碗 and 盘飧 for "dishes") once came in the order of a set,
    # which differs from process to process with Python's hash seed: so did the results.
    script = ("import portal_bootstrap; from search import english; "
              "print(english.translations('dirty dishes restaurants', {}), english.translations('elder abuse', {}))")
    outputs = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
        for seed in (1, 2, 3)
    }
    assert len(outputs) == 1 and "盘" in outputs.pop()


def test_initials_of_a_synonym_term_find_its_synonyms(client, portal):
    # 医保基金 is in no dictionary: its initials come from the editors' term, the texts from its synonym.
    SynonymGroup.objects.create(terms="医保基金、医疗保障基金")
    ArticlePageFactory(parent=portal["news"], title="基金监督检查", slug="fund",
                       summary="医疗保障基金专款专用，任何组织和个人不得侵占或者挪用。")
    assert vocabulary.initials_words("ybjj") == ["医保基金"]
    assert titles(client, q="ybjj") == ["基金监督检查"]
    assert titles(client, q="qxgj") == []  # the initials of no term and no word the texts use


def test_a_typo_of_a_synonym_term_is_corrected_to_it(client, portal):
    # 必留份 is in no dictionary and no title: a term typed with one character that sounds alike
    # (分 for 份; 瞻 zhan for 赡 shan, one letter apart) is corrected to the editors' term.
    SynonymGroup.objects.create(terms="必留份、必要遗产份额")
    SynonymGroup.objects.create(terms="赡养费、赡养老人费用")
    ArticlePageFactory(parent=portal["news"], title="遗嘱继承", slug="will",
                       summary="遗嘱应当为缺乏劳动能力又没有生活来源的继承人保留必要的遗产份额。")
    ArticlePageFactory(parent=portal["news"], title="赡养老人", slug="support", summary="子女应当支付赡养费。")
    response = client.get("/api/search/", {"q": "必留分"}).json()
    assert response["corrected_query"] == "必留份"
    assert [r["title"] for r in response["results"]] == ["遗嘱继承"]
    assert vocabulary.suggest("瞻养费") == "赡养费"
    assert vocabulary.suggest("必留粉") == "必留份"
    assert not vocabulary._term_fixes("必留额", {})  # 额 (e) sounds nothing like 份 (fen)
