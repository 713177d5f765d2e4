"""The review's Word report laid out as an administrative paper that reads well on paper, and
its workbook as a table of numbers: opened and read back from the demo's two months."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from core.exports import review_report, spreadsheet
from core.exports.docx_layout import TEXT_WIDTH_CM, capitalised, sentences
from tests.core.test_report_docx import TABLE_TOP, summary_as


@pytest.fixture
def two_months(actor_of, demo_url):
    s = summary_as(actor_of, demo_url)
    return s, Document(io.BytesIO(review_report.report(s, "vi")))


def _data_tables(doc):
    """The tables of figures (the header and the signature are layout tables without borders)."""
    return [t for t in doc.tables if t.style is not None and t.style.name == "Table Grid"]


def _body(doc):
    """The body's paragraphs and tables in order, as ("p", text) and ("t", table)."""
    tables = {t._tbl: t for t in doc.tables}
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            yield "p", "".join(x.text or "" for x in el.iter(qn("w:t"))), el
        elif el.tag == qn("w:tbl"):
            yield "t", tables[el], el


def test_every_table_repeats_its_header_on_each_page_and_keeps_its_rows_whole(two_months):
    _s, doc = two_months
    tables = _data_tables(doc)
    assert len(tables) >= 6
    for table in tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
        assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])


def test_columns_are_fitted_to_the_page_and_to_their_content(two_months):
    s, doc = two_months
    for table in _data_tables(doc):
        widths = [c.width for c in table.columns]
        assert abs(sum(widths) - Cm(TEXT_WIDTH_CM)) < Cm(0.5)
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    proposals = _data_tables(doc)[-1]  # the annex's last ban
    widths = [c.width for c in proposals.columns]
    # The proposal's text takes the most room, "TT" the least.
    assert widths[1] == max(widths) and widths[1] > Cm(5)
    assert widths[0] == min(widths) and widths[0] < Cm(1.5)


def _annex_tables(doc):
    body = list(_body(doc))
    start = next(i for i, (kind, x, _) in enumerate(body) if kind == "p" and x == "PHỤ LỤC")
    return [x for kind, x, _ in body[start:] if kind == "t"]


def test_the_proposals_are_counted_by_ban_in_the_body_and_listed_in_the_annex(two_months):
    s, doc = two_months
    body = list(_body(doc))
    texts = [x for kind, x, _ in body if kind == "p"]
    annex = texts.index("PHỤ LỤC")
    signature = next(
        i for i, (kind, x, _) in enumerate(body) if kind == "t" and "Nơi nhận:" in x.cell(0, 0).text
    )
    annex_at = next(i for i, (kind, x, _) in enumerate(body) if kind == "p" and x == "PHỤ LỤC")
    assert signature < annex_at
    # A page break opens the annex.
    assert any(br.get(qn("w:type")) == "page" for br in body[annex_at - 1][2].iter(qn("w:br")))
    # One table a ban, under the ban's title; every proposal once.
    listed = _annex_tables(doc)
    assert len(listed) == len(s.proposal_counts)
    assert [len(t.rows) - 1 for t in listed] == [c.total for c in s.proposal_counts]
    texts_listed = sorted(r.cells[1].text for t in listed for r in t.rows[1:])
    assert texts_listed == sorted(p.text for p in s.proposals) and len(texts_listed) == 309
    titles = [x for x in texts[annex:] if re.match(r"^\d+\. ", x)]
    assert titles[0] == f"1. {s.proposal_counts[0].ban} ({s.proposal_counts[0].total} kiến nghị)"
    # In the body: one row a ban, and the totals.
    by_ban = next(t for t in _data_tables(doc) if t.rows[0].cells[2].text == "Số kiến nghị")
    assert [r.cells[1].text for r in by_ban.rows[1:-1]] == [c.ban for c in s.proposal_counts]
    assert by_ban.rows[-1].cells[1].text == "Tổng cộng"
    assert int(by_ban.rows[-1].cells[2].text) == sum(c.total for c in s.proposal_counts) == len(s.proposals)
    assert not any(
        p.text in texts[:annex] for p in s.proposals[:20]
    )  # not one proposal's text before the annex
    assert any("danh sách đầy đủ tại Phụ lục" in x for x in texts[:annex])


