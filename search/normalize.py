"""One normalisation for Chinese text, used both when indexing and when querying.

Full-text engines (PostgreSQL's parser, SQLite FTS5's unicode61 tokenizer) treat a run of
Chinese characters as a single word, so 信息公开 never matches 政府信息公开条例. We turn text
into space-separated tokens before the engine sees it:

* fold: NFKC (full-width letters/digits to ASCII), OpenCC Traditional -> Simplified, lower case;
* Chinese runs become overlapping character bigrams plus single characters (or jieba words
  when PORTAL_SEARCH_SEGMENTER = "jieba"). A query's Chinese runs become bigrams too; with
  "hybrid" (the default) only bigrams inside the words jieba finds in the query, so that a
  query is not stricter than its words. search/README.md has the measurements;
* Latin letters and digits stay words;
* titles additionally get pinyin tokens: syllables, syllable bigrams (xinxi, gongkai) and
  initial bigrams (xx, xg, gk, prefixed so they cannot collide with English words).

A query becomes a small boolean tree of tokens (``And``/``Or`` of strings) that the backend
compiles to FTS5 or tsquery syntax.
"""

import re
import unicodedata
from functools import lru_cache

from django.conf import settings

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN_RE = re.compile(rf"[{CJK}]+|[a-z0-9]+")
CJK_RUN_RE = re.compile(rf"^[{CJK}]+$")
INITIALS_PREFIX = "szm"  # 首字母: marks initial-letter bigrams in the index
NO_INITIAL = frozenset("iuv")
MAX_QUERY_TOKENS = 64  # a 1,000-character query must not become a 1,000-term SQL expression


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _tw2sp():
    import opencc

    return opencc.OpenCC("tw2sp")


def fold_phrases(text):
    """Like fold, but also maps Taiwan wording to mainland wording (資訊 -> 信息, 軟體 -> 软件).

    Only for queries: it can change the length of the text, which highlighting relies on."""
    return fold(_tw2sp().convert(unicodedata.normalize("NFKC", text or "")))


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def word_frequencies():
    """jieba's dictionary: {word: frequency in general text}, every prefix of a word included."""
    return _jieba().dt.FREQ


def fold(text):
    """NFKC + Traditional->Simplified + lower case. Length-preserving for Chinese text."""
    text = unicodedata.normalize("NFKC", text or "")
    return _t2s().convert(text).lower()


def segmenter():
    return getattr(settings, "PORTAL_SEARCH_SEGMENTER", "hybrid")


def runs(text):
    """The runs of Chinese characters and of ASCII letters/digits in folded ``text``."""
    return RUN_RE.findall(fold(text))


def is_cjk(run):
    return bool(CJK_RUN_RE.match(run))


def bigrams(run):
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def bigrams_in(word, known):
    """Whether every bigram of ``word`` is in ``known`` (the portal's titles' bigrams: a word
    the titles use)."""
    return all(gram in known for gram in bigrams(word))


def cjk_index_tokens(run):
    if segmenter() == "jieba":
        words = [w for w in _jieba().cut_for_search(run) if w.strip()]
        return words + [c for c in run if c not in words]
    return bigrams(run) + list(run) if len(run) > 1 else [run]


def cjk_query_tokens(run):
    mode = segmenter()
    if mode == "jieba":
        return [w for w in _jieba().cut(run) if w.strip()]
    if mode == "hybrid":
        # Bigrams inside each jieba word, none across words: 招标投标 needs 招标 and 投标,
        # not 标投, so a text that says 招标……投标 still matches. Runs of single characters
        # (words jieba does not know, like 社保) stay together, or 社保 would match 社会保险.
        # A lone character is held to its neighbour (试用其 needs 用其, not any 其 anywhere).
        units = _query_units(run)
        tokens = []
        for i, unit in enumerate(units):
            if len(unit) == 1 and len(units) > 1:
                tokens.append(units[i - 1][-1] + unit if i else unit + units[1][0])
            else:
                tokens += bigrams(unit)
        return tokens
    return bigrams(run)


def _query_units(run):
    units, singles = [], ""
    for word in _jieba().cut(run):
        if len(word) == 1:
            singles += word
            continue
        if singles:
            units.append(singles)
            singles = ""
        units.append(word)
    return units + [singles] if singles else units


# --- Pinyin -------------------------------------------------------------------


@lru_cache(maxsize=1)
def syllables():
    """Every pinyin syllable (without tones) that pypinyin knows for the common CJK block."""
    from pypinyin import lazy_pinyin

    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return frozenset(s for s in lazy_pinyin(chars, errors="ignore") if s.isalpha())


