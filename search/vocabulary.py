"""What the portal itself says: synonyms from editors and the vocabulary for "did you mean".

Both are cached and dropped when an editor saves a synonym group or a page is (un)published.
"""

import difflib
import itertools
import math
import re
from collections import Counter
from functools import lru_cache

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText
from wagtail.signals import page_published, page_unpublished

from . import english, normalize, shared
from .models import SynonymGroup

SYNONYMS_KEY = "portal_search:synonyms"
VOCABULARY_KEY = "portal_search:vocabulary"
PINYIN_KEY = "portal_search:pinyin"
IN_TEXTS_KEY = "portal_search:in_texts"
MAX_IN_TEXTS = 5000  # words in_texts remembers
MAX_VARIANTS = 8
MIN_CJK_TYPO_LENGTH = 3
MIN_PAIR_FREQUENCY = 10  # in jieba's dictionary: 冒用 has 19
FIX_CHOICES = 4  # per word
MAX_SUGGESTIONS = 4  # corrected queries tried, each one search
MAX_READINGS = 8  # of a synonym term whose characters have several readings, pinyin versions kept
PARTICLES = re.compile("[的了吗呢吧啊呀嘛]+")  # typed on purpose, and stop words (CHINESE_STOPWORDS)
WORD_GAIN = 5
LATIN_WORD = re.compile(r"[a-z]{3,}")


# --- Synonyms -------------------------------------------------------------------


def synonym_groups():
    """The editors' synonym groups, folded."""
    return _synonyms()["groups"]


def _synonyms():
    # Built once per change of the synonyms and held per process (shared.py): expand() reads them
    # for every variant of every search, with a thousand groups.
    return shared.get(SYNONYMS_KEY, _build_synonyms)


def _build_synonyms():
    rows = list(SynonymGroup.objects.all())
    groups = [[normalize.fold(t) for t in group.term_list()] for group in rows]
    chinese = [term for group in groups for term in group if normalize.is_cjk(term)]
    groups_of = _groups_of(groups)
    return {
        "groups": groups,
        "longest_first": [sorted(group, key=len, reverse=True) for group in groups],
        "terms": frozenset(groups_of),
        "groups_of": groups_of,
        "term_lengths": sorted({len(term) for group in groups for term in group}),
        "english_only": [group.english_only for group in rows],
        "pinyin": _pinyin_terms(chinese),
        "initials": _initials_terms(chinese),
        "one_off": _one_off_terms(chinese),
    }


def _groups_of(groups):
    """{term: the indexes of the groups that have it}."""
    found = {}
    for index, group in enumerate(groups):
        for term in group:
            found.setdefault(term, []).append(index)
    return found


def _terms_in(text, synonyms):
    """The synonym terms that ``text`` contains (as _contains reads them), found by looking up
    each piece of it as long as a term: with 2,286 groups, testing every term against every
    variant took 6 ms a query on average (16 ms for one with eight variants)."""
    groups_of, lengths = synonyms["groups_of"], synonyms["term_lengths"]
    pieces = {text[i : i + n] for i in range(len(text)) for n in lengths if i + n <= len(text)}
    return [term for term in pieces if term in groups_of and _contains(text, term)]


def _groups_in(text, synonyms):
    """The indexes of the groups that have a term in ``text``."""
    return {index for term in _terms_in(text, synonyms) for index in synonyms["groups_of"][term]}


def synonym_terms():
    """Every term of the editors' synonym groups (folded)."""
    return _synonyms()["terms"]


def _contains(text, term):
    # Latin terms match whole words (food safety, not "seafood safetyx"); Chinese ones as substrings.
    if term.isascii():
        return _whole_word(term).search(text) is not None
    return term in text


# One pattern per Latin synonym term (2,809 in the starter list), unbounded: past a cap, every
# search would compile them all again, as it did past Python's own cache of 512.
@lru_cache(maxsize=None)  # noqa: UP033 - "cache" is Django's cache here
def _whole_word(term):
    return re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])")


