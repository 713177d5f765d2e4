"""Past trips from a spreadsheet (core.trips_import, `python -m seed --trips`): a corpus of bad files,
each refused with its row and column and nothing written; a good file's preview, its write in one
transaction, a second import that adds nothing, the audit, and every figure right at once
(the kept ones counted against the raw rows), on each test engine."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from collections import defaultdict

import openpyxl
import pytest
from sqlalchemy import func, select

from core import content_mix, office, participation, place_visits, policy, reports, rollups
from core.errors import PermissionDenied, ValidationError
from core.periods import Window, year_window
from core.permissions import Actor
from core.trips_import import COLUMNS, Limits, apply, preview, template_csv, template_xlsx
from db.models import (
    AuditEntry,
    Base,
    Cadre,
    Place,
    Proposal,
    Trip,
    TripContentType,
    TripDay,
    TripReport,
)
from db.session import reading, writing
from seed.__main__ import main as seed_main
from tests import factories as f
from tests import offices

HEADER = list(offices.TRIPS_HEADER)
GOOD = [list(r) for r in offices.TRIPS]
ADMIN = office.shell_actor()
D = dt.date


@pytest.fixture
def hg(db_url, tmp_path):
    """Tỉnh đoàn Hà Giang: its bans and roster, no trip yet."""
    offices.build(db_url, tmp_path, trips=False)
    return db_url


def csv_file(rows, header=HEADER, encoding="utf-8-sig") -> bytes:
    return offices.table_csv(header, rows).decode("utf-8-sig").encode(encoding)


def xlsx_file(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_cell(row_index, column, value, rows=GOOD):
    rows = [list(r) for r in rows]
    rows[row_index][HEADER.index(column)] = value
    return rows


def everything(url) -> dict[str, int]:
    with reading(url) as s:
        return {
            table.name: s.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


def refused(url, content, name="lich-su.csv", limits=Limits()) -> list[str]:
    """Preview and apply both refuse the file, and nothing is written. Returns the messages."""
    before = everything(url)
    with reading(url) as s, pytest.raises(ValidationError) as seen:
        preview(s, ADMIN, content, name, limits=limits)
    with pytest.raises(ValidationError), writing(url) as s:
        apply(s, ADMIN, content, name, limits=limits)
    assert everything(url) == before
    return seen.value.messages("vi")


LONG = "Đoàn xã " + "x" * 200
SOON = dt.date.today() + dt.timedelta(days=10)
BAD_FILES = {
    "empty file": (b"", "lich-su.csv", ["Tệp rỗng."]),
    "header only": (csv_file([]), "lich-su.csv", ["chỉ có dòng tiêu đề"]),
    "missing column": (
        csv_file([r[1:] for r in GOOD], header=HEADER[1:]),
        "lich-su.csv",
        ['Thiếu cột "Mã cán bộ"'],
    ),
    "column twice": (
        csv_file([r + [r[1]] for r in GOOD], header=HEADER + ["Từ ngày"]),
        "lich-su.csv",
        ['Cột "Từ ngày" có hai lần'],
    ),
    "not a workbook named .xlsx": (b"%PDF-1.4 not a workbook", "lich-su.xlsx", ["không phải bảng tính"]),
    "broken zip": (b"PK\x03\x04" + b"\x00" * 300, "lich-su.xlsx", ["không phải bảng tính"]),
    "cp1258 csv": (
        unicodedata.normalize("NFD", csv_file(GOOD[:1]).decode("utf-8-sig")).encode("cp1258", "replace"),
        "lich-su.csv",
        ["không ở mã UTF-8"],
    ),
    "unknown cadre": (
        csv_file(with_cell(0, "Mã cán bộ", "HG999")),
        "lich-su.csv",
        ['Dòng 2 — Mã cán bộ: không có cán bộ mã "HG999"'],
    ),
    "missing cadre code": (
        csv_file(with_cell(1, "Mã cán bộ", "")),
        "lich-su.csv",
        ["Dòng 3 — Mã cán bộ: bắt buộc nhập"],
    ),
    "impossible date": (
        csv_file(with_cell(0, "Từ ngày", "31/02/2023")),
        "lich-su.csv",
        ['Dòng 2 — Từ ngày: "31/02/2023" không phải ngày dd/mm/yyyy'],
    ),
    "words for a date": (
        csv_file(with_cell(1, "Đến ngày", "tuần trước")),
        "lich-su.csv",
        ['Dòng 3 — Đến ngày: "tuần trước" không phải ngày'],
    ),
    "a date before 2000": (
        csv_file(with_cell(0, "Từ ngày", "06/03/1999")),
        "lich-su.csv",
        ['Dòng 2 — Từ ngày: "06/03/1999" không phải ngày'],
    ),
    "end before start": (
        csv_file(with_cell(0, "Đến ngày", "01/03/2023")),
        "lich-su.csv",
        ["Dòng 2 — Đến ngày: phải cùng ngày hoặc sau ngày đi"],
    ),
    "a trip of more than a year": (
        csv_file(with_cell(0, "Đến ngày", "08/03/2024", GOOD[:1])),
        "lich-su.csv",
        ["Dòng 2 — Đến ngày: một chuyến đi không quá một năm"],
    ),
    "a trip in the future": (
        csv_file(
            [
                [
                    GOOD[0][0],
                    SOON.strftime("%d/%m/%Y"),
                    SOON.strftime("%d/%m/%Y"),
                    *GOOD[0][3:10],
                    "",
                    "",
                    "",
                    "",
                ]
            ]
        ),
        "lich-su.csv",
        ["Dòng 2 — Đến ngày: ngày trong tương lai"],
    ),
    "two trips of a cadre overlapping in the file": (
        csv_file(GOOD[:1] + [["HG001", "07/03/2023", "10/03/2023", *GOOD[0][3:]]]),
        "lich-su.csv",
        ["Dòng 3 — Từ ngày: trùng thời gian với chuyến đi 06/03/2023–08/03/2023 của cùng cán bộ ở dòng 2"],
    ),
    "the same trip twice in the file": (
        csv_file(GOOD + GOOD[:1]),
        "lich-su.csv",
        ["Từ ngày: chuyến đi này đã có ở dòng 2"],
    ),
    "a content type not in the year's policy": (
        csv_file(with_cell(1, "Nội dung", "Kiểm tra, giám sát; Tuyên truyền")),
        "lich-su.csv",
        ['Dòng 3 — Nội dung: "Tuyên truyền" không phải nội dung đi cơ sở của năm 2023'],
    ),
    "no content type": (
        csv_file(with_cell(0, "Nội dung", " ; ")),
        "lich-su.csv",
        ["Dòng 2 — Nội dung: bắt buộc nhập"],
    ),
    "an unknown report state": (
        csv_file(with_cell(0, "Tình trạng báo cáo", "xong rồi")),
        "lich-su.csv",
        ['Dòng 2 — Tình trạng báo cáo: "xong rồi" phải là chưa nộp, đã nộp hoặc đã duyệt'],
    ),
    "a report sent without its date": (
        csv_file(with_cell(1, "Ngày nộp báo cáo", "")),
        "lich-su.csv",
        ['Dòng 3 — Ngày nộp báo cáo: báo cáo "đã nộp" cần ngày nộp'],
    ),
    "a date with a report not sent": (
        csv_file(with_cell(2, "Ngày nộp báo cáo", "20/06/2023")),
        "lich-su.csv",
        ["Dòng 4 — Ngày nộp báo cáo: có ngày nộp nhưng tình trạng báo cáo là chưa nộp"],
    ),
    "a report sent before the trip ended": (
        csv_file(with_cell(0, "Ngày nộp báo cáo", "07/03/2023")),
        "lich-su.csv",
        ["Dòng 2 — Ngày nộp báo cáo: trước ngày kết thúc chuyến đi (08/03/2023)"],
    ),
    "a report sent in the future": (
        csv_file(with_cell(0, "Ngày nộp báo cáo", "01/01/2099")),
        "lich-su.csv",
        ["Dòng 2 — Ngày nộp báo cáo: ngày trong tương lai"],
    ),
    "words for an amount": (
        csv_file(with_cell(0, "Kinh phí (VND)", "một triệu")),
        "lich-su.csv",
        ['Dòng 2 — Kinh phí (VND): "một triệu" không phải số tiền'],
    ),
    "a negative amount": (
        csv_file(with_cell(0, "Kinh phí (VND)", "-500000")),
        "lich-su.csv",
        ['Dòng 2 — Kinh phí (VND): "-500000" không phải số tiền'],
    ),
    "an amount with decimals": (
        csv_file(with_cell(0, "Kinh phí (VND)", "1500000,5")),
        "lich-su.csv",
        ['Dòng 2 — Kinh phí (VND): "1500000,5" không phải số tiền'],
    ),
    "an amount too large": (
        csv_file(with_cell(0, "Kinh phí (VND)", "3.000.000.000")),
        "lich-su.csv",
        ["Dòng 2 — Kinh phí (VND): phải là số không âm"],
    ),
    "a host unit too long": (
        csv_file(with_cell(0, "Đơn vị đến", LONG)),
        "lich-su.csv",
        ["Dòng 2 — Đơn vị đến: dài quá 200 ký tự"],
    ),
    "an order number too long": (
        csv_file(with_cell(0, "Số quyết định cử đi", "1" * 65)),
        "lich-su.csv",
        ["Dòng 2 — Số quyết định cử đi: dài quá 64 ký tự"],
    ),
    "findings too long": (
        csv_file(with_cell(0, "Kết quả", "x" * 20001)),
        "lich-su.csv",
        ["Dòng 2 — Kết quả: dài quá 20000 ký tự"],
    ),
    "no province": (
        csv_file(with_cell(3, "Tỉnh/Thành phố", "")),
        "lich-su.csv",
        ["Dòng 5 — Tỉnh/Thành phố: bắt buộc nhập"],
    ),
    "a formula cell": (
        xlsx_file(with_cell(1, "Kinh phí (VND)", "=1000*1500")),
        "lich-su.xlsx",
        ["Dòng 3 — Kinh phí (VND): chứa công thức"],
    ),
    "a formula typed in csv": (
        csv_file(with_cell(0, "Đơn vị đến", '=HYPERLINK("http://x")')),
        "lich-su.csv",
        ["Dòng 2 — Đơn vị đến: chứa công thức"],
    ),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_refused_naming_row_and_column_and_writes_nothing(hg, name):
    content, filename, expected = BAD_FILES[name]
    messages = refused(hg, content, filename)
    for part in expected:
        assert any(part in m for m in messages), (part, messages)


def test_more_than_twenty_kinds_of_bad_file_are_tried():
    assert len(BAD_FILES) >= 30  # and those below, which need their own set-up or limits


def test_a_trip_overlapping_one_in_the_database_is_refused_naming_it(hg):
    with writing(hg) as s:
        minh = s.scalar(select(Cadre).where(Cadre.code == "HG003"))
        f.trip(s, minh, D(2023, 6, 15), D(2023, 6, 18), province="Hà Giang", host_unit="Huyện đoàn Yên Minh")
    messages = refused(hg, csv_file(GOOD))
    assert messages == [
        "Dòng 4 — Từ ngày: trùng thời gian với chuyến đi 15/06/2023–18/06/2023 tại "
        "Huyện đoàn Yên Minh – Hà Giang đã có của cán bộ này."
    ]


def test_a_content_type_is_checked_against_the_policy_of_the_trips_year(hg):
    with writing(hg) as s:
        policy.save(
            s, ADMIN, policy.YearPolicy(2024, content_type_labels={"thematic": {"vi": "Khảo sát chuyên đề"}})
        )
    rows = [
        with_cell(5, "Nội dung", "Khảo sát chuyên đề")[5],
        with_cell(4, "Nội dung", "Khảo sát chuyên đề")[4],
    ]
    messages = refused(hg, csv_file(rows))
    assert len(messages) == 1 and messages[0].startswith(
        'Dòng 3 — Nội dung: "Khảo sát chuyên đề" không phải nội dung đi cơ sở của năm 2023'
    )
    with reading(hg) as s:
        assert preview(s, ADMIN, csv_file(rows[:1]), "t.csv").new == 1  # 2024 names it so


@pytest.mark.parametrize(
    "limits, expected",
    [
        (Limits(max_rows=5), "Tệp có quá 5 dòng."),
        (Limits(max_bytes=1000), "Tệp lớn hơn 0 MB."),
    ],
)
def test_a_file_beyond_the_limits_is_refused(hg, limits, expected):
    assert expected in refused(hg, csv_file(GOOD), limits=limits)


def test_an_xlsx_that_inflates_beyond_the_limit_is_refused_unread(hg):
    assert "giải nén ra hơn 0 MB" in refused(hg, xlsx_file(GOOD), "l.xlsx", Limits(max_unzipped=4096))[0]


def test_entities_in_a_workbook_are_not_expanded(hg):
    """A cell built from nested entities (the "billion laughs": 10⁸ "ha") is not expanded: the
    parser stops at them, quickly, and the file is refused as no readable spreadsheet."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_file(GOOD)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "ha"}">' for i in range(9))
                data = data.replace(b"<worksheet", f"<!DOCTYPE worksheet [{laughs}]><worksheet".encode(), 1)
                assert b"<t>HG001</t>" in data
                data = data.replace(b"<t>HG001</t>", b"<t>&l8;</t>", 1)
            target.writestr(item, data)
    started = dt.datetime.now()
    messages = refused(hg, out.getvalue(), "l.xlsx")
    assert (dt.datetime.now() - started).total_seconds() < 30
    assert messages == ["Tệp không phải bảng tính .xlsx hay .csv đọc được."]


