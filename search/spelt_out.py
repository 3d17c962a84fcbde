"""How the portal's texts spell out a word that they never say.

Citizens search for short forms and everyday words that a law writes out: 安责险 for
安全生产责任保险, 搜身 for 搜查消费者的身体. Such a word's characters still come in the texts, in
its order, close together within a clause. When a query finds nothing, the search service
(service._spelt_out) looks for those spellings among the pages that have all of its characters
and searches for the most common one too.
"""

import re

from django.dispatch import receiver
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText
from wagtail.signals import page_published, page_unpublished

from . import normalize, shared

SPELLINGS_KEY = "portal_search:spellings"
MAX_REMEMBERED = 1000
PAGES_READ = 30  # of those that have every character: the best (PostgreSQL: the newest, see _spellings)
MAX_GAP = 5  # characters between two of the word's: 搜(查消费者的)身
MIN_LENGTH, MAX_LENGTH = 2, 6
MAX_WORDS = 3  # looked up per query
CLAUSE_BREAK = r"\s，。；：、！？,.;:!?（）()《》“”"


def page_texts(page):
    """A page's texts as the search indexes them: description, summary, body, title."""
    for attr in ("search_description", "summary"):
        value = getattr(page, attr, "")
        if value:
            yield value
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        yield strip_tags(" ".join(body.stream_block.get_searchable_content(body)))
    yield page.title


def _pattern(word):
    gap = f"[^{CLAUSE_BREAK}]{{0,{MAX_GAP}}}?"
    return re.compile("(?=(" + gap.join(re.escape(c) for c in word) + "))")


def _whole_words(text, start, end):
    """The span widened to the jieba words that its first and last characters are in (新型农村合
    -> 新型农村合作)."""
    position = 0
    for word in normalize._jieba().cut(text):
        following = position + len(word)
        if position <= start < following:
            start = position
        if position < end <= following:
            return text[start:following]
        position = following
    return text[start:end]


def spellings(word):
    """The spellings of ``word`` in the texts, the one most pages have first ([] when none): each
    the shortest run of the texts that has its characters in order, at most MAX_GAP apart within
    a clause, widened to whole words. Read from the PAGES_READ best pages with all of the
    characters, remembered until a page is (un)published."""
    return shared.remembered(SPELLINGS_KEY, [word], _each_spellings, MAX_REMEMBERED)[word]


def _each_spellings(words):
    return [_spellings(word) for word in words]


@receiver(page_published)
@receiver(page_unpublished)
def _pages_changed(**kwargs):
    shared.forget(SPELLINGS_KEY)


def _spellings(word):
    backend, live = get_search_backend(), Page.objects.live()
    query = PlainText(" ".join(word), operator="and")  # each character on its own
    if hasattr(backend, "candidates"):  # PostgreSQL: without ranking every page that has them
        found = backend.candidates(query, live.order_by("-pk").values("pk"), PAGES_READ)
        ids = [row["pk"] for row, _score, _title in sorted(found or [], key=lambda f: -f[1])]
    else:
        ids = [page.pk for page in backend.search(query, live.only("pk"))[:PAGES_READ]]
    pattern, pages = _pattern(word), {}
    for page in Page.objects.filter(pk__in=ids).specific():
        for text in page_texts(page):
            for clause in re.split(f"[{CLAUSE_BREAK}]+", normalize.fold(text)):
                for match in pattern.finditer(clause):
                    spelling = _whole_words(clause, match.start(1), match.end(1))
                    if spelling != word:
                        pages.setdefault(spelling, set()).add(page.pk)
    return sorted(pages, key=lambda s: (-len(pages[s]), len(s), s))


def variants(texts, words_in_texts, coined=False):
    """Versions of folded ``texts`` (a query's variants) with each Chinese word that no text says
    in its most common spelling (安责险 买 -> 安全生产责任保险 买); [] when there is none. At most
    MAX_WORDS words are looked up: each look-up reads pages, and a query of a dozen unknown words
    is no question of one. ``words_in_texts(words)``: those of the words that the texts use
    (vocabulary.in_texts). With ``coined``, only words that jieba's dictionary lacks too."""
    units = {
        text: [unit for run in normalize.runs(text) if normalize.is_cjk(run)
               for unit in normalize._query_units(run) if MIN_LENGTH <= len(unit) <= MAX_LENGTH]
        for text in texts
    }
    every = list(dict.fromkeys(unit for found in units.values() for unit in found))
    used = words_in_texts(every) if every else set()
    known = normalize.word_frequencies() if coined else {}
    unknown = [u for u in every if u not in used and not known.get(u)]
    looked_up = {unit: spellings(unit) for unit in unknown[:MAX_WORDS]}
    versions = []
    for text, found in units.items():
        version = text
        for unit in found:
            if looked_up.get(unit):  # a word of its own, for the fallbacks
                version = version.replace(unit, f" {looked_up[unit][0]} ")
        version = " ".join(version.split())
        if version != text:
            versions.append(version)
    return list(dict.fromkeys(versions))