def _pinyin_terms(chinese):
    """{full pinyin: the first of the Chinese synonym terms with it}: shebao -> 社保. Then the
    other readings of characters with more than one (调 diao and tiao: tiaogang jiangxin is
    调岗降薪, which pypinyin reads diaogang), up to MAX_READINGS per term, after every term's
    first reading."""
    from pypinyin import Style, lazy_pinyin, pinyin

    terms = {}
    long_enough = [term for term in chinese if len(term) >= 2]
    for term in long_enough:
        terms.setdefault("".join(lazy_pinyin(term)), term)
    for term in long_enough:
        readings = pinyin(term, style=Style.NORMAL, heteronym=True)
        for syllables in itertools.islice(itertools.product(*readings), MAX_READINGS):
            terms.setdefault("".join(syllables), term)
    return terms


def _initials_terms(chinese):
    """{initials: the Chinese synonym terms of three to five characters with them}: ybjj ->
    医保基金, a term the dictionary lacks."""
    from pypinyin import lazy_pinyin

    terms = {}
    for term in chinese:
        if 3 <= len(term) <= 5:
            terms.setdefault("".join(syllable[0] for syllable in lazy_pinyin(term)), []).append(term)
    return terms


def _one_off_terms(chinese):
    """{a Chinese synonym term of three to six characters with one of them as "?": the terms}, to
    find a term typed with one character wrong (必留分 for 必留份)."""
    terms = {}
    for term in chinese:
        if 3 <= len(term) <= 6:
            for i in range(len(term)):
                terms.setdefault(f"{term[:i]}?{term[i + 1:]}", []).append(term)
    return terms


# Chinese question words and particles: they ask for what a text states in its own words (多久 ->
# 二十日内, 要钱吗 -> 收费), so a text never contains them. Left out when jieba finds them as
# words of their own and something else remains, as Chinese stop-word lists do.
CHINESE_STOPWORDS = frozenset(
    "吗 呢 吧 啊 呀 嘛 么 的 了 着 要 想 能 会 该 请 请问 我 我们 我想 我要 想要 想问 可以 能否 能不能 可不可以 "
    "是否 是不是 有没有 要不要 需不需要 怎么 怎么办 怎么样 怎样 怎么弄 如何 什么 为什么 哪里 哪儿 哪些 哪个 "
    "多久 多长时间 多少 多少钱 几天 几年 几个月 几岁 "
    # Adverbs, the passive, 算, 有 and the pronouns of a spoken question (还有效吗, 被收购, 算工伤吗,
    # 有补偿吗, 借给别人, 谁负责): the texts say 继续有效, 合并, 认定为工伤, 支付经济补偿, 他人, 承担责任.
    "还 也 都 就 才 又 被 把 给 让 算 算不算 有 你 他 她 谁 别人 自己 人家".split()
)


def _without_chinese_stopwords(folded):
    parts = []
    for part in folded.split():
        if not normalize.is_cjk(part):
            parts.append(part)
            continue
        kept, piece = [], ""
        for word in normalize._jieba().cut(part, HMM=False):
            if word in CHINESE_STOPWORDS:
                kept, piece = kept + [piece], ""
            else:
                piece += word
        parts += [p for p in kept + [piece] if p]
    return " ".join(parts)


def _has_english(folded):
    """Whether a Latin word of ``folded`` is not pinyin (pinyin such as "an quan" is not English)."""
    return any(english.is_word(w) and normalize.parse_pinyin(w) is None for w in folded.split())


def _without_stopwords(folded):
    """``folded`` without stop words, or as it is when nothing else would be left. English ones
    only beside English: never from pinyin (an quan is 安全)."""
    words = folded.split()
    if _has_english(folded):
        words = english.content_words(words)
    kept = _without_chinese_stopwords(" ".join(words))
    return kept if kept else folded


# Punctuation at a Latin word (violation, which / who pays? / (for foreigners)): the word with it
# was no English word, so it stayed untranslated and the Chinese version failed to match.
# Apostrophes and hyphens are a word's own (driver's, on-the-spot).
LATIN_PUNCTUATION = re.compile(r"(?<=[a-z])[^\w\s'-]+|[^\w\s'-]+(?=[a-z])")


def _without_latin_punctuation(folded):
    return " ".join(LATIN_PUNCTUATION.sub(" ", folded).split())


