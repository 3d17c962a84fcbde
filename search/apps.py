from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with wagtail.search's label
    verbose_name = _("站内搜索")

    def ready(self):
        # Connect the date and cache-invalidation signals.
        from . import dates, spelt_out, vocabulary  # noqa: F401


def load_dictionaries():
    """Reads the dictionaries that the search otherwise reads at the first query that needs
    each (portal_bootstrap.when_ready calls this in gunicorn's master)."""
    from . import english, normalize, vocabulary

    list(normalize._jieba().cut("搜索", HMM=False))
    normalize.word_frequencies()
    english.glosses()
    vocabulary._homophones()
    vocabulary._readings()
    vocabulary._initials_table()
