from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("搜索同义词")
    add_to_admin_menu = True
    list_display = ["__str__", "english_only", "note"]
    list_filter = ["english_only"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)
