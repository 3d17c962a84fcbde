"""load_synonyms: synonym groups from a file (by default the starter list), as editors would add them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.management.commands.load_synonyms import starter_lines
from search.models import ENGLISH_ONLY_ARROW, MAX_TERM_LENGTH, TERM_SEPARATORS, SynonymGroup

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command("load_synonyms", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_a_file_loads_its_groups_and_reports_bad_lines(tmp_path):
    SynonymGroup.objects.create(terms="社保\n社会保险")
    path = tmp_path / "synonyms.txt"
    path.write_text("# 说明行\n网购、网络购物\n\n社会保险，社保\n只有一个词\n驾照、" + "长" * 51 + "\n", "utf-8")
    out, err = run(str(path), note="导入测试")
    assert "新建 1 组，已有 1 组，出错 2 行" in out
    assert "第 5 行未导入" in err and "至少填写两个" in err
    assert "第 6 行未导入" in err and "50" in err
    group = SynonymGroup.objects.get(terms__contains="网购")
    assert group.term_list() == ["网购", "网络购物"] and group.note == "导入测试"
    assert SynonymGroup.objects.count() == 2
    assert "新建 0 组，已有 2 组" in run(str(path))[0]  # a second run adds nothing


def test_a_line_with_an_arrow_is_a_group_for_english_queries_only(tmp_path):
    path = tmp_path / "synonyms.txt"
    path.write_text("compensation、compensated => 补偿、赔偿\n补偿 => 赔偿\n", "utf-8")
    out, err = run(str(path))
    assert "新建 1 组，已有 0 组，出错 1 行" in out
    assert "第 2 行未导入" in err and "同时有英文词和中文词" in err
    group = SynonymGroup.objects.get()
    assert group.english_only and group.term_list() == ["compensation", "compensated", "补偿", "赔偿"]


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="无法读取同义词文件"):
        run(str(tmp_path / "none.txt"))


def test_the_starter_list_loads_and_takes_effect_in_search(client, portal):
    out, err = run()
    groups = SynonymGroup.objects.all()
    assert err == "" and groups.count() > 100 and all(g.note == "初始词表" for g in groups)
    assert f"新建 {groups.count()} 组" in out
    # A citizen's word finds the official one (the page never says 网购).
    from tests.factories import ArticlePageFactory

    ArticlePageFactory(parent=portal["news"], title="网络购物七日无理由退货", slug="returns")
    response = client.get("/api/search/", {"q": "网购"}).json()
    assert [r["title"] for r in response["results"]] == ["网络购物七日无理由退货"]
    # Its English names key concepts as citizens write them (review, not 复习 for an exam).
    from search import vocabulary

    assert any("行政复议" in variant for variant in vocabulary.expand("apply for administrative review"))


def test_the_starter_list_is_well_formed():
    # A term is in one ordinary group at most, and in one group for English queries at most: the
    # Chinese of such a group renders English (spouse => 配偶), so it may also be an ordinary term
    # (配偶、老公), which a Chinese query reads through the ordinary group alone.
    seen = {False: {}, True: {}}
    for number, line in enumerate(starter_lines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        english_only = ENGLISH_ONLY_ARROW in line
        terms = [t.strip() for t in TERM_SEPARATORS.split(line.replace(ENGLISH_ONLY_ARROW, "、")) if t.strip()]
        assert len(terms) >= 2, (number, line)
        for term in terms:
            assert 2 <= len(term) <= MAX_TERM_LENGTH, (number, term)
            found = seen[english_only]
            assert term.lower() not in found, f"{term} is in lines {found.get(term.lower())} and {number}"
            found[term.lower()] = number
