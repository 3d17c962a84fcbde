"""python manage.py evaluate_search: recall@10 and MRR@10 on an evaluation set in search/evaluation/.

Two sets: ``legal`` (default; 578 documents cut from Chinese laws and regulations, 91 queries
judged by reading, see search/evaluation/README.md) and ``portal`` (the first, small set of 44
paraphrased documents). The documents are loaded once into a throw-away page tree inside a
transaction that is rolled back: pages are created with Wagtail's search auto-update off and then
indexed in batches, as ``update_index`` does, once per segmenter. The set's synonyms are added as
editors would add them, and every query goes through the same search service as the search page.
A naive substring search (what LIKE '%q%' would give, in document order) is scored alongside.

recall@10 is the share of a query's relevant documents in the first 10 results, out of at most 10
(a query with 50 relevant documents scores 1.0 when its first 10 results are all relevant).
"""

import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils.html import escape
from modelsearch.conf import get_app_config
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from columns.models import ArticlePage, ColumnPage
from home.models import HomePage
from search import normalize, service, vocabulary
from search.models import SynonymGroup

SETS_DIR = Path(__file__).resolve().parents[2] / "evaluation"
SETS = ("legal", "portal")
K = 10
BATCH = 200
KIND_ORDER = ["keyword", "words", "traditional", "pinyin", "abbreviation", "typo", "english"]


def read_set(folder):
    folder = Path(folder)

    def jsonl(name):
        return [json.loads(line) for line in (folder / name).read_text("utf-8").splitlines() if line.strip()]

    synonyms = [line for line in (folder / "synonyms.txt").read_text("utf-8").splitlines() if line.strip()]
    return jsonl("documents.jsonl"), jsonl("queries.jsonl"), synonyms


def scores(query, found):
    """(recall@K, reciprocal rank within K) of one query's ranked document ids."""
    relevant = set(query["relevant"])
    recall = len(relevant & set(found[:K])) / min(len(relevant), K)
    first = next((i for i, doc in enumerate(found[:K], 1) if doc in relevant), None)
    return recall, 1 / first if first else 0.0


