"""One search, shared by the search page and GET /api/search/ so that both show the same thing."""

import datetime
import itertools
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText
from wagtail.search.utils import normalise_query_string

from . import kinds, normalize, records, shared, spelt_out, vocabulary

MAX_QUERY_LENGTH = 100
MAX_CANDIDATES = 500  # best matches re-ranked and filtered; enough for any page a person reads
ANY_WORD_TIER = 3  # what matches any one word of the query (any_word_query), after two left out
RELAXED_CANDIDATES = 100  # of those that leave words out: ten pages, after the complete matches
SNIPPET_LENGTH = 120
SORTS = ("relevance", "date")
POPULAR_DAYS = 30


@dataclass
class Params:
    q: str = ""
    kind: str = ""
    column: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    locale: str = ""  # a language code, or "all"
    page: str = "1"
    errors: list = field(default_factory=list)

    def query_dict(self, **changes):
        """The parameters as a querystring dict (for links that change one of them)."""
        values = {
            "q": self.q,
            "kind": self.kind,
            "column": self.column or "",
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "sort": self.sort if self.sort != "relevance" else "",
            "locale": self.locale if self.locale == "all" else "",
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None)}


def _date(value, label, errors):
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        errors.append(_("“%(label)s”不是有效日期，请按 2026-01-31 的格式填写；已忽略该条件。") % {"label": label})
        return None


