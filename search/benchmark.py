"""Generated documents for ``manage.py benchmark_search``, inserted in bulk as real live pages.

Wagtail's ``add_child`` costs about 0.15 s a page here (tree locking, revisions, signals, and
wagtail-localize creating an alias in every other locale), i.e. four hours for 100,000 pages.
The benchmark needs the rows search reads, not that machinery, so the pages of one column are
written directly: Page rows with ``bulk_create`` (treebeard paths computed here, ``numchild``
set on the column), then the ArticlePage rows and their PageDate rows (search/dates.py). Django's ``bulk_create`` refuses multi-table
inheritance, so the child table's rows go through ``QuerySet._insert`` with only the child's
own columns, which is what ``bulk_create`` and ``Model.save`` themselves do for one table.
No aliases are created in the other locales (search in one locale never reads them).
"""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.utils import timezone
from wagtail.models import Page

from columns.models import ArticlePage

from .models import PageDate

CITIES = ["梅州市", "梅江区", "梅县区", "兴宁市", "平远县", "蕉岭县", "大埔县", "丰顺县", "五华县"]
AGENCIES = ["人民政府", "发展和改革局", "教育局", "民政局", "人力资源和社会保障局", "自然资源局", "生态环境局",
            "住房和城乡建设局", "交通运输局", "水务局", "农业农村局", "卫生健康委员会", "市场监督管理局", "应急管理局"]
ACTIONS = ["关于印发", "关于做好", "关于开展", "关于加强", "关于进一步规范", "关于公布", "关于征求意见的"]
TOPICS = ["政府信息公开工作要点", "最低生活保障工作", "社会保险费征缴", "义务教育招生入学", "防汛防旱防风工作",
          "食品安全专项整治", "住房公积金提取管理", "建设项目环境影响评价", "招标投标活动监督管理", "户口迁移登记",
          "高标准农田建设", "城乡居民基本医疗保险", "安全生产大检查", "客家围龙屋保护", "乡村振兴示范带建设",
          "优化营商环境", "就业创业补贴申领", "老旧小区改造", "河长制湖长制", "森林防火"]
ENDINGS = ["的通知", "的实施方案", "的意见", "的公告", "的工作方案", "的实施细则"]
SENTENCES = [
    "各县（市、区）人民政府，市府直属各单位要高度重视，加强组织领导，明确责任分工。",
    "本办法自印发之日起施行，有效期五年。",
    "申请人可通过广东政务服务网或者粤省事小程序在线办理，也可到政务服务中心窗口办理。",
    "行政机关应当自受理申请之日起二十个工作日内作出决定。",
    "要坚持以人民为中心的发展思想，切实保障人民群众合法权益。",
    "对工作中发现的问题，要及时整改，并将整改情况报送市人民政府办公室。",
    "各地要加大资金投入，落实财政保障，确保各项政策措施落地见效。",
    "公民、法人或者其他组织对具体行政行为不服的，可以依法申请行政复议或者提起行政诉讼。",
    "坚持公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
    "加强监督检查，对落实不力的单位予以通报批评。",
]
INSERT_BATCH = 1000
SPAN_DAYS = 10 * 365  # publish dates spread over ten years, so date ordering has work to do


def document(rng):
    """(title, body, source) of the i-th generated document."""
    title = "".join(rng.choice(words) for words in (CITIES, AGENCIES, ACTIONS, TOPICS, ENDINGS))
    body = "".join(rng.sample(SENTENCES, 4)) + rng.choice(TOPICS) + "。"
    return title, body, rng.choice(CITIES) + rng.choice(AGENCIES)


def create_articles(column, n, rng: random.Random, progress=None):
    """N live ArticlePages under ``column`` (which must have no children yet); returns them."""
    if column.numchild:
        raise ValueError("the benchmark column must be empty")
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    using = router.db_for_write(Page)
    created = []
    for start in range(0, n, INSERT_BATCH):
        articles = []
        for i in range(start, min(n, start + INSERT_BATCH)):
            title, body, source = document(rng)
            published = now - datetime.timedelta(days=rng.uniform(0, SPAN_DAYS))
            slug = f"doc-{i}"
            articles.append(ArticlePage(
                title=title, draft_title=title, slug=slug, content_type=content_type,
                locale_id=column.locale_id,
                translation_key=uuid.uuid4(), live=True, has_unpublished_changes=False,
                first_published_at=published, last_published_at=published,
                path=Page._get_path(column.path, column.depth + 1, i + 1), depth=column.depth + 1, numchild=0,
                url_path=f"{column.url_path}{slug}/",
                source=source, publish_time=published, summary=body[:200],
                body=[("paragraph", f"<p>{body}</p>")],
            ))
        pages = Page.objects.using(using).bulk_create([_page_row(a) for a in articles])
        for article, page in zip(articles, pages, strict=True):
            article.pk = article.page_ptr_id = page.pk
            article._state.adding, article._state.db = False, using
        ArticlePage._base_manager.using(using)._insert(
            articles, fields=ArticlePage._meta.local_concrete_fields, using=using
        )
        PageDate.objects.using(using).bulk_create(
            [PageDate(page_id=a.pk, shown_at=a.publish_time) for a in articles]
        )  # what the save signal (dates.py) would have written
        created += articles
        if progress:
            progress(len(created))
    Page.objects.filter(pk=column.pk).update(numchild=n)
    column.numchild = n
    return created


def _page_row(article):
    """The Page part of an ArticlePage (the parent table's columns only)."""
    fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    return Page(**{name: getattr(article, name) for name in fields})


def delete_articles(column):
    """Remove what ``create_articles`` made: the child rows, then the Page rows.

    Raw deletes, because Django's collector would load every page and each of its relations;
    these pages have nothing pointing at them (no revisions, aliases or references), and a
    row that did would make PostgreSQL refuse the delete rather than leave it dangling.
    """
    using = router.db_for_write(Page)
    pages = Page.objects.using(using).filter(path__startswith=column.path, depth=column.depth + 1)
    PageDate.objects.using(using).filter(page__in=pages.values("pk"))._raw_delete(using)
    ArticlePage._base_manager.using(using).filter(page_ptr__in=pages.values("pk"))._raw_delete(using)
    pages._raw_delete(using)
    Page.objects.filter(pk=column.pk).update(numchild=0)
    column.numchild = 0