class Command(BaseCommand):
    help = "在仓库内的评测集上计算站内搜索的 recall@10 和 MRR@10（按查询类型分列）。"

    def add_arguments(self, parser):
        parser.add_argument("--set", choices=SETS, default="legal", help="评测集：legal（法律法规，默认）或 portal（旧的小集）")
        parser.add_argument("--dir", help="另一个评测集目录（documents.jsonl, queries.jsonl, synonyms.txt）")
        parser.add_argument("--segmenter", choices=["bigram", "jieba", "hybrid", "all"], default="all")
        parser.add_argument("--show-misses", action="store_true", help="列出未找全或首个相关结果不在第一位的查询")

    def handle(self, *args, **options):
        folder = options["dir"] or SETS_DIR / options["set"]
        docs, queries, synonyms = read_set(folder)
        self.stdout.write(
            f"Evaluation set {folder}: {len(docs)} documents, {len(queries)} queries, "
            f"{len(synonyms)} synonym groups"
        )
        self.report("naive substring", self.naive(docs, queries), options["show_misses"])
        segmenter = options["segmenter"]
        segmenters = ["bigram", "jieba", "hybrid"] if segmenter == "all" else [segmenter]
        cache.delete_many([vocabulary.SYNONYMS_KEY, vocabulary.VOCABULARY_KEY])
        try:
            with transaction.atomic():
                start = time.perf_counter()
                column, pages = self.load(docs, synonyms)
                self.stdout.write(f"\npage creation ({len(pages)} pages, search auto-update off): "
                                  f"{time.perf_counter() - start:.1f} s")
                for segmenter in segmenters:
                    with override_settings(PORTAL_SEARCH_SEGMENTER=segmenter, PORTAL_SEARCH_PAGE_SIZE=K):
                        ranks, figures = self.portal(docs, queries, column, pages)
                    self.report(f"portal search ({segmenter})", ranks, options["show_misses"], figures)
                transaction.set_rollback(True)
        finally:
            cache.delete_many([vocabulary.SYNONYMS_KEY, vocabulary.VOCABULARY_KEY])

    def naive(self, docs, queries):
        texts = [(d["id"], d["title"] + d["body"]) for d in docs]
        return [(query, [doc_id for doc_id, text in texts if query["q"] in text][:K]) for query in queries]

    def load(self, docs, synonyms):
        """Creates the pages without indexing them (indexing is per segmenter, in ``index``)."""
        no_auto_update = {k: dict(v, AUTO_UPDATE=False) for k, v in settings.WAGTAILSEARCH_BACKENDS.items()}
        with override_settings(WAGTAILSEARCH_BACKENDS=no_auto_update):
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(title="搜索评测", slug="search-evaluation-tmp"))
            column = home.add_child(instance=ColumnPage(title="评测文档", slug="documents"))
            pages = {}
            for n, doc in enumerate(docs):
                body = "".join(f"<p>{escape(p)}</p>" for p in doc["body"].split("\n") if p.strip())
                page = ArticlePage(title=doc["title"], slug=f"doc-{n}", source="评测集",
                                   body=[("paragraph", body)], live=True)
                column.add_child(instance=page)
                pages[page.pk] = (doc["id"], page)
            for line in synonyms:
                SynonymGroup.objects.create(terms=line)
        return column, pages

    def index(self, pages):
        backend = get_search_backend()
        entries = get_app_config().get_model("IndexEntry").objects
        entries.filter(object_id__in=[str(pk) for pk in pages]).delete()
        index = backend.get_index_for_model(ArticlePage)
        objs = [page for _id, page in pages.values()]
        for i in range(0, len(objs), BATCH):
            index.add_items(ArticlePage, objs[i : i + BATCH])
        if connection.vendor == "postgresql":
            # Fresh rows in a transaction have no statistics: without them the planner joins the
            # index table to the pages row by row (seconds a query). Autovacuum does this in production.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE wagtailsearch_indexentry; ANALYZE wagtailcore_page")

    def portal(self, docs, queries, column, pages):
        figures = {}
        cache.delete(vocabulary.VOCABULARY_KEY)
        start = time.perf_counter()
        self.index(pages)
        figures["indexing s"] = time.perf_counter() - start
        figures["index tokens/doc"] = statistics.mean(
            len(normalize.index_tokens(d["title"], with_pinyin=True)) + len(normalize.index_tokens(d["body"]))
            for d in docs
        )
        ranks, timings = [], []
        for query in queries:
            params = service.parse({"q": query["q"], "column": str(column.pk)}, settings.LANGUAGE_CODE)
            start = time.perf_counter()
            outcome = service.run(params, record_hit=False)
            timings.append(time.perf_counter() - start)
            rows = list(outcome.page.object_list) if outcome.page else []
            ranks.append((query, [pages[r["pk"]][0] if r["pk"] in pages else None for r in rows]))
        figures["latency median ms"] = statistics.median(timings) * 1000
        return ranks, figures

    def report(self, name, ranks, show_misses, figures=None):
        by_kind = defaultdict(list)
        for query, found in ranks:
            row = (*scores(query, found), query, found)
            by_kind[query["type"]].append(row)
            by_kind["ALL"].append(row)
        self.stdout.write(f"\n{name}")
        self.stdout.write(f"  {'kind of query':<14}{'n':>4}{'recall@10':>11}{'MRR@10':>9}")
        others = sorted(set(by_kind) - set(KIND_ORDER) - {"ALL"})
        kinds = [k for k in KIND_ORDER if k in by_kind] + others + ["ALL"]
        for kind in kinds:
            rows = by_kind[kind]
            recall = statistics.mean(r[0] for r in rows)
            mrr = statistics.mean(r[1] for r in rows)
            self.stdout.write(f"  {kind:<14}{len(rows):>4}{recall:>11.3f}{mrr:>9.3f}")
        for key, value in (figures or {}).items():
            self.stdout.write(f"  {key}: {value:.2f}")
        if show_misses:
            for recall, rr, query, found in by_kind["ALL"]:
                if recall < 1 or rr < 1:
                    self.stdout.write(f"  miss [{query['type']}] {query['q']!r}: recall {recall:.2f}, "
                                      f"reciprocal rank {rr:.2f}, got {found}")
