"""python manage.py benchmark_search --documents 10000: indexing time, index size, latency.

Generates N realistic policy-style documents (titles and bodies assembled from the phrases of
government texts) as live pages of one column (written in bulk, see ``search/benchmark.py``),
indexes them with the configured backend in batches (as update_index does), then runs a fixed
query mix through the search service (what /search/ does) and straight through the backend;
with ``--evaluation-queries`` also every query of the evaluation sets (the slow cases).
The documents are committed (so that sizes and plans are real) and removed at the end, unless
``--keep`` is given; ``--reuse`` then measures the latency again on the kept documents.
Meant for PostgreSQL; on SQLite the index size is the stored text length.
"""

import json
import random
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.test.utils import override_settings
from modelsearch.conf import get_app_config
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from columns.models import ArticlePage, ColumnPage
from home.models import HomePage
from search import benchmark, service
from search.apps import load_dictionaries
from search.models import SynonymGroup

QUERIES = ["信息公开", "最低生活保障", "低保", "社保", "教育", "防汛", "食品安全", "公积金 提取", "环境影响评价",
           "招标投标", "户口迁移", "xxgk", "zhufang gongjijin", "政府信息公開", "营商环境", "乡村振兴 示范带",
           "梅州市教育局", "森林防火", "医疗保险 缴费", "food safety"]
# Everyday wording (and English that no synonym covers, read with the dictionary) that fills less
# than a page even at 100,000 documents, so the service runs its fallbacks too (all words but one,
# then all but two, and the "did you mean" check): the slowest path.
FALLBACK_QUERIES = ["围龙屋 修缮 补助 怎么 申请", "孩子 转学 要 什么 材料", "宅基地 审批 多久",
                    "老旧小区 加装电梯 补贴", "失业金 领取 条件", "school bus safety"]
# The synonyms the query mix relies on (低保, 社保, food safety), as editors would have entered
# them; added for the run (marked by their note) and removed with the documents.
SYNONYMS = ["社保、社会保险", "低保、最低生活保障", "公积金、住房公积金", "医保、医疗保险", "food safety、食品安全"]
SYNONYM_NOTE = "benchmark_search"
BATCH = 500
EVALUATION_DIR = Path(__file__).resolve().parents[2] / "evaluation" / "legal"
HOME_SLUG = "search-benchmark-tmp"


def _median_p95(timings):
    """"median … ms, p95 … ms" of timings in milliseconds."""
    timings = sorted(timings)
    return f"median {statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms"


