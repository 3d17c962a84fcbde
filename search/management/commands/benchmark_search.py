"""python manage.py benchmark_search --documents 10000: indexing time, index size, latency.

Generates N realistic policy-style documents (titles and bodies assembled from the phrases of
government texts), indexes them with the configured backend in batches (as update_index does),
then runs a fixed query mix through the search service (what /search/ does) and straight
through the backend. The documents are committed (so that sizes and plans are real) and removed at the end.
Meant for PostgreSQL; on SQLite the index size is the stored text length.
"""

import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import override_settings
from modelsearch.conf import get_app_config
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from columns.models import ArticlePage, ColumnPage
from home.models import HomePage
from search import service

CITIES = ["梅州市", "梅江区", "梅县区", "兴宁市", "平远县", "蕉岭县", "大埔县", "丰顺县", "五华县"]
AGENCIES = ["人民政府", "发展和改革局", "教育局", "民政局", "人力资源和社会保障局", "自然资源局", "生态环境局",
            "住房和城乡建设局", "交通运输局", "水务局", "农业农村局", "卫生健康委员会", "市场监督管理局", "应急管理局"]
ACTIONS = ["关于印发", "关于做好", "关于开展", "关于加强", "关于进一步规范", "关于公布", "关于征求意见的"]
TOPICS = ["政府信息公开工作要点", "最低生活保障工作", "社会保险费征缴", "义务教育招生入学", "防汛防旱防风工作",
          "食品安全专项整治", "住房公积金提取管理", "建设项目环境影响评价", "招标投标活动监督管理", "户口迁移登记",
          "高标准农田建设", "城乡居民基本医疗保险", "安全生产大检查", "客家围龙屋保护", "乡村振兴示范带建设",
          "优化营商环境", "就业创业补贴申领", "老旧小区改造", "河长制湖长制", "森林防火"]
ENDINGS = ["的通知", "的实施方案", "的意见", "的公告", "的工作方案", "的实施细则"]
SENTENCES = [
    "各县（市、区）人民政府，市府直属各单位要高度重视，加强组织领导，明确责任分工。",
    "本办法自印发之日起施行，有效期五年。",
    "申请人可通过广东政务服务网或者粤省事小程序在线办理，也可到政务服务中心窗口办理。",
    "行政机关应当自受理申请之日起二十个工作日内作出决定。",
    "要坚持以人民为中心的发展思想，切实保障人民群众合法权益。",
    "对工作中发现的问题，要及时整改，并将整改情况报送市人民政府办公室。",
    "各地要加大资金投入，落实财政保障，确保各项政策措施落地见效。",
    "公民、法人或者其他组织对具体行政行为不服的，可以依法申请行政复议或者提起行政诉讼。",
    "坚持公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
    "加强监督检查，对落实不力的单位予以通报批评。",
]
QUERIES = ["信息公开", "最低生活保障", "低保", "社保", "教育", "防汛", "食品安全", "公积金 提取", "环境影响评价",
           "招标投标", "户口迁移", "xxgk", "zhufang gongjijin", "政府信息公開", "营商环境", "乡村振兴 示范带",
           "梅州市教育局", "森林防火", "医疗保险 缴费", "food safety"]
BATCH = 500


class Command(BaseCommand):
    help = "生成 N 篇文档并测量索引时间、索引大小和搜索延迟（中位数与 p95）。"

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=10000)
        parser.add_argument("--repeat", type=int, default=5, help="每个查询重复次数")
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args, **options):
        n, rng = options["documents"], random.Random(options["seed"])
        self.stdout.write(f"Database: {connection.vendor}; backend: {settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}; "
                          f"segmenter: {settings.PORTAL_SEARCH_SEGMENTER}; documents: {n}")
        backend_settings = {k: dict(v, AUTO_UPDATE=False) for k, v in settings.WAGTAILSEARCH_BACKENDS.items()}
        home = None
        try:
            with override_settings(WAGTAILSEARCH_BACKENDS=backend_settings), transaction.atomic():
                start = time.perf_counter()
                home, pages = self.create_pages(n, rng)
                self.stdout.write(f"page creation (not indexing): {time.perf_counter() - start:.1f} s")
            index = get_search_backend().get_index_for_model(ArticlePage)
            start = time.perf_counter()
            for i in range(0, len(pages), BATCH):
                with transaction.atomic():
                    index.add_items(ArticlePage, pages[i : i + BATCH])
            elapsed = time.perf_counter() - start
            self.stdout.write(f"indexing time: {elapsed:.1f} s ({n / elapsed:.0f} documents/s)")
            self.vacuum()
            self.stdout.write(f"index size: {self.index_size()}")
            self.latency("search service (as /search/)", options["repeat"], self.service_query)
            self.latency("backend only (top 10)", options["repeat"], self.backend_query)
        finally:
            if home is not None:
                self.stdout.write("removing the benchmark documents ...")
                self.cleanup(home, backend_settings)

    def vacuum(self):
        # Fresh statistics for every table (as autovacuum would have after a real import):
        # without them PostgreSQL expects one row per table and skips the GIN index.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    def cleanup(self, home, backend_settings):
        IndexEntry = get_app_config().get_model("IndexEntry")
        ids = [str(pk) for pk in Page.objects.descendant_of(home, inclusive=True).values_list("pk", flat=True)]
        with override_settings(WAGTAILSEARCH_BACKENDS=backend_settings), transaction.atomic():
            for i in range(0, len(ids), 5000):
                IndexEntry.objects.filter(object_id__in=ids[i : i + 5000]).delete()
            Page.objects.get(pk=home.pk).delete()

    def create_pages(self, n, rng):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="搜索基准", slug="search-benchmark-tmp"))
        column = home.add_child(instance=ColumnPage(title="基准文档", slug="documents"))
        pages = []
        for i in range(n):
            title = rng.choice(CITIES) + rng.choice(AGENCIES) + rng.choice(ACTIONS) + rng.choice(TOPICS) + rng.choice(ENDINGS)
            body = "".join(rng.sample(SENTENCES, 4)) + rng.choice(TOPICS) + "。"
            page = ArticlePage(title=title, slug=f"doc-{i}", source=rng.choice(CITIES) + rng.choice(AGENCIES),
                               summary=body[:200], body=[("paragraph", f"<p>{body}</p>")], live=True)
            column.add_child(instance=page)
            pages.append(page)
            if (i + 1) % 1000 == 0:
                self.stdout.write(f"  created {i + 1}/{n}")
        return home, pages

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

    def latency(self, label, repeat, run):
        timings = []
        for q in QUERIES:
            run(q)  # warm the caches once per query, as a running site would be
            for _ in range(repeat):
                start = time.perf_counter()
                run(q)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        self.stdout.write(f"{label}: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms "
                          f"({len(QUERIES)} queries x {repeat})")
