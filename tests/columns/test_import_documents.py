"""manage.py import_documents FILE --column TITLE, on good and bad lines."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from columns.models import ArticlePage, PolicyDocumentPage
from search.models import ImportedDocument
from tests.search.factories import make_column, make_portal

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "title": "梅州市人民政府关于印发梅州市政府信息公开工作规定的通知",
        "body": "<p>各县（市、区）人民政府：</p><script>alert(1)</script><p>现将规定印发给你们。</p>",
        "发文机关": "梅州市人民政府",
        "文号": "梅市府〔2026〕8号",
        "成文日期": "2026-03-01",
        "发布日期": "2026年3月5日",
        "主题分类": "综合政务",
        "原文链接": "https://old.example.gov.cn/zwgk/1.html",
    },
    {
        "title": "我市召开防汛工作会议",
        "body": "会议部署防汛抢险工作。\n\n要求各地落实责任。",
        "来源": "梅州日报",
        "发布日期": "2026-06-01 09:30",
        "url": "https://old.example.gov.cn/news/2.html",
    },
]


def write(tmp_path, lines):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False) for l in lines),
                    encoding="utf-8")
    return str(path)


def run(path, column="政策文件", **options):
    out, err = StringIO(), StringIO()
    call_command("import_documents", path, column=column, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def column(db):
    return make_column(make_portal(), "政策文件", "policy")


def test_good_lines_are_imported_published_and_searchable(tmp_path, column):
    out, err = run(write(tmp_path, GOOD))
    assert err == ""
    policy = PolicyDocumentPage.objects.get()
    assert policy.live and policy.get_parent().pk == column.pk
    assert policy.document_number == "梅市府〔2026〕8号"
    assert policy.written_date.isoformat() == "2026-03-01"
    assert policy.publication_date.isoformat() == "2026-03-05"
    assert policy.topic == "general"
    assert policy.source == "梅州市人民政府"
    body = str(policy.body[0].value)
    assert "现将规定印发给你们" in body and "<script>" not in body
    article = ArticlePage.objects.get()
    assert article.live and article.source == "梅州日报"
    assert [str(b.value) for b in article.body] == ["<p>会议部署防汛抢险工作。</p><p>要求各地落实责任。</p>"]
    assert ImportedDocument.objects.count() == 2
    assert "2/2" in out and "#" in out
    # indexed: the Chinese-aware search finds them at once
    assert {p.title for p in Page.objects.live().search("信息公开")} == {GOOD[0]["title"]}
    assert {p.title for p in Page.objects.live().search("防汛")} == {GOOD[1]["title"]}


def test_second_run_skips_duplicates_by_url_and_title(tmp_path, column):
    path = write(tmp_path, GOOD)
    run(path)
    renamed = dict(GOOD[0], title="标题改了但链接相同")
    same_title = dict(GOOD[1], url="https://old.example.gov.cn/news/other.html")
    out, _ = run(write(tmp_path, [renamed, same_title]))
    assert Page.objects.type(ArticlePage, PolicyDocumentPage).count() == 2
    assert "跳过重复 2 篇" in out


def test_bad_lines_are_reported_by_number_and_do_not_stop_the_import(tmp_path, column):
    lines = [
        GOOD[0],
        "{not json",
        {"body": "没有标题"},
        ["a", "list"],
        {"title": "日期错误", "body": "x", "发布日期": "2026-13-45"},
        {"title": "分类错误", "body": "x", "发文机关": "梅州市人民政府", "主题分类": "不存在的分类"},
        "",
        GOOD[1],
    ]
    out, err = run(write(tmp_path, lines), batch_size=3)
    for number in (2, 3, 4, 5, 6):
        assert f"第 {number} 行" in err
    assert "第 1 行" not in err and "第 8 行" not in err
    assert Page.objects.type(ArticlePage, PolicyDocumentPage).count() == 2
    assert not Page.objects.filter(title__in=["日期错误", "分类错误"]).exists()
    assert "错误 5 行" in out or "有错误的行 5 行" in out
    assert out.count("[") == 3  # one progress line per batch of 3


def test_unknown_column_and_missing_file_are_command_errors(tmp_path, column):
    with pytest.raises(CommandError, match="没有标题为"):
        run(write(tmp_path, GOOD), column="不存在的栏目")
    with pytest.raises(CommandError, match="无法读取文件"):
        run(str(tmp_path / "missing.jsonl"))
