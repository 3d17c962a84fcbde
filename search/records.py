"""Results that are not pages: published letters (互动), whose replies citizens look for.

A kind in PORTAL_SEARCH_KINDS may name one model that is not a page. It is ``index.Indexed`` and
provides ``search_public()`` (a classmethod: what visitors may see), ``search_date_field`` (the
date shown and filtered on), ``search_title()``, ``search_text()`` and ``get_url()``. Its rows
carry the negative of the object's id as "pk", so that they never collide with page ids in the
ranking, which treats both alike.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from . import kinds


def record_model():
    models = [m for found in kinds.kind_models().values() for m in found if not issubclass(m, Page)]
    if len(models) > 1:
        raise ImproperlyConfigured("PORTAL_SEARCH_KINDS may name one model that is not a page.")
    return models[0] if models else None


def matches(query, params, date_bounds, limit):
    """(rows, scores) of the best records visitors may see, with the page search's filters."""
    model = record_model()
    if model is None or params.column:  # records are in no column
        return [], {}
    qs = model.search_public()
    start, end = date_bounds
    if start:
        qs = qs.filter(**{f"{model.search_date_field}__gte": start})
    if end:
        qs = qs.filter(**{f"{model.search_date_field}__lte": end})
    backend = get_search_backend()
    found = None
    if hasattr(backend, "candidates"):  # PostgreSQL: as for pages, without modelsearch's 7 ms
        dated = qs.annotate(sort_time=F(model.search_date_field)).order_by("-sort_time", "-pk")
        # Only a field named "title" fills an entry's title (Letter's subject is "search_title").
        titled = any(getattr(f, "field_name", None) == "title" for f in model.get_search_fields())
        found = backend.candidates(query, dated.values("pk"), limit, titles=titled)
    if found is not None:
        records = model.objects.in_bulk([row["pk"] for row, _score, _title in found])
        scored = [(records[row["pk"]], score) for row, score, _title in found if row["pk"] in records]
    else:
        scored = [(r, r._score) for r in backend.search(query, qs).annotate_score("_score")[:limit]]
    content_type_id = ContentType.objects.get_for_model(model).pk
    rows, scores = [], {}
    for record, score in scored:
        key = -record.pk
        rows.append(
            {"pk": key, "title": record.search_title(), "content_type_id": content_type_id,
             "sort_time": getattr(record, model.search_date_field), "record": record}
        )
        scores[key] = abs(score or 0)  # SQLite's bm25 is negative, as for pages
    return rows, scores


def is_record(row):
    return "record" in row
