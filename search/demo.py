"""Demo search data for load_demo: editors' synonyms (a few, then the starter list of everyday
and official wording) and a best bet. Idempotent."""

from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from .management.commands.load_synonyms import starter_lines
from .models import SynonymGroup

SYNONYMS = [
    ("社保\n社会保险\n社会保障", "常用简称"),
    ("低保\n最低生活保障", "常用简称"),
    ("上访\n信访", "口语说法"),
    ("招投标\n招标投标", "常用简称"),
    ("医保\n医疗保险", "常用简称"),
    ("公积金\n住房公积金", "常用简称"),
    ("个税\n个人所得税", "常用简称"),
    ("环评\n环境影响评价", "常用简称"),
    ("food safety\n食品安全", "英文访客"),
    ("social insurance\n社会保险", "英文访客"),
    ("government information disclosure\n政府信息公开", "英文访客"),
]
# query -> title of the page to promote (the first live page with that title in the home's tree)
PROMOTIONS = [("信息公开", "政府信息公开", "政府信息公开目录、指南、年报和依申请公开。")]


def load(home, stdout):
    created = 0
    for terms, note in SYNONYMS:
        _group, new = SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})
        created += new
    created += SynonymGroup.load_lines(starter_lines(), _("初始词表"))[0]
    for query_string, title, description in PROMOTIONS:
        page = Page.objects.descendant_of(home).live().filter(title=title).first()
        if page is None:
            continue
        _pick, new = SearchPromotion.objects.get_or_create(
            query=Query.get(query_string), page=page, defaults={"description": description}
        )
        created += new
    stdout.write(f"站内搜索演示数据：新建 {created} 条（同义词组与推荐结果）。")
