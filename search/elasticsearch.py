"""Wagtail's Elasticsearch 8 backend for Chinese (settings: "BACKEND": "search.elasticsearch").

The analyzer (cjk by default, see settings) segments Chinese; what ES cannot do without plugins
we do ourselves: Traditional text is folded to Simplified before it is sent (queries are folded
by the search service), and terms are combined with AND, because OR over Chinese bigrams
returns almost everything. Synonyms are expanded by the search service, so they are the same
editor-managed list as with the database backend.
"""

from wagtail.search.backends import elasticsearch8 as base

from . import normalize


def _fold(value):
    if isinstance(value, str):
        return normalize.fold(value)
    if isinstance(value, list):
        return [_fold(v) for v in value]
    if isinstance(value, dict):
        return {k: _fold(v) for k, v in value.items()}
    return value


class ChineseMapping(base.Elasticsearch8Mapping):
    def get_document(self, obj):
        doc = super().get_document(obj)
        return {k: (v if k in ("pk", "_django_content_type") else _fold(v)) for k, v in doc.items()}


class ChineseSearchQueryCompiler(base.Elasticsearch8SearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    mapping_class = ChineseMapping


class ChineseAutocompleteQueryCompiler(base.Elasticsearch8AutocompleteQueryCompiler):
    DEFAULT_OPERATOR = "and"
    mapping_class = ChineseMapping


class ChineseElasticsearchBackend(base.Elasticsearch8SearchBackend):
    mapping_class = ChineseMapping
    query_compiler_class = ChineseSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseAutocompleteQueryCompiler


SearchBackend = ChineseElasticsearchBackend
