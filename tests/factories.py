"""Shared factories: small page trees built through Wagtail's own tree API."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from columns.models import ArticlePage, ColumnPage, PolicyDocumentPage
from columns.units import ResponsibleUnit
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
    slug = "portal"


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


class ResponsibleUnitFactory(factory.django.DjangoModelFactory):
    """A unit in the default locale; saving it creates its editor, reviewer and handler groups."""

    class Meta:
        model = ResponsibleUnit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"梅州市第{n}局")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.cn")
    password = factory.django.Password("Str0ng-Passw0rd!")


def make_site():
    """A HomePage as the default site's root, replacing Wagtail's welcome page.

    Works on a flushed database too (TransactionTestCase), where migrations' root page is gone."""
    from site.demo.builder import tree_root

    home = HomePageFactory(parent=tree_root())
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        return home
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk:
        old_root.delete()
    return home


def ensure_locales():
    """zh-hant and en beside the default zh-hans locale."""
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("zh-hans", "zh-hant", "en")}


def make_tree():
    """A small portal: home → 政务动态 → 要闻 (two articles), 政府信息公开 → 政策文件 (a policy file),
    网上办事, 互动交流; zh-hant and en synchronised as aliases, as in the demo."""
    from columns.models import InfoDisclosureIndexPage
    from services.models import InteractionIndexPage, ServicesIndexPage
    from site.management.commands.load_demo import synchronize_locales

    ensure_locales()
    home = make_site()
    news_parent = ColumnPageFactory(parent=home, title="政务动态", slug="zwdt", show_in_menus=True)
    news = ColumnPageFactory(parent=news_parent, title="要闻", slug="yw", show_in_menus=True)
    article = ArticlePageFactory(parent=news, title="市政府召开常务会议", slug="cwhy", publish_time=BASE_TIME)
    older = ArticlePageFactory(parent=news, title="全市优化营商环境工作推进会召开", slug="yshj",
                               publish_time=BASE_TIME - timedelta(days=30))
    disclosure = PageFactory._create(InfoDisclosureIndexPage, parent=home, title="政府信息公开", slug="zwgk",
                                     show_in_menus=True)
    policies = ColumnPageFactory(parent=disclosure, title="政策文件", slug="zcwj")
    policy = PolicyDocumentPageFactory(parent=policies, title="梅州市城市供水管理办法", slug="gsglbf",
                                       topic="construction")
    services = PageFactory._create(ServicesIndexPage, parent=home, title="网上办事", slug="wsbs", show_in_menus=True)
    interaction = PageFactory._create(InteractionIndexPage, parent=home, title="互动交流", slug="hdjl",
                                      show_in_menus=True)
    synchronize_locales(home.locale)
    return {
        "home": home, "news_parent": news_parent, "news": news, "article": article, "older": older,
        "disclosure": disclosure, "policies": policies, "policy": policy, "services": services,
        "interaction": interaction,
    }
