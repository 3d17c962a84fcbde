"""The values the search builds from the pages, shared through the cache and held per process."""

from django.core.cache import cache

from search import shared


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
