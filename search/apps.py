from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with wagtail.search's label
    verbose_name = _("站内搜索")

    def ready(self):
        from . import dates, vocabulary  # noqa: F401 - connect the date and cache-invalidation signals
