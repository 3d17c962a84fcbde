"""python manage.py evaluate_search: recall@10 and MRR@10 on an evaluation set in search/evaluation/.

Two sets: ``legal`` (default; 578 documents cut from Chinese laws and regulations, 91 queries
judged by reading, see search/evaluation/README.md) and ``portal`` (the first, small set of 44
paraphrased documents). The documents are loaded once into a throw-away page tree inside a
transaction that is rolled back: pages are created with Wagtail's search auto-update off and then
indexed in batches, as ``update_index`` does, once per segmenter. The set's synonyms are added as
editors would add them, and every query goes through the same search service as the search page.
A naive substring search (what LIKE '%q%' would give, in document order) is scored alongside.

More files test the figures themselves: ``--queries fresh`` (``fresh2`` to ``fresh19``) runs queries
written and judged afterwards by other readers who never saw the search (``queries-fresh.jsonl``,
with ``synonyms-fresh.txt`` if there is one); ``--judge second`` scores the 91 queries against a
second reader's judgments (``judgments-second.jsonl``) and prints how far the two readers agree;
``--starter`` adds the starter synonym list that ``load_synonyms`` loads.

recall@10 is the share of a query's relevant documents in the first 10 results, out of at most 10
(a query with 50 relevant documents scores 1.0 when its first 10 results are all relevant).
"""

import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils.html import escape
from modelsearch.conf import get_app_config
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from columns.models import ArticlePage, ColumnPage
from home.models import HomePage
from search import normalize, service, shared, vocabulary
from search.management.commands.load_synonyms import starter_lines
from search.models import SynonymGroup

SETS_DIR = Path(__file__).resolve().parents[2] / "evaluation"
SETS = ("legal", "portal")
K = 10
BATCH = 200
KIND_ORDER = ["keyword", "words", "traditional", "pinyin", "abbreviation", "typo", "english"]


def read_set(folder, queries=None, judge=None):
    """(documents, queries, synonym lines) of a set; ``queries``: the name of another query file
    (queries-NAME.jsonl, its synonyms-NAME.txt added to the set's); ``judge``: another reader's
    judgments of the set's queries (judgments-NAME.jsonl, matched by query text)."""
    folder = Path(folder)

    def read(name):
        path = folder / name
        if not path.exists():
            raise CommandError(f"评测集 {folder} 中没有文件 {name}。")
        return [line for line in path.read_text("utf-8").splitlines() if line.strip()]

    def jsonl(name):
        return [json.loads(line) for line in read(name)]

    synonyms = read("synonyms.txt")
    query_list = jsonl(f"queries-{queries}.jsonl" if queries else "queries.jsonl")
    if queries and (folder / f"synonyms-{queries}.txt").exists():
        synonyms += read(f"synonyms-{queries}.txt")
    if judge:
        relevant = {line["q"]: line["relevant"] for line in jsonl(f"judgments-{judge}.jsonl")}
        missing = [query["q"] for query in query_list if query["q"] not in relevant]
        if missing:
            raise CommandError(f"judgments-{judge}.jsonl 缺少这些查询的判断：{'、'.join(missing)}")
        query_list = [dict(query, relevant=relevant[query["q"]], first_reader=query["relevant"]) for query in query_list]
    return jsonl("documents.jsonl"), query_list, synonyms


def agreement(queries, n_docs):
    """(Cohen's kappa over every query-document pair, positive agreement) between the first
    reader's judgments (``first_reader``) and the ones in ``relevant``."""
    both = first_only = second_only = 0
    for query in queries:
        first, second = set(query["first_reader"]), set(query["relevant"])
        both += len(first & second)
        first_only += len(first - second)
        second_only += len(second - first)
    pairs = n_docs * len(queries)
    neither = pairs - both - first_only - second_only
    observed = (both + neither) / pairs
    chance = ((both + first_only) * (both + second_only) + (neither + first_only) * (neither + second_only)) / pairs**2
    return (observed - chance) / (1 - chance), 2 * both / (2 * both + first_only + second_only)


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
        parser.add_argument("--queries", help="另一组查询：queries-<名称>.jsonl（及 synonyms-<名称>.txt），如 fresh")
        parser.add_argument("--starter", action="store_true", help="另加初始同义词表（load_synonyms 默认加载的词表）")
        parser.add_argument("--judge", help="另一位评判人的判断：judgments-<名称>.jsonl，如 second")
        parser.add_argument("--segmenter", choices=["bigram", "jieba", "hybrid", "all"], default="all")
        parser.add_argument("--show-misses", action="store_true", help="列出未找全或首个相关结果不在第一位的查询")

    def handle(self, *args, **options):
        folder = options["dir"] or SETS_DIR / options["set"]
        docs, queries, synonyms = read_set(folder, options["queries"], options["judge"])
        if options["starter"]:
            synonyms += starter_lines()
        self.stdout.write(
            f"Evaluation set {folder}: {len(docs)} documents, {len(queries)} queries"
            f"{' (' + options['queries'] + ')' if options['queries'] else ''}, {len(synonyms)} synonym groups"
        )
        if options["judge"]:
            kappa, positive = agreement(queries, len(docs))
            self.stdout.write(f"Judgments of reader “{options['judge']}”; agreement with the first reader: "
                              f"Cohen's kappa {kappa:.3f}, positive agreement {positive:.3f}")
        self.report("naive substring", self.naive(docs, queries), options["show_misses"])
        segmenter = options["segmenter"]
        segmenters = ["bigram", "jieba", "hybrid"] if segmenter == "all" else [segmenter]
        shared.forget(vocabulary.SYNONYMS_KEY, vocabulary.VOCABULARY_KEY)
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
            shared.forget(vocabulary.SYNONYMS_KEY, vocabulary.VOCABULARY_KEY)

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
            for number, message in SynonymGroup.load_lines(synonyms)[2]:
                self.stderr.write(f"synonym line {number} not loaded: {message}")
        return column, pages

    def index(self, pages):
        backend = get_search_backend()
        entries = get_app_config().get_model("IndexEntry").objects
        entries.filter(object_id__in=[str(pk) for pk in pages]).delete()
        index = backend.get_index_for_model(ArticlePage)
        objs = [page for _id, page in pages.values()]
        for i in range(0, len(objs), BATCH):
            index.add_items(ArticlePage, objs[i : i + BATCH])
        index._refresh_title_norms(full=True)  # as update_index ends: every title weighed by one average
        if connection.vendor == "postgresql":
            # Fresh rows in a transaction have no statistics: without them the planner joins the
            # index table to the pages row by row (seconds a query). Autovacuum does this in production.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE wagtailsearch_indexentry; ANALYZE wagtailcore_page")

    def portal(self, docs, queries, column, pages):
        figures = {}
        shared.forget(vocabulary.VOCABULARY_KEY)
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
