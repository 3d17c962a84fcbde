"""The language switcher and hreflang alternates lead to the same page in the other languages."""

import re

from django.test import TestCase
from wagtail.models import Locale

from tests.factories import make_tree


def switcher_links(response):
    html = response.content.decode()
    nav = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return {hreflang: href for href, hreflang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


class LanguageSwitcherTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = make_tree()

    def test_switcher_targets_the_same_page(self):
        response = self.client.get("/zwdt/yw/cwhy/")
        self.assertEqual(
            switcher_links(response), {"zh-Hant": "/zh-hant/zwdt/yw/cwhy/", "en": "/en/zwdt/yw/cwhy/"}
        )
        response = self.client.get("/en/zwdt/yw/cwhy/")
        self.assertEqual(
            switcher_links(response), {"zh-Hans": "/zwdt/yw/cwhy/", "zh-Hant": "/zh-hant/zwdt/yw/cwhy/"}
        )

    def test_every_switcher_target_answers(self):
        for page in self.tree.values():
            for target in switcher_links(self.client.get(page.url)).values():
                with self.subTest(source=page.url, target=target):
                    self.assertEqual(self.client.get(target).status_code, 200)

    def test_missing_translation_falls_back_to_that_languages_home(self):
        policy = self.tree["policy"]
        policy.get_translation(Locale.objects.get(language_code="en")).delete()
        links = switcher_links(self.client.get(policy.url))
        self.assertEqual(links["en"], "/en/")
        self.assertEqual(links["zh-Hant"], "/zh-hant/zwgk/zcwj/gsglbf/")

    def test_hreflang_alternates(self):
        html = self.client.get("/zwdt/yw/cwhy/").content.decode()
        self.assertIn('<link rel="alternate" hreflang="zh-Hans" href="http://testserver/zwdt/yw/cwhy/">', html)
        self.assertIn('<link rel="alternate" hreflang="zh-Hant" href="http://testserver/zh-hant/zwdt/yw/cwhy/">', html)
        self.assertIn('<link rel="alternate" hreflang="en" href="http://testserver/en/zwdt/yw/cwhy/">', html)
        self.assertIn('<link rel="alternate" hreflang="x-default" href="http://testserver/zwdt/yw/cwhy/">', html)

    def test_switcher_on_a_view_that_is_not_a_page(self):
        links = switcher_links(self.client.get("/search/?q=x"))
        self.assertEqual(links["en"], "/en/search/?q=x")


class UntranslatedNoticeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = make_tree()

    def test_synchronised_copy_says_it_is_not_translated(self):
        self.assertContains(self.client.get("/en/zwdt/yw/cwhy/"), "This page has not been translated yet")
        self.assertContains(self.client.get("/zh-hant/zwdt/yw/cwhy/"), "本頁尚未翻譯")
        self.assertNotContains(self.client.get("/zwdt/yw/cwhy/"), "untranslated-notice")
