"""The values the search builds from the pages, shared through the cache and held per process."""

from django.core.cache import cache

from search import service, shared


def test_a_process_reads_the_value_again_only_when_its_version_changes(monkeypatch):
    builds = []

    def build():
        builds.append(1)
        return {"教育": True}

    assert shared.get("portal_search:test", build) == {"教育": True}
    # This process's copy is used while the version stays: the value in the cache is not read.
    cache.set("portal_search:test", {"食品": True})
    assert shared.get("portal_search:test", build) == {"教育": True}
    # Another process stores a new value, with a new version: read again, not built.
    monkeypatch.setattr(shared, "_copies", {})
    shared.store("portal_search:test", {"虐待": True})
    monkeypatch.undo()
    assert shared.get("portal_search:test", build) == {"虐待": True}
    assert len(builds) == 1


def test_a_new_process_reads_what_another_stored_and_forget_reaches_every_process(monkeypatch):
    assert shared.get("portal_search:test", lambda: ["built once"]) == ["built once"]
    monkeypatch.setattr(shared, "_copies", {})  # another process: nothing held yet
    assert shared.get("portal_search:test", lambda: ["built again"]) == ["built once"]
    shared.forget("portal_search:test")  # e.g. a page published in that process
    monkeypatch.undo()  # back in the first process, which still holds the old value
    assert shared.get("portal_search:test", lambda: ["built after the change"]) == ["built after the change"]


def test_a_value_evicted_from_the_cache_is_built_again():
    shared.get("portal_search:test", lambda: "first")
    cache.delete("portal_search:test")  # evicted (or never stored), the version still there
    cache.set("portal_search:test:version", "other")
    assert shared.get("portal_search:test", lambda: "second") == "second"


def count_reads(monkeypatch):
    """The keys read from the cache from now on, in order."""
    reads, real_get = [], cache.get

    def get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(shared.cache, "get", get)
    return reads


def test_within_one_search_a_version_is_read_once_and_later_changes_wait_for_the_next(monkeypatch):
    shared.get("portal_search:test", lambda: "first")
    reads = count_reads(monkeypatch)
    with shared.one_search():
        assert shared.get("portal_search:test", lambda: "unused") == "first"
        cache.set("portal_search:test", "second")  # another process stores a new value
        cache.set("portal_search:test:version", "other")
        assert shared.get("portal_search:test", lambda: "unused") == "first"  # this search: one state
    assert reads == ["portal_search:test:version"]
    assert shared.get("portal_search:test", lambda: "unused") == "second"  # the next search sees it


def test_within_one_search_what_it_forgets_or_stores_itself_is_seen():
    shared.get("portal_search:test", lambda: "first")
    with shared.one_search():
        shared.get("portal_search:test", lambda: "unused")
        shared.forget("portal_search:test")
        assert shared.get("portal_search:test", lambda: "rebuilt") == "rebuilt"
        shared.store("portal_search:test", "stored")
        assert shared.get("portal_search:test", lambda: "unused") == "stored"


def test_a_search_that_falls_back_reads_each_version_once(portal, monkeypatch):
    reads = count_reads(monkeypatch)
    # A typo: the query as typed, its corrections, then the corrected query's results.
    outcome = service.run(service.parse({"q": "政府信息公开条列"}, "zh-hans"), record_hit=False)
    assert outcome.corrected_query or outcome.suggestion
    versions = [key for key in reads if key.endswith(":version")]
    assert len(versions) >= 2
    assert len(versions) == len(set(versions))
