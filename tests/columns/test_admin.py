"""Editors create content through the real Wagtail admin; 来源 and 发布时间 are required (第十七条)."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from columns.models import ArticlePage, PolicyDocumentPage
from tests.factories import UserFactory, make_tree


class AdminCreateTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = make_tree()
        cls.admin = UserFactory(username="editor-admin", is_superuser=True, is_staff=True)

    def setUp(self):
        self.client.force_login(self.admin)

    def add_url(self, model, parent):
        return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))

    def article_data(self, **overrides):
        data = {
            "title": "全市冬季安全生产工作会议召开",
            "slug": "dongji-anquan",
            "source": "梅州日报",
            "publish_time": "2026-11-20 09:30",
            "author": "",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>会议强调压实安全生产责任。</p>"))]),
            "attachments": streamfield([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def created(self):
        return ArticlePage.objects.filter(slug="dongji-anquan", locale=self.tree["home"].locale)

    def test_article_with_source_and_time_is_published(self):
        data = self.article_data(**{"action-publish": "action-publish"})
        response = self.client.post(self.add_url(ArticlePage, self.tree["news"]), data)
        self.assertEqual(response.status_code, 302)
        page = self.created().get()
        self.assertTrue(page.live)
        self.assertEqual(page.source, "梅州日报")
        self.assertEqual(page.get_parent().pk, self.tree["news"].pk)
        self.assertContains(self.client.get(page.url), "来源：梅州日报")

    def test_publishing_without_source_is_refused_with_a_message(self):
        data = self.article_data(source="", **{"action-publish": "action-publish"})
        response = self.client.post(self.add_url(ArticlePage, self.tree["news"]), data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.created().exists())
        [message] = response.context["form"].errors["source"]
        self.assertContains(response, message)  # shown beside the field, in the editor's language

    def test_publishing_without_publish_time_is_refused_with_a_message(self):
        data = self.article_data(publish_time="", **{"action-publish": "action-publish"})
        response = self.client.post(self.add_url(ArticlePage, self.tree["news"]), data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.created().exists())
        self.assertIn("publish_time", response.context["form"].errors)

    def test_an_incomplete_draft_is_kept_but_not_published(self):
        # Wagtail defers required fields to publishing, so an editor never loses a half-written draft.
        response = self.client.post(self.add_url(ArticlePage, self.tree["news"]), self.article_data(source=""))
        self.assertEqual(response.status_code, 302)
        page = self.created().get()
        self.assertFalse(page.live)
        self.assertEqual(page.get_latest_revision_as_object().title, "全市冬季安全生产工作会议召开")

    def test_repealed_policy_needs_the_repeal_date(self):
        data = self.article_data(
            slug="feizhi", issuing_authority="梅州市人民政府", index_number="", document_number="",
            written_date="", topic="general", validity="repealed", validity_changed_on="",
            **{"interpretations-TOTAL_FORMS": "0", "interpretations-INITIAL_FORMS": "0",
               "interpretations-MIN_NUM_FORMS": "0", "interpretations-MAX_NUM_FORMS": "1000"},
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(self.add_url(PolicyDocumentPage, self.tree["policies"]), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("validity_changed_on", response.context["form"].errors)
        self.assertFalse(PolicyDocumentPage.objects.filter(slug="feizhi").exists())

    def test_admin_refuses_a_page_type_under_the_wrong_parent(self):
        # An article cannot live directly under the home page.
        response = self.client.post(self.add_url(ArticlePage, self.tree["home"]), self.article_data())
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertFalse(self.created().exists())
        response = self.client.get(self.add_url(ArticlePage, self.tree["news"]))
        self.assertEqual(response.status_code, 200)
