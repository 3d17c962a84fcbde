"""Every page type renders in all three languages, with the chrome Chinese portals must show."""

from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, Site

from site.models import PortalIdentity
from tests.factories import make_tree


class RenderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = make_tree()

    def test_every_page_type_renders_in_every_language(self):
        for name, page in self.tree.items():
            for code in ("zh-hans", "zh-hant", "en"):
                version = page.get_translation(Locale.objects.get(language_code=code))
                url = version.get_url()
                with self.subTest(page=name, language=code, url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, page.title)

    def test_url_scheme(self):
        article = self.tree["article"]
        self.assertEqual(article.url, "/zwdt/yw/cwhy/")
        hant = article.get_translation(Locale.objects.get(language_code="zh-hant"))
        self.assertEqual(hant.url, "/zh-hant/zwdt/yw/cwhy/")
        en = article.get_translation(Locale.objects.get(language_code="en"))
        self.assertEqual(en.url, "/en/zwdt/yw/cwhy/")

    def test_html_lang_follows_the_language(self):
        self.assertContains(self.client.get("/"), '<html lang="zh-Hans">')
        self.assertContains(self.client.get("/zh-hant/"), '<html lang="zh-Hant">')
        self.assertContains(self.client.get("/en/"), '<html lang="en">')

    def test_article_shows_source_and_publish_time(self):
        article = self.tree["article"]
        shown = timezone.localtime(article.publish_time).strftime("%Y-%m-%d %H:%M")
        response = self.client.get(article.url)
        self.assertContains(response, "来源：梅州市人民政府办公室")
        self.assertContains(response, f"发布时间：<time datetime=\"{timezone.localtime(article.publish_time).isoformat()}\"")
        self.assertContains(response, f">{shown}</time>")

    def test_policy_document_shows_its_metadata(self):
        policy = self.tree["policy"]
        response = self.client.get(policy.url)
        for text in ("索引号", "发文机关", "梅州市人民政府", "文号", policy.document_number, "成文日期", "发布日期",
                     "主题分类", "城乡建设、环境保护", "有效性", "有效"):
            self.assertContains(response, text)

    def test_breadcrumb_leads_home(self):
        response = self.client.get(self.tree["article"].url)
        self.assertContains(response, 'aria-label="当前位置"')
        self.assertContains(response, '<a href="/">首页</a>')
        self.assertContains(response, '<a href="/zwdt/">政务动态</a>')
        self.assertContains(response, '<span aria-current="page">市政府召开常务会议</span>')

    def test_main_navigation_lists_menu_columns(self):
        response = self.client.get("/")
        self.assertContains(response, '<a href="/zwdt/">政务动态</a>')
        self.assertContains(response, '<a href="/wsbs/">网上办事</a>')

    def test_main_navigation_marks_the_current_section(self):
        response = self.client.get(self.tree["article"].url)
        self.assertContains(response, '<a href="/zwdt/" aria-current="page">政务动态</a>')
        self.assertContains(response, '<a href="/wsbs/">网上办事</a>')

    def test_footer_shows_identity_settings(self):
        identity = PortalIdentity.for_site(Site.objects.get(is_default_site=True))
        identity.sponsor = "梅州市人民政府办公室"
        identity.organizer = "梅州市政务服务数据管理局"
        identity.icp_number = "粤ICP备05070905号"
        identity.police_record_number = "粤公网安备44140202000001号"
        identity.site_code = "4414000001"
        identity.phone = "0753-2188000"
        identity.save()
        for url in ("/", self.tree["article"].url, "/en/", "/search/"):
            response = self.client.get(url)
            with self.subTest(url=url):
                footer = response.content.decode().split('<footer', 1)[1]
                for value in ("梅州市人民政府办公室", "梅州市政务服务数据管理局", "粤ICP备05070905号",
                              "粤公网安备44140202000001号", "4414000001", "0753-2188000"):
                    self.assertIn(value, footer)

    def test_unknown_page_is_a_translated_404(self):
        self.assertContains(self.client.get("/no-such-page/"), "页面不存在", status_code=404)
        self.assertContains(self.client.get("/en/no-such-page/"), "Page not found", status_code=404)
