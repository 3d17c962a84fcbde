"""PostgreSQL: the best few hundred matches without ranking every match (search service only).

modelsearch orders all matches by ``ts_rank`` on title and body before it takes the best 500;
at 100,000 documents a common word matches 10,000-20,000 entries and reading their (toasted)
vectors costs 300-400 ms. The service re-ranks candidates itself (title share, whole query in
the title, then date), so the database only has to hand over the right few hundred:

1. entries whose title matches (the title GIN index; no vector is read), newest first, for a
   word that many titles say a few years at a time (_by_years);
2. if those are fewer than the limit, all matches ((title || body) GIN index, migration 0002),
   newest first in the same way, to fill up;
3. ``ts_rank`` on title and body, as modelsearch computes it, plus a saturated ``ts_rank_cd``
   (how often the words stand together, see _scores), for those few hundred only.

The page queryset carries the filters (locale, column, dates) and the ordering, so filtering
happens before the limit. The queries run without parallel workers: in a parallel plan every
worker builds the whole set of title matches again (the hash side of the join), so two workers
made the most common word's query slower, 68 ms against 44 ms serial (search/README.md), and a
search would hold three server processes instead of one. Queries other than the service's
PlainText/Phrase/Or/And trees return None and the caller falls back to the backend's ordinary
search.
"""

import math
import re
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connections, transaction
from django.db.models import F, IntegerField, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.dispatch import receiver
from django.utils import timezone
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.signals import page_published, page_unpublished

from . import shared

NUMERIC_ID = r"^[0-9]{1,9}$"  # as in migration 0004's index
# Up to this many candidates (the fallbacks' 100), PostgreSQL may walk the pages newest first
# and look each one's entry up (migration 0004): for a word in 10% of the titles that finds 100
# matches after about 1,000 pages, 23 ms against 77 ms. For the first 500 it would need 5,000
# lookups (防汛: 155 ms against 60 ms), and PostgreSQL underrates their cost, so there the
# condition is left out and the index cannot be used.
WALK_LIMIT = 100
# ... and only when at least that many entries match: a walk ends early only once it has
# them, and for a query that matches a few pages, or none, it reads every page (the fallbacks
# of jisui ban shenfenzheng: 3 s at 100,000 documents). PostgreSQL cannot tell such a query
# from a common one; counting up to the limit in the GIN index takes a few milliseconds.


def _with_page_id(entries):
    return entries.annotate(page_id=Cast("object_id", IntegerField()))


def _title_and_body():
    """An entry's whole vector, as the (title || body) GIN index has it (migration 0002)."""
    return CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())