def test_every_problem_of_a_file_is_listed_at_once_in_row_order(hg):
    rows = with_cell(
        4, "Mã cán bộ", "HG999", with_cell(0, "Kinh phí (VND)", "nhiều", with_cell(0, "Từ ngày", "x"))
    )
    messages = refused(hg, csv_file(rows))
    assert [m.split(" — ")[0] for m in messages] == ["Dòng 2", "Dòng 2", "Dòng 6"]


def test_problems_beyond_a_thousand_are_counted(hg):
    rows = [["HG999", "01/03/2023", "02/03/2023", *GOOD[0][3:]]] * 1200
    messages = refused(hg, csv_file(rows))
    assert len(messages) == 1001 and messages[-1] == "… và 200 lỗi nữa."


def test_problems_are_named_in_english_for_an_english_reader(hg):
    with reading(hg) as s, pytest.raises(ValidationError) as seen:
        preview(s, ADMIN, csv_file(with_cell(0, "Mã cán bộ", "HG999")), "t.csv")
    assert seen.value.messages("en") == [
        'Row 2 — Cadre code: no cadre on the roster has the code "HG999" (import the roster first).'
    ]


def test_only_admins_import_trips(hg):
    cadre = Actor(99, "hg003", "Lê Văn Minh", frozenset({"cadre"}))
    with reading(hg) as s, pytest.raises(PermissionDenied):
        preview(s, cadre, csv_file(GOOD), "t.csv")
    with pytest.raises(PermissionDenied), writing(hg) as s:
        apply(s, cadre, csv_file(GOOD), "t.csv")


