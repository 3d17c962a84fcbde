"""Each content check with a true and a false example."""

import pytest
from wagtail.test.utils.form_data import rich_text  # noqa: F401  (documents the markup used below)

from columns.checks import Checker, luhn_valid, mask, valid_id_card
from columns.models import ArticlePage
from columns.wordlists import ErrorWord, SensitiveWord

VALID_ID = "11010519491231002X"  # the standard's own example, valid check digit
INVALID_ID = "110105194912310021"
MASKED_ID = "110105********002X"
VALID_CARD = "6222020200112345679"  # Luhn-valid test number


def rules(text, checker=None):
    return [(f.rule, f.blocking) for f in (checker or Checker([], [])).check_text(text, "正文")]


def test_id_card_check_digit():
    assert valid_id_card(VALID_ID)
    assert not valid_id_card(INVALID_ID)
    assert not valid_id_card("110105194913310025")  # month 13


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"申请人身份证号{VALID_ID}。", [("id_card", True)]),
        (f"申请人身份证号{INVALID_ID}。", []),
        (f"申请人身份证号{MASKED_ID}。", []),
        ("联系电话13812345678。", [("mobile", True)]),
        ("联系电话138****5678。", []),
        ("咨询电话0753-2181234。", []),
        (f"收款账号{VALID_CARD}。", [("bank_card", True)]),
        ("收款账号6222020200112345678。", []),  # fails Luhn
        ("收款账号6222 **** **** 5678。", []),
        ("本文件密级：秘密★1年", [("confidential", True)]),
        ("内部资料 注意保存", [("confidential", True), ("confidential", True)]),
        ("不得泄露国家秘密和商业秘密。", []),
        ("梅州市召开全市经济工作会议。", []),
    ],
)
def test_text_rules(text, expected):
    assert sorted(rules(text)) == sorted(expected)


def test_luhn():
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")


@pytest.mark.django_db
def test_admin_managed_words_block_or_warn_and_suggest():
    SensitiveWord.objects.create(word="赌博", level="block")
    SensitiveWord.objects.create(word="暴雨", level="warn")
    ErrorWord.objects.create(wrong="中华人名共和国", correct="中华人民共和国")
    checker = Checker()
    found = checker.check_text("依据中华人名共和国法律，严禁赌博。暴雨预警。", "正文第1块")
    by_rule = {f.rule: f for f in found}
    assert [f.blocking for f in found if f.rule == "sensitive"] == [True, False]
    assert by_rule["error_word"].blocking is False
    assert by_rule["error_word"].suggestion == "中华人民共和国"
    assert "第3字" in by_rule["error_word"].place
    assert checker.check_text("中华人民共和国", "正文") == []


def test_place_and_masking_are_exact():
    finding = Checker([], []).check_text(f"第一段。\n身份证{VALID_ID}", "正文第2块（正文段落）")[0]
    assert finding.place == "正文第2块（正文段落） 第9字"
    assert finding.shown_text == mask(VALID_ID) == "110*************2X"
    assert VALID_ID not in finding.describe()


def page(**kwargs):
    from columns.blocks import BodyBlock  # noqa: F401

    defaults = {"title": "标题", "source": "梅州市人民政府办公室", "body": [("paragraph", "<p>正文内容。</p>")]}
    defaults.update(kwargs)
    body = defaults.pop("body")
    p = ArticlePage(**defaults)
    p.body = [(kind, _value(kind, value)) for kind, value in body]
    return p


def _value(kind, value):
    from wagtail.rich_text import RichText

    return RichText(value) if kind == "paragraph" else value


@pytest.mark.django_db
def test_page_rules_missing_source_empty_body_alt_and_dead_links():
    from tests.columns.governance import make_home
    from tests.factories import ArticlePageFactory, ColumnPageFactory

    home = make_home()
    column = ColumnPageFactory(parent=home)
    live = ArticlePageFactory(parent=column)
    draft = ArticlePageFactory(parent=column)
    draft.unpublish()
    checker = Checker([], [])

    assert checker.check_page(page()) == []
    assert [f.rule for f in checker.check_page(page(source=" "))] == ["missing_source"]
    assert [f.rule for f in checker.check_page(page(body=[]))] == ["empty_body"]
    assert [f.rule for f in checker.check_page(page(body=[("paragraph", "<p> </p>")]))] == ["empty_body"]
    no_alt = '<p>图：</p><embed embedtype="image" format="fullwidth" id="1" alt=""/>'
    with_alt = '<p>图：</p><embed embedtype="image" format="fullwidth" id="1" alt="会议现场"/>'
    assert [f.rule for f in checker.check_page(page(body=[("paragraph", no_alt)]))] == ["image_alt"]
    assert checker.check_page(page(body=[("paragraph", with_alt)])) == []
    links = f'<p><a linktype="page" id="{live.pk}">现行</a>和<a linktype="page" id="{draft.pk}">草稿</a></p>'
    dead = checker.check_page(page(body=[("paragraph", links)]))
    assert [(f.rule, f.text, f.blocking) for f in dead] == [("dead_link", str(draft.pk), False)]


def test_a_long_policy_file_is_checked_fast_enough_to_stay_linear():
    # Not a timing test: a 200 000-character text still yields exactly the planted findings.
    text = ("梅州市人民政府关于印发有关规定的通知。" * 10000) + f"联系人身份证{VALID_ID}"
    checker = Checker([(f"词{i}", i % 2 == 0) for i in range(500)], [("人名共和国", "人民共和国")])
    assert [f.rule for f in checker.check_text(text, "正文")] == ["id_card"]


@pytest.mark.django_db
def test_scan_content_prints_one_masked_finding_a_line():
    import io

    from django.core.management import call_command

    from tests.columns.governance import make_home
    from tests.factories import ArticlePageFactory, ColumnPageFactory

    home = make_home()
    column = ColumnPageFactory(parent=home, slug="tzgg")
    bad = ArticlePageFactory(parent=column, slug="bad", body=[("paragraph", _value("paragraph", f"<p>身份证{VALID_ID}，手机13812345678</p>"))])
    ArticlePageFactory(parent=column, slug="good", body=[("paragraph", _value("paragraph", "<p>正常内容。</p>"))])
    out = io.StringIO()
    call_command("scan_content", stdout=out, stderr=io.StringIO())
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(bad.get_full_url()) for line in lines)
    assert "身份证号码" in lines[0] and mask(VALID_ID) in lines[0] and VALID_ID not in out.getvalue()
    assert "手机号码" in lines[1] and "138******78" in lines[1]
