"""Values the search builds from the live pages or the synonyms (the titles' vocabulary, which
words the texts use ...), kept in the cache for every process and in each process's memory.

Reading a value from the cache unpickles all of it: the vocabulary of 100,000 real titles is a few
MB (150,000 bigrams: 94 ms), and a search that falls back reads it twice. So each process keeps
the value it read with the cache's version of it, and reads the value again only when that small
version key changes, which is when a page is (un)published or a synonym saved (``forget``) or
when another process stores a new value.

Within ``one_search()`` each version is read once: a search that falls back asks for the same
values 17-19 times, and on Redis every read of a version is a network round trip."""

import contextlib
import contextvars
import uuid

from django.core.cache import cache

CACHE_SECONDS = 3600
_copies = {}  # key: (version, value), this process's
_versions_seen = contextvars.ContextVar("versions_seen", default=None)  # key: version, in one_search()


def _version_key(key):
    return f"{key}:version"


@contextlib.contextmanager
def one_search():
    """Reads each version at most once inside the block (a search sees one state of the values)."""
    token = _versions_seen.set({})
    try:
        yield
    finally:
        _versions_seen.reset(token)


def _version(key):
    seen = _versions_seen.get()
    if seen is None:
        return cache.get(_version_key(key))
    if key not in seen:
        seen[key] = cache.get(_version_key(key))
    return seen[key]


def _saw(key, version):
    seen = _versions_seen.get()
    if seen is not None:
        seen[key] = version


def get(key, build):
    """The value at ``key``, built with ``build()`` (and stored) when the cache has none."""
    version = _version(key)
    held = _copies.get(key)
    if version is not None and held is not None and held[0] == version:
        return held[1]
    value = cache.get(key) if version is not None else None
    if value is None:
        value = build()
        version = store(key, value)
    _copies[key] = (version, value)
    return value


def store(key, value):
    """Stores a new ``value`` for every process; returns its version."""
    version = uuid.uuid4().hex
    cache.set_many({key: value, _version_key(key): version}, CACHE_SECONDS)
    _copies[key] = (version, value)
    _saw(key, version)
    return version


def forget(*keys):
    """Drops the values at ``keys`` in every process (each builds its own again when asked)."""
    cache.delete_many([k for key in keys for k in (key, _version_key(key))])
    for key in keys:
        _saw(key, None)


def remembered(key, items, compute, limit):
    """{item: value} for at least ``items``, from a dict kept in the cache at ``key``: only the
    items not in it are computed (``compute(new)``: their values, in order). Past ``limit``
    entries it starts again rather than grow without bound. Whoever uses a key drops it when a
    page is (un)published (forget)."""
    known = get(key, dict)
    new = [item for item in dict.fromkeys(items) if item not in known]
    if new:
        if len(known) + len(new) > limit:
            known, new = {}, list(dict.fromkeys(items))
        else:
            known = dict(known)  # not the copy other threads of this process read
        known.update(zip(new, compute(new)))
        store(key, known)
    return known