# --- A good file ---------------------------------------------------------------------------------


def test_the_preview_counts_trips_per_year_and_ban_and_writes_nothing(hg):
    before = everything(hg)
    with reading(hg) as s:
        plan = preview(s, ADMIN, csv_file(GOOD), "lich-su.csv")
    assert (plan.rows, plan.new, plan.existing, plan.reports, plan.proposals) == (8, 8, 0, 6, 2)
    assert [(y.year, y.ban_code, y.new, y.existing) for y in plan.by_year_ban] == [
        (2023, "PT", 1, 0),
        (2023, "TC", 3, 0),
        (2023, "VP", 1, 0),
        (2024, "PT", 2, 0),
        (2024, "VP", 1, 0),
    ]
    assert everything(hg) == before


@pytest.mark.parametrize("maker, name", [(csv_file, "lich-su.csv"), (xlsx_file, "lich-su.xlsx")])
def test_a_good_file_is_written_with_its_reports_and_audited_row_by_row(hg, maker, name):
    with writing(hg) as s:
        result = apply(s, ADMIN, maker(GOOD), name)
    assert (result.added, result.existing, result.reports, result.proposals) == (8, 0, 6, 2)
    with reading(hg) as s:
        trips = {(t.cadre.code, t.start_date): t for t in s.scalars(select(Trip))}
        first = trips[("HG001", D(2023, 3, 6))]
        assert (first.end_date, first.state, first.days, first.funding_vnd, first.travel_order_no) == (
            D(2023, 3, 8),
            "done",
            3,
            1_500_000,
            "12/QĐ-TĐ",
        )
        assert sorted(c.content_type for c in first.content_types) == ["inspection", "thematic"]
        assert (first.place.province, first.place.district, first.place.commune, first.place.host_unit) == (
            "Hà Giang",
            "Mèo Vạc",
            "Lũng Cú",
            "Đoàn xã Lũng Cú",
        )
        assert first.report.state == "accepted" and first.report.submitted_at == dt.datetime(2023, 3, 15)
        assert first.reported_at == dt.datetime(2023, 3, 15)
        assert [p.text for p in first.report.proposals] == [
            "Tăng kinh phí cho chi đoàn thôn",
            "Mở lớp tập huấn kỹ năng",
        ]
        assert {p.trip_end for p in first.report.proposals} == {D(2023, 3, 8)}
        assert trips[("HG002", D(2023, 5, 10))].report.state == "submitted"
        assert (
            trips[("HG003", D(2023, 6, 12))].report is None
            and trips[("HG003", D(2023, 6, 12))].reported_at is None
        )
        assert (
            s.scalar(select(func.count()).select_from(TripDay)) == sum(t.days for t in trips.values()) == 26
        )
        # The same place twice is one place.
        assert trips[("HG003", D(2023, 9, 18))].place_id == first.place_id
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "import", AuditEntry.table_name == "trips")
        ).all()
        assert len(entries) == 8 and {e.actor for e in entries} == {ADMIN.username}
        assert {(e.after["file"], e.after["row"]) for e in entries} == {(name, n) for n in range(2, 10)}
        assert {int(e.row_id) for e in entries} == {t.id for t in trips.values()}
        summary = s.scalar(select(AuditEntry).where(AuditEntry.action == "trips.import"))
        assert (summary.after["file"], summary.after["added"], summary.actor) == (name, 8, ADMIN.username)
    # The copies core.reports keeps (a trip's report date, a proposal's trip end) are what it would write.
    with writing(hg) as s:
        kept = s.execute(select(Trip.id, Trip.reported_at).order_by(Trip.id)).all()
        ends = s.execute(select(Proposal.id, Proposal.trip_end).order_by(Proposal.id)).all()
        reports.mark_trips(s)
        reports.mark_proposals(s)
        assert s.execute(select(Trip.id, Trip.reported_at).order_by(Trip.id)).all() == kept
        assert s.execute(select(Proposal.id, Proposal.trip_end).order_by(Proposal.id)).all() == ends