def test_the_paper_ends_with_its_recipients_and_a_signature_block(two_months):
    s, doc = two_months
    foot = next(t for t in doc.tables if "Nơi nhận:" in t.cell(0, 0).text)
    recipients = [p.text for p in foot.cell(0, 0).paragraphs if p.text]
    assert recipients[0] == "Nơi nhận:"
    assert recipients[1] == "- BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH (để báo cáo);"
    assert recipients[-1] == "- Lưu: VP."
    signed = [p.text for p in foot.cell(0, 1).paragraphs]
    named = [x for x in signed if x]
    assert named[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert named[2] == s.settings["signer_name"] and named[2]
    assert signed.index(named[2]) - signed.index("BÍ THƯ") >= 4  # room to sign


def test_headings_stay_with_what_follows_them(two_months):
    _s, doc = two_months
    for p in doc.paragraphs:
        if re.match(r"^(I|II|III|\d)\. ", p.text):
            assert p.paragraph_format.keep_with_next, p.text


def test_funding_is_in_the_report_with_its_totals(two_months):
    s, doc = two_months
    texts = [p.text for p in doc.paragraphs]
    assert "6. Kinh phí đi cơ sở" in texts
    assert s.funding.spent > 0 and s.funding.budget > 0
    funding = next(t for t in _data_tables(doc) if t.rows[0].cells[2].text == "Đã chi")
    assert [r.cells[1].text for r in funding.rows[1:-1]] == [b.name for b in s.funding.bans]
    total = funding.rows[-1].cells
    assert total[1].text == "Tổng cộng" and total[2].text == f"{s.funding.spent:,}".replace(",", ".")


def _all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        if table not in _data_tables(doc):
            for cell in table.rows[0].cells:
                yield from cell.paragraphs


def test_no_sentence_starts_in_lowercase(two_months):
    _s, doc = two_months
    for p in _all_paragraphs(doc):
        text = p.text.strip()
        first = re.search(r"\w", text)
        if first and not first.group().isdigit():
            assert first.group().isupper(), text
        for after_stop in re.finditer(r"[.!?]\s+(\w)", text):
            assert not after_stop.group(1).islower(), text


def test_a_sentence_opens_in_upper_case_and_a_figure_is_left_alone():
    assert (
        capitalised("từ 01/06/2018 đến 31/07/2018, toàn cơ quan")
        == "Từ 01/06/2018 đến 31/07/2018, toàn cơ quan"
    )
    assert capitalised("- đoàn xã tả van") == "- Đoàn xã tả van"
    assert capitalised("111/111 cán bộ") == "111/111 cán bộ"
    assert capitalised("“ngày chủ nhật xanh”") == "“Ngày chủ nhật xanh”"
    assert (
        sentences("tăng kinh phí. cần hỗ trợ! được không? có") == "Tăng kinh phí. Cần hỗ trợ! Được không? Có"
    )


def test_the_workbook_holds_numbers_with_formats_under_a_title(actor_of, demo_url):
    s = summary_as(actor_of, demo_url)
    book = openpyxl.load_workbook(io.BytesIO(review_report.workbook(s, "vi")))
    for sheet in book.worksheets:
        assert sheet["A1"].value.startswith("CƠ QUAN TRUNG ƯƠNG ĐOÀN — ") and sheet["A1"].font.bold
        assert "từ 01/06/2018 đến 31/07/2018" in sheet["A1"].value + sheet["A2"].value
        header = list(sheet.iter_rows(min_row=TABLE_TOP, max_row=TABLE_TOP))[0]
        assert all(c.font.bold for c in header)
        assert sheet.freeze_panes == f"A{TABLE_TOP + 1}"
        assert sheet.auto_filter.ref.startswith(f"A{TABLE_TOP}:")
        for column in sheet.iter_cols(min_row=TABLE_TOP + 1):
            for cell in column:
                # No figure written as text ("92,3%", "1.090", "3/5").
                assert not (isinstance(cell.value, str) and re.fullmatch(r"[\d.,%/ ]+", cell.value)), (
                    cell.value
                )
    bans = book["Theo ban"]
    head = [c.value for c in bans[TABLE_TOP]]
    rate = bans.cell(TABLE_TOP + 1, head.index("Tỉ lệ") + 1)
    assert (
        isinstance(rate.value, (int, float)) and rate.number_format == spreadsheet.PERCENT
    )  # 1 reads back as 1
    assert rate.value == s.bans[0].participation.rate
    days = bans.cell(TABLE_TOP + 1, head.index("Số ngày") + 1 if "Số ngày" in head else 6)
    assert isinstance(days.value, int) and days.number_format == spreadsheet.COUNT
    reported = [
        r[head.index("Báo cáo đã nộp")] for r in bans.iter_rows(min_row=TABLE_TOP + 1, values_only=True)
    ]
    assert sum(reported) == s.headline.reports.reported
    money = book["Kinh phí"]
    head = [c.value for c in money[TABLE_TOP]]
    spent = [r[head.index("Đã chi")] for r in money.iter_rows(min_row=TABLE_TOP + 1, values_only=True)]
    assert sum(spent) == s.funding.spent
    assert money.cell(TABLE_TOP + 1, head.index("Đã chi") + 1).number_format == spreadsheet.MONEY
    assert money.cell(TABLE_TOP + 1, head.index("Tỉ lệ sử dụng") + 1).number_format == spreadsheet.PERCENT
    # Columns as wide as their content: the bans' names are wider than the counts.
    assert money.column_dimensions["A"].width > money.column_dimensions["D"].width >= 8


def test_a_workbook_without_a_title_keeps_its_header_on_the_first_row():
    import pandas as pd

    book = openpyxl.load_workbook(
        io.BytesIO(spreadsheet.workbook({"Cán bộ": pd.DataFrame({"Tên": ["A"], "Số ngày": [3]})}))
    )
    sheet = book["Cán bộ"]
    assert [c.value for c in sheet[1]] == ["Tên", "Số ngày"] and sheet["B2"].value == 3
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:B2" and sheet["A1"].font.bold