def parse_pinyin(word):
    """Split ``xinxigongkai`` into syllables, preferring the fewest; None if it is not pinyin."""
    if not word.isalpha() or len(word) > 60:
        return None
    known = syllables()
    best = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if best[start] is not None and word[start:end] in known:
                candidate = best[start] + [word[start:end]]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[-1]


def pinyin_tokens(text):
    """Pinyin tokens for a title: syllables, syllable bigrams and initial bigrams."""
    from pypinyin import lazy_pinyin

    tokens = []
    for run in runs(text):
        if not is_cjk(run):
            continue
        sylls = [s for s in lazy_pinyin(run) if s.isalpha()]
        tokens += sylls
        tokens += [a + b for a, b in zip(sylls, sylls[1:])]
        initials = [s[0] for s in sylls]
        tokens += [INITIALS_PREFIX + a + b for a, b in zip(initials, initials[1:])]
    return tokens


# --- Index side ---------------------------------------------------------------


def index_tokens(text, with_pinyin=False):
    tokens = []
    for run in runs(text):
        tokens += cjk_index_tokens(run) if is_cjk(run) else [run]
    if with_pinyin:
        tokens += pinyin_tokens(text)
    return tokens


def index_text(text, with_pinyin=False):
    """What the search engine stores for ``text``: tokens separated by spaces."""
    return _index_text(text, with_pinyin, segmenter())


@lru_cache(maxsize=4096)
def _index_text(text, with_pinyin, mode):
    # Cached: the database backend asks for each field several times per object (title, body,
    # autocomplete and the plain-text copies), and pinyin is the expensive part. ``mode`` is
    # part of the key so that changing the segmenter (the evaluation does) is never stale.
    return " ".join(index_tokens(text, with_pinyin=with_pinyin))


# --- Query side -----------------------------------------------------------------


class And(tuple):
    """All of these must match."""


class Or(tuple):
    """Any of these may match."""


def _latin_word(word):
    """A Latin word is itself, or pinyin (full or initials) of a Chinese title."""
    alternatives = [word]
    if word.isalpha():
        parsed = parse_pinyin(word)
        if parsed and len(parsed) > 1:
            alternatives.append(And(a + b for a, b in zip(parsed, parsed[1:])))
        # No syllable begins with i, u or ü (v): a word with one is no initials (social, insurance),
        # and its bigrams, in most titles' tokens, would be read for nothing (165 ms at 100,000).
        if 2 <= len(word) <= 12 and not NO_INITIAL & set(word):
            alternatives.append(And(INITIALS_PREFIX + a + b for a, b in zip(word, word[1:])))
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def query_tree(text):
    """The boolean token tree for a query string, or None when it has no searchable token."""
    parts = []
    count = 0
    for run in runs(text):
        if is_cjk(run):
            tokens = list(dict.fromkeys(cjk_query_tokens(run)))
            part = And(tokens) if len(tokens) > 1 else tokens[0]
            count += len(tokens)
        else:
            part = _latin_word(run)
            count += 1
        if count > MAX_QUERY_TOKENS:
            break
        parts.append(part)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def simplify(tree):
    """Flattens one-element groups (the compilers handle any shape, this keeps SQL short)."""
    if isinstance(tree, (And, Or)):
        items = [simplify(t) for t in tree]
        return items[0] if len(items) == 1 else type(tree)(items)
    return tree


def query_words(text):
    """The query's words for ranking: (folded word, token sets that also stand for it).

    A Chinese word is a unit of the query (a jieba word, or a run of single characters), so
    that a title counts as matching 养老保险 only if it says 养老保险, not because it shares 保险.
    A Latin word also stands for its pinyin and initials tokens (xxgk -> szmxx szmxg szmgk)."""
    words = []
    for run in runs(text):
        if is_cjk(run):
            words += [(unit, []) for unit in _query_units(run)]
        else:
            tree = _latin_word(run)
            alternatives = tree[1:] if isinstance(tree, Or) else []
            words.append((run, [set(a) for a in alternatives]))
        if len(words) >= MAX_QUERY_TOKENS:
            break
    return words


def highlight_terms(text):
    """Folded strings worth marking in a snippet for this query, longest first."""
    terms = set()
    for run in runs(text):
        if is_cjk(run):
            terms.add(run)
            terms.update(w for w in _jieba().cut(run) if len(w) > 1)
            if len(run) > 1:
                terms.update(bigrams(run))
        elif len(run) > 1 or run.isdigit():
            terms.add(run)
    return sorted(terms, key=len, reverse=True)