def expand(query):
    """The query plus its variants (folded): Taiwan wording (政府資訊 -> 政府信息), the pinyin of a
    synonym term (shebao -> 社保, whose title pages have no such pinyin), other full pinyin as the
    words an input method would offer (chanjia -> 产假: the index has pinyin for titles only) and
    synonyms (社保办理 -> 社会保险办理), then English that no synonym covers in the dictionary's
    Chinese (seat belt -> 安全带, see english.py), and last Chinese words that no text says in
    words of the same meaning that texts say (老人 -> 老年人). Stop words are left out after the
    synonyms are applied, so that a term with one in it still counts (hit and run -> 肇事逃逸)."""
    folded = _without_latin_punctuation(normalize.fold(query))
    variants = list(dict.fromkeys([folded, _without_latin_punctuation(normalize.fold_phrases(query))]))
    synonyms = _synonyms()
    pinyin_terms = synonyms["pinyin"]
    conversions = {}
    # Beside English, an English word that is pinyin too stays English: change my name, not 那么.
    has_english = _has_english(folded)
    english_words = english.glosses() if has_english else {}
    spans = _pinyin_term_spans(folded, pinyin_terms, english_words)
    conversions.update(spans)
    in_spans = {word for span in spans for word in span.split()}
    for word in dict.fromkeys(re.findall(r"[a-z]+", folded)):
        if word in english_words or word in in_spans:
            continue
        chinese = [pinyin_terms[word]] if word in pinyin_terms else pinyin_words(word) or initials_words(word)
        if len(chinese) > 1:  # of the input method's choices, those the texts use, if any (宿松 is no 诉讼)
            used = in_texts(chinese)
            chinese = [c for c in chinese if c in used] or chinese[:PINYIN_CHOICES]
        if chinese:
            conversions[word] = chinese
    variants += _versions(folded, conversions, lambda text, word, chinese: re.sub(
        rf"(?<![a-z0-9]){word}(?![a-z0-9])", chinese, text))
    groups = synonyms["groups"]
    # English that no editor's English term covers: the dictionary's Chinese for it. Where a term
    # covers part of it, the rest is translated after the synonyms, in the variants the term
    # made Chinese (fingerprint id card -> fingerprint 身份证 -> 指纹 身份证).
    # A dictionary phrase that holds the term is read as a whole: corporal punishment is 体罚,
    # not 一级士官 (a corporal) + the term punishment's 行政处罚.
    content = _without_stopwords(folded) if has_english else ""
    covered = any(term.isascii() and not english.in_longer_phrase(content, term)
                  for term in _terms_in(folded, synonyms))
    translated = []  # dictionary words, without stop words already (就地 is no 就 + 地)
    if has_english and not covered:
        titles, latin_words = vocabulary()[:2]
        translated = english.translations(content, titles, in_texts, latin_words)
        variants += translated
    # The groups that have a term in a variant, those of the variants made on the way included
    # (a group further on may have a term of one): the others cannot change anything.
    matched = set().union(*(_groups_in(variant, synonyms) for variant in variants))
    for index, (group, longest_first, english_only) in enumerate(
        zip(groups, synonyms["longest_first"], synonyms["english_only"])
    ):
        if index not in matched:
            continue
        for variant in list(variants):
            # A group for English queries only leaves a Chinese one alone (经济补偿 is no 经济赔偿).
            if english_only and not re.search(r"[a-z]", variant):
                continue
            for term in longest_first:
                if _contains(variant, term):
                    # A query written in Chinese stays Chinese: 户口迁移 -> hukou迁移 finds nothing
                    # and costs a variant (and its pinyin alternatives) in every search. The
                    # Chinese terms first: with licence, licenses ... before it, 许可证 fell
                    # beyond the last variant.
                    chinese_only = not re.search(r"[a-z]", variant)
                    for other in sorted(group, key=str.isascii):
                        if other != term and not (chinese_only and other.isascii()):
                            made = variant.replace(term, other)
                            variants.append(made)
                            matched |= _groups_in(made, synonyms)
                    break
        if len(variants) >= MAX_VARIANTS:
            break
    if not has_english:  # last: an editor's synonyms say better what a word means
        variants += _same_meaning_variants(_without_stopwords(folded), synonyms["terms"])
    if covered:
        # Each variant's first translation first, then their others (belong: 归属, then 属于).
        versions = [_english_translations(v) for v in variants]
        variants = [v[0] for v in versions] + [t for v in versions for t in v[1:]]
    else:
        variants = [v if v in translated else _without_stopwords(v) for v in variants]
    return list(dict.fromkeys(variants))[:MAX_VARIANTS]


