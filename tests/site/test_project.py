"""Project-level checks: production settings, migrations, health check, demo command."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, TransactionTestCase
from wagtail.models import Locale, Page

from columns.models import ArticlePage, ColumnPage, PolicyDocumentPage
from home.models import HomePage
from site.models import PortalIdentity, WebsiteLink

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


class ProjectChecks(TestCase):
    def test_production_settings_pass_check_deploy(self):
        result = run_manage(
            "check", "--deploy", "--fail-level", "WARNING",
            DJANGO_SETTINGS_MODULE="site.settings.production",
            DJANGO_SECRET_KEY="x7$Gq!2vRz" * 6,
            DJANGO_ALLOWED_HOSTS="www.meizhou.gov.cn",
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues (0 silenced).", result.stdout)

    def test_production_refuses_to_start_without_a_secret(self):
        env = {"DJANGO_SETTINGS_MODULE": "site.settings.production", "DJANGO_SECRET_KEY": "",
               "DJANGO_ALLOWED_HOSTS": "www.meizhou.gov.cn"}
        result = run_manage("check", **env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY must be set", result.stderr)

    def test_no_missing_migrations(self):
        out = StringIO()
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
        self.assertIn("No changes detected", out.getvalue())

    def test_health_check(self):
        response = self.client.get("/healthz/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})


class DemoCommandTests(TransactionTestCase):
    def counts(self):
        return (Page.objects.count(), ArticlePage.objects.count(), PolicyDocumentPage.objects.count(),
                ColumnPage.objects.count(), WebsiteLink.objects.count())

    def test_demo_is_realistic_and_idempotent(self):
        call_command("load_demo", stdout=StringIO())
        first = self.counts()
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(self.counts(), first)

        home = HomePage.objects.get(locale__language_code="zh-hans")
        titles = set(ColumnPage.objects.filter(locale=home.locale).values_list("title", flat=True))
        self.assertTrue({"政策文件", "通知公告", "要闻", "政府信息公开"} <= titles)
        self.assertGreaterEqual(ArticlePage.objects.filter(locale=home.locale).count(), 24)
        rules = PolicyDocumentPage.objects.get(title="梅州市人民政府门户网站管理办法", locale=home.locale)
        self.assertIn("第十七条", str(rules.body))
        self.assertEqual(rules.issuing_authority, "梅州市人民政府办公室")
        interpreted = PolicyDocumentPage.objects.get(slug="zcwj-01", locale=home.locale)
        self.assertEqual([i.page.title for i in interpreted.interpretations.all()],
                         ["《梅州市优化营商环境若干措施》政策解读"])
        self.assertContains(self.client.get(interpreted.url),
                            '<a href="/zwgk/zcjd/zcjd-01/">《梅州市优化营商环境若干措施》政策解读</a>', html=True)
        identity = PortalIdentity.for_site(home.get_site())
        self.assertEqual(identity.domain, "www.meizhou.gov.cn")
        self.assertEqual(identity.icp_number, "粤ICP备05070905号")
        # Every page has its zh-hant and en counterpart.
        for code in ("zh-hant", "en"):
            locale = Locale.objects.get(language_code=code)
            self.assertEqual(Page.objects.filter(locale=locale, depth__gt=1).count(),
                             Page.objects.filter(locale=home.locale, depth__gt=1).count())
        for url in ("/", "/zwgk/zcwj/", "/zwgk/zcwj/mzsrmzfmhwzglbf/", "/zh-hant/zwdt/yw/", "/en/zjmz/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_ensure_admin_uses_djangos_variables_and_prints_defaults(self):
        out = StringIO()
        os.environ.pop("DJANGO_SUPERUSER_PASSWORD", None)
        os.environ["DJANGO_SUPERUSER_USERNAME"] = "zhanzhang"
        try:
            call_command("ensure_admin", stdout=out)
            call_command("ensure_admin", stdout=out)
        finally:
            del os.environ["DJANGO_SUPERUSER_USERNAME"]
        from site.models import User

        self.assertTrue(User.objects.get(username="zhanzhang").is_superuser)
        self.assertIn("DJANGO_SUPERUSER_PASSWORD", out.getvalue())
        self.assertIn("已存在", out.getvalue())


class ProductionEntryPointTests(TestCase):
    def test_gunicorn_serves_through_the_bootstrap(self):
        """The Dockerfile's command: gunicorn -c python:portal_bootstrap site.wsgi."""
        import socket
        import tempfile
        import time
        import urllib.request

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "site.settings.production",
                "DJANGO_SECRET_KEY": "q9!Zr" * 12,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
                "PORT": str(port),
                "WEB_CONCURRENCY": "1",
                "PYTHONPATH": str(ROOT),
            }
            server = subprocess.Popen(
                [str(Path(sys.executable).with_name("gunicorn")), "-c", "python:portal_bootstrap", "site.wsgi"],
                cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            try:
                body = None
                for _ in range(100):
                    try:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2) as response:
                            body = response.read().decode()
                        break
                    except OSError:
                        time.sleep(0.2)
                self.assertEqual(body, '{"status": "ok"}')
            finally:
                server.terminate()
                server.wait(timeout=10)
            # Read once in the master (preload_app), not in each worker's first searches.
            self.assertIn("search dictionaries loaded in", server.stderr.read().decode())


def redis_reachable():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


class ProductionCacheTests(TestCase):
    def test_production_shares_one_redis_cache_between_processes(self):
        if not redis_reachable():
            self.skipTest("no Redis server at 127.0.0.1:6379 (.ci/run starts one)")
        env = {"DJANGO_SETTINGS_MODULE": "site.settings.production", "DJANGO_SECRET_KEY": "k3!Yv" * 12,
               "DJANGO_ALLOWED_HOSTS": "localhost", "REDIS_URL": "redis://127.0.0.1:6379/7"}
        write = run_manage("shell", "-c", "from django.core.cache import cache; cache.set('portal-test', 42, 60)", **env)
        self.assertEqual(write.returncode, 0, write.stderr)
        read = run_manage("shell", "-c", "from django.core.cache import cache; print(cache.get('portal-test'))", **env)
        self.assertEqual(read.stdout.strip().splitlines()[-1], "42", read.stderr)
