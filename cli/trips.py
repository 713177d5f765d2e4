"""`python -m seed --trips FILE [--dry-run]`: an office's past trips from a spreadsheet.

The whole file is checked first (every problem printed by row and column, exit code 1,
nothing written), the preview printed (trips per year and ban, new and already there), then
the new trips written in one transaction (core/trips_import does the work). Importing the
same file again adds nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from core import office
from core.errors import DomainError, ValidationError
from core.i18n import t
from core.trips_import import Plan, apply, preview
from core.trips_import.phases import Timings
from db.migrate import upgrade
from db.session import reading, writing


def plan_lines(plan: Plan) -> list[str]:
    """The preview as the shell prints it: the totals, then a row per year and ban."""
    lines = [
        t(
            "trips_import.preview",
            rows=plan.rows,
            new=plan.new,
            existing=plan.existing,
            reports=plan.reports,
            proposals=plan.proposals,
        )
    ]
    if plan.ignored_columns:
        lines.append(t("trips_import.ignored", columns=", ".join(plan.ignored_columns)))
    if plan.by_year_ban:
        year, ban, new, old = (t(f"trips_import.preview.{k}") for k in ("year", "ban", "new", "existing"))
        lines.append(f"  {year:6} {ban:40} {new:>8} {old:>8}")
        for yb in plan.by_year_ban:
            lines.append(
                f"  {yb.year:<6} {(yb.ban_code + ' — ' + yb.ban_name)[:40]:40} {yb.new:>8} {yb.existing:>8}"
            )
    return lines


def import_trips(args: argparse.Namespace, url: str) -> int:
    path = Path(args.trips)
    if not path.is_file():
        print(f"Cannot read {path}", file=sys.stderr)
        return 2
    upgrade(url)
    actor = office.shell_actor()
    try:
        if args.dry_run:
            with reading(url) as session:
                plan = preview(session, actor, path, path.name)
        else:
            with writing(url) as session:
                result = apply(session, actor, path, path.name)
                applied = time.perf_counter()
            committed = time.perf_counter() - applied
            plan = result.plan
    except ValidationError as exc:
        problems = exc.messages()
        more = next((e.params["count"] for e in exc.errors if e.message == "trips_import.error.more"), 0)
        print(t("trips_import.errors", count=len(problems) - bool(more) + more), file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 1
    except DomainError as exc:
        for message in exc.messages():
            print(message, file=sys.stderr)
        return 1
    for line in plan_lines(plan):
        print(line)
    if args.dry_run:
        print(t("trips_import.dry_run"))
    else:
        print(
            t(
                "trips_import.done",
                added=result.added,
                existing=result.existing,
                reports=result.reports,
                proposals=result.proposals,
            )
        )
        if getattr(args, "timings", False) and result.timings:
            print("timings " + json.dumps(timings(result.timings, committed)))
    return 0


def timings(measured: Timings, committed: float) -> dict:
    """Each phase's seconds (the commit's added) and the peak memory by each phase's end."""
    return {
        "seconds": {**dict(measured.seconds), "commit": round(committed, 3)},
        "cpu": dict(measured.cpu),
        "peak_mb": dict(measured.peak_mb),
    }
