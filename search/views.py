"""The search page (/search/) and its JSON twin (/api/search/), both over search.service."""

from django.http import JsonResponse
from django.utils.http import urlencode
from django.shortcuts import render
from django.utils.translation import get_language

from . import kinds, service


def _columns(locale_code):
    """Top-level columns of the visitor's locale, for the column filter."""
    from columns.models import ColumnPage

    qs = ColumnPage.objects.live().public().filter(depth=3).order_by("path")
    if locale_code != "all":
        qs = qs.filter(locale__language_code=locale_code)
    return qs.filter(alias_of__isnull=True) if locale_code == "all" else qs


def search(request):
    params = service.parse(request.GET, get_language())
    outcome = service.run(params, request=request)
    facet_links = [
        dict(facet, query=urlencode(params.query_dict(kind=facet["kind"], page=""))) for facet in outcome.facets
    ]
    context = {
        "params": params,
        "outcome": outcome,
        "search_query": params.q,
        "facet_links": facet_links,
        "all_kinds_query": urlencode(params.query_dict(kind="", page="")),
        "kind_labels": kinds.labels(),
        "columns": _columns(params.locale),
        "popular_queries": service.popular_queries(),
    }
    return render(request, "search/search.html", context)


def api_search(request):
    params = service.parse(request.GET, get_language())
    return JsonResponse(service.run(params, request=request).as_json(), json_dumps_params={"ensure_ascii": False})
