"""Settings of the app server's Python process that Streamlit's config file cannot hold.

Streamlit runs every session's script in a thread of one process. A thread that needs the
interpreter lock while another thread computes waits up to the switch interval before the
other must hand it over: 5 ms by default. A trip's save waits for it again after each of its
statements (the database driver lets go of the lock while the database works), so behind
sessions reading the dashboards its slowest saves were several times its usual 5 ms. A
shorter interval hands the lock over sooner; the threads computing pay a few microseconds a
handover (make bench measures the saves under both intervals in one run; tests/bench/load.py
the server's CPU per refresh of many viewers).
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_SECONDS = 0.001


def configure() -> None:
    """Apply the settings to this process (cheap: app.py calls it on every run)."""
    if sys.getswitchinterval() != SWITCH_INTERVAL_SECONDS:
        sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
