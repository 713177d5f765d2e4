"""The Word report and the workbook of the review, opened and read back."""

import datetime as dt
import io

import openpyxl
from docx import Document

from core import progress, summary
from core.exports import review_report
from core.periods import Window
from db.session import reading

D = dt.date
WINDOW = Window(D(2018, 6, 1), D(2018, 7, 31))
MEETING_DAY = D(2018, 8, 9)
TABLE_TOP = 4  # the workbook's header row: under the title's two lines and a blank one


def summary_as(actor_of, demo_url, username="lanhdao"):
    with reading(demo_url) as s:
        return summary.summary(s, actor_of(username), WINDOW, MEETING_DAY)


def test_word_report_is_an_administrative_paper_with_the_screen_figures(actor_of, demo_url):
    s = summary_as(actor_of, demo_url)
    doc = Document(io.BytesIO(review_report.report(s, "vi")))
    header = doc.tables[0].rows[0].cells
    assert [p.text for p in header[0].paragraphs if p.text] == [
        "BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH",
        "CƠ QUAN TRUNG ƯƠNG ĐOÀN",
        "***",
        "Số:       -BC/TWĐTN-VP",  # numbered by the clerk as it is issued
    ]
    assert [p.text for p in header[1].paragraphs if p.text] == [
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "Hà Nội, ngày 09 tháng 8 năm 2018",
    ]
    text = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in text
    assert "Sơ kết thực hiện chế độ đi công tác cơ sở của cán bộ từ 01/06/2018 đến 31/07/2018" in text
    assert any("97/111 cán bộ" in p for p in text)
    for heading in (
        "I. KẾT QUẢ THỰC HIỆN",
        "2. Kết quả theo ban",
        "II. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT",
        "III. KẾT LUẬN VÀ PHƯƠNG HƯỚNG",
    ):
        assert heading in text
    by_ban = doc.tables[1]
    with reading(demo_url) as session:
        bans = progress.ban_progress(session, WINDOW, MEETING_DAY)
    assert [r.cells[1].text for r in by_ban.rows[1:-1]] == [b.name for b in bans]
    assert [int(r.cells[3].text) for r in by_ban.rows[1:-1]] == [b.participation.went for b in bans]
    totals = [c.text for c in by_ban.rows[-1].cells]
    assert totals[1:4] == ["Tổng cộng", "111", "97"] and totals[4] == "87,4%"
    assert len(doc.inline_shapes) == 4  # the three charts and the map of provinces
    assert any("uổng phí một lần đi cơ sở" in p for p in text)  # the meeting's conclusions


def test_a_quarter_is_named_as_such_in_the_title():
    assert summary.period_name(Window(D(2018, 4, 1), D(2018, 6, 30)), "vi") == "quý II/2018"
    assert summary.period_name(Window(D(2018, 1, 1), D(2018, 6, 30)), "vi") == "6 tháng đầu năm 2018"
    assert summary.period_name(Window(D(2018, 1, 1), D(2018, 12, 31)), "en") == "the year 2018"


def test_workbook_holds_the_same_tables_with_formulas_neutralised(actor_of, demo_url):
    s = summary_as(actor_of, demo_url)
    book = openpyxl.load_workbook(io.BytesIO(review_report.workbook(s, "vi")))
    assert book.sheetnames == [
        "Theo ban",
        "Theo nội dung",
        "Chưa đi cơ sở",
        "Mô hình hay",
        "Kiến nghị",
        "Kiến nghị theo ban",
        "Kinh phí",
    ]
    bans = list(book["Theo ban"].iter_rows(min_row=TABLE_TOP + 1, values_only=True))
    assert sum(row[2] for row in bans) == s.headline.participation.went
    assert sum(row[5] for row in bans) == s.headline.participation.days
    assert book["Chưa đi cơ sở"].max_row - TABLE_TOP == len(s.absentees) == 14
    assert book["Kiến nghị"].max_row - TABLE_TOP == len(s.proposals)
    risky = s.proposals[0].__class__(**{**s.proposals[0].__dict__, "text": '=HYPERLINK("x")'})
    cells = openpyxl.load_workbook(
        io.BytesIO(
            review_report.workbook(summary.PeriodSummary(**{**s.__dict__, "proposals": [risky]}), "vi")
        )
    )["Kiến nghị"]
    assert cells[f"A{TABLE_TOP + 1}"].value == '\'=HYPERLINK("x")'


def test_chart_spec_carries_its_rows_without_the_default_300px_view(demo_url):
    import json

    from core import charts

    with reading(demo_url) as session:
        bans = progress.ban_progress(session, WINDOW, MEETING_DAY)
    spec = charts.spec(charts.participation(bans, "vi", large=True))
    assert "continuousWidth" not in json.dumps(spec) and spec["config"]["font"] == charts.FONT
    assert [len(rows) for rows in spec["datasets"].values()] == [len(bans)]
