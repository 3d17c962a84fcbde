"""The 网上办事 and 互动交流 pages in a real browser: labels, headings, contrast, no-JS form use."""

import os
import re

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase

from services.models import ServicesIndexPage
from services.workflow import perform
from tests.browser import expect, launch, needs_browser
from tests.factories import ResponsibleUnitFactory
from tests.site.test_browser_accessibility import CONTRAST_JS, HEADINGS_JS, UNLABELLED_JS

from .factories import make_letter, make_portal_site, staff_user
from .test_guides import full_guide


@needs_browser
@pytest.mark.browser
class ServicesBrowserTests(StaticLiveServerTestCase):
    @classmethod
    def setUpClass(cls):
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = launch(cls.playwright)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()

    def setUp(self):
        from wagtail.models import Collection

        if not Collection.objects.exists():  # emptied by the previous test's flush
            Collection.add_root(name="Root")
        home = make_portal_site()
        self.services = ServicesIndexPage(title="网上办事", slug="wsbs")
        home.add_child(instance=self.services)
        self.services.save_revision().publish()
        self.guide = full_guide(self.services)
        self.unit = ResponsibleUnitFactory(name="市人社局")
        letter, _ = make_letter(self.unit)
        officer = staff_user(self.unit)
        perform(letter, "accept", officer)
        perform(letter, "reply", officer, reply="答复内容")
        self.letter = letter
        self.page = self.browser.new_page()

    def tearDown(self):
        self.page.close()

    def check_page(self):
        self.assertEqual(self.page.evaluate(UNLABELLED_JS), [])
        levels = self.page.evaluate(HEADINGS_JS)
        self.assertEqual(levels.count(1), 1, levels)
        for previous, current in zip(levels, levels[1:]):
            self.assertLessEqual(current, previous + 1, f"heading levels skip: {levels}")
        self.assertEqual(self.page.evaluate(CONTRAST_JS), [])

    def test_pages_pass_the_basic_checks(self):
        for url in ("/interaction/letters/write/", "/interaction/disclosure/apply/", "/interaction/letters/",
                    f"/interaction/letters/{self.letter.number}/", "/interaction/letters/lookup/",
                    "/interaction/letters/statistics/", self.services.url, self.guide.url,
                    "/en/interaction/letters/write/"):
            with self.subTest(url=url):
                self.page.goto(self.live_server_url + url)
                self.check_page()

    def test_letter_form_without_javascript(self):
        context = self.browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(self.live_server_url + "/interaction/letters/write/")
        self.assertFalse(page.locator("#id_website").is_visible())  # the honeypot stays out of sight
        page.get_by_label("建议").check()
        page.locator("#id_subject").fill("浏览器里写的信")
        page.locator("#id_content").fill("不用脚本也能提交。")
        page.locator("#id_name").fill("林一")
        page.locator("#id_phone").fill("13500135000")
        page.locator("form.citizen-form button[type=submit]").click()
        # the question was left unanswered: the error summary links to it, the text is kept
        expect(page.locator(".error-summary a[href='#id_captcha']")).to_have_count(1)
        expect(page.locator("#id_subject")).to_have_value("浏览器里写的信")
        label = page.locator("label[for=id_captcha]").inner_text()
        a, b = re.search(r"(\d) 加 (\d)", label).groups()
        page.locator("#id_captcha").fill(str(int(a) + int(b)))
        page.locator("form.citizen-form button[type=submit]").click()
        expect(page.locator("h1")).to_contain_text("提交成功")
        expect(page.locator(".confirmation-codes")).to_contain_text(re.compile(r"XJ\d+"))
        context.close()
