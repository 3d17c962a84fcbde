"""The site search page. Basic for now: Chinese-aware search is its own issue."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from columns.models import paginate

MAX_QUERY_LENGTH = 100


def search(request):
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        locale = Locale.get_active()
        pages = Page.objects.live().public().filter(locale=locale)
        results = paginate(pages.search(query), request.GET.get("page"), settings.COLUMN_PAGE_SIZE)
    return render(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results, "language": get_language()},
    )
