"""What the portal itself says: synonyms from editors and the vocabulary for "did you mean".

Both are cached and dropped when an editor saves a synonym group or a page is (un)published.
"""

import difflib
import math
import re
from collections import Counter

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import normalize
from .models import SynonymGroup

SYNONYMS_KEY = "portal_search:synonyms"
VOCABULARY_KEY = "portal_search:vocabulary"
CACHE_SECONDS = 3600
MAX_VARIANTS = 8
MIN_CJK_TYPO_LENGTH = 3
LATIN_WORD = re.compile(r"[a-z]{3,}")


# --- Synonyms -------------------------------------------------------------------


def synonym_groups():
    groups = cache.get(SYNONYMS_KEY)
    if groups is None:
        groups = [
            [normalize.fold(t) for t in group.term_list()] for group in SynonymGroup.objects.all()
        ]
        cache.set(SYNONYMS_KEY, groups, CACHE_SECONDS)
    return groups


def _contains(text, term):
    # Latin terms match whole words (food safety, not "seafood safetyx"); Chinese ones as substrings.
    if term.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])", text) is not None
    return term in text


def expand(query):
    """The query plus its variants (folded): Taiwan wording (政府資訊 -> 政府信息) and synonyms
    (社保办理 -> 社会保险办理)."""
    folded = normalize.fold(query)
    variants = list(dict.fromkeys([folded, normalize.fold_phrases(query)]))
    for group in synonym_groups():
        for variant in list(variants):
            for term in sorted(group, key=len, reverse=True):
                if _contains(variant, term):
                    for other in group:
                        if other != term:
                            variants.append(variant.replace(term, other))
                    break
        if len(variants) >= MAX_VARIANTS:
            break
    return list(dict.fromkeys(variants))[:MAX_VARIANTS]


# --- Did you mean ---------------------------------------------------------------


def vocabulary():
    """(bigram counts, Latin word counts, following chars, preceding chars) over live titles."""
    vocab = cache.get(VOCABULARY_KEY)
    if vocab is None:
        bigrams, words = Counter(), Counter()
        texts = Page.objects.live().values_list("title", flat=True)
        for text in texts.iterator():
            for run in normalize.runs(text):
                if normalize.is_cjk(run):
                    bigrams.update(normalize.bigrams(run) if len(run) > 1 else [])
                elif LATIN_WORD.fullmatch(run):
                    words[run] += 1
        following, preceding = {}, {}
        for a, b in bigrams:
            following.setdefault(a, set()).add(b)
            preceding.setdefault(b, set()).add(a)
        vocab = (dict(bigrams), dict(words), following, preceding)
        cache.set(VOCABULARY_KEY, vocab, CACHE_SECONDS)
    return vocab


def _fix_run(run, counts, following, preceding):
    """Replace one character so that every bigram of ``run`` is one the portal uses."""
    unknown = [i for i in range(len(run) - 1) if run[i : i + 2] not in counts]
    # Two characters are too few to tell a typo from an abbreviation (社保 is not 社会).
    if len(run) < MIN_CJK_TYPO_LENGTH or not unknown:
        return run
    positions = {unknown[0], unknown[0] + 1, unknown[-1], unknown[-1] + 1}
    best, best_score = run, None
    for pos in positions:
        candidates = following.get(run[pos - 1], set()) if pos > 0 else set()
        if pos + 1 < len(run):
            candidates = candidates | preceding.get(run[pos + 1], set())
        for char in candidates - {run[pos]}:
            fixed = run[:pos] + char + run[pos + 1 :]
            grams = normalize.bigrams(fixed)
            if all(g in counts for g in grams):
                score = sum(math.log(counts[g]) for g in grams)
                if best_score is None or score > best_score:
                    best, best_score = fixed, score
    return best


def suggest(query):
    """A corrected query from the portal's own vocabulary, or None."""
    counts, words, following, preceding = vocabulary()
    folded = normalize.fold(query)
    corrected = folded
    for run in dict.fromkeys(normalize.runs(folded)):
        if normalize.is_cjk(run):
            fixed = _fix_run(run, counts, following, preceding)
        elif LATIN_WORD.fullmatch(run) and run not in words:
            close = difflib.get_close_matches(run, words.keys(), n=1, cutoff=0.8)
            fixed = close[0] if close else run
        else:
            fixed = run
        if fixed != run:
            corrected = corrected.replace(run, fixed)
    return corrected if corrected != folded else None


# --- Cache invalidation --------------------------------------------------------------


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def _synonyms_changed(**kwargs):
    cache.delete(SYNONYMS_KEY)


@receiver(page_published)
@receiver(page_unpublished)
def _pages_changed(**kwargs):
    cache.delete(VOCABULARY_KEY)
