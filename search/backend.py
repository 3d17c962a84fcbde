"""Wagtail's database search backend, made Chinese-aware (settings: "BACKEND": "search.backend").

Index side: every indexed field value goes through ``normalize.index_text`` (titles also get
pinyin tokens) in ``ObjectIndexer.prepare_field``; ``add_items`` is re-implemented only to use
that indexer. Query side: ``PlainText``/``Phrase`` become the normalised token tree, compiled to
FTS5 syntax (SQLite) or a raw tsquery (PostgreSQL); And/Or/Not are left to modelsearch.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, Case, Count, F, Value, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Length
from django.utils import timezone
from modelsearch.conf import get_app_config
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from . import normalize, shared

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
NO_MATCH_TOKEN = "szm0nothing0"  # index tokens never look like this: a query with no words matches nothing
TITLE_AVERAGE_KEY = "portal_search:title_average"
AVERAGE_REMEMBERED_FROM = 1000  # index entries; fewer are averaged in a few milliseconds


def _is_title(field):
    return isinstance(field, (SearchField, AutocompleteField)) and field.field_name == "title"


class ChineseIndexerMixin:
    def prepare_field(self, obj, field):
        for *head, value in super().prepare_field(obj, field):
            yield (*head, normalize.index_text(value, with_pinyin=_is_title(head[0])))


def _query_tree(query):
    tree = normalize.query_tree(query.query_string)
    if tree is not None and getattr(query, "operator", "and").lower() == "or" and isinstance(tree, normalize.And):
        tree = normalize.Or(tree)
    return normalize.simplify(tree) if tree is not None else NO_MATCH_TOKEN


def _compile(tree, quote, and_op, or_op):
    if isinstance(tree, (normalize.And, normalize.Or)):
        op = and_op if isinstance(tree, normalize.And) else or_op
        return "(" + f" {op} ".join(_compile(t, quote, and_op, or_op) for t in tree) + ")"
    return quote(tree)


def fts5_query(tree):
    # Tokens only contain [a-z0-9] and CJK characters, so double quotes cannot be broken out of.
    return _compile(tree, lambda t: f'"{t}"', "AND", "OR")


def tsquery(tree):
    return _compile(tree, lambda t: f"'{t}'", "&", "|")


def raw_tsquery(query):
    """The tsquery text of a service query (PlainText/Phrase, And/Or of them), or None."""
    if isinstance(query, (PlainText, Phrase)):
        return tsquery(_query_tree(query))
    if isinstance(query, (And, Or)) and query.subqueries:
        parts = [raw_tsquery(q) for q in query.subqueries]
        if None in parts:
            return None
        return "(" + (" & " if isinstance(query, And) else " | ").join(parts) + ")"
    return None


class RawFTS(Value):
    """An FTS5 query string that modelsearch's MatchExpression splices in as it does its own lexemes."""

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


class IndexMixin:
    """Upserts index entries built by the Chinese-aware indexer (one statement per batch)."""

    indexer_class = None

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        extra = self.extra_fields
        titles = self.titles(model, indexers)
        entries = [
            IndexEntry(
                content_type_id=content_type_pk,
                object_id=i.id,
                title=title,
                autocomplete=i.autocomplete,
                body=i.body,
                title_norm=1.0,
                **{name: getattr(i, name) for name in extra},
            )
            for i, title in zip(indexers, titles)
        ]
        IndexEntry._default_manager.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=["title", "autocomplete", "body", "title_norm", *extra],
        )
        written = self.entries.filter(content_type_id=content_type_pk, object_id__in=[e.object_id for e in entries])
        average = cache.get(TITLE_AVERAGE_KEY)
        self._set_title_norms(written, self._title_average() if average is None else average)

    def titles(self, model, indexers):
        return [i.title for i in indexers]

    # A title's norm weighs its matches (modelsearch's length norm): the average title length,
    # in lexemes, over its own. modelsearch computed the average over the whole index after every
    # batch added, and then looked through the whole index for the entries just added: indexing
    # one page on publish took 2.1-2.2 s at 100,000 documents. A batch now sets the norms of its
    # own entries, with the average remembered for an hour (shared.CACHE_SECONDS): 13-14 ms, the
    # first of the hour 2.3-2.6 s. A small index is averaged each time: on a new site the first
    # page's title would otherwise be the average for an hour. modelsearch's rebuild
    # (update_index) still sets every entry's norm from a fresh average (``full``).
    def _refresh_title_norms(self, full=False):
        self._set_title_norms(self.entries if full else self.entries.filter(title_norm=1.0), self._title_average())

    def _title_length(self):
        return Length("title")

    def _title_average(self):
        """The average title length over the whole index, remembered if it has enough entries."""
        entries = self.entries.annotate(title_length=self._title_length()).filter(title_length__gt=0)
        figures = entries.aggregate(average=Avg("title_length"), entries=Count("pk"))
        if figures["entries"] >= AVERAGE_REMEMBERED_FROM:
            cache.set(TITLE_AVERAGE_KEY, figures["average"], shared.CACHE_SECONDS)
        return figures["average"]

    def _set_title_norms(self, entries, average):
        if average is not None:
            entries.annotate(title_length=self._title_length()).filter(title_length__gt=0).update(
                title_norm=average / F("title_length")
            )


