import io

import openpyxl
import pandas as pd

from core.exports.spreadsheet import csv_bytes, neutralise, workbook


def test_formula_like_cells_are_neutralised():
    for bad in ("=1+1", "+84 912", "-2", "@SUM(A1)", "\tx", "\rx", "\x00x"):
        assert neutralise(bad).startswith("'")
    assert neutralise("Hà Giang") == "Hà Giang" and neutralise(5) == 5


def test_workbook_cells_read_back_as_text_not_formulas():
    frame = pd.DataFrame({"Tên": ['=HYPERLINK("http://x")', "Nguyễn Văn An"], "Số ngày": [3, 4]})
    book = openpyxl.load_workbook(io.BytesIO(workbook({"Cán bộ": frame})))
    sheet = book["Cán bộ"]
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")' and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "Nguyễn Văn An" and sheet["B3"].value == 4


def test_csv_is_utf8_with_bom_and_neutralised():
    data = csv_bytes(pd.DataFrame({"a": ["=cmd", "Đoàn"]}))
    assert data.startswith(b"\xef\xbb\xbf") and "'=cmd" in data.decode("utf-8-sig")


def test_one_leading_apostrophe_taken_off_gives_back_exactly_what_was_written():
    from core.roster_import.parsing import unneutralise

    for value in (
        "=1+1",
        "+84 912 345 678",
        "-",
        "@x",
        "'",
        "'=x",
        "''+y",
        "'abc",
        "abc",
        "",
        "\tx",
        5,
        None,
    ):
        assert unneutralise(neutralise(value)) == value, value
    assert neutralise("'=x") == "''=x" and neutralise("'abc") == "''abc"
