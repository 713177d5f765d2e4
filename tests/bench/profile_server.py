"""Bench only: `streamlit run` with every thread under cProfile, the merged profile written to
$DICOSO_PROFILE_OUT (pstats) on SIGUSR1: wall time per thread, waits for the interpreter lock
included, or with DICOSO_PROFILE_CPU=1 each thread's own CPU time (time.thread_time: what a run
costs the server, whatever the load). Started by tests/bench/arrival.py --profile."""

import cProfile
import os
import signal
import sys
import threading
import time

_profiles: list[cProfile.Profile] = []
_lock = threading.Lock()
_timer = (time.thread_time,) if os.environ.get("DICOSO_PROFILE_CPU") == "1" else ()


def _start(*_):
    sys.setprofile(None)
    profile = cProfile.Profile(*_timer)
    with _lock:
        _profiles.append(profile)
    profile.enable()


def _dump(*_) -> None:
    import pstats

    stats = None
    for profile in list(_profiles):
        profile.create_stats()
        if not profile.stats:
            continue
        if stats is None:
            stats = pstats.Stats(profile)
        else:
            stats.add(profile)
    if stats is not None:
        stats.dump_stats(os.environ["DICOSO_PROFILE_OUT"])


threading.setprofile(_start)
_main = cProfile.Profile(*_timer)
_profiles.append(_main)
signal.signal(signal.SIGUSR1, _dump)
_main.enable()
from streamlit.web.cli import main  # noqa: E402

sys.argv = ["streamlit", *sys.argv[1:]]
main()