def _pinyin_term_spans(folded, pinyin_terms, english_words):
    """{two to four Latin words in a row: [the synonym term whose pinyin they spell together]}:
    tiaogang jiangxin -> 调岗降薪, which word by word an input method would make 条钢 降薪 (调岗 is
    no dictionary word, the editors' term is the portal's). The longest first; English words stay."""
    words = folded.split()
    spans, taken = {}, set()
    for n in (4, 3, 2):
        for start in range(len(words) - n + 1):
            span = words[start : start + n]
            at = set(range(start, start + n))
            if taken & at or not all(re.fullmatch(r"[a-z]+", w) and w not in english_words for w in span):
                continue
            if "".join(span) in pinyin_terms:
                spans[" ".join(span)] = [pinyin_terms["".join(span)]]
                taken |= at
    return spans


def _same_meaning_variants(text, terms):
    """Versions of a Chinese query with each word that no text says in words of the same meaning
    that texts say (english.same_meaning): 孩子 上学 -> 儿童 就学, 老人 房子 -> 老年人 房屋. Not for
    an editor's synonym ``terms`` (押金 is no 存放). [] when every word is in the texts, or a word
    no text says has no such word."""
    words = [
        word for run in normalize.runs(text) if normalize.is_cjk(run)
        for word in normalize._jieba().cut(run, HMM=False) if len(word) > 1 and word not in terms
    ]
    used = in_texts(words) if words else set()
    unused = [word for word in words if word not in used]
    titles = vocabulary()[0] if unused else {}
    others = {word: english.same_meaning(word, titles, in_texts) for word in unused}
    others = {word: found for word, found in others.items() if found}
    return _versions(text, others, str.replace)


def _versions(text, choices, substitute):
    """``text`` with each word of ``choices`` ({word: its words, best first}) substituted by its
    first choice, then by its second (or its last), …: up to PINYIN_CHOICES versions, those
    that differ from ``text``."""
    versions = []
    for choice in range(PINYIN_CHOICES):
        version = text
        for word, found in choices.items():
            version = substitute(version, word, found[min(choice, len(found) - 1)])
        if version != text:
            versions.append(version)
    return versions


def _english_translations(variant):
    """[a variant with Chinese and English in it, its English words in the dictionary's Chinese
    (english.translations' versions)]; [any other variant as it is]."""
    variant = _without_stopwords(variant)
    if not re.search(f"[{normalize.CJK}]", variant) or not _has_english(variant):
        return [variant]
    titles, latin_words = vocabulary()[:2]
    return english.translations(variant, titles, in_texts, latin_words) or [variant]


def in_texts(words):
    """The ``words`` that a live page's title or text has: unranked index look-ups of the words
    not yet known (on PostgreSQL two statements for all of them, see matches_any), cached until
    a page is (un)published."""
    known = shared.remembered(IN_TEXTS_KEY, words, _look_up, MAX_IN_TEXTS)
    return {word for word in words if known[word]}


def _look_up(words):
    backend, live = get_search_backend(), Page.objects.live()
    queries = [PlainText(word, operator="and") for word in words]
    found = backend.matches_any(queries, live) if hasattr(backend, "matches_any") else None
    if found is None:
        found = [bool(backend.search(query, live, order_by_relevance=False)[:1]) for query in queries]
    return found


# --- Pinyin typed without choosing the characters --------------------------------

MIN_PINYIN_WORD_FREQUENCY = 3  # in jieba's dictionary (行政复议 has 3)
MAX_PINYIN_SYLLABLES = 12
# Like an input method's first candidates: jieba's frequencies are from general text (缠夹 34 is
# more frequent there than 产假 21), so the search tries the first few and finds what exists.
PINYIN_CHOICES = 3