if connection.vendor == "postgresql":
    from modelsearch.backends.database.postgres import postgres as base

    from .candidates import YEAR_TOKEN_PREFIX, CandidatesMixin, year_token

    class ChineseObjectIndexer(ChineseIndexerMixin, base.ObjectIndexer):
        pass

    class ChineseIndex(IndexMixin, base.PostgresIndex):
        indexer_class = ChineseObjectIndexer
        extra_fields = ("title_text", "body_text")

        def titles(self, model, indexers):
            """A page's title vector also carries the year of its date (candidates.year_token),
            so that the newest matches of a common word can be found a few years at a time."""
            from wagtail.models import Page  # not at the top: the backend may load before the models

            from .dates import shown_dates

            titles = super().titles(model, indexers)
            if not issubclass(model, Page):
                return titles

            shown = dict(shown_dates(Page.objects.filter(pk__in=[i.obj.pk for i in indexers]))
                         .values_list("pk", "shown_at"))
            years = [shown.get(i.obj.pk) and timezone.localtime(shown[i.obj.pk]).year for i in indexers]
            return [
                CombinedExpression(title, "||", SearchVector(Value(year_token(year)), config=self.backend.config),
                                   output_field=SearchVectorField()) if year else title
                for title, year in zip(titles, years)
            ]

        def _title_length(self):
            """In lexemes, without the year token, so that it weighs titles as before."""
            dated = SearchQuery(f"{YEAR_TOKEN_PREFIX}:*", search_type="raw", config=self.backend.config)
            return Length("title") - Case(When(title=dated, then=1), default=0)

    class QueryMixin:
        def build_tsquery_content(self, query, config=None, invert=False):
            # The service's Or of forty fallback queries as one tsquery text: combined as
            # SearchQuery objects they took 4 ms to build and compile in every search.
            raw = raw_tsquery(query)
            if raw is not None:
                return SearchQuery(f"!({raw})" if invert else raw, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

    class ChineseSearchQueryCompiler(QueryMixin, base.PostgresSearchQueryCompiler):
        pass

    class ChineseAutocompleteQueryCompiler(QueryMixin, base.PostgresAutocompleteQueryCompiler):
        pass

    class ChineseSearchBackend(CandidatesMixin, base.PostgresSearchBackend):
        query_compiler_class = ChineseSearchQueryCompiler
        autocomplete_query_compiler_class = ChineseAutocompleteQueryCompiler
        index_class = ChineseIndex

        def __init__(self, params):
            super().__init__(params)
            # "simple": no English stemming, so both backends treat every token alike.
            self.config = params.get("SEARCH_CONFIG", "simple")

elif connection.vendor == "sqlite":
    from modelsearch.backends.database.sqlite import sqlite as base
    from modelsearch.backends.database.sqlite.query import SearchQueryExpression

    class ChineseObjectIndexer(ChineseIndexerMixin, base.ObjectIndexer):
        pass

    class ChineseIndex(IndexMixin, base.SQLiteIndex):
        indexer_class = ChineseObjectIndexer
        extra_fields = ()

    class QueryMixin:
        def build_search_query_content(self, query, config=None):
            if isinstance(query, (PlainText, Phrase)):
                return SearchQueryExpression(RawFTS(fts5_query(_query_tree(query))), config=config)
            return super().build_search_query_content(query, config=config)

    class ChineseSearchQueryCompiler(QueryMixin, base.SQLiteSearchQueryCompiler):
        pass

    class ChineseAutocompleteQueryCompiler(QueryMixin, base.SQLiteAutocompleteQueryCompiler):
        pass

    class ChineseSearchBackend(base.SQLiteSearchBackend):
        query_compiler_class = ChineseSearchQueryCompiler
        autocomplete_query_compiler_class = ChineseAutocompleteQueryCompiler
        index_class = ChineseIndex

else:  # pragma: no cover - MySQL is not a supported database for this project
    from modelsearch.backends.database import SearchBackend as ChineseSearchBackend


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    return ChineseSearchBackend(params)
