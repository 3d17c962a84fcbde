"""python manage.py evaluate_search: recall@10 and MRR@10 on the evaluation set in search/evaluation/.

The documents are loaded into a throw-away page tree inside a transaction that is rolled back,
the editors' synonyms of the set are added the same way, and every query goes through the same
search service as the search page. A naive substring search (what LIKE '%q%' would give) is
scored alongside for comparison.
"""

import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Page

from columns.models import ArticlePage, ColumnPage
from home.models import HomePage
from search import normalize, service, vocabulary
from search.models import SynonymGroup

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "evaluation"
K = 10


class Command(BaseCommand):
    help = "在仓库内的评测集上计算站内搜索的 recall@10 和 MRR@10。"

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(DEFAULT_DIR), help="评测集目录（documents.jsonl, queries.jsonl, synonyms.txt）")
        parser.add_argument("--segmenter", choices=["bigram", "jieba", "hybrid", "all"], default="all")
        parser.add_argument("--show-misses", action="store_true", help="列出未找全的查询")

    def handle(self, *args, **options):
        folder = Path(options["dir"])
        docs = [json.loads(line) for line in (folder / "documents.jsonl").read_text("utf-8").splitlines() if line]
        queries = [json.loads(line) for line in (folder / "queries.jsonl").read_text("utf-8").splitlines() if line]
        synonyms = [line for line in (folder / "synonyms.txt").read_text("utf-8").splitlines() if line.strip()]
        self.stdout.write(f"Evaluation set: {len(docs)} documents, {len(queries)} queries, {len(synonyms)} synonym groups")
        self.report("naive substring", self.naive(docs, queries), options["show_misses"])
        segmenters = ["bigram", "jieba", "hybrid"] if options["segmenter"] == "all" else [options["segmenter"]]
        for segmenter in segmenters:
            with override_settings(PORTAL_SEARCH_SEGMENTER=segmenter, PORTAL_SEARCH_PAGE_SIZE=K):
                ranks, figures = self.portal(docs, queries, synonyms)
            self.report(f"portal search ({segmenter})", ranks, options["show_misses"], figures)

    def naive(self, docs, queries):
        ranks = []
        for query in queries:
            found = [d["id"] for d in docs if query["q"] in d["title"] + d["body"]][:K]
            ranks.append((query, found))
        return ranks

    def portal(self, docs, queries, synonyms):
        cache.delete_many([vocabulary.SYNONYMS_KEY, vocabulary.VOCABULARY_KEY])
        ranks, figures = [], {}
        try:
            with transaction.atomic():
                start = time.perf_counter()
                ids = self.load(docs, synonyms)
                figures["indexing s"] = time.perf_counter() - start
                figures["index tokens/doc"] = statistics.mean(
                    len(normalize.index_tokens(d["title"], with_pinyin=True)) + len(normalize.index_tokens(d["body"]))
                    for d in docs
                )
                timings = []
                for query in queries:
                    params = service.parse({"q": query["q"]}, settings.LANGUAGE_CODE)
                    start = time.perf_counter()
                    outcome = service.run(params, record_hit=False)
                    timings.append(time.perf_counter() - start)
                    rows = list(outcome.page.object_list) if outcome.page else []
                    ranks.append((query, [ids.get(r["pk"]) for r in rows]))
                figures["latency median ms"] = statistics.median(timings) * 1000
                transaction.set_rollback(True)
        finally:
            cache.delete_many([vocabulary.SYNONYMS_KEY, vocabulary.VOCABULARY_KEY])
        return ranks, figures

    def load(self, docs, synonyms):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="搜索评测", slug="search-evaluation-tmp"))
        column = home.add_child(instance=ColumnPage(title="评测文档", slug="documents"))
        ids = {}
        for n, doc in enumerate(docs):
            page = ArticlePage(
                title=doc["title"], slug=f"doc-{n}", source="评测集",
                body=[("paragraph", f"<p>{doc['body']}</p>")],
            )
            column.add_child(instance=page)
            page.save_revision().publish()
            ids[page.pk] = doc["id"]
        for line in synonyms:
            SynonymGroup.objects.create(terms=line)
        return ids

    def report(self, name, ranks, show_misses, figures=None):
        by_type = defaultdict(list)
        for query, found in ranks:
            relevant = set(query["relevant"])
            recall = len(relevant & set(found[:K])) / len(relevant)
            first = next((i for i, doc in enumerate(found[:K], 1) if doc in relevant), None)
            by_type[query["type"]].append((recall, 1 / first if first else 0.0, query, found))
            by_type["ALL"].append(by_type[query["type"]][-1])
        self.stdout.write(f"\n{name}")
        self.stdout.write(f"  {'kind of query':<14}{'n':>4}{'recall@10':>11}{'MRR@10':>9}")
        for kind, rows in by_type.items():
            recall = statistics.mean(r[0] for r in rows)
            mrr = statistics.mean(r[1] for r in rows)
            self.stdout.write(f"  {kind:<14}{len(rows):>4}{recall:>11.3f}{mrr:>9.3f}")
        for key, value in (figures or {}).items():
            self.stdout.write(f"  {key}: {value:.2f}")
        if show_misses:
            for recall, _mrr, query, found in by_type["ALL"]:
                if recall < 1:
                    self.stdout.write(f"  miss {query['q']!r}: recall {recall:.2f}, got {found}")
