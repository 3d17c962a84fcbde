"""Builds the demo portal from site/demo/content.py. Every step looks before it writes,
so running it again changes nothing (and keeps what editors changed since)."""

import re
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from columns.models import ArticlePage, ColumnPage, InfoDisclosureIndexPage, PolicyDocumentPage
from home.models import HomePage
from services.models import InteractionIndexPage, ServicesIndexPage
from site.models import PortalIdentity, WebsiteLink

from . import content as c

RULES_FILE = Path(__file__).with_name("management_rules.txt")
CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章\s*(.+)$")


def tree_root():
    """Wagtail's tree root, recreated if the database was emptied (migrations normally make it)."""
    root = Page.get_first_root_node()
    if root is None:
        locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


class DemoBuilder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.created = 0

    # --- helpers -----------------------------------------------------------
    def at(self, days_before, hour=9):
        day = c.DEMO_TODAY - timedelta(days=days_before)
        return timezone.make_aware(datetime.combine(day, time(hour, 30)))

    def ensure_child(self, parent, model, slug, **fields):
        """The child of ``parent`` with ``slug``; created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    @staticmethod
    def paragraphs(texts):
        return [("paragraph", RichText("".join(f"<p>{t}</p>" for t in texts)))]

    # --- steps ---------------------------------------------------------------
    def locales(self):
        default = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)
        return default

    def home(self, default_locale):
        home = HomePage.objects.filter(locale=default_locale).first()
        site = Site.objects.filter(is_default_site=True).first()
        if home is None:
            root = tree_root()
            home = HomePage(title="梅州市人民政府门户网站", slug="portal", locale=default_locale)
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created += 1
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True,
                site_name=c.IDENTITY["site_name"],
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = c.IDENTITY["site_name"]
            site.save()
            # Wagtail's "Welcome" page is of the plain Page type; anything else is kept.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()
        return home, site

    def identity(self, site):
        identity = PortalIdentity.for_site(site)
        for field, value in c.IDENTITY.items():
            if not getattr(identity, field):
                setattr(identity, field, value)
        identity.save()

    def links(self, locale):
        for order, (category, title, url) in enumerate(c.LINKS):
            WebsiteLink.objects.get_or_create(
                title=title, locale=locale, defaults={"category": category, "url": url, "sort_order": order}
            )

    def column_tree(self, parent, specs):
        columns = {}
        for title, slug, children in specs:
            column = self.ensure_child(parent, ColumnPage, slug, title=title, show_in_menus=True)
            columns[title] = column
            columns.update(self.column_tree(column, children))
        return columns

    def articles(self, column, prefix, items):
        for i, (days, title, source, texts) in enumerate(items, start=1):
            self.ensure_child(
                column, ArticlePage, f"{prefix}-{i:02d}", title=title, source=source,
                publish_time=self.at(days), body=self.paragraphs(texts), summary=texts[0][:120],
            )

    def policies(self, column):
        for i, (days, title, authority, number, topic, validity, texts) in enumerate(c.POLICIES, start=1):
            published = self.at(days)
            self.ensure_child(
                column, PolicyDocumentPage, f"zcwj-{i:02d}", title=title, source=authority,
                publish_time=published, issuing_authority=authority, document_number=number,
                index_number=f"007185393/{published.year}-{i:05d}", written_date=(published - timedelta(days=3)).date(),
                topic=topic, validity=validity,
                validity_changed_on=None if validity == "valid" else (published + timedelta(days=200)).date(),
                body=self.paragraphs(texts),
            )
        rules = c.MANAGEMENT_RULES
        self.ensure_child(
            column, PolicyDocumentPage, "mzsrmzfmhwzglbf", title=rules["title"], source=rules["source"],
            publish_time=self.at(rules["days_before"]), issuing_authority=rules["authority"],
            topic=rules["topic"], body=self.rules_body(),
            summary="规范梅州市人民政府门户网站的规划、建设、运行、维护和管理。",
        )

    def interpretations(self, column, policies):
        from columns.models import PolicyInterpretation

        for i, (days, title, source, texts, policy_slug) in enumerate(c.INTERPRETATIONS, start=1):
            article = self.ensure_child(
                column, ArticlePage, f"zcjd-{i:02d}", title=title, source=source,
                publish_time=self.at(days), body=self.paragraphs(texts),
            )
            policy = policies.get_children().filter(slug=policy_slug).first()
            if policy and not PolicyInterpretation.objects.filter(policy=policy, page=article).exists():
                policy = policy.specific
                policy.interpretations.add(PolicyInterpretation(page=article))
                policy.save_revision().publish()

    @staticmethod
    def rules_body():
        blocks = []
        for line in RULES_FILE.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            if CHAPTER.match(line):
                blocks.append(("heading", {"text": line, "level": "h2"}))
            else:
                blocks.append(("paragraph", RichText(f"<p>{line}</p>")))
        return blocks

    def build(self):
        default_locale = self.locales()
        home, site = self.home(default_locale)
        self.identity(site)
        self.links(default_locale)

        columns = self.column_tree(home, c.COLUMNS)
        disclosure = self.ensure_child(
            home, InfoDisclosureIndexPage, "zwgk", title="政府信息公开", show_in_menus=True,
            intro="<p>依据《中华人民共和国政府信息公开条例》公开政府信息。</p>",
        )
        columns.update(self.column_tree(disclosure, c.DISCLOSURE_COLUMNS))
        services = self.ensure_child(
            home, ServicesIndexPage, "wsbs", title="网上办事", show_in_menus=True,
            intro="<p>办事指引、表格下载、在线咨询、网上申请和办理进度查询。</p>",
        )
        columns.update(self.column_tree(services, c.SERVICE_COLUMNS))
        interaction = self.ensure_child(
            home, InteractionIndexPage, "hdjl", title="互动交流", show_in_menus=True,
            intro="<p>反映问题、提出意见建议，我们将及时处理和反馈。</p>",
        )
        columns.update(self.column_tree(interaction, c.INTERACTION_COLUMNS))

        self.articles(columns["走进梅州"], "zjmz", [(0, t, s, p) for t, s, p in c.INTRO_ARTICLES])
        self.articles(columns["要闻"], "yw", c.NEWS)
        self.articles(columns["部门动态"], "bmdt", c.DEPARTMENT_NEWS)
        self.articles(columns["县区动态"], "xqdt", c.COUNTY_NEWS)
        self.articles(columns["通知公告"], "tzgg", c.NOTICES)
        for title, items in c.DISCLOSURE_ARTICLES.items():
            self.articles(columns[title], columns[title].slug, [(60, t, s, p) for t, s, p in items])
        self.policies(columns["政策文件"])
        self.interpretations(columns["政策解读"], columns["政策文件"])

        special = columns["专题专栏"]
        if not special.external_links:
            special.external_links = [
                ("link", {"title": t, "url": u, "description": d}) for t, u, d in c.SPECIAL_TOPIC_LINKS
            ]
            special.save_revision().publish()

        if not (home.news_column_id and home.notices_column_id and home.policy_column_id):
            home.news_column = columns["要闻"]
            home.notices_column = columns["通知公告"]
            home.policy_column = columns["政策文件"]
            home.welcome = "<p>欢迎访问梅州市人民政府门户网站。</p>"
            home.save_revision().publish()
        return home


def build_demo(stdout):
    with transaction.atomic():
        builder = DemoBuilder(stdout)
        home = builder.build()
    return home, builder.created
