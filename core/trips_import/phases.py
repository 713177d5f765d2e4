"""How long each phase of an import took, and how high the process's memory had risen by its end.

The phases are interleaved (the file is read, parsed and checked a row at a time), so each is
the sum of the time spent in it: `phase` times a block, `timed` an iterator's steps. The
numbers reach the caller in ImportResult.timings; `python -m seed --trips --timings` prints
them, and `make bench` reports them (tests/bench/trips_import.py).
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# In the order they first run: the workbook's XML read, its cells made values, each row
# checked on its own (cadre, content types, the trip's rules), the rows spilled to a temporary
# file, overlaps (in the file, against the database), the preview counted, the trips written,
# the audit rows, the kept figures counted again.
PHASES = ("read", "parse", "check", "spill", "overlaps", "plan", "write", "audit", "rollups")
# The phases run a row at a time have their CPU time counted together: asking the kernel for
# it at every row cost seconds of its own.
STREAM = "read+parse+check+spill"


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (the kernel's count)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


@dataclass(frozen=True)
class Timings:
    seconds: tuple[tuple[str, float], ...]  # (phase, wall seconds), in PHASES' order
    cpu: tuple[tuple[str, float], ...]  # (phase or STREAM, this process's CPU seconds)
    peak_mb: tuple[tuple[str, float], ...]  # (phase, the process's peak MB by the phase's end)


class Phases:
    def __init__(self):
        self.seconds = dict.fromkeys(PHASES, 0.0)
        self.cpu: dict[str, float] = {}
        self.peaks: dict[str, float] = {}

    def add(self, name: str, seconds: float, cpu: float = 0.0) -> None:
        if seconds:
            self.seconds[name] += seconds
        if cpu:
            self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def move(self, within: str, name: str) -> None:
        """`within`'s time counted in `name`'s too (timed inside it): take it out of `name`."""
        self.add(name, -self.seconds[within], -self.cpu.get(within, 0.0))

    @contextmanager
    def phase(self, name: str):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started, time.process_time() - cpu)
            self.peaks[name] = peak_mb()

    def timed(self, steps: Iterator, name: str) -> Iterator:
        """`steps`, the (wall) time spent getting each one added to `name`."""
        clock, seconds = time.perf_counter, self.seconds
        while True:
            started = clock()
            try:
                step = next(steps)
            except StopIteration:
                seconds[name] += clock() - started
                self.peaks[name] = peak_mb()
                return
            seconds[name] += clock() - started
            yield step

    def result(self) -> Timings:
        return Timings(
            tuple((name, round(s, 3)) for name, s in self.seconds.items()),
            tuple((name, round(s, 3)) for name, s in self.cpu.items()),
            tuple((name, round(self.peaks[name], 1)) for name in PHASES if name in self.peaks),
        )
