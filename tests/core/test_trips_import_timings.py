"""What an import reports of itself: seconds per phase, its CPU time and the peak memory
(core.trips_import.phases), printed by `python -m seed --trips --timings` for `make bench`; and
the week-day count the writer uses in place of walking each trip's days."""

import datetime as dt
import json

from core.periods import count_days
from core.trips_import.apply import workdays
from core.trips_import.phases import PHASES, STREAM
from seed.__main__ import main as seed_main
from tests.core.test_trips_import import GOOD, csv_file, hg  # noqa: F401 (a fixture)


def test_the_import_prints_each_phases_seconds_its_cpu_and_the_peak_memory(hg, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "lich-su.csv"
    path.write_bytes(csv_file(GOOD))
    assert seed_main(["--database-url", hg, "--trips", str(path), "--timings"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("timings "))
    figures = json.loads(line.removeprefix("timings "))
    assert list(figures["seconds"]) == [*PHASES, "commit"]
    # A file of a few rows may read within the printed precision: only the whole is sure to be > 0.
    assert all(s >= 0 for s in figures["seconds"].values()) and sum(figures["seconds"].values()) > 0
    assert {STREAM, "write", "rollups"} <= set(figures["cpu"])
    peaks = figures["peak_mb"]
    assert list(peaks) == [p for p in PHASES if p in peaks] and peaks["rollups"] >= peaks["read"] > 0


def test_without_the_flag_nothing_of_it_is_printed(hg, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "lich-su.csv"
    path.write_bytes(csv_file(GOOD))
    assert seed_main(["--database-url", hg, "--trips", str(path)]) == 0
    assert "timings" not in capsys.readouterr().out


def test_the_working_days_counted_without_walking_agree_with_walking_them():
    first = dt.date(2023, 1, 1)
    for offset in range(14):
        start = first + dt.timedelta(days=offset)
        for days in range(1, 40):
            end = start + dt.timedelta(days=days - 1)
            assert workdays(start, days) == count_days(start, end, "working"), (start, days)
