"""The evaluation sets are well-formed, and the command prints recall@10 and MRR@10 per kind of query."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.management.commands.evaluate_search import KIND_ORDER, SETS_DIR, agreement, read_set, scores


@pytest.mark.parametrize("name, min_docs, min_queries", [("legal", 400, 70), ("portal", 40, 50)])
def test_evaluation_set_is_well_formed(name, min_docs, min_queries):
    docs, queries, synonyms = read_set(SETS_DIR / name)
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)) >= min_docs
    assert all(d["title"].strip() and d["body"].strip() for d in docs)
    assert len(queries) >= min_queries
    assert len({q["q"] for q in queries}) == len(queries), "a query is listed twice"
    kinds = Counter(q["type"] for q in queries)
    assert set(kinds) == set(KIND_ORDER)
    for query in queries:
        assert query["relevant"], query
        assert set(query["relevant"]) <= set(ids), query
    assert all("、" in line for line in synonyms)


def test_legal_set_is_kept_small():
    assert (SETS_DIR / "legal" / "documents.jsonl").stat().st_size < 3_000_000


def test_recall_counts_at_most_ten_relevant_documents():
    query = {"relevant": [f"d{i}" for i in range(20)]}
    assert scores(query, [f"d{i}" for i in range(10)]) == (1.0, 1.0)
    assert scores({"relevant": ["a", "b"]}, ["x", "b"]) == (0.5, 0.5)


@pytest.mark.django_db
def test_evaluate_search_prints_recall_and_mrr():
    out = StringIO()
    call_command("evaluate_search", set="portal", segmenter="hybrid", stdout=out)
    text = out.getvalue()
    overall = [tuple(map(float, m)) for m in re.findall(r"ALL\s+\d+\s+([\d.]+)\s+([\d.]+)", text)]
    (naive_recall, _), (portal_recall, portal_mrr) = overall
    assert portal_recall >= 0.9 and portal_mrr >= 0.9
    assert naive_recall < 0.5
    for kind in KIND_ORDER:
        assert re.search(rf"{kind}\s+\d+\s+[\d.]+\s+[\d.]+", text)


def test_fresh_queries_and_second_judgments_are_well_formed():
    docs, queries, synonyms = read_set(SETS_DIR / "legal", queries="fresh")
    ids = {d["id"] for d in docs}
    seen = {q["q"] for q in read_set(SETS_DIR / "legal")[1]}
    for name in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
                 "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14",
                 "fresh15", "fresh16", "fresh17", "fresh18", "fresh19"):
        fresh = read_set(SETS_DIR / "legal", queries=name)[1]
        assert len(fresh) >= 30 and {q["type"] for q in fresh} == set(KIND_ORDER)
        assert all(q["relevant"] and set(q["relevant"]) <= ids for q in fresh)
        assert not seen & {q["q"] for q in fresh}, f"a query of {name} repeats one of an earlier set"
        seen |= {q["q"] for q in fresh}
    assert len(synonyms) > len(read_set(SETS_DIR / "legal")[2])  # the fresh set's synonyms are added
    _docs, judged, _synonyms = read_set(SETS_DIR / "legal", judge="second")
    assert all(q["relevant"] and set(q["relevant"]) <= ids and q["first_reader"] for q in judged)


def test_agreement_between_readers():
    # 4 documents, one query: the readers agree on a (relevant) and d (not), differ on b and c.
    queries = [{"first_reader": ["a", "b"], "relevant": ["a", "c"]}]
    assert agreement(queries, 4) == (0.0, 0.5)  # half the pairs agree, as chance would have it
    same = [{"first_reader": ["a"], "relevant": ["a"]}]
    assert agreement(same, 4) == (1.0, 1.0)


def test_missing_judgments_are_a_clear_error(tmp_path):
    for name in ("documents.jsonl", "queries.jsonl", "synonyms.txt"):
        (tmp_path / name).write_text((SETS_DIR / "portal" / name).read_text("utf-8"), "utf-8")
    with pytest.raises(CommandError, match="没有文件 judgments-second.jsonl"):
        read_set(tmp_path, judge="second")
    (tmp_path / "judgments-second.jsonl").write_text('{"q": "其他", "relevant": ["x"]}\n', "utf-8")
    with pytest.raises(CommandError, match="缺少这些查询的判断"):
        read_set(tmp_path, judge="second")