def parse(data, language):
    """Validated parameters from a GET QueryDict; bad values are dropped with a message."""
    errors = []
    q = " ".join((data.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        errors.append(_("搜索词过长，只使用前 %(n)s 个字符。") % {"n": MAX_QUERY_LENGTH})
        q = q[:MAX_QUERY_LENGTH]
    kind = data.get("kind") or ""
    if kind and kind not in settings.PORTAL_SEARCH_KINDS:
        errors.append(_("没有这种结果类型，已显示全部类型。"))
        kind = ""
    column = (data.get("column") or "").strip()
    column = int(column) if column.isdigit() and len(column) < 12 else None
    date_from = _date(data.get("date_from"), _("起始日期"), errors)
    date_to = _date(data.get("date_to"), _("截止日期"), errors)
    if date_from and date_to and date_from > date_to:
        errors.append(_("起始日期晚于截止日期，已交换两者。"))
        date_from, date_to = date_to, date_from
    sort = data.get("sort") if data.get("sort") in SORTS else "relevance"
    codes = [code for code, _name in settings.LANGUAGES]
    locale = data.get("locale") or ""
    if locale not in codes and locale != "all":
        locale = language if language in codes else settings.LANGUAGE_CODE
    page = (data.get("page") or "1")[:10]
    return Params(q, kind, column, date_from, date_to, sort, locale, page, errors)


@dataclass
class Outcome:
    params: Params
    results: list = field(default_factory=list)
    page: object = None  # a Paginator page over the ranked ids
    count: int = 0
    facets: list = field(default_factory=list)  # [{"kind", "label", "count"}]
    suggestion: str | None = None
    promotions: list = field(default_factory=list)
    answer: dict | None = None  # a service guide that answers the query (搜索即服务)
    corrected_query: str | None = None  # set when the results shown are the suggestion's
    complete_count: int = 0  # results that match every word, ranked first (the rest leave out one or two)
    count_capped: bool = False  # only the best matches were looked at (see _matches): count is a lower bound
    searched: bool = False

    def as_json(self):
        page = self.page
        return {
            "query": self.params.q,
            "results": self.results,
            "count": self.count,
            "count_capped": self.count_capped,
            "complete_count": self.complete_count,
            "page": page.number if page else 1,
            "num_pages": page.paginator.num_pages if page else 0,
            "facets": self.facets,
            "suggestion": self.suggestion,
            "corrected_query": self.corrected_query,
            "promotions": self.promotions,
            "answer": self.answer,
            "errors": self.params.errors,
            "locale": self.params.locale,
        }


def search_query(q, variants=None):
    """The query for the backend: the text or any of its synonym variants (``variants``:
    vocabulary.expand(q), when the caller has them already)."""
    variants = [v for v in (variants or vocabulary.expand(q)) if normalize.query_tree(v) is not None]
    if not variants:
        return None
    if len(variants) == 1:
        return PlainText(variants[0], operator="and")
    return Or([PlainText(v, operator="and") for v in variants])


MAX_RELAXED_WORDS = 6
# Six words with synonyms, left out two at a time, made 66 queries (122 ms at 100,000 documents;
# the first 40: 104-110 ms). At 40 the evaluation sets lose nothing (at 24 fresh3 lost 0.013).
MAX_RELAXED_QUERIES = 40


def _parts(variant, split_phrases):
    """The words a query could do without: its space-separated words, with ``split_phrases``
    a Chinese one cut into its words too (离婚冷静期 -> 离婚 冷静期)."""
    parts = []
    for word in variant.split():
        parts += _words_of(word) if split_phrases and normalize.is_cjk(word) else [word]
    return parts


def _words_of(phrase):
    """jieba's words of a phrase; a lone character joins a neighbour (冷静期, not 冷静 + 期): the
    one before it, unless the texts use it only with the one after (环境影响 后评价, not
    环境影响后 评价)."""
    units = normalize._query_units(phrase)  # runs of single characters stay one (社保)
    words, carried = [], ""
    for i, unit in enumerate(units):
        unit, carried = carried + unit, ""
        if len(unit) == 1 and words and i + 1 < len(units) and _joins_the_next(words[-1], unit, units[i + 1]):
            carried = unit
        elif words and (len(unit) == 1 or len(words[-1]) == 1):
            words[-1] += unit
        else:
            words.append(unit)
    if len(words) == 1 and len(phrase) > 2:
        return _split_word(phrase)
    return words


def _joins_the_next(before, character, after):
    used = vocabulary.in_texts([before + character, character + after])
    return character + after in used and before + character not in used


def _split_word(word):
    """A phrase that jieba keeps as one word, cut at its longest part that is a dictionary word
    of its own: 流浪汉 -> 流浪 + 汉 (the law says 流浪、乞讨人员), 残疾人 -> 残疾 + 人; [word]
    when no part is one. Only for the fallbacks, like any phrase split."""
    frequency = normalize.word_frequencies()
    for size in range(len(word) - 1, 1, -1):
        if frequency.get(word[:size]):
            return [word[:size], word[size:]]
        if frequency.get(word[-size:]):
            return [word[:-size], word[-size:]]
    return [word]


def relaxed_query(q, split_phrases=False, leave_out=1, variants=None, characters=False):
    """For a query of several words: its variants with any ``leave_out`` words left out, or None.
    Citizens' words are not always the text's (辞退 where a law says 解除劳动合同, 冷静期 where
    it describes the thirty days), so when the full query fills less than a page, documents that
    match all words but one follow, then (from three words on) all but two. What is left must
    have a word of two characters or more: 办 alone says nothing. With ``split_phrases`` (the
    service's fallbacks), a phrase typed without spaces is cut into its words too: 婴幼儿配方食品,
    found twice as typed, fills the page with texts about 婴幼儿 … 配方 and the like, marked as
    partial matches. ``variants`` as for search_query.

    With ``characters``, the query to raise partial matches by instead (see _matches), or None:
    with one word left out, the words kept plus the left-out word's characters one by one. It
    matches no new document, but those that have the word's characters apart (公积金 销户: the
    article that says 注销 … 账户 before the other articles about 公积金)."""
    parts, apart = [], []
    variants = variants or vocabulary.expand(q)
    # Split phrases have more words, so all-but-one of them is stricter: 身份证 被人帽用 should
    # still find what says 身份证. Both ways, then, the words as typed first.
    word_lists = [_parts(v, split) for split in dict.fromkeys([False, split_phrases]) for v in variants]
    # What keeps a word that no text says can match nothing: a Chinese one, or the English of a
    # translated question (money, company, whose Chinese variants follow). Left out, it takes no
    # place under the cap, which the English variants' many words had filled before the Chinese
    # came, and PostgreSQL is not misled: it took an OR of nine such words for a common one and
    # read all 100,000 pages (2.8 s).
    words_said, used = _words_said(word_lists, latin=True)
    absent = words_said - used
    for words in word_lists:
        if not leave_out < len(words) <= MAX_RELAXED_WORDS or (leave_out > 1 and len(words) < 3):
            continue
        for kept_at in itertools.combinations(range(len(words)), len(words) - leave_out):
            kept = [words[i] for i in kept_at]
            if absent.isdisjoint(kept) and max(len(word) for word in kept) > 1 \
                    and normalize.query_tree(" ".join(kept)) is not None:
                parts.append(" ".join(kept))
                left = [words[i] for i in range(len(words)) if i not in kept_at]
                if leave_out == 1 and normalize.is_cjk(left[0]) and 1 < len(left[0]) <= 4:
                    apart.append(" ".join(kept + list(left[0])))
    parts = list(dict.fromkeys(parts))[:MAX_RELAXED_QUERIES]  # the typed query's first
    if characters:  # within the same cap
        parts = list(dict.fromkeys(apart))[: MAX_RELAXED_QUERIES - len(parts)]
    if not parts:
        return None
    queries = [PlainText(p, operator="and") for p in parts]
    return Or(queries) if len(queries) > 1 else queries[0]


def _words_said(word_lists, latin=False):
    """(the Chinese words of two characters or more in ``word_lists``, with ``latin`` its Latin
    words of two letters or more too; those of them that the texts say)."""
    words = {w for words in word_lists for w in words
             if len(w) > 1 and (normalize.is_cjk(w) or latin and w.isalpha())}
    return words, vocabulary.in_texts(list(words)) if words else set()


def any_word_query(q, variants=None):
    """The last fallback, for a query of three or more words that matched nothing with two left
    out (or more than MAX_RELAXED_WORDS, which no words are left out of), nor corrected or spelt
    out: any one of its Chinese words that the texts say (外地 户口 孩子 在 本地 上学; the English of
    a spoken question, where one translation is wrong: is the fine suspended during
    administrative review). Ranked as the other partial matches; the engine's score rises with
    each further word a page has. None for fewer words."""
    variants = variants or vocabulary.expand(q)
    word_lists = [_parts(v, True) for v in variants]
    if len(word_lists[0]) < 3:  # as typed: all but one of two words is any one, tried already
        return None
    # Chinese words only: the English words of a translated query are in its Chinese variants.
    words = sorted(_words_said(word_lists)[1])[:MAX_RELAXED_QUERIES]
    if not words:
        return None
    queries = [PlainText(w, operator="and") for w in words]
    return Or(queries) if len(queries) > 1 else queries[0]


def _in_locale(qs, params):
    if params.locale != "all":
        locale = Locale.objects.filter(language_code=params.locale).first()
        qs = qs.filter(locale=locale) if locale else qs.none()
    return qs


ROW_FIELDS = ("pk", "title", "sort_time", "content_type_id")


def _matches(query, params, limit=None, boost=None):
    """Pages and records (published letters) that match, see _page_matches (at most
    MAX_CANDIDATES of each unless ``limit`` says otherwise). Pages that also match ``boost``
    score higher (relaxed_query's characters, a time limit for a question of how long): on SQLite its words join the ranked query, whose
    BM25 weighs rare characters (销, 户) above common ones; PostgreSQL's ts_rank has no such
    weights, so there a candidate that matches it scores double, and one that has some of its
    words a share of that (candidates.py). Matching on single characters would cost time:
    nearly every document has them."""
    limit = limit or MAX_CANDIDATES
    rows, scores, in_title, capped = _page_matches(query, params, limit, boost)
    more, more_scores = records.matches(query, params, _date_bounds(params), limit)
    return rows + more, {**scores, **more_scores}, in_title, capped or len(more) >= limit


def _page_matches(query, params, limit, boost=None):
    """The best matches in the chosen locale, kinds, column and dates: (rows, scores, pks
    known to match in the title, capped), at most ``limit`` rows.

    A backend with ``candidates`` (PostgreSQL, see candidates.py) gets the filters and returns
    the newest title matches first without ranking every match; any other backend ranks every
    match and the filters are applied to its best ``limit`` afterwards."""
    backend = get_search_backend()
    qs = _in_locale(Page.objects.live().filter(content_type_id__in=kinds.content_type_ids()), params)
    if hasattr(backend, "candidates"):
        rows = _filters(qs, params).order_by("-sort_time", "-pk").values(*ROW_FIELDS)
        found = backend.candidates(query, rows, limit, boost, years=_years(params))
        if found is not None:
            scores = {row["pk"]: score for row, score, _title in found}
            in_title = {row["pk"] for row, _score, title in found if title}
            return [row for row, _s, _t in found], scores, in_title, len(found) >= limit
    ranked = Or([query, boost]) if boost is not None else query
    hits = backend.search(ranked, qs.only("pk")).annotate_score("_score")[:limit]
    # SQLite's bm25 is negative (lower is better), PostgreSQL's ts_rank positive: compare sizes.
    scores = {page.pk: abs(page._score or 0) for page in hits}
    return _filtered(list(scores), params), scores, set(), len(scores) >= limit


def _filtered(ids, params):
    return list(_filters(Page.objects.filter(pk__in=ids), params).values(*ROW_FIELDS))


def _filters(qs, params):
    """Public pages, column and date range, with ``sort_time`` (the date shown and sorted on,
    kept by dates.py: the kind's publish_time, else first_published_at)."""
    qs = qs.public()
    if params.locale == "all":
        qs = qs.filter(alias_of__isnull=True)  # an alias repeats its original in another tree
    if params.column:
        column = Page.objects.filter(pk=params.column).first()
        qs = qs.descendant_of(column) if column else qs.none()
    # The date shown, from its own narrow indexed table (see models.PageDate): no join per kind.
    # Every page has its row (dates.py), so the join is an inner one: PostgreSQL then joins the
    # matches to the dates before the pages, instead of hashing all 100,000 pages (教育: 66 -> 49 ms).
    qs = qs.filter(pagedate__isnull=False).annotate(sort_time=F("pagedate__shown_at"))
    start, end = _date_bounds(params)
    if start:
        qs = qs.filter(sort_time__gte=start)
    if end:
        qs = qs.filter(sort_time__lte=end)
    return qs


def _date_bounds(params):
    """The date range as aware datetimes: from the start of the first day to the end of the last."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(params.date_from, datetime.time.min, tz) if params.date_from else None
    end = datetime.datetime.combine(params.date_to, datetime.time.max, tz) if params.date_to else None
    return start, end


def _years(params):
    """(newest, oldest or None): the years of the dates the pages searched can have (a date may
    be set a little ahead)."""
    start, end = _date_bounds(params)
    return end.year if end else timezone.localdate().year + 1, start.year if start else None


def _wanted(variants):
    """Per query variant, its words (see normalize.query_words)."""
    return [w for w in (normalize.query_words(v) for v in variants) if w]


def _title_match(title, wanted):
    """The best share, over the query's variants, of the query's words that the title contains.

    Whole words, not tokens: 社会保险法 shares 保险 with 养老保险 but is not a title about it."""
    folded = normalize.fold(title)
    latin = set(re.findall(r"[a-z0-9]+", folded))
    pinyin = None
    best = 0.0
    for words in wanted:
        found = 0
        for word, alternatives in words:
            if normalize.is_cjk(word):
                found += word in folded
                continue
            if word in latin:
                found += 1
                continue
            if alternatives and pinyin is None:
                pinyin = set(normalize.index_text(title, with_pinyin=True).split())  # cached
            found += any(tokens <= pinyin for tokens in alternatives)
        best = max(best, found / len(words))
    return best


SCORE_TOLERANCE = 0.1


def _score_bands(scores):
    """The engine's scores grouped: each group starts at the best score not yet grouped and
    takes every score within SCORE_TOLERANCE of it.

    How often and how densely the words occur (BM25 / ts_rank) separates a text about the query
    from one that merely mentions it; differences of a few per cent (length norms: the same text
    twice can score 5 % apart) are not relevance, so those fall through to the date."""
    bands, leader, band = {}, None, 0
    for pk, score in sorted(scores.items(), key=lambda item: -item[1]):
        if leader is None or score < leader * (1 - SCORE_TOLERANCE):
            leader, band = score, band - 1
        bands[pk] = band
    return bands


def _rank(rows, scores, params, variants, tiers, in_title=frozenset()):
    """Relevance order. ``tiers``: per page, how many of the query's words it leaves out (0 for
    a complete match; those come first, whatever the sort); ``in_title``: pages whose title the
    engine matched to a whole query variant (share 1, without recomputing the title's tokens
    and pinyin here)."""

    def full(row):
        return -tiers[row["pk"]]

    if params.sort == "date":
        return sorted(rows, key=lambda r: (full(r), r["sort_time"], r["pk"]), reverse=True)
    # Each tier's matches come from a different query: band their scores apart.
    bands = {}
    for tier in set(tiers.values()):
        bands.update(_score_bands({pk: s for pk, s in scores.items() if tiers.get(pk) == tier}))
    wanted = _wanted(variants)
    folded_variants = [normalize.fold(v) for v in variants]

    def key(row):
        title = 1.0 if row["pk"] in in_title else _title_match(row["title"], wanted)
        folded_title = normalize.fold(row["title"])
        phrase = any(v in folded_title for v in folded_variants)
        return (full(row), round(title, 1), phrase, bands[row["pk"]], row["sort_time"], row["pk"])

    return sorted(rows, key=key, reverse=True)


def snippet(text, terms):
    """Up to SNIPPET_LENGTH characters around the first match: escaped, then matches marked."""
    text = " ".join((text or "").split())
    folded = normalize.fold(text)
    if len(folded) != len(text) or not terms:  # folding changed the length: mark nothing
        return escape(text[:SNIPPET_LENGTH])
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    first = pattern.search(folded)
    start = max(0, first.start() - SNIPPET_LENGTH // 4) if first else 0
    end = start + SNIPPET_LENGTH
    parts, pos = [], start
    for match in pattern.finditer(folded, start, end):
        parts.append(escape(text[pos : match.start()]))
        parts.append("<mark>" + escape(text[match.start() : match.end()]) + "</mark>")
        pos = match.end()
    parts.append(escape(text[pos:end]))
    return ("…" if start else "") + "".join(parts) + ("…" if end < len(text) else "")


def _page_text(page, terms):
    """The first of description, summary, body text that mentions the query, else the first."""
    texts = [t for t in spelt_out.page_texts(page) if t]
    pattern = re.compile("|".join(re.escape(t) for t in terms)) if terms else None
    if pattern:
        for text in texts:
            if pattern.search(normalize.fold(text)):
                return text
    return texts[0]


def _columns(pages):
    """{page pk: title of its parent column} in one query (not one get_parent() per result)."""
    parent_path = {page.pk: page.path[: -Page.steplen] for page in pages}
    parents = Page.objects.filter(path__in=set(parent_path.values()), depth__gt=2)
    titles = dict(parents.values_list("path", "title"))
    return {pk: titles.get(path, "") for pk, path in parent_path.items()}


def _result(page, row, kind_label, terms, request, column=""):
    return {
        "title": page.title,
        "url": page.get_url(request=request),
        "kind": kind_label,
        "column": column,
        "date": _shown_date(row),
        "snippet": snippet(_page_text(page, terms), terms),
    }


def _record_result(row, kind_label, terms):
    record = row["record"]
    return {
        "title": row["title"],
        "url": record.get_url(),
        "kind": kind_label,
        "column": str(record._meta.verbose_name_plural),
        "date": _shown_date(row),
        "snippet": snippet(record.search_text(), terms),
    }


def _shown_date(row):
    return timezone.localtime(row["sort_time"]).date().isoformat() if row["sort_time"] else ""


def _promotions(q, request, params):
    picks = []
    query = Query.objects.filter(query_string=normalise_query_string(q)).first()
    if query is None:
        return picks
    for pick in query.editors_picks.all().select_related("page").order_by("sort_order"):
        if pick.page_id:
            page = pick.page.localized if params.locale != "all" else pick.page
            if not page.live:
                continue
            picks.append({"title": page.title, "url": page.get_url(request=request), "description": pick.description})
        elif pick.external_link_url:
            picks.append(
                {"title": pick.external_link_text or pick.external_link_url, "url": pick.external_link_url,
                 "description": pick.description}
            )
    return picks


# Popular queries are shown to everyone: leave out anything that may be personal data
# (a phone or ID number, an e-mail address) and one-off searches.
PERSONAL = re.compile(r"\d{6,}|@")
POPULAR_MIN_HITS = 2


def popular_queries(limit=10):
    since = timezone.now().date() - datetime.timedelta(days=POPULAR_DAYS)
    queries = Query.get_most_popular(date_since=since).filter(_hits__gte=POPULAR_MIN_HITS)
    return [q.query_string for q in queries[: limit * 3] if not PERSONAL.search(q.query_string)][:limit]


@shared.one_search()
def run(params, request=None, record_hit=True):
    outcome = Outcome(params)
    # Expanded once per query: with hundreds of synonym groups that is 1.5-2 ms each time.
    variants = vocabulary.expand(params.q) if params.q else []
    query = search_query(params.q, variants) if params.q else None
    if query is None:
        return outcome
    outcome.searched = True
    _fill(outcome, params.q, query, variants, request)
    if outcome.complete_count < 3:
        outcome = _corrected(outcome, request)
    if outcome.complete_count == 0 and not outcome.corrected_query:
        outcome = _spelt_out(outcome, variants, request)
    # Nothing of any kind with two words left out, nor corrected, nor spelt out (a kind that
    # has none while others have some keeps their counts).
    if not any(facet["count"] for facet in outcome.facets):
        _fill(outcome, params.q, query, variants, request, any_word=True)
    outcome.promotions = _promotions(params.q, request, params)
    if record_hit and outcome.count and outcome.page.number == 1:
        Query.get(params.q).add_hit()
    return outcome


def _corrected(outcome, request):
    """The outcome with "did you mean": the first correction that matches every word (the
    portal's own texts decide between 遗产继承 and 遗产的成). When nothing matched every word as
    typed, the corrected query's results are shown instead, saying so. When no correction
    matches every word either, the best one's partial matches are shown if it has any and it
    turns characters that were no word into words: in 无证驾使 the non-word 驾使 was left out,
    which found 无证经营, not 驾驶. A correction of one word into another (代书遗属 -> 代数遗属)
    or one that leaves as many characters outside words (换工作 -> 访工作) stays a suggestion, and
    so does one not by sound when the query as typed has partial matches: 三同时 -> 合同时 is the
    titles' bigrams, not a slip of the input method, and would hide what says 同时设计、同时施工."""
    params = outcome.params
    tried = []
    for suggestion in vocabulary.suggestions(params.q):
        variants = vocabulary.expand(suggestion)
        query = search_query(suggestion, variants)
        if query is None:
            continue
        tried.append((suggestion, query, variants))
        if _matches(query, params, limit=1)[0]:
            outcome.suggestion = suggestion
            if _replaces(outcome, suggestion):
                outcome.corrected_query = suggestion
                _fill(outcome, suggestion, query, variants, request)
            return outcome
    if tried and _replaces(outcome, tried[0][0]) and vocabulary.makes_words(params.q, tried[0][0]):
        suggestion, query, variants = tried[0]
        corrected = Outcome(params, searched=True, suggestion=suggestion, corrected_query=suggestion)
        _fill(corrected, suggestion, query, variants, request)
        if corrected.count:
            return corrected
    return outcome


def _spelt_out(outcome, variants, request):
    """The outcome with the query's words that no text says also searched as the texts spell
    them out (安责险 -> 安全生产责任保险, see spelt_out.py), when that matches every word or the
    query alone matched nothing; else as it was. The caller asks only when nothing matched every
    word, nor a correction: spellings come from reading pages."""
    q = outcome.params.q
    more = spelt_out.variants(variants, vocabulary.in_texts)  # every variant's words: caiyuan -> 裁员 -> 裁减人员
    if not more:
        return outcome
    if outcome.count and not _matches(search_query(q, more), outcome.params, limit=1)[0]:
        # No complete match either way. The partial matches as typed stay (one look-up, not a
        # second search: 医疗保险 缴费), unless a word that no dictionary has is spelt out, a
        # short form (政采 结果 公告: 政府采购 is spelt out in the texts, 政采 nowhere). An everyday
        # word spelt out from its characters is mostly another (重活 -> 重大活动), and a typo
        # has its suggestion.
        more = [] if outcome.suggestion else spelt_out.variants(variants, vocabulary.in_texts, coined=True)
        if not more:
            return outcome
    variants = list(dict.fromkeys(variants + more))
    spelt = Outcome(outcome.params, searched=True, suggestion=outcome.suggestion)
    _fill(spelt, q, search_query(q, variants), variants, request)
    return spelt if spelt.count else outcome  # what it found as typed, and more


def _replaces(outcome, suggestion):
    """Whether the results of ``suggestion`` may be shown instead: nothing matched every word as
    typed, and either nothing matched at all or the correction is by sound."""
    return outcome.complete_count == 0 and (
        outcome.count == 0 or vocabulary.by_sound(outcome.params.q, suggestion)
    )


# A question of how long (多久 and 几天 are stop words) asks for a time limit, which a text
# states as 三十日内, 期限, 十五个工作日 or 自…之日起: the complete matches that state one score
# higher (as _matches' boost).
HOW_LONG = re.compile(r"多久|多长时间|多少天|几天|几个月|几个工作日|how (?:long|soon)|how many days")
TIME_LIMIT_WORDS = ("日内", "期限", "工作日", "日起")


def _time_limit_boost(q, query):
    if not HOW_LONG.search(normalize.fold(q)):
        return None
    return And([query, Or([PlainText(word) for word in TIME_LIMIT_WORDS])])


def _rows(q, query, variants, params):
    """(rows, scores, pks matched in the title, tiers, capped): the complete matches of ``query``,
    then, while the page is not full, those leaving one word out, then two, then (a query typed
    in three or more words) those with any one of its words. ``tiers``: per page, how many of
    the query's words it leaves out (ANY_WORD_TIER for the last)."""
    rows, scores, in_title, capped = _matches(query, params, boost=_time_limit_boost(q, query))
    tiers = {row["pk"]: 0 for row in rows}
    for leave_out in (1, 2):
        if len(rows) >= settings.PORTAL_SEARCH_PAGE_SIZE:
            break
        relaxed = relaxed_query(q, True, leave_out, variants)
        if relaxed is None:  # too few words, or what is kept has a word that no text says
            continue
        boost = relaxed_query(q, True, leave_out, variants, characters=True)
        more_rows, more_scores, _title, more_capped = _matches(relaxed, params, RELAXED_CANDIDATES, boost)
        capped = capped or more_capped
        for row in more_rows:
            if row["pk"] not in tiers:
                tiers[row["pk"]] = leave_out
                rows.append(row)
                scores[row["pk"]] = more_scores[row["pk"]]
    # A page the rest leaves part empty is filled with what has any one of three or more words
    # typed (新建 小区 没有 配套 学校: leaving two out found one traffic-law chapter; the answer
    # says 新建居民区 … 学校), not of one phrase's words (政府信息公开条例: any page with 政府).
    if rows and len(rows) < settings.PORTAL_SEARCH_PAGE_SIZE and len(variants[0].split()) >= 3:
        any_word = _any_word_rows(q, variants, params)
        for row in any_word[0] if any_word else []:
            if row["pk"] not in tiers:
                tiers[row["pk"]] = ANY_WORD_TIER
                rows.append(row)
                scores[row["pk"]] = any_word[1][row["pk"]]
    return rows, scores, in_title, tiers, capped


def _any_word_rows(q, variants, params):
    """As _rows, for any_word_query's matches, or None when there is no such query. A title with
    one of the words is no title match of the query."""
    query = any_word_query(q, variants)
    if query is None:
        return None
    rows, scores, _title, capped = _matches(query, params, RELAXED_CANDIDATES)
    return rows, scores, set(), {row["pk"]: ANY_WORD_TIER for row in rows}, capped


def _fill(outcome, q, query, variants, request, any_word=False):
    """The outcome's results, page and facets for ``query`` (see _rows); with ``any_word`` for
    any_word_query's instead, if there is one."""
    params = outcome.params
    found = _any_word_rows(q, variants, params) if any_word else _rows(q, query, variants, params)
    if found is None:
        return
    rows, scores, in_title, tiers, outcome.count_capped = found
    by_kind = kinds.kind_by_content_type()
    labels = kinds.labels()
    counts = {}
    for row in rows:
        key = by_kind.get(row["content_type_id"])
        counts[key] = counts.get(key, 0) + 1
    outcome.facets = [
        {"kind": key, "label": labels[key], "count": counts.get(key, 0)} for key in settings.PORTAL_SEARCH_KINDS
    ]
    if params.kind:
        rows = [r for r in rows if by_kind.get(r["content_type_id"]) == params.kind]
    ranked = _rank(rows, scores, params, variants, tiers, in_title)
    outcome.count = len(ranked)
    outcome.complete_count = sum(tiers[r["pk"]] == 0 for r in ranked)
    outcome.page = Paginator(ranked, settings.PORTAL_SEARCH_PAGE_SIZE).get_page(params.page)
    page_rows = list(outcome.page.object_list)
    pages = Page.objects.filter(pk__in=[r["pk"] for r in page_rows if r["pk"] > 0]).specific().in_bulk()
    columns = _columns(pages.values())
    terms = list(dict.fromkeys(t for v in variants for t in normalize.highlight_terms(v)))
    shown = []  # (result, row)
    for row in page_rows:
        kind_label = labels.get(by_kind.get(row["content_type_id"]), "")
        if records.is_record(row):
            shown.append((_record_result(row, kind_label, terms), row))
        elif row["pk"] in pages:
            column = columns.get(row["pk"], "")
            shown.append((_result(pages[row["pk"]], row, kind_label, terms, request, column), row))
    outcome.results = [result for result, _row in shown]
    outcome.answer = None
    if outcome.page.number == 1:
        wanted = _wanted(variants)
        outcome.answer = next(
            (result for result, row in shown
             if by_kind.get(row["content_type_id"]) == "service" and _title_match(row["title"], wanted) == 1),
            None,
        )
