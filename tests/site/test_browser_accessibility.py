"""The public pages in a real browser: keyboard use, labels, headings, contrast, small screens."""

import os
import re

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase

from tests.browser import expect, launch, needs_browser
from tests.factories import make_tree

# WCAG contrast of every visible text node against its effective background; returns the failures.
CONTRAST_JS = """() => {
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const rgba = s => s.match(/[\\d.]+/g).map(Number);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !el.offsetParent) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.visually-hidden, .skip-link')) continue;
    const [l1, l2] = [lum(rgba(style.color).slice(0, 3)), lum(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    if (ratio < 4.5) failures.push(`${el.tagName} "${el.textContent.trim().slice(0, 20)}" ${ratio.toFixed(2)}`);
  }
  return failures;
}"""

UNLABELLED_JS = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)"""

HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]))"""


@needs_browser
@pytest.mark.browser
class BrowserAccessibilityTests(StaticLiveServerTestCase):
    @classmethod
    def setUpClass(cls):
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
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
        self.tree = make_tree()
        self.page = self.browser.new_page()

    def tearDown(self):
        self.page.close()

    def urls(self):
        return ["/", self.tree["news"].url, self.tree["article"].url, self.tree["policies"].url,
                self.tree["policy"].url, "/search/?q=会议", "/en/zwdt/yw/cwhy/"]

    def test_pages_pass_the_basic_checks(self):
        for url in self.urls():
            with self.subTest(url=url):
                self.page.goto(self.live_server_url + url)
                self.assertEqual(self.page.evaluate(UNLABELLED_JS), [])
                levels = self.page.evaluate(HEADINGS_JS)
                self.assertEqual(levels.count(1), 1, levels)
                for previous, current in zip(levels, levels[1:]):
                    self.assertLessEqual(current, previous + 1, f"heading levels skip: {levels}")
                self.assertEqual(self.page.evaluate(CONTRAST_JS), [])
                self.assertEqual(self.page.evaluate("document.querySelectorAll('img:not([alt])').length"), 0)
                self.assertEqual(self.page.locator("main").count(), 1)
                self.assertEqual(self.page.locator("header[role=banner], footer[role=contentinfo]").count(), 2)

    def test_skip_link_is_the_first_stop_and_visible_on_focus(self):
        self.page.goto(self.live_server_url + self.tree["article"].url)
        self.page.keyboard.press("Tab")
        focused = self.page.evaluate("document.activeElement.className")
        self.assertEqual(focused, "skip-link")
        box = self.page.locator(".skip-link").bounding_box()
        self.assertGreaterEqual(box["x"], 0)
        outline = self.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        self.assertNotEqual(outline, "none")
        self.page.keyboard.press("Enter")
        # Following the link is asynchronous: wait for it rather than read the URL at once.
        expect(self.page).to_have_url(re.compile(r"#main$"))
        expect(self.page.locator("main")).to_be_focused()

    def test_language_switcher_leads_to_the_same_page(self):
        self.page.goto(self.live_server_url + self.tree["article"].url)
        self.page.get_by_role("link", name="繁體中文").click()
        expect(self.page).to_have_url(self.live_server_url + "/zh-hant/zwdt/yw/cwhy/")
        expect(self.page.locator("html")).to_have_attribute("lang", "zh-Hant")
        self.page.get_by_role("link", name="English").click()
        expect(self.page.locator("html")).to_have_attribute("lang", "en")
        expect(self.page.locator("body")).to_contain_text("This page has not been translated yet")

    def test_no_horizontal_scrolling_on_a_phone(self):
        self.page.set_viewport_size({"width": 360, "height": 740})
        for url in self.urls():
            with self.subTest(url=url):
                self.page.goto(self.live_server_url + url)
                overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                self.assertLessEqual(overflow, 0)
