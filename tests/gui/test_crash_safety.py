"""Killing the app at 20 random moments loses nothing it had saved.

The real app runs in a subprocess on a real database (``crashkit`` is the
driver and the checks) and is killed with SIGKILL:

* while typing (11 moments): everything typed up to two seconds before the
  kill is in the database;
* during the autosave of a 5 MB draft (3) and during the restore of a 5 MB
  revision (3): the draft is the old or the new text, never a mix, and every
  revision is one whole text, the newest equal to the draft;
* while opening a database whose schema is migrated (3): the data is intact
  and the next open finishes the migration.

Every time the database passes ``PRAGMA integrity_check`` and the full-text
index's own check. The moments come from a seeded RNG (DESKEDITOR_CRASH_SEED,
default 8) and are in the test ids, so a failure is reproduced exactly.
"""

from __future__ import annotations

import pytest

import crashkit

MOMENTS = crashkit.plan(crashkit.SEED)


@pytest.fixture(scope="session")
def seeds(tmp_path_factory):
    return crashkit.Seeds(tmp_path_factory.mktemp("crash-seeds"))


def test_the_plan_has_twenty_moments_of_every_kind():
    assert len(MOMENTS) == 20
    assert {m.kind for m in MOMENTS} == {"typing", "save", "migration", "restore"}
    assert crashkit.plan(crashkit.SEED) == MOMENTS  # the same seed, the same moments


@pytest.mark.slow
@pytest.mark.parametrize("moment", MOMENTS, ids=[f"{m.kind}-{m.number}" for m in MOMENTS])
def test_a_kill_at_this_moment_loses_nothing(moment, tmp_path, seeds):
    outcome = crashkit.run_moment(moment, tmp_path, seeds)
    print(outcome.line())
    assert not outcome.problems, outcome.line()
    assert outcome.hit, f"the kill missed the {moment.kind}: {outcome.line()}"
    assert outcome.lost == 0 and outcome.integrity_failures == 0, outcome.line()
