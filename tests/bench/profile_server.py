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
_DUMPER = "profile-dump"
_timer = (time.thread_time,) if os.environ.get("DICOSO_PROFILE_CPU") == "1" else ()


def _start(*_):
    sys.setprofile(None)
    if threading.current_thread().name == _DUMPER:
        return
    profile = cProfile.Profile(*_timer)
    with _lock:
        _profiles.append(profile)
    profile.enable()


class _Snapshot:
    """A profile's figures so far, for pstats: Stats(profile) would call create_stats, which
    disables the profiler of the thread that dumps (the main one, the event loop's) and
    stops the profile there. A snapshot lets profiling go on, so that dumps taken between
    phases can be subtracted to give one phase's cost."""

    def __init__(self, profile: cProfile.Profile):
        profile.snapshot_stats()
        self.stats = profile.stats

    def create_stats(self) -> None:
        pass


def _dump() -> None:
    import pstats

    stats = None
    for profile in list(_profiles):
        snapshot = _Snapshot(profile)
        if not snapshot.stats:
            continue
        if stats is None:
            stats = pstats.Stats(snapshot)
        else:
            stats.add(snapshot)
    if stats is not None:
        stats.dump_stats(os.environ["DICOSO_PROFILE_OUT"])


def _dump_aside(*_) -> None:
    """SIGUSR1: the dump, in a thread of its own that is not profiled, so that it does not
    add itself to the main thread's figures (the handler would run on the main thread)."""
    threading.Thread(target=_dump, name=_DUMPER, daemon=True).start()


threading.setprofile(_start)
_main = cProfile.Profile(*_timer)
_profiles.append(_main)
signal.signal(signal.SIGUSR1, _dump_aside)
_main.enable()
from streamlit.web.cli import main  # noqa: E402

sys.argv = ["streamlit", *sys.argv[1:]]
main()
