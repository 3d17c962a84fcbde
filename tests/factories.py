"""Shared factories: small page trees built through Wagtail's own tree API."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from columns.models import ArticlePage, ColumnPage, PolicyDocumentPage
from home.models import HomePage
from site.models import User

BASE_TIME = timezone.make_aware(datetime(2026, 11, 20, 9, 30))


class PageFactory(factory.Factory):
    """Builds a page and adds it under ``parent`` (a required keyword), published."""

    title = factory.Sequence(lambda n: f"页面{n}")

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "梅州市人民政府门户网站"
    slug = "home"


class ColumnPageFactory(PageFactory):
    class Meta:
        model = ColumnPage

    title = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"梅州市召开第{n}次工作会议")
    slug = factory.Sequence(lambda n: f"article-{n}")
    source = "梅州市人民政府办公室"
    publish_time = factory.Sequence(lambda n: BASE_TIME - timedelta(days=n))


class PolicyDocumentPageFactory(ArticlePageFactory):
    class Meta:
        model = PolicyDocumentPage

    title = factory.Sequence(lambda n: f"梅州市人民政府关于印发第{n}号规定的通知")
    slug = factory.Sequence(lambda n: f"policy-{n}")
    issuing_authority = "梅州市人民政府"
    document_number = factory.Sequence(lambda n: f"梅市府〔2026〕{n}号")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.cn")
    password = factory.PostGenerationMethodCall("set_password", "Str0ng-Passw0rd!")


def make_site():
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk:
        old_root.delete()
    return home


def ensure_locales():
    """zh-hant and en beside the default zh-hans locale."""
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("zh-hans", "zh-hant", "en")}