class Command(BaseCommand):
    help = "生成 N 篇文档并测量索引时间、索引大小和搜索延迟（中位数与 p95）。"

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=10000)
        parser.add_argument("--repeat", type=int, default=5, help="每个查询重复次数")
        parser.add_argument("--seed", type=int, default=4)
        parser.add_argument("--keep", action="store_true", help="测量后保留生成的文档（供 --reuse 或 EXPLAIN 使用）")
        parser.add_argument("--reuse", action="store_true", help="不生成文档，只在 --keep 保留的文档上测量延迟")
        parser.add_argument("--cleanup", action="store_true", help="只删除 --keep 保留的文档")
        parser.add_argument("--evaluation-queries", action="store_true",
                            help="另测评测集的全部查询（各一次，再各一次缓存已热）：最慢的情形")

    def handle(self, *args, **options):
        n, rng = options["documents"], random.Random(options["seed"])
        backend_settings = {k: dict(v, AUTO_UPDATE=False) for k, v in settings.WAGTAILSEARCH_BACKENDS.items()}
        kept = Page.objects.filter(slug=HOME_SLUG, depth=2).first()
        if options["cleanup"] or options["reuse"]:
            if kept is None:
                raise CommandError("没有 --keep 保留的基准文档。")
            if options["cleanup"]:
                return self.cleanup(kept, backend_settings)
            n = kept.get_descendants().count() - 1
            self.stdout.write(f"Reusing {n} kept documents")
            return self.measure(options["repeat"], options["evaluation_queries"])
        if kept is not None:
            raise CommandError("上次 --keep 保留的基准文档仍在：先运行 --cleanup。")
        self.stdout.write(f"Database: {connection.vendor}; backend: {settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}; "
                          f"segmenter: {settings.PORTAL_SEARCH_SEGMENTER}; documents: {n}")
        home = None
        try:
            with override_settings(WAGTAILSEARCH_BACKENDS=backend_settings), transaction.atomic():
                for terms in SYNONYMS:
                    SynonymGroup.objects.create(terms=terms, note=SYNONYM_NOTE)
                start = time.perf_counter()
                home = Page.get_first_root_node().add_child(instance=HomePage(title="搜索基准", slug=HOME_SLUG))
                column = home.add_child(instance=ColumnPage(title="基准文档", slug="documents"))
                benchmark.create_articles(column, n, rng, self.progress(n))
                elapsed = time.perf_counter() - start
                self.stdout.write(
                    f"page creation (bulk, not indexing): {elapsed:.1f} s ({n / elapsed:.0f} pages/s)"
                )
            start = time.perf_counter()
            self.index(column)
            elapsed = time.perf_counter() - start
            self.stdout.write(f"indexing time: {elapsed:.1f} s ({n / elapsed:.0f} documents/s)")
            self.vacuum()
            self.stdout.write(f"index size: {self.index_size()}")
            self.measure(options["repeat"], options["evaluation_queries"])
        finally:
            if home is not None and not options["keep"]:
                self.cleanup(home, backend_settings)

    def index(self, column):
        """As update_index does: read the pages in batches and add each batch to the index."""
        index = get_search_backend().get_index_for_model(ArticlePage)
        pks = list(ArticlePage.objects.child_of(column).order_by("pk").values_list("pk", flat=True))
        for i in range(0, len(pks), BATCH):
            with transaction.atomic():
                index.add_items(ArticlePage, list(ArticlePage.objects.filter(pk__in=pks[i : i + BATCH])))

    def progress(self, n):
        def report(done):
            if done % 10000 == 0 or done == n:
                self.stdout.write(f"  created {done}/{n}")
        return report

    def measure(self, repeat, evaluation_queries=False):
        # As gunicorn's master does before the workers serve (portal_bootstrap.when_ready): the
        # first searches are timed as a served process's, without these one-time reads.
        start = time.perf_counter()
        load_dictionaries()
        self.stdout.write(f"dictionaries read before the first search: {time.perf_counter() - start:.1f} s")
        self.latency("search service (as /search/)", repeat, self.service_query)
        self.latency("search service, everyday wording (fallbacks)", repeat, self.service_query, FALLBACK_QUERIES)
        self.latency("backend only (top 10)", repeat, self.backend_query)
        self.publishing()
        if evaluation_queries:
            self.sweep()

    def publishing(self, pages=20):
        """What the index adds to a publish: one page indexed (in a transaction rolled back), after
        a first one that reads what is remembered for an hour (the average title length)."""
        home = Page.objects.filter(slug=HOME_SLUG, depth=2).first()
        index = get_search_backend().get_index_for_model(ArticlePage)
        timings = []
        for page in ArticlePage.objects.descendant_of(home).order_by("-pk")[: pages + 1]:
            with transaction.atomic():
                start = time.perf_counter()
                index.add_items(ArticlePage, [page])
                timings.append((time.perf_counter() - start) * 1000)
                transaction.set_rollback(True)
        if len(timings) < 2:
            return
        self.stdout.write(f"indexing one page (a publish): {_median_p95(timings[1:])} ({len(timings) - 1} pages; "
                          f"the first of the hour {timings[0]:.0f} ms)")

    def sweep(self):
        """Every query of the evaluation sets (citizens' wording of every kind, most of which the
        generated texts barely match): once as it comes, then again with the caches warm. The
        slowest cases, not the mix's typical ones."""
        queries = list(dict.fromkeys(
            json.loads(line)["q"] for path in sorted(EVALUATION_DIR.glob("queries*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()
        ))
        timings = {"first": [], "again": []}
        for q in queries:
            for run in timings.values():
                start = time.perf_counter()
                self.service_query(q)
                run.append(((time.perf_counter() - start) * 1000, q))
        for label, run in timings.items():
            values = sorted(t for t, _q in run)
            slowest = ", ".join(f"{q} {t:.0f} ms" for t, q in sorted(run, reverse=True)[:3])
            self.stdout.write(f"search service, the evaluation sets' {len(values)} queries ({label}): "
                              f"{_median_p95(values)}, max {values[-1]:.0f} ms ({slowest})")

    def vacuum(self):
        # Fresh statistics for every table (as autovacuum would have after a real import):
        # without them PostgreSQL expects one row per table and skips the GIN index.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    def cleanup(self, home, backend_settings):
        self.stdout.write("removing the benchmark documents ...")
        IndexEntry = get_app_config().get_model("IndexEntry")
        home = Page.objects.filter(pk=home.pk).first()
        if home is None:  # creation failed and was rolled back: nothing to remove
            return
        with override_settings(WAGTAILSEARCH_BACKENDS=backend_settings), transaction.atomic():
            ids = Page.objects.descendant_of(home, inclusive=True).annotate(key=Cast("pk", TextField()))
            IndexEntry.objects.filter(object_id__in=ids.values("key")).delete()
            for column in ColumnPage.objects.child_of(home):
                benchmark.delete_articles(column)
            Page.objects.get(pk=home.pk).delete()
            for group in SynonymGroup.objects.filter(note=SYNONYM_NOTE):
                group.delete()  # one by one: the signal drops the cached synonyms
        self.vacuum()

    def index_size(self):
        table = get_app_config().get_model("IndexEntry")._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_size_pretty(pg_total_relation_size(%s)), COUNT(*) FROM " + table, [table])
                total, rows = cursor.fetchone()
                cursor.execute(
                    "SELECT indexname, pg_size_pretty(pg_relation_size(indexname::regclass)) FROM pg_indexes "
                    "WHERE tablename = %s ORDER BY pg_relation_size(indexname::regclass) DESC LIMIT 4", [table])
                largest = ", ".join(f"{name} {size}" for name, size in cursor.fetchall())
                return f"{total} for {rows} entries (table {table} with its indexes; largest: {largest})"
            cursor.execute(f"SELECT SUM(LENGTH(title) + LENGTH(body)) FROM {table}")  # noqa: S608
            return f"{cursor.fetchone()[0] / 1e6:.1f} MB of stored token text (SQLite)"

    def service_query(self, q):
        service.run(service.parse({"q": q}, settings.LANGUAGE_CODE), record_hit=False)

    def backend_query(self, q):
        list(Page.objects.live().search(q)[:10])

    def latency(self, label, repeat, run, queries=QUERIES):
        timings = []
        for q in queries:
            run(q)  # warm the caches once per query, as a running site would be
            for _ in range(repeat):
                start = time.perf_counter()
                run(q)
                timings.append((time.perf_counter() - start) * 1000)
        self.stdout.write(f"{label}: {_median_p95(timings)} ({len(queries)} queries x {repeat})")
