"""Prints how long the public letter pages take with N letters. Everything it writes is rolled back."""

import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from columns.units import ResponsibleUnit
from services.models import Letter

URLS = ["/interaction/letters/", "/interaction/letters/statistics/", "/interaction/letters/export.csv"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "测量来信公开列表、统计和导出在 N 封来信下的耗时与查询数（数据在事务中生成并回滚）。"

    def add_arguments(self, parser):
        parser.add_argument("--letters", type=int, default=5000)

    def handle(self, *args, letters, **options):
        try:
            with transaction.atomic():
                self._fill(letters)
                client = Client(HTTP_HOST="localhost")
                for url in URLS:
                    client.get(url)  # warm caches and templates
                    with CaptureQueriesContext(connection) as queries:
                        start = time.perf_counter()
                        response = client.get(url)
                        elapsed = (time.perf_counter() - start) * 1000
                    self.stdout.write(f"{url} letters={letters} status={response.status_code} "
                                      f"queries={len(queries)} ms={elapsed:.0f}")
                raise Rollback
        except Rollback:
            pass

    @staticmethod
    def _fill(count):
        units = [ResponsibleUnit.objects.create(name=f"基准测试单位{i}") for i in range(20)]
        now, code_hash = timezone.now(), make_password("BENCHMARK")
        Letter.objects.bulk_create([
            Letter(number=f"BENCH{i:07d}", query_code_hash=code_hash, kind="consult", subject=f"基准测试来信{i}",
                   content="内容", name="张三", phone="13800000000", unit=units[i % 20],
                   reply_unit=units[i % 20], publish_consent=True, status="closed",
                   received_at=now - timezone.timedelta(days=i % 300), accepted_at=now, replied_at=now,
                   due_date=now.date(), reply="答复")
            for i in range(count)
        ], batch_size=1000)