def _words_at(syllables, start, titles):
    """{end: [(known to the titles, frequency, word)]}: the best few dictionary words of 2 to 4
    characters whose characters have the syllables from ``start`` to ``end``."""
    words, table = _dictionary(), _readings()
    prefixes, best = [""], {}
    for end in range(start + 1, min(start + 4, len(syllables)) + 1):
        # jieba's dictionary holds every prefix of its words: only prefixes of words go on.
        prefixes = [p + c for p in prefixes for c in table.get(syllables[end - 1], ()) if p + c in words]
        if end - start < 2:
            continue
        found = [
            (normalize.bigrams_in(word, titles), words[word], word)
            for word in prefixes
            if words[word] >= MIN_PINYIN_WORD_FREQUENCY and _reading(word) == tuple(syllables[start:end])
        ]
        if found:
            best[end] = sorted(found, reverse=True)[:PINYIN_CHOICES]
    return best


def pinyin_words(word):
    """The first PINYIN_CHOICES texts an input method would offer for full pinyin (``chanjia`` ->
    缠夹, 产假, …; ``xinxigongkai`` -> 信息公开, …), or [] when it is not pinyin of dictionary
    words. Fewest words first, then words the portal's titles use (gongshang -> 工伤 on a site
    about 工伤保险, before the more frequent 工商), then the most frequent."""
    syllables = normalize.parse_pinyin(word)
    if not syllables or not 2 <= len(syllables) <= MAX_PINYIN_SYLLABLES:
        return []
    key = f"{PINYIN_KEY}:{word}"
    found = cache.get(key)
    if found is None:  # 1-25 ms a word (walking the dictionary); the titles change it only a little
        found = _pinyin_words(syllables) or _with_one_character(syllables)
        cache.set(key, found, shared.CACHE_SECONDS)
    return found


SINGLE_CHARACTERS = 12  # most frequent characters of a syllable tried after words (节 is jie's 7th)


def _with_one_character(syllables):
    """For pinyin of a word that jieba's dictionary lacks (laonianjie -> 老年节, 老年 + 节): the
    best words for all syllables but one, that one as each of its SINGLE_CHARACTERS most
    frequent characters, most frequent first. Only the texts can tell which is meant (expand
    keeps those they use), so up to SINGLE_CHARACTERS texts; [] when the rest is no words."""
    frequency, table = _dictionary(), _readings()
    for alone in (len(syllables) - 1, 0):  # the last syllable first: 老年节 more than 小老年
        rest = syllables[:alone] + syllables[alone + 1 :]
        words = _pinyin_words(rest) if len(rest) > 1 else []
        if words:
            chars = sorted(table.get(syllables[alone], ()), key=lambda c: (-frequency.get(c, 0), c))
            chars = chars[:SINGLE_CHARACTERS]
            return [words[0] + c if alone else c + words[0] for c in chars]
    return []


def _pinyin_words(syllables):
    titles = vocabulary()[0]
    # best[i]: the best few (number of words, words unknown to the titles, -log frequency, text)
    # for the first i syllables
    best = {0: [(0, 0, 0.0, "")]}
    for start in range(len(syllables)):
        for end, words in _words_at(syllables, start, titles).items():
            for count, unknown, cost, text in best.get(start, []):
                for known, frequency, chinese in words:
                    best.setdefault(end, []).append(
                        (count + 1, unknown + (not known), cost - math.log(frequency), text + chinese)
                    )
            if end in best:
                by_text = {}  # 交通事故 as one word or as 交通 + 事故: keep its best
                for candidate in sorted(best[end]):
                    by_text.setdefault(candidate[3], candidate)
                best[end] = list(by_text.values())[:PINYIN_CHOICES]
    return [text for *_key, text in best.get(len(syllables), [])]


# Initials typed for a word of the texts (zyb -> 职业病): titles have their initials indexed
# (xxgk), words that only bodies use do not.
INITIALS = re.compile(r"[bcdfghjklmnpqrstwxyz]{3,5}")  # no vowel: neither pinyin nor English
INITIALS_CHECKED = 12  # dictionary words per initials looked up in the texts, most frequent first


def initials_words(word):
    """The first PINYIN_CHOICES words with these initials: the editors' synonym terms (ybjj ->
    医保基金, whose synonyms say it as the texts do), then dictionary words that the portal's
    texts use, most frequent first (zyb -> 职业病, not 中译本); [] for anything else: a word with
    a vowel, or one the titles have as typed (an abbreviation such as GDP)."""
    if not INITIALS.fullmatch(word) or word in vocabulary()[1]:
        return []
    terms = _synonyms()["initials"].get(word, [])
    candidates = _initials_table().get(word, [])[:INITIALS_CHECKED]
    used = in_texts(candidates) if candidates else set()
    return list(dict.fromkeys(terms + [w for w in candidates if w in used]))[:PINYIN_CHOICES]


