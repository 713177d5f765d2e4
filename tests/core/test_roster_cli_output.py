"""`python -m seed --roster`: every line it prints is a text of core/messages, in Vietnamese
unless another language is asked for — the count of passwords written to a file included."""

import os

from core.i18n import set_language, t
from seed.__main__ import main as seed_main
from tests.core.test_roster_import import GOOD, csv_file


def test_every_line_of_the_roster_command_is_a_message_in_vietnamese(two_bans, tmp_path, capsys):
    roster, passwords = tmp_path / "roster.csv", tmp_path / "otp.csv"
    roster.write_bytes(csv_file(GOOD))
    assert (
        seed_main(["--roster", str(roster), "--database-url", two_bans, "--passwords-csv", str(passwords)])
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out == [
        t("roster.done", "vi", added=2, changed=0, unchanged=0, deactivated=0),
        t("roster.cli.passwords_written", "vi", count=2, path=passwords),
    ]
    assert out[-1].startswith("Đã ghi 2 mật khẩu dùng một lần vào ")
    assert "written" not in "\n".join(out)
    assert oct(os.stat(passwords).st_mode & 0o777) == "0o600"


def test_a_file_that_cannot_be_read_is_named_in_vietnamese(two_bans, tmp_path, capsys):
    missing = tmp_path / "khong-co.csv"
    assert seed_main(["--roster", str(missing), "--database-url", two_bans]) == 2
    assert capsys.readouterr().err.splitlines() == [f"Không tìm thấy tệp {missing}."]


def test_the_lines_follow_the_language_asked_for(two_bans, tmp_path, capsys):
    roster, passwords = tmp_path / "roster.csv", tmp_path / "otp.csv"
    roster.write_bytes(csv_file(GOOD))
    set_language("en")
    try:
        assert (
            seed_main(
                ["--roster", str(roster), "--database-url", two_bans, "--passwords-csv", str(passwords)]
            )
            == 0
        )
    finally:
        set_language("vi")
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"2 one-time passwords written to {passwords} (readable by its owner only)."
    )