def test_excel_dates_numbers_and_text_dates_all_read(hg):
    rows = [
        with_cell(0, "Từ ngày", dt.datetime(2023, 3, 6))[0],
        with_cell(1, "Kinh phí (VND)", 750000)[1],
        with_cell(3, "Đến ngày", dt.date(2023, 7, 4))[3],
    ]
    rows[0][HEADER.index("Ngày nộp báo cáo")] = dt.datetime(2023, 3, 15, 9, 30)
    with writing(hg) as s:
        assert apply(s, ADMIN, xlsx_file(rows), "l.xlsx").added == 3
    with reading(hg) as s:
        assert s.scalar(select(Trip.funding_vnd).where(Trip.start_date == D(2023, 5, 10))) == 750000
        assert s.scalar(
            select(TripReport.submitted_at).join(Trip).where(Trip.start_date == D(2023, 3, 6))
        ) == dt.datetime(2023, 3, 15)


def test_importing_the_same_file_twice_adds_nothing(hg):
    with writing(hg) as s:
        apply(s, ADMIN, csv_file(GOOD), "lich-su.csv")
    before = everything(hg)
    with reading(hg) as s:
        plan = preview(s, ADMIN, csv_file(GOOD), "lich-su.csv")
    assert (plan.new, plan.existing) == (0, 8)
    assert {(y.year, y.ban_code): (y.new, y.existing) for y in plan.by_year_ban}[(2023, "TC")] == (0, 3)
    with writing(hg) as s:
        result = apply(s, ADMIN, xlsx_file(GOOD), "lich-su.xlsx")
    assert (result.added, result.existing, result.reports) == (0, 8, 0)
    after = everything(hg)
    assert after.pop("audit_log") == before.pop("audit_log") + 1  # the attempt itself, nothing imported
    assert after == before