@lru_cache(maxsize=1)
def _initials_table():
    """{initials: dictionary words of three to five characters with them, most frequent first}
    (about half a second, once per process, after the homophones)."""
    initial = {char: syllable[0] for syllable, chars in _homophones().items() for char in chars}
    table = {}
    for word, frequency in _dictionary().items():
        if 3 <= len(word) <= 5 and frequency >= MIN_PINYIN_WORD_FREQUENCY and all(c in initial for c in word):
            table.setdefault("".join(initial[c] for c in word), []).append((-frequency, word))
    return {key: [word for _f, word in sorted(words)] for key, words in table.items()}


# --- Did you mean ---------------------------------------------------------------


def vocabulary():
    """(bigram counts, Latin word counts, following chars, preceding chars) over live titles."""
    return shared.get(VOCABULARY_KEY, _vocabulary)


def _vocabulary():
    bigrams, words = Counter(), Counter()
    for text in Page.objects.live().values_list("title", flat=True).iterator():
        for run in normalize.runs(text):
            if normalize.is_cjk(run):
                bigrams.update(normalize.bigrams(run) if len(run) > 1 else [])
            elif LATIN_WORD.fullmatch(run):
                words[run] += 1
    following, preceding = {}, {}
    for a, b in bigrams:
        following.setdefault(a, set()).add(b)
        preceding.setdefault(b, set()).add(a)
    return dict(bigrams), dict(words), following, preceding


@lru_cache(maxsize=1)
def _character_readings():
    """[(character, its toneless readings, the usual one first)] for the common CJK block."""
    from pypinyin import Style, pinyin

    chars = [chr(c) for c in range(0x4E00, 0x9FA6)]
    found = pinyin(chars, style=Style.NORMAL, heteronym=True, errors=lambda _c: [[""]])
    return [(char, [s for s in readings if s.isalpha()]) for char, readings in zip(chars, found)]


@lru_cache(maxsize=1)
def _homophones():
    """Toneless pinyin -> the common characters whose usual reading it is.

    Most typos in Chinese come from pinyin input methods: the right sound, the wrong character
    (条列 for 条例, 试用其 for 试用期)."""
    table = {}
    for char, readings in _character_readings():
        if readings:
            table.setdefault(readings[0], set()).add(char)
    return table


@lru_cache(maxsize=1)
def _readings():
    """Toneless pinyin -> the common characters that have it as one of their readings: 重 under
    zhong and chong, 行 under xing and hang. _homophones has each character's usual reading
    only, so chongfu made 冲服 and never 重复."""
    table = {}
    for char, readings in _character_readings():
        for syllable in readings:
            table.setdefault(syllable, set()).add(char)
    return table


