"""A made-up provincial office built the way the README tells a real one to start: the shell's
commands on an empty database (`--new-office`, the roster, the past trips), never the demo.

The bans come with the roster: its workbook's second sheet "Ban" makes them (roster_xlsx).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from seed.__main__ import main as seed_main

NAME = "Tỉnh đoàn Hà Giang"
ADMIN = "vanphong"
BANS = (("VP", "Văn phòng", 1), ("TC", "Ban Tổ chức", 2), ("PT", "Ban Phong trào", 3))
# code, name, ban, position, username, role
CADRES = (
    ("HG001", "Nguyễn Văn Hùng", "VP", "Bí thư Tỉnh đoàn", "bithu", "Lãnh đạo cơ quan"),
    ("HG002", "Trần Thị Lan", "TC", "Trưởng ban", "", "Lãnh đạo ban"),
    ("HG003", "Lê Văn Minh", "TC", "Chuyên viên", "", ""),
    ("HG004", "Phạm Thị Hoa", "PT", "Phó Trưởng ban", "", ""),
    ("HG005", "Hoàng Văn Sơn", "PT", "Chuyên viên", "", ""),
)
ROSTER_HEADER = (
    "Mã cán bộ",
    "Họ và tên",
    "Mã ban",
    "Chức vụ",
    "Thuộc đối tượng 1+2 (Có/Không)",
    "Tên đăng nhập",
    "Vai trò",
)
TRIPS_HEADER = (
    "Mã cán bộ",
    "Từ ngày",
    "Đến ngày",
    "Tỉnh/Thành phố",
    "Quận/Huyện",
    "Xã/Phường",
    "Đơn vị đến",
    "Nội dung",
    "Kinh phí (VND)",
    "Số quyết định cử đi",
    "Tình trạng báo cáo",
    "Ngày nộp báo cáo",
    "Kết quả",
    "Kiến nghị",
)
# Two years of history: four of the five cadres went in 2023, three of them in 2024.
TRIPS = (
    (
        "HG001",
        "06/03/2023",
        "08/03/2023",
        "Hà Giang",
        "Mèo Vạc",
        "Lũng Cú",
        "Đoàn xã Lũng Cú",
        "Theo chuyên đề; Kiểm tra, giám sát",
        "1.500.000",
        "12/QĐ-TĐ",
        "đã duyệt",
        "15/03/2023",
        "Đoàn xã duy trì sinh hoạt đều.",
        "Tăng kinh phí cho chi đoàn thôn\nMở lớp tập huấn kỹ năng",
    ),
    (
        "HG002",
        "10/05/2023",
        "12/05/2023",
        "Hà Giang",
        "Đồng Văn",
        "",
        "Huyện đoàn Đồng Văn",
        "Kiểm tra, giám sát",
        "",
        "",
        "đã nộp",
        "20/05/2023",
        "Kiểm tra công tác Đoàn 6 tháng.",
        "",
    ),
    (
        "HG003",
        "12/06/2023",
        "16/06/2023",
        "Hà Giang",
        "Yên Minh",
        "Mậu Duệ",
        "Đoàn xã Mậu Duệ",
        "Phối hợp tổ chức, triển khai hoạt động tại cơ sở",
        "2000000",
        "",
        "chưa nộp",
        "",
        "",
        "",
    ),
    (
        "HG004",
        "03/07/2023",
        "04/07/2023",
        "Hà Giang",
        "",
        "",
        "Đoàn trường THPT chuyên Hà Giang",
        "Dự sinh hoạt chuyên đề và sinh hoạt chi đoàn",
        "0",
        "",
        "đã duyệt",
        "10/07/2023",
        "Chi đoàn sôi nổi.",
        "",
    ),
    (
        "HG003",
        "18/09/2023",
        "20/09/2023",
        "Hà Giang",
        "Mèo Vạc",
        "Lũng Cú",
        "Đoàn xã Lũng Cú",
        "Theo chuyên đề",
        "",
        "",
        "đã duyệt",
        "25/09/2023",
        "Khảo sát thanh niên.",
        "",
    ),
    (
        "HG001",
        "04/03/2024",
        "06/03/2024",
        "Hà Giang",
        "Quản Bạ",
        "",
        "Huyện đoàn Quản Bạ",
        "Kiểm tra, giám sát",
        "",
        "",
        "đã duyệt",
        "08/03/2024",
        "Tốt.",
        "",
    ),
    (
        "HG005",
        "15/04/2024",
        "19/04/2024",
        "Hà Giang",
        "Bắc Mê",
        "",
        "Huyện đoàn Bắc Mê",
        "Phối hợp tổ chức, triển khai hoạt động tại cơ sở",
        "",
        "",
        "đã nộp",
        "25/04/2024",
        "Ổn.",
        "",
    ),
    (
        "HG004",
        "20/05/2024",
        "21/05/2024",
        "Hà Giang",
        "",
        "",
        "Đoàn trường THPT chuyên Hà Giang",
        "Dự sinh hoạt chuyên đề và sinh hoạt chi đoàn",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
)
TRIPS_2023 = 5
WENT_2023 = 4  # of 5 cadres subject to 1+2


def table_csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def roster_csv() -> bytes:
    return table_csv(
        ROSTER_HEADER,
        [(code, name, ban, position, "Có", user, role) for code, name, ban, position, user, role in CADRES],
    )


def roster_xlsx() -> bytes:
    """The roster as the /admin template lays it out: the cadres, then the sheet "Ban"."""
    import openpyxl

    book = openpyxl.Workbook()
    cadres = book.active
    cadres.title = "Danh sách cán bộ"
    cadres.append(ROSTER_HEADER)
    for code, name, ban, position, user, role in CADRES:
        cadres.append((code, name, ban, position, "Có", user, role))
    bans = book.create_sheet("Ban")
    bans.append(("Mã ban", "Tên ban", "Thứ tự"))
    for row in BANS:
        bans.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def trips_csv(rows=TRIPS) -> bytes:
    return table_csv(TRIPS_HEADER, rows)


def read_passwords(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row[0]: row[-1] for row in list(csv.reader(handle))[1:]}


@dataclass
class Office:
    url: str
    passwords: dict[str, str]  # one-time passwords by username


def build(url: str, folder: Path, trips: bool = True) -> Office:
    """--new-office, --roster (a workbook with its bans sheet) and (if `trips`) --trips on the
    empty database `url`."""
    args = ["--database-url", url]
    admin_csv = folder / "admin.csv"
    assert (
        seed_main(
            [
                *args,
                "--new-office",
                NAME,
                "--admin",
                ADMIN,
                "--passwords-csv",
                str(admin_csv),
                "--office-place",
                "Hà Giang",
            ]
        )
        == 0
    )
    (folder / "danh-sach.xlsx").write_bytes(roster_xlsx())
    roster_passwords = folder / "mat-khau.csv"
    assert (
        seed_main(
            [*args, "--roster", str(folder / "danh-sach.xlsx"), "--passwords-csv", str(roster_passwords)]
        )
        == 0
    )
    if trips:
        (folder / "lich-su.csv").write_bytes(trips_csv())
        assert seed_main([*args, "--trips", str(folder / "lich-su.csv")]) == 0
    return Office(url, {**read_passwords(admin_csv), **read_passwords(roster_passwords)})