def test_a_file_adding_to_trips_already_there_adds_only_the_new_ones(hg):
    with writing(hg) as s:
        apply(s, ADMIN, csv_file(GOOD[:5]), "2023.csv")
    with writing(hg) as s:
        result = apply(s, ADMIN, csv_file(GOOD), "2023-2024.csv")
    assert (result.added, result.existing) == (3, 5)
    with reading(hg) as s:
        assert s.scalar(select(func.count()).select_from(Trip)) == 8


def test_a_double_submit_of_the_import_writes_once(hg):
    with writing(hg) as s:
        apply(s, ADMIN, csv_file(GOOD), "l.csv", submission_id="sub-1")
    with writing(hg) as s:
        assert apply(s, ADMIN, csv_file(GOOD), "l.csv", submission_id="sub-1").repeated


def test_the_shell_prints_the_problems_and_exits_non_zero(hg, tmp_path, capsys):
    bad = tmp_path / "lich-su.csv"
    bad.write_bytes(csv_file(with_cell(0, "Mã cán bộ", "HG999")))
    assert seed_main(["--database-url", hg, "--trips", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Tệp có 1 lỗi; chưa có gì được ghi" in err and "Dòng 2 — Mã cán bộ" in err


def test_the_shell_previews_with_dry_run_and_writes_without(hg, tmp_path, capsys):
    good = tmp_path / "lich-su.xlsx"
    good.write_bytes(xlsx_file(GOOD))
    assert seed_main(["--database-url", hg, "--trips", str(good), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "8 chuyến đi trong tệp: 8 chuyến mới, 0 đã có" in out and "TC — Ban Tổ chức" in out
    with reading(hg) as s:
        assert s.scalar(select(func.count()).select_from(Trip)) == 0
    assert seed_main(["--database-url", hg, "--trips", str(good)]) == 0
    assert "Đã nhập 8 chuyến đi" in capsys.readouterr().out


def test_the_template_lists_the_columns_and_imports_once_filled(hg):
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx_of(hg)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS] == HEADER
    guide = [[c.value for c in row] for row in book.worksheets[1].iter_rows()]
    assert len(guide) == len(COLUMNS) + 1 and "Theo chuyên đề" in guide[HEADER.index("Nội dung") + 1][2]
    sheet.append([*GOOD[0][:1], dt.date(2023, 3, 6), dt.date(2023, 3, 8), *GOOD[0][3:]])
    buffer = io.BytesIO()
    book.save(buffer)
    with writing(hg) as s:
        assert apply(s, ADMIN, buffer.getvalue(), "mau.xlsx").added == 1
    assert template_csv().decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)


def template_xlsx_of(url) -> bytes:
    with reading(url) as s:
        return template_xlsx(s, 2023)


# --- Every figure right at once ------------------------------------------------------------------


def raw_figures(s) -> dict[str, set]:
    """Each kept table's rows, counted here from the trips, their days and content types alone."""
    made = {t.id: t for t in s.scalars(select(Trip).where(Trip.state == "done"))}
    province = dict(s.execute(select(Place.id, Place.province_code)).all())
    types = defaultdict(list)
    for trip_id, code in s.execute(select(TripContentType.trip_id, TripContentType.content_type)):
        types[trip_id].append(code)
    days = defaultdict(list)
    for trip_id, day, work in s.execute(select(TripDay.trip_id, TripDay.day, TripDay.is_workday)):
        if trip_id in made:
            days[trip_id].append((day, work))

    def add(table, key, *values):
        row = table.setdefault(key, [0] * len(values))
        for i, v in enumerate(values):
            row[i] += v

    cadre_years, cadre_months, ban_days, contents = {}, {}, {}, {}
    place_trips, place_cadres, province_trips, province_cadres = {}, defaultdict(set), {}, defaultdict(set)
    for trip_id, trip in made.items():
        per_year = defaultdict(list)
        for day, work in days[trip_id]:
            per_year[day.year].append(work)
            add(cadre_months, (day.replace(day=1), trip.cadre_id), 1, int(work))
            add(ban_days, (day, trip.ban_id), 1, int(work), trip.funding_vnd if day == trip.end_date else 0)
        for year, works in per_year.items():
            add(cadre_years, (year, trip.cadre_id), len(works), sum(works))
            for code in types[trip_id]:
                add(
                    contents,
                    (year, code, trip.ban_id, trip.cadre_id),
                    1,
                    len(works),
                    int(any(works)),
                    sum(works),
                )
            add(place_trips, (year, trip.place_id), 1)
            place_cadres[(year, trip.place_id)].add(trip.cadre_id)
            add(province_trips, (year, province[trip.place_id]), 1)
            province_cadres[(year, province[trip.place_id])].add(trip.cadre_id)
    return {
        "cadre_years": {(*k, *v) for k, v in cadre_years.items()},
        "cadre_months": {(*k, *v) for k, v in cadre_months.items()},
        "ban_days": {(*k, *v) for k, v in ban_days.items()},
        "cadre_year_contents": {(*k, *v) for k, v in contents.items()},
        "place_years": {(*k, v[0], len(place_cadres[k])) for k, v in place_trips.items()},
        "province_years": {(*k, v[0], len(province_cadres[k])) for k, v in province_trips.items()},
    }


def kept_figures(s) -> dict[str, set]:
    return {
        table.__tablename__: {tuple(r) for r in s.execute(select(*table.__table__.columns))}
        for table in rollups.TABLES
    }


def assert_figures_right(url, monkeypatch):
    with reading(url) as s:
        kept, raw = kept_figures(s), raw_figures(s)
    assert kept == raw
    for year in (2023, 2024):
        window = year_window(year)
        with reading(url) as s:
            from_kept = (
                participation.office_participation(s, window),
                content_mix.content_mix(s, window),
                place_visits.provinces_visited(s, window),
                participation.by_ban(s, window),
            )
        with monkeypatch.context() as m, reading(url) as s:
            m.setattr(rollups, "calendar_year", lambda w: None)
            m.setattr(rollups, "whole_months", lambda w: (None, [w]))
            assert from_kept == (
                participation.office_participation(s, window),
                content_mix.content_mix(s, window),
                place_visits.provinces_visited(s, window),
                participation.by_ban(s, window),
            )


def test_every_figure_is_right_at_once_after_an_import(hg, monkeypatch):
    # Trips the office recorded in the app before the import, counted as they were made.
    with writing(hg) as s:
        hung, son = (s.scalar(select(Cadre).where(Cadre.code == c)) for c in ("HG001", "HG005"))
        f.trip(
            s,
            hung,
            D(2023, 12, 28),
            D(2024, 1, 3),
            province="Hà Giang",
            host_unit="Đoàn xã Lũng Cú",
            district="Mèo Vạc",
            commune="Lũng Cú",
            content_types=("coorganise",),
        )
        f.trip(s, son, D(2023, 8, 5), D(2023, 8, 6), province="Tuyên Quang", host_unit="Huyện đoàn Na Hang")
    assert_figures_right(hg, monkeypatch)
    # A trip across the New Year, a weekend, a second province, the same place twice.
    rows = GOOD + [
        [
            "HG005",
            "30/12/2022",
            "02/01/2023",
            "Hà Giang",
            "",
            "",
            "Huyện đoàn Bắc Mê",
            "Kiểm tra, giám sát",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "HG002",
            "10/06/2023",
            "11/06/2023",
            "Tuyên Quang",
            "",
            "",
            "Huyện đoàn Na Hang",
            "Theo chuyên đề; Phối hợp tổ chức, triển khai hoạt động tại cơ sở",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    with writing(hg) as s:
        assert apply(s, ADMIN, xlsx_file(rows), "lich-su.xlsx").added == 10
    assert_figures_right(hg, monkeypatch)
    with reading(hg) as s:
        went = participation.office_participation(s, year_window(2023))
        assert (went.cadres, went.went) == (5, 5)
        assert (
            participation.office_participation(s, Window(D(2023, 1, 1), D(2023, 6, 30))).went == 4
        )  # HG004 in July
    with writing(hg) as s:  # counted again from scratch: the same rows
        rollups.rebuild(s)
    assert_figures_right(hg, monkeypatch)


def test_the_history_of_the_readme_office_gives_its_figures(db_url, tmp_path):
    offices.build(db_url, tmp_path)
    with reading(db_url) as s:
        p = participation.office_participation(s, year_window(2023))
        assert (p.went, p.cadres) == (offices.WENT_2023, 5)
        assert (
            s.scalar(select(func.count()).select_from(Trip).where(Trip.start_date < D(2024, 1, 1)))
            == offices.TRIPS_2023
        )
