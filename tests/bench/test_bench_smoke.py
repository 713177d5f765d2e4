"""`make bench` itself, on the tiny synthetic office: it runs end to end, its naive path
agrees with the app (checked inside), the import of past trips writes what its file says
(checked inside), and the budgets that do not depend on the machine hold."""

from tests.bench import run

KEYS = (
    "trips",
    "naive_over_app_progress",
    "naive_over_app_review",
    "page_over_trivial_progress",
    "page_over_trivial_review",
    "bytes_progress",
    "bytes_review",
    "chart_rows_max",
    "insert_p50_ms",
    "insert_p95_ms",
    "trips_import_s_sqlite",
    "trips_import_peak_mb_sqlite",
    "trips_import_read_s_sqlite",  # the import's phases, from `python -m seed --trips --timings`
    "trips_import_write_s_sqlite",
    "trips_import_rollups_s_sqlite",
)


def test_bench_runs_on_a_tiny_office_and_keeps_the_size_budgets(capsys):
    result = run.main(["--size", "tiny", "--repeat", "1", "--no-load"])
    assert set(KEYS) <= set(result)
    assert result["trips"] == 4000
    assert result["chart_rows_max"] <= 5000
    assert max(result["bytes_progress"], result["bytes_review"]) <= 2 * 2**20
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith('{"trips": 4000')
    # make remind over the tiny office: mails go out once, the second run finds nothing new.
    assert result["remind_mails"] > 0 and result["remind_again_mails"] == 0
    assert result["remind_mails_aiosmtpd"] == result["remind_mails"]
