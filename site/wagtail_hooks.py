from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import WebsiteLink


class WebsiteLinkViewSet(SnippetViewSet):
    model = WebsiteLink
    icon = "link-external"
    menu_label = _("网站链接")
    list_display = ["title", "category", "url"]
    list_filter = ["category"]
    add_to_admin_menu = True


register_snippet(WebsiteLinkViewSet)
