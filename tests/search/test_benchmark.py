"""The benchmark command runs end to end and prints its figures (the figures are not asserted)."""

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from modelsearch.conf import get_app_config
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from columns.models import ArticlePage
from search import benchmark, service
from tests.search.factories import make_column

pytestmark = pytest.mark.django_db


def test_benchmark_prints_figures_and_cleans_up():
    pages_before = Page.objects.count()
    out = StringIO()
    call_command("benchmark_search", documents=12, repeat=1, stdout=out)
    text = out.getvalue()
    for label in ("indexing time:", "index size:", "dictionaries read before the first search:",
                  "search service (as /search/): median", "p95",
                  "search service, everyday wording (fallbacks): median",
                  "indexing one page (a publish): median"):
        assert label in text
    assert Page.objects.count() == pages_before


def test_the_evaluation_sets_queries_are_timed_cold_and_warm(tmp_path, monkeypatch):
    from search.management.commands import benchmark_search

    (tmp_path / "queries.jsonl").write_text('{"q": "信息公开"}\n{"q": "xxgk"}\n', "utf-8")
    (tmp_path / "queries-fresh.jsonl").write_text('{"q": "信息公开"}\n{"q": "food safety"}\n', "utf-8")
    monkeypatch.setattr(benchmark_search, "EVALUATION_DIR", tmp_path)
    out = StringIO()
    call_command("benchmark_search", documents=3, repeat=1, evaluation_queries=True, stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "the evaluation sets' 3 queries" in line]
    assert [line.split("(")[1].split(")")[0] for line in lines] == ["first", "again"]  # each query once
    assert all("median" in line and "p95" in line and "max" in line for line in lines)


def test_bulk_pages_are_a_consistent_tree_of_real_searchable_pages(portal):
    column = make_column(portal["home"], "基准文档", "bench")
    pages = benchmark.create_articles(column, 40, random.Random(1))
    assert Page.find_problems() == ([], [], [], [], [])
    column.refresh_from_db()
    assert column.numchild == 40
    children = ArticlePage.objects.child_of(column).live().order_by("path")
    assert children.count() == 40
    first = children.first()
    assert first.url_path == f"{column.url_path}{first.slug}/"
    assert first.locale_id == column.locale_id
    assert first.get_parent().pk == column.pk
    assert first.body.raw_data and first.source and first.publish_time
    assert Client().get(first.url).status_code == 200

    get_search_backend().get_index_for_model(ArticlePage).add_items(ArticlePage, pages)
    title = first.title
    outcome = service.run(service.parse({"q": title}, "zh-hans"), record_hit=False)
    assert any(r["title"] == title for r in outcome.results)

    benchmark.delete_articles(column)
    assert not ArticlePage.objects.child_of(column).exists()
    assert Page.find_problems() == ([], [], [], [], [])


def test_keep_reuse_and_cleanup():
    IndexEntry = get_app_config().get_model("IndexEntry")
    pages_before, entries_before = Page.objects.count(), IndexEntry.objects.count()
    out = StringIO()
    call_command("benchmark_search", documents=5, repeat=1, keep=True, stdout=out)
    assert Page.objects.count() == pages_before + 7  # a home page, a column and 5 documents
    call_command("benchmark_search", reuse=True, repeat=1, stdout=out)
    assert "Reusing 5 kept documents" in out.getvalue()
    call_command("benchmark_search", cleanup=True, stdout=out)
    assert Page.objects.count() == pages_before
    assert IndexEntry.objects.count() == entries_before
    assert Page.find_problems() == ([], [], [], [], [])
