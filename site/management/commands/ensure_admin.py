"""python manage.py ensure_admin: an administrator for a fresh portal, created once.

Reads Django's own DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD /
DJANGO_SUPERUSER_EMAIL and prints the defaults it used in their place.
"""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEFAULTS = {
    "DJANGO_SUPERUSER_USERNAME": "admin",
    "DJANGO_SUPERUSER_PASSWORD": "Meizhou-Portal-2026",
    "DJANGO_SUPERUSER_EMAIL": "admin@example.gov.cn",
}


class Command(BaseCommand):
    help = "创建管理员账号（已存在则不改动）。"

    def handle(self, *args, **options):
        values, defaulted = {}, []
        for name, default in DEFAULTS.items():
            values[name] = os.environ.get(name) or default
            if not os.environ.get(name):
                defaulted.append(name)
        User = get_user_model()
        username = values["DJANGO_SUPERUSER_USERNAME"]
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"管理员 {username} 已存在，未作改动。")
            return
        User.objects.create_superuser(
            username=username,
            email=values["DJANGO_SUPERUSER_EMAIL"],
            password=values["DJANGO_SUPERUSER_PASSWORD"],
        )
        self.stdout.write(self.style.SUCCESS(f"已创建管理员 {username}。"))
        for name in defaulted:
            shown = values[name]
            self.stdout.write(f"  {name} 未设置，使用默认值：{shown}")
        if "DJANGO_SUPERUSER_PASSWORD" in defaulted:
            self.stdout.write(self.style.WARNING("  请登录后立即修改默认密码。"))
