"""Values kept per content version that one worker builds and the others
read back from the shared cache (portal.caching.content_version)."""

import pickle

from conditions.checker.assessment import load_checker_data
from conditions.models import Condition
from portal.public.azindex import AZIndex, _names, build_az_index
from portal.search.suggestions import _load_vocabulary


def test_the_values_shared_between_workers_survive_the_trip_through_the_cache(launch):
    """What one worker builds, another reads back from the shared cache
    (pickled): the same checker, the same A–Z, the same vocabulary."""
    checker = load_checker_data()
    assert pickle.loads(pickle.dumps(checker)) == checker
    index = AZIndex(build_az_index(_names(Condition)))
    assert pickle.loads(pickle.dumps(index)).entries == index.entries
    vocabulary = _load_vocabulary()
    assert pickle.loads(pickle.dumps(vocabulary)) == vocabulary