@lru_cache(maxsize=20000)
def _reading(word):
    """A word's syllables as pypinyin reads the word (重复: chong fu, 银行: yin hang), so that a
    character's other readings make no words (yinxing is no 银行)."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(word))


def homophones(char):
    from pypinyin import lazy_pinyin

    return _homophones().get(lazy_pinyin(char)[0], set()) - {char}


def _dictionary():
    return normalize.word_frequencies()


def _word_at(run, pos):
    """The frequency of the most frequent dictionary word (2 to 4 characters) covering ``pos``."""
    words = _dictionary()
    best = 0
    for start in range(max(0, pos - 3), pos + 1):
        for end in range(pos + 1, min(len(run), start + 4) + 1):
            if end - start >= 2:
                best = max(best, words.get(run[start:end], 0))
    return best


def _uncovered(run):
    """Positions of ``run`` not inside a dictionary word of 2+ characters (jieba without its
    guessing of new words, which would take 保章 for a word)."""
    positions, pos = set(), 0
    for word in normalize._jieba().cut(run, HMM=False):
        if len(word) == 1:
            positions.add(pos)
        pos += len(word)
    return positions


def makes_words(typed, corrected):
    """Whether ``corrected`` leaves fewer Chinese characters outside dictionary words than
    ``typed`` (无证驾使 -> 无证驾驶), rather than respelling a word as another (代书遗属 -> 代数遗属)."""

    def outside(text):
        return sum(len(_uncovered(run)) for run in normalize.runs(text) if normalize.is_cjk(run))

    return outside(corrected) < outside(typed)


def _respelt(run, fixed, span):
    """Whether the word of ``run`` at ``span`` became one WORD_GAIN times as frequent."""
    dictionary = _dictionary()
    typed = dictionary.get(run[span[0] : span[1]], 0)
    return typed > 0 and dictionary.get(fixed[span[0] : span[1]], 0) >= WORD_GAIN * typed


def _fix_pair(run, counts):
    """Respellings by sound of a two-character run that is no word (neither the titles' nor the
    dictionary's) as dictionary words, most frequent first (到闭 -> 倒闭, 帽用 -> 冒用).
    Abbreviations the portal uses are in its titles or the dictionary (社保, 低保) and stay."""
    dictionary = _dictionary()
    if run in counts or dictionary.get(run, 0):
        return []
    fixes = [run[:i] + char + run[i + 1 :] for i in range(2) for char in homophones(run[i])]
    ranked = sorted(((dictionary.get(f, 0), f) for f in fixes), reverse=True)
    return [fixed for frequency, fixed in ranked if frequency >= MIN_PAIR_FREQUENCY][:FIX_CHOICES]


def _fixes(run, counts, following, preceding):
    """Up to FIX_CHOICES versions of ``run`` with one character replaced, best first: so that
    every bigram is one the portal's titles use, or by a homophone that forms a word of the
    dictionary (jieba's, for words that only bodies use): for a character that belongs to no
    word (试用其 -> 试用期), or inside a rare word when the new word is WORD_GAIN times as
    frequent (an input method's slip: 注消户口 -> 注销户口).

    The best: fixes the titles know, then homophones of the typed character, then those that
    leave the fewest characters outside words, then the most frequent (putting homophones first
    lost 2 of the legal set's 14 typos). Next: the best two respellings of a rare word as a much more
    frequent one that sounds the same (遗产继成 -> 遗产继承, which the titles' 的成 would hide).
    The caller keeps the first that finds something."""
    if len(run) == 2:
        return _fix_pair(run, counts)
    unknown = [i for i in range(len(run) - 1) if run[i : i + 2] not in counts]
    if len(run) < MIN_CJK_TYPO_LENGTH or not unknown:
        return []
    uncovered = _uncovered(run)
    spans, start, dictionary = {}, 0, _dictionary()  # spans: position -> (start, end) of its word
    for piece in normalize._jieba().cut(run, HMM=False):
        if len(piece) > 1:
            spans.update({pos: (start, start + len(piece)) for pos in range(start, start + len(piece))})
        start += len(piece)
    positions = {unknown[0], unknown[0] + 1, unknown[-1], unknown[-1] + 1} | uncovered
    found = []  # (key, respelt word, fixed)
    for pos in positions:
        candidates = following.get(run[pos - 1], set()) if pos > 0 else set()
        if pos + 1 < len(run):
            candidates = candidates | preceding.get(run[pos + 1], set())
        sounds_alike = homophones(run[pos])
        word = spans.get(pos)
        for char in (candidates | sounds_alike) - {run[pos]}:
            fixed = run[:pos] + char + run[pos + 1 :]
            grams = normalize.bigrams(fixed)
            known = all(g in counts for g in grams)
            respelt = char in sounds_alike and word is not None and _respelt(run, fixed, word)
            if known:
                score = sum(math.log(counts[g]) for g in grams)
            elif pos in uncovered and (freq := _word_at(fixed, pos)):
                score = math.log(freq)
            elif respelt or (char in sounds_alike and word and not dictionary.get(run[word[0] : word[1]], 0)
                             and dictionary.get(fixed[word[0] : word[1]], 0)):
                score = math.log(dictionary[fixed[word[0] : word[1]]])
            else:
                continue
            # Prefer the fix that leaves the fewest characters outside words (劳动合同法, not 劳动和同发).
            found.append(((known, char in sounds_alike, -len(_uncovered(fixed)), score), respelt, fixed))
    found.sort(reverse=True)
    ordered = [fixed for _key, _word, fixed in found[:1]]
    ordered += [fixed for _key, respelt, fixed in found if respelt][:2]
    ordered += [fixed for _key, _word, fixed in found]
    return list(dict.fromkeys(ordered))[:FIX_CHOICES]


def _term_fixes(run, counts):
    """``run`` with a part that an editor's synonym term has but for one character, which sounds
    alike (same syllable or one letter of pinyin apart), spelt as that term, when the part has a
    bigram that no title uses: 必留分 -> 必留份, 瞻养费 -> 赡养费 (shan for zhan). Such a term is
    the portal's own word, however rare in the titles and the dictionary."""
    from pypinyin import lazy_pinyin

    one_off = _synonyms()["one_off"]
    fixes = []
    for length in range(min(len(run), 6), 2, -1):
        for start in range(len(run) - length + 1):
            part = run[start : start + length]
            if all(gram in counts for gram in normalize.bigrams(part)):
                continue
            for i in range(length):
                for term in one_off.get(f"{part[:i]}?{part[i + 1:]}", []):
                    if term != part and _one_letter_apart(*lazy_pinyin([part[i], term[i]])):
                        fixes.append(run[:start] + term + run[start + length :])
    return fixes


def suggestions(query):
    """Corrected queries from the portal's own vocabulary, best first (at most MAX_SUGGESTIONS):
    every word at its best fix, then one word at a time at its next ones."""
    counts, words, following, preceding = vocabulary()
    folded = normalize.fold(query)
    # An editor's synonym term is the portal's own word, however rare: 首违不罚 is no typo of 首位不罚.
    terms = synonym_terms()
    choices = {}  # run -> its fixes, best first
    for run in dict.fromkeys(_pieces(folded)):
        if run in terms:
            fixes = []
        elif normalize.is_cjk(run):
            fixes = list(dict.fromkeys(_term_fixes(run, counts) + _fixes(run, counts, following, preceding)))
        elif LATIN_WORD.fullmatch(run) and run not in words:
            fixes = difflib.get_close_matches(run, words.keys(), n=1, cutoff=0.8)
        else:
            fixes = []
        if fixes:
            choices[run] = fixes

    def corrected(alternative=None):
        text = folded
        for run, fixes in choices.items():
            text = text.replace(run, alternative[1] if alternative and alternative[0] == run else fixes[0])
        return text

    found = [corrected()] if choices else []
    found += [corrected((run, fix)) for run, fixes in choices.items() for fix in fixes[1:]]
    return list(dict.fromkeys(found))[:MAX_SUGGESTIONS]


def _pieces(folded):
    """The runs of ``folded``, the Chinese ones cut at particles: a particle is no slip, and the
    word beside it is one of its own (老人的: no title says 人的, and 老人民 was no fix)."""
    for run in normalize.runs(folded):
        if normalize.is_cjk(run):
            yield from (piece for piece in PARTICLES.split(run) if piece)
        else:
            yield run


def by_sound(typed, corrected):
    """Whether every Chinese character that ``corrected`` replaced in ``typed`` is a slip of a
    pinyin input method: the same sound or one letter of pinyin apart (条列 -> 条例, lie for li);
    not 三同时 -> 合同时 (san, he), which makes the titles' bigrams of an abbreviation they lack.
    Latin words count as by sound."""
    from pypinyin import lazy_pinyin

    pairs = zip(normalize.runs(normalize.fold(typed)), normalize.runs(normalize.fold(corrected)))
    return all(
        a == b or _one_letter_apart(*lazy_pinyin([a, b]))
        for run, fixed in pairs
        if normalize.is_cjk(run) and len(run) == len(fixed)
        for a, b in zip(run, fixed)
    )


def _one_letter_apart(a, b):
    """Whether two syllables are equal or one letter added, dropped or changed apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def suggest(query):
    """The best corrected query, or None."""
    found = suggestions(query)
    return found[0] if found else None


# --- Cache invalidation --------------------------------------------------------------


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def _synonyms_changed(**kwargs):
    shared.forget(SYNONYMS_KEY)


@receiver(page_published)
@receiver(page_unpublished)
def _pages_changed(**kwargs):
    shared.forget(VOCABULARY_KEY, IN_TEXTS_KEY)
