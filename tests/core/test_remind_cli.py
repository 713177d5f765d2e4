"""`python -m cli.remind` (what `make remind` runs): its settings, what it prints, its exit codes."""

from __future__ import annotations

import pytest

from cli import remind
from tests.mailserver import Collector, smtp_server


@pytest.fixture(autouse=True)
def no_secrets_file(monkeypatch):
    monkeypatch.setenv("DICOSO_SECRETS_FILE", "/nonexistent/secrets.toml")


def test_an_office_without_mail_settings_is_told_what_is_missing_and_nothing_is_sent(db_url, capsys):
    assert remind.main([], env={}) == remind.EXIT_NOT_CONFIGURED
    err = capsys.readouterr().err
    assert "DICOSO_SMTP_URL, DICOSO_MAIL_FROM, DICOSO_BASE_URL" in err and "Không gửi thư nào" in err


def test_the_demo_needs_only_the_smtp_url(demo_url, capsys):
    with smtp_server() as (box, server):
        code = remind.main(
            ["--today", "15/07/2018"], env={"DICOSO_SMTP_URL": f"smtp://127.0.0.1:{server.port}"}
        )
    assert code == remind.EXIT_OK and len(box.messages) == 3
    out = capsys.readouterr().out
    assert "http://localhost:8501" in out and "đã gửi 3 thư" in out
    assert all("http://localhost:8501/" in m.body() for m in box.messages)


def test_the_smtp_table_of_secrets_toml_is_read(demo_url, tmp_path, monkeypatch, capsys):
    with smtp_server() as (box, server):
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            f'[smtp]\nurl = "smtp://127.0.0.1:{server.port}"\nfrom = "Văn phòng <vp@tinhdoan.vn>"\n'
            f'base_url = "https://dicoso.tinhdoan.vn"\n',
            encoding="utf-8",
        )
        monkeypatch.setenv("DICOSO_SECRETS_FILE", str(secrets))
        assert remind.main(["--today", "15/07/2018"], env={}) == remind.EXIT_OK
    assert {m.sender for m in box.messages} == {"vp@tinhdoan.vn"}
    assert all("https://dicoso.tinhdoan.vn/" in m.body() for m in box.messages)


def test_a_dry_run_prints_who_would_get_what_without_an_smtp_server(demo_url, capsys):
    assert remind.main(["--dry-run", "--today", "15/07/2018", "--lang", "en"], env={}) == remind.EXIT_OK
    out = capsys.readouterr().out
    assert "Dry run for 15/07/2018" in out and "3 mails would go out" in out
    for who in ("canbo@example.org", "truongban@example.org", "lanhdao@example.org"):
        assert f"→ {who}" in out
    assert "(with the progress chart)" in out


@pytest.mark.parametrize("argv", [["--today", "2018-07-15"], ["--today", "31/02/2018"], ["--lang", "fr"]])
def test_bad_arguments_exit_2(demo_url, argv, capsys):
    assert remind.main(argv, env={}) == remind.EXIT_USAGE


@pytest.mark.parametrize(
    "env, named",
    [
        ({"DICOSO_SMTP_URL": "http://mail.example.org"}, "DICOSO_SMTP_URL"),
        (
            {
                "DICOSO_SMTP_URL": "smtp://127.0.0.1:25",
                "DICOSO_MAIL_FROM": "nobody",
                "DICOSO_BASE_URL": "http://x",
            },
            "DICOSO_MAIL_FROM",
        ),
        (
            {
                "DICOSO_SMTP_URL": "smtp://127.0.0.1:25",
                "DICOSO_MAIL_FROM": "a@b.org",
                "DICOSO_BASE_URL": "dicoso.vn",
            },
            "DICOSO_BASE_URL",
        ),
    ],
)
def test_settings_that_are_not_valid_are_named(demo_url, env, named, capsys):
    assert remind.main([], env=env) == remind.EXIT_NOT_CONFIGURED
    assert named in capsys.readouterr().err


def test_a_lost_connection_exits_1_and_says_what_is_left(demo_url, capsys):
    with smtp_server(Collector(drop_after=2)) as (box, server):
        code = remind.main(
            ["--today", "15/07/2018", "--lang", "en"],
            env={"DICOSO_SMTP_URL": f"smtp://127.0.0.1:{server.port}"},
        )
    assert code == remind.EXIT_NOT_ALL_SENT and len(box.messages) == 2
    captured = capsys.readouterr()
    assert "connection was lost: 421" in captured.err and "1 mails are left" in captured.err
    assert "2 mails sent" in captured.out


def test_a_server_that_does_not_answer_leaves_everything_for_the_next_run(demo_url, capsys):
    from tests.pg import free_port

    code = remind.main(["--today", "15/07/2018"], env={"DICOSO_SMTP_URL": f"smtp://127.0.0.1:{free_port()}"})
    assert code == remind.EXIT_NOT_ALL_SENT
    assert "3 thư còn lại để lượt sau" in capsys.readouterr().err
