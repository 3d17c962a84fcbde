"""Values the search builds from the live pages or the synonyms (the titles' vocabulary, which
words the texts use ...), kept in the cache for every process and in each process's memory.

Reading a value from the cache unpickles all of it: the vocabulary of 100,000 real titles is a few
MB (150,000 bigrams: 94 ms), and a search that falls back reads it twice. So each process keeps
the value it read with the cache's version of it, and reads the value again only when that small
version key changes, which is when a page is (un)published or a synonym saved (``forget``) or
when another process stores a new value."""

import uuid

from django.core.cache import cache

CACHE_SECONDS = 3600
_copies = {}  # key: (version, value), this process's


def _version_key(key):
    return f"{key}:version"


def get(key, build):
    """The value at ``key``, built with ``build()`` (and stored) when the cache has none."""
    version = cache.get(_version_key(key))
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
    return version


def forget(*keys):
    """Drops the values at ``keys`` in every process (each builds its own again when asked)."""
    cache.delete_many([k for key in keys for k in (key, _version_key(key))])
