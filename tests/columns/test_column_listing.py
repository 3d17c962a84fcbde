"""A column lists its content newest first, paginated, in a fixed number of queries."""

from datetime import timedelta

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import BASE_TIME, ArticlePageFactory, ColumnPageFactory, PolicyDocumentPageFactory, make_tree


class ColumnListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = make_tree()

    def test_newest_first(self):
        html = self.client.get(self.tree["news"].url).content.decode()
        self.assertLess(html.index("市政府召开常务会议"), html.index("全市优化营商环境工作推进会召开"))

    def query_count(self, column):
        self.client.get(column.url)  # warm caches (site root paths) that every request shares
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(column.url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    @override_settings(COLUMN_PAGE_SIZE=50)
    def test_queries_do_not_grow_with_the_number_of_items(self):
        small = ColumnPageFactory(parent=self.tree["news_parent"], title="小栏目", slug="small")
        large = ColumnPageFactory(parent=self.tree["news_parent"], title="大栏目", slug="large")
        for i in range(2):
            ArticlePageFactory(parent=small)
            PolicyDocumentPageFactory(parent=small)
        for i in range(20):
            ArticlePageFactory(parent=large)
            PolicyDocumentPageFactory(parent=large)
        self.assertEqual(self.query_count(small), self.query_count(large))

    @override_settings(COLUMN_PAGE_SIZE=1)
    def test_pagination_and_bad_page_numbers(self):
        url = self.tree["news"].url
        self.assertContains(self.client.get(url), "第 1 页，共 2 页")
        self.assertContains(self.client.get(url + "?page=2"), "全市优化营商环境工作推进会召开")
        for bad in ("abc", "999", "-1", "1.5"):
            with self.subTest(page=bad):
                self.assertEqual(self.client.get(url, {"page": bad}).status_code, 200)

    def test_unpublished_items_are_not_listed(self):
        self.tree["older"].unpublish()
        self.assertNotContains(self.client.get(self.tree["news"].url), "全市优化营商环境工作推进会召开")


class PolicyFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = make_tree()
        policies = cls.tree["policies"]
        PolicyDocumentPageFactory(parent=policies, title="梅州市基本医疗保险办法", issuing_authority="梅州市医疗保障局",
                                  topic="health", validity="amended", validity_changed_on=BASE_TIME.date(),
                                  publish_time=BASE_TIME - timedelta(days=400))

    def titles(self, **params):
        html = self.client.get(self.tree["policies"].url, params).content.decode()
        return [t for t in ("梅州市城市供水管理办法", "梅州市基本医疗保险办法") if f">{t}</a>" in html]

    def test_filters(self):
        self.assertEqual(self.titles(), ["梅州市城市供水管理办法", "梅州市基本医疗保险办法"])
        self.assertEqual(self.titles(authority="梅州市医疗保障局"), ["梅州市基本医疗保险办法"])
        self.assertEqual(self.titles(topic="construction"), ["梅州市城市供水管理办法"])
        self.assertEqual(self.titles(validity="amended"), ["梅州市基本医疗保险办法"])
        self.assertEqual(self.titles(year=str(BASE_TIME.year)), ["梅州市城市供水管理办法"])
        self.assertEqual(self.titles(topic="construction", validity="amended"), [])

    def test_filter_form_offers_the_columns_values(self):
        response = self.client.get(self.tree["policies"].url)
        self.assertContains(response, '<option value="梅州市医疗保障局">梅州市医疗保障局</option>', html=True)
        self.assertContains(response, '<label for="f-topic">主题分类</label>', html=True)

    def test_bad_filter_values_give_an_empty_list_not_an_error(self):
        for params in ({"year": "'; drop table"}, {"topic": "<script>"}, {"authority": "x" * 5000}):
            with self.subTest(params=params):
                response = self.client.get(self.tree["policies"].url, params)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "<script>")
