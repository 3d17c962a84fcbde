from django.conf import settings
from django.core.management.base import BaseCommand

from services.delivery import deliver_due


class Command(BaseCommand):
    help = "把已受理的来信推送到网上信访大厅（PETITION_HALL_ENDPOINT）。建议每分钟由 cron 运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100, help="本次最多尝试的消息数。")

    def handle(self, *args, limit, **options):
        if not settings.PETITION_HALL_ENDPOINT:
            self.stderr.write("PETITION_HALL_ENDPOINT 未设置，未推送任何消息。")
            return
        delivered, failed = deliver_due(limit)
        self.stdout.write(f"delivered={delivered} failed={failed}")
