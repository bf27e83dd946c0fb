"""Shared pytest set-up: hypothesis profiles.

The profile comes from the environment variable DIENSTVISIE_FUZZ:

- unset or `default`: the ordinary test run (100 examples per property, no deadline, so a slow
  machine gives no flaky failures);
- `long`: the long fuzz run, 20 000 examples per property (`DIENSTVISIE_FUZZ=long pytest tests/test_fuzz.py`);
- `ci`: derandomised, so a CI run is reproducible.

HYPOTHESIS_MAX_EXAMPLES overrides the number of examples of any profile.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]

# registered under names of their own, so hypothesis's built-in "default" and "ci" stay as they are
settings.register_profile("dienstvisie-default", deadline=None)
settings.register_profile("dienstvisie-ci", deadline=None, derandomize=True, print_blob=True)
settings.register_profile("dienstvisie-long", deadline=None, max_examples=20_000, suppress_health_check=_QUIET,
                          print_blob=True)

_profile = os.environ.get("DIENSTVISIE_FUZZ", "") or "default"
if _profile not in ("default", "ci", "long"):
    raise SystemExit(f"DIENSTVISIE_FUZZ={_profile!r}: use default, ci or long")
settings.load_profile(f"dienstvisie-{_profile}")
if os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "").isdigit():
    settings.register_profile("dienstvisie-custom", parent=settings.get_profile(f"dienstvisie-{_profile}"),
                              max_examples=int(os.environ["HYPOTHESIS_MAX_EXAMPLES"]))
    settings.load_profile("dienstvisie-custom")
