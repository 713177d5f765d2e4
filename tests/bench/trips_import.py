"""`make bench`, the import of an office's past trips: `python -m seed --trips FILE` on 100,000 trips.

    python -m tests.bench.trips_import [--rows 100000] [--engines sqlite,postgresql]

An office of 5,000 cadres in 10 bans is started on an empty database (`--new-office`, the bans
and cadres written in bulk: the roster import is not what is measured), then the command runs
as the admin would run it, in its own process, on a workbook of `--rows` trips over five years
(20 per cadre, none overlapping; seven in ten reports accepted with their date, some proposals),
written once with openpyxl's streaming writer (inline strings, the slower kind to read) and
kept under data/bench/. Measured: the command's wall time (Python's start included) and its
peak resident memory (the kernel's count for that process), then the trips, their days and the
kept figures checked against the file: a run that is quick but wrong fails. On PostgreSQL the
same runs on a throwaway server (tests/pg.py), when its binaries are installed.

The goal: under 60 s on either engine, memory bounded (the rows are streamed: the peak stays
near the interpreter's own, whatever the file's size; `--rows` smaller shows it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

from core import office, rollups
from db.migrate import upgrade
from db.models import Ban, Cadre, Trip, TripDay, TripReport
from db.session import ROOT, dispose_all, reading, writing
from tests.bench.synthetic import BENCH_DIR
from tests.offices import TRIPS_HEADER as HEADER  # the columns of an office's history file

GENERATOR_VERSION = 1
GOAL_SECONDS = 60
FIRST = dt.date(2019, 1, 1)
PROVINCES = ("Hà Giang", "Cao Bằng", "Lào Cai", "Tuyên Quang", "Yên Bái", "Điện Biên", "Lai Châu", "Sơn La")
CONTENTS = (
    "Theo chuyên đề",
    "Phối hợp tổ chức, triển khai hoạt động tại cơ sở",
    "Kiểm tra, giám sát",
    "Dự sinh hoạt chuyên đề và sinh hoạt chi đoàn",
)
PER_CADRE = 20


def cadres_for(rows: int) -> int:
    return max(1, rows // PER_CADRE)


def workbook(rows: int, log=print) -> Path:
    """The workbook of `rows` trips, generated once."""
    path = BENCH_DIR / f"trips-{rows}-v{GENERATOR_VERSION}.xlsx"
    if path.exists():
        return path
    import openpyxl

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rng = random.Random(15)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Lịch sử chuyến đi")
    sheet.append(HEADER)
    today = dt.date.today()
    for n in range(rows):
        cadre, k = divmod(n, PER_CADRE)
        start = FIRST + dt.timedelta(days=k * 90 + rng.randint(0, 60))
        end = start + dt.timedelta(days=rng.randint(0, 6))
        province = PROVINCES[rng.randrange(len(PROVINCES))]
        district = f"Huyện {rng.randint(1, 10):02d}"
        unit = f"Đoàn xã {rng.randint(1, 40):02d}"
        content = "; ".join(rng.sample(CONTENTS, rng.choice((1, 1, 2))))
        r = rng.random()
        state, sent = (
            ("đã duyệt", end + dt.timedelta(days=rng.randint(1, 9)))
            if r < 0.7
            else (("đã nộp", end + dt.timedelta(days=rng.randint(1, 9))) if r < 0.85 else ("chưa nộp", None))
        )
        sent = min(sent, today) if sent else None
        findings = (
            f"Nắm tình hình đoàn viên, thanh niên tại {unit.lower()}, {district.lower()}." if sent else ""
        )
        proposals = (
            "Tăng kinh phí cho chi đoàn\nMở lớp tập huấn kỹ năng" if sent and rng.random() < 0.2 else ""
        )
        sheet.append(
            [
                f"BC{cadre + 1:05d}",
                start,
                end,
                province,
                district,
                f"Xã {rng.randint(1, 40):02d}",
                unit,
                content,
                rng.choice((0, 0, 500_000, 1_500_000)),
                f"{n + 1}/QĐ-TĐ" if r < 0.5 else "",
                state,
                sent,
                findings,
                proposals,
            ]
        )
    partial = path.with_suffix(".partial")
    book.save(partial)
    partial.rename(path)
    log(
        f"generated {path.name} in {time.perf_counter() - started:.0f} s ({path.stat().st_size / 2**20:.1f} MB)"
    )
    return path


def start_office(url: str, cadres: int) -> None:
    """--new-office, then 10 bans and `cadres` cadres in bulk (codes BC00001 …)."""
    upgrade(url)
    with writing(url) as session:
        office.create_office(session, "Tỉnh đoàn thử tải", "vanphong")
        session.execute(
            insert(Ban),
            [
                {"id": i, "code": f"B{i:02d}", "name": f"Ban thử {i:02d}", "sort_order": i, "active": True}
                for i in range(1, 11)
            ],
        )
        for first in range(0, cadres, 5000):
            session.execute(
                insert(Cadre),
                [
                    {
                        "code": f"BC{n:05d}",
                        "full_name": f"Cán bộ {n:05d}",
                        "ban_id": n % 10 + 1,
                        "position": "Chuyên viên",
                        "subject_to_rule": True,
                        "active": True,
                    }
                    for n in range(first + 1, min(cadres, first + 5000) + 1)
                ],
            )
    dispose_all()


def run_command(url: str, path: Path) -> tuple[float, float, float, str]:
    """`python -m seed --trips` in its own process: wall seconds, CPU seconds (what the machine's
    other work does not stretch), peak resident MB, its output."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "seed", "--database-url", url, "--trips", str(path), "--timings"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode(errors="replace")
    if process.returncode:
        raise RuntimeError(f"the import failed ({process.returncode}):\n{text[-3000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def server_cpu(cluster) -> float:
    """CPU seconds of the PostgreSQL server so far: its postmaster, the backends and helpers
    still running, and those that ended (counted in the postmaster's children). The import's
    work on PostgreSQL is mostly the server's: this is the figure a busy machine does not
    stretch, as the command's CPU time is for the command."""
    with open(os.path.join(cluster.datadir, "postmaster.pid")) as handle:
        postmaster = int(handle.readline())
    ticks = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        # After the name: state, ppid, …, utime (11), stime, cutime, cstime (14).
        if int(entry) == postmaster:
            ticks += sum(int(x) for x in fields[11:15])
        elif int(fields[1]) == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def phase_figures(output: str) -> dict:
    """The command's `--timings` line: seconds per phase, peak MB by each phase's end."""
    line = next(line for line in output.splitlines() if line.startswith("timings "))
    return json.loads(line.removeprefix("timings "))


def check(url: str, rows: int) -> dict:
    """The trips, their days and the kept figures are what the file says."""
    with reading(url) as s:
        trips = s.scalar(select(func.count()).select_from(Trip))
        days = s.scalar(select(func.count()).select_from(TripDay))
        counted = s.scalar(select(func.coalesce(func.sum(Trip.days), 0)))
        reports = s.scalar(select(func.count()).select_from(TripReport))
        kept = {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in rollups.TABLES}
        kept_days = s.scalar(select(func.sum(rollups.CadreYear.days)))
    if trips != rows or days != counted or kept_days != days:
        raise AssertionError(
            f"imported {trips} trips of {rows}, {days} days ({counted} counted, {kept_days} kept)"
        )
    return {"trips": trips, "trip_days": days, "reports": reports, **kept}


def measure(engine: str, rows: int, path: Path, log=print) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="dicoso-import-"))
    cluster = url = None
    try:
        if engine == "postgresql":
            from tests.pg import PgCluster, new_pg_database

            cluster = PgCluster()
            url = new_pg_database(cluster.start())
        else:
            url = f"sqlite:///{folder / 'office.db'}"
        start_office(url, cadres_for(rows))
        load = os.getloadavg()[0]
        server_before = server_cpu(cluster) if cluster is not None else 0.0
        seconds, cpu, peak_mb, output = run_command(url, path)
        server = server_cpu(cluster) - server_before if cluster is not None else None
        figures = check(url, rows)
        dispose_all()
        phases = phase_figures(output)
        log(
            f"{engine}: {rows:,} trips imported in {seconds:.1f} s ({cpu:.1f} s of CPU"
            + (f", the server's {server:.1f} s" if server is not None else "")
            + "; load average "
            + f"{load:.1f} on {os.cpu_count()} cores before), peak memory {peak_mb:.0f} MB "
            + f"({figures['trip_days']:,} trip days, {figures['reports']:,} reports); goal < {GOAL_SECONDS} s"
        )
        log(
            "  phases (s): "
            + ", ".join(f"{name} {s:.1f}" for name, s in phases["seconds"].items())
            + "; Python's start and the rest "
            + f"{seconds - sum(phases['seconds'].values()):.1f}"
        )
        log("  CPU of the command (s): " + ", ".join(f"{name} {s:.1f}" for name, s in phases["cpu"].items()))
        log(
            "  peak memory by the end of (MB): "
            + ", ".join(f"{n} {mb:.0f}" for n, mb in phases["peak_mb"].items())
        )
        return {
            f"trips_import_s_{engine}": round(seconds, 1),
            f"trips_import_cpu_s_{engine}": round(cpu, 1),
            f"trips_import_peak_mb_{engine}": round(peak_mb),
            **({f"trips_import_server_cpu_s_{engine}": round(server, 1)} if server is not None else {}),
            **{f"trips_import_{name}_s_{engine}": s for name, s in phases["seconds"].items()},
        }
    finally:
        dispose_all()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def pg_available() -> bool:
    from tests.pg import PgCluster, PgUnavailable

    try:
        PgCluster()
    except PgUnavailable:
        return False
    return True


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--engines",
        default="sqlite,postgresql",
        help="comma-separated; postgresql is skipped when its binaries are missing",
    )
    args = parser.parse_args(argv)
    path = workbook(args.rows)
    result = {"trips_import_rows": args.rows}
    for engine in [e for e in args.engines.split(",") if e]:
        if engine == "postgresql" and not pg_available():
            print("postgresql: skipped (initdb/pg_ctl not installed)")
            continue
        result.update(measure(engine, args.rows, path))
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