class CandidatesMixin:
    def candidates(self, query, rows, limit, boost=None, titles=True, years=None):
        """[(row, score, title_matched)] for at most ``limit`` matches, title matches first.

        ``rows`` is an ordered ``values()`` queryset of pages (or of records, records.py) with
        a "pk" key (filters and order included); a candidate that also matches ``boost`` scores
        double, one with some of the boost's own words up to half more, and every score is
        weighed by the rarity of the query's words in all texts (_rarity_of, _weights). Without
        ``titles`` (a model with no field named title, whose entries' title is empty) step 1 is
        skipped. ``years``: (newest, oldest or None), the years of the dates ``rows`` can have
        when they are pages ordered newest first; the matches are then looked up a few years
        at a time (_by_years). None when a query is not one this method compiles."""
        from .backend import raw_tsquery  # not at the top: the backend imports this module

        raw = raw_tsquery(query)
        raw_boost = raw_tsquery(boost) if boost is not None else None
        if raw is None or (boost is not None and raw_boost is None):
            return None
        IndexEntry = get_app_config().get_model("IndexEntry")
        tsquery = SearchQuery(raw, search_type="raw", config=self.config)
        entries = IndexEntry._default_manager.filter(
            content_type_id__in=get_descendants_content_types_pks(rows.model)
        )
        # Page ids, so that the page side keeps its primary key index (the generic relation
        # casts the page id to text instead). The condition is that of the index on the page id
        # (migration 0004), see WALK_LIMIT: for each step, only when it has that many matches.
        page_ids, walkable = _with_page_id(entries), _with_page_id(entries.filter(object_id__regex=NUMERIC_ID))

        def step(vector=None):
            """For a step that matches ``vector``: (the entries with their page id, or None when
            none match; whether few match, see _rows; the tsqueries whose matches it takes in
            turn). For any other look-up, without ``vector``, the entries."""
            if vector is None or (limit > WALK_LIMIT and not years):
                return page_ids, False, [tsquery]
            counted = _matches_up_to(vector, tsquery, max(limit, YEARS_FROM) if years else limit)
            if not counted:
                return None, False, []  # the step is skipped
            if years and counted >= YEARS_FROM:
                return page_ids, False, _by_years(raw, years, self.config)
            if counted >= limit:
                return (walkable if limit <= WALK_LIMIT else page_ids), False, [tsquery]
            # Fewer: through the GIN index (with a long query PostgreSQL may read the whole table
            # to find them, 1.6 s at 100,000 for an English question with four synonym variants).
            return page_ids, True, [tsquery]

        with transaction.atomic(using=rows.db):
            with connections[rows.db].cursor() as cursor:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")  # until the transaction ends
            words = list(dict.fromkeys(LEXEME.findall(raw)))
            # Weighed for their rarity only with an OR: without one every candidate has every
            # word, and the weights would all be 1.
            weighed = words[:MAX_WEIGHED_WORDS] if "|" in raw and len(words) > 1 else []
            # The boost's own words (those the query lacks), for partial credit.
            extra = sorted(set(LEXEME.findall(raw_boost)) - set(words)) if raw_boost else []
            rarity = self._rarity_of(weighed) if weighed else {}
            return self._candidates(step, (raw, raw_boost), rows, limit, titles, rarity, extra)

    def _rarity_of(self, words):
        """{word: its inverse document frequency}, as BM25's: log((N + 1) / (n + 0.5)) for N
        entries of which n have the word, counted up to DF_CAP in the (title || body) GIN index
        and remembered until a page is (un)published (one statement for the words not yet known;
        a word more common than the cap weighs as if it had the cap)."""
        known = shared.remembered(FREQUENCIES_KEY, [ALL_ENTRIES, *words], self._frequencies, MAX_FREQUENCIES)
        total = known[ALL_ENTRIES]
        return {word: math.log((total + 1) / (known[word] + 0.5)) for word in words}

    def _frequencies(self, words):
        """How many entries there are (for ALL_ENTRIES) or have each word, up to DF_CAP."""
        entries = get_app_config().get_model("IndexEntry")._default_manager
        any_entry = entries.annotate(vector=_title_and_body())
        counted = [
            entries.values("pk") if word == ALL_ENTRIES
            else any_entry.filter(vector=self._lexeme(word)).values("pk")[:DF_CAP]
            for word in words
        ]
        return _each("(SELECT count(*) FROM ({}) AS counted)", counted, entries.db)

    def matches_any(self, queries, pages):
        """For each of ``queries`` (PlainText), whether any of ``pages`` matches it, in two
        statements whatever their number; None when one does not compile. The entries are
        looked up first, in the (title || body) GIN index: through modelsearch a word that no
        text says walked all the pages (1.8 s at 100,000); the pages only for those found."""
        from .backend import raw_tsquery

        raws = [raw_tsquery(query) for query in queries]
        if None in raws:
            return None
        IndexEntry = get_app_config().get_model("IndexEntry")
        any_entry = IndexEntry._default_manager.annotate(vector=_title_and_body())
        entries = any_entry.filter(content_type_id__in=get_descendants_content_types_pks(pages.model))

        def matching(raw, among=entries):
            return among.filter(vector=SearchQuery(raw, search_type="raw", config=self.config))

        # Entries of any model first: with the page models' content types, PostgreSQL took a word
        # of common characters (特种 工作) for an early match and read every entry through the
        # content type's index to find none (1.1 s at 100,000).
        in_entries = _exists_each([matching(raw, any_entry) for raw in raws], pages.db)
        found = [i for i, exists in enumerate(in_entries) if exists]
        numeric = [matching(raws[i]).filter(object_id__regex=NUMERIC_ID) for i in found]
        page_ids = [_with_page_id(ids).values("page_id") for ids in numeric]
        in_pages = _exists_each([pages.filter(pk__in=ids) for ids in page_ids], pages.db)
        result = [False] * len(raws)
        for i, exists in zip(found, in_pages):
            result[i] = exists
        return result

    def _candidates(self, step, raws, rows, limit, titles, rarity, extra):
        """``step(vector)``: (the entries with their page id for a step that matches ``vector``,
        or None when no entry does; whether few do, see _rows; the tsqueries whose matches the
        step takes in turn, the newest first in each: the query, or the query a few years at a
        time, _by_years); ``step()``: the entries, for any other look-up. ``raws``: the raw
        tsqueries of the query and of the boost (or None); ``rarity``: {word: weight} of the
        query's words whose rarity weighs the scores; ``extra``: the boost's own words."""

        def newest(vector, matching, seen=frozenset()):
            """The rows of the newest pages whose entries' ``vector`` matches (``matching``),
            those of ``seen`` left out, up to the limit with them."""
            entries, few, parts = step(vector)
            taken = []
            for part in parts:
                ids = matching(entries, part).values("page_id")
                # Up to the limit in each part: of those, the ones seen already are left out.
                got = _rows(rows.filter(pk__in=ids)[: limit - len(taken) if not seen else limit], few)
                taken += [row for row in got if row["pk"] not in seen][: limit - len(seen) - len(taken)]
                if len(seen) + len(taken) >= limit:
                    break
            return taken

        in_title = newest(F("title"), lambda entries, part: entries.filter(title=part)) if titles else []
        found = [(row, True) for row in in_title]
        if len(found) < limit:

            def matching(entries, part):
                return entries.annotate(vector=_title_and_body()).filter(vector=part)

            seen = {row["pk"] for row in in_title}
            found += [(row, False) for row in newest(_title_and_body(), matching, seen)]
        if not found:
            return []
        keys = [str(row["pk"]) for row, _in_title in found]
        entries = step()[0].filter(object_id__in=keys)
        # The entries' unique index is probed for each content type and key: with all nine page
        # models', for 500 candidates 18,093 buffers were read, with the one of their rows 6,093
        # (a page's row has its content type; records' rows have not).
        types = {row.get("content_type_id") for row, _in_title in found}
        if None not in types:
            entries = entries.filter(content_type_id__in=types)
        found_rows = self._scores(entries, *raws, list(rarity), extra)
        if rarity:
            weights = _weights([row[4:] for row in found_rows], list(rarity.values()))
        else:
            weights = [1.0] * len(found_rows)
        scores = {}
        for (page_id, score, matches_boost, count, *_flags), weight in zip(found_rows, weights):
            # A candidate that matches the boost scores double; one that has some of its own
            # words up to half more for their share, as SQLite's BM25 counts each word of the
            # boost a text has (信访 越 级 for 越级上访 raises what says 上一级 a little).
            factor = 2 if matches_boost else 1 + (count / len(extra) / 2 if extra else 0)
            scores[page_id] = score * factor * weight
        return [(row, scores.get(row["pk"], 0.0), title) for row, title in found]

    def _scores(self, entries, raw, raw_boost, words, extra):
        """[(page id, score, 1 if it matches the boost else 0, how many of ``extra`` it has, and
        1 or 0 per word of ``words``)] for ``entries``, in one statement.

        The score is ts_rank plus a saturated ts_rank_cd (SATURATED) of the title, times its
        length norm, and of the body. Each mention of a column fetches its vector again, and a
        body's (3 kB at 100,000 generated documents) is stored apart, in the TOAST table: with
        two ranks and a test per word, a candidate's body was fetched up to 15 times. The inner
        query fetches each vector once (a concatenation makes the copy that the outer
        expressions share): 60 ms against 37 ms for food safety's 500 candidates at 100,000."""
        once = {name: CombinedExpression(F(name), "||", Value("", output_field=SearchVectorField()),
                                         output_field=SearchVectorField()) for name in ("title", "body")}
        inner, params = (
            entries.annotate(title_once=once["title"], body_once=once["body"])
            .values("page_id", "title_norm", "title_once", "body_once").query.sql_with_params()
        )
        config, weights = self.config, get_sql_weights()

        tested = []  # the raw tsqueries that columns test, parsed once (WITH tested)

        def has(word, vector="title_once @@ {0} OR body_once @@ {0}"):
            """1 when the vectors have ``word`` (a lexeme, or with ``vector`` a raw tsquery), else 0.
            Its tsquery is parsed once, before the rows are read: as an expression to_tsquery ran
            on every row (500 candidates and 32 words: 32,000 times)."""
            tested.append(word)
            return f"CASE WHEN {vector.format(f'tested.queries[{len(tested)}]')} THEN 1 ELSE 0 END", []

        def ranked(vector):
            return f"ts_rank(%s::float4[], {vector}, q) + ts_rank_cd(%s::float4[], {vector}, q, {SATURATED})"

        columns = [(f"({ranked('title_once')}) * title_norm + ({ranked('body_once')})", [weights] * 4)]
        if raw_boost is None:
            columns += [("0", []), ("0", [])]
        else:
            columns.append(has(raw_boost, "(title_once || body_once) @@ {0}"))
            said = [has(f"'{word}'") for word in extra]
            columns.append((" + ".join(sql for sql, _p in said) or "0", []))
        columns += [has(f"'{word}'") for word in words]
        queries = ", ".join(["to_tsquery(%s::regconfig, %s)"] * len(tested))
        sql = (f"WITH tested AS MATERIALIZED (SELECT ARRAY[{queries}]::tsquery[] AS queries) "
               f"SELECT page_id, {', '.join(sql for sql, _p in columns)} "
               f"FROM ({inner} OFFSET 0) AS once, to_tsquery(%s::regconfig, %s) AS q, tested")
        params = ([p for word in tested for p in (config, word)] + [p for _sql, ps in columns for p in ps]
                  + list(params) + [config, raw])
        with connections[entries.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _lexeme(self, word):
        """The tsquery of one word of a raw tsquery (LEXEME)."""
        return SearchQuery(f"'{word}'", search_type="raw", config=self.config)


YEAR_TOKEN_PREFIX = "szm0y"  # letters and digits, as every index token, in a form no text gives


def year_token(year):
    """The token a page's title vector carries for the year of its date (backend.ChineseIndex)."""
    return f"{YEAR_TOKEN_PREFIX}{year}"


# A common word's title matches (11,776 of 100,000 generated titles for 教育) were all read, from
# the wide index rows, and joined to their pages and dates before the newest 500 were taken. The
# years are walked instead, newest first: the query with this year's token (and the next
# year's, for a date set ahead), then with last year's ..., up to YEARS_WALKED years, then with
# none of those tokens, for the rest (older pages, and any entry without a token). Each part
# reads only its own matches, and the walk ends once the limit is reached.
YEARS_WALKED = 4
# ... when a step has at least this many matches (counted in its GIN index, a few milliseconds):
# each part is a statement of its own, and for a word in a few hundred texts the parts cost more
# than reading all of them (梅州市教育局, 800 title matches: 39 -> 56 ms at 100,000 documents).
YEARS_FROM = 1000


def _by_years(raw, years, config):
    """The raw tsquery ``raw`` as SearchQuery objects, one per part of the years (newest,
    oldest or None) the pages can have, newest first, and one for the rest."""
    newest, oldest = years
    this_year = timezone.localdate().year
    first = list(range(newest, this_year - 1, -1)) or [newest]
    walked = [first] + [[year] for year in range(first[-1] - 1, first[-1] - YEARS_WALKED, -1)]
    walked = [part for part in walked if oldest is None or part[0] >= oldest]
    tokens = [" | ".join(f"'{year_token(year)}'" for year in part) for part in walked]
    parts = [f"({raw}) & ({part})" for part in tokens] + [f"({raw}) & !({' | '.join(tokens)})"]
    return [SearchQuery(part, search_type="raw", config=config) for part in parts]


# ts_rank weighs how close the query's words stand, hardly how often they occur (公积金 提取: the
# article that says 提取 five times came after those that say it once). Cover density
# (ts_rank_cd) counts each place where they stand together, so how often too, but without bound:
# it is added saturated, as r / (r + 1) (normalization 32). In sum over the 15 development sets,
# against ts_rank alone: recall +0.033, MRR +0.244; ts_rank_cd alone −0.046 / +0.208, saturated
# alone −0.038 / +0.158.
SATURATED = 32


def _weights(flags, rarity):
    """Per candidate, the rarity of the query's words it has, added up as BM25 adds up its words
    (``flags``: per candidate, 1 or 0 per word; ``rarity``: per word, its weight), scaled to 1
    on average. ts_rank, unlike SQLite's BM25, weighs every word alike: for 防汛 抗旱 a text
    that says 抗旱, which few texts say, scored as one that says 防汛, which many do. Words every
    candidate has weigh the same for all: one variant's complete matches keep ts_rank's order.
    A candidate with none of the words (it matched words after the first MAX_WEIGHED_WORDS)
    weighs 1: nothing is known of them, which is no reason to put it last."""
    per_candidate = [sum(weight for weight, flag in zip(rarity, row) if flag) for row in flags]
    weighed = [value for value in per_candidate if value]
    mean = sum(weighed) / len(weighed) if weighed else 0.0
    return [value / mean if value and mean else 1.0 for value in per_candidate]


# The query's first words weighed for their rarity (an English question's variants have dozens).
MAX_WEIGHED_WORDS = 32
LEXEME = re.compile(r"'([^']+)'")  # a word of a raw tsquery (backend.tsquery quotes them)
FREQUENCIES_KEY = "portal_search:frequencies"
MAX_FREQUENCIES = 5000  # words whose frequency is remembered
ALL_ENTRIES = ""  # no word: the key of the number of entries
# Documents counted per word, at most. Counting visits the entries; at 100,000 documents a word
# in more than 2% of them is common, and more precision would cost more milliseconds.
DF_CAP = 2000


def _matches_up_to(vector, tsquery, n):
    """How many index entries' ``vector`` (title, or title || body) match, up to ``n``, counted
    in its GIN index alone (entries of any model: with the page models' content types PostgreSQL
    read the entries one by one). A few milliseconds."""
    IndexEntry = get_app_config().get_model("IndexEntry")
    matching = IndexEntry._default_manager.annotate(vector=vector).filter(vector=tsquery)
    sql, params = matching.values("pk")[:n].query.sql_with_params()
    with _index_scans(IndexEntry._default_manager.db) as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS matching", params)
        return cursor.fetchone()[0]


def _rows(queryset, few):
    """The rows of a step's query; with ``few`` (fewer matching entries than its limit, counted)
    through the GIN index, which PostgreSQL may otherwise pass over for reading the whole index
    table (see _index_scans)."""
    if not few:
        return list(queryset)
    with _index_scans(queryset.db):
        return list(queryset)


@contextmanager
def _index_scans(using):
    """A cursor for a look-up that must use the GIN index. For the first few matches of a query
    that it takes for a common one, PostgreSQL reads the table from the start instead, all of it
    when nothing matches (1.2 s at 100,000 entries)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            yield cursor
        finally:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")  # also inside an outer transaction


def _exists_each(querysets, using):
    """[bool]: whether each queryset has a row, in one statement (SELECT EXISTS(...), ...)."""
    return _each("EXISTS({})", [qs.values("pk") for qs in querysets], using)


def _each(expression, querysets, using):
    """[value]: ``expression`` (SQL around "{}") of each queryset's SQL, in one statement."""
    if not querysets:
        return []
    parts, params = [], []
    for qs in querysets:
        sql, qs_params = qs.query.sql_with_params()
        parts.append(expression.format(sql))
        params += qs_params
    with _index_scans(using) as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())


@receiver(page_published)
@receiver(page_unpublished)
def _pages_changed(**kwargs):
    shared.forget(FREQUENCIES_KEY)
