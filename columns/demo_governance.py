"""Demo step (DEMO_STEPS): responsible units for the demo columns, their editors, reviewers and
letter handlers.

Idempotent: existing units, assignments, users and words are left as they are.
Walkthrough: log in as sfb_editor, add an article under 要闻 and "提交审核"; sfb_reviewer1
approves (初审), sfb_reviewer2 approves (复审), xxzx_center approves (终审) and the article is
published; Reports → 栏目更新情况 counts it in the current quarter. rsj_handler handles the letters
addressed to 市人社局 (互动交流 → 来信办理).
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from columns.models import ColumnPage
from columns.units import ColumnResponsibility, ResponsibleUnit, UpdateCategory, ensure_default_categories
from columns.wordlists import ErrorWord, SensitiveWord
from columns.workflow import INFO_CENTER_GROUP, ensure_workflow

DEFAULT_PASSWORD = "Meizhou-Demo-2026!"

# (name, short name, type, contact, phone, email, username prefix, {column title: category})
UNITS = [
    ("梅州市人民政府办公室", "市府办", "department", "李明", "0753-2181001", "sfb@example.gov.cn", "sfb",
     {"要闻": "动态要闻", "通知公告": "通知公告", "政策文件": "政策文件", "政府信息公开指南": "概况",
      "政府信息公开制度": "概况", "政府信息公开年报": "概况", "机构职能": "概况"}),
    ("梅州市政务服务和数据管理局", "市政数局", "center", "陈红", "0753-2181002", "zsj@example.gov.cn", "zsj",
     {"走进梅州": "概况", "办事指南": "概况", "表格下载": "概况"}),
    ("梅州市教育局", "市教育局", "department", "黄伟", "0753-2181003", "jyj@example.gov.cn", "jyj",
     {"部门动态": "动态要闻"}),
    ("梅州市人力资源和社会保障局", "市人社局", "department", "刘芳", "0753-2181004", "rsj@example.gov.cn", "rsj",
     {"部门动态": "动态要闻", "人事信息": "人事"}),
    ("梅州市发展和改革局", "市发改局", "department", "张强", "0753-2181005", "fgj@example.gov.cn", "fgj",
     {"规划计划": "规划计划"}),
    ("梅州市财政局", "市财政局", "department", "王丽", "0753-2181006", "czj@example.gov.cn", "czj",
     {"财政资金": "通知公告"}),
    ("梅江区人民政府", "梅江区", "county", "罗斌", "0753-2181007", "mjq@example.gov.cn", "mjq",
     {"县区动态": "动态要闻"}),
    ("梅县区人民政府", "梅县区", "county", "钟平", "0753-2181008", "mxq@example.gov.cn", "mxq",
     {"县区动态": "动态要闻"}),
]
SENSITIVE = [("赌博网站", "block", "违法信息"), ("内部讨论稿", "block", "未定稿材料"), ("据传", "warn", "核实来源")]
ERRORS = [("中华人名共和国", "中华人民共和国"), ("人民代表大常", "人民代表大会"), ("全国人大常委会委员长会义", "全国人大常委会委员长会议")]


def load(home, stdout):
    ensure_workflow()
    ensure_default_categories()
    password = os.environ.get("DEMO_USER_PASSWORD") or DEFAULT_PASSWORD
    locale = home.locale if home.locale_id else Locale.get_default()
    columns = {c.title: c for c in ColumnPage.objects.descendant_of(home).filter(locale=locale)}
    users = []
    for name, short, kind, contact, phone, email, prefix, assigned in UNITS:
        unit, _created = ResponsibleUnit.objects.get_or_create(
            name=name, locale=locale,
            defaults={"short_name": short, "unit_type": kind, "contact_person": contact, "phone": phone,
                      "email": email},
        )
        for title, category in assigned.items():
            column = columns.get(title)
            if column is None:
                continue
            row, created = ColumnResponsibility.objects.get_or_create(
                column=column, defaults={"category": UpdateCategory.objects.get(name=category)}
            )
            if created or not row.units.filter(pk=unit.pk).exists():
                row.units.add(unit)
        users += [
            _user(f"{prefix}_editor", f"{short}编辑", unit.editors_group, password),
            _user(f"{prefix}_reviewer1", f"{short}初审", unit.reviewers_group, password),
            _user(f"{prefix}_reviewer2", f"{short}复审", unit.reviewers_group, password),
            _user(f"{prefix}_handler", f"{short}来信办理", unit.handlers_group, password),
        ]
    users.append(_user("xxzx_center", "信息中心终审", Group.objects.get(name=INFO_CENTER_GROUP), password))
    for word, level, note in SENSITIVE:
        SensitiveWord.objects.get_or_create(word=word, defaults={"level": level, "note": note})
    for wrong, correct in ERRORS:
        ErrorWord.objects.get_or_create(wrong=wrong, defaults={"correct": correct})
    created = [u for u in users if u]
    stdout.write(f"责任单位 {len(UNITS)} 个，栏目责任 {ColumnResponsibility.objects.count()} 条，新建用户 {len(created)} 个。")
    if created and not os.environ.get("DEMO_USER_PASSWORD"):
        examples = "sfb_editor、sfb_reviewer1、sfb_reviewer2、xxzx_center、rsj_handler"
        stdout.write(f"  演示用户（如 {examples}）的密码：{DEFAULT_PASSWORD}")


def _user(username, first_name, group, password):
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return None
    user = User.objects.create_user(
        username=username, first_name=first_name, email=f"{username}@example.gov.cn", password=password
    )
    user.groups.add(group)
    return user
